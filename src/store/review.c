/*
 * review.c - periodic reviews of a placement (R11) as they were held:
 * date, participants, whether she was there, outcome and next date.
 * When the next one is due is computed by core/alerts.c, not stored.
 *
 * Invariant: participants and outcome are encrypted with the row id.
 */
#include "store/cont_impl.h"

int
store_review_list(struct db *db, struct arena *a, const char *trajectory_id,
    struct review_rec **out, size_t *n, struct err *e)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (db_prepare(db, "SELECT r.id, r.phase_id, r.held_on, r.next_date, "
	    "r.participants_enc, r.outcome_enc, r.she_attended, u.display_name, "
	    "r.created_at FROM review r LEFT JOIN app_user u ON u.id = "
	    "r.recorded_by WHERE r.trajectory_id = ? ORDER BY r.held_on, r.id",
	    &st, e) != 0)
		return -1;
	db_bind_text(st, 1, trajectory_id);
	while ((rc = db_step(st, e)) == 1) {
		struct review_rec *r = store_grow(a, (void **)out, n, &cap,
		    sizeof *r);

		r->id = store_col_str(st, a, 0);
		r->phase_id = store_col_str(st, a, 1);
		r->held_on = store_col_date(st, 2);
		r->next_date = store_col_date(st, 3);
		r->she_attended = db_col_int64(st, 6) != 0;
		r->recorded_by_name = store_col_str(st, a, 7);
		r->created_at = store_col_str(st, a, 8);
		if (store_col_dec(st, 4, a, "review", "participants", r->id,
		    &r->participants, e) != 0 ||
		    store_col_dec(st, 5, a, "review", "outcome", r->id,
		    &r->outcome, e) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

int
store_review_insert(struct db *db, struct arena *a, const char *trajectory_id,
    struct review_rec *r, const char *user_id, struct err *e)
{
	char now[INSTANT_LEN + 1];
	struct db_stmt *st = NULL;

	r->id = store_new_id(a, now);
	if (db_prepare(db, "INSERT INTO review (id, trajectory_id, phase_id, "
	    "held_on, participants_enc, she_attended, outcome_enc, next_date, "
	    "recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    &st, e) != 0)
		return -1;
	db_bind_text(st, 1, r->id);
	db_bind_text(st, 2, trajectory_id);
	db_bind_text(st, 3, r->phase_id);
	store_bind_date(st, 4, r->held_on);
	store_bind_enc(st, 5, a, "review", "participants", r->id,
	    r->participants);
	db_bind_int64(st, 6, r->she_attended);
	store_bind_enc(st, 7, a, "review", "outcome", r->id, r->outcome);
	store_bind_date(st, 8, r->next_date);
	db_bind_text(st, 9, user_id);
	db_bind_text(st, 10, now);
	return store_step_done(st, e);
}
