// reasons-nl.js - Dutch text for every reason key the server can give
// (src/util/reasons.def). One entry per line, each ending in a comma: this
// file merges as a union. tests/api/reasons.test.mjs fails when a key lacks.
export const REASONS_NL = {
  'invalid': 'Deze invoer is niet geldig.',
  'unauthorized': 'U bent niet (meer) ingelogd.',
  'forbidden': 'Uw rol mag dit niet doen.',
  'not_found': 'Niet gevonden.',
  'conflict': 'Dit botst met wat al is vastgelegd.',
  'too_large': 'De invoer is te groot.',
  'rate_limited': 'Te veel pogingen; probeer het later opnieuw.',
  'locked': 'Dit account is tijdelijk geblokkeerd.',
  'internal': 'Er ging iets mis aan de kant van de server. Probeer het opnieuw.',
  'access.not_for_this_act': 'Uw rol mag dit bij deze cliënt niet doen.',
  'access.team_or_coordinator_only': 'Alleen haar team en haar coördinator schrijven dit.',
  'access.herself_only': 'Alleen zij zelf schrijft dit.',
  'access.partner_own_placements_only': 'Een partneraanbieder ziet alleen de eigen plaatsingen.',
  'break_glass.staff_only': 'Alleen hulpverleners en coördinatoren kunnen noodtoegang vragen.',
  'portal.herself_only': 'Het portaal is voor het meisje zelf.',
  'client.coordinator_registers': 'Alleen een coördinator registreert cliënten.',
  'client.not_found': 'Cliënt niet gevonden.',
  'handover.not_found': 'Overdracht niet gevonden.',
  'handover.incoming_only': 'Alleen de nieuwe hulpverlener accepteert deze overdracht.',
  'trajectory.none_yet': 'Deze cliënt heeft nog geen traject; start er eerst een.',
  'trajectory.closed': 'Het traject is afgesloten; heropen het eerst.',
  'transition_plan.her_view_only': 'Je mag alleen je eigen kijk aanpassen.',
  'journal.never_changed_in_place': 'Een journaalnotitie wordt nooit overschreven; schrijf een correctie, de eerdere versie blijft bestaan.',
};
