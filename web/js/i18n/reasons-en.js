// reasons-en.js - English text for every reason key the server can give
// (src/util/reasons.def). One entry per line, each ending in a comma: this
// file merges as a union. tests/api/reasons.test.mjs fails when a key lacks.
export const REASONS_EN = {
  'invalid': 'This input is not valid.',
  'unauthorized': 'You are not (or no longer) logged in.',
  'forbidden': 'Your role may not do this.',
  'not_found': 'Not found.',
  'conflict': 'This conflicts with what is already recorded.',
  'too_large': 'The input is too large.',
  'rate_limited': 'Too many attempts; try again later.',
  'locked': 'This account is temporarily locked.',
  'internal': 'Something went wrong on the server. Please try again.',
  'year.out_of_range': 'Choose a year from 2000 up to this year.',
  'figures.role_not_allowed': 'Only a municipality or the national monitor sees these figures.',
  'figures.no_municipality': 'Your account does not belong to a municipality.',
};
