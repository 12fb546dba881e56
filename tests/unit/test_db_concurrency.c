/*
 * test_db_concurrency.c - several connections of one process at once
 * (issue 9): the process write mutex, read snapshots, the PostgreSQL
 * statement cache, and the audit writer's group commit.
 *
 * DOORLOOP_TEST_DB names the database (a db.h URL); without it a fresh
 * SQLite file in a temporary directory is used.  scripts/test.sh runs this
 * binary against SQLite and against PostgreSQL.  Nothing here is timed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "auth/audit_writer.h"
#include "auth/auth.h"
#include "crypto/crypto.h"
#include "db/db.h"
#include "util/err.h"
#include "util/id.h"
#include "dbtest.h"

#define THREADS 4
#define PER_THREAD 40

static struct db *db;
static char url[DBTEST_URL_MAX];
static char tmpdir[] = "/tmp/doorloop-dbconc.XXXXXX";

static int
group_setup(void **state)
{
	struct err e;

	(void)state;
	err_init(&e);
	if (dbtest_open(tmpdir, url, &db, &e) != 0 ||
	    db_exec(db, "CREATE TABLE IF NOT EXISTS t_conc (id TEXT PRIMARY "
	    "KEY, n BIGINT)", &e) != 0) {
		fprintf(stderr, "setup: %s\n", e.msg);
		return -1;
	}
	return 0;
}

static int
group_teardown(void **state)
{
	char cmd[512];

	(void)state;
	db_close(db);
	auth_shutdown();
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static int64_t
query_int(const char *sql)
{
	struct db_stmt *st = NULL;
	struct err e;
	int64_t v;

	err_init(&e);
	if (db_prepare(db, sql, &st, &e) != 0 || db_step(st, &e) != 1)
		fail_msg("%s: %s", sql, e.msg);
	v = db_col_int64(st, 0);
	db_finalize(st);
	return v;
}

/* ---- writers of one process queue on the write mutex ---- */

static void *
writer(void *arg)
{
	struct db *c = NULL;
	struct db_stmt *st = NULL;
	struct err e;
	char id[ID_LEN + 1];
	intptr_t failures = 0;
	int i;

	(void)arg;
	err_init(&e);
	if (db_open(url, &c, &e) != 0)
		return (void *)(intptr_t)PER_THREAD;
	for (i = 0; i < PER_THREAD; i++) {
		id_new(id);
		if (db_begin_write(c, &e) != 0) {
			failures++;
			continue;
		}
		/* Read, then write: a lost update would show in the sum. */
		if (db_prepare(c, "INSERT INTO t_conc (id, n) VALUES (?, "
		    "(SELECT COUNT(*) FROM t_conc))", &st, &e) != 0 ||
		    db_bind_text(st, 1, id) != 0 || db_step(st, &e) != 0) {
			db_finalize(st);
			db_rollback(c);
			failures++;
			continue;
		}
		db_finalize(st);
		if (db_commit(c, &e) != 0)
			failures++;
	}
	db_close(c);
	return (void *)failures;
}

static void
concurrent_writers_all_commit_in_order(void **state)
{
	pthread_t t[THREADS];
	void *r;
	int64_t before;
	int i;

	(void)state;
	before = query_int("SELECT COUNT(*) FROM t_conc");
	for (i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, writer, NULL), 0);
	for (i = 0; i < THREADS; i++) {
		assert_int_equal(pthread_join(t[i], &r), 0);
		assert_int_equal((intptr_t)r, 0);
	}
	assert_int_equal(query_int("SELECT COUNT(*) FROM t_conc"),
	    before + THREADS * PER_THREAD);
	/* Serialised: every row saw all rows before it, so n is unique. */
	assert_int_equal(query_int("SELECT COUNT(DISTINCT n) FROM t_conc"),
	    before + THREADS * PER_THREAD);
}

static void
write_transaction_flag_follows_the_transaction(void **state)
{
	struct err e;

	(void)state;
	err_init(&e);
	assert_false(db_in_write_transaction(db));
	assert_int_equal(db_begin_read(db, &e), 0);
	assert_true(db_in_transaction(db));
	assert_false(db_in_write_transaction(db));
	db_rollback(db);
	assert_int_equal(db_begin_write(db, &e), 0);
	assert_true(db_in_write_transaction(db));
	assert_int_equal(db_commit(db, &e), 0);
	assert_false(db_in_write_transaction(db));
	/* The mutex was released: another write begins at once. */
	assert_int_equal(db_begin_write(db, &e), 0);
	db_rollback(db);
	assert_false(db_in_write_transaction(db));
}

static void
read_snapshot_refuses_writes_on_postgres(void **state)
{
	struct db_stmt *st = NULL;
	struct err e;

	(void)state;
	err_init(&e);
	if (db_kind(db) != DB_POSTGRES)
		skip();
	assert_int_equal(db_begin_read(db, &e), 0);
	assert_int_equal(db_prepare(db, "INSERT INTO t_conc (id, n) VALUES "
	    "('ro', 0)", &st, &e), 0);
	assert_int_equal(db_step(st, &e), -1);
	db_finalize(st);
	db_rollback(db);
	assert_int_equal(query_int("SELECT COUNT(*) FROM t_conc WHERE "
	    "id = 'ro'"), 0);
}

static void
cached_statements_survive_rollback_and_schema_change(void **state)
{
	struct err e;

	(void)state;
	err_init(&e);
	assert_int_equal(query_int("SELECT COUNT(*) FROM t_conc WHERE "
	    "n >= 0"), query_int("SELECT COUNT(*) FROM t_conc"));
	assert_int_equal(db_begin_write(db, &e), 0);
	(void)query_int("SELECT COUNT(*) FROM t_conc WHERE n >= 0");
	db_rollback(db);
	assert_int_equal(db_exec(db, "CREATE TABLE t_conc2 (a BIGINT); "
	    "INSERT INTO t_conc2 (a) VALUES (7)", &e), 0);
	assert_int_equal(query_int("SELECT SUM(a) FROM t_conc2"), 7);
	assert_int_equal(db_exec(db, "ALTER TABLE t_conc2 ADD COLUMN b "
	    "BIGINT", &e), 0);
	assert_int_equal(query_int("SELECT SUM(a) FROM t_conc2"), 7);
	assert_int_equal(db_exec(db, "DROP TABLE t_conc2", &e), 0);
}

/* ---- the audit writer: many threads, one chain ---- */

static void *
auditor(void *arg)
{
	struct audit_entry en;
	struct db *c = NULL;
	struct err e;
	char rid[32];
	intptr_t failures = 0;
	int i;

	err_init(&e);
	if (db_open(url, &c, &e) != 0)
		return (void *)(intptr_t)PER_THREAD;
	for (i = 0; i < PER_THREAD; i++) {
		snprintf(rid, sizeof rid, "conc-%d-%d", (int)(intptr_t)arg, i);
		memset(&en, 0, sizeof en);
		en.action = "read";
		en.object_type = "test";
		en.outcome = i % 5 == 0 ? "denied" : "ok";
		en.request_id = rid;
		if (auth_audit_record(c, &en, &e) != 0)
			failures++;
	}
	db_close(c);
	return (void *)failures;
}

static void
audit_writer_group_commits_an_intact_chain(void **state)
{
	pthread_t t[THREADS];
	struct audit_entry en;
	struct err e;
	int64_t bad = -1, checked = 0, before;
	void *r;
	intptr_t i;

	(void)state;
	err_init(&e);
	before = query_int("SELECT COUNT(*) FROM audit_log");
	assert_int_equal(auth_audit_writer_start(url, &e), 0);
	for (i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, auditor,
		    (void *)i), 0);
	for (i = 0; i < THREADS; i++) {
		assert_int_equal(pthread_join(t[i], &r), 0);
		assert_int_equal((intptr_t)r, 0);
	}
	/* An entry the chain refuses is refused before it is queued. */
	memset(&en, 0, sizeof en);
	en.action = "read";
	en.outcome = "maybe";
	assert_int_equal(auth_audit_record(db, &en, &e), -1);
	auth_audit_writer_stop();
	assert_int_equal(query_int("SELECT COUNT(*) FROM audit_log"),
	    before + THREADS * PER_THREAD);
	assert_int_equal(query_int("SELECT COUNT(*) FROM audit_log WHERE "
	    "request_id LIKE 'conc-%'"), THREADS * PER_THREAD);
	assert_int_equal(auth_audit_verify(db, &bad, &checked, &e), 0);
	assert_int_equal(bad, 0);
	assert_int_equal(checked, before + THREADS * PER_THREAD);
	/* Without the writer an entry still gets written, in its own
	 * transaction, and inside a write transaction it joins that one. */
	en.outcome = "ok";
	assert_int_equal(auth_audit_record(db, &en, &e), 0);
	assert_int_equal(db_begin_write(db, &e), 0);
	assert_int_equal(auth_audit_record(db, &en, &e), 0);
	db_rollback(db);
	assert_int_equal(query_int("SELECT COUNT(*) FROM audit_log"),
	    before + THREADS * PER_THREAD + 1);
	assert_int_equal(auth_audit_verify(db, &bad, &checked, &e), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(concurrent_writers_all_commit_in_order),
		cmocka_unit_test(write_transaction_flag_follows_the_transaction),
		cmocka_unit_test(read_snapshot_refuses_writes_on_postgres),
		cmocka_unit_test(cached_statements_survive_rollback_and_schema_change),
		cmocka_unit_test(audit_writer_group_commits_an_intact_chain),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
