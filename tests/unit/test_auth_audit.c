/*
 * test_auth_audit.c - the NEN 7513 audit chain against one real database.
 *
 * DOORLOOP_TEST_DB names the database (a db.h URL); without it a fresh
 * SQLite file in a temporary directory is used.  Every test starts from an
 * empty log (the setup empties audit_log and rewinds audit_head), appends
 * a few entries and then tampers with them by hand, as someone with
 * database access but without the key file would.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "auth/auth.h"
#include "db/db.h"
#include "dbtest.h"

#define NENTRIES 5

static struct db *db;
static char tmpdir[] = "/tmp/doorloop-audit.XXXXXX";

static int
group_setup(void **state)
{
	struct err e;

	(void)state;
	err_init(&e);
	if (dbtest_open(tmpdir, NULL, &db, &e) != 0) {
		fprintf(stderr, "setup: %s\n", e.msg);
		return -1;
	}
	auth_password_cheap_for_tests();
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

static void
sql(const char *query)
{
	struct err e;

	err_init(&e);
	if (db_exec(db, query, &e) != 0)
		fail_msg("%s: %s", query, e.msg);
}

static void
append(int i)
{
	char obj[ID_LEN + 1], req[32];
	struct audit_entry en = {
		.user_id = "01890a5d-ac96-774b-bcce-b302099a8057",
		.username = "coordinator1",
		.role = "coordinator",
		.org_id = "01890a5d-ac96-774b-bcce-b302099a8058",
		.client_id = i % 2 ? "01890a5d-ac96-774b-bcce-b302099a8059" :
		    NULL,
		.action = i % 2 ? "read" : "update",
		.object_type = "client",
		.object_id = obj,
		.outcome = i == 3 ? "denied" : "ok",
		.purpose = i == 4 ? "crisis at night, team unreachable" : NULL,
		.request_id = req,
		.remote_addr = "10.1.2.3",
	};
	struct err e;

	id_new(obj);
	snprintf(req, sizeof req, "req-%d", i);
	err_init(&e);
	if (auth_audit_append_tx(db, &en, &e) != 0)
		fail_msg("append: %s", e.msg);
}

/* Drop the database's guards (014_oversight.sql), as someone with the
 * database owner's rights could, so the tests can tamper by hand. */
static void
unguard(void)
{
	if (db_kind(db) == DB_SQLITE) {
		sql("DROP TRIGGER IF EXISTS audit_log_no_update");
		sql("DROP TRIGGER IF EXISTS audit_log_no_delete");
		sql("DROP TRIGGER IF EXISTS audit_head_no_rewind");
	} else {
		sql("DROP TRIGGER IF EXISTS audit_log_no_update ON audit_log");
		sql("DROP TRIGGER IF EXISTS audit_head_no_rewind ON audit_head");
	}
}

static int
setup(void **state)
{
	(void)state;
	auth_audit_checkpoint_path(NULL);
	unguard();
	sql("DELETE FROM audit_log");
	sql("UPDATE audit_head SET seq = 0, hash = '' WHERE id = 1");
	for (int i = 1; i <= NENTRIES; i++)
		append(i);
	return 0;
}

/* Verify; returns the bad seq, 0 when intact. */
static int64_t
verify(int64_t *checked)
{
	int64_t bad = -1, n = -1;
	struct err e;
	int r;

	err_init(&e);
	r = auth_audit_verify(db, &bad, &n, &e);
	if (r < 0)
		fail_msg("verify: %s", e.msg);
	if (checked != NULL)
		*checked = n;
	assert_true(r == 0 ? bad == 0 : bad > 0);
	return bad;
}

static void
test_intact(void **state)
{
	int64_t n;

	(void)state;
	assert_int_equal(verify(&n), 0);
	assert_int_equal(n, NENTRIES);
	append(6);
	assert_int_equal(verify(&n), 0);
	assert_int_equal(n, NENTRIES + 1);
}

static void
test_empty(void **state)
{
	int64_t n;

	(void)state;
	sql("DELETE FROM audit_log");
	sql("UPDATE audit_head SET seq = 0, hash = '' WHERE id = 1");
	assert_int_equal(verify(&n), 0);
	assert_int_equal(n, 0);
}

static void
test_edited(void **state)
{
	(void)state;
	sql("UPDATE audit_log SET outcome = 'ok' WHERE seq = 3");
	assert_int_equal(verify(NULL), 3);
}

static void
test_edited_time(void **state)
{
	(void)state;
	sql("UPDATE audit_log SET at = '2001-01-01T00:00:00.000Z' WHERE seq = 2");
	assert_int_equal(verify(NULL), 2);
}

static void
test_null_to_empty(void **state)
{
	(void)state;
	/* NULL and "" are different values in the chain. */
	sql("UPDATE audit_log SET purpose = '' WHERE seq = 1");
	assert_int_equal(verify(NULL), 1);
}

static void
test_removed_middle(void **state)
{
	(void)state;
	sql("DELETE FROM audit_log WHERE seq = 3");
	assert_int_equal(verify(NULL), 4);
}

static void
test_removed_tail(void **state)
{
	(void)state;
	sql("DELETE FROM audit_log WHERE seq = 5");
	assert_int_equal(verify(NULL), 5);
	sql("DELETE FROM audit_log WHERE seq >= 3");
	assert_int_equal(verify(NULL), 5);
}

static void
test_inserted(void **state)
{
	(void)state;
	/* A forged entry after the last one, hash copied from a real one. */
	sql("INSERT INTO audit_log (seq, at, user_id, username, role, org_id, "
	    "client_id, action, object_type, object_id, outcome, purpose, "
	    "request_id, remote_addr, hash) SELECT 6, at, user_id, username, "
	    "role, org_id, client_id, action, object_type, object_id, outcome, "
	    "purpose, request_id, remote_addr, hash FROM audit_log WHERE seq = 5");
	assert_int_equal(verify(NULL), 6);
}

static void
test_replaced(void **state)
{
	(void)state;
	/* An entry swapped for a forged one with the same seq. */
	sql("DELETE FROM audit_log WHERE seq = 2");
	sql("INSERT INTO audit_log (seq, at, action, outcome, hash) VALUES "
	    "(2, '2026-01-01T00:00:00.000Z', 'read', 'ok', "
	    "'0000000000000000000000000000000000000000000000000000000000000000')");
	assert_int_equal(verify(NULL), 2);
}

static void
test_renumbered(void **state)
{
	(void)state;
	/* Entry 3 removed and the last one moved into its place. */
	sql("DELETE FROM audit_log WHERE seq = 3");
	sql("UPDATE audit_log SET seq = 3 WHERE seq = 5");
	assert_int_equal(verify(NULL), 3);
}

static void
test_head_rewound(void **state)
{
	(void)state;
	/* Rows beyond the head: the head was set back. */
	sql("UPDATE audit_head SET seq = 4, hash = (SELECT hash FROM audit_log "
	    "WHERE seq = 4) WHERE id = 1");
	assert_int_equal(verify(NULL), 5);
}

static void
test_rollback_leaves_no_trace(void **state)
{
	struct audit_entry en = {
		.action = "read", .outcome = "ok", .object_type = "client",
	};
	struct err e;
	int64_t n;

	(void)state;
	err_init(&e);
	assert_int_equal(db_begin_write(db, &e), 0);
	assert_int_equal(auth_audit_append(db, &en, &e), 0);
	db_rollback(db);
	assert_int_equal(verify(&n), 0);
	assert_int_equal(n, NENTRIES);
	append(7);
	assert_int_equal(verify(&n), 0);
	assert_int_equal(n, NENTRIES + 1);
}

static void
test_bad_entry(void **state)
{
	struct audit_entry en = { .action = "read", .outcome = "maybe" };
	struct err e;

	(void)state;
	err_init(&e);
	assert_int_equal(auth_audit_append_tx(db, &en, &e), -1);
	en.outcome = "ok";
	en.action = NULL;
	assert_int_equal(auth_audit_append_tx(db, &en, &e), -1);
	assert_int_equal(verify(NULL), 0);
}

static void
test_change_and_entry_together(void **state)
{
	struct audit_entry en = {
		.username = "admin", .role = "admin", .action = "create",
		.outcome = "ok",
	};
	struct user_new u = {
		.username = "audited.user", .display_name = "A", .role =
		    ROLE_ADMIN, .password = "long enough password",
	};
	char id[ID_LEN + 1], oid[ID_LEN + 1];
	struct db_stmt *st = NULL;
	struct err e;
	int64_t n;

	(void)state;
	err_init(&e);
	assert_int_equal(auth_user_create_audited(db, &u, &en, id, &e), 0);
	assert_int_equal(auth_org_create_audited(db, "Audited org", "other",
	    NULL, &en, oid, &e), 0);
	assert_int_equal(verify(&n), 0);
	assert_int_equal(n, NENTRIES + 2);
	assert_int_equal(db_prepare(db, "SELECT object_type, object_id FROM "
	    "audit_log WHERE seq = 6", &st, &e), 0);
	assert_int_equal(db_step(st, &e), 1);
	assert_string_equal(db_col_text(st, 0), "user");
	assert_string_equal(db_col_text(st, 1), id);
	db_finalize(st);
	/* A refused change writes no entry either. */
	assert_int_equal(auth_user_create_audited(db, &u, &en, id, &e), -1);
	assert_int_equal(e.code, ERR_CONFLICT);
	assert_int_equal(verify(&n), 0);
	assert_int_equal(n, NENTRIES + 2);
}

/* Run SQL that must fail; true when it did. */
static bool
refused(const char *query)
{
	struct err e;

	err_init(&e);
	return db_exec(db, query, &e) != 0;
}

/* With the guards in place the log cannot be edited, cut or rewound. */
static void
test_guards_refuse(void **state)
{
	int64_t n;

	(void)state;
	append(1);
	append(2);
	assert_true(refused("UPDATE audit_log SET outcome = 'denied' WHERE seq = 1"));
	assert_true(refused("DELETE FROM audit_log WHERE seq = 2"));
	assert_true(refused("DELETE FROM audit_log"));
	assert_true(refused("UPDATE audit_head SET seq = 1 WHERE id = 1"));
	assert_true(refused("DELETE FROM audit_head"));
	if (db_kind(db) == DB_POSTGRES)
		assert_true(refused("TRUNCATE audit_log"));
	assert_int_equal(verify(&n), 0);
	assert_int_equal(n, 2);
	append(3);	/* appending still works */
	assert_int_equal(verify(&n), 0);
	assert_int_equal(n, 3);
}

static char cp_file[400];

/* NENTRIES entries, their head checkpointed in a fresh file. */
static int
setup_checkpointed(void **state)
{
	struct err e;

	setup(state);
	snprintf(cp_file, sizeof cp_file, "%s/checkpoints", tmpdir);
	unlink(cp_file);
	auth_audit_checkpoint_path(cp_file);
	err_init(&e);
	if (auth_audit_checkpoint(db, &e) != 0)
		fail_msg("checkpoint: %s", e.msg);
	return 0;
}

static int
verify_full(struct audit_verdict *v)
{
	struct err e;
	int r;

	err_init(&e);
	r = auth_audit_verify_full(db, v, &e);
	if (r < 0)
		fail_msg("verify: %s", e.msg);
	return r;
}

static void
test_checkpoint_intact(void **state)
{
	struct audit_verdict v;
	struct err e;

	(void)state;
	assert_int_equal(verify_full(&v), 0);
	assert_int_equal(v.checkpoints, 1);
	append(6);
	err_init(&e);
	assert_int_equal(auth_audit_checkpoint(db, &e), 0);
	assert_int_equal(auth_audit_checkpoint(db, &e), 0);	/* unchanged: no line */
	assert_int_equal(verify_full(&v), 0);
	assert_int_equal(v.checkpoints, 2);
	assert_int_equal(v.checked, NENTRIES + 1);
}

static void
test_checkpoint_cut_and_rewound(void **state)
{
	struct audit_verdict v;

	(void)state;
	/* The last two entries cut, the head rewound to match: the chain alone
	 * looks whole, the checkpoint does not. */
	sql("DELETE FROM audit_log WHERE seq > 3");
	sql("UPDATE audit_head SET seq = 3, hash = (SELECT hash FROM audit_log "
	    "WHERE seq = 3) WHERE id = 1");
	{
		int64_t bad, n;
		struct err e;

		err_init(&e);
		assert_int_equal(auth_audit_verify(db, &bad, &n, &e), 0);
	}
	assert_int_equal(verify_full(&v), 1);
	assert_int_equal(v.bad_seq, NENTRIES);
	assert_non_null(strstr(v.reason, "cut or wiped"));
}

static void
test_checkpoint_wiped(void **state)
{
	struct audit_verdict v;

	(void)state;
	sql("DELETE FROM audit_log");
	sql("UPDATE audit_head SET seq = 0, hash = '' WHERE id = 1");
	assert_int_equal(verify_full(&v), 1);
	assert_int_equal(v.bad_seq, NENTRIES);
}

static void
test_checkpoint_rewritten_entry(void **state)
{
	struct audit_verdict v;

	(void)state;
	/* Entry 5 swapped for another with a hash chained by someone who has
	 * the key would pass the chain; here the checkpoint's hash differs. */
	sql("UPDATE audit_log SET hash = (SELECT hash FROM audit_log WHERE "
	    "seq = 4) WHERE seq = 5");
	assert_int_equal(verify_full(&v), 1);
	assert_int_equal(v.bad_seq, 5);
}

static void
test_checkpoint_file_altered(void **state)
{
	struct audit_verdict v;
	FILE *f;

	(void)state;
	f = fopen(cp_file, "a");
	assert_non_null(f);
	fprintf(f, "9\t%064d\t2026-01-01T00:00:00.000Z\t%064d\n", 0, 0);
	fclose(f);
	assert_int_equal(verify_full(&v), 1);
	assert_non_null(strstr(v.reason, "altered at line 2"));
}

static void
test_checkpoint_file_removed(void **state)
{
	struct audit_verdict v;

	(void)state;
	unlink(cp_file);
	assert_int_equal(verify_full(&v), 1);
	assert_non_null(strstr(v.reason, "no checkpoint"));
	auth_audit_checkpoint_path(NULL);	/* without a file configured: not checked */
	assert_int_equal(verify_full(&v), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_guards_refuse),
		cmocka_unit_test_setup(test_intact, setup),
		cmocka_unit_test_setup(test_empty, setup),
		cmocka_unit_test_setup(test_edited, setup),
		cmocka_unit_test_setup(test_edited_time, setup),
		cmocka_unit_test_setup(test_null_to_empty, setup),
		cmocka_unit_test_setup(test_removed_middle, setup),
		cmocka_unit_test_setup(test_removed_tail, setup),
		cmocka_unit_test_setup(test_inserted, setup),
		cmocka_unit_test_setup(test_replaced, setup),
		cmocka_unit_test_setup(test_renumbered, setup),
		cmocka_unit_test_setup(test_head_rewound, setup),
		cmocka_unit_test_setup(test_rollback_leaves_no_trace, setup),
		cmocka_unit_test_setup(test_bad_entry, setup),
		cmocka_unit_test_setup(test_change_and_entry_together, setup),
		cmocka_unit_test_setup(test_checkpoint_intact, setup_checkpointed),
		cmocka_unit_test_setup(test_checkpoint_cut_and_rewound, setup_checkpointed),
		cmocka_unit_test_setup(test_checkpoint_wiped, setup_checkpointed),
		cmocka_unit_test_setup(test_checkpoint_rewritten_entry, setup_checkpointed),
		cmocka_unit_test_setup(test_checkpoint_file_altered, setup_checkpointed),
		cmocka_unit_test_setup(test_checkpoint_file_removed, setup_checkpointed),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
