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

static const char *const ac_names[] = { "planned", "done", "cancelled" };

const char *
aftercare_status_name(enum aftercare_status s)
{
	return ac_names[s];
}

int
store_closure_list(struct db *db, struct arena *a, const char *trajectory_id,
    struct closure_rec **out, size_t *n, struct err *e)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (db_prepare(db, "SELECT c.id, c.closed_on, c.reopened_on, "
	    "c.unsettled, c.sign_off_reason_enc, u.display_name, "
	    "c.reopen_reason_enc, c.end_reason_enc FROM trajectory_closure c LEFT JOIN app_user u "
	    "ON u.id = c.signed_off_by WHERE c.trajectory_id = ? ORDER BY "
	    "c.closed_on, c.id", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, trajectory_id);
	while ((rc = db_step(st, e)) == 1) {
		struct closure_rec *c = store_grow(a, (void **)out, n, &cap,
		    sizeof *c);

		c->id = store_col_str(st, a, 0);
		c->closed_on = store_col_date(st, 1);
		c->reopened_on = store_col_date(st, 2);
		c->unsettled = store_col_str(st, a, 3);
		c->signed_off_by = store_col_str(st, a, 5);
		if (store_col_dec(st, 4, a, "trajectory_closure",
		    "sign_off_reason", c->id, &c->sign_off_reason, e) != 0 ||
		    store_col_dec(st, 6, a, "trajectory_closure",
		    "reopen_reason", c->id, &c->reopen_reason, e) != 0 ||
		    store_col_dec(st, 7, a, "trajectory_closure",
		    "end_reason", c->id, &c->end_reason, e) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

int
store_closure_insert(struct db *db, struct arena *a, const char *trajectory_id,
    struct closure_rec *c, struct err *e)
{
	char now[INSTANT_LEN + 1];
	struct db_stmt *st = NULL;

	c->id = store_new_id(a, now);
	if (db_prepare(db, "INSERT INTO trajectory_closure (id, trajectory_id, "
	    "closed_on, unsettled, sign_off_reason_enc, signed_off_by, "
	    "end_reason_enc, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", &st,
	    e) != 0)
		return -1;
	db_bind_text(st, 1, c->id);
	db_bind_text(st, 2, trajectory_id);
	store_bind_date(st, 3, c->closed_on);
	db_bind_text(st, 4, c->unsettled);
	store_bind_enc(st, 5, a, "trajectory_closure", "sign_off_reason", c->id,
	    c->sign_off_reason);
	db_bind_text(st, 6, c->signed_off_by);
	store_bind_enc(st, 7, a, "trajectory_closure", "end_reason", c->id,
	    c->end_reason);
	db_bind_text(st, 8, now);
	return store_step_done(st, e);
}

int
store_closure_reopen(struct db *db, struct arena *a, const char *trajectory_id,
    dl_date reopened_on, const char *reason, struct err *e)
{
	char now[INSTANT_LEN + 1];
	struct db_stmt *st = NULL;
	char *id = NULL;
	int rc;

	if (db_prepare(db, "SELECT id FROM trajectory_closure WHERE "
	    "trajectory_id = ? AND reopened_on IS NULL ORDER BY closed_on DESC",
	    &st, e) != 0)
		return -1;
	db_bind_text(st, 1, trajectory_id);
	rc = db_step(st, e);
	if (rc == 1)
		id = store_col_str(st, a, 0);
	db_finalize(st);
	if (rc < 0)
		return -1;
	if (id != NULL) {
		if (db_prepare(db, "UPDATE trajectory_closure SET reopened_on = ?, "
		    "reopen_reason_enc = ? WHERE id = ?", &st, e) != 0)
			return -1;
		store_bind_date(st, 1, reopened_on);
		store_bind_enc(st, 2, a, "trajectory_closure", "reopen_reason",
		    id, reason);
		db_bind_text(st, 3, id);
		if (store_step_done(st, e) != 0)
			return -1;
	}
	instant_now(now);
	if (db_prepare(db, "UPDATE aftercare SET status = 'cancelled', "
	    "updated_at = ? WHERE trajectory_id = ? AND status = 'planned'",
	    &st, e) != 0)
		return -1;
	db_bind_text(st, 1, now);
	db_bind_text(st, 2, trajectory_id);
	return store_step_done(st, e);
}

#define AC_COLS "f.id, f.closure_id, f.due_date, f.months_after, f.status, " \
	"f.done_on, f.needs_help, f.outcome_enc, u.display_name"
#define AC_FROM " FROM aftercare f LEFT JOIN app_user u ON u.id = f.done_by " \
	"WHERE f.trajectory_id = ? "

static int
ac_read(struct db_stmt *st, struct arena *a, struct aftercare_rec *c,
    struct err *e)
{
	const char *s;

	memset(c, 0, sizeof *c);
	c->id = store_col_str(st, a, 0);
	c->closure_id = store_col_str(st, a, 1);
	c->due = store_col_date(st, 2);
	c->months_after = (int)db_col_int64(st, 3);
	s = db_col_text(st, 4);
	c->status = s && strcmp(s, "done") == 0 ? AC_DONE :
	    s && strcmp(s, "cancelled") == 0 ? AC_CANCELLED : AC_PLANNED;
	c->done_on = store_col_date(st, 5);
	c->needs_help = db_col_null(st, 6) ? -1 : (int)db_col_int64(st, 6);
	c->done_by_name = store_col_str(st, a, 8);
	return store_col_dec(st, 7, a, "aftercare", "outcome", c->id,
	    &c->outcome, e);
}

int
store_aftercare_list(struct db *db, struct arena *a, const char *trajectory_id,
    struct aftercare_rec **out, size_t *n, struct err *e)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (db_prepare(db, "SELECT " AC_COLS AC_FROM "ORDER BY f.due_date, f.id",
	    &st, e) != 0)
		return -1;
	db_bind_text(st, 1, trajectory_id);
	while ((rc = db_step(st, e)) == 1) {
		struct aftercare_rec *c = store_grow(a, (void **)out, n, &cap,
		    sizeof *c);

		if (ac_read(st, a, c, e) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

int
store_aftercare_get(struct db *db, struct arena *a, const char *trajectory_id,
    const char *id, struct aftercare_rec *out, struct err *e)
{
	struct db_stmt *st = NULL;
	int rc;

	if (db_prepare(db, "SELECT " AC_COLS AC_FROM "AND f.id = ?", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, trajectory_id);
	db_bind_text(st, 2, id);
	rc = db_step(st, e);
	if (rc == 1)
		rc = ac_read(st, a, out, e) == 0 ? 1 : -1;
	db_finalize(st);
	if (rc == 0)
		return err_setr(e, ERR_NOT_FOUND, NULL,
		    R_FOLLOW_UP_NOT_FOUND, "follow-up not found");
	return rc < 0 ? -1 : 0;
}

int
store_aftercare_insert(struct db *db, struct arena *a,
    const char *trajectory_id, struct aftercare_rec *c, struct err *e)
{
	char now[INSTANT_LEN + 1];
	struct db_stmt *st = NULL;

	c->id = store_new_id(a, now);
	if (db_prepare(db, "INSERT INTO aftercare (id, trajectory_id, "
	    "closure_id, due_date, months_after, status, created_at, "
	    "updated_at) VALUES (?, ?, ?, ?, ?, 'planned', ?, ?)", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, c->id);
	db_bind_text(st, 2, trajectory_id);
	db_bind_text(st, 3, c->closure_id);
	store_bind_date(st, 4, c->due);
	db_bind_int64(st, 5, c->months_after);
	db_bind_text(st, 6, now);
	db_bind_text(st, 7, now);
	return store_step_done(st, e);
}

int
store_aftercare_update(struct db *db, struct arena *a,
    const struct aftercare_rec *c, const char *user_id, struct err *e)
{
	char now[INSTANT_LEN + 1];
	struct db_stmt *st = NULL;

	instant_now(now);
	if (db_prepare(db, "UPDATE aftercare SET status = ?, done_on = ?, "
	    "needs_help = ?, outcome_enc = ?, done_by = ?, updated_at = ? "
	    "WHERE id = ?", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, aftercare_status_name(c->status));
	store_bind_date(st, 2, c->done_on);
	if (c->needs_help < 0)
		db_bind_null(st, 3);
	else
		db_bind_int64(st, 3, c->needs_help);
	store_bind_enc(st, 4, a, "aftercare", "outcome", c->id, c->outcome);
	db_bind_text(st, 5, user_id);
	db_bind_text(st, 6, now);
	db_bind_text(st, 7, c->id);
	return store_step_done(st, e);
}
