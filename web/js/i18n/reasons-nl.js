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
  'year.out_of_range': 'Kies een jaar van 2000 tot en met dit jaar.',
  'figures.role_not_allowed': 'Alleen een gemeente of de landelijke monitor ziet deze cijfers.',
  'figures.no_municipality': 'Uw account hoort niet bij een gemeente.',
};
