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
  'organisation.name_taken': 'Er bestaat al een organisatie met deze naam.',
  'user.unknown': 'Deze gebruiker bestaat niet.',
  'client.duplicate': 'Er is al een cliënt met dit pseudoniem of dit BSN.',
  'client.role_no_access': 'Uw rol heeft geen toegang tot cliëntdossiers.',
};
