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
  'access.not_for_this_act': 'Your role may not do this for this client.',
  'access.team_or_coordinator_only': 'Only her team and her coordinator write this.',
  'access.herself_only': 'Only she herself writes this.',
  'access.partner_own_placements_only': 'A partner provider sees only its own placements.',
  'break_glass.staff_only': 'Only caregivers and coordinators can request emergency access.',
  'portal.herself_only': 'The portal is for the girl herself.',
  'client.coordinator_registers': 'Only a coordinator registers clients.',
  'client.not_found': 'Client not found.',
  'handover.not_found': 'Handover not found.',
  'handover.incoming_only': 'Only the incoming person accepts this handover.',
  'trajectory.none_yet': 'This client has no trajectory yet; start one first.',
  'trajectory.closed': 'The trajectory is closed; reopen it first.',
  'transition_plan.her_view_only': 'You may change your own view only.',
  'journal.never_changed_in_place': 'A journal entry is never changed in place; write a correction and the earlier version stays.',
};
