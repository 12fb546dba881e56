/*
 * db.c - URL dispatch, the generic half of the driver interface, and the
 * migrations runner.
 *
 * What it owns: the choice of driver for a URL, the checks that are the
 * same for both drivers, and the table schema_migrations.  Everything that
 * talks to SQLite or libpq lives in sqlite.c and pg.c behind `struct
 * db_ops` (driver.h).
 *
 * Invariants:
 *  1. A URL is either "sqlite:PATH" or "postgres://..." /
 *     "postgresql://..."; anything else is ERR_INVALID and opens nothing.
 *  2. Transactions do not nest.  Beginning one while one is open is a bug
 *     in the caller and aborts, so it is found in tests and not silently
 *     folded into the outer transaction.
 *  3. A failed commit leaves no transaction open: the driver's state after
 *     a failed COMMIT differs (SQLite keeps the transaction after BUSY,
 *     PostgreSQL has already ended it), so db_commit rolls back whatever
 *     is left.
 *  4. Each migration and the row that records it are one transaction: a
 *     migration is either applied and recorded or neither.  On PostgreSQL
 *     the transaction locks schema_migrations first, so two processes that
 *     migrate at once apply each migration once; on SQLite BEGIN IMMEDIATE
 *     does the same.
 *  5. Write transactions of one process are serialised by one mutex,
 *     taken before BEGIN and released by the commit or rollback that ends
 *     the transaction (`struct db.writing` says this connection holds it),
 *     so SQLite's busy handler never sleeps for a writer of this process.
 *  6. db_commit of a write transaction returns only once the commit is
 *     durable.  A driver whose COMMIT does not wait for the disk (SQLite,
 *     see sqlite.c) waits in ops->sync, after the write mutex is released.
 *  7. A migration is one SQL text for both engines, and may have an
 *     engine-specific companion (migrations.h: triggers and changed CHECK
 *     lists have no common syntax); it runs after the common text in the
 *     same transaction.
 *  8. db_lock_row serialises writers of one row across processes: FOR
 *     UPDATE on PostgreSQL; nothing on SQLite, whose write transaction
 *     (BEGIN IMMEDIATE) already excludes every other writer.
 */
#include "db/db.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/driver.h"
#include "db/migrations.h"
#include "util/err.h"
#include "util/id.h"
#include "util/mem.h"

/*
 * Fault injection (util/mem.h): while this thread is armed, a step may be
 * made to fail, and the statements prepared are remembered so that work
 * abandoned at an injected allocation failure can finalize them.
 */
#define DB_FAULT_OPEN_MAX 32
static _Thread_local struct db_stmt *fault_open[DB_FAULT_OPEN_MAX];

/* The process's one write mutex (invariant 5). */
static pthread_mutex_t db_write_mutex = PTHREAD_MUTEX_INITIALIZER;

static int	db_migrations_table(struct db *, struct err *);
static int	db_migration_applied(struct db *, int, bool *, struct err *);
static int	db_migration_apply(struct db *, const struct migration *,
		    bool *, struct err *);

int
db_open(const char *url, struct db **out, struct err *e)
{
	*out = NULL;
	if (url == NULL || *url == '\0')
		return err_set(e, ERR_INVALID, "", "no database URL given");
	if (strncmp(url, "sqlite:", 7) == 0)
		return sqlite_open(url + 7, out, e);
	if (strncmp(url, "postgres://", 11) == 0 ||
	    strncmp(url, "postgresql://", 13) == 0)
		return pg_open(url, out, e);
	return err_set(e, ERR_INVALID, "", "unsupported database URL: use "
	    "sqlite:PATH or postgres://USER@HOST:PORT/DBNAME");
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	db_rollback(db);	/* and release the write mutex if held */
	db->ops->close(db);
}

enum db_kind
db_kind(const struct db *db)
{
	return db->kind;
}

int
db_exec(struct db *db, const char *sql, struct err *e)
{
	return db->ops->exec(db, sql, e);
}

static void
db_no_nesting(const struct db *db)
{
	if (db->ops->in_transaction(db)) {
		fprintf(stderr, "{\"level\":\"fatal\",\"msg\":\"nested "
		    "database transaction\"}\n");
		abort();
	}
}

int
db_begin_read(struct db *db, struct err *e)
{
	db_no_nesting(db);
	return db->ops->begin_read(db, e);
}

int
db_begin_write(struct db *db, struct err *e)
{
	db_no_nesting(db);
	pthread_mutex_lock(&db_write_mutex);
	db->writing = true;
	if (db->ops->begin_write(db, e) == -1) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

static void
db_write_release(struct db *db)
{
	if (db->writing) {
		db->writing = false;
		pthread_mutex_unlock(&db_write_mutex);
	}
}

int
db_commit(struct db *db, struct err *e)
{
	bool writing = db->writing;

	if (db->ops->commit(db, e) == -1) {
		db_rollback(db);
		return -1;
	}
	db_write_release(db);
	/* Outside the mutex, so that the next writer's transaction and this
	 * flush overlap and several commits share one flush (invariant 6). */
	if (writing && db->ops->sync != NULL)
		return db->ops->sync(db, e);
	return 0;
}

void
db_rollback(struct db *db)
{
	if (db->ops->in_transaction(db))
		db->ops->rollback(db);
	db_write_release(db);
}

bool
db_in_transaction(const struct db *db)
{
	return db->ops->in_transaction(db);
}

/* Statements prepared by this process: tests count a load's round trips. */
static _Atomic unsigned long prepared;

unsigned long
db_prepared_count(void)
{
	return prepared;
}

uint32_t
db_sql_hash(const char *s)
{
	uint32_t h = 2166136261u;	/* FNV-1a */

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

struct db_cached *
db_cache_find(const struct db_cache *c, const char *sql)
{
	struct db_cached *x;

	for (x = c->bucket[db_sql_hash(sql) % DB_CACHE_BUCKETS]; x != NULL;
	    x = x->next)
		if (!x->busy && strcmp(x->sql, sql) == 0)
			return x;
	return NULL;
}

void
db_cache_add(struct db_cache *c, struct db_cached *x, const char *sql)
{
	struct db_cached **head = &c->bucket[db_sql_hash(sql) %
	    DB_CACHE_BUCKETS];

	x->sql = xstrdup(sql);
	x->next = *head;
	*head = x;
	c->n++;
}

void
db_cache_clear(struct db_cache *c, void (*drop)(void *))
{
	struct db_cached *x, *next;

	for (size_t i = 0; i < DB_CACHE_BUCKETS; i++) {
		for (x = c->bucket[i]; x != NULL; x = next) {
			next = x->next;
			free(x->sql);
			drop(x);
		}
		c->bucket[i] = NULL;
	}
	c->n = 0;
}

bool
db_in_write_transaction(const struct db *db)
{
	return db->writing && db->ops->in_transaction(db);
}

int
db_prepare(struct db *db, const char *sql, struct db_stmt **out,
    struct err *e)
{
	*out = NULL;
	prepared++;
	if (db->ops->prepare(db, sql, out, e) != 0)
		return -1;
	for (int i = 0; fault_armed() && i < DB_FAULT_OPEN_MAX; i++)
		if (fault_open[i] == NULL) {
			fault_open[i] = *out;
			break;
		}
	return 0;
}

void
db_abandon_open(void)
{
	for (int i = 0; i < DB_FAULT_OPEN_MAX; i++)
		if (fault_open[i] != NULL)
			db_finalize(fault_open[i]);
}

int
db_bind_text(struct db_stmt *st, int idx, const char *val)
{
	if (val == NULL)
		return st->ops->bind_null(st, idx);
	return st->ops->bind_text(st, idx, val);
}

int
db_bind_int64(struct db_stmt *st, int idx, int64_t val)
{
	return st->ops->bind_int64(st, idx, val);
}

int
db_bind_null(struct db_stmt *st, int idx)
{
	return st->ops->bind_null(st, idx);
}

int
db_step(struct db_stmt *st, struct err *e)
{
	if (fault_db_step())
		return err_set(e, ERR_DB, "", "injected step failure");
	return st->ops->step(st, e);
}

bool
db_col_null(struct db_stmt *st, int col)
{
	return st->ops->col_null(st, col);
}

const char *
db_col_text(struct db_stmt *st, int col)
{
	return st->ops->col_text(st, col);
}

int64_t
db_col_int64(struct db_stmt *st, int col)
{
	return st->ops->col_int64(st, col);
}

int
db_changes(struct db_stmt *st)
{
	return st->ops->changes(st);
}

void
db_finalize(struct db_stmt *st)
{
	if (st == NULL)
		return;
	for (int i = 0; i < DB_FAULT_OPEN_MAX; i++)
		if (fault_open[i] == st)
			fault_open[i] = NULL;
	st->ops->finalize(st);
}

int
db_lock_row(struct db *db, const char *table, const char *id, struct err *e)
{
	struct db_stmt *st = NULL;
	char sql[128];
	int rc;

	if (db->kind != DB_POSTGRES)
		return 0;
	if (!db_in_write_transaction(db)) {
		fprintf(stderr, "{\"level\":\"fatal\",\"msg\":\"row lock "
		    "outside a write transaction\"}\n");
		abort();
	}
	/* table is a constant of the caller, never input. */
	snprintf(sql, sizeof sql, "SELECT 1 FROM %s WHERE id = ? FOR UPDATE",
	    table);
	if (db_prepare(db, sql, &st, e) == -1)
		return -1;
	db_bind_text(st, 1, id);
	rc = db_step(st, e) == -1 ? -1 : 0;
	db_finalize(st);
	return rc;
}

/*
 * The rules the schema itself enforces (migration 013 and earlier), by the
 * name of their index, constraint or trigger message: a violation of one is
 * answered with its reason key, like the application's own check would be.
 */
static const struct {
	const char *name;
	enum err_reason reason;
} db_rules[] = {
	{ "trajectory_one_open", R_TRAJECTORY_OPEN_EXISTS },
	{ "team_one_main_caregiver", R_TEAM_ONE_MAIN_CAREGIVER },
	{ "phase_no_overlap", R_PHASE_OVERLAP },
	{ "trajectory_closure_one_open", R_TRAJECTORY_ALREADY_CLOSED },
	/* SQLite names the column of a unique index, not the index (each of
	 * these columns has only the one unique index above); PostgreSQL
	 * names a UNIQUE column constraint table_column_key. */
	{ "trajectory.client_id", R_TRAJECTORY_OPEN_EXISTS },
	{ "team_member.trajectory_id", R_TEAM_ONE_MAIN_CAREGIVER },
	{ "trajectory_closure.trajectory_id", R_TRAJECTORY_ALREADY_CLOSED },
	{ "transition_plan_trajectory_id_key", R_TRANSITION_PLAN_EXISTS },
	{ "transition_plan.trajectory_id", R_TRANSITION_PLAN_EXISTS },
	{ "promise_one_successor", R_PROMISE_CHANGED_ALREADY },
	{ "promise.replaces_id", R_PROMISE_CHANGED_ALREADY },
	{ "journal_withhold_current", R_JOURNAL_WITHHELD_ALREADY },
	{ "journal_withhold.thread_id", R_JOURNAL_WITHHELD_ALREADY },
};

int
db_conflict(struct err *e)
{
	size_t i;

	if (e->code != ERR_CONFLICT || e->reason != R_NONE)
		return -1;
	for (i = 0; i < sizeof db_rules / sizeof db_rules[0]; i++)
		if (strstr(e->msg, db_rules[i].name) != NULL) {
			e->reason = db_rules[i].reason;
			break;
		}
	return -1;
}

/*
 * Migrations.
 */

static int
db_migrations_table(struct db *db, struct err *e)
{
	return db_exec(db, "CREATE TABLE IF NOT EXISTS schema_migrations ("
	    "version BIGINT PRIMARY KEY, "
	    "name TEXT NOT NULL, "
	    "applied_at TEXT NOT NULL)", e);
}

static int
db_migration_applied(struct db *db, int version, bool *applied,
    struct err *e)
{
	struct db_stmt *st = NULL;
	int rc = -1, r;

	if (db_prepare(db, "SELECT 1 FROM schema_migrations WHERE version = ?",
	    &st, e) == -1)
		goto out;
	db_bind_int64(st, 1, version);
	if ((r = db_step(st, e)) == -1)
		goto out;
	*applied = (r == 1);
	rc = 0;
out:
	db_finalize(st);
	return rc;
}

/*
 * Apply one migration unless it is already recorded; *done says whether
 * it was applied now.
 */
static int
db_migration_apply(struct db *db, const struct migration *m, bool *done,
    struct err *e)
{
	struct db_stmt *st = NULL;
	char now[INSTANT_LEN + 1];
	const char *extra;
	bool applied = false;
	int rc = -1;

	*done = false;
	if (db_begin_write(db, e) == -1)
		goto out;
	if (db->kind == DB_POSTGRES && db_exec(db, "LOCK TABLE "
	    "schema_migrations IN SHARE ROW EXCLUSIVE MODE", e) == -1)
		goto out;
	if (db_migration_applied(db, m->version, &applied, e) == -1)
		goto out;
	if (applied) {
		rc = db_commit(db, e);
		goto out;
	}
	extra = db->kind == DB_POSTGRES ? m->sql_pg : m->sql_sqlite;
	if (db_exec(db, m->sql, e) == -1 ||
	    (extra != NULL && db_exec(db, extra, e) == -1)) {
		/* Keep the driver's message and say which migration it was. */
		char msg[ERR_MSG_MAX];

		snprintf(msg, sizeof msg, "%s", e->msg);
		err_set(e, e->code, "", "migration %s: %s", m->name, msg);
		goto out;
	}
	instant_now(now);
	if (db_prepare(db, "INSERT INTO schema_migrations (version, name, "
	    "applied_at) VALUES (?, ?, ?)", &st, e) == -1)
		goto out;
	db_bind_int64(st, 1, m->version);
	db_bind_text(st, 2, m->name);
	db_bind_text(st, 3, now);
	if (db_step(st, e) == -1)
		goto out;
	db_finalize(st);
	st = NULL;
	if (db_commit(db, e) == -1)
		goto out;
	*done = true;
	rc = 0;
out:
	db_finalize(st);
	if (rc == -1)
		db_rollback(db);
	return rc;
}

int
db_migrate(struct db *db, int *applied, struct err *e)
{
	size_t i;
	bool done;

	*applied = 0;
	if (db_migrations_table(db, e) == -1)
		return -1;
	for (i = 0; i < db_nmigrations; i++) {
		if (db_migration_apply(db, &db_migrations[i], &done, e) == -1)
			return -1;
		if (done)
			(*applied)++;
	}
	return 0;
}

int
db_schema_version(struct db *db, int *version, struct err *e)
{
	struct db_stmt *st = NULL;
	const char *exists_sql;
	int rc = -1, r;

	*version = 0;
	if (db->kind == DB_SQLITE)
		exists_sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' "
		    "AND name = 'schema_migrations'";
	else
		exists_sql = "SELECT 1 FROM information_schema.tables WHERE "
		    "table_schema = current_schema() AND "
		    "table_name = 'schema_migrations'";
	if (db_prepare(db, exists_sql, &st, e) == -1)
		goto out;
	if ((r = db_step(st, e)) == -1)
		goto out;
	db_finalize(st);
	st = NULL;
	if (r == 0) {
		rc = 0;		/* never migrated */
		goto out;
	}
	if (db_prepare(db, "SELECT MAX(version) FROM schema_migrations",
	    &st, e) == -1)
		goto out;
	if ((r = db_step(st, e)) == -1)
		goto out;
	if (r == 1)
		*version = (int)db_col_int64(st, 0);
	rc = 0;
out:
	db_finalize(st);
	return rc;
}
