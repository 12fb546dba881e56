/*
 * test_db_driver.c - the storage driver against one real database.
 *
 * DOORLOOP_TEST_DB names the database (a db.h URL); without it a fresh
 * SQLite file in a temporary directory is used.  scripts/test.sh runs this
 * binary once against SQLite and once against a fresh PostgreSQL
 * database, so every test here must hold on both.
 *
 * The group setup opens one connection and applies the migrations; each
 * test uses new identifiers, so the tests do not depend on each other's
 * rows and may run in any order.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "db/db.h"
#include "db/migrations.h"
#include "util/err.h"
#include "util/id.h"

struct fixture {
	struct db	*db;
	char		 url[512];
	char		 tmpdir[256];	/* "" when DOORLOOP_TEST_DB was given */
	int		 first_applied;
};

static struct fixture fx;

static int
group_setup(void **state)
{
	const char *env = getenv("DOORLOOP_TEST_DB");
	struct err e;

	err_init(&e);
	if (env != NULL && *env != '\0') {
		snprintf(fx.url, sizeof fx.url, "%s", env);
	} else {
		snprintf(fx.tmpdir, sizeof fx.tmpdir,
		    "/tmp/doorloop-dbtest.XXXXXX");
		if (mkdtemp(fx.tmpdir) == NULL)
			return -1;
		snprintf(fx.url, sizeof fx.url, "sqlite:%s/test.db",
		    fx.tmpdir);
	}
	if (db_open(fx.url, &fx.db, &e) == -1) {
		fprintf(stderr, "open %s: %s\n", fx.url, e.msg);
		return -1;
	}
	if (db_migrate(fx.db, &fx.first_applied, &e) == -1) {
		fprintf(stderr, "migrate: %s\n", e.msg);
		return -1;
	}
	if (db_exec(fx.db, "CREATE TABLE IF NOT EXISTS t_driver ("
	    "id TEXT PRIMARY KEY, "
	    "name TEXT UNIQUE, "
	    "note TEXT, "
	    "n BIGINT)", &e) == -1) {
		fprintf(stderr, "create t_driver: %s\n", e.msg);
		return -1;
	}
	*state = &fx;
	return 0;
}

static int
group_teardown(void **state)
{
	char path[512];
	static const char *suffix[] = { "", "-wal", "-shm" };
	size_t i;

	db_close(fx.db);
	if (fx.tmpdir[0] != '\0') {
		for (i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
			snprintf(path, sizeof path, "%s/test.db%s", fx.tmpdir,
			    suffix[i]);
			unlink(path);
		}
		rmdir(fx.tmpdir);
	}
	return 0;
}

/* Run one parameterless statement and return the int64 in its first row. */
static int64_t
query_int(const char *sql)
{
	struct db_stmt *st = NULL;
	struct err e;
	int64_t v;

	err_init(&e);
	assert_int_equal(db_prepare(fx.db, sql, &st, &e), 0);
	assert_int_equal(db_step(st, &e), 1);
	v = db_col_int64(st, 0);
	db_finalize(st);
	return v;
}

static int
insert_driver(const char *id, const char *name, const char *note, int64_t n,
    struct err *e)
{
	struct db_stmt *st = NULL;
	int r;

	if (db_prepare(fx.db, "INSERT INTO t_driver (id, name, note, n) "
	    "VALUES (?, ?, ?, ?)", &st, e) == -1)
		return -1;
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, name);
	db_bind_text(st, 3, note);
	db_bind_int64(st, 4, n);
	r = db_step(st, e);
	db_finalize(st);
	return r;
}

static int64_t
count_driver(const char *id)
{
	struct db_stmt *st = NULL;
	struct err e;
	int64_t v;

	err_init(&e);
	assert_int_equal(db_prepare(fx.db, "SELECT COUNT(*) FROM t_driver "
	    "WHERE id = ?", &st, &e), 0);
	db_bind_text(st, 1, id);
	assert_int_equal(db_step(st, &e), 1);
	v = db_col_int64(st, 0);
	db_finalize(st);
	return v;
}

/* An organisation and a client to hang trajectories on; fills the ids. */
static void
make_client(char org[ID_LEN + 1], char client[ID_LEN + 1])
{
	struct db_stmt *st = NULL;
	char now[INSTANT_LEN + 1];
	struct err e;

	err_init(&e);
	id_new(org);
	id_new(client);
	instant_now(now);
	assert_int_equal(db_prepare(fx.db, "INSERT INTO organisation (id, "
	    "name, kind, created_at) VALUES (?, ?, 'municipality', ?)", &st,
	    &e), 0);
	db_bind_text(st, 1, org);
	db_bind_text(st, 2, org);	/* names must be unique */
	db_bind_text(st, 3, now);
	assert_int_equal(db_step(st, &e), 0);
	db_finalize(st);

	assert_int_equal(db_prepare(fx.db, "INSERT INTO client (id, pseudonym, "
	    "birth_date, municipality_id, created_at, updated_at) "
	    "VALUES (?, ?, '2008-02-29', ?, ?, ?)", &st, &e), 0);
	db_bind_text(st, 1, client);
	db_bind_text(st, 2, client);
	db_bind_text(st, 3, org);
	db_bind_text(st, 4, now);
	db_bind_text(st, 5, now);
	assert_int_equal(db_step(st, &e), 0);
	db_finalize(st);
}

static int
insert_trajectory(const char *client, const char *org, const char *start,
    const char *end, struct err *e)
{
	struct db_stmt *st = NULL;
	char id[ID_LEN + 1], now[INSTANT_LEN + 1];
	int r;

	id_new(id);
	instant_now(now);
	if (db_prepare(fx.db, "INSERT INTO trajectory (id, client_id, "
	    "coordinator_org, start_date, end_date, created_at, updated_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?)", &st, e) == -1)
		return -1;
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, client);
	db_bind_text(st, 3, org);
	db_bind_text(st, 4, start);
	db_bind_text(st, 5, end);
	db_bind_text(st, 6, now);
	db_bind_text(st, 7, now);
	r = db_step(st, e);
	db_finalize(st);
	return r;
}

static void
test_migrate_twice(void **state)
{
	struct err e;
	int applied = -1, version = -1;

	err_init(&e);
	if (fx.tmpdir[0] != '\0')	/* our own fresh file */
		assert_int_equal(fx.first_applied, (int)db_nmigrations);
	assert_int_equal(db_migrate(fx.db, &applied, &e), 0);
	assert_int_equal(applied, 0);
	assert_int_equal(db_schema_version(fx.db, &version, &e), 0);
	assert_int_equal(version, db_migrations[db_nmigrations - 1].version);
	assert_int_equal(query_int("SELECT COUNT(*) FROM schema_migrations"),
	    (int64_t)db_nmigrations);
	/* 001 seeded the audit head. */
	assert_int_equal(query_int("SELECT COUNT(*) FROM audit_head"), 1);
	assert_false(db_in_transaction(fx.db));
}

static void
test_kind_matches_url(void **state)
{
	enum db_kind want = strncmp(fx.url, "sqlite:", 7) == 0 ? DB_SQLITE :
	    DB_POSTGRES;

	assert_int_equal(db_kind(fx.db), want);
}

static void
test_insert_select_binds(void **state)
{
	struct db_stmt *st = NULL;
	char id[ID_LEN + 1];
	struct err e;

	err_init(&e);
	id_new(id);
	assert_int_equal(insert_driver(id, id, NULL, INT64_MIN, &e), 0);

	assert_int_equal(db_prepare(fx.db, "SELECT id, name, note, n FROM "
	    "t_driver WHERE id = ?", &st, &e), 0);
	db_bind_text(st, 1, id);
	assert_int_equal(db_step(st, &e), 1);
	assert_string_equal(db_col_text(st, 0), id);
	assert_false(db_col_null(st, 1));
	assert_true(db_col_null(st, 2));
	assert_null(db_col_text(st, 2));
	assert_int_equal(db_col_int64(st, 2), 0);
	assert_true(db_col_int64(st, 3) == INT64_MIN);
	assert_int_equal(db_step(st, &e), 0);
	db_finalize(st);

	/* Text with quotes, a question mark and non-ASCII survives as is. */
	assert_int_equal(db_prepare(fx.db, "UPDATE t_driver SET note = ?, "
	    "n = ? WHERE id = ?", &st, &e), 0);
	db_bind_text(st, 1, "Zoë's \"test\"? ; --");
	db_bind_int64(st, 2, INT64_MAX);
	db_bind_text(st, 3, id);
	assert_int_equal(db_step(st, &e), 0);
	assert_int_equal(db_changes(st), 1);
	db_finalize(st);

	assert_int_equal(db_prepare(fx.db, "SELECT note, n FROM t_driver "
	    "WHERE id = ?", &st, &e), 0);
	db_bind_text(st, 1, id);
	assert_int_equal(db_step(st, &e), 1);
	assert_string_equal(db_col_text(st, 0), "Zoë's \"test\"? ; --");
	assert_true(db_col_int64(st, 1) == INT64_MAX);
	db_finalize(st);

	/* db_bind_null and db_bind_text(NULL) both store NULL. */
	assert_int_equal(db_prepare(fx.db, "UPDATE t_driver SET note = ?, "
	    "n = ? WHERE id = ?", &st, &e), 0);
	db_bind_null(st, 1);
	db_bind_text(st, 2, NULL);
	db_bind_text(st, 3, id);
	assert_int_equal(db_step(st, &e), 0);
	db_finalize(st);
	assert_int_equal(db_prepare(fx.db, "SELECT COUNT(*) FROM t_driver "
	    "WHERE id = ? AND note IS NULL AND n IS NULL", &st, &e), 0);
	db_bind_text(st, 1, id);
	assert_int_equal(db_step(st, &e), 1);
	assert_int_equal(db_col_int64(st, 0), 1);
	db_finalize(st);
}

static void
test_same_sql_nested(void **state)
{
	struct db_stmt *outer = NULL, *inner = NULL;
	struct err e;
	const char *sql = "SELECT CAST(? AS TEXT) || 'x'";

	/* The same SQL prepared twice at once: two independent statements. */
	err_init(&e);
	assert_int_equal(db_prepare(fx.db, sql, &outer, &e), 0);
	db_bind_text(outer, 1, "a");
	assert_int_equal(db_step(outer, &e), 1);
	assert_int_equal(db_prepare(fx.db, sql, &inner, &e), 0);
	db_bind_text(inner, 1, "b");
	assert_int_equal(db_step(inner, &e), 1);
	assert_string_equal(db_col_text(outer, 0), "ax");
	assert_string_equal(db_col_text(inner, 0), "bx");
	db_finalize(inner);
	db_finalize(outer);

	/* And again after both were finalized: no bindings left over. */
	assert_int_equal(db_prepare(fx.db, sql, &outer, &e), 0);
	assert_int_equal(db_step(outer, &e), 1);
	assert_null(db_col_text(outer, 0));
	db_finalize(outer);
}

static void
test_question_mark_in_literal(void **state)
{
	struct db_stmt *st = NULL;
	struct err e;

	err_init(&e);
	assert_int_equal(db_prepare(fx.db, "SELECT 'a?b', ?, 'it''s ?', ? "
	    "/* ? */ -- ?\n", &st, &e), 0);
	db_bind_text(st, 1, "one");
	db_bind_int64(st, 2, 2);
	assert_int_equal(db_step(st, &e), 1);
	assert_string_equal(db_col_text(st, 0), "a?b");
	assert_string_equal(db_col_text(st, 1), "one");
	assert_string_equal(db_col_text(st, 2), "it's ?");
	assert_int_equal(db_col_int64(st, 3), 2);
	db_finalize(st);
}

static void
test_unique_conflict(void **state)
{
	char id1[ID_LEN + 1], id2[ID_LEN + 1], name[ID_LEN + 1];
	struct err e;

	err_init(&e);
	id_new(id1);
	id_new(id2);
	id_new(name);
	assert_int_equal(insert_driver(id1, name, NULL, 1, &e), 0);
	assert_int_equal(insert_driver(id2, name, NULL, 2, &e), -1);
	assert_int_equal(e.code, ERR_CONFLICT);
	/* The message names the constraint, never the value. */
	assert_null(strstr(e.msg, name));
	/* Primary key too. */
	err_init(&e);
	assert_int_equal(insert_driver(id1, NULL, NULL, 3, &e), -1);
	assert_int_equal(e.code, ERR_CONFLICT);
	assert_null(strstr(e.msg, id1));
}

static void
test_one_open_trajectory(void **state)
{
	char org[ID_LEN + 1], client[ID_LEN + 1];
	struct err e;

	err_init(&e);
	make_client(org, client);
	/* Closed trajectories do not count. */
	assert_int_equal(insert_trajectory(client, org, "2024-01-01",
	    "2024-06-30", &e), 0);
	assert_int_equal(insert_trajectory(client, org, "2024-07-01", NULL,
	    &e), 0);
	assert_int_equal(insert_trajectory(client, org, "2024-08-01", NULL,
	    &e), -1);
	assert_int_equal(e.code, ERR_CONFLICT);
	assert_null(strstr(e.msg, client));
}

static void
test_check_conflict(void **state)
{
	char org[ID_LEN + 1], client[ID_LEN + 1];
	struct err e;

	err_init(&e);
	make_client(org, client);
	assert_int_equal(insert_trajectory(client, org, "2024-05-01",
	    "2024-04-30", &e), -1);
	assert_int_equal(e.code, ERR_CONFLICT);
	/* The same day is allowed. */
	assert_int_equal(insert_trajectory(client, org, "2024-05-01",
	    "2024-05-01", &e), 0);
}

static void
test_foreign_key_and_not_null(void **state)
{
	char org[ID_LEN + 1], client[ID_LEN + 1], nobody[ID_LEN + 1];
	struct err e;

	err_init(&e);
	make_client(org, client);
	id_new(nobody);
	assert_int_equal(insert_trajectory(nobody, org, "2024-01-01", NULL,
	    &e), -1);
	assert_int_equal(e.code, ERR_CONFLICT);
	err_init(&e);
	assert_int_equal(insert_trajectory(client, org, NULL, NULL, &e), -1);
	assert_int_equal(e.code, ERR_CONFLICT);
}

static void
test_rollback_leaves_nothing(void **state)
{
	char id[ID_LEN + 1];
	struct err e;

	err_init(&e);
	id_new(id);
	assert_false(db_in_transaction(fx.db));
	assert_int_equal(db_begin_write(fx.db, &e), 0);
	assert_true(db_in_transaction(fx.db));
	assert_int_equal(insert_driver(id, NULL, "gone", 1, &e), 0);
	assert_int_equal(count_driver(id), 1);
	db_rollback(fx.db);
	assert_false(db_in_transaction(fx.db));
	assert_int_equal(count_driver(id), 0);
	/* Rolling back with nothing open is harmless. */
	db_rollback(fx.db);

	/* A committed write stays. */
	assert_int_equal(db_begin_write(fx.db, &e), 0);
	assert_int_equal(insert_driver(id, NULL, "kept", 1, &e), 0);
	assert_int_equal(db_commit(fx.db, &e), 0);
	assert_false(db_in_transaction(fx.db));
	assert_int_equal(count_driver(id), 1);

	/* A read transaction sees it. */
	assert_int_equal(db_begin_read(fx.db, &e), 0);
	assert_int_equal(count_driver(id), 1);
	assert_int_equal(db_commit(fx.db, &e), 0);
}

static void
test_failed_statement_then_rollback(void **state)
{
	char id[ID_LEN + 1], id2[ID_LEN + 1];
	struct err e;

	/*
	 * A conflict inside a transaction, then rollback: the earlier write
	 * is gone and the connection is usable again (PostgreSQL refuses
	 * every statement of an aborted transaction until it ends).
	 */
	err_init(&e);
	id_new(id);
	id_new(id2);
	assert_int_equal(db_begin_write(fx.db, &e), 0);
	assert_int_equal(insert_driver(id, NULL, NULL, 1, &e), 0);
	assert_int_equal(insert_driver(id, NULL, NULL, 1, &e), -1);
	assert_int_equal(e.code, ERR_CONFLICT);
	db_rollback(fx.db);
	assert_false(db_in_transaction(fx.db));
	assert_int_equal(count_driver(id), 0);
	assert_int_equal(insert_driver(id2, NULL, NULL, 1, &e), 0);
	assert_int_equal(count_driver(id2), 1);
}

static void
test_changes(void **state)
{
	struct db_stmt *st = NULL;
	char tag[ID_LEN + 1], id[ID_LEN + 1];
	struct err e;
	int i;

	err_init(&e);
	id_new(tag);
	for (i = 0; i < 3; i++) {
		id_new(id);
		assert_int_equal(insert_driver(id, NULL, tag, i, &e), 0);
	}
	assert_int_equal(db_prepare(fx.db, "UPDATE t_driver SET n = n + 10 "
	    "WHERE note = ?", &st, &e), 0);
	db_bind_text(st, 1, tag);
	assert_int_equal(db_step(st, &e), 0);
	assert_int_equal(db_changes(st), 3);
	db_finalize(st);

	assert_int_equal(db_prepare(fx.db, "DELETE FROM t_driver WHERE "
	    "note = ? AND n > 10", &st, &e), 0);
	db_bind_text(st, 1, tag);
	assert_int_equal(db_step(st, &e), 0);
	assert_int_equal(db_changes(st), 2);
	db_finalize(st);

	/* An UPDATE that matches nothing changed nothing. */
	assert_int_equal(db_prepare(fx.db, "UPDATE t_driver SET n = 0 "
	    "WHERE note = ? AND n > 1000", &st, &e), 0);
	db_bind_text(st, 1, tag);
	assert_int_equal(db_step(st, &e), 0);
	assert_int_equal(db_changes(st), 0);
	db_finalize(st);

	/* The one row left; a SELECT changes nothing. */
	assert_int_equal(db_prepare(fx.db, "SELECT n FROM t_driver WHERE "
	    "note = ? ORDER BY n", &st, &e), 0);
	db_bind_text(st, 1, tag);
	assert_int_equal(db_step(st, &e), 1);
	assert_int_equal(db_col_int64(st, 0), 10);
	assert_int_equal(db_step(st, &e), 0);
	assert_int_equal(db_changes(st), 0);
	db_finalize(st);
}

static void
test_bad_sql(void **state)
{
	struct db_stmt *st = NULL;
	struct err e;
	int r;

	err_init(&e);
	/* SQLite fails at prepare, PostgreSQL at the first step. */
	r = db_prepare(fx.db, "SELEKT * FROM nowhere WHERE x = ?", &st, &e);
	if (r == 0) {
		db_bind_text(st, 1, "secret value");
		r = db_step(st, &e);
		assert_int_equal(db_step(st, &e), -1);
	}
	assert_int_equal(r, -1);
	assert_int_equal(e.code, ERR_DB);
	assert_true(e.msg[0] != '\0');
	assert_null(strstr(e.msg, "secret value"));
	db_finalize(st);

	err_init(&e);
	assert_int_equal(db_exec(fx.db, "CREATE TABLE t_bad (", &e), -1);
	assert_int_equal(e.code, ERR_DB);

	err_init(&e);
	st = NULL;
	r = db_prepare(fx.db, "SELECT * FROM no_such_table", &st, &e);
	if (r == 0)
		r = db_step(st, &e);
	assert_int_equal(r, -1);
	assert_int_equal(e.code, ERR_DB);
	db_finalize(st);

	/* The connection is still good. */
	assert_int_equal(query_int("SELECT 41 + 1"), 42);
}

static void
test_bad_bind_index(void **state)
{
	struct db_stmt *st = NULL;
	struct err e;

	err_init(&e);
	assert_int_equal(db_prepare(fx.db, "SELECT ?", &st, &e), 0);
	assert_int_equal(db_bind_text(st, 2, "x"), -1);
	assert_int_equal(db_step(st, &e), -1);
	assert_int_equal(e.code, ERR_DB);
	db_finalize(st);
}

static void
test_bad_urls(void **state)
{
	static const char *bad[] = { "mysql://x", "", "sqlite:", "x" };
	struct db *db;
	struct err e;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err_init(&e);
		db = (struct db *)&e;	/* must be reset to NULL */
		assert_int_equal(db_open(bad[i], &db, &e), -1);
		assert_null(db);
		assert_int_equal(e.code, ERR_INVALID);
	}
	err_init(&e);
	assert_int_equal(db_open(NULL, &db, &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
}

static void
test_pg_unreachable(void **state)
{
	struct db *db = NULL;
	struct err e;

	/* Port 1 on the loopback: nothing listens, the refusal is at once. */
	err_init(&e);
	assert_int_equal(db_open("postgres://nobody@127.0.0.1:1/none", &db,
	    &e), -1);
	assert_null(db);
	/* Unreachable is "unavailable" (503 in the API), not a failure of ours. */
	assert_int_equal(e.code, ERR_UNAVAILABLE);
	assert_int_equal(e.reason, R_DB_UNAVAILABLE);
}

static void
test_sqlite_file_settings(void **state)
{
	const char *path;
	struct db_stmt *st = NULL;
	struct stat sb;
	struct err e;

	if (db_kind(fx.db) != DB_SQLITE)
		skip();
	err_init(&e);
	path = fx.url + strlen("sqlite:");
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);

	assert_int_equal(db_prepare(fx.db, "PRAGMA journal_mode", &st, &e), 0);
	assert_int_equal(db_step(st, &e), 1);
	assert_string_equal(db_col_text(st, 0), "wal");
	db_finalize(st);
	assert_int_equal(query_int("PRAGMA foreign_keys"), 1);
	assert_int_equal(query_int("PRAGMA synchronous"), 2);	/* FULL */
	assert_int_equal(query_int("PRAGMA busy_timeout"), 5000);
}

static void
test_sqlite_second_connection(void **state)
{
	struct db *db2 = NULL;
	struct err e;
	int version = 0;

	/* A second connection to the same file sees the schema and the
	 * migrations, as a second server thread would. */
	err_init(&e);
	if (db_kind(fx.db) != DB_SQLITE)
		skip();
	assert_int_equal(db_open(fx.url, &db2, &e), 0);
	assert_int_equal(db_schema_version(db2, &version, &e), 0);
	assert_int_equal(version, db_migrations[db_nmigrations - 1].version);
	db_close(db2);
}

static void
test_schema_version_empty(void **state)
{
	char dir[] = "/tmp/doorloop-dbtest-empty.XXXXXX";
	char url[160], path[128];
	struct db *db = NULL;
	struct err e;
	int version = -1;

	/* A database that was never migrated has version 0. */
	err_init(&e);
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/empty.db", dir);
	snprintf(url, sizeof url, "sqlite:%s", path);
	assert_int_equal(db_open(url, &db, &e), 0);
	assert_int_equal(db_schema_version(db, &version, &e), 0);
	assert_int_equal(version, 0);
	db_close(db);
	unlink(path);
	snprintf(path, sizeof path, "%s/empty.db-wal", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/empty.db-shm", dir);
	unlink(path);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_migrate_twice),
		cmocka_unit_test(test_kind_matches_url),
		cmocka_unit_test(test_insert_select_binds),
		cmocka_unit_test(test_same_sql_nested),
		cmocka_unit_test(test_question_mark_in_literal),
		cmocka_unit_test(test_unique_conflict),
		cmocka_unit_test(test_one_open_trajectory),
		cmocka_unit_test(test_check_conflict),
		cmocka_unit_test(test_foreign_key_and_not_null),
		cmocka_unit_test(test_rollback_leaves_nothing),
		cmocka_unit_test(test_failed_statement_then_rollback),
		cmocka_unit_test(test_changes),
		cmocka_unit_test(test_bad_sql),
		cmocka_unit_test(test_bad_bind_index),
		cmocka_unit_test(test_bad_urls),
		cmocka_unit_test(test_pg_unreachable),
		cmocka_unit_test(test_sqlite_file_settings),
		cmocka_unit_test(test_sqlite_second_connection),
		cmocka_unit_test(test_schema_version_empty),
	};

	return cmocka_run_group_tests_name("db_driver", tests, group_setup,
	    group_teardown);
}
