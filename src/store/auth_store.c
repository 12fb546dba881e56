/*
 * auth_store.c - SQL for users, organisations, sessions, throttles and
 * the audit log; see auth_store.h.
 *
 * Invariants:
 *   1. Every value is bound; no SQL text is ever built from data.
 *   2. The SQL is the portable subset of db.h (TEXT, BIGINT, `?`), so the
 *      same text runs on SQLite and PostgreSQL.  The one non-trivial
 *      construct, INSERT ... ON CONFLICT DO UPDATE, exists in both
 *      (SQLite 3.24+, PostgreSQL 9.5+).
 *   3. A statement is finalized on every path (single exit).
 *
 * Never: begin or commit a transaction (the caller owns it), or put a
 * bound value in an error message.
 */
#include "store/auth_store.h"

#include <stdarg.h>
#include <string.h>

#include "db/db.h"
#include "store/common.h"

#define USER_COLS "u.id, u.username, u.display_name, u.role, u.org_id, " \
	"u.client_id, u.email, u.phone, u.active, u.created_at, u.updated_at"
#define USER_NCOLS 11
#define AUDIT_BATCH 500

/*
 * Prepare sql, bind n text values (NULL binds NULL) and step once.  For
 * statements that return no rows.  *changes (optional) receives the
 * number of rows changed.
 */
static int
exec_texts(struct db *db, const char *sql, int *changes, struct err *e,
    int n, ...)
{
	struct db_stmt *st = NULL;
	va_list ap;
	int rc = -1, bind_failed = 0;

	if (db_prepare(db, sql, &st, e) != 0)
		goto out;
	va_start(ap, n);
	for (int i = 1; i <= n; i++)
		if (db_bind_text(st, i, va_arg(ap, const char *)) != 0)
			bind_failed = 1;
	va_end(ap);
	if (bind_failed) {
		err_set(e, ERR_DB, NULL, "cannot bind parameters");
		goto out;
	}
	if (db_step(st, e) < 0)
		goto out;
	if (changes != NULL)
		*changes = db_changes(st);
	rc = 0;
out:
	db_finalize(st);
	return rc;
}

/* Read the USER_COLS starting at column `c` into u. */
static void
read_user(struct db_stmt *st, struct arena *a, int c, struct store_user *u)
{
	memset(u, 0, sizeof *u);
	u->id = arena_strdup(a, db_col_text(st, c + 0));
	u->username = arena_strdup(a, db_col_text(st, c + 1));
	u->display_name = arena_strdup(a, db_col_text(st, c + 2));
	u->role = arena_strdup(a, db_col_text(st, c + 3));
	u->org_id = arena_strdup(a, db_col_text(st, c + 4));
	u->client_id = arena_strdup(a, db_col_text(st, c + 5));
	u->email = arena_strdup(a, db_col_text(st, c + 6));
	u->phone = arena_strdup(a, db_col_text(st, c + 7));
	u->active = db_col_int64(st, c + 8) != 0;
	u->created_at = arena_strdup(a, db_col_text(st, c + 9));
	u->updated_at = arena_strdup(a, db_col_text(st, c + 10));
}

/* ---- users ---- */

int
store_user_by_username(struct db *db, struct arena *a, const char *username,
    struct store_user *out, bool *found, struct err *e)
{
	struct db_stmt *st = NULL;
	int rc = -1, r;

	*found = false;
	if (db_prepare(db, "SELECT " USER_COLS ", u.password_hash "
	    "FROM app_user u WHERE u.username = ?", &st, e) != 0)
		goto out;
	db_bind_text(st, 1, username);
	if ((r = db_step(st, e)) < 0)
		goto out;
	if (r == 1) {
		read_user(st, a, 0, out);
		out->password_hash = arena_strdup(a, db_col_text(st, USER_NCOLS));
		*found = true;
	}
	rc = 0;
out:
	db_finalize(st);
	return rc;
}

int
store_user_insert(struct db *db, const struct store_user *u, struct err *e)
{
	struct db_stmt *st = NULL;
	int rc = -1;

	if (db_prepare(db, "INSERT INTO app_user (id, username, display_name, "
	    "role, org_id, client_id, email, phone, password_hash, active, "
	    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    &st, e) != 0)
		goto out;
	db_bind_text(st, 1, u->id);
	db_bind_text(st, 2, u->username);
	db_bind_text(st, 3, u->display_name);
	db_bind_text(st, 4, u->role);
	db_bind_text(st, 5, u->org_id);
	db_bind_text(st, 6, u->client_id);
	db_bind_text(st, 7, u->email);
	db_bind_text(st, 8, u->phone);
	db_bind_text(st, 9, u->password_hash);
	db_bind_int64(st, 10, u->active ? 1 : 0);
	db_bind_text(st, 11, u->created_at);
	db_bind_text(st, 12, u->updated_at);
	if (db_step(st, e) < 0)
		goto out;
	rc = 0;
out:
	db_finalize(st);
	return rc;
}

int
store_user_set_password(struct db *db, const char *user_id,
    const char *password_hash, const char *now, struct err *e)
{
	return exec_texts(db, "UPDATE app_user SET password_hash = ?, "
	    "updated_at = ? WHERE id = ?", NULL, e, 3, password_hash, now,
	    user_id);
}

int
store_user_list(struct db *db, struct arena *a,
    const struct store_user_filter *f, struct store_user **items, size_t *n,
    struct err *e)
{
	struct db_stmt *st = NULL;
	struct store_user *v = NULL;
	size_t cap = 0, len = 0;
	int rc = -1, r;

	*items = NULL;
	*n = 0;
	if (db_prepare(db, "SELECT " USER_COLS " FROM app_user u "
	    "WHERE (CAST(? AS TEXT) IS NULL OR u.role = ?) "
	    "AND (CAST(? AS BIGINT) = 0 "
	    "OR u.role IN ('coordinator', 'caregiver', 'partner')) "
	    "AND (CAST(? AS BIGINT) = 0 OR u.active = 1) "
	    "ORDER BY u.display_name, u.username", &st, e) != 0)
		goto out;
	db_bind_text(st, 1, f->role);
	db_bind_text(st, 2, f->role);
	db_bind_int64(st, 3, f->staff_only ? 1 : 0);
	db_bind_int64(st, 4, f->active_only ? 1 : 0);
	while ((r = db_step(st, e)) == 1) {
		read_user(st, a, 0,
		    store_grow(a, (void **)&v, &len, &cap, sizeof *v));
	}
	if (r < 0)
		goto out;
	*items = v;
	*n = len;
	rc = 0;
out:
	db_finalize(st);
	return rc;
}

/* ---- organisations ---- */

int
store_org_insert(struct db *db, const struct store_org *o, struct err *e)
{
	return exec_texts(db, "INSERT INTO organisation (id, name, kind, region, "
	    "created_at) VALUES (?, ?, ?, ?, ?)", NULL, e, 5, o->id, o->name,
	    o->kind, o->region, o->created_at);
}

static void
read_org(struct db_stmt *st, struct arena *a, struct store_org *o)
{
	o->id = arena_strdup(a, db_col_text(st, 0));
	o->name = arena_strdup(a, db_col_text(st, 1));
	o->kind = arena_strdup(a, db_col_text(st, 2));
	o->region = arena_strdup(a, db_col_text(st, 3));
	o->created_at = arena_strdup(a, db_col_text(st, 4));
}

static int
org_one(struct db *db, struct arena *a, const char *sql, const char *val,
    struct store_org *out, bool *found, struct err *e)
{
	struct db_stmt *st = NULL;
	int rc = -1, r;

	*found = false;
	if (db_prepare(db, sql, &st, e) != 0)
		goto out;
	db_bind_text(st, 1, val);
	if ((r = db_step(st, e)) < 0)
		goto out;
	if (r == 1) {
		read_org(st, a, out);
		*found = true;
	}
	rc = 0;
out:
	db_finalize(st);
	return rc;
}

int
store_org_get(struct db *db, struct arena *a, const char *id,
    struct store_org *out, bool *found, struct err *e)
{
	return org_one(db, a, "SELECT id, name, kind, region, created_at "
	    "FROM organisation WHERE id = ?", id, out, found, e);
}

int
store_org_by_name(struct db *db, struct arena *a, const char *name,
    struct store_org *out, bool *found, struct err *e)
{
	return org_one(db, a, "SELECT id, name, kind, region, created_at "
	    "FROM organisation WHERE name = ?", name, out, found, e);
}

int
store_org_list(struct db *db, struct arena *a, struct store_org **items,
    size_t *n, struct err *e)
{
	struct db_stmt *st = NULL;
	struct store_org *v = NULL;
	size_t cap = 0, len = 0;
	int rc = -1, r;

	*items = NULL;
	*n = 0;
	if (db_prepare(db, "SELECT id, name, kind, region, created_at "
	    "FROM organisation ORDER BY name", &st, e) != 0)
		goto out;
	while ((r = db_step(st, e)) == 1) {
		read_org(st, a,
		    store_grow(a, (void **)&v, &len, &cap, sizeof *v));
	}
	if (r < 0)
		goto out;
	*items = v;
	*n = len;
	rc = 0;
out:
	db_finalize(st);
	return rc;
}

int
store_client_exists(struct db *db, const char *client_id, bool *found,
    struct err *e)
{
	struct db_stmt *st = NULL;
	int rc = -1, r;

	*found = false;
	if (db_prepare(db, "SELECT 1 FROM client WHERE id = ?", &st, e) != 0)
		goto out;
	db_bind_text(st, 1, client_id);
	if ((r = db_step(st, e)) < 0)
		goto out;
	*found = r == 1;
	rc = 0;
out:
	db_finalize(st);
	return rc;
}

/* ---- sessions ---- */

int
store_session_insert(struct db *db, const struct store_session *s,
    struct err *e)
{
	return exec_texts(db, "INSERT INTO session (token_hash, user_id, "
	    "csrf_token, created_at, last_seen_at, idle_expires_at, expires_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?)", NULL, e, 7, s->token_hash,
	    s->user_id, s->csrf_token, s->created_at, s->last_seen_at,
	    s->idle_expires_at, s->expires_at);
}

int
store_session_lookup(struct db *db, struct arena *a, const char *token_hash,
    struct store_session *out, bool *found, struct err *e)
{
	struct db_stmt *st = NULL;
	int rc = -1, r;

	*found = false;
	if (db_prepare(db, "SELECT s.token_hash, s.user_id, s.csrf_token, "
	    "s.created_at, s.last_seen_at, s.idle_expires_at, s.expires_at, "
	    USER_COLS " FROM session s JOIN app_user u ON u.id = s.user_id "
	    "WHERE s.token_hash = ?", &st, e) != 0)
		goto out;
	db_bind_text(st, 1, token_hash);
	if ((r = db_step(st, e)) < 0)
		goto out;
	if (r == 1) {
		out->token_hash = arena_strdup(a, db_col_text(st, 0));
		out->user_id = arena_strdup(a, db_col_text(st, 1));
		out->csrf_token = arena_strdup(a, db_col_text(st, 2));
		out->created_at = arena_strdup(a, db_col_text(st, 3));
		out->last_seen_at = arena_strdup(a, db_col_text(st, 4));
		out->idle_expires_at = arena_strdup(a, db_col_text(st, 5));
		out->expires_at = arena_strdup(a, db_col_text(st, 6));
		read_user(st, a, 7, &out->user);
		*found = true;
	}
	rc = 0;
out:
	db_finalize(st);
	return rc;
}

int
store_session_touch(struct db *db, const char *token_hash,
    const char *last_seen_at, const char *idle_expires_at, struct err *e)
{
	return exec_texts(db, "UPDATE session SET last_seen_at = ?, "
	    "idle_expires_at = ? WHERE token_hash = ?", NULL, e, 3,
	    last_seen_at, idle_expires_at, token_hash);
}

int
store_session_delete(struct db *db, const char *token_hash, struct err *e)
{
	return exec_texts(db, "DELETE FROM session WHERE token_hash = ?", NULL,
	    e, 1, token_hash);
}

int
store_session_delete_user(struct db *db, const char *user_id, struct err *e)
{
	return exec_texts(db, "DELETE FROM session WHERE user_id = ?", NULL, e,
	    1, user_id);
}

int
store_session_purge_user(struct db *db, const char *user_id, const char *now,
    struct err *e)
{
	return exec_texts(db, "DELETE FROM session WHERE user_id = ? "
	    "AND (idle_expires_at <= ? OR expires_at <= ?)", NULL, e, 3, user_id,
	    now, now);
}

/* ---- throttles ---- */

int
store_throttle_get(struct db *db, struct arena *a, const char *key,
    struct store_throttle *out, bool *found, struct err *e)
{
	struct db_stmt *st = NULL;
	int rc = -1, r;

	*found = false;
	if (db_prepare(db, "SELECT failures, window_start, locked_until "
	    "FROM login_throttle WHERE throttle_key = ?", &st, e) != 0)
		goto out;
	db_bind_text(st, 1, key);
	if ((r = db_step(st, e)) < 0)
		goto out;
	if (r == 1) {
		out->failures = db_col_int64(st, 0);
		out->window_start = arena_strdup(a, db_col_text(st, 1));
		out->locked_until = arena_strdup(a, db_col_text(st, 2));
		*found = true;
	}
	rc = 0;
out:
	db_finalize(st);
	return rc;
}

int
store_throttle_fail(struct db *db, const char *key, const char *now,
    const char *window_cutoff, int64_t *failures, struct err *e)
{
	struct db_stmt *st = NULL;
	int rc = -1, r;

	*failures = 0;
	if (exec_texts(db, "INSERT INTO login_throttle (throttle_key, failures, "
	    "window_start, locked_until) VALUES (?, 1, ?, NULL) "
	    "ON CONFLICT (throttle_key) DO UPDATE SET "
	    "failures = CASE WHEN login_throttle.window_start < ? THEN 1 "
	    "ELSE login_throttle.failures + 1 END, "
	    "window_start = CASE WHEN login_throttle.window_start < ? "
	    "THEN excluded.window_start ELSE login_throttle.window_start END",
	    NULL, e, 4, key, now, window_cutoff, window_cutoff) != 0)
		goto out;
	if (db_prepare(db, "SELECT failures FROM login_throttle "
	    "WHERE throttle_key = ?", &st, e) != 0)
		goto out;
	db_bind_text(st, 1, key);
	if ((r = db_step(st, e)) < 0)
		goto out;
	if (r == 1)
		*failures = db_col_int64(st, 0);
	rc = 0;
out:
	db_finalize(st);
	return rc;
}

int
store_throttle_lock(struct db *db, const char *key, const char *until,
    struct err *e)
{
	return exec_texts(db, "UPDATE login_throttle SET locked_until = ?, "
	    "failures = 0 WHERE throttle_key = ?", NULL, e, 2, until, key);
}

int
store_throttle_clear(struct db *db, const char *key, struct err *e)
{
	return exec_texts(db, "DELETE FROM login_throttle WHERE throttle_key = ?",
	    NULL, e, 1, key);
}

/* ---- audit log ---- */

int
store_audit_head_bump(struct db *db, struct arena *a, int64_t *seq,
    char **prev_hash, struct err *e)
{
	int changes = 0;

	if (exec_texts(db, "UPDATE audit_head SET seq = seq + 1 WHERE id = 1",
	    &changes, e, 0) != 0)
		return -1;
	if (changes != 1)
		return err_set(e, ERR_DB, NULL, "audit_head row is missing");
	return store_audit_head_get(db, a, seq, prev_hash, e);
}

int
store_audit_head_advance(struct db *db, struct arena *a, int64_t n,
    int64_t *last_seq, char **prev_hash, struct err *e)
{
	struct db_stmt *st = NULL;
	int rc = -1;

	if (db_prepare(db, "UPDATE audit_head SET seq = seq + ? WHERE id = 1",
	    &st, e) != 0)
		goto out;
	db_bind_int64(st, 1, n);
	if (db_step(st, e) < 0)
		goto out;
	if (db_changes(st) != 1) {
		err_set(e, ERR_DB, NULL, "audit_head row is missing");
		goto out;
	}
	rc = store_audit_head_get(db, a, last_seq, prev_hash, e);
out:
	db_finalize(st);
	return rc;
}

int
store_audit_head_get(struct db *db, struct arena *a, int64_t *seq,
    char **hash, struct err *e)
{
	struct db_stmt *st = NULL;
	int rc = -1, r;

	if (db_prepare(db, "SELECT seq, hash FROM audit_head WHERE id = 1", &st,
	    e) != 0)
		goto out;
	if ((r = db_step(st, e)) < 0)
		goto out;
	if (r == 0) {
		err_set(e, ERR_DB, NULL, "audit_head row is missing");
		goto out;
	}
	*seq = db_col_int64(st, 0);
	*hash = arena_strdup(a, db_col_text(st, 1));
	rc = 0;
out:
	db_finalize(st);
	return rc;
}

int
store_audit_head_set_hash(struct db *db, const char *hash, struct err *e)
{
	return exec_texts(db, "UPDATE audit_head SET hash = ? WHERE id = 1",
	    NULL, e, 1, hash);
}

int
store_audit_insert(struct db *db, const struct store_audit_row *r,
    struct err *e)
{
	struct db_stmt *st = NULL;
	int rc = -1;

	if (db_prepare(db, "INSERT INTO audit_log (seq, at, user_id, username, "
	    "role, org_id, client_id, action, object_type, object_id, outcome, "
	    "purpose, request_id, remote_addr, hash) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", &st, e) != 0)
		goto out;
	db_bind_int64(st, 1, r->seq);
	db_bind_text(st, 2, r->at);
	db_bind_text(st, 3, r->user_id);
	db_bind_text(st, 4, r->username);
	db_bind_text(st, 5, r->role);
	db_bind_text(st, 6, r->org_id);
	db_bind_text(st, 7, r->client_id);
	db_bind_text(st, 8, r->action);
	db_bind_text(st, 9, r->object_type);
	db_bind_text(st, 10, r->object_id);
	db_bind_text(st, 11, r->outcome);
	db_bind_text(st, 12, r->purpose);
	db_bind_text(st, 13, r->request_id);
	db_bind_text(st, 14, r->remote_addr);
	db_bind_text(st, 15, r->hash);
	if (db_step(st, e) < 0)
		goto out;
	rc = 0;
out:
	db_finalize(st);
	return rc;
}

int
store_audit_iterate(struct db *db,
    int (*fn)(void *arg, const struct store_audit_row *r), void *arg,
    struct err *e)
{
	struct db_stmt *st = NULL;
	struct store_audit_row row;
	int64_t after = 0;
	int rc = -1, r, got;

	for (;;) {
		if (db_prepare(db, "SELECT seq, at, user_id, username, role, "
		    "org_id, client_id, action, object_type, object_id, outcome, "
		    "purpose, request_id, remote_addr, hash FROM audit_log "
		    "WHERE seq > ? ORDER BY seq LIMIT ?", &st, e) != 0)
			goto out;
		db_bind_int64(st, 1, after);
		db_bind_int64(st, 2, AUDIT_BATCH);
		got = 0;
		while ((r = db_step(st, e)) == 1) {
			int stop;

			row.seq = db_col_int64(st, 0);
			row.at = db_col_text(st, 1);
			row.user_id = db_col_text(st, 2);
			row.username = db_col_text(st, 3);
			row.role = db_col_text(st, 4);
			row.org_id = db_col_text(st, 5);
			row.client_id = db_col_text(st, 6);
			row.action = db_col_text(st, 7);
			row.object_type = db_col_text(st, 8);
			row.object_id = db_col_text(st, 9);
			row.outcome = db_col_text(st, 10);
			row.purpose = db_col_text(st, 11);
			row.request_id = db_col_text(st, 12);
			row.remote_addr = db_col_text(st, 13);
			row.hash = db_col_text(st, 14);
			after = row.seq;
			got++;
			if ((stop = fn(arg, &row)) != 0) {
				rc = stop;
				goto out;
			}
		}
		if (r < 0)
			goto out;
		db_finalize(st);
		st = NULL;
		if (got < AUDIT_BATCH)
			break;
	}
	rc = 0;
out:
	db_finalize(st);
	return rc;
}
