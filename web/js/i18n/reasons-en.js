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
  'organisation.name_taken': 'An organisation with this name exists already.',
  'user.unknown': 'This user does not exist.',
  'client.duplicate': 'A client with this pseudonym or BSN exists already.',
  'client.role_no_access': 'Your role has no access to client records.',
};
