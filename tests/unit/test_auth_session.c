/*
 * test_auth_session.c - users, log-in throttles and sessions against one
 * real database.
 *
 * DOORLOOP_TEST_DB names the database (a db.h URL); without it a fresh
 * SQLite file in a temporary directory is used.  scripts/test.sh runs this
 * binary against SQLite and against a fresh PostgreSQL database.  Each
 * test uses its own usernames and addresses, so tests do not depend on
 * each other's rows.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <sodium.h>

#include "auth/auth.h"
#include "db/db.h"
#include "dbtest.h"

#define PW "correct horse battery"

static struct db *db;
static char tmpdir[] = "/tmp/doorloop-session.XXXXXX";
static char org_id[ID_LEN + 1];

static int
setup(void **state)
{
	struct err e;

	(void)state;
	err_init(&e);
	if (dbtest_open(tmpdir, NULL, &db, &e) != 0 ||
	    auth_org_create(db, "Fier", "institution", "Friesland", org_id,
	    &e) != 0) {
		fprintf(stderr, "setup: %s\n", e.msg);
		return -1;
	}
	auth_password_cheap_for_tests();
	/* These tests are about passwords and sessions; two-step log-in has
	 * tests of its own below, which switch it on. */
	if (db_exec(db, "INSERT INTO setting (name, value) VALUES "
	    "('auth.totp_required', '0')", &e) != 0) {
		fprintf(stderr, "setup: %s\n", e.msg);
		return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	char cmd[512];

	(void)state;
	db_close(db);
	auth_shutdown();
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static void
make_user(const char *username, enum role role)
{
	struct user_new u = {
		.username = username,
		.display_name = "Test User",
		.role = role,
		.org_id = org_id,
		.password = PW,
	};
	char id[ID_LEN + 1];
	struct err e;

	err_init(&e);
	if (auth_user_create(db, &u, id, &e) != 0)
		fail_msg("create %s: %s", username, e.msg);
	assert_true(id_valid(id));
}

static void
sql(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	struct err e;

	err_init(&e);
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (db_exec(db, buf, &e) != 0)
		fail_msg("%s: %s", buf, e.msg);
}

/* The first column of the first row of a query, as text ("" for none). */
static void
sql_text(char *out, size_t size, const char *query)
{
	struct db_stmt *st = NULL;
	struct err e;

	err_init(&e);
	out[0] = '\0';
	assert_int_equal(db_prepare(db, query, &st, &e), 0);
	if (db_step(st, &e) == 1 && db_col_text(st, 0) != NULL)
		snprintf(out, size, "%s", db_col_text(st, 0));
	db_finalize(st);
}

static int
login(const char *user, const char *pw, const char *addr,
    struct login_result *r, struct err *e)
{
	err_init(e);
	return auth_login(db, user, pw, addr, "test-agent/1.0", r, e);
}

static void
test_login_ok(void **state)
{
	struct login_result r;
	struct principal p;
	struct err e;
	char buf[128];

	(void)state;
	make_user("ann", ROLE_CAREGIVER);
	assert_int_equal(login("ann", PW, "10.0.0.1", &r, &e), 0);
	assert_int_equal(strlen(r.token), TOKEN_LEN);
	assert_null(strpbrk(r.token, "+/="));
	assert_string_equal(r.who.username, "ann");
	assert_string_equal(r.who.display_name, "Test User");
	assert_int_equal(r.who.role, ROLE_CAREGIVER);
	assert_string_equal(r.who.org_id, org_id);
	assert_string_equal(r.who.client_id, "");
	assert_int_equal(strlen(r.who.csrf_token), TOKEN_LEN);
	assert_int_equal(strlen(r.who.expires_at), INSTANT_LEN);

	err_init(&e);
	assert_int_equal(auth_session_lookup(db, r.token, &p, &e), 0);
	assert_string_equal(p.user_id, r.who.user_id);
	assert_string_equal(p.csrf_token, r.who.csrf_token);
	assert_string_equal(p.expires_at, r.who.expires_at);

	/* Only a hash of the token is stored. */
	sql_text(buf, sizeof buf, "SELECT token_hash FROM session s JOIN "
	    "app_user u ON u.id = s.user_id WHERE u.username = 'ann'");
	assert_int_equal(strlen(buf), 64);
	assert_null(strstr(buf, r.token));
}

static void
test_wrong_password(void **state)
{
	struct login_result r;
	struct err e, e2;

	(void)state;
	make_user("bob", ROLE_COORDINATOR);
	assert_int_equal(login("bob", "wrong password!", "10.0.0.2", &r, &e),
	    -1);
	assert_int_equal(e.code, ERR_UNAUTHORIZED);
	assert_string_equal(r.token, "");
	assert_int_equal(login("nobody", "wrong password!", "10.0.0.2", &r,
	    &e2), -1);
	assert_int_equal(e2.code, ERR_UNAUTHORIZED);
	assert_string_equal(e.msg, e2.msg);
	assert_string_equal(e.msg, "wrong username or password");
	/* Not a username at all: same answer. */
	assert_int_equal(login("Not A Name", "wrong password!", "10.0.0.2", &r,
	    &e2), -1);
	assert_int_equal(e2.code, ERR_UNAUTHORIZED);
	/* Missing fields. */
	assert_int_equal(login("", PW, "10.0.0.2", &r, &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_string_equal(e.field, "username");
	assert_int_equal(login("bob", NULL, "10.0.0.2", &r, &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_string_equal(e.field, "password");
	/* A failure did not lock: the right password works. */
	assert_int_equal(login("bob", PW, "10.0.0.2", &r, &e), 0);
}

static void
test_delay_not_lock(void **state)
{
	struct login_result r;
	struct err e;

	(void)state;
	make_user("carl", ROLE_CAREGIVER);
	for (int i = 0; i < LOGIN_FREE_PAIR; i++) {
		assert_int_equal(login("carl", "wrong password!", "10.0.1.1", &r,
		    &e), -1);
		assert_int_equal(e.code, ERR_UNAUTHORIZED);
	}
	/* The next failure starts a delay for carl at this address ... */
	assert_int_equal(login("carl", "wrong password!", "10.0.1.1", &r, &e),
	    -1);
	assert_int_equal(e.code, ERR_UNAUTHORIZED);
	assert_int_equal(login("carl", PW, "10.0.1.1", &r, &e), -1);
	assert_int_equal(e.code, ERR_RATE_LIMITED);
	assert_int_equal(e.reason, R_LOGIN_TOO_MANY_ATTEMPTS);
	/* ... not for carl at his own desk: no one locks a colleague out. */
	assert_int_equal(login("carl", PW, "10.0.1.2", &r, &e), 0);
	/* The delay grows: the 7th failure waits 4 s, the 8th 8 s. */
	sql("UPDATE login_throttle SET locked_until = NULL "
	    "WHERE throttle_key = 'pair:carl|10.0.1.1'");
	assert_int_equal(login("carl", "wrong password!", "10.0.1.1", &r, &e),
	    -1);
	{
		char until[64], lo[INSTANT_LEN + 1], hi[INSTANT_LEN + 1];

		sql_text(until, sizeof until, "SELECT locked_until FROM "
		    "login_throttle WHERE throttle_key = 'pair:carl|10.0.1.1'");
		instant_after(3, lo);
		instant_after(5, hi);
		assert_true(strcmp(until, lo) > 0 && strcmp(until, hi) < 0);
	}
	/* When the delay has passed, the right password works there too. */
	sql("UPDATE login_throttle SET locked_until = "
	    "'2000-01-01T00:00:00.000Z' WHERE throttle_key = "
	    "'pair:carl|10.0.1.1'");
	assert_int_equal(login("carl", PW, "10.0.1.1", &r, &e), 0);
	/* The account as a whole is delayed only after many failures from
	 * many addresses (a distributed guess), and unknown names alike. */
	for (int i = 0; i < LOGIN_FREE_USER; i++) {
		char addr[32];

		snprintf(addr, sizeof addr, "10.0.9.%d", i);
		assert_int_equal(login("ghost", "wrong password!", addr, &r,
		    &e), -1);
		assert_int_equal(e.code, ERR_UNAUTHORIZED);
	}
	assert_int_equal(login("ghost", "wrong password!", "10.0.8.1", &r, &e),
	    -1);
	assert_int_equal(e.code, ERR_UNAUTHORIZED);
	assert_int_equal(login("ghost", "wrong password!", "10.0.8.2", &r, &e),
	    -1);
	assert_int_equal(e.code, ERR_RATE_LIMITED);
}

static void
test_success_resets_counter(void **state)
{
	struct login_result r;
	struct err e;

	(void)state;
	make_user("dina", ROLE_CAREGIVER);
	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < LOGIN_FREE_PAIR; i++)
			assert_int_equal(login("dina", "wrong password!",
			    "10.0.2.1", &r, &e), -1);
		assert_int_equal(login("dina", PW, "10.0.2.1", &r, &e), 0);
	}
}

static void
test_rate_limit(void **state)
{
	struct login_result r;
	struct err e;
	char name[32];

	(void)state;
	make_user("emma", ROLE_CAREGIVER);
	/* Twenty failures from one address (a proxy) block no one there. */
	for (int i = 0; i < LOGIN_FREE_ADDR; i++) {
		snprintf(name, sizeof name, "guess%03d", i);
		assert_int_equal(login(name, "wrong password!", "10.0.3.1", &r,
		    &e), -1);
		assert_int_equal(e.code, ERR_UNAUTHORIZED);
		if (i == 20)
			assert_int_equal(login("emma", PW, "10.0.3.1", &r, &e),
			    0);
	}
	assert_int_equal(login("guess999", "wrong password!", "10.0.3.1", &r,
	    &e), -1);
	assert_int_equal(e.code, ERR_UNAUTHORIZED);
	assert_int_equal(login("emma", PW, "10.0.3.1", &r, &e), -1);
	assert_int_equal(e.code, ERR_RATE_LIMITED);
	assert_int_equal(e.reason, R_LOGIN_ADDRESS_THROTTLED);
	/* Another address is not affected. */
	assert_int_equal(login("emma", PW, "10.0.3.2", &r, &e), 0);
	/* The window passes. */
	sql("UPDATE login_throttle SET window_start = '2000-01-01T00:00:00.000Z',"
	    " locked_until = NULL WHERE throttle_key = 'addr:10.0.3.1'");
	assert_int_equal(login("emma", PW, "10.0.3.1", &r, &e), 0);
}

static void
test_idle_expiry(void **state)
{
	struct login_result r;
	struct principal p;
	struct err e;
	char buf[64];

	(void)state;
	make_user("fenna", ROLE_PARTNER);
	assert_int_equal(login("fenna", PW, NULL, &r, &e), 0);
	sql("UPDATE session SET idle_expires_at = '2000-01-01T00:00:00.000Z' "
	    "WHERE user_id = '%s'", r.who.user_id);
	err_init(&e);
	assert_int_equal(auth_session_lookup(db, r.token, &p, &e), -1);
	assert_int_equal(e.code, ERR_UNAUTHORIZED);
	/* The expired row is gone. */
	sql_text(buf, sizeof buf, "SELECT COUNT(*) FROM session s JOIN app_user "
	    "u ON u.id = s.user_id WHERE u.username = 'fenna'");
	assert_string_equal(buf, "0");
}

static void
test_absolute_expiry(void **state)
{
	struct login_result r;
	struct principal p;
	struct err e;

	(void)state;
	make_user("gerda", ROLE_PARTNER);
	assert_int_equal(login("gerda", PW, NULL, &r, &e), 0);
	sql("UPDATE session SET expires_at = '2000-01-01T00:00:00.000Z' "
	    "WHERE user_id = '%s'", r.who.user_id);
	err_init(&e);
	assert_int_equal(auth_session_lookup(db, r.token, &p, &e), -1);
	assert_int_equal(e.code, ERR_UNAUTHORIZED);
}

static void
test_sliding(void **state)
{
	struct login_result r;
	struct principal p;
	struct err e;
	char soon[INSTANT_LEN + 1], later[INSTANT_LEN + 1], buf[64];

	(void)state;
	make_user("hanna", ROLE_CAREGIVER);
	assert_int_equal(login("hanna", PW, NULL, &r, &e), 0);
	instant_after(120, soon);
	sql("UPDATE session SET idle_expires_at = '%s' WHERE user_id = '%s'",
	    soon, r.who.user_id);
	err_init(&e);
	assert_int_equal(auth_session_lookup(db, r.token, &p, &e), 0);
	instant_after(SESSION_IDLE_SECONDS - 60, later);
	sql_text(buf, sizeof buf, "SELECT idle_expires_at FROM session s JOIN "
	    "app_user u ON u.id = s.user_id WHERE u.username = 'hanna'");
	assert_true(strcmp(buf, later) > 0);
	/* Never past the absolute expiry. */
	sql("UPDATE session SET idle_expires_at = '%s', expires_at = '%s' "
	    "WHERE user_id = '%s'", soon, soon, r.who.user_id);
	assert_int_equal(auth_session_lookup(db, r.token, &p, &e), 0);
	sql_text(buf, sizeof buf, "SELECT idle_expires_at FROM session s JOIN "
	    "app_user u ON u.id = s.user_id WHERE u.username = 'hanna'");
	assert_string_equal(buf, soon);
}

static void
test_logout(void **state)
{
	struct login_result r;
	struct principal p;
	struct err e;

	(void)state;
	make_user("iris", ROLE_CAREGIVER);
	assert_int_equal(login("iris", PW, NULL, &r, &e), 0);
	assert_int_equal(auth_session_lookup(db, r.token, &p, &e), 0);
	assert_int_equal(auth_logout(db, r.token, &e), 0);
	err_init(&e);
	assert_int_equal(auth_session_lookup(db, r.token, &p, &e), -1);
	assert_int_equal(e.code, ERR_UNAUTHORIZED);
	/* Unknown and malformed tokens. */
	err_init(&e);
	assert_int_equal(auth_session_lookup(db, "short", &p, &e), -1);
	assert_int_equal(e.code, ERR_UNAUTHORIZED);
	assert_int_equal(auth_session_lookup(db, NULL, &p, &e), -1);
	assert_int_equal(auth_logout(db, r.token, &e), 0);
}

static void
test_inactive(void **state)
{
	struct login_result r;
	struct principal p;
	struct err e;

	(void)state;
	make_user("jet", ROLE_CAREGIVER);
	assert_int_equal(login("jet", PW, NULL, &r, &e), 0);
	sql("UPDATE app_user SET active = 0 WHERE username = 'jet'");
	err_init(&e);
	assert_int_equal(auth_session_lookup(db, r.token, &p, &e), -1);
	assert_int_equal(e.code, ERR_UNAUTHORIZED);
	assert_int_equal(login("jet", PW, NULL, &r, &e), -1);
	assert_int_equal(e.code, ERR_UNAUTHORIZED);
}

static void
test_set_password(void **state)
{
	struct login_result r;
	struct principal p;
	struct err e;

	(void)state;
	make_user("kim", ROLE_CAREGIVER);
	assert_int_equal(login("kim", PW, NULL, &r, &e), 0);
	err_init(&e);
	assert_int_equal(auth_user_set_password(db, "kim", "short", &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_string_equal(e.field, "password");
	err_init(&e);
	assert_int_equal(auth_user_set_password(db, "nosuchuser",
	    "a new passphrase here", &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);
	err_init(&e);
	assert_int_equal(auth_user_set_password(db, "kim",
	    "a new passphrase here", &e), 0);
	/* Her sessions ended. */
	assert_int_equal(auth_session_lookup(db, r.token, &p, &e), -1);
	assert_int_equal(login("kim", PW, NULL, &r, &e), -1);
	assert_int_equal(login("kim", "a new passphrase here", NULL, &r, &e), 0);
}

static void
test_rehash(void **state)
{
	struct login_result r;
	struct err e;
	char old[crypto_pwhash_STRBYTES], now[256];

	(void)state;
	make_user("lot", ROLE_CAREGIVER);
	/* A hash made with other parameters than today's. */
	assert_int_equal(crypto_pwhash_str(old, PW, strlen(PW),
	    crypto_pwhash_OPSLIMIT_MIN + 1, crypto_pwhash_MEMLIMIT_MIN), 0);
	sql("UPDATE app_user SET password_hash = '%s' WHERE username = 'lot'",
	    old);
	assert_int_equal(login("lot", PW, NULL, &r, &e), 0);
	sql_text(now, sizeof now,
	    "SELECT password_hash FROM app_user WHERE username = 'lot'");
	assert_string_not_equal(now, old);
	assert_int_equal(auth_password_verify(now, PW), 0);
	assert_int_equal(login("lot", PW, NULL, &r, &e), 0);
}

static void
test_user_validation(void **state)
{
	struct user_new u = {
		.username = "mara",
		.display_name = "Mara",
		.role = ROLE_CAREGIVER,
		.org_id = org_id,
		.password = PW,
	};
	char id[ID_LEN + 1];
	struct err e;

	(void)state;
	err_init(&e);
	assert_int_equal(auth_user_create(db, &u, id, &e), 0);
	assert_int_equal(auth_user_create(db, &u, id, &e), -1);
	assert_int_equal(e.code, ERR_CONFLICT);
	assert_string_equal(e.field, "username");

	u.username = "Mara Bad";
	assert_int_equal(auth_user_create(db, &u, id, &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_string_equal(e.field, "username");
	u.username = "m";
	assert_int_equal(auth_user_create(db, &u, id, &e), -1);
	assert_string_equal(e.field, "username");

	u.username = "mara2";
	u.display_name = "";
	assert_int_equal(auth_user_create(db, &u, id, &e), -1);
	assert_string_equal(e.field, "display_name");
	u.display_name = "Mara";
	u.password = "short";
	assert_int_equal(auth_user_create(db, &u, id, &e), -1);
	assert_string_equal(e.field, "password");
	u.password = PW;
	u.org_id = NULL;
	assert_int_equal(auth_user_create(db, &u, id, &e), -1);
	assert_string_equal(e.field, "org_id");
	u.org_id = "01890a5d-ac96-774b-bcce-b302099a8057";
	assert_int_equal(auth_user_create(db, &u, id, &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_string_equal(e.field, "org_id");
	u.org_id = org_id;
	u.role = ROLE_CLIENT;
	assert_int_equal(auth_user_create(db, &u, id, &e), -1);
	assert_string_equal(e.field, "client_id");
	u.role = ROLE_MUNICIPALITY;
	assert_int_equal(auth_user_create(db, &u, id, &e), -1);
	assert_string_equal(e.field, "org_id");
	u.role = ROLE_CAREGIVER;
	u.client_id = "01890a5d-ac96-774b-bcce-b302099a8057";
	assert_int_equal(auth_user_create(db, &u, id, &e), -1);
	assert_string_equal(e.field, "client_id");
	u.client_id = NULL;
	/* Admins and monitors need no organisation. */
	u.role = ROLE_MONITOR;
	u.org_id = NULL;
	assert_int_equal(auth_user_create(db, &u, id, &e), 0);

	/* Organisations: duplicate name, bad kind. */
	assert_int_equal(auth_org_create(db, "Fier", "institution", NULL, id,
	    &e), -1);
	assert_int_equal(e.code, ERR_CONFLICT);
	assert_string_equal(e.field, "name");
	assert_int_equal(auth_org_create(db, "Elders", "shop", NULL, id, &e),
	    -1);
	assert_string_equal(e.field, "kind");
}

/* RFC 6238 appendix B, SHA-1, last six digits of its eight. */
static void
test_totp_rfc6238(void **state)
{
	static const struct { int64_t t; const char *code; } v[] = {
		{ 59, "287082" }, { 1111111109, "081804" },
		{ 1111111111, "050471" }, { 1234567890, "005924" },
		{ 2000000000, "279037" }, { 20000000000LL, "353130" },
	};
	const unsigned char *secret = (const unsigned char *)
	    "12345678901234567890";
	char out[TOTP_DIGITS + 1];

	(void)state;
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		assert_int_equal(auth_totp_code(secret, 20, v[i].t, out), 0);
		assert_string_equal(out, v[i].code);
	}
}

static void
test_password_policy(void **state)
{
	static const struct { const char *pw, *user; enum err_reason r; } v[] = {
		{ "aaaaaaaaaa", NULL, R_PASSWORD_TOO_SHORT },
		{ "password12", NULL, R_PASSWORD_TOO_SHORT },
		{ "aaaaaaaaaaaa", NULL, R_PASSWORD_COMMON },
		{ "abcabcabcabc", NULL, R_PASSWORD_COMMON },
		{ "123456789012", NULL, R_PASSWORD_COMMON },
		{ "9876543210987", NULL, R_PASSWORD_COMMON },
		{ "password1234", NULL, R_PASSWORD_COMMON },
		{ "Wachtwoord2024!", NULL, R_PASSWORD_COMMON },
		{ "QWERTYUIOP123", NULL, R_PASSWORD_COMMON },
		{ "iloveyou12345", NULL, R_PASSWORD_COMMON },
		{ "Doorloop-demo", NULL, R_PASSWORD_CONTAINS_PRODUCT },
		{ "mijn-doorloop-wachtwoord", NULL, R_PASSWORD_CONTAINS_PRODUCT },
		{ "coordinator-2026", "coordinator", R_PASSWORD_CONTAINS_USERNAME },
		{ "xx-Mentor.Test-xx", "mentor.test", R_PASSWORD_CONTAINS_USERNAME },
	};
	struct err e;

	(void)state;
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		err_init(&e);
		if (auth_password_policy(v[i].pw, v[i].user, &e) != -1)
			fail_msg("accepted: case %zu", i);
		assert_int_equal(e.code, ERR_INVALID);
		assert_string_equal(e.field, "password");
		if (e.reason != v[i].r)
			fail_msg("case %zu: reason %d, wanted %d", i,
			    (int)e.reason, (int)v[i].r);
	}
	err_init(&e);
	assert_int_equal(auth_password_policy("paars konijn op de fiets",
	    "coordinator", &e), 0);
	assert_int_equal(auth_password_policy("correct horse battery", NULL,
	    &e), 0);
	assert_int_equal(auth_password_policy("Zeven-Kleine-Eendjes", "kim",
	    &e), 0);
	/* A new password goes through the policy. */
	make_user("pol", ROLE_CAREGIVER);
	err_init(&e);
	assert_int_equal(auth_user_set_password(db, "pol", "pol-is-my-name",
	    &e), -1);
	assert_int_equal(e.reason, R_PASSWORD_CONTAINS_USERNAME);
	/* The demo's fixture flag skips the list, never the length. */
	{
		struct user_new u = { .username = "fix", .display_name = "F",
		    .role = ROLE_CAREGIVER, .org_id = org_id,
		    .password = "doorloop-demo", .fixture = true };
		char id[ID_LEN + 1];

		err_init(&e);
		assert_int_equal(auth_user_create(db, &u, id, &e), 0);
		u.username = "fix2";
		u.fixture = false;
		assert_int_equal(auth_user_create(db, &u, id, &e), -1);
		assert_int_equal(e.reason, R_PASSWORD_CONTAINS_PRODUCT);
		u.fixture = true;
		u.password = "short";
		assert_int_equal(auth_user_create(db, &u, id, &e), -1);
		assert_int_equal(e.reason, R_PASSWORD_TOO_SHORT);
	}
}

static int
b32_decode(const char *in, unsigned char *out)
{
	unsigned buf = 0;
	int bits = 0, n = 0;

	for (; *in; in++) {
		const char *al = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
		const char *p = strchr(al, *in);

		assert_non_null(p);
		buf = (buf << 5) | (unsigned)(p - al);
		bits += 5;
		if (bits >= 8) {
			out[n++] = (unsigned char)(buf >> (bits - 8));
			bits -= 8;
		}
	}
	return n;
}

static void
test_totp_flow(void **state)
{
	struct login_result r, r2;
	struct principal p;
	struct err e;
	char secret[TOTP_SECRET_B32 + 1], code[TOTP_DIGITS + 1];
	char codes[RECOVERY_CODES][RECOVERY_CODE_LEN + 1], token[TOKEN_LEN + 1];
	unsigned char raw[64];
	char *uri = NULL;
	struct arena a;
	bool rec = false;
	int64_t now = instant_now_ms() / 1000;

	(void)state;
	arena_init(&a);
	make_user("tina", ROLE_COORDINATOR);
	sql("UPDATE setting SET value = '1' WHERE name = 'auth.totp_required'");
	/* Required and not enrolled: the password opens enrolment only. */
	assert_int_equal(login("tina", PW, "10.0.7.1", &r, &e), 0);
	assert_int_equal(r.who.stage, AUTH_STAGE_ENROL);
	assert_int_equal(auth_session_lookup(db, r.token, &p, &e), 0);
	assert_int_equal(p.stage, AUTH_STAGE_ENROL);
	assert_int_equal(auth_totp_begin(db, &p, secret, &uri, &a, &e), 0);
	assert_non_null(strstr(uri, "otpauth://totp/Doorloop:tina?secret="));
	/* Stored encrypted: the base32 text is nowhere in the row. */
	{
		char row[512];

		sql_text(row, sizeof row, "SELECT secret_enc FROM user_totp t "
		    "JOIN app_user u ON u.id = t.user_id WHERE u.username = "
		    "'tina'");
		assert_true(row[0] != '\0');
		assert_null(strstr(row, secret));
	}
	assert_int_equal(b32_decode(secret, raw), TOTP_SECRET_BYTES);
	/* A wrong first code confirms nothing. */
	auth_totp_code(raw, TOTP_SECRET_BYTES, now + 300, code);
	err_init(&e);
	assert_int_equal(auth_totp_confirm(db, &p, r.token, code, codes, &r2,
	    &e), -1);
	assert_int_equal(e.code, ERR_UNAUTHORIZED);
	assert_int_equal(auth_totp_code(raw, TOTP_SECRET_BYTES, now, code), 0);
	err_init(&e);
	assert_int_equal(auth_totp_confirm(db, &p, r.token, code, codes, &r2,
	    &e), 0);
	assert_int_equal(r2.who.stage, AUTH_STAGE_FULL);
	assert_int_equal((int)strlen(codes[0]), RECOVERY_CODE_LEN);
	assert_string_not_equal(codes[0], codes[1]);
	/* The enrolment token is gone; the new one is a full session. */
	assert_int_equal(auth_session_lookup(db, r.token, &p, &e), -1);
	assert_int_equal(auth_session_lookup(db, r2.token, &p, &e), 0);
	assert_int_equal(p.stage, AUTH_STAGE_FULL);

	/* From now on: password, then code. */
	assert_int_equal(login("tina", PW, "10.0.7.1", &r, &e), 0);
	assert_int_equal(r.who.stage, AUTH_STAGE_TOTP);
	assert_int_equal(auth_session_lookup(db, r.token, &p, &e), 0);
	memcpy(token, r.token, sizeof token);
	err_init(&e);
	assert_int_equal(auth_login_totp(db, &p, token, "000000x", NULL, &r2,
	    &rec, &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	/* The code of the step already taken by enrolment is used. */
	err_init(&e);
	assert_int_equal(auth_login_totp(db, &p, token, code, NULL, &r2, &rec,
	    &e), -1);
	assert_int_equal(e.code, ERR_UNAUTHORIZED);
	assert_int_equal(e.reason, R_TOTP_CODE_WRONG);
	auth_totp_code(raw, TOTP_SECRET_BYTES, now + TOTP_STEP, code);
	err_init(&e);
	assert_int_equal(auth_login_totp(db, &p, token, code, NULL, &r2, &rec,
	    &e), 0);
	assert_false(rec);
	/* The same code again, in a new log-in: refused. */
	assert_int_equal(login("tina", PW, "10.0.7.1", &r, &e), 0);
	assert_int_equal(auth_session_lookup(db, r.token, &p, &e), 0);
	err_init(&e);
	assert_int_equal(auth_login_totp(db, &p, r.token, code, NULL, &r2,
	    &rec, &e), -1);
	assert_int_equal(e.reason, R_TOTP_CODE_WRONG);
	/* A recovery code works once. */
	err_init(&e);
	assert_int_equal(auth_login_totp(db, &p, r.token, codes[3], NULL, &r2,
	    &rec, &e), 0);
	assert_true(rec);
	assert_int_equal(login("tina", PW, "10.0.7.1", &r, &e), 0);
	assert_int_equal(auth_session_lookup(db, r.token, &p, &e), 0);
	err_init(&e);
	assert_int_equal(auth_login_totp(db, &p, r.token, codes[3], NULL, &r2,
	    &rec, &e), -1);
	assert_int_equal(e.reason, R_TOTP_CODE_WRONG);
	/* Reset (lost phone): back to enrolment, sessions ended. */
	{
		bool had = false;
		struct principal q;

		err_init(&e);
		assert_int_equal(auth_totp_reset(db, p.user_id, &had, &e), 0);
		assert_true(had);
		assert_int_equal(auth_session_lookup(db, r2.token, &q, &e), -1);
		assert_int_equal(login("tina", PW, "10.0.7.1", &r, &e), 0);
		assert_int_equal(r.who.stage, AUTH_STAGE_ENROL);
	}
	sql("UPDATE setting SET value = '0' WHERE name = 'auth.totp_required'");
	assert_int_equal(login("tina", PW, "10.0.7.1", &r, &e), 0);
	assert_int_equal(r.who.stage, AUTH_STAGE_FULL);
	arena_cleanup(&a);
}

static void
test_session_cap_and_list(void **state)
{
	struct login_result r[4];
	struct auth_session_info *s = NULL;
	struct principal p, q;
	struct arena a;
	struct err e;
	size_t n = 0;
	int64_t ended = 0;

	(void)state;
	arena_init(&a);
	make_user("sara", ROLE_CAREGIVER);
	sql("INSERT INTO setting (name, value) VALUES ('auth.max_sessions', "
	    "'3')");
	for (int i = 0; i < 4; i++) {
		/* Sessions are ordered by their creation to the millisecond:
		 * one log-in per millisecond at most, as people log in. */
		if (i > 0)
			nanosleep(&(struct timespec){ .tv_nsec = 2000000 }, NULL);
		assert_int_equal(login("sara", PW, "10.0.6.1", &r[i], &e), 0);
	}
	/* The oldest ended; three remain. */
	assert_int_equal(auth_session_lookup(db, r[0].token, &p, &e), -1);
	assert_int_equal(auth_session_lookup(db, r[3].token, &p, &e), 0);
	assert_int_equal(auth_sessions_list(db, &a, p.user_id, p.session_id,
	    &s, &n, &e), 0);
	assert_int_equal(n, 3);
	assert_true(s[0].current);
	assert_false(s[1].current);
	assert_string_equal(s[0].user_agent, "test-agent/1.0");
	assert_string_equal(s[0].remote_addr, "10.0.6.1");
	/* End one by id; another user's id ends nothing. */
	err_init(&e);
	assert_int_equal(auth_session_end(db, "00000000-0000-0000-0000-"
	    "000000000000", s[1].id, &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);
	assert_int_equal(auth_session_end(db, p.user_id, s[1].id, &e), 0);
	assert_int_equal(auth_session_lookup(db, r[2].token, &q, &e), -1);
	/* Everywhere but here. */
	assert_int_equal(auth_sessions_end_others(db, p.user_id, r[3].token,
	    &ended, &e), 0);
	assert_int_equal(ended, 1);
	assert_int_equal(auth_session_lookup(db, r[1].token, &q, &e), -1);
	assert_int_equal(auth_session_lookup(db, r[3].token, &q, &e), 0);
	assert_int_equal(auth_sessions_end_user(db, p.user_id, &e), 0);
	assert_int_equal(auth_session_lookup(db, r[3].token, &q, &e), -1);
	sql("DELETE FROM setting WHERE name = 'auth.max_sessions'");
	arena_cleanup(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_login_ok),
		cmocka_unit_test(test_wrong_password),
		cmocka_unit_test(test_delay_not_lock),
		cmocka_unit_test(test_success_resets_counter),
		cmocka_unit_test(test_rate_limit),
		cmocka_unit_test(test_idle_expiry),
		cmocka_unit_test(test_absolute_expiry),
		cmocka_unit_test(test_sliding),
		cmocka_unit_test(test_logout),
		cmocka_unit_test(test_inactive),
		cmocka_unit_test(test_set_password),
		cmocka_unit_test(test_rehash),
		cmocka_unit_test(test_user_validation),
		cmocka_unit_test(test_totp_rfc6238),
		cmocka_unit_test(test_password_policy),
		cmocka_unit_test(test_totp_flow),
		cmocka_unit_test(test_session_cap_and_list),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
