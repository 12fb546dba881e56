/*
 * session.c - log-in, database-backed sessions and log-out.
 *
 * Owns the log-in policy and the session life cycle:
 *
 *   auth_login:  throttles (account at this address, account, address:
 *                a running delay refuses the attempt uncounted) ->
 *                password (Argon2id, outside any transaction) -> on
 *                failure count it against all three, on success clear the
 *                account's counters and insert a session of stage "full",
 *                "totp" (a code is due: totp.c) or "enrol" (two-factor
 *                log-in required but not set up), ending the oldest full
 *                sessions beyond auth.max_sessions.
 *   auth_session_lookup:  token -> hash -> row; expired rows are deleted;
 *                a live one slides its idle expiry (at most once a minute,
 *                so reads do not all become writes) but never past its
 *                absolute expiry.
 *   auth_logout: delete the row; auth_session_end, _end_others and
 *                _end_user delete one, all but one, or all of a user's.
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
 *   5. No hard lock: a throttle only delays (2, 4, 8 ... seconds past its
 *      free failures, at most LOGIN_DELAY_MAX), and the account at one
 *      address is counted apart from the account and from the address, so
 *      a stranger cannot lock a colleague out, nor one address everyone
 *      behind the same proxy.
 *   6. A session that is not "full" opens only the routes of its step
 *      (api/server.c refuses the rest) and lives minutes, not hours; the
 *      step to "full" changes its token (auth_session_promote).
 *
 * Never: log or return a password, or put a token or username in an
 * error message.
 */
#include "auth/auth.h"
#include "auth/auth_impl.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "db/db.h"
#include "store/auth_store.h"
#include "store/store.h"

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

/* The end of a step that made a session's tokens: the CSRF token's copy is
 * wiped, and on failure the new session token too; rc is returned. */
static int
step_end(int rc, struct login_result *out, char csrf[TOKEN_LEN + 1],
    struct arena *a)
{
	if (rc != 0)
		sodium_memzero(out->token, sizeof out->token);
	sodium_memzero(csrf, TOKEN_LEN + 1);
	arena_cleanup(a);
	return rc;
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
	p->access_pending = u->access_pending;
	copy(p->csrf_token, sizeof p->csrf_token, csrf);
	copy(p->expires_at, sizeof p->expires_at, expires_at);
}

const char *
auth_stage_name(enum auth_stage st)
{
	switch (st) {
	case AUTH_STAGE_TOTP: return "totp";
	case AUTH_STAGE_ENROL: return "enrol";
	default: return "full";
	}
}

static enum auth_stage
stage_parse(const char *s)
{
	if (s != NULL && strcmp(s, "totp") == 0)
		return AUTH_STAGE_TOTP;
	if (s != NULL && strcmp(s, "enrol") == 0)
		return AUTH_STAGE_ENROL;
	return AUTH_STAGE_FULL;
}

/* Milliseconds since the epoch of an instant "YYYY-MM-DDTHH:MM:SS.mmmZ". */
static int64_t
instant_ms(const char *s)
{
	struct tm tm;
	int ms = 0;

	memset(&tm, 0, sizeof tm);
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ", &tm.tm_year, &tm.tm_mon,
	    &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &ms) < 6)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return (int64_t)timegm(&tm) * 1000 + ms;
}

/* The delay after the n-th failure when `free` are free: 2^(n-free) s. */
static int64_t
delay_for(int64_t n, int64_t free_failures)
{
	int64_t over = n - free_failures, d;

	if (over <= 0)
		return 0;
	if (over > 10)
		return LOGIN_DELAY_MAX;
	d = (int64_t)1 << over;
	return d < LOGIN_DELAY_MAX ? d : LOGIN_DELAY_MAX;
}

/* Count one failure against key in the open transaction. */
static int
count_failure(struct db *db, const char *key, int64_t free_failures,
    struct err *e)
{
	char now[INSTANT_LEN + 1], cutoff[INSTANT_LEN + 1], until[INSTANT_LEN + 1];
	int64_t n = 0, d;

	instant_now(now);
	instant_after(-LOGIN_WINDOW_SECONDS, cutoff);
	if (store_throttle_fail(db, key, now, cutoff, &n, e) != 0)
		return -1;
	if ((d = delay_for(n, free_failures)) == 0)
		return 0;
	instant_after(d, until);
	return store_throttle_delay(db, key, until, e);
}

int
auth_throttle_fail(struct db *db, const char *key, int64_t free_failures,
    struct err *e)
{
	if (db_begin_write(db, e) != 0)
		return -1;
	return store_tx_end(db, count_failure(db, key, free_failures, e), e);
}

int
auth_throttle_check(struct db *db, struct arena *a, const char *key,
    enum err_reason reason, struct err *e)
{
	struct store_throttle t;
	char now[INSTANT_LEN + 1];
	bool found = false;
	int64_t wait;

	if (key == NULL)
		return 0;
	if (store_throttle_get(db, a, key, &t, &found, e) != 0)
		return -1;
	instant_now(now);
	if (!found || t.locked_until == NULL || strcmp(t.locked_until, now) <= 0)
		return 0;
	/* Seconds left, rounded up, for the message. */
	wait = (instant_ms(t.locked_until) - instant_now_ms() + 999) / 1000;
	if (wait < 1)
		wait = 1;
	return err_setr(e, ERR_RATE_LIMITED, NULL, reason,
	    "too many failed attempts; try again in %lld seconds",
	    (long long)wait);
}

/*
 * Record a failed log-in against the account at this address, the
 * account and the address, each with its own free failures.
 */
static int
record_failure(struct db *db, const char *pair_key, const char *user_key,
    const char *addr_key, struct err *e)
{
	if (db_begin_write(db, e) != 0)
		return -1;
	return store_tx_end(db, (pair_key != NULL &&
	    count_failure(db, pair_key, LOGIN_FREE_PAIR, e) != 0) ||
	    (user_key != NULL &&
	    count_failure(db, user_key, LOGIN_FREE_USER, e) != 0) ||
	    (addr_key != NULL &&
	    count_failure(db, addr_key, LOGIN_FREE_ADDR, e) != 0) ? -1 : 0, e);
}

/* The configured cap on a user's full sessions. */
static int
max_sessions(struct db *db, struct arena *a, int *max, struct err *e)
{
	return store_setting_int(db, a, "auth.max_sessions", max, e);
}

/*
 * End the oldest of the user's full sessions beyond auth.max_sessions
 * (inside the caller's transaction); keep_hash is never ended.
 */
static int
cap_sessions(struct db *db, struct arena *a, const char *user_id,
    const char *keep_hash, struct err *e)
{
	struct store_session *s = NULL;
	char now[INSTANT_LEN + 1];
	size_t n = 0, kept = 1;
	int max = 0;

	instant_now(now);
	if (max_sessions(db, a, &max, e) != 0 ||
	    store_session_list(db, a, user_id, now, &s, &n, e) != 0)
		return -1;
	/* Newest first: keep the first max - 1 others besides keep_hash. */
	for (size_t i = 0; i < n; i++) {
		if (strcmp(s[i].token_hash, keep_hash) == 0 ||
		    strcmp(s[i].stage, "full") != 0)
			continue;
		if (kept < (size_t)max) {
			kept++;
			continue;
		}
		if (store_session_delete(db, s[i].token_hash, e) != 0)
			return -1;
	}
	return 0;
}

/* Whether the user must give a code, or must enrol first. */
static int
login_stage(struct db *db, struct arena *a, const struct store_user *u,
    enum auth_stage *st, struct err *e)
{
	struct store_totp t;
	enum role r;
	bool found = false, required = false;

	*st = AUTH_STAGE_FULL;
	if (role_parse(u->role, &r) != 0 || !auth_totp_role(r))
		return 0;
	if (store_totp_get(db, a, u->id, &t, &found, e) != 0)
		return -1;
	if (found && t.confirmed_at != NULL) {
		*st = AUTH_STAGE_TOTP;
		return 0;
	}
	if (auth_totp_required(db, &required, e) != 0)
		return -1;
	if (required)
		*st = AUTH_STAGE_ENROL;
	return 0;
}

/* Printable ASCII of at most USER_AGENT_MAX bytes, or NULL. */
static char *
clean_agent(struct arena *a, const char *ua)
{
	char *out;
	size_t n = 0;

	if (ua == NULL || *ua == '\0')
		return NULL;
	out = arena_alloc(a, USER_AGENT_MAX + 1);
	for (; *ua != '\0' && n < USER_AGENT_MAX; ua++)
		out[n++] = (*ua >= 0x20 && *ua < 0x7f) ? *ua : '?';
	out[n] = '\0';
	return out;
}

int
auth_login(struct db *db, const char *username, const char *password,
    const char *remote_addr, const char *user_agent, struct login_result *out,
    struct err *e)
{
	struct store_user u;
	struct store_session s;
	struct arena a;
	char *user_key = NULL, *addr_key = NULL, *pair_key = NULL;
	char *newhash = NULL, *sid;
	char now[INSTANT_LEN + 1], idle[INSTANT_LEN + 1], hard[INSTANT_LEN + 1];
	char csrf[TOKEN_LEN + 1], token_hash[65];
	enum auth_stage stage = AUTH_STAGE_FULL;
	bool found = false;
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
	if (remote_addr != NULL && *remote_addr != '\0' &&
	    strlen(remote_addr) <= REMOTE_ADDR_MAX)
		addr_key = arena_printf(&a, "addr:%s", remote_addr);
	if (auth_username_valid(username)) {
		user_key = arena_printf(&a, "user:%s", username);
		if (addr_key != NULL)
			pair_key = arena_printf(&a, "pair:%s|%s", username,
			    remote_addr);
	}

	/* While a delay runs, the attempt is refused unseen and uncounted. */
	if (auth_throttle_check(db, &a, pair_key, R_LOGIN_TOO_MANY_ATTEMPTS,
	    e) != 0 ||
	    auth_throttle_check(db, &a, user_key, R_LOGIN_TOO_MANY_ATTEMPTS,
	    e) != 0 ||
	    auth_throttle_check(db, &a, addr_key, R_LOGIN_ADDRESS_THROTTLED,
	    e) != 0)
		goto out;
	if (user_key != NULL &&
	    store_user_by_username(db, &a, username, &u, &found, e) != 0)
		goto out;
	if (found) {
		copy(out->who.user_id, sizeof out->who.user_id, u.id);
		copy(out->who.username, sizeof out->who.username, u.username);
	}
	if (!found || auth_password_verify(u.password_hash, password) != 0) {
		/* No account, or one not activated yet (no password): as
		 * long as a wrong password takes, so neither shows. */
		if (!found || strcmp(u.password_hash, auth_no_password) == 0)
			auth_password_dummy_verify(password);
		if (record_failure(db, pair_key, user_key, addr_key, e) != 0)
			goto out;
		err_setr(e, ERR_UNAUTHORIZED, NULL,
		    R_LOGIN_WRONG_CREDENTIALS, WRONG_CREDENTIALS);
		goto out;
	}
	if (!u.active) {
		err_setr(e, ERR_UNAUTHORIZED, NULL,
		    R_LOGIN_ACCOUNT_DISABLED, "this account is disabled");
		goto out;
	}
	if (login_stage(db, &a, &u, &stage, e) != 0)
		goto out;
	/* Parameters changed since this hash was made: hash it anew, now,
	 * while the password is at hand (and before the transaction). */
	if (auth_password_needs_rehash(u.password_hash) &&
	    auth_password_hash(&a, password, &newhash, e) != 0)
		newhash = NULL;	/* keep the old hash; the log-in stands */

	sid = store_new_id(&a, now);
	instant_after(stage == AUTH_STAGE_FULL ? SESSION_IDLE_SECONDS :
	    stage == AUTH_STAGE_TOTP ? SESSION_STEP_SECONDS :
	    SESSION_ENROL_SECONDS, idle);
	instant_after(stage == AUTH_STAGE_FULL ? SESSION_ABSOLUTE_SECONDS :
	    stage == AUTH_STAGE_TOTP ? SESSION_STEP_SECONDS :
	    SESSION_ENROL_SECONDS, hard);
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
	s.id = sid;
	s.stage = (char *)auth_stage_name(stage);
	s.remote_addr = addr_key != NULL ? (char *)remote_addr : NULL;
	s.user_agent = clean_agent(&a, user_agent);

	if (db_begin_write(db, e) != 0)
		goto out;
	if (store_tx_end(db, (pair_key != NULL &&
	    store_throttle_clear(db, pair_key, e) != 0) ||
	    (user_key != NULL && store_throttle_clear(db, user_key, e) != 0) ||
	    store_session_purge_user(db, u.id, now, e) != 0 ||
	    store_session_insert(db, &s, e) != 0 ||
	    (stage == AUTH_STAGE_FULL &&
	    cap_sessions(db, &a, u.id, token_hash, e) != 0) ||
	    (newhash != NULL &&
	    store_user_set_password(db, u.id, newhash, now, e) != 0) ? -1 : 0,
	    e) != 0)
		goto out;
	fill_principal(&out->who, &u, csrf, hard);
	copy(out->who.session_id, sizeof out->who.session_id, sid);
	out->who.stage = stage;
	rc = 0;
out:
	return step_end(rc, out, csrf, &a);
}

int
auth_session_promote(struct db *db, const struct principal *who,
    const char *token, const char *from, struct login_result *out,
    struct err *e)
{
	struct arena a;
	char now[INSTANT_LEN + 1], idle[INSTANT_LEN + 1], hard[INSTANT_LEN + 1];
	char old_hash[65], new_hash[65], csrf[TOKEN_LEN + 1];
	bool moved = false;
	int rc = -1;

	arena_init(&a);
	instant_now(now);
	instant_after(SESSION_IDLE_SECONDS, idle);
	instant_after(SESSION_ABSOLUTE_SECONDS, hard);
	new_token(out->token);
	new_token(csrf);
	auth_token_hash(token, old_hash);
	auth_token_hash(out->token, new_hash);
	if (store_session_promote(db, old_hash, from, new_hash, csrf, now, idle,
	    hard, &moved, e) != 0)
		goto out;
	if (!moved) {
		err_setr(e, ERR_UNAUTHORIZED, NULL, R_SESSION_EXPIRED,
		    "this log-in step is over; log in again");
		goto out;
	}
	if (cap_sessions(db, &a, who->user_id, new_hash, e) != 0)
		goto out;
	out->who = *who;
	copy(out->who.csrf_token, sizeof out->who.csrf_token, csrf);
	copy(out->who.expires_at, sizeof out->who.expires_at, hard);
	out->who.stage = AUTH_STAGE_FULL;
	rc = 0;
out:
	return step_end(rc, out, csrf, &a);
}

static int
session_lookup(struct db *db, const char *token, bool touch,
    struct principal *out, struct err *e)
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
	if (touch && strcmp(s.idle_expires_at, touch_before) < 0 &&
	    store_session_touch(db, token_hash, now, idle, e) != 0)
		goto out;
	fill_principal(out, &s.user, s.csrf_token, s.expires_at);
	copy(out->session_id, sizeof out->session_id, s.id);
	out->stage = stage_parse(s.stage);
	rc = 0;
out:
	arena_cleanup(&a);
	return rc;
}

int
auth_session_lookup(struct db *db, const char *token, struct principal *out,
    struct err *e)
{
	return session_lookup(db, token, true, out, e);
}

int
auth_session_peek(struct db *db, const char *token, struct principal *out,
    struct err *e)
{
	return session_lookup(db, token, false, out, e);
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

int
auth_sessions_list(struct db *db, struct arena *a, const char *user_id,
    const char *current_id, struct auth_session_info **items, size_t *n,
    struct err *e)
{
	struct store_session *s = NULL;
	char now[INSTANT_LEN + 1];
	size_t k = 0;

	*items = NULL;
	*n = 0;
	instant_now(now);
	if (store_session_list(db, a, user_id, now, &s, &k, e) != 0)
		return -1;
	*items = arena_alloc(a, (k ? k : 1) * sizeof **items);
	for (size_t i = 0; i < k; i++) {
		struct auth_session_info *o = &(*items)[i];

		memset(o, 0, sizeof *o);
		o->id = s[i].id;
		o->created_at = s[i].created_at;
		o->last_seen_at = s[i].last_seen_at;
		o->remote_addr = s[i].remote_addr;
		o->user_agent = s[i].user_agent;
		o->stage = auth_stage_name(stage_parse(s[i].stage));
		o->current = current_id != NULL && s[i].id != NULL &&
		    strcmp(s[i].id, current_id) == 0;
	}
	*n = k;
	return 0;
}

int
auth_session_end(struct db *db, const char *user_id, const char *id,
    struct err *e)
{
	bool deleted = false;

	if (id == NULL || !id_valid(id))
		return err_setr(e, ERR_NOT_FOUND, NULL, R_SESSION_UNKNOWN,
		    "no such session");
	if (store_session_delete_id(db, user_id, id, &deleted, e) != 0)
		return -1;
	if (!deleted)
		return err_setr(e, ERR_NOT_FOUND, NULL, R_SESSION_UNKNOWN,
		    "no such session");
	return 0;
}

int
auth_sessions_end_others(struct db *db, const char *user_id,
    const char *keep_token, int64_t *ended, struct err *e)
{
	char keep[65];

	if (keep_token != NULL)
		auth_token_hash(keep_token, keep);
	return store_session_delete_others(db, user_id,
	    keep_token != NULL ? keep : NULL, ended, e);
}

int
auth_sessions_end_user(struct db *db, const char *user_id, struct err *e)
{
	return store_session_delete_user(db, user_id, e);
}

void
auth_token_hash(const char *token, char out[65])
{
	unsigned char h[32];

	crypto_generichash(h, sizeof h, (const unsigned char *)token,
	    strlen(token), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof h);
}
