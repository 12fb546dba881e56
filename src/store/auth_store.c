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
 *   3. Statements are prepared, bound, stepped and finalized only by the
 *      helpers of common.h.
 *
 * Never: begin or commit a transaction (the caller owns it), or put a
 * bound value in an error message.
 */
#include "store/auth_store.h"

#include <string.h>

#include "store/common.h"

#define USER_COLS "u.id, u.username, u.display_name, u.role, u.org_id, " \
	"u.client_id, u.email, u.phone, u.active, u.created_at, u.updated_at, " \
	"u.access_pending"
/* USER_COLS' types, and the fields of struct store_user *u they fill. */
#define USER_TYPES "ssssssssbssb"
#define USER_OUT(u) &(u)->id, &(u)->username, &(u)->display_name, \
	&(u)->role, &(u)->org_id, &(u)->client_id, &(u)->email, &(u)->phone, \
	&(u)->active, &(u)->created_at, &(u)->updated_at, &(u)->access_pending
#define ORG_COLS "id, name, kind, region, created_at"
#define ORG_OUT(o) &(o)->id, &(o)->name, &(o)->kind, &(o)->region, \
	&(o)->created_at
#define AUDIT_BATCH 500

/* 0 when store_exec ran, else -1. */
static int
done(int rc)
{
	return rc < 0 ? -1 : 0;
}

/* 0 with *found when store_one ran, else -1. */
static int
found_one(int rc, bool *found)
{
	*found = rc == 1;
	return rc < 0 ? -1 : 0;
}

/* ---- users ---- */

int
store_user_by_username(struct db *db, struct arena *a, const char *username,
    struct store_user *out, bool *found, struct err *e)
{
	memset(out, 0, sizeof *out);
	return found_one(store_one(db, a, e, "SELECT " USER_COLS ", "
	    "u.password_hash FROM app_user u WHERE u.username = ?", "s",
	    USER_TYPES "s", username, USER_OUT(out), &out->password_hash),
	    found);
}

int
store_user_insert(struct db *db, const struct store_user *u, struct err *e)
{
	return done(store_exec(db, NULL, e, "INSERT INTO app_user (id, "
	    "username, display_name, role, org_id, client_id, email, phone, "
	    "password_hash, active, created_at, updated_at, access_pending) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "sssssssssbssb",
	    u->id, u->username, u->display_name, u->role, u->org_id,
	    u->client_id, u->email, u->phone, u->password_hash, u->active,
	    u->created_at, u->updated_at, u->access_pending));
}

int
store_user_set_password(struct db *db, const char *user_id,
    const char *password_hash, const char *now, struct err *e)
{
	return done(store_exec(db, NULL, e, "UPDATE app_user SET "
	    "password_hash = ?, updated_at = ? WHERE id = ?", "sss",
	    password_hash, now, user_id));
}

STORE_ROW_FN(user_row, struct store_user, u, USER_TYPES, USER_OUT(u))

int
store_user_list(struct db *db, struct arena *a,
    const struct store_user_filter *f, struct store_user **items, size_t *n,
    struct err *e)
{
	struct store_list l = STORE_LIST(a, items, n);

	*items = NULL;
	*n = 0;
	return done(store_each(db, a, e, user_row, &l, "SELECT " USER_COLS
	    " FROM app_user u WHERE (CAST(? AS TEXT) IS NULL OR u.role = ?) "
	    "AND (CAST(? AS BIGINT) = 0 "
	    "OR u.role IN ('coordinator', 'caregiver', 'partner')) "
	    "AND (CAST(? AS BIGINT) = 0 OR u.active = 1) "
	    "ORDER BY u.display_name, u.username", "ssbb", f->role, f->role,
	    f->staff_only, f->active_only));
}

/* ---- organisations ---- */

int
store_org_insert(struct db *db, const struct store_org *o, struct err *e)
{
	return done(store_exec(db, NULL, e, "INSERT INTO organisation (id, "
	    "name, kind, region, created_at) VALUES (?, ?, ?, ?, ?)", "sssss",
	    o->id, o->name, o->kind, o->region, o->created_at));
}

int
store_org_get(struct db *db, struct arena *a, const char *id,
    struct store_org *out, bool *found, struct err *e)
{
	return found_one(store_one(db, a, e, "SELECT " ORG_COLS " FROM "
	    "organisation WHERE id = ?", "s", "sssss", id, ORG_OUT(out)), found);
}

int
store_org_by_name(struct db *db, struct arena *a, const char *name,
    struct store_org *out, bool *found, struct err *e)
{
	return found_one(store_one(db, a, e, "SELECT " ORG_COLS " FROM "
	    "organisation WHERE name = ?", "s", "sssss", name, ORG_OUT(out)),
	    found);
}

STORE_ROW_FN(org_row, struct store_org, o, "sssss", ORG_OUT(o))

int
store_org_list(struct db *db, struct arena *a, struct store_org **items,
    size_t *n, struct err *e)
{
	struct store_list l = STORE_LIST(a, items, n);

	*items = NULL;
	*n = 0;
	return done(store_each(db, a, e, org_row, &l, "SELECT " ORG_COLS
	    " FROM organisation ORDER BY name", ""));
}

int
store_client_exists(struct db *db, const char *client_id, bool *found,
    struct err *e)
{
	return found_one(store_one(db, NULL, e, "SELECT 1 FROM client WHERE "
	    "id = ?", "s", "", client_id), found);
}

/* ---- sessions ---- */

int
store_session_insert(struct db *db, const struct store_session *s,
    struct err *e)
{
	return done(store_exec(db, NULL, e, "INSERT INTO session (token_hash, "
	    "user_id, csrf_token, created_at, last_seen_at, idle_expires_at, "
	    "expires_at, id, stage, remote_addr, user_agent) VALUES (?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?)", "sssssssssss", s->token_hash,
	    s->user_id, s->csrf_token, s->created_at, s->last_seen_at,
	    s->idle_expires_at, s->expires_at, s->id,
	    s->stage != NULL ? s->stage : "full", s->remote_addr,
	    s->user_agent));
}

#define SESSION_COLS "s.token_hash, s.user_id, s.csrf_token, s.created_at, " \
	"s.last_seen_at, s.idle_expires_at, s.expires_at, s.id, s.stage, " \
	"s.remote_addr, s.user_agent"
#define SESSION_TYPES "sssssssssss"
#define SESSION_OUT(s) &(s)->token_hash, &(s)->user_id, &(s)->csrf_token, \
	&(s)->created_at, &(s)->last_seen_at, &(s)->idle_expires_at, \
	&(s)->expires_at, &(s)->id, &(s)->stage, &(s)->remote_addr, \
	&(s)->user_agent

int
store_session_lookup(struct db *db, struct arena *a, const char *token_hash,
    struct store_session *out, bool *found, struct err *e)
{
	memset(out, 0, sizeof *out);
	return found_one(store_one(db, a, e, "SELECT " SESSION_COLS ", "
	    USER_COLS " FROM session s JOIN app_user u ON u.id = s.user_id "
	    "WHERE s.token_hash = ?", "s", SESSION_TYPES USER_TYPES,
	    token_hash, SESSION_OUT(out), USER_OUT(&out->user)), found);
}

int
store_session_touch(struct db *db, const char *token_hash,
    const char *last_seen_at, const char *idle_expires_at, struct err *e)
{
	return done(store_exec(db, NULL, e, "UPDATE session SET "
	    "last_seen_at = ?, idle_expires_at = ? WHERE token_hash = ?", "sss",
	    last_seen_at, idle_expires_at, token_hash));
}

int
store_session_delete(struct db *db, const char *token_hash, struct err *e)
{
	return done(store_exec(db, NULL, e, "DELETE FROM session WHERE "
	    "token_hash = ?", "s", token_hash));
}

int
store_session_delete_user(struct db *db, const char *user_id, struct err *e)
{
	return done(store_exec(db, NULL, e, "DELETE FROM session WHERE "
	    "user_id = ?", "s", user_id));
}

int
store_session_purge_user(struct db *db, const char *user_id, const char *now,
    struct err *e)
{
	return done(store_exec(db, NULL, e, "DELETE FROM session WHERE "
	    "user_id = ? AND (idle_expires_at <= ? OR expires_at <= ?)", "sss",
	    user_id, now, now));
}

STORE_ROW_FN(session_row, struct store_session, s, SESSION_TYPES,
    SESSION_OUT(s))

int
store_session_list(struct db *db, struct arena *a, const char *user_id,
    const char *now, struct store_session **items, size_t *n, struct err *e)
{
	struct store_list l = STORE_LIST(a, items, n);

	return store_list_rows(db, &l, e, session_row, "SELECT " SESSION_COLS
	    " FROM session s WHERE s.user_id = ? AND s.idle_expires_at > ? "
	    "AND s.expires_at > ? ORDER BY s.created_at DESC, s.token_hash",
	    "sss", user_id, now, now);
}

int
store_session_delete_id(struct db *db, const char *user_id, const char *id,
    bool *deleted, struct err *e)
{
	int rc = store_exec(db, NULL, e, "DELETE FROM session WHERE "
	    "user_id = ? AND id = ?", "ss", user_id, id);

	*deleted = rc > 0;
	return done(rc);
}

int
store_session_delete_others(struct db *db, const char *user_id,
    const char *keep_hash, int64_t *deleted, struct err *e)
{
	int rc = store_exec(db, NULL, e, "DELETE FROM session WHERE "
	    "user_id = ? AND (CAST(? AS TEXT) IS NULL OR token_hash <> ?)",
	    "sss", user_id, keep_hash, keep_hash);

	*deleted = rc > 0 ? rc : 0;
	return done(rc);
}

int
store_session_promote(struct db *db, const char *old_hash, const char *from,
    const char *new_hash, const char *csrf, const char *now, const char *idle,
    const char *expires, bool *moved, struct err *e)
{
	int rc = store_exec(db, NULL, e, "UPDATE session SET token_hash = ?, "
	    "csrf_token = ?, stage = 'full', created_at = ?, last_seen_at = ?, "
	    "idle_expires_at = ?, expires_at = ? WHERE token_hash = ? AND "
	    "stage = ?", "ssssssss", new_hash, csrf, now, now, idle, expires,
	    old_hash, from);

	*moved = rc == 1;
	return done(rc);
}

/* ---- two-factor log-in ---- */

int
store_totp_get(struct db *db, struct arena *a, const char *user_id,
    struct store_totp *out, bool *found, struct err *e)
{
	memset(out, 0, sizeof *out);
	return found_one(store_one(db, a, e, "SELECT secret_enc, created_at, "
	    "confirmed_at, last_step FROM user_totp WHERE user_id = ?", "s",
	    "sssi", user_id, &out->secret_enc, &out->created_at,
	    &out->confirmed_at, &out->last_step), found);
}

int
store_totp_begin(struct db *db, const char *user_id, const char *secret_enc,
    const char *now, bool *stored, struct err *e)
{
	int rc;

	*stored = false;
	if (store_exec(db, NULL, e, "DELETE FROM user_totp WHERE user_id = ? "
	    "AND confirmed_at IS NULL", "s", user_id) < 0)
		return -1;
	rc = store_exec(db, NULL, e, "INSERT INTO user_totp (user_id, "
	    "secret_enc, created_at, confirmed_at, last_step) VALUES (?, ?, ?, "
	    "NULL, 0) ON CONFLICT (user_id) DO NOTHING", "sss", user_id,
	    secret_enc, now);
	*stored = rc == 1;
	return done(rc);
}

int
store_totp_confirm(struct db *db, const char *user_id, int64_t step,
    const char *now, bool *ok, struct err *e)
{
	int rc = store_exec(db, NULL, e, "UPDATE user_totp SET confirmed_at = "
	    "?, last_step = ? WHERE user_id = ? AND confirmed_at IS NULL",
	    "sis", now, step, user_id);

	*ok = rc == 1;
	return done(rc);
}

int
store_totp_take_step(struct db *db, const char *user_id, int64_t step,
    bool *taken, struct err *e)
{
	int rc = store_exec(db, NULL, e, "UPDATE user_totp SET last_step = ? "
	    "WHERE user_id = ? AND confirmed_at IS NOT NULL AND last_step < ?",
	    "isi", step, user_id, step);

	*taken = rc == 1;
	return done(rc);
}

int
store_totp_delete(struct db *db, const char *user_id, int64_t *removed,
    struct err *e)
{
	int a, b;

	*removed = 0;
	if ((a = store_exec(db, NULL, e, "DELETE FROM user_totp WHERE "
	    "user_id = ?", "s", user_id)) < 0 ||
	    (b = store_exec(db, NULL, e, "DELETE FROM user_recovery_code "
	    "WHERE user_id = ?", "s", user_id)) < 0)
		return -1;
	*removed = a + b;
	return 0;
}

int
store_recovery_insert(struct db *db, const char *user_id,
    const char *code_hash, const char *now, struct err *e)
{
	return done(store_exec(db, NULL, e, "INSERT INTO user_recovery_code "
	    "(user_id, code_hash, created_at, used_at) VALUES (?, ?, ?, NULL)",
	    "sss", user_id, code_hash, now));
}

int
store_recovery_use(struct db *db, const char *user_id, const char *code_hash,
    const char *now, bool *used, struct err *e)
{
	int rc = store_exec(db, NULL, e, "UPDATE user_recovery_code SET "
	    "used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS "
	    "NULL", "sss", now, user_id, code_hash);

	*used = rc == 1;
	return done(rc);
}

int
store_recovery_count(struct db *db, const char *user_id, int64_t *unused,
    struct err *e)
{
	*unused = 0;
	return done(store_one(db, NULL, e, "SELECT COUNT(*) FROM "
	    "user_recovery_code WHERE user_id = ? AND used_at IS NULL", "s",
	    "i", user_id, unused));
}

/* ---- throttles ---- */

int
store_throttle_get(struct db *db, struct arena *a, const char *key,
    struct store_throttle *out, bool *found, struct err *e)
{
	return found_one(store_one(db, a, e, "SELECT failures, window_start, "
	    "locked_until FROM login_throttle WHERE throttle_key = ?", "s",
	    "iss", key, &out->failures, &out->window_start, &out->locked_until),
	    found);
}

int
store_throttle_fail(struct db *db, const char *key, const char *now,
    const char *window_cutoff, int64_t *failures, struct err *e)
{
	*failures = 0;
	if (store_exec(db, NULL, e, "INSERT INTO login_throttle (throttle_key, "
	    "failures, window_start, locked_until) VALUES (?, 1, ?, NULL) "
	    "ON CONFLICT (throttle_key) DO UPDATE SET "
	    "failures = CASE WHEN login_throttle.window_start < ? THEN 1 "
	    "ELSE login_throttle.failures + 1 END, "
	    "window_start = CASE WHEN login_throttle.window_start < ? "
	    "THEN excluded.window_start ELSE login_throttle.window_start END",
	    "ssss", key, now, window_cutoff, window_cutoff) < 0)
		return -1;
	return done(store_one(db, NULL, e, "SELECT failures FROM login_throttle "
	    "WHERE throttle_key = ?", "s", "i", key, failures));
}

int
store_throttle_delay(struct db *db, const char *key, const char *until,
    struct err *e)
{
	return done(store_exec(db, NULL, e, "UPDATE login_throttle SET "
	    "locked_until = ? WHERE throttle_key = ?", "ss", until, key));
}

int
store_throttle_clear(struct db *db, const char *key, struct err *e)
{
	return done(store_exec(db, NULL, e, "DELETE FROM login_throttle WHERE "
	    "throttle_key = ?", "s", key));
}

/* ---- accounts by activation code ---- */

int
store_activation_insert(struct db *db, const struct store_activation *c,
    const char *code_hash, int hash_key_id, const char *expires_at,
    const char *created_by, const char *now, struct err *e)
{
	return done(store_exec(db, NULL, e, "INSERT INTO activation_code "
	    "(id, kind, client_id, user_id, username, code_hash, expires_at, "
	    "created_by, created_at, hash_key_id) VALUES (?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?)", "sssssssssi", c->id, c->kind, c->client_id,
	    c->user_id, c->username, code_hash, expires_at, created_by, now,
	    (int64_t)hash_key_id));
}

int
store_activation_find(struct db *db, struct arena *a,
    const struct crypto_hashes *codes, const char *now,
    struct store_activation *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	return store_one(db, a, e, arena_printf(a, "SELECT id, kind, "
	    "client_id, user_id, username FROM activation_code WHERE code_hash "
	    "IN %s AND used_at IS NULL AND expires_at > ?",
	    store_in_list(a, codes->n)), "vs", "sssss", codes->n, codes->v, now,
	    &out->id, &out->kind, &out->client_id, &out->user_id,
	    &out->username);
}

int
store_activation_spend(struct db *db, const char *id, const char *user_id,
    const char *now, struct err *e)
{
	return store_found(store_exec(db, NULL, e, "UPDATE activation_code "
	    "SET used_at = ?, user_id = ? WHERE id = ? AND used_at IS NULL",
	    "sss", now, user_id, id), e, ERR_CONFLICT, "code",
	    R_INVITATION_INVALID, "this activation code is not valid (any more)");
}

int
store_activation_void_user(struct db *db, const char *user_id,
    const char *now, struct err *e)
{
	return done(store_exec(db, NULL, e, "UPDATE activation_code SET "
	    "used_at = ? WHERE user_id = ? AND kind = 'staff' AND used_at IS "
	    "NULL", "ss", now, user_id));
}

int
store_client_has_account(struct db *db, const char *client_id, bool *has,
    struct err *e)
{
	struct arena a;
	int64_t one = 0;
	int rc;

	arena_init(&a);
	rc = store_one(db, &a, e, "SELECT 1 FROM app_user WHERE client_id = ? "
	    "AND active = 1", "s", "i", client_id, &one);
	arena_cleanup(&a);
	*has = rc == 1;
	return rc < 0 ? -1 : 0;
}

/* ---- audit log ---- */

int
store_audit_head_bump(struct db *db, struct arena *a, int64_t *seq,
    char **prev_hash, struct err *e)
{
	int changes = store_exec(db, NULL, e, "UPDATE audit_head SET "
	    "seq = seq + 1 WHERE id = 1", "");

	if (changes < 0)
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
	int rc = store_one(db, a, e, "SELECT seq, hash FROM audit_head WHERE "
	    "id = 1", "", "is", seq, hash);

	if (rc == 0)
		return err_set(e, ERR_DB, NULL, "audit_head row is missing");
	return rc < 0 ? -1 : 0;
}

int
store_audit_head_set_hash(struct db *db, const char *hash, struct err *e)
{
	return done(store_exec(db, NULL, e, "UPDATE audit_head SET hash = ? "
	    "WHERE id = 1", "s", hash));
}

int
store_audit_check_insert(struct db *db, const char *at, bool ok,
    int64_t checked, int64_t bad_seq, const char *reason, struct err *e)
{
	char id[ID_LEN + 1];

	id_new(id);
	return done(store_exec(db, NULL, e, "INSERT INTO audit_check (id, at, "
	    "ok, checked, bad_seq, reason) VALUES (?, ?, ?, ?, ?, ?)",
	    "ssbiis", id, at, ok, checked, bad_seq, reason));
}

int
store_audit_insert(struct db *db, const struct store_audit_row *r,
    struct err *e)
{
	return done(store_exec(db, NULL, e, "INSERT INTO audit_log (seq, at, "
	    "user_id, username, role, org_id, client_id, action, object_type, "
	    "object_id, outcome, purpose, request_id, remote_addr, hash) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    "isssssssssssss" "s", r->seq, r->at, r->user_id, r->username,
	    r->role, r->org_id, r->client_id, r->action, r->object_type,
	    r->object_id, r->outcome, r->purpose, r->request_id, r->remote_addr,
	    r->hash));
}

struct audit_walk {
	struct arena a;		/* one batch's strings; emptied per batch */
	int (*fn)(void *arg, const struct store_audit_row *r);
	void *arg;
	int64_t after;
	int stop;
};

static int
audit_row(struct db_stmt *st, void *ctx, struct err *e)
{
	struct audit_walk *w = ctx;
	struct store_audit_row row;
	char *v[14];

	if (store_row(st, &w->a, e, "iss" "ssssssssssss", &row.seq, &v[0],
	    &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7], &v[8], &v[9],
	    &v[10], &v[11], &v[12], &v[13]) != 0)
		return -1;
	row.at = v[0];
	row.user_id = v[1];
	row.username = v[2];
	row.role = v[3];
	row.org_id = v[4];
	row.client_id = v[5];
	row.action = v[6];
	row.object_type = v[7];
	row.object_id = v[8];
	row.outcome = v[9];
	row.purpose = v[10];
	row.request_id = v[11];
	row.remote_addr = v[12];
	row.hash = v[13];
	w->after = row.seq;
	/* A non-zero answer stops the walk: store_each then returns -1. */
	return (w->stop = w->fn(w->arg, &row)) != 0 ? -1 : 0;
}

int
store_audit_iterate(struct db *db,
    int (*fn)(void *arg, const struct store_audit_row *r), void *arg,
    struct err *e)
{
	struct audit_walk w = { .fn = fn, .arg = arg };
	int got;

	do {
		arena_init(&w.a);
		got = store_each(db, &w.a, e, audit_row, &w, "SELECT seq, at, "
		    "user_id, username, role, org_id, client_id, action, "
		    "object_type, object_id, outcome, purpose, request_id, "
		    "remote_addr, hash FROM audit_log WHERE seq > ? ORDER BY seq "
		    "LIMIT ?", "ii", w.after, (int64_t)AUDIT_BATCH);
		arena_cleanup(&w.a);
		if (got < 0)
			return w.stop != 0 ? w.stop : -1;
	} while (got == AUDIT_BATCH);
	return 0;
}

/* ---- user lifecycle (issue 15) ---- */

int
store_user_by_id(struct db *db, struct arena *a, const char *id,
    struct store_user *out, bool *found, struct err *e)
{
	memset(out, 0, sizeof *out);
	return found_one(store_one(db, a, e, "SELECT " USER_COLS " FROM "
	    "app_user u WHERE u.id = ?", "s", USER_TYPES, id, USER_OUT(out)),
	    found);
}

int
store_user_set_role(struct db *db, const char *user_id, const char *role,
    const char *org_id, const char *now, struct err *e)
{
	return done(store_exec(db, NULL, e, "UPDATE app_user SET role = ?, "
	    "org_id = ?, updated_at = ? WHERE id = ?", "ssss", role, org_id,
	    now, user_id));
}

int
store_user_set_active(struct db *db, const char *user_id, bool active,
    const char *now, struct err *e)
{
	return done(store_exec(db, NULL, e, "UPDATE app_user SET active = ?, "
	    "deactivated_at = ?, updated_at = ? WHERE id = ?", "bsss", active,
	    active ? NULL : now, now, user_id));
}
