/*
 * test_store_signal.c - early signals in the store (R12) against one real
 * database: name normalisation, the keyed hashes, matching (BSN by one
 * reporter, name + birth date by another, through whoever knows both; only
 * across organisations), and retention by store_signals_purge with the
 * as-of date on both sides of each limit (two years after it was made, her
 * 23rd birthday, a signal that led to a registration kept), each
 * destruction audited without content.
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
#include "core/signal.h"
#include "db/db.h"
#include "store/signal.h"
#include "store/store.h"
#include "dbtest.h"

#define PW "correct horse battery"

static struct db *db;
static struct arena arena;
static char tmpdir[] = "/tmp/doorloop-store-signal.XXXXXX";
static char school[ID_LEN + 1], police[ID_LEN + 1], gp[ID_LEN + 1];
static char inst[ID_LEN + 1], muni[ID_LEN + 1];
static char teacher[ID_LEN + 1], officer[ID_LEN + 1], doctor[ID_LEN + 1],
    teacher2[ID_LEN + 1];

static void
make_user(const char *username, const char *org, char *out)
{
	struct user_new u = {
		.username = username, .display_name = username,
		.role = ROLE_REPORTER, .org_id = org, .password = PW,
	};
	struct err e;

	err_init(&e);
	assert_int_equal(auth_user_create(db, &u, out, &e), 0);
}

static int
setup(void **state)
{
	struct err e;

	(void)state;
	err_init(&e);
	if (dbtest_open(tmpdir, NULL, &db, &e) != 0 ||
	    auth_org_create(db, "School", "school", NULL, school, &e) != 0 ||
	    auth_org_create(db, "Politie", "police", NULL, police, &e) != 0 ||
	    auth_org_create(db, "Huisarts", "gp", NULL, gp, &e) != 0 ||
	    auth_org_create(db, "Fier", "institution", NULL, inst, &e) != 0 ||
	    auth_org_create(db, "Lindeveen", "municipality", NULL, muni,
	    &e) != 0) {
		fprintf(stderr, "setup: %s\n", e.msg);
		return -1;
	}
	auth_password_cheap_for_tests();
	arena_init(&arena);
	make_user("teacher", school, teacher);
	make_user("teacher2", school, teacher2);
	make_user("officer", police, officer);
	make_user("doctor", gp, doctor);
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

/* A signal, committed; its id.  *matched: the signals it matched. */
static char *
sig(const char *user, const char *org, const char *name, const char *bsn,
    dl_date birth, dl_date made, size_t *matched)
{
	struct signal_in in = {
		.reporter_id = user, .reporter_org = org, .name = name,
		.bsn = bsn, .birth = birth, .indicators = "truancy",
		.certainty = "likely", .note = "tekst", .contact_phone = "06-1",
		.created_on = made,
	};
	struct err e;
	char *id = NULL;
	size_t m = 0;

	err_init(&e);
	assert_int_equal(db_begin_write(db, &e), 0);
	assert_int_equal(store_signal_insert(db, &arena, &in, &id, &m, &e), 0);
	assert_int_equal(db_commit(db, &e), 0);
	if (matched)
		*matched = m;
	return id;
}

/* The number of match notices on signal `id`. */
static long
notices(const char *user, const char *id)
{
	struct signal_rec *v;
	size_t n;
	struct err e;
	long out = -1;

	err_init(&e);
	assert_int_equal(db_begin_read(db, &e), 0);
	assert_int_equal(store_signals_of_reporter(db, &arena, user, &v, &n,
	    &e), 0);
	db_rollback(db);
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].id, id) == 0)
			out = (long)v[i].nmatches;
	return out;
}

static void
test_normalise(void **state)
{
	(void)state;
	assert_string_equal(store_name_normalise(&arena, "Anne-Marie  de Vries"),
	    "annemariedevries");
	assert_string_equal(store_name_normalise(&arena, "ANNEMARIE DEVRIES"),
	    "annemariedevries");
	assert_string_equal(store_name_normalise(&arena, "Noëlle O'Brien"),
	    "noelleobrien");
	assert_string_equal(store_name_normalise(&arena, "Çelik, Zeynep."),
	    "celikzeynep");
	/* Same name and date: one hash; another date or name: another. */
	dl_date b = date_from_ymd(2010, 5, 1);
	char *h1 = store_name_hash(&arena, 0, "Zeynep Çelik", b);
	char *h2 = store_name_hash(&arena, 0, "zeynep celik", b);
	char *h3 = store_name_hash(&arena, 0, "zeynep celik", b + 1);
	char *h4 = store_name_hash(&arena, 0, "zeynep celiks", b);

	assert_non_null(h1);
	assert_int_equal(strlen(h1), 64);
	assert_string_equal(h1, h2);
	assert_string_not_equal(h1, h3);
	assert_string_not_equal(h1, h4);
	assert_null(store_name_hash(&arena, 0, "zeynep", DATE_NONE));
	assert_null(store_name_hash(&arena, 0, " - ", b));
	/* A name hash never equals the BSN hash of anything. */
	char bh[65];

	crypto_bsn_hash(0, "zeynepcelik", bh);
	assert_string_not_equal(h1, bh);
}

static void
test_match(void **state)
{
	dl_date today = date_from_ymd(2026, 6, 15);
	dl_date birth = date_from_ymd(2011, 2, 3);
	size_t m;
	char *a, *b, *c, *d, *x;

	(void)state;
	a = sig(teacher, school, NULL, "999801016", DATE_NONE, today, &m);
	assert_int_equal(m, 0);
	b = sig(officer, police, "Lotte de Boer", NULL, birth, today, &m);
	assert_int_equal(m, 0);	/* nothing ties the BSN to this name yet */
	/* A colleague at the same school with the same BSN: no match. */
	x = sig(teacher2, school, NULL, "999801016", DATE_NONE, today, &m);
	assert_int_equal(m, 0);
	/* The GP knows both: matches a, x (BSN) and b (name), and ties a
	 * and b to each other (not a and x: one school). */
	c = sig(doctor, gp, "LOTTE DE-BOER", "999801016", birth, today, &m);
	assert_int_equal(m, 3);
	assert_int_equal(notices(teacher, a), 2);	/* GP and police */
	assert_int_equal(notices(officer, b), 3);	/* GP, teacher, teacher2 */
	assert_int_equal(notices(teacher2, x), 2);
	assert_int_equal(notices(doctor, c), 3);
	/* Later: the police officer again by BSN only finds all but her own. */
	d = sig(officer, police, NULL, "999801016", DATE_NONE, today, &m);
	assert_int_equal(m, 3);
	assert_int_equal(notices(officer, d), 3);
	/* Another birth date or another BSN: no match. */
	sig(teacher, school, "Lotte de Boer", NULL, birth + 1, today, &m);
	assert_int_equal(m, 0);
	sig(teacher, school, NULL, "999801028", DATE_NONE, today, &m);
	assert_int_equal(m, 0);
	(void)d;
}

/* A registered client with name and BSN: a later signal by name alone
 * finds her (her coordinator's notice) and matches a signal by her BSN. */
static void
test_client_match(void **state)
{
	struct client_rec c;
	struct trajectory_rec t;
	struct signal_contact *v;
	size_t n, m;
	struct err e;
	dl_date birth = date_from_ymd(2012, 8, 9);
	char *s1;

	(void)state;
	err_init(&e);
	memset(&c, 0, sizeof c);
	c.pseudonym = "Kim";
	c.name = "Kim van Dijk";
	c.bsn = "999801041";
	c.birth = birth;
	c.municipality_id = muni;
	c.registered_by_org = inst;
	assert_int_equal(db_begin_write(db, &e), 0);
	assert_int_equal(store_client_insert(db, &arena, &c, &e), 0);
	memset(&t, 0, sizeof t);
	t.client_id = c.id;
	t.coordinator_org = inst;
	t.start = date_from_ymd(2026, 1, 1);
	t.end = DATE_NONE;
	assert_int_equal(store_trajectory_insert(db, &arena, &t, &e), 0);
	assert_int_equal(db_commit(db, &e), 0);
	s1 = sig(teacher, school, NULL, "999801041", DATE_NONE,
	    date_from_ymd(2026, 6, 1), &m);
	assert_int_equal(m, 0);
	sig(officer, police, "kim van  dijk", NULL, birth,
	    date_from_ymd(2026, 6, 2), &m);
	assert_int_equal(m, 1);	/* the teacher's, through her client record */
	assert_int_equal(notices(teacher, s1), 1);
	assert_int_equal(db_begin_read(db, &e), 0);
	assert_int_equal(store_signal_notices(db, &arena, inst, &v, &n, &e), 0);
	db_rollback(db);
	assert_int_equal(n, 2);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(v[i].client_id, c.id);
	/* Another institution gets nothing. */
	assert_int_equal(db_begin_read(db, &e), 0);
	assert_int_equal(store_signal_notices(db, &arena, school, &v, &n, &e),
	    0);
	db_rollback(db);
	assert_int_equal(n, 0);
}

static long
purge(const char *asof)
{
	struct err e;
	long n = -1;

	err_init(&e);
	assert_int_equal(store_signals_purge(db, asof, &n, &e), 0);
	return n;
}

static bool
exists(const char *id)
{
	struct signal_rec r;
	struct err e;
	int rc;

	err_init(&e);
	assert_int_equal(db_begin_read(db, &e), 0);
	rc = store_signal_get(db, &arena, id, false, &r, &e);
	db_rollback(db);
	if (rc != 0)
		assert_int_equal(e.code, ERR_NOT_FOUND);
	return rc == 0;
}

static long
destroyed_audited(const char *id)
{
	struct db_stmt *st;
	struct err e;
	long n = -1;

	err_init(&e);
	assert_int_equal(db_prepare(db, "SELECT COUNT(*) FROM audit_log WHERE "
	    "action = 'destroy' AND object_type = 'signal' AND object_id = ? "
	    "AND client_id IS NULL AND purpose IS NULL", &st, &e), 0);
	db_bind_text(st, 1, id);
	assert_int_equal(db_step(st, &e), 1);
	n = (long)db_col_int64(st, 0);
	db_finalize(st);
	return n;
}

static void
test_purge(void **state)
{
	struct err e;
	long n;
	/* Made 2026-03-10 about a girl born 2005-01-20: two years end on
	 * 2028-03-10, her 23rd birthday is 2028-01-20, so the birthday wins. */
	char *young_later, *older, *nobirth, *kept, *leap;
	struct client_rec c;

	(void)state;
	err_init(&e);
	/* Clear what the other tests made: a far as-of date destroys them. */
	assert_true(purge("2100-01-01") >= 0);
	older = sig(teacher, school, "Ouder Meisje", NULL,
	    date_from_ymd(2005, 1, 20), date_from_ymd(2026, 3, 10), NULL);
	young_later = sig(officer, police, "Jong Meisje", NULL,
	    date_from_ymd(2012, 5, 5), date_from_ymd(2026, 3, 10), NULL);
	nobirth = sig(doctor, gp, NULL, "999801053", DATE_NONE,
	    date_from_ymd(2026, 3, 11), NULL);
	leap = sig(teacher, school, "Schrikkel Kind", NULL,
	    date_from_ymd(2008, 2, 29), date_from_ymd(2030, 6, 1), NULL);
	kept = sig(doctor, gp, "Aangemeld Meisje", NULL,
	    date_from_ymd(2012, 1, 1), date_from_ymd(2026, 3, 10), NULL);
	memset(&c, 0, sizeof c);
	c.pseudonym = "Aangemeld";
	c.birth = date_from_ymd(2012, 1, 1);
	c.municipality_id = muni;
	c.registered_by_org = inst;
	assert_int_equal(db_begin_write(db, &e), 0);
	assert_int_equal(store_client_insert(db, &arena, &c, &e), 0);
	assert_int_equal(store_signal_link_client(db, &arena, kept, c.id, &e), 0);
	assert_int_equal(db_commit(db, &e), 0);

	/* The day before her 23rd birthday: nothing goes. */
	assert_int_equal(purge("2028-01-19"), 0);
	assert_true(exists(older));
	/* On her 23rd birthday (before two years): hers goes. */
	assert_int_equal(purge("2028-01-20"), 1);
	assert_false(exists(older));
	assert_int_equal(destroyed_audited(older), 1);
	/* The day before two years: the younger girl's stays. */
	assert_int_equal(purge("2028-03-09"), 0);
	assert_true(exists(young_later));
	/* Two years after it was made: it goes; the one a day later stays. */
	assert_int_equal(purge("2028-03-10"), 1);
	assert_false(exists(young_later));
	assert_true(exists(nobirth));
	assert_int_equal(purge("2028-03-11"), 1);
	assert_false(exists(nobirth));
	assert_int_equal(destroyed_audited(nobirth), 1);
	/* Born on 29 February: her 23rd birthday follows the leap rule
	 * (1 March by default in a common year). */
	{
		dl_date b23 = date_birthday(date_from_ymd(2008, 2, 29), 23,
		    date_leap_rule());
		char day[DATE_STR_LEN + 1], before[DATE_STR_LEN + 1];

		assert_int_equal(signal_destroy_on(date_from_ymd(2030, 6, 1),
		    date_from_ymd(2008, 2, 29)), b23);
		date_format(b23 - 1, before);
		date_format(b23, day);
		assert_int_equal(purge(before), 0);
		assert_true(exists(leap));
		assert_int_equal(purge(day), 1);
		assert_false(exists(leap));
	}
	/* One that led to a registration is kept, whatever the date. */
	assert_int_equal(purge("2100-01-01"), 0);
	assert_true(exists(kept));
	assert_int_equal(destroyed_audited(kept), 0);
	/* The audit chain is intact after the destructions. */
	{
		int64_t bad = 0, checked = 0;

		assert_int_equal(auth_audit_verify(db, &bad, &checked, &e), 0);
		assert_true(checked > 0);
	}
	/* A bad as-of date is refused and destroys nothing. */
	assert_int_equal(store_signals_purge(db, "2100-13-01", &n, &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_true(exists(kept));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalise),
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_client_match),
		cmocka_unit_test(test_purge),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
