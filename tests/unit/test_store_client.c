/*
 * test_store_client.c - the client search and the access rules of
 * store_access_client / store_client_list, and the settings they read,
 * against one real database.
 *
 * The search folds case and accents and takes % and _ literally, the same
 * on SQLite and PostgreSQL; a team member has access from her from_date
 * through her to_date; a partner organisation's access ends with its last
 * phase with her plus access.partner_grace_days.  Every access rule is
 * checked on both sides of its date, in the decision and in the list.
 *
 * DOORLOOP_TEST_DB names the database (a db.h URL); without it a fresh
 * SQLite file in a temporary directory is used.  scripts/test.sh runs this
 * binary against SQLite and against a fresh PostgreSQL database.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "auth/auth.h"
#include "db/db.h"
#include "store/store.h"
#include "dbtest.h"

#define PW "correct horse battery"

static struct db *db;
static struct arena arena;
static char tmpdir[] = "/tmp/doorloop-store-client.XXXXXX";
static char inst[ID_LEN + 1], muni[ID_LEN + 1], home[ID_LEN + 1];
static struct actor coordinator, caregiver, partner;
static dl_date today;

static void
make_user(const char *username, enum role role, const char *org,
    struct actor *out)
{
	struct user_new u = {
		.username = username, .display_name = "Test", .role = role,
		.org_id = org, .password = PW,
	};
	struct err e;

	err_init(&e);
	memset(out, 0, sizeof *out);
	assert_int_equal(auth_user_create(db, &u, out->user_id, &e), 0);
	out->role = role;
	snprintf(out->org_id, sizeof out->org_id, "%s", org);
}

static int
setup(void **state)
{
	struct err e;

	(void)state;
	err_init(&e);
	if (dbtest_open(tmpdir, NULL, &db, &e) != 0 ||
	    auth_org_create(db, "Fier", "institution", NULL, inst, &e) != 0 ||
	    auth_org_create(db, "Lindeveen", "municipality", NULL, muni, &e) != 0 ||
	    auth_org_create(db, "De Linde", "other", NULL, home, &e) != 0) {
		fprintf(stderr, "setup: %s\n", e.msg);
		return -1;
	}
	auth_password_cheap_for_tests();
	arena_init(&arena);
	today = date_from_ymd(2026, 6, 15);
	make_user("coordinator", ROLE_COORDINATOR, inst, &coordinator);
	make_user("caregiver", ROLE_CAREGIVER, inst, &caregiver);
	make_user("partner", ROLE_PARTNER, home, &partner);
	return 0;
}

static int
teardown(void **state)
{
	char cmd[512];

	(void)state;
	arena_cleanup(&arena);
	db_close(db);
	auth_shutdown();
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* A client registered by the institution, committed; its id. */
static char *
client(const char *pseudonym)
{
	struct client_rec c;
	struct err e;

	err_init(&e);
	memset(&c, 0, sizeof c);
	c.pseudonym = (char *)pseudonym;
	c.name = "Voornaam Achternaam";
	c.birth = date_from_ymd(2010, 1, 1);
	c.municipality_id = muni;
	c.registered_by_org = inst;
	assert_int_equal(db_begin_write(db, &e), 0);
	assert_int_equal(store_client_insert(db, &arena, &c, &e), 0);
	assert_int_equal(db_commit(db, &e), 0);
	return c.id;
}

/* The pseudonyms `who` finds for `query` on `day`, sorted, comma-joined. */
static char *
found(const struct actor *who, const char *query, dl_date day)
{
	struct client_summary *v;
	size_t n;
	struct err e;
	char *out = "";

	err_init(&e);
	assert_int_equal(db_begin_read(db, &e), 0);
	assert_int_equal(store_client_list(db, &arena, who, query, day, &v, &n,
	    &e), 0);
	db_rollback(db);
	for (size_t i = 0; i < n; i++)
		out = arena_printf(&arena, "%s%s%s", out, i ? "," : "",
		    v[i].c.pseudonym);
	return out;
}

static enum access_level
level(const struct actor *who, const char *client_id, dl_date day)
{
	struct access acc;
	struct err e;

	err_init(&e);
	assert_int_equal(db_begin_read(db, &e), 0);
	assert_int_equal(store_access_client(db, &arena, who, client_id, day,
	    &acc, &e), 0);
	db_rollback(db);
	return acc.level;
}

static void
test_search_folds_and_escapes(void **state)
{
	(void)state;
	client("Noë");
	client("a_b");
	client("axb");
	client("Zoë 100%");
	client("ÉLODIE");
	assert_string_equal(found(&coordinator, "noe", today), "Noë");
	assert_string_equal(found(&coordinator, "NOË", today), "Noë");
	assert_string_equal(found(&coordinator, "oë", today), "Noë,Zoë 100%");
	assert_string_equal(found(&coordinator, "a_b", today), "a_b");
	assert_string_equal(found(&coordinator, "_", today), "a_b");
	assert_string_equal(found(&coordinator, "100%", today), "Zoë 100%");
	assert_string_equal(found(&coordinator, "%", today), "Zoë 100%");
	assert_string_equal(found(&coordinator, "elodie", today), "ÉLODIE");
	assert_string_equal(found(&coordinator, "nobody", today), "");
	/* an empty query is no filter */
	assert_string_equal(found(&coordinator, "", today),
	    found(&coordinator, NULL, today));
	assert_int_equal(strlen(found(&coordinator, "", today)),
	    strlen("Noë,a_b,axb,Zoë 100%,ÉLODIE"));
}

/* A trajectory of the institution for client_id; its id. */
static char *
trajectory(const char *client_id)
{
	struct trajectory_rec t;
	struct err e;

	err_init(&e);
	memset(&t, 0, sizeof t);
	t.client_id = (char *)client_id;
	t.coordinator_org = inst;
	t.start = date_from_ymd(2025, 1, 1);
	t.end = DATE_NONE;
	assert_int_equal(db_begin_write(db, &e), 0);
	assert_int_equal(store_trajectory_insert(db, &arena, &t, &e), 0);
	assert_int_equal(db_commit(db, &e), 0);
	return t.id;
}

static void
test_team_member_from_date(void **state)
{
	struct member_rec m;
	struct err e;
	char *c = client("Team");
	dl_date from = today + 1, to = today + 30;

	(void)state;
	err_init(&e);
	memset(&m, 0, sizeof m);
	m.trajectory_id = trajectory(c);
	m.user_id = caregiver.user_id;
	m.role = TEAM_CAREGIVER;
	m.from = from;
	m.to = to;
	assert_int_equal(db_begin_write(db, &e), 0);
	assert_int_equal(store_member_insert(db, &arena, &m, &e), 0);
	assert_int_equal(db_commit(db, &e), 0);
	/* the day before her from_date: nothing yet */
	assert_int_equal(level(&caregiver, c, from - 1), ACCESS_NONE);
	assert_string_equal(found(&caregiver, NULL, from - 1), "");
	/* from her from_date through her to_date */
	assert_int_equal(level(&caregiver, c, from), ACCESS_TEAM);
	assert_string_equal(found(&caregiver, NULL, from), "Team");
	assert_int_equal(level(&caregiver, c, to), ACCESS_TEAM);
	assert_string_equal(found(&caregiver, NULL, to), "Team");
	/* and no longer after it */
	assert_int_equal(level(&caregiver, c, to + 1), ACCESS_NONE);
	assert_string_equal(found(&caregiver, NULL, to + 1), "");
}

static void
set_grace(const char *value)
{
	struct err e;

	err_init(&e);
	assert_int_equal(db_begin_write(db, &e), 0);
	if (value != NULL)
		assert_int_equal(store_setting_put(db,
		    "access.partner_grace_days", value, &e), 0);
	else
		assert_int_equal(store_setting_delete(db,
		    "access.partner_grace_days", &e), 0);
	assert_int_equal(db_commit(db, &e), 0);
}

static void
test_partner_until_last_phase_plus_grace(void **state)
{
	struct phase_rec p;
	struct err e;
	char *c = client("Placed");
	char *t = trajectory(c);
	dl_date end = today - 10;

	(void)state;
	err_init(&e);
	memset(&p, 0, sizeof p);
	p.trajectory_id = t;
	p.form = FORM_FAMILY_HOME;
	p.provider_id = home;
	p.start = date_from_ymd(2025, 1, 1);
	p.end = end;
	assert_int_equal(db_begin_write(db, &e), 0);
	assert_int_equal(store_phase_insert(db, &arena, &p, &e), 0);
	assert_int_equal(db_commit(db, &e), 0);
	/* the phase's last day, and the day after it without grace */
	assert_int_equal(level(&partner, c, end), ACCESS_PARTNER);
	assert_string_equal(found(&partner, NULL, end), "Placed");
	assert_int_equal(level(&partner, c, end + 1), ACCESS_NONE);
	assert_string_equal(found(&partner, NULL, end + 1), "");
	/* ten days' grace reach today exactly, not tomorrow */
	set_grace("10");
	assert_int_equal(level(&partner, c, today), ACCESS_PARTNER);
	assert_string_equal(found(&partner, NULL, today), "Placed");
	assert_int_equal(level(&partner, c, today + 1), ACCESS_NONE);
	assert_string_equal(found(&partner, NULL, today + 1), "");
	/* a value out of bounds (written by hand) is not used */
	set_grace("100000");
	assert_int_equal(level(&partner, c, today), ACCESS_NONE);
	set_grace("tien");
	assert_int_equal(level(&partner, c, today), ACCESS_NONE);
	set_grace(NULL);
	/* a second, open phase there gives access again */
	memset(&p, 0, sizeof p);
	p.trajectory_id = t;
	p.form = FORM_AMBULANT;
	p.provider_id = home;
	p.start = today + 5;
	p.end = DATE_NONE;
	assert_int_equal(db_begin_write(db, &e), 0);
	assert_int_equal(store_phase_insert(db, &arena, &p, &e), 0);
	assert_int_equal(db_commit(db, &e), 0);
	assert_int_equal(level(&partner, c, today + 100), ACCESS_PARTNER);
	assert_string_equal(found(&partner, NULL, today + 100), "Placed");
}

static void
test_settings(void **state)
{
	struct err e;
	char *v = NULL;
	int n = -1;
	const struct store_setting_info *in;

	(void)state;
	err_init(&e);
	in = store_setting_find("access.partner_grace_days");
	assert_non_null(in);
	assert_null(store_setting_find("access.nothing"));
	assert_int_equal(store_setting_parse(in, "0", &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_setting_parse(in, "365", &n), 0);
	assert_int_equal(store_setting_parse(in, "366", &n), -1);
	assert_int_equal(store_setting_parse(in, "-1", &n), -1);
	assert_int_equal(store_setting_parse(in, "7 dagen", &n), -1);
	assert_int_equal(store_setting_parse(in, "", &n), -1);
	assert_int_equal(db_begin_write(db, &e), 0);
	assert_int_equal(store_setting_get(db, &arena, "x.test", &v, &e), 0);
	assert_null(v);
	assert_int_equal(store_setting_put(db, "x.test", "een", &e), 0);
	assert_int_equal(store_setting_put(db, "x.test", "twee", &e), 0);
	assert_int_equal(store_setting_get(db, &arena, "x.test", &v, &e), 0);
	assert_string_equal(v, "twee");
	assert_int_equal(store_setting_delete(db, "x.test", &e), 0);
	assert_int_equal(store_setting_get(db, &arena, "x.test", &v, &e), 0);
	assert_null(v);
	assert_int_equal(store_setting_int(db, &arena,
	    "access.partner_grace_days", &n, &e), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_setting_put(db, "access.partner_grace_days", "3",
	    &e), 0);
	assert_int_equal(store_setting_int(db, &arena,
	    "access.partner_grace_days", &n, &e), 0);
	assert_int_equal(n, 3);
	assert_int_equal(store_setting_int(db, &arena, "x.unknown", &n, &e), -1);
	db_rollback(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_search_folds_and_escapes),
		cmocka_unit_test(test_team_member_from_date),
		cmocka_unit_test(test_partner_until_last_phase_plus_grace),
		cmocka_unit_test(test_settings),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
