/*
 * session.c - log-in, database-backed sessions and log-out.
 *
 * Owns the log-in policy and the session life cycle:
 *
 *   auth_login:  address throttle -> account lock -> password (Argon2id,
 *                outside any transaction) -> on failure count it, on
 *                success reset the account counter and insert a session.
 *   auth_session_lookup:  token -> hash -> row; expired rows are deleted;
 *                a live one slides its idle expiry (at most once a minute,
 *                so reads do not all become writes) but never past its
 *                absolute expiry.
 *   auth_logout: delete the row.
 *
 * Invariants:
 *   1. Only the BLAKE2b hash of a token is stored; the token itself exists
 *      in the log-in answer and in the client, nowhere else.
 *   2. Unknown username and wrong password give the same code, the same
 *      message and (through the dummy hash) the same time.  Failures are
 *      counted for unknown names too, so locks tell nothing either.
 *   3. No transaction is open while Argon2id runs: a slow hash must not
 *      hold SQLite's write lock or a PostgreSQL row lock.
 *   4. Counters are changed with single statements (store_throttle_fail),
 *      so concurrent server processes cannot lose a failure.
 *
 * Never: log or return a password, or put a token or username in an
 * error message.
 */
#include "auth/auth.h"
#include "auth/auth_impl.h"

#include <stdio.h>
#include <string.h>

#include "db/db.h"
#include "store/auth_store.h"

#define WRONG_CREDENTIALS "wrong username or password"
#define TOUCH_GRANULARITY 60	/* seconds between idle-expiry updates */
#define THROTTLE_KEY_MAX (8 + USERNAME_MAX + 64)
#define REMOTE_ADDR_MAX 64

static void
new_token(char out[TOKEN_LEN + 1])
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, TOKEN_LEN + 1, raw, sizeof raw,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
}

static void
copy(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src != NULL ? src : "");
}

static void
fill_principal(struct principal *p, const struct store_user *u,
    const char *csrf, const char *expires_at)
{
	memset(p, 0, sizeof *p);
	copy(p->user_id, sizeof p->user_id, u->id);
	copy(p->username, sizeof p->username, u->username);
	copy(p->display_name, sizeof p->display_name, u->display_name);
	if (role_parse(u->role, &p->role) != 0)
		abort();	/* the schema's CHECK allows only known roles */
	copy(p->org_id, sizeof p->org_id, u->org_id);
	copy(p->client_id, sizeof p->client_id, u->client_id);
	copy(p->csrf_token, sizeof p->csrf_token, csrf);
	copy(p->expires_at, sizeof p->expires_at, expires_at);
}

/* Count one failure against key; *failures receives the count. */
static int
count_failure(struct db *db, const char *key, int64_t *failures,
    struct err *e)
{
	char now[INSTANT_LEN + 1], cutoff[INSTANT_LEN + 1];

	instant_now(now);
	instant_after(-LOGIN_WINDOW_SECONDS, cutoff);
	return store_throttle_fail(db, key, now, cutoff, failures, e);
}

/*
 * Record a failed log-in for the address and (for a well-formed name) the
 * account, and lock the account when it reached its limit.  *locked tells
 * whether this failure locked it.
 */
static int
record_failure(struct db *db, const char *user_key, const char *addr_key,
    bool *locked, struct err *e)
{
	char until[INSTANT_LEN + 1];
	int64_t n = 0;

	*locked = false;
	if (db_begin_write(db, e) != 0)
		return -1;
	if (addr_key != NULL && count_failure(db, addr_key, &n, e) != 0)
		goto fail;
	if (user_key != NULL) {
		if (count_failure(db, user_key, &n, e) != 0)
			goto fail;
		if (n >= LOGIN_MAX_FAILURES_USER) {
			instant_after(LOGIN_LOCK_SECONDS, until);
			if (store_throttle_lock(db, user_key, until, e) != 0)
				goto fail;
			*locked = true;
		}
	}
	if (db_commit(db, e) != 0)
		goto fail;
	return 0;
fail:
	db_rollback(db);
	return -1;
}

/* ERR_RATE_LIMITED / ERR_LOCKED when a throttle applies now. */
static int
check_throttles(struct db *db, struct arena *a, const char *user_key,
    const char *addr_key, struct err *e)
{
	struct store_throttle t;
	char now[INSTANT_LEN + 1], cutoff[INSTANT_LEN + 1];
	bool found;

	instant_now(now);
	instant_after(-LOGIN_WINDOW_SECONDS, cutoff);
	if (addr_key != NULL) {
		if (store_throttle_get(db, a, addr_key, &t, &found, e) != 0)
			return -1;
		if (found && t.failures >= LOGIN_MAX_FAILURES_ADDR &&
		    strcmp(t.window_start, cutoff) >= 0)
			return err_setr(e, ERR_RATE_LIMITED, NULL,
			    R_LOGIN_ADDRESS_THROTTLED,
			    "too many failed log-ins from this address; "
			    "try again later");
	}
	if (user_key != NULL) {
		if (store_throttle_get(db, a, user_key, &t, &found, e) != 0)
			return -1;
		if (found && t.locked_until != NULL &&
		    strcmp(t.locked_until, now) > 0)
			return err_setr(e, ERR_LOCKED, NULL,
			    R_LOGIN_ACCOUNT_LOCKED,
			    "this account is locked after too many failed "
			    "log-ins; try again in %d minutes",
			    LOGIN_LOCK_SECONDS / 60);
	}
	return 0;
}

int
auth_login(struct db *db, const char *username, const char *password,
    const char *remote_addr, struct login_result *out, struct err *e)
{
	struct store_user u;
	struct store_session s;
	struct arena a;
	char *user_key = NULL, *addr_key = NULL, *newhash = NULL;
	char now[INSTANT_LEN + 1], idle[INSTANT_LEN + 1], hard[INSTANT_LEN + 1];
	char csrf[TOKEN_LEN + 1], token_hash[65];
	bool found = false, locked;
	int rc = -1;

	arena_init(&a);
	memset(out, 0, sizeof *out);
	if (username == NULL || *username == '\0') {
		err_setr(e, ERR_INVALID, "username",
		    R_LOGIN_USERNAME_REQUIRED, "username is required");
		goto out;
	}
	if (password == NULL || *password == '\0') {
		err_setr(e, ERR_INVALID, "password",
		    R_LOGIN_PASSWORD_REQUIRED, "password is required");
		goto out;
	}
	if (strlen(password) > (size_t)PASSWORD_MAX * 4) {
		err_setr(e, ERR_INVALID, "password",
		    R_PASSWORD_TOO_LONG, "password is too long");
		goto out;
	}
	/* A name that cannot be an account gets no counter of its own (it
	 * could be anything, even a password typed in the wrong field). */
	if (auth_username_valid(username))
		user_key = arena_printf(&a, "user:%s", username);
	if (remote_addr != NULL && *remote_addr != '\0' &&
	    strlen(remote_addr) <= REMOTE_ADDR_MAX)
		addr_key = arena_printf(&a, "addr:%s", remote_addr);

	if (check_throttles(db, &a, user_key, addr_key, e) != 0)
		goto out;
	if (user_key != NULL &&
	    store_user_by_username(db, &a, username, &u, &found, e) != 0)
		goto out;
	if (found) {
		copy(out->who.user_id, sizeof out->who.user_id, u.id);
		copy(out->who.username, sizeof out->who.username, u.username);
	}
	if (!found || auth_password_verify(u.password_hash, password) != 0) {
		if (!found)
			auth_password_dummy_verify(password);
		if (record_failure(db, user_key, addr_key, &locked, e) != 0)
			goto out;
		if (locked)
			err_setr(e, ERR_LOCKED, NULL, R_LOGIN_ACCOUNT_LOCKED,
			    "too many failed log-ins: this account is locked "
			    "for %d minutes", LOGIN_LOCK_SECONDS / 60);
		else
			err_setr(e, ERR_UNAUTHORIZED, NULL,
			    R_LOGIN_WRONG_CREDENTIALS, WRONG_CREDENTIALS);
		goto out;
	}
	if (!u.active) {
		err_setr(e, ERR_UNAUTHORIZED, NULL,
		    R_LOGIN_ACCOUNT_DISABLED, "this account is disabled");
		goto out;
	}
	/* Parameters changed since this hash was made: hash it anew, now,
	 * while the password is at hand (and before the transaction). */
	if (auth_password_needs_rehash(u.password_hash) &&
	    auth_password_hash(&a, password, &newhash, e) != 0)
		newhash = NULL;	/* keep the old hash; the log-in stands */

	instant_now(now);
	instant_after(SESSION_IDLE_SECONDS, idle);
	instant_after(SESSION_ABSOLUTE_SECONDS, hard);
	new_token(out->token);
	new_token(csrf);
	auth_token_hash(out->token, token_hash);
	memset(&s, 0, sizeof s);
	s.token_hash = token_hash;
	s.user_id = u.id;
	s.csrf_token = csrf;
	s.created_at = now;
	s.last_seen_at = now;
	s.idle_expires_at = idle;
	s.expires_at = hard;

	if (db_begin_write(db, e) != 0)
		goto out;
	if ((user_key != NULL && store_throttle_clear(db, user_key, e) != 0) ||
	    store_session_purge_user(db, u.id, now, e) != 0 ||
	    store_session_insert(db, &s, e) != 0 ||
	    (newhash != NULL &&
	    store_user_set_password(db, u.id, newhash, now, e) != 0) ||
	    db_commit(db, e) != 0) {
		db_rollback(db);
		goto out;
	}
	fill_principal(&out->who, &u, csrf, hard);
	rc = 0;
out:
	if (rc != 0)
		sodium_memzero(out->token, sizeof out->token);
	sodium_memzero(csrf, sizeof csrf);
	arena_cleanup(&a);
	return rc;
}

int
auth_session_lookup(struct db *db, const char *token, struct principal *out,
    struct err *e)
{
	struct store_session s;
	struct arena a;
	char now[INSTANT_LEN + 1], idle[INSTANT_LEN + 1];
	char touch_before[INSTANT_LEN + 1], token_hash[65];
	bool found = false;
	int rc = -1;

	arena_init(&a);
	memset(out, 0, sizeof *out);
	if (token == NULL || strlen(token) != TOKEN_LEN) {
		err_setr(e, ERR_UNAUTHORIZED, NULL,
		    R_SESSION_INVALID, "no valid session");
		goto out;
	}
	auth_token_hash(token, token_hash);
	if (store_session_lookup(db, &a, token_hash, &s, &found, e) != 0)
		goto out;
	if (!found) {
		err_setr(e, ERR_UNAUTHORIZED, NULL,
		    R_SESSION_INVALID, "no valid session");
		goto out;
	}
	instant_now(now);
	if (strcmp(s.idle_expires_at, now) <= 0 ||
	    strcmp(s.expires_at, now) <= 0 || !s.user.active) {
		if (store_session_delete(db, token_hash, e) != 0)
			goto out;
		err_setr(e, ERR_UNAUTHORIZED, NULL,
		    R_SESSION_EXPIRED, "session expired");
		goto out;
	}
	instant_after(SESSION_IDLE_SECONDS, idle);
	if (strcmp(idle, s.expires_at) > 0)
		memcpy(idle, s.expires_at, sizeof idle);
	instant_after(SESSION_IDLE_SECONDS - TOUCH_GRANULARITY, touch_before);
	if (strcmp(s.idle_expires_at, touch_before) < 0 &&
	    store_session_touch(db, token_hash, now, idle, e) != 0)
		goto out;
	fill_principal(out, &s.user, s.csrf_token, s.expires_at);
	rc = 0;
out:
	arena_cleanup(&a);
	return rc;
}

int
auth_logout(struct db *db, const char *token, struct err *e)
{
	char token_hash[65];

	if (token == NULL || *token == '\0')
		return 0;
	auth_token_hash(token, token_hash);
	return store_session_delete(db, token_hash, e);
}

void
auth_token_hash(const char *token, char out[65])
{
	unsigned char h[32];

	crypto_generichash(h, sizeof h, (const unsigned char *)token,
	    strlen(token), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof h);
}

int
auth_sessions_end_user(struct db *db, const char *user_id, struct err *e)
{
	return store_session_delete_user(db, user_id, e);
}
