/*
 * test_store_common.c - the store's one way to bind, read and step
 * (store/common.h) against one real database: every type letter, NULL,
 * the encryption round trip and its binding to the row, one / none / many
 * rows, errors; and the folding and LIKE patterns of the client search.
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

#include "crypto/crypto.h"
#include "db/db.h"
#include "store/common.h"
#include "dbtest.h"

static struct db *db;
static char tmpdir[] = "/tmp/doorloop-store-common.XXXXXX";

static int
setup(void **state)
{
	struct err e;

	(void)state;
	err_init(&e);
	if (dbtest_open(tmpdir, NULL, &db, &e) != 0 ||
	    db_exec(db, "CREATE TABLE helper (id TEXT PRIMARY KEY, s TEXT, "
	    "i BIGINT, b BIGINT, d TEXT, enc TEXT)", &e) != 0) {
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
	crypto_key_unload();
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Insert one helper row with every type bound. */
static char *
insert_full(struct arena *a, const char *s, int64_t i, bool b, dl_date d,
    const char *plain)
{
	char now[INSTANT_LEN + 1];
	char *id = store_new_id(a, now);
	struct err e;

	err_init(&e);
	assert_int_equal(store_exec(db, a, &e, "INSERT INTO helper (id, s, i, "
	    "b, d, enc) VALUES (?, ?, ?, ?, ?, ?)", "ssibde", id, s, i, (int)b,
	    d, "helper", "enc", id, plain), 1);
	return id;
}

static void
test_every_type_round_trip(void **state)
{
	struct arena a;
	struct err e;
	char *id, *rid = NULL, *s = NULL, *plain = NULL;
	int64_t i = 0;
	bool b = false;
	dl_date d = DATE_NONE;

	(void)state;
	arena_init(&a);
	err_init(&e);
	id = insert_full(&a, "Noë", INT64_C(-9007199254740993), true,
	    date_from_ymd(2008, 2, 29), "Lily de Vries");
	assert_int_equal(store_one(db, &a, &e, "SELECT id, s, i, b, d, enc "
	    "FROM helper WHERE id = ?", "s", "ssibde", id, &rid, &s, &i, &b, &d,
	    "helper", "enc", &rid, &plain), 1);
	assert_string_equal(rid, id);
	assert_string_equal(s, "Noë");
	assert_true(i == INT64_C(-9007199254740993));
	assert_true(b);
	assert_int_equal(d, date_from_ymd(2008, 2, 29));
	assert_string_equal(plain, "Lily de Vries");
	/* The ciphertext is stored, never the plaintext. */
	assert_int_equal(store_one(db, &a, &e, "SELECT enc FROM helper WHERE "
	    "id = ?", "s", "s", id, &s), 1);
	assert_null(strstr(s, "Lily"));
	arena_cleanup(&a);
}

static void
test_nulls(void **state)
{
	struct arena a;
	struct err e;
	char now[INSTANT_LEN + 1];
	char *id, *s = "x", *plain = "x";
	int64_t i = 7;
	bool b = true;
	dl_date d = 1;

	(void)state;
	arena_init(&a);
	err_init(&e);
	id = store_new_id(&a, now);
	assert_int_equal(store_exec(db, &a, &e, "INSERT INTO helper (id, s, i, "
	    "b, d, enc) VALUES (?, ?, ?, ?, ?, ?)", "ssnnde", id, NULL,
	    DATE_OPEN, "helper", "enc", id, NULL), 1);
	assert_int_equal(store_one(db, &a, &e, "SELECT s, i, b, d, enc FROM "
	    "helper WHERE id = ?", "s", "sibde", id, &s, &i, &b, &d, "helper",
	    "enc", &id, &plain), 1);
	assert_null(s);
	assert_true(i == 0);
	assert_false(b);
	assert_int_equal(d, DATE_NONE);
	assert_null(plain);
	/* The DATE_OPEN end was stored as NULL, and so were i and b. */
	assert_int_equal(store_one(db, &a, &e, "SELECT 1 FROM helper WHERE "
	    "id = ? AND d IS NULL AND i IS NULL AND b IS NULL", "s", "", id), 1);
	arena_cleanup(&a);
}

static void
test_ciphertext_bound_to_its_row(void **state)
{
	struct arena a;
	struct err e;
	char *id, *other, *plain = NULL;

	(void)state;
	arena_init(&a);
	err_init(&e);
	id = insert_full(&a, "a", 1, false, 1, "geheim");
	other = insert_full(&a, "b", 2, false, 1, NULL);
	/* Read the first row's ciphertext as if it belonged to the second. */
	assert_int_equal(store_one(db, &a, &e, "SELECT enc FROM helper WHERE "
	    "id = ?", "s", "e", id, "helper", "enc", &other, &plain), -1);
	assert_int_equal(e.code, ERR_CRYPTO);
	assert_null(plain);
	err_init(&e);
	assert_int_equal(store_one(db, &a, &e, "SELECT enc FROM helper WHERE "
	    "id = ?", "s", "e", id, "helper", "other_column", &id, &plain), -1);
	assert_int_equal(e.code, ERR_CRYPTO);
	arena_cleanup(&a);
}

struct count {
	struct arena *a;
	int rows, stop_at;
	char *last;
};

static int
count_row(struct db_stmt *st, void *ctx, struct err *e)
{
	struct count *c = ctx;

	if (++c->rows == c->stop_at)
		return err_set(e, ERR_INTERNAL, NULL, "stop");
	return store_row(st, c->a, e, "_s", &c->last);
}

static void
test_one_none_many(void **state)
{
	struct arena a;
	struct err e;
	struct count c;
	const char *tags[3] = { "many", "many", "many" };
	char *s = NULL;
	int64_t n = 0;

	(void)state;
	arena_init(&a);
	err_init(&e);
	for (int k = 0; k < 3; k++)
		insert_full(&a, tags[k], k, false, DATE_NONE, NULL);
	/* none */
	assert_int_equal(store_one(db, &a, &e, "SELECT s FROM helper WHERE "
	    "s = ?", "s", "s", "nobody", &s), 0);
	assert_null(s);
	/* many where one was expected */
	assert_int_equal(store_one(db, &a, &e, "SELECT s FROM helper WHERE "
	    "s = ?", "s", "s", "many", &s), -1);
	assert_int_equal(e.code, ERR_INTERNAL);
	/* exactly one, by a list of texts and a skipped column */
	err_init(&e);
	assert_int_equal(store_one(db, &a, &e, "SELECT COUNT(*), 'x' FROM "
	    "helper WHERE s IN (?, ?) AND i >= ?", "vi", "i_", (size_t)2, tags,
	    (int64_t)1, &n), 1);
	assert_true(n == 2);
	/* every row, with the helper stepping and finalizing */
	memset(&c, 0, sizeof c);
	c.a = &a;
	assert_int_equal(store_each(db, &a, &e, count_row, &c, "SELECT i, s "
	    "FROM helper WHERE s = ? ORDER BY i", "s", "many"), 3);
	assert_int_equal(c.rows, 3);
	assert_string_equal(c.last, "many");
	assert_int_equal(store_each(db, &a, &e, count_row, &c, "SELECT i, s "
	    "FROM helper WHERE s = ?", "s", "nobody"), 0);
	/* a callback's error stops the walk */
	memset(&c, 0, sizeof c);
	c.a = &a;
	c.stop_at = 2;
	assert_int_equal(store_each(db, &a, &e, count_row, &c, "SELECT i, s "
	    "FROM helper WHERE s = ?", "s", "many"), -1);
	assert_int_equal(c.rows, 2);
	/* store_exec counts the rows it changed */
	err_init(&e);
	assert_int_equal(store_exec(db, &a, &e, "UPDATE helper SET b = ? "
	    "WHERE s = ?", "bs", true, "many"), 3);
	assert_int_equal(store_exec(db, &a, &e, "UPDATE helper SET b = ? "
	    "WHERE s = ?", "bs", true, "nobody"), 0);
	arena_cleanup(&a);
}

static void
test_errors(void **state)
{
	struct arena a;
	struct err e;
	char *id;

	(void)state;
	arena_init(&a);
	err_init(&e);
	id = insert_full(&a, "dup", 1, false, DATE_NONE, NULL);
	assert_int_equal(store_exec(db, &a, &e, "INSERT INTO helper (id) "
	    "VALUES (?)", "s", id), -1);
	assert_int_equal(e.code, ERR_CONFLICT);
	err_init(&e);
	assert_int_equal(store_exec(db, &a, &e, "SELECT nonsense FROM nowhere",
	    ""), -1);
	assert_int_not_equal(e.code, ERR_OK);
	err_init(&e);
	assert_int_equal(store_exec(db, &a, &e, "UPDATE helper SET s = ? "
	    "WHERE id = ?", "sx", "a", id), -1);
	assert_int_equal(e.code, ERR_INTERNAL);
	err_init(&e);
	assert_int_equal(store_one(db, &a, &e, "SELECT s FROM helper WHERE "
	    "id = ?", "s", "q", id, NULL), -1);
	assert_int_equal(e.code, ERR_INTERNAL);
	arena_cleanup(&a);
}

static void
test_new_ids(void **state)
{
	struct arena a;
	char now[INSTANT_LEN + 1], now2[INSTANT_LEN + 1];
	char *x, *y;

	(void)state;
	arena_init(&a);
	x = store_new_id(&a, now);
	y = store_new_id(&a, now2);
	assert_true(id_valid(x));
	assert_true(id_valid(y));
	assert_string_not_equal(x, y);
	assert_true(strcmp(now, now2) <= 0);
	arena_cleanup(&a);
}

static void
test_fold_and_pattern(void **state)
{
	struct arena a;

	(void)state;
	arena_init(&a);
	assert_string_equal(store_fold(&a, "Noë"), "noe");
	assert_string_equal(store_fold(&a, "ÉLODIE Çaßé"), "elodie casse");
	assert_string_equal(store_fold(&a, "Łucja Øst Œuvre"), "lucja ost oeuvre");
	assert_string_equal(store_fold(&a, "A_b 100%"), "a_b 100%");
	assert_string_equal(store_fold(&a, "日本"), "日本");	/* other scripts stay */
	assert_null(store_fold(&a, NULL));
	assert_string_equal(store_like_pattern(&a, "a_b"), "%a\\_b%");
	assert_string_equal(store_like_pattern(&a, "100%"), "%100\\%%");
	assert_string_equal(store_like_pattern(&a, "x\\y"), "%x\\\\y%");
	assert_string_equal(store_like_pattern(&a, "NOË"), "%noe%");
	assert_string_equal(store_like_pattern(&a, ""), "%%");
	arena_cleanup(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_type_round_trip),
		cmocka_unit_test(test_nulls),
		cmocka_unit_test(test_ciphertext_bound_to_its_row),
		cmocka_unit_test(test_one_none_many),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_new_ids),
		cmocka_unit_test(test_fold_and_pattern),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
