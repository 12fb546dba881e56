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

#include <cmocka.h>
#include <sodium.h>

#include "auth/auth.h"
#include "db/db.h"

#define PW "correct horse battery"

static struct db *db;
static char tmpdir[] = "/tmp/doorloop-session.XXXXXX";
static char org_id[ID_LEN + 1];

static int
setup(void **state)
{
	const char *env = getenv("DOORLOOP_TEST_DB");
	char url[512], key[300];
	struct err e;
	int applied = 0;

	(void)state;
	err_init(&e);
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	if (env != NULL && *env != '\0')
		snprintf(url, sizeof url, "%s", env);
	else
		snprintf(url, sizeof url, "sqlite:%s/test.db", tmpdir);
	snprintf(key, sizeof key, "%s/test.key", tmpdir);
	if (auth_init(&e) != 0 || crypto_key_create(key, &e) != 0 ||
	    crypto_key_load(key, &e) != 0 || db_open(url, &db, &e) != 0 ||
	    db_migrate(db, &applied, &e) != 0 ||
	    auth_org_create(db, "Fier", "institution", "Friesland", org_id,
	    &e) != 0) {
		fprintf(stderr, "setup: %s\n", e.msg);
		return -1;
	}
	auth_password_cheap_for_tests();
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
	return auth_login(db, user, pw, addr, r, e);
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
test_lock(void **state)
{
	struct login_result r;
	struct err e;

	(void)state;
	make_user("carl", ROLE_CAREGIVER);
	for (int i = 1; i < LOGIN_MAX_FAILURES_USER; i++) {
		assert_int_equal(login("carl", "wrong password!", "10.0.1.1", &r,
		    &e), -1);
		assert_int_equal(e.code, ERR_UNAUTHORIZED);
	}
	assert_int_equal(login("carl", "wrong password!", "10.0.1.1", &r, &e),
	    -1);
	assert_int_equal(e.code, ERR_LOCKED);
	/* Locked even with the right password, from another address. */
	assert_int_equal(login("carl", PW, "10.0.1.2", &r, &e), -1);
	assert_int_equal(e.code, ERR_LOCKED);
	/* An unknown name locks the same way (nothing to learn). */
	for (int i = 0; i < LOGIN_MAX_FAILURES_USER; i++)
		(void)login("ghost", "wrong password!", "10.0.1.3", &r, &e);
	assert_int_equal(login("ghost", "wrong password!", "10.0.1.3", &r, &e),
	    -1);
	assert_int_equal(e.code, ERR_LOCKED);
	/* When the lock has passed, the right password works. */
	sql("UPDATE login_throttle SET locked_until = '2000-01-01T00:00:00.000Z'"
	    " WHERE throttle_key = 'user:carl'");
	assert_int_equal(login("carl", PW, "10.0.1.2", &r, &e), 0);
}

static void
test_success_resets_counter(void **state)
{
	struct login_result r;
	struct err e;

	(void)state;
	make_user("dina", ROLE_CAREGIVER);
	for (int round = 0; round < 3; round++) {
		for (int i = 1; i < LOGIN_MAX_FAILURES_USER; i++)
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
	for (int i = 0; i < LOGIN_MAX_FAILURES_ADDR; i++) {
		snprintf(name, sizeof name, "guess%02d", i);
		assert_int_equal(login(name, "wrong password!", "10.0.3.1", &r,
		    &e), -1);
		assert_int_equal(e.code, ERR_UNAUTHORIZED);
	}
	assert_int_equal(login("emma", PW, "10.0.3.1", &r, &e), -1);
	assert_int_equal(e.code, ERR_RATE_LIMITED);
	/* Another address is not affected. */
	assert_int_equal(login("emma", PW, "10.0.3.2", &r, &e), 0);
	/* The window passes. */
	sql("UPDATE login_throttle SET window_start = '2000-01-01T00:00:00.000Z'"
	    " WHERE throttle_key = 'addr:10.0.3.1'");
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
	    "a new password here", &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);
	err_init(&e);
	assert_int_equal(auth_user_set_password(db, "kim",
	    "a new password here", &e), 0);
	/* Her sessions ended. */
	assert_int_equal(auth_session_lookup(db, r.token, &p, &e), -1);
	assert_int_equal(login("kim", PW, NULL, &r, &e), -1);
	assert_int_equal(login("kim", "a new password here", NULL, &r, &e), 0);
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_login_ok),
		cmocka_unit_test(test_wrong_password),
		cmocka_unit_test(test_lock),
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
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
