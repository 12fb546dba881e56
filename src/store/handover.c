/*
 * handover.c - warm handovers (R5): proposed with outgoing and incoming
 * person, role and planned date; the joint meeting with her; acceptance.
 *
 * Invariants:
 *   1. This file records the handover only; moving the team membership on
 *      acceptance is the caller's, in the same transaction (api/handovers.c).
 *   2. Meeting notes are encrypted with their row id bound in.
 *   3. A handover changes only while it is proposed: the update is
 *      conditional on that status, so of racing accepts and withdrawals
 *      exactly one changes the row and the others get 409.
 */
#include "store/cont_impl.h"
#include "util/names.h"

static const char *const ho_names[] = { "proposed", "accepted", "withdrawn" };

NAMES_DEFINE(handover_status, enum handover_status, ho_names, 3)

#define HO_COLS "h.id, h.trajectory_id, h.outgoing_user_id, uo.display_name, " \
	"h.incoming_user_id, ui.display_name, h.role, h.proposed_on, " \
	"h.planned_date, h.meeting_date, h.meeting_with_her, " \
	"h.meeting_notes_enc, h.status, h.accepted_on, h.created_at, h.approval"
#define HO_FROM " FROM handover h LEFT JOIN app_user uo ON uo.id = " \
	"h.outgoing_user_id JOIN app_user ui ON ui.id = h.incoming_user_id "

STORE_KIND(role_col, team_role_parse, enum team_role, TEAM_OTHER)
STORE_KIND(status_col, handover_status_parse, enum handover_status,
    HO_PROPOSED)

STORE_ROW_FN(ho_row, struct handover_rec, h, "ssssssk" "dddbekdss", &h->id,
    &h->trajectory_id, &h->outgoing_id, &h->outgoing_name, &h->incoming_id,
    &h->incoming_name, role_col, &h->role, &h->proposed_on,
    &h->planned_date, &h->meeting_date, &h->meeting_with_her, "handover",
    "meeting_notes", &h->id, &h->meeting_notes, status_col, &h->status,
    &h->accepted_on, &h->created_at, &h->approval)

STORE_LIST_FN(store_handover_list, struct handover_rec, ho_row,
    const char *, trajectory_id, "SELECT " HO_COLS HO_FROM "WHERE "
    "h.trajectory_id = ? ORDER BY h.proposed_on, h.id", "s", trajectory_id)

STORE_GET_FN(store_handover_get, struct handover_rec, ho_row, trajectory_id,
    R_HANDOVER_NOT_FOUND, "handover", "SELECT " HO_COLS HO_FROM "WHERE "
    "h.trajectory_id = ? AND h.id = ?", "ss", trajectory_id, id)

int
store_handover_insert(struct db *db, struct arena *a, struct handover_rec *h,
    const char *proposed_by, struct err *e)
{
	char now[INSTANT_LEN + 1];

	h->id = store_new_id(a, now);
	return store_exec(db, a, e, "INSERT INTO handover (id, trajectory_id, "
	    "outgoing_user_id, incoming_user_id, role, proposed_on, "
	    "planned_date, meeting_date, meeting_with_her, meeting_notes_enc, "
	    "status, accepted_on, proposed_by, created_at, updated_at, "
	    "approval) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    "sssssdddbesdssss",
	    h->id, h->trajectory_id, h->outgoing_id, h->incoming_id,
	    team_role_name(h->role), h->proposed_on, h->planned_date,
	    h->meeting_date, h->meeting_with_her, "handover", "meeting_notes",
	    h->id, h->meeting_notes, handover_status_name(h->status),
	    h->accepted_on, proposed_by, now, now, h->approval) < 0 ? -1 : 0;
}

int
store_handover_decide(struct db *db, struct arena *a, const char *id,
    bool approve, const char *by, struct err *e)
{
	char now[INSTANT_LEN + 1];

	instant_now(now);
	return store_found(store_exec(db, a, e, "UPDATE handover SET "
	    "approval = ?, approval_by = ?, approval_on = ?, status = ?, "
	    "updated_at = ? WHERE id = ? AND approval = 'pending' AND status = "
	    "'proposed'", "ssssss", approve ? "approved" : "refused", by, now,
	    approve ? "proposed" : "withdrawn", now, id), e, ERR_CONFLICT, NULL,
	    R_HANDOVER_NO_APPROVAL_PENDING,
	    "this handover waits for no approval");
}

int
store_handover_update(struct db *db, struct arena *a,
    const struct handover_rec *h, struct err *e)
{
	char now[INSTANT_LEN + 1];

	instant_now(now);
	/* Invariant 3: only a proposed handover changes, in one statement. */
	return store_found(store_exec(db, a, e, "UPDATE handover SET "
	    "planned_date = ?, "
	    "meeting_date = ?, meeting_with_her = ?, meeting_notes_enc = ?, "
	    "status = ?, accepted_on = ?, updated_at = ? WHERE id = ? AND "
	    "status = 'proposed'", "ddbesdss", h->planned_date,
	    h->meeting_date, h->meeting_with_her, "handover", "meeting_notes",
	    h->id, h->meeting_notes, handover_status_name(h->status),
	    h->accepted_on, now, h->id), e, ERR_CONFLICT, NULL,
	    R_HANDOVER_NOT_PROPOSED,
	    "this handover was accepted or withdrawn meanwhile");
}
