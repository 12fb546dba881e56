/*
 * db.h - the storage driver interface.  The only header that knows there
 * are two databases; nothing outside src/db includes sqlite3.h or
 * libpq-fe.h.
 *
 * A `struct db` is one connection, used by one thread at a time (the
 * server keeps one per worker thread).  The URL picks the driver:
 *   sqlite:PATH             SQLite file (WAL, foreign keys, busy timeout,
 *                           synchronous=FULL, BEGIN IMMEDIATE for writes)
 *   postgres://... / postgresql://...   PostgreSQL through libpq
 *
 * SQL is written once in a portable subset with `?` placeholders; the
 * PostgreSQL driver rewrites them to $1, $2, ...  Types in the subset:
 * TEXT, BIGINT; dates and instants are TEXT; booleans are BIGINT 0/1.
 *
 * Errors: a unique or check violation is ERR_CONFLICT (so callers can
 * answer 409); everything else is ERR_DB.  Messages never contain bound
 * values (they may be a client's data).
 *
 * Statement life cycle:
 *   db_prepare -> db_bind_* (1-based) -> db_step ... -> db_finalize
 * db_step returns 1 while a row is available, 0 when done, -1 on error.
 * Column accessors are valid until the next db_step/db_finalize.
 */
#ifndef DOORLOOP_DB_H
#define DOORLOOP_DB_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "util/err.h"

struct db;
struct db_stmt;

enum db_kind { DB_SQLITE, DB_POSTGRES };

int db_open(const char *url, struct db **out, struct err *e);
void db_close(struct db *db);
enum db_kind db_kind(const struct db *db);

/* Run one or more statements without parameters (schema scripts). */
int db_exec(struct db *db, const char *sql, struct err *e);

/* Transactions.  Nesting is a bug.
 *
 * db_begin_read opens a read-only snapshot that takes no lock a writer
 * waits for: a deferred BEGIN in WAL mode on SQLite, REPEATABLE READ READ
 * ONLY on PostgreSQL (a write inside it fails there).
 *
 * db_begin_write first takes the process's one write mutex and keeps it
 * until commit or rollback, then begins (SQLite BEGIN IMMEDIATE).  Writers
 * of one process therefore queue in the process, not in SQLite's busy
 * handler, which only ever waits for another process.  A thread holding
 * the write mutex must not wait for another thread that may need it (the
 * audit writer, auth_audit_record). */
int db_begin_read(struct db *db, struct err *e);
int db_begin_write(struct db *db, struct err *e);
int db_commit(struct db *db, struct err *e);
void db_rollback(struct db *db);	/* safe to call when no transaction is open */
bool db_in_transaction(const struct db *db);
/* Whether a transaction begun by db_begin_write is open on db. */
bool db_in_write_transaction(const struct db *db);

int db_prepare(struct db *db, const char *sql, struct db_stmt **out,
    struct err *e);
/* How many statements this process has prepared (for tests). */
unsigned long db_prepared_count(void);
int db_bind_text(struct db_stmt *st, int idx, const char *val);	/* NULL binds NULL */
int db_bind_int64(struct db_stmt *st, int idx, int64_t val);
int db_bind_null(struct db_stmt *st, int idx);
int db_step(struct db_stmt *st, struct err *e);
bool db_col_null(struct db_stmt *st, int col);		/* 0-based */
const char *db_col_text(struct db_stmt *st, int col);	/* NULL for NULL */
int64_t db_col_int64(struct db_stmt *st, int col);	/* 0 for NULL */
int db_changes(struct db_stmt *st);	/* rows changed by the last step of an INSERT/UPDATE/DELETE */
void db_finalize(struct db_stmt *st);	/* NULL is fine */
/* Fault injection (util/mem.h): finalize what this thread prepared while
 * armed and did not finalize, after its work was abandoned. */
void db_abandon_open(void);

/* Lock the row `id` of `table` (a constant, never input) until the write
 * transaction ends, so that writers of the same row in other processes
 * queue behind this one: SELECT ... FOR UPDATE on PostgreSQL, nothing on
 * SQLite (BEGIN IMMEDIATE excludes every other writer already).  Inside a
 * write transaction only; a row that does not exist locks nothing. */
int db_lock_row(struct db *db, const char *table, const char *id,
    struct err *e);
/* Give a conflict the schema refused (ERR_CONFLICT without a reason) the
 * reason key of the rule it broke, when the rule is a known one (one open
 * trajectory, one current main caregiver, no overlapping placements).
 * Returns -1, so a caller can write `return db_conflict(e);`. */
int db_conflict(struct err *e);

/* Apply every embedded migration not yet recorded in schema_migrations,
 * each in its own transaction.  *applied counts the new ones. */
int db_migrate(struct db *db, int *applied, struct err *e);
/* Highest applied migration version, 0 if none. */
int db_schema_version(struct db *db, int *version, struct err *e);

/* Backup and restore (db/backup.c).
 *
 * db_sqlite_copy: copy the SQLite database file `from` into `to` (created
 * or replaced page by page) with the online backup API, as one consistent
 * snapshot even while other connections write.
 *
 * db_pg_tool_start: run pg_dump (custom format; *fd reads its output) or,
 * with restore, pg_restore into url in one transaction, dropping the
 * objects it recreates (*fd is its input; close it when done).
 * db_pg_tool_wait: wait for it; a non-zero exit is an error. */
int db_sqlite_copy(const char *from, const char *to, struct err *e);
int db_pg_tool_start(const char *url, bool restore, int *fd, pid_t *pid,
    struct err *e);
int db_pg_tool_wait(pid_t pid, bool restore, struct err *e);

#endif
