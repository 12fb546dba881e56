/*
 * handover.c - warm handovers (R5): proposed with outgoing and incoming
 * person, role and planned date; the joint meeting with her; acceptance.
 *
 * Invariants:
 *   1. This file records the handover only; moving the team membership on
 *      acceptance is the caller's, in the same transaction (api/handovers.c).
 *   2. Meeting notes are encrypted with their row id bound in.
 */
#include "store/cont_impl.h"

static const char *const ho_names[] = { "proposed", "accepted", "withdrawn" };

const char *
handover_status_name(enum handover_status s)
{
	return ho_names[s];
}

#define HO_COLS "h.id, h.trajectory_id, h.outgoing_user_id, uo.display_name, " \
	"h.incoming_user_id, ui.display_name, h.role, h.proposed_on, " \
	"h.planned_date, h.meeting_date, h.meeting_with_her, " \
	"h.meeting_notes_enc, h.status, h.accepted_on, h.created_at"
#define HO_FROM " FROM handover h LEFT JOIN app_user uo ON uo.id = " \
	"h.outgoing_user_id JOIN app_user ui ON ui.id = h.incoming_user_id "

static int
ho_read(struct db_stmt *st, struct arena *a, struct handover_rec *h,
    struct err *e)
{
	const char *s;

	memset(h, 0, sizeof *h);
	h->id = store_col_str(st, a, 0);
	h->trajectory_id = store_col_str(st, a, 1);
	h->outgoing_id = store_col_str(st, a, 2);
	h->outgoing_name = store_col_str(st, a, 3);
	h->incoming_id = store_col_str(st, a, 4);
	h->incoming_name = store_col_str(st, a, 5);
	if (team_role_parse(db_col_text(st, 6), &h->role) != 0)
		h->role = TEAM_OTHER;
	h->proposed_on = store_col_date(st, 7);
	h->planned_date = store_col_date(st, 8);
	h->meeting_date = store_col_date(st, 9);
	h->meeting_with_her = db_col_int64(st, 10) != 0;
	s = db_col_text(st, 12);
	h->status = s && strcmp(s, "accepted") == 0 ? HO_ACCEPTED :
	    s && strcmp(s, "withdrawn") == 0 ? HO_WITHDRAWN : HO_PROPOSED;
	h->accepted_on = store_col_date(st, 13);
	h->created_at = store_col_str(st, a, 14);
	return store_col_dec(st, 11, a, "handover", "meeting_notes", h->id,
	    &h->meeting_notes, e);
}

int
store_handover_list(struct db *db, struct arena *a,
    const char *trajectory_id, struct handover_rec **out, size_t *n,
    struct err *e)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (db_prepare(db, "SELECT " HO_COLS HO_FROM "WHERE h.trajectory_id = ? "
	    "ORDER BY h.proposed_on, h.id", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, trajectory_id);
	while ((rc = db_step(st, e)) == 1) {
		struct handover_rec *h = store_grow(a, (void **)out, n, &cap,
		    sizeof *h);

		if (ho_read(st, a, h, e) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

int
store_handover_get(struct db *db, struct arena *a, const char *trajectory_id,
    const char *id, struct handover_rec *out, struct err *e)
{
	struct db_stmt *st = NULL;
	int rc;

	if (db_prepare(db, "SELECT " HO_COLS HO_FROM "WHERE h.trajectory_id = ? "
	    "AND h.id = ?", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, trajectory_id);
	db_bind_text(st, 2, id);
	rc = db_step(st, e);
	if (rc == 1)
		rc = ho_read(st, a, out, e) == 0 ? 1 : -1;
	db_finalize(st);
	if (rc == 0)
		return err_setr(e, ERR_NOT_FOUND, NULL,
		    R_HANDOVER_NOT_FOUND, "handover not found");
	return rc < 0 ? -1 : 0;
}

int
store_handover_insert(struct db *db, struct arena *a, struct handover_rec *h,
    const char *proposed_by, struct err *e)
{
	char now[INSTANT_LEN + 1];
	struct db_stmt *st = NULL;

	h->id = store_new_id(a, now);
	if (db_prepare(db, "INSERT INTO handover (id, trajectory_id, "
	    "outgoing_user_id, incoming_user_id, role, proposed_on, "
	    "planned_date, meeting_date, meeting_with_her, meeting_notes_enc, "
	    "status, accepted_on, proposed_by, created_at, updated_at) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, h->id);
	db_bind_text(st, 2, h->trajectory_id);
	db_bind_text(st, 3, h->outgoing_id);
	db_bind_text(st, 4, h->incoming_id);
	db_bind_text(st, 5, team_role_name(h->role));
	store_bind_date(st, 6, h->proposed_on);
	store_bind_date(st, 7, h->planned_date);
	store_bind_date(st, 8, h->meeting_date);
	db_bind_int64(st, 9, h->meeting_with_her);
	store_bind_enc(st, 10, a, "handover", "meeting_notes", h->id,
	    h->meeting_notes);
	db_bind_text(st, 11, handover_status_name(h->status));
	store_bind_date(st, 12, h->accepted_on);
	db_bind_text(st, 13, proposed_by);
	db_bind_text(st, 14, now);
	db_bind_text(st, 15, now);
	return store_step_done(st, e);
}

int
store_handover_update(struct db *db, struct arena *a,
    const struct handover_rec *h, struct err *e)
{
	char now[INSTANT_LEN + 1];
	struct db_stmt *st = NULL;

	instant_now(now);
	if (db_prepare(db, "UPDATE handover SET planned_date = ?, "
	    "meeting_date = ?, meeting_with_her = ?, meeting_notes_enc = ?, "
	    "status = ?, accepted_on = ?, updated_at = ? WHERE id = ?", &st,
	    e) != 0)
		return -1;
	store_bind_date(st, 1, h->planned_date);
	store_bind_date(st, 2, h->meeting_date);
	db_bind_int64(st, 3, h->meeting_with_her);
	store_bind_enc(st, 4, a, "handover", "meeting_notes", h->id,
	    h->meeting_notes);
	db_bind_text(st, 5, handover_status_name(h->status));
	store_bind_date(st, 6, h->accepted_on);
	db_bind_text(st, 7, now);
	db_bind_text(st, 8, h->id);
	return store_step_done(st, e);
}
