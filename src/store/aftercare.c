/*
 * aftercare.c - the exit gate's records (R8): each closing of a trajectory
 * with its sign-off, its reopening, and the aftercare follow-ups that a
 * closing schedules.
 *
 * Invariants:
 *   1. At most one closure of a trajectory is without reopened_on: the
 *      current one.  Reopening marks it and cancels planned follow-ups.
 *   2. Reasons and outcomes are encrypted with their row id bound in.
 */
#include "store/cont_impl.h"
#include "util/names.h"

static const char *const ac_names[] = { "planned", "done", "cancelled" };

NAMES_DEFINE(aftercare_status, enum aftercare_status, ac_names, 3)

STORE_ROW_FN(closure_row, struct closure_rec, c, "sddsesee", &c->id,
    &c->closed_on, &c->reopened_on, &c->unsettled, "trajectory_closure",
    "sign_off_reason", &c->id, &c->sign_off_reason, &c->signed_off_by,
    "trajectory_closure", "reopen_reason", &c->id, &c->reopen_reason,
    "trajectory_closure", "end_reason", &c->id, &c->end_reason)

STORE_LIST_FN(store_closure_list, struct closure_rec, closure_row,
    const char *, trajectory_id, "SELECT c.id, c.closed_on, c.reopened_on, "
    "c.unsettled, c.sign_off_reason_enc, u.display_name, "
    "c.reopen_reason_enc, c.end_reason_enc FROM trajectory_closure c LEFT "
    "JOIN app_user u ON u.id = c.signed_off_by WHERE c.trajectory_id = ? "
    "ORDER BY c.closed_on, c.id", "s", trajectory_id)

int
store_closure_insert(struct db *db, struct arena *a, const char *trajectory_id,
    struct closure_rec *c, struct err *e)
{
	char now[INSTANT_LEN + 1];

	c->id = store_new_id(a, now);
	return store_exec(db, a, e, "INSERT INTO trajectory_closure (id, "
	    "trajectory_id, closed_on, unsettled, sign_off_reason_enc, "
	    "signed_off_by, end_reason_enc, created_at) VALUES (?, ?, ?, ?, ?, "
	    "?, ?, ?)", "ssdsese" "s", c->id, trajectory_id, c->closed_on,
	    c->unsettled, "trajectory_closure", "sign_off_reason", c->id,
	    c->sign_off_reason, c->signed_off_by, "trajectory_closure",
	    "end_reason", c->id, c->end_reason, now) < 0 ? -1 : 0;
}

int
store_closure_reopen(struct db *db, struct arena *a, const char *trajectory_id,
    dl_date reopened_on, const char *reason, struct err *e)
{
	char now[INSTANT_LEN + 1];
	char *id = NULL;

	if (store_one(db, a, e, "SELECT id FROM trajectory_closure WHERE "
	    "trajectory_id = ? AND reopened_on IS NULL ORDER BY closed_on DESC "
	    "LIMIT 1", "s", "s", trajectory_id, &id) < 0)
		return -1;
	if (id != NULL && store_exec(db, a, e, "UPDATE trajectory_closure SET "
	    "reopened_on = ?, reopen_reason_enc = ? WHERE id = ?", "des",
	    reopened_on, "trajectory_closure", "reopen_reason", id, reason,
	    id) < 0)
		return -1;
	instant_now(now);
	return store_exec(db, a, e, "UPDATE aftercare SET status = 'cancelled', "
	    "updated_at = ? WHERE trajectory_id = ? AND status = 'planned'",
	    "ss", now, trajectory_id) < 0 ? -1 : 0;
}

#define AC_COLS "f.id, f.closure_id, f.due_date, f.months_after, f.status, " \
	"f.done_on, f.needs_help, f.outcome_enc, u.display_name"
#define AC_FROM " FROM aftercare f LEFT JOIN app_user u ON u.id = f.done_by " \
	"WHERE f.trajectory_id = ? "

STORE_KIND(status_col, aftercare_status_parse, enum aftercare_status,
    AC_PLANNED)

/* needs_help is 0, 1 or unknown (NULL: -1). */
static void
help_col(const char *text, void *out)
{
	*(int *)out = text == NULL ? -1 : strcmp(text, "0") != 0;
}

STORE_ROW_FN(ac_row, struct aftercare_rec, c, "ssdIkdkes", &c->id,
    &c->closure_id, &c->due, &c->months_after, status_col, &c->status,
    &c->done_on, help_col, &c->needs_help, "aftercare", "outcome", &c->id,
    &c->outcome, &c->done_by_name)

STORE_LIST_FN(store_aftercare_list, struct aftercare_rec, ac_row,
    const char *, trajectory_id, "SELECT " AC_COLS AC_FROM "ORDER BY "
    "f.due_date, f.id", "s", trajectory_id)

STORE_GET_FN(store_aftercare_get, struct aftercare_rec, ac_row, trajectory_id,
    R_FOLLOW_UP_NOT_FOUND, "follow-up", "SELECT " AC_COLS AC_FROM
    "AND f.id = ?", "ss", trajectory_id, id)

int
store_aftercare_insert(struct db *db, struct arena *a,
    const char *trajectory_id, struct aftercare_rec *c, struct err *e)
{
	char now[INSTANT_LEN + 1];

	c->id = store_new_id(a, now);
	return store_exec(db, a, e, "INSERT INTO aftercare (id, trajectory_id, "
	    "closure_id, due_date, months_after, status, created_at, "
	    "updated_at) VALUES (?, ?, ?, ?, ?, 'planned', ?, ?)", "sssdiss",
	    c->id, trajectory_id, c->closure_id, c->due,
	    (int64_t)c->months_after, now, now) < 0 ? -1 : 0;
}

int
store_aftercare_update(struct db *db, struct arena *a,
    const struct aftercare_rec *c, const char *user_id, struct err *e)
{
	char now[INSTANT_LEN + 1];

	instant_now(now);
	/* needs_help: -1 unknown (NULL), else 0 or 1.  Only a planned
	 * follow-up is resolved, in one statement: of racing resolutions
	 * exactly one changes the row. */
	return store_found(store_exec(db, a, e, "UPDATE aftercare SET status = ?, "
	    "done_on = ?, needs_help = CAST(? AS BIGINT), outcome_enc = ?, "
	    "done_by = ?, updated_at = ? WHERE id = ? AND status = 'planned'",
	    "sdsesss", aftercare_status_name(c->status), c->done_on,
	    c->needs_help < 0 ? NULL : c->needs_help ? "1" : "0", "aftercare",
	    "outcome", c->id, c->outcome, user_id, now, c->id), e,
	    ERR_CONFLICT, NULL, R_AFTERCARE_ALREADY_DONE,
	    "this follow-up was resolved meanwhile");
}
