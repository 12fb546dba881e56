/*
 * totp.c - two-factor log-in with a time-based one-time code (RFC 6238:
 * HMAC-SHA1 through liboath, 30-second steps, 6 digits) and recovery codes.
 *
 * Owns the second factor's life cycle:
 *
 *   auth_totp_begin:   20 random bytes, stored encrypted (field
 *                      encryption, user_totp|secret_enc|user_id),
 *                      unconfirmed; base32 and otpauth:// URI returned.
 *   auth_totp_confirm: the first right code confirms it, takes that time
 *                      step and makes RECOVERY_CODES recovery codes.
 *   auth_login_totp:   a code (one step either side of now, for clocks
 *                      that drift) or a recovery code promotes a session
 *                      of stage "totp" to "full" under a new token.
 *   auth_totp_reset:   an administrator removes a lost device.
 *
 * Invariants:
 *   1. A code is used once: accepting it is a conditional UPDATE that
 *      takes its time step only when no later or equal step was taken, so
 *      of any number of racing requests with one code exactly one wins, on
 *      SQLite and PostgreSQL alike.  The same holds for a recovery code
 *      (UPDATE ... WHERE used_at IS NULL) and for the session's promotion
 *      (UPDATE ... WHERE stage = 'totp').
 *   2. The secret exists in plain form only in this file's stack buffers,
 *      wiped before return; recovery codes only in the enrolment answer.
 *   3. Wrong codes are throttled per account like passwords (key
 *      "totp:USER_ID", LOGIN_FREE_TOTP free failures, then growing delays).
 *
 * Never: log a secret, code or recovery code.
 */
#include "auth/auth.h"
#include "auth/auth_impl.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <liboath/oath.h>

#include "db/db.h"
#include "store/auth_store.h"
#include "store/store.h"

#define CODE_INPUT_MAX 64
#define B32_ALPHABET "abcdefghijklmnopqrstuvwxyz234567"

static pthread_once_t oath_once = PTHREAD_ONCE_INIT;

static void
oath_start(void)
{
	if (oath_init() != OATH_OK)
		abort();	/* liboath cannot fail to initialise but by bug */
}

bool
auth_totp_role(enum role r)
{
	return r != ROLE_CLIENT;
}

int
auth_totp_required(struct db *db, bool *required, struct err *e)
{
	struct arena a;
	int v = 1, rc;

	arena_init(&a);
	rc = store_setting_int(db, &a, "auth.totp_required", &v, e);
	arena_cleanup(&a);
	*required = v != 0;
	return rc;
}

int
auth_totp_code(const unsigned char *secret, size_t len, int64_t t,
    char out[TOTP_DIGITS + 1])
{
	pthread_once(&oath_once, oath_start);
	return oath_totp_generate((const char *)secret, len, (time_t)t,
	    TOTP_STEP, 0, TOTP_DIGITS, out) == OATH_OK ? 0 : -1;
}

/* Base32 (RFC 4648, upper case, no padding) of the secret. */
static void
secret_b32(const unsigned char raw[TOTP_SECRET_BYTES],
    char out[TOTP_SECRET_B32 + 1])
{
	static const char al[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	unsigned buf = 0;
	int bits = 0;
	size_t o = 0;

	for (size_t i = 0; i < TOTP_SECRET_BYTES; i++) {
		buf = (buf << 8) | raw[i];
		bits += 8;
		while (bits >= 5) {
			out[o++] = al[(buf >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	out[o] = '\0';
}

static int
b32_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= '2' && c <= '7')
		return c - '2' + 26;
	return -1;
}

/* The stored (decrypted) base32 text back into 20 bytes. */
static int
secret_raw(const char *b32, unsigned char out[TOTP_SECRET_BYTES])
{
	unsigned buf = 0;
	int bits = 0, v;
	size_t o = 0;

	for (const char *p = b32; *p != '\0'; p++) {
		if ((v = b32_value(*p)) < 0)
			return -1;
		buf = (buf << 5) | (unsigned)v;
		bits += 5;
		if (bits >= 8) {
			if (o == TOTP_SECRET_BYTES)
				return -1;
			out[o++] = (unsigned char)(buf >> (bits - 8));
			bits -= 8;
		}
	}
	return o == TOTP_SECRET_BYTES ? 0 : -1;
}

/* The user's secret, decrypted; *found false when she has none. */
static int
load_secret(struct db *db, struct arena *a, const char *user_id,
    struct store_totp *t, unsigned char raw[TOTP_SECRET_BYTES], bool *found,
    struct err *e)
{
	char *plain = NULL;
	int rc;

	if (store_totp_get(db, a, user_id, t, found, e) != 0 || !*found)
		return *found ? -1 : 0;
	if (crypto_field_decrypt(a, "user_totp", "secret_enc", user_id,
	    t->secret_enc, &plain, e) != 0)
		return -1;
	rc = secret_raw(plain, raw);
	sodium_memzero(plain, strlen(plain));
	if (rc != 0)
		return err_set(e, ERR_CRYPTO, NULL, "stored secret is malformed");
	return 0;
}

/* Six digits, spaces allowed between them; else false. */
static bool
code_digits(const char *in, char out[TOTP_DIGITS + 1])
{
	size_t n = 0;

	for (const char *p = in; *p != '\0'; p++) {
		if (*p == ' ')
			continue;
		if (!isdigit((unsigned char)*p) || n == TOTP_DIGITS)
			return false;
		out[n++] = *p;
	}
	out[n] = '\0';
	return n == TOTP_DIGITS;
}

/*
 * The time step the code belongs to (now or one step either side), or -1
 * when it fits none.
 */
static int64_t
code_step(const unsigned char raw[TOTP_SECRET_BYTES], const char *code)
{
	uint64_t counter = 0;
	int pos = 0, r;

	pthread_once(&oath_once, oath_start);
	r = oath_totp_validate3((const char *)raw, TOTP_SECRET_BYTES,
	    (time_t)(instant_now_ms() / 1000), TOTP_STEP, 0, 1, &pos, &counter,
	    code);
	return r >= 0 ? (int64_t)counter : -1;
}

/* Recovery code normalised: 16 base32 letters, lower case, no dashes. */
static bool
recovery_norm(const char *in, char out[17])
{
	size_t n = 0;

	for (const char *p = in; *p != '\0'; p++) {
		char c = (char)tolower((unsigned char)*p);

		if (c == '-' || c == ' ')
			continue;
		if (strchr(B32_ALPHABET, c) == NULL || n == 16)
			return false;
		out[n++] = c;
	}
	out[n] = '\0';
	return n == 16;
}

/* BLAKE2b-256 of the normalised code, personalised with the user id. */
static void
recovery_hash(const char *user_id, const char *norm, char out[65])
{
	crypto_generichash_state st;
	unsigned char h[32];

	crypto_generichash_init(&st, NULL, 0, sizeof h);
	crypto_generichash_update(&st, (const unsigned char *)"recovery|", 9);
	crypto_generichash_update(&st, (const unsigned char *)user_id,
	    strlen(user_id));
	crypto_generichash_update(&st, (const unsigned char *)"|", 1);
	crypto_generichash_update(&st, (const unsigned char *)norm,
	    strlen(norm));
	crypto_generichash_final(&st, h, sizeof h);
	sodium_bin2hex(out, 65, h, sizeof h);
}

static void
recovery_new(char out[RECOVERY_CODE_LEN + 1])
{
	unsigned char raw[10];
	unsigned buf = 0;
	int bits = 0;
	size_t o = 0, letters = 0;

	randombytes_buf(raw, sizeof raw);
	for (size_t i = 0; i < sizeof raw; i++) {
		buf = (buf << 8) | raw[i];
		bits += 8;
		while (bits >= 5) {
			if (letters > 0 && letters % 4 == 0)
				out[o++] = '-';
			out[o++] = B32_ALPHABET[(buf >> (bits - 5)) & 31];
			letters++;
			bits -= 5;
		}
	}
	out[o] = '\0';
	sodium_memzero(raw, sizeof raw);
}

static int
fail_code(struct err *e)
{
	return err_setr(e, ERR_UNAUTHORIZED, "code", R_TOTP_CODE_WRONG,
	    "this code is wrong, expired or used already");
}

int
auth_totp_begin(struct db *db, const struct principal *who,
    char secret[TOTP_SECRET_B32 + 1], char **uri, struct arena *a,
    struct err *e)
{
	unsigned char raw[TOTP_SECRET_BYTES];
	char now[INSTANT_LEN + 1], *enc;
	bool stored = false;

	*uri = NULL;
	secret[0] = '\0';
	if (!auth_totp_role(who->role))
		return err_setr(e, ERR_FORBIDDEN, NULL, R_TOTP_ROLE,
		    "two-factor log-in is for staff accounts");
	if (who->stage == AUTH_STAGE_TOTP)
		return err_setr(e, ERR_FORBIDDEN, NULL,
		    R_LOGIN_SECOND_FACTOR_DUE, "enter your code first");
	randombytes_buf(raw, sizeof raw);
	secret_b32(raw, secret);
	sodium_memzero(raw, sizeof raw);
	enc = crypto_field_encrypt(a, "user_totp", "secret_enc", who->user_id,
	    secret);
	instant_now(now);
	if (db_begin_write(db, e) != 0)
		goto fail;
	if (store_tx_end(db, store_totp_begin(db, who->user_id, enc, now,
	    &stored, e), e) != 0)
		goto fail;
	if (!stored) {
		err_setr(e, ERR_CONFLICT, NULL, R_TOTP_ALREADY_ENROLLED,
		    "two-factor log-in is set up already");
		goto fail;
	}
	/* otpauth://totp/Doorloop:USER?secret=...&issuer=Doorloop: usernames
	 * are [a-z0-9._-], which need no escaping in a URI. */
	*uri = arena_printf(a, "otpauth://totp/%s:%s?secret=%s&issuer=%s"
	    "&algorithm=SHA1&digits=%d&period=%d", TOTP_ISSUER, who->username,
	    secret, TOTP_ISSUER, TOTP_DIGITS, TOTP_STEP);
	return 0;
fail:
	sodium_memzero(secret, TOTP_SECRET_B32 + 1);
	return -1;
}

/* ERR_RATE_LIMITED when the account's code throttle has a delay running. */
static int
totp_throttle_check(struct db *db, struct arena *a, const char *key,
    struct err *e)
{
	return auth_throttle_check(db, a, key, R_TOTP_TOO_MANY_ATTEMPTS, e);
}

/* The end of a step that checked a code: the secret and the recovery code
 * are wiped, and on failure the new session token too; rc is returned. */
static int
code_step_end(int rc, struct login_result *out,
    unsigned char raw[TOTP_SECRET_BYTES], char norm[17], struct arena *a)
{
	if (rc != 0)
		sodium_memzero(out->token, sizeof out->token);
	sodium_memzero(raw, TOTP_SECRET_BYTES);
	sodium_memzero(norm, 17);
	arena_cleanup(a);
	return rc;
}

int
auth_totp_confirm(struct db *db, const struct principal *who,
    const char *token, const char *code,
    char codes[RECOVERY_CODES][RECOVERY_CODE_LEN + 1],
    struct login_result *out, struct err *e)
{
	unsigned char raw[TOTP_SECRET_BYTES];
	char digits[TOTP_DIGITS + 1], now[INSTANT_LEN + 1], *key;
	char norm[17], hash[65];
	struct store_totp t;
	struct arena a;
	bool found = false, ok = false;
	int64_t step;
	int rc = -1;

	arena_init(&a);
	memset(out, 0, sizeof *out);
	memset(codes, 0, RECOVERY_CODES * (RECOVERY_CODE_LEN + 1));
	key = arena_printf(&a, "totp:%s", who->user_id);
	if (!auth_totp_role(who->role)) {
		err_setr(e, ERR_FORBIDDEN, NULL, R_TOTP_ROLE,
		    "two-factor log-in is for staff accounts");
		goto out;
	}
	if (code == NULL || !code_digits(code, digits)) {
		err_setr(e, ERR_INVALID, "code", R_TOTP_CODE_FORMAT,
		    "the code is six digits");
		goto out;
	}
	if (totp_throttle_check(db, &a, key, e) != 0 ||
	    load_secret(db, &a, who->user_id, &t, raw, &found, e) != 0)
		goto out;
	if (!found || t.confirmed_at != NULL) {
		err_setr(e, ERR_CONFLICT, NULL, found ? R_TOTP_ALREADY_ENROLLED :
		    R_TOTP_NOT_STARTED, found ?
		    "two-factor log-in is set up already" :
		    "start setting up two-factor log-in first");
		goto out;
	}
	if ((step = code_step(raw, digits)) < 0) {
		if (auth_throttle_fail(db, key, LOGIN_FREE_TOTP, e) == 0)
			fail_code(e);
		goto out;
	}
	for (int i = 0; i < RECOVERY_CODES; i++)
		recovery_new(codes[i]);
	instant_now(now);
	if (db_begin_write(db, e) != 0)
		goto out;
	if (store_totp_confirm(db, who->user_id, step, now, &ok, e) != 0)
		goto fail;
	if (!ok) {
		err_setr(e, ERR_CONFLICT, NULL, R_TOTP_ALREADY_ENROLLED,
		    "two-factor log-in is set up already");
		goto fail;
	}
	for (int i = 0; i < RECOVERY_CODES; i++) {
		recovery_norm(codes[i], norm);
		recovery_hash(who->user_id, norm, hash);
		if (store_recovery_insert(db, who->user_id, hash, now, e) != 0)
			goto fail;
	}
	if (store_throttle_clear(db, key, e) != 0)
		goto fail;
	if (who->stage == AUTH_STAGE_ENROL &&
	    auth_session_promote(db, who, token, "enrol", out, e) != 0)
		goto fail;
	rc = 0;
fail:
	rc = store_tx_end(db, rc, e);
out:
	if (rc != 0)
		memset(codes, 0, RECOVERY_CODES * (RECOVERY_CODE_LEN + 1));
	return code_step_end(rc, out, raw, norm, &a);
}

int
auth_login_totp(struct db *db, const struct principal *who,
    const char *token, const char *code, const char *remote_addr,
    struct login_result *out, bool *used_recovery, struct err *e)
{
	unsigned char raw[TOTP_SECRET_BYTES];
	char digits[TOTP_DIGITS + 1], now[INSTANT_LEN + 1], norm[17], hash[65];
	struct store_totp t;
	struct arena a;
	bool found = false, ok = false, recovery;
	int64_t step = -1;
	char *key;
	int rc = -1;

	(void)remote_addr;
	arena_init(&a);
	memset(out, 0, sizeof *out);
	memset(raw, 0, sizeof raw);
	*used_recovery = false;
	key = arena_printf(&a, "totp:%s", who->user_id);
	if (who->stage != AUTH_STAGE_TOTP) {
		err_setr(e, ERR_FORBIDDEN, NULL, R_TOTP_NOT_DUE,
		    "this session does not wait for a code");
		goto out;
	}
	if (code == NULL || strlen(code) > CODE_INPUT_MAX) {
		err_setr(e, ERR_INVALID, "code", R_TOTP_CODE_FORMAT,
		    "the code is six digits, or a recovery code");
		goto out;
	}
	recovery = !code_digits(code, digits);
	if (recovery && !recovery_norm(code, norm)) {
		err_setr(e, ERR_INVALID, "code", R_TOTP_CODE_FORMAT,
		    "the code is six digits, or a recovery code");
		goto out;
	}
	if (totp_throttle_check(db, &a, key, e) != 0 ||
	    load_secret(db, &a, who->user_id, &t, raw, &found, e) != 0)
		goto out;
	if (!found || t.confirmed_at == NULL) {
		err_setr(e, ERR_FORBIDDEN, NULL, R_TOTP_NOT_DUE,
		    "this account has no two-factor log-in");
		goto out;
	}
	if (!recovery && (step = code_step(raw, digits)) < 0) {
		if (auth_throttle_fail(db, key, LOGIN_FREE_TOTP, e) == 0)
			fail_code(e);
		goto out;
	}
	instant_now(now);
	if (recovery)
		recovery_hash(who->user_id, norm, hash);
	if (db_begin_write(db, e) != 0)
		goto out;
	if (recovery ? store_recovery_use(db, who->user_id, hash, now, &ok,
	    e) != 0 : store_totp_take_step(db, who->user_id, step, &ok, e) != 0)
		goto fail;
	if (!ok) {
		db_rollback(db);
		if (auth_throttle_fail(db, key, LOGIN_FREE_TOTP, e) == 0)
			fail_code(e);
		goto out;
	}
	if (store_throttle_clear(db, key, e) != 0 ||
	    auth_session_promote(db, who, token, "totp", out, e) != 0)
		goto fail;
	rc = 0;
fail:
	if ((rc = store_tx_end(db, rc, e)) == 0)
		*used_recovery = recovery;
out:
	sodium_memzero(digits, sizeof digits);
	return code_step_end(rc, out, raw, norm, &a);
}

int
auth_totp_status(struct db *db, const struct principal *who,
    struct auth_totp_status *out, struct err *e)
{
	struct store_totp t;
	struct arena a;
	bool found = false;
	int rc = -1;

	arena_init(&a);
	memset(out, 0, sizeof *out);
	if (auth_totp_required(db, &out->required, e) != 0 ||
	    store_totp_get(db, &a, who->user_id, &t, &found, e) != 0)
		goto out;
	out->required = out->required && auth_totp_role(who->role);
	out->enrolled = found && t.confirmed_at != NULL;
	out->pending = found && t.confirmed_at == NULL;
	if (out->enrolled &&
	    store_recovery_count(db, who->user_id, &out->recovery_left, e) != 0)
		goto out;
	rc = 0;
out:
	arena_cleanup(&a);
	return rc;
}

int
auth_totp_reset(struct db *db, const char *user_id, bool *had,
    struct err *e)
{
	int64_t n = 0;

	*had = false;
	if (db_begin_write(db, e) != 0)
		return -1;
	if (store_tx_end(db, store_totp_delete(db, user_id, &n, e) != 0 ||
	    auth_sessions_end_user(db, user_id, e) != 0 ? -1 : 0, e) != 0)
		return -1;
	*had = n > 0;
	return 0;
}
