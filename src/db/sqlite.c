/*
 * sqlite.c - the SQLite driver behind db.h.
 *
 * What it owns: one sqlite3 connection per `struct db`, opened in
 * multi-thread mode (SQLITE_OPEN_NOMUTEX: the connection is used by one
 * thread at a time, so SQLite's own mutex would only cost), and a cache of
 * prepared statements for that connection.
 *
 * Settings of every connection, and why:
 *   journal_mode=WAL    readers do not block the writer and vice versa
 *   synchronous=FULL    NORMAL can lose the last commits on power loss
 *   foreign_keys=ON     off by default in SQLite, on in PostgreSQL
 *   busy_timeout=5000   wait for the write lock instead of failing at once
 * Writes begin with BEGIN IMMEDIATE: a deferred BEGIN that later upgrades
 * to a write lock fails with SQLITE_BUSY at once, despite the timeout.
 *
 * Group commit.  A transaction begun by db_begin_write commits with
 * synchronous=NORMAL: COMMIT appends its frames to the WAL without
 * fdatasync, and the connection goes back to FULL (so autocommit
 * statements stay durable on their own).  db_commit then calls
 * sqlite_sync outside the process write mutex: the commit takes a ticket
 * (the group's count of commits so far), and waits until a flush has
 * covered it.  If no flush is running, it runs one itself: it notes the
 * count of commits made so far, fdatasyncs the WAL through its own
 * connection's file handle (SQLITE_FCNTL_JOURNAL_POINTER; one fdatasync
 * flushes every write to the file, whichever descriptor made it) and
 * marks all of them durable.  Commits made during a flush wait for the
 * next one, so under load many commits share one flush; alone, a commit
 * costs one flush as with synchronous=FULL.  A group is one database path
 * (`struct sqlite_group`, shared by the connections of this process that
 * opened that path, freed with the last of them).  Invariants:
 *  G1. A ticket is taken after COMMIT has returned, so its frames were
 *      written before any flush that starts later.
 *  G2. `flushed` only grows, and only to a `committed` value read before
 *      the fdatasync began.
 *  G3. Checkpoints are SQLite's own: in WAL mode with NORMAL they sync the
 *      WAL before copying it and the database after, so a frame that
 *      leaves the WAL is durable in the database first.
 *
 * The statement cache.  Statements are prepared with
 * SQLITE_PREPARE_PERSISTENT and kept per connection, keyed by their SQL
 * text, in a small chained hash table.  Invariants:
 *  1. A cached statement is handed out to at most one `struct db_stmt` at
 *     a time (`busy`).  Preparing the same SQL again while it is busy (a
 *     loop inside a loop) gets a fresh statement that is not cached.
 *  2. When a cached statement is finalized it is reset and its bindings
 *     cleared, so the next user starts from nothing.
 *  3. The cache holds at most SQLITE_CACHE_MAX statements; beyond that new
 *     statements are finalized after use.  The SQL of a program is a fixed
 *     set of string constants, so the limit is only a guard against a
 *     caller that builds SQL text dynamically.
 *
 * The database file is created with mode 0600 before SQLite opens it: it
 * holds client data, and SQLite would otherwise create it 0644.  The WAL
 * and shared-memory files take the mode of the database file.
 *
 * Error messages come from sqlite3_errmsg, which names tables, columns
 * and constraint expressions but never values.
 */
#include "db/driver.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "util/err.h"
#include "util/mem.h"

#define SQLITE_CACHE_MAX	256
#define SQLITE_BUSY_MS		5000

struct sqlite_cached {
	struct db_cached	 base;	/* first: db_cache casts */
	sqlite3_stmt		*stmt;
};

struct sqlite_group {
	struct sqlite_group	*next;
	char			*path;
	int			 refs;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	uint64_t		 committed;	/* tickets handed out */
	uint64_t		 flushed;	/* tickets made durable */
	bool			 flushing;
};

static pthread_mutex_t sqlite_groups_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t sqlite_once = PTHREAD_ONCE_INIT;

/* Process-wide settings, before SQLite initialises itself.  Memory
 * statistics off: with them on, every allocation and free of every
 * connection takes one global mutex, and the request threads queue on it. */
static void
sqlite_configure(void)
{
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
static struct sqlite_group *sqlite_groups;

struct sqlite_db {
	struct db		 base;	/* first: db.c casts */
	sqlite3			*conn;
	struct db_cache		 cache;
	struct sqlite_group	*group;
	bool			 deferred;	/* in a NORMAL write transaction */
	uint64_t		 ticket;	/* of the last deferred commit */
};

struct sqlite_stmt {
	struct db_stmt		 base;	/* first: db.c casts */
	struct sqlite_db	*db;
	sqlite3_stmt		*stmt;
	struct sqlite_cached	*cached;	/* NULL when not cached */
	int			 bind_rc;	/* first failed bind, or SQLITE_OK */
	int			 changes;
};

static const struct db_ops sqlite_ops;

static int
sqlite_error(struct sqlite_db *sdb, int rc, const char *what,
    struct err *e)
{
	enum err_code code = ERR_DB;
	const char *msg;

	msg = sdb != NULL && sdb->conn != NULL ? sqlite3_errmsg(sdb->conn) :
	    sqlite3_errstr(rc);
	switch (rc) {
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY:
	case SQLITE_CONSTRAINT_CHECK:
	case SQLITE_CONSTRAINT_FOREIGNKEY:
	case SQLITE_CONSTRAINT_NOTNULL:
	case SQLITE_CONSTRAINT_TRIGGER:	/* RAISE(ABORT) of a rule's trigger */
		code = ERR_CONFLICT;
		break;
	default:
		break;
	}
	err_set(e, code, "", "sqlite %s: %s", what, msg);
	return db_conflict(e);
}

/*
 * Create the file with mode 0600 if it does not exist, so SQLite does not
 * create it with its default 0644.  An existing file is left as it is.
 */
static int
sqlite_create_file(const char *path, struct err *e)
{
	int fd;

	if (strcmp(path, ":memory:") == 0)
		return 0;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd == -1) {
		if (errno == EEXIST)
			return 0;
		return err_set(e, ERR_IO, "", "cannot create database file "
		    "%s: %s", path, strerror(errno));
	}
	close(fd);
	return 0;
}

static struct sqlite_group *
sqlite_group_get(const char *path)
{
	struct sqlite_group *g;

	pthread_mutex_lock(&sqlite_groups_mu);
	for (g = sqlite_groups; g != NULL; g = g->next)
		if (strcmp(g->path, path) == 0)
			break;
	if (g == NULL) {
		g = xcalloc(1, sizeof *g);
		g->path = xstrdup(path);
		pthread_mutex_init(&g->mu, NULL);
		pthread_cond_init(&g->cv, NULL);
		g->next = sqlite_groups;
		sqlite_groups = g;
	}
	g->refs++;
	pthread_mutex_unlock(&sqlite_groups_mu);
	return g;
}

static void
sqlite_group_put(struct sqlite_group *g)
{
	struct sqlite_group **pp;

	if (g == NULL)
		return;
	pthread_mutex_lock(&sqlite_groups_mu);
	if (--g->refs == 0) {
		for (pp = &sqlite_groups; *pp != g; pp = &(*pp)->next)
			;
		*pp = g->next;
		pthread_mutex_destroy(&g->mu);
		pthread_cond_destroy(&g->cv);
		free(g->path);
		free(g);
	}
	pthread_mutex_unlock(&sqlite_groups_mu);
}

int
sqlite_open(const char *path, struct db **out, struct err *e)
{
	struct sqlite_db *sdb;
	int rc;

	*out = NULL;
	if (*path == '\0')
		return err_set(e, ERR_INVALID, "", "sqlite: URL has no path "
		    "(use sqlite:PATH)");
	if (sqlite_create_file(path, e) == -1)
		return -1;

	pthread_once(&sqlite_once, sqlite_configure);
	sdb = xcalloc(1, sizeof *sdb);
	sdb->base.ops = &sqlite_ops;
	sdb->base.kind = DB_SQLITE;
	rc = sqlite3_open_v2(path, &sdb->conn, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		err_set(e, ERR_DB, "", "sqlite open %s: %s", path,
		    sdb->conn != NULL ? sqlite3_errmsg(sdb->conn) :
		    sqlite3_errstr(rc));
		goto fail;
	}
	sqlite3_extended_result_codes(sdb->conn, 1);
	sqlite3_busy_timeout(sdb->conn, SQLITE_BUSY_MS);
	/* journal_mode first: the others are per connection, it is per file. */
	rc = sqlite3_exec(sdb->conn,
	    "PRAGMA journal_mode = WAL;"
	    "PRAGMA synchronous = FULL;"
	    "PRAGMA foreign_keys = ON;", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		sqlite_error(sdb, rc, "open", e);
		goto fail;
	}
	sdb->group = sqlite_group_get(path);
	*out = &sdb->base;
	return 0;
fail:
	sqlite3_close_v2(sdb->conn);
	free(sdb);
	return -1;
}

static void
sqlite_cached_drop(void *x)
{
	struct sqlite_cached *c = x;

	if (c->base.busy) {
		/* A statement outlived its connection. */
		fprintf(stderr, "{\"level\":\"fatal\",\"msg\":"
		    "\"db_close with an unfinalized statement\"}\n");
		abort();
	}
	sqlite3_finalize(c->stmt);
	free(c);
}

static void
sqlite_close(struct db *db)
{
	struct sqlite_db *sdb = (struct sqlite_db *)db;

	db_cache_clear(&sdb->cache, sqlite_cached_drop);
	/* close_v2 so a leaked statement does not keep the file open forever. */
	sqlite3_close_v2(sdb->conn);
	sqlite_group_put(sdb->group);
	free(sdb);
}

static int
sqlite_exec(struct db *db, const char *sql, struct err *e)
{
	struct sqlite_db *sdb = (struct sqlite_db *)db;
	int rc;

	rc = sqlite3_exec(sdb->conn, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return sqlite_error(sdb, sqlite3_extended_errcode(sdb->conn),
		    "exec", e);
	return 0;
}

static int
sqlite_begin_read(struct db *db, struct err *e)
{
	return sqlite_exec(db, "BEGIN", e);
}

static int
sqlite_begin_write(struct db *db, struct err *e)
{
	struct sqlite_db *sdb = (struct sqlite_db *)db;

	if (sqlite_exec(db, "PRAGMA synchronous = NORMAL", e) == -1)
		return -1;
	sdb->deferred = true;
	if (sqlite_exec(db, "BEGIN IMMEDIATE", e) == -1) {
		(void)sqlite3_exec(sdb->conn, "PRAGMA synchronous = FULL",
		    NULL, NULL, NULL);
		sdb->deferred = false;
		return -1;
	}
	return 0;
}

/* Back to FULL after a deferred transaction (a PRAGMA outside a
 * transaction does no I/O). */
static void
sqlite_undefer(struct sqlite_db *sdb)
{
	if (sdb->deferred) {
		(void)sqlite3_exec(sdb->conn, "PRAGMA synchronous = FULL",
		    NULL, NULL, NULL);
		sdb->deferred = false;
	}
}

static int
sqlite_commit(struct db *db, struct err *e)
{
	struct sqlite_db *sdb = (struct sqlite_db *)db;
	bool deferred = sdb->deferred;

	if (sqlite_exec(db, "COMMIT", e) == -1)
		return -1;	/* db.c rolls back, which undefers */
	sqlite_undefer(sdb);
	if (deferred) {
		pthread_mutex_lock(&sdb->group->mu);
		sdb->ticket = ++sdb->group->committed;	/* G1 */
		pthread_mutex_unlock(&sdb->group->mu);
	}
	return 0;
}

/* fdatasync the WAL through this connection's own file handle. */
static int
sqlite_flush_wal(struct sqlite_db *sdb, struct err *e)
{
	sqlite3_file *f = NULL;
	int rc;

	rc = sqlite3_file_control(sdb->conn, "main",
	    SQLITE_FCNTL_JOURNAL_POINTER, &f);
	if (rc != SQLITE_OK || f == NULL || f->pMethods == NULL)
		return 0;	/* no WAL open (:memory:): nothing to flush */
	rc = f->pMethods->xSync(f, SQLITE_SYNC_NORMAL);
	if (rc != SQLITE_OK)
		return err_set(e, ERR_DB, "", "sqlite sync: %s",
		    sqlite3_errstr(rc));
	return 0;
}

static int
sqlite_sync(struct db *db, struct err *e)
{
	struct sqlite_db *sdb = (struct sqlite_db *)db;
	struct sqlite_group *g = sdb->group;
	uint64_t target;
	int rc = 0;

	if (sdb->ticket == 0)
		return 0;
	pthread_mutex_lock(&g->mu);
	while (g->flushed < sdb->ticket) {
		if (g->flushing) {
			pthread_cond_wait(&g->cv, &g->mu);
			continue;
		}
		g->flushing = true;
		target = g->committed;
		pthread_mutex_unlock(&g->mu);
		rc = sqlite_flush_wal(sdb, e);
		pthread_mutex_lock(&g->mu);
		g->flushing = false;
		if (rc == 0 && target > g->flushed)
			g->flushed = target;	/* G2 */
		pthread_cond_broadcast(&g->cv);
		if (rc != 0)
			break;
	}
	pthread_mutex_unlock(&g->mu);
	sdb->ticket = 0;
	return rc;
}

static void
sqlite_rollback(struct db *db)
{
	struct sqlite_db *sdb = (struct sqlite_db *)db;

	/* ROLLBACK fails only when no transaction is open; nothing to report. */
	(void)sqlite3_exec(sdb->conn, "ROLLBACK", NULL, NULL, NULL);
	sqlite_undefer(sdb);
}

static bool
sqlite_in_transaction(const struct db *db)
{
	const struct sqlite_db *sdb = (const struct sqlite_db *)db;

	return sqlite3_get_autocommit(sdb->conn) == 0;
}

/*
 * Whether the text after the first statement holds another statement
 * (not just white space, semicolons or comments).  Such SQL belongs in
 * db_exec; silently ignoring the rest would hide a bug.
 */
static bool
sqlite_trailing_statement(struct sqlite_db *sdb, const char *tail)
{
	sqlite3_stmt *next = NULL;
	int rc;

	while (tail != NULL && *tail != '\0') {
		rc = sqlite3_prepare_v2(sdb->conn, tail, -1, &next, &tail);
		if (rc != SQLITE_OK)
			return true;
		if (next != NULL) {
			sqlite3_finalize(next);
			return true;
		}
	}
	return false;
}

static int
sqlite_prepare(struct db *db, const char *sql, struct db_stmt **out,
    struct err *e)
{
	struct sqlite_db *sdb = (struct sqlite_db *)db;
	struct sqlite_cached *c;
	struct sqlite_stmt *st;
	sqlite3_stmt *stmt = NULL;
	const char *tail = NULL;
	int rc;

	c = (struct sqlite_cached *)db_cache_find(&sdb->cache, sql);
	if (c == NULL) {
		rc = sqlite3_prepare_v3(sdb->conn, sql, -1,
		    SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
		if (rc != SQLITE_OK)
			return sqlite_error(sdb, sqlite3_extended_errcode(
			    sdb->conn), "prepare", e);
		if (stmt == NULL) {
			return err_set(e, ERR_DB, "", "sqlite prepare: "
			    "no statement in SQL text");
		}
		if (sqlite_trailing_statement(sdb, tail)) {
			sqlite3_finalize(stmt);
			return err_set(e, ERR_DB, "", "sqlite prepare: more "
			    "than one statement (use db_exec for scripts)");
		}
		if (sdb->cache.n < SQLITE_CACHE_MAX) {
			c = xcalloc(1, sizeof *c);
			c->stmt = stmt;
			db_cache_add(&sdb->cache, &c->base, sql);
		}
	} else
		stmt = c->stmt;

	if (c != NULL)
		c->base.busy = true;
	st = xcalloc(1, sizeof *st);
	st->base.ops = &sqlite_ops;
	st->db = sdb;
	st->stmt = stmt;
	st->cached = c;
	st->bind_rc = SQLITE_OK;
	*out = &st->base;
	return 0;
}

static int
sqlite_bind_result(struct sqlite_stmt *st, int rc)
{
	if (rc == SQLITE_OK)
		return 0;
	if (st->bind_rc == SQLITE_OK)
		st->bind_rc = rc;
	return -1;
}

static int
sqlite_bind_text(struct db_stmt *dst, int idx, const char *val)
{
	struct sqlite_stmt *st = (struct sqlite_stmt *)dst;

	return sqlite_bind_result(st, sqlite3_bind_text(st->stmt, idx, val,
	    -1, SQLITE_TRANSIENT));
}

static int
sqlite_bind_int64(struct db_stmt *dst, int idx, int64_t val)
{
	struct sqlite_stmt *st = (struct sqlite_stmt *)dst;

	return sqlite_bind_result(st, sqlite3_bind_int64(st->stmt, idx,
	    (sqlite3_int64)val));
}

static int
sqlite_bind_null(struct db_stmt *dst, int idx)
{
	struct sqlite_stmt *st = (struct sqlite_stmt *)dst;

	return sqlite_bind_result(st, sqlite3_bind_null(st->stmt, idx));
}

static int
sqlite_step(struct db_stmt *dst, struct err *e)
{
	struct sqlite_stmt *st = (struct sqlite_stmt *)dst;
	int rc;

	/* A bind that failed (index out of range, say) fails the statement,
	 * so callers need not check every bind. */
	if (st->bind_rc != SQLITE_OK)
		return err_set(e, ERR_DB, "", "sqlite bind: %s",
		    sqlite3_errstr(st->bind_rc));
	rc = sqlite3_step(st->stmt);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE) {
		/* sqlite3_changes keeps the count of the connection's last
		 * write; a SELECT changed nothing. */
		st->changes = sqlite3_stmt_readonly(st->stmt) ? 0 :
		    sqlite3_changes(st->db->conn);
		return 0;
	}
	sqlite_error(st->db, rc, "step", e);
	/* Reset here so the error does not come back from the next step. */
	sqlite3_reset(st->stmt);
	return -1;
}

static bool
sqlite_col_null(struct db_stmt *dst, int col)
{
	struct sqlite_stmt *st = (struct sqlite_stmt *)dst;

	return sqlite3_column_type(st->stmt, col) == SQLITE_NULL;
}

static const char *
sqlite_col_text(struct db_stmt *dst, int col)
{
	struct sqlite_stmt *st = (struct sqlite_stmt *)dst;

	return (const char *)sqlite3_column_text(st->stmt, col);
}

static int64_t
sqlite_col_int64(struct db_stmt *dst, int col)
{
	struct sqlite_stmt *st = (struct sqlite_stmt *)dst;

	return (int64_t)sqlite3_column_int64(st->stmt, col);
}

static int
sqlite_changes(struct db_stmt *dst)
{
	struct sqlite_stmt *st = (struct sqlite_stmt *)dst;

	return st->changes;
}

static void
sqlite_finalize(struct db_stmt *dst)
{
	struct sqlite_stmt *st = (struct sqlite_stmt *)dst;

	if (st->cached != NULL) {
		sqlite3_reset(st->stmt);
		sqlite3_clear_bindings(st->stmt);
		st->cached->base.busy = false;
	} else
		sqlite3_finalize(st->stmt);
	free(st);
}

static const struct db_ops sqlite_ops = {
	.close = sqlite_close,
	.exec = sqlite_exec,
	.begin_read = sqlite_begin_read,
	.begin_write = sqlite_begin_write,
	.commit = sqlite_commit,
	.sync = sqlite_sync,
	.rollback = sqlite_rollback,
	.in_transaction = sqlite_in_transaction,
	.prepare = sqlite_prepare,
	.bind_text = sqlite_bind_text,
	.bind_int64 = sqlite_bind_int64,
	.bind_null = sqlite_bind_null,
	.step = sqlite_step,
	.col_null = sqlite_col_null,
	.col_text = sqlite_col_text,
	.col_int64 = sqlite_col_int64,
	.changes = sqlite_changes,
	.finalize = sqlite_finalize,
};
