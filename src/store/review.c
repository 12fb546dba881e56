/*
 * review.c - periodic reviews of a placement (R11) as they were held:
 * date, participants, whether she was there, outcome and next date.
 * When the next one is due is computed by core/alerts.c, not stored.
 *
 * Invariant: participants and outcome are encrypted with the row id.
 */
#include "store/cont_impl.h"

STORE_ROW_FN(review_row, struct review_rec, r, "ssddeebss", &r->id,
    &r->phase_id, &r->held_on, &r->next_date, "review", "participants", &r->id,
    &r->participants, "review", "outcome", &r->id, &r->outcome,
    &r->she_attended, &r->recorded_by_name, &r->created_at)

STORE_LIST_FN(store_review_list, struct review_rec, review_row,
    const char *, trajectory_id, "SELECT r.id, r.phase_id, r.held_on, "
    "r.next_date, r.participants_enc, r.outcome_enc, r.she_attended, "
    "u.display_name, r.created_at FROM review r LEFT JOIN app_user u ON u.id "
    "= r.recorded_by WHERE r.trajectory_id = ? ORDER BY r.held_on, r.id", "s",
    trajectory_id)

int
store_review_insert(struct db *db, struct arena *a, const char *trajectory_id,
    struct review_rec *r, const char *user_id, struct err *e)
{
	char now[INSTANT_LEN + 1];

	r->id = store_new_id(a, now);
	return store_exec(db, a, e, "INSERT INTO review (id, trajectory_id, "
	    "phase_id, held_on, participants_enc, she_attended, outcome_enc, "
	    "next_date, recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?)", "sssdebedss", r->id, trajectory_id, r->phase_id,
	    r->held_on, "review", "participants", r->id, r->participants,
	    r->she_attended, "review", "outcome", r->id, r->outcome,
	    r->next_date, user_id, now) < 0 ? -1 : 0;
}
