/*
 * pg.c - the PostgreSQL driver behind db.h, on libpq.
 *
 * What it owns: one PGconn per `struct db`, and for each statement its SQL
 * rewritten to PostgreSQL placeholders, its text parameters and the result
 * of its one execution.
 *
 * How a statement runs:
 *   db_prepare   looks the SQL text up in the connection's statement
 *                cache; the first time, rewrites `?` to $1, $2, ... (see
 *                pg_rewrite), counts the parameters and prepares it on the
 *                server (PQprepare, one round trip) under a name of its
 *                own, kept for the life of the connection
 *   db_bind_*    stores each parameter as text (NULL stays NULL); a
 *                parameter never bound is sent as NULL, as in SQLite
 *   db_step      the first call runs the prepared statement
 *                (PQexecPrepared: no parsing or planning anew) and keeps
 *                the whole result; every call then moves to the next row
 *                and returns 1, or 0 after the last one
 *   db_finalize  frees the result and the parameters
 * The cache holds at most PG_CACHE_MAX statements (the SQL of the program
 * is a fixed set of constants); beyond that a statement runs unnamed with
 * PQexecParams.  Named statements outlive transactions, including rolled
 * back ones.  db_exec (schema scripts) empties the cache with DEALLOCATE
 * ALL, since a changed table can invalidate a prepared statement.
 * Results are fetched whole.  Doorloop's queries are bounded (pages,
 * one client's record), so single-row mode is not worth its complexity.
 *
 * Transactions: reads are REPEATABLE READ READ ONLY (one snapshot, no
 * writes, no row locks); writes a plain BEGIN, and COMMIT waits for the
 * server's WAL flush.  PostgreSQL has no
 * database-wide write lock; writers that must serialise take row locks
 * (UPDATE of a shared row, SELECT ... FOR UPDATE).  After an error inside a
 * transaction PostgreSQL refuses every further statement, and COMMIT then
 * answers "ROLLBACK"; pg_commit reports that as a failure instead of
 * letting the caller believe its writes were stored.
 *
 * Errors: SQLSTATE class 23 (integrity constraint violation) is
 * ERR_CONFLICT, everything else ERR_DB.  Only the primary message is
 * used: the DETAIL of a unique violation repeats the key's value, and the
 * primary message of a data exception (class 22) can quote the offending
 * input, so for class 22 only the SQLSTATE and the column are kept.
 *
 * Connections set client_min_messages=warning, so the NOTICEs of
 * CREATE TABLE IF NOT EXISTS and friends do not reach stderr.
 *
 * A lost connection (PostgreSQL restarted, the network gone) is reopened
 * by the next transaction that begins on it (pg_alive): at once the first
 * time, then no more often than a backoff that doubles from
 * PG_BACKOFF_MIN_MS to PG_BACKOFF_MAX_MS while the server stays away, but at
 * once when another connection of the process has reopened since this one
 * last failed (pg_reopened_ms): the server is back, so no thread keeps
 * answering 503 for the rest of its backoff.  A connection that sat idle
 * while the server restarted does not know it yet: before anything runs
 * outside a transaction, what the server sent meanwhile is read without
 * waiting (PQconsumeInput), so its goodbye and the closed socket mark the
 * connection dead and it is reopened before the statement, not after it
 * failed.  Until
 * it is back, every statement fails with ERR_UNAVAILABLE and the reason
 * service.database_unavailable (the API answers 503), never with the
 * server's words.  A BEGIN that finds the connection dead is retried once
 * on the reopened connection: nothing had run in that transaction yet.  A
 * transaction that was under way when the connection died is lost (its
 * COMMIT never happened) and fails; the caller's client may try again.
 */
#include "db/driver.h"

#include <inttypes.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "util/err.h"
#include "util/id.h"
#include "util/mem.h"

/* More parameters than PostgreSQL accepts in one statement is a bug. */
#define PG_MAX_PARAMS	65535
#define PG_CACHE_MAX		512
#define PG_BACKOFF_MIN_MS	100
#define PG_BACKOFF_MAX_MS	5000

struct pg_cached {
	struct db_cached	 base;	/* first: db_cache casts */
	char			 name[16];
	int			 nparams;
};

struct pg_db {
	struct db	 base;	/* first: db.c casts */
	PGconn		*conn;
	struct db_cache	 cache;
	int64_t		 backoff_ms;	/* 0 while the connection is fine */
	int64_t		 next_try_ms;	/* no reconnect before (monotonic) */
	int64_t		 failed_ms;	/* when a reopen last failed */
	bool		 in_tx;		/* between our BEGIN and its end: never
					 * reopen there (the rest would run
					 * outside the transaction) */
};

struct pg_stmt {
	struct db_stmt	 base;	/* first: db.c casts */
	struct pg_db	*db;
	char		*sql;		/* rewritten to $n placeholders */
	const char	*name;		/* prepared statement, NULL: unnamed */
	int		 nparams;
	char		**params;	/* nparams entries, NULL for SQL NULL */
	bool		 bad_bind;	/* an index out of range was bound */
	PGresult	*res;		/* NULL until the first step */
	int		 nrows;
	int		 row;		/* current row, -1 before the first */
	int		 changes;
};

static const struct db_ops pg_ops;
static void	pg_cache_clear(struct pg_db *);
static int	pg_alive(struct pg_db *, struct err *);

static int
pg_unavailable(struct err *e)
{
	return err_setr(e, ERR_UNAVAILABLE, "", R_DB_UNAVAILABLE,
	    "the database cannot be reached; try again shortly");
}


static void
pg_trim(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' '))
		s[--n] = '\0';
}

/*
 * Fill e from a failed result.  res may be NULL (out of memory in libpq,
 * lost connection); the connection's message is used then.
 */
static int
pg_result_error(struct pg_db *pdb, const PGresult *res, const char *what,
    struct err *e)
{
	const char *state = NULL, *primary = NULL, *column = NULL;
	char msg[ERR_MSG_MAX];

	if (res != NULL) {
		state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
		primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
		column = PQresultErrorField(res, PG_DIAG_COLUMN_NAME);
	}
	if (state == NULL)
		state = "";
	/* The connection died (57P01 admin shutdown, 08 connection errors):
	 * unavailable, not a failure of the statement. */
	if (PQstatus(pdb->conn) == CONNECTION_BAD ||
	    strncmp(state, "08", 2) == 0 || strcmp(state, "57P01") == 0 ||
	    strcmp(state, "57P02") == 0 || strcmp(state, "57P03") == 0)
		return pg_unavailable(e);
	if (primary == NULL) {
		snprintf(msg, sizeof msg, "%s", PQerrorMessage(pdb->conn));
		pg_trim(msg);
		primary = msg[0] != '\0' ? msg : "no result from server";
	}
	if (strncmp(state, "22", 2) == 0)
		return err_set(e, ERR_DB, "", "postgres %s: data exception "
		    "(SQLSTATE %s)%s%s", what, state,
		    column != NULL ? " in column " : "",
		    column != NULL ? column : "");
	err_set(e, strncmp(state, "23", 2) == 0 ? ERR_CONFLICT : ERR_DB,
	    "", "postgres %s: %s%s%s%s", what, primary,
	    *state != '\0' ? " (SQLSTATE " : "", state,
	    *state != '\0' ? ")" : "");
	return db_conflict(e);
}

/* Run one parameterless command (or script) and check its result. */
static int
pg_command(struct pg_db *pdb, const char *sql, const char *what,
    struct err *e)
{
	PGresult *res;
	ExecStatusType status;
	int rc = 0;

	res = PQexec(pdb->conn, sql);
	status = PQresultStatus(res);
	if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK &&
	    status != PGRES_EMPTY_QUERY)
		rc = pg_result_error(pdb, res, what, e);
	PQclear(res);
	return rc;
}

int
pg_open(const char *url, struct db **out, struct err *e)
{
	struct pg_db *pdb;
	char msg[ERR_MSG_MAX];

	*out = NULL;
	pdb = xcalloc(1, sizeof *pdb);
	pdb->base.ops = &pg_ops;
	pdb->base.kind = DB_POSTGRES;
	pdb->conn = PQconnectdb(url);
	if (pdb->conn == NULL) {
		err_set(e, ERR_DB, "", "postgres connect: out of memory");
		goto fail;
	}
	if (PQstatus(pdb->conn) != CONNECTION_OK) {
		/* libpq names host, port and user here, never the password. */
		snprintf(msg, sizeof msg, "%s", PQerrorMessage(pdb->conn));
		pg_trim(msg);
		if (strstr(msg, "invalid") != NULL)
			err_set(e, ERR_INVALID, "", "postgres connect: %s", msg);
		else
			err_setr(e, ERR_UNAVAILABLE, "", R_DB_UNAVAILABLE,
			    "postgres connect: %s", msg);
		goto fail;
	}
	if (pg_command(pdb, "SET client_min_messages = warning", "connect",
	    e) == -1)
		goto fail;
	*out = &pdb->base;
	return 0;
fail:
	PQfinish(pdb->conn);
	free(pdb);
	return -1;
}

/* Forget every cached statement (the server's side is deallocated by the
 * caller, or dies with the connection); an entry holds nothing else. */
static void
pg_cache_clear(struct pg_db *pdb)
{
	db_cache_clear(&pdb->cache, free);
}

static void
pg_close(struct db *db)
{
	struct pg_db *pdb = (struct pg_db *)db;

	pg_cache_clear(pdb);
	PQfinish(pdb->conn);
	free(pdb);
}

static int
pg_exec(struct db *db, const char *sql, struct err *e)
{
	struct pg_db *pdb = (struct pg_db *)db;

	if (!pdb->in_tx && pg_alive(pdb, e) == -1)
		return -1;
	if (pg_command(pdb, sql, "exec", e) == -1)
		return -1;
	if (pdb->cache.n > 0) {
		/* Keep the names unique: the counter is not reset. */
		if (pg_command(pdb, "DEALLOCATE ALL", "exec", e) == -1)
			return -1;
		pg_cache_clear(pdb);
	}
	return 0;
}

/*
 * Make sure the connection is open, reopening a lost one (see the top of
 * the file): 0, or -1 with ERR_UNAVAILABLE while the server stays away.
 */
/* When a connection of this process last reopened (monotonic ms). */
static _Atomic int64_t pg_reopened_ms;

static int
pg_alive(struct pg_db *pdb, struct err *e)
{
	int64_t now;

	/* Reads that do not wait: a server that went away while this
	 * connection was idle has left its goodbye (the first read) and an
	 * end of file (the second, which marks the connection dead). */
	for (int i = 0; i < 2 && PQstatus(pdb->conn) == CONNECTION_OK; i++)
		(void)PQconsumeInput(pdb->conn);
	if (PQstatus(pdb->conn) == CONNECTION_OK)
		return 0;
	now = instant_mono_ms();
	if (pdb->backoff_ms > 0 && now < pdb->next_try_ms &&
	    atomic_load(&pg_reopened_ms) <= pdb->failed_ms)
		return pg_unavailable(e);
	/* The server's prepared statements died with the old session. */
	pg_cache_clear(pdb);
	PQreset(pdb->conn);
	if (PQstatus(pdb->conn) == CONNECTION_OK &&
	    pg_command(pdb, "SET client_min_messages = warning", "connect",
	    e) == 0) {
		pdb->backoff_ms = 0;
		atomic_store(&pg_reopened_ms, instant_mono_ms());
		return 0;
	}
	pdb->backoff_ms = pdb->backoff_ms == 0 ? PG_BACKOFF_MIN_MS :
	    pdb->backoff_ms * 2 > PG_BACKOFF_MAX_MS ? PG_BACKOFF_MAX_MS :
	    pdb->backoff_ms * 2;
	pdb->next_try_ms = now + pdb->backoff_ms;
	pdb->failed_ms = instant_mono_ms();
	return pg_unavailable(e);
}

/* BEGIN on a live connection; a connection found dead by the BEGIN itself
 * (the server restarted since the last transaction) is reopened and the
 * BEGIN tried once more. */
static int
pg_begin(struct pg_db *pdb, const char *sql, struct err *e)
{
	pdb->in_tx = false;
	if (pg_alive(pdb, e) == -1)
		return -1;
	if (pg_command(pdb, sql, "begin", e) != 0) {
		if (PQstatus(pdb->conn) == CONNECTION_OK)
			return -1;
		pdb->backoff_ms = 0;	/* try at once */
		if (pg_alive(pdb, e) == -1 ||
		    pg_command(pdb, sql, "begin", e) != 0)
			return -1;
	}
	pdb->in_tx = true;
	return 0;
}

static int
pg_begin_write(struct db *db, struct err *e)
{
	return pg_begin((struct pg_db *)db, "BEGIN", e);
}

static int
pg_begin_read(struct db *db, struct err *e)
{
	return pg_begin((struct pg_db *)db, "BEGIN ISOLATION LEVEL "
	    "REPEATABLE READ READ ONLY", e);
}

static int
pg_commit(struct db *db, struct err *e)
{
	struct pg_db *pdb = (struct pg_db *)db;
	PGresult *res;
	int rc = 0;

	pdb->in_tx = false;
	if (PQtransactionStatus(pdb->conn) == PQTRANS_INERROR)
		return err_set(e, ERR_DB, "", "postgres commit: the "
		    "transaction was aborted by an earlier error");
	res = PQexec(pdb->conn, "COMMIT");
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		rc = pg_result_error(pdb, res, "commit", e);
	else if (strcmp(PQcmdStatus(res), "COMMIT") != 0)
		rc = err_set(e, ERR_DB, "", "postgres commit: the server "
		    "rolled the transaction back");
	PQclear(res);
	return rc;
}

static void
pg_rollback(struct db *db)
{
	struct pg_db *pdb = (struct pg_db *)db;

	pdb->in_tx = false;
	PQclear(PQexec(pdb->conn, "ROLLBACK"));
}

static bool
pg_in_transaction(const struct db *db)
{
	const struct pg_db *pdb = (const struct pg_db *)db;

	/* A transaction whose connection died is still ours to end. */
	if (pdb->in_tx)
		return true;
	switch (PQtransactionStatus(pdb->conn)) {
	case PQTRANS_INTRANS:
	case PQTRANS_INERROR:
	case PQTRANS_ACTIVE:
		return true;
	default:
		return false;
	}
}

/*
 * Rewrite `?` placeholders to $1, $2, ... and count them.  A `?` inside a
 * single-quoted literal, a double-quoted identifier or a comment is left
 * alone.  Doubled quotes inside literals ('it''s') need no special case:
 * they close and reopen the literal.  Literals are standard-conforming
 * (backslash is an ordinary character), as PostgreSQL has them by default.
 */
static char *
pg_rewrite(const char *sql, int *nparams)
{
	const char *p;
	char *out, *o;
	size_t nq = 0;
	int n = 0;

	for (p = sql; *p != '\0'; p++)
		if (*p == '?')
			nq++;
	/* Each `?` grows into at most "$65535". */
	out = xmalloc(strlen(sql) + nq * 5 + 1);
	o = out;
	p = sql;
	while (*p != '\0') {
		if (*p == '\'' || *p == '"') {
			char q = *p;

			*o++ = *p++;
			while (*p != '\0' && *p != q)
				*o++ = *p++;
			if (*p != '\0')
				*o++ = *p++;
		} else if (p[0] == '-' && p[1] == '-') {
			while (*p != '\0' && *p != '\n')
				*o++ = *p++;
		} else if (p[0] == '/' && p[1] == '*') {
			*o++ = *p++;
			*o++ = *p++;
			while (*p != '\0' && !(p[0] == '*' && p[1] == '/'))
				*o++ = *p++;
			if (*p != '\0') {
				*o++ = *p++;
				*o++ = *p++;
			}
		} else if (*p == '?' && n < PG_MAX_PARAMS) {
			o += sprintf(o, "$%d", ++n);
			p++;
		} else
			*o++ = *p++;
	}
	*o = '\0';
	*nparams = n;
	return out;
}

/*
 * The cached prepared statement for sql, preparing it on the server the
 * first time; NULL with *e set if the server refused it, NULL with e
 * untouched if the cache is full.
 */
static struct pg_cached *
pg_cache_get(struct pg_db *pdb, const char *sql, struct err *e, int *rc)
{
	static unsigned long serial;	/* names unique in the process */
	struct pg_cached *c;
	PGresult *res;
	char *rewritten;
	int n;

	*rc = 0;
	if ((c = (struct pg_cached *)db_cache_find(&pdb->cache, sql)) != NULL)
		return c;
	if (pdb->cache.n >= PG_CACHE_MAX)
		return NULL;
	rewritten = pg_rewrite(sql, &n);
	c = xcalloc(1, sizeof *c);
	snprintf(c->name, sizeof c->name, "dl%lu",
	    __atomic_add_fetch(&serial, 1, __ATOMIC_RELAXED));
	c->nparams = n;
	res = PQprepare(pdb->conn, c->name, rewritten, n, NULL);
	free(rewritten);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		*rc = pg_result_error(pdb, res, "prepare", e);
		PQclear(res);
		free(c);
		return NULL;
	}
	PQclear(res);
	db_cache_add(&pdb->cache, &c->base, sql);
	return c;
}

static int
pg_prepare(struct db *db, const char *sql, struct db_stmt **out,
    struct err *e)
{
	struct pg_db *pdb = (struct pg_db *)db;
	struct pg_cached *c;
	struct pg_stmt *st;
	int rc = 0;

	if (!pdb->in_tx && pg_alive(pdb, e) == -1)
		return -1;
	/* Inside a failed transaction the server refuses even a PREPARE;
	 * run unnamed then, so the step reports the transaction's error. */
	c = PQtransactionStatus(pdb->conn) == PQTRANS_INERROR ? NULL :
	    pg_cache_get(pdb, sql, e, &rc);
	if (c == NULL && rc == -1)
		return -1;
	st = xcalloc(1, sizeof *st);
	st->base.ops = &pg_ops;
	st->db = pdb;
	if (c != NULL) {
		st->name = c->name;
		st->nparams = c->nparams;
	} else
		st->sql = pg_rewrite(sql, &st->nparams);
	st->params = xcalloc((size_t)st->nparams + 1, sizeof *st->params);
	st->row = -1;
	*out = &st->base;
	return 0;
}

static int
pg_bind(struct pg_stmt *st, int idx, char *val)
{
	if (idx < 1 || idx > st->nparams || st->res != NULL) {
		free(val);
		st->bad_bind = true;
		return -1;
	}
	free(st->params[idx - 1]);
	st->params[idx - 1] = val;
	return 0;
}

static int
pg_bind_text(struct db_stmt *dst, int idx, const char *val)
{
	return pg_bind((struct pg_stmt *)dst, idx, xstrdup(val));
}

static int
pg_bind_int64(struct db_stmt *dst, int idx, int64_t val)
{
	char buf[24];

	snprintf(buf, sizeof buf, "%" PRId64, val);
	return pg_bind((struct pg_stmt *)dst, idx, xstrdup(buf));
}

static int
pg_bind_null(struct db_stmt *dst, int idx)
{
	return pg_bind((struct pg_stmt *)dst, idx, NULL);
}

static int
pg_step(struct db_stmt *dst, struct err *e)
{
	struct pg_stmt *st = (struct pg_stmt *)dst;
	ExecStatusType status;
	const char *tuples;

	if (st->res == NULL) {
		if (st->bad_bind)
			return err_set(e, ERR_DB, "", "postgres bind: "
			    "parameter index out of range");
		if (st->name != NULL)
			st->res = PQexecPrepared(st->db->conn, st->name,
			    st->nparams, (const char *const *)st->params, NULL,
			    NULL, 0);
		else
			st->res = PQexecParams(st->db->conn, st->sql,
			    st->nparams, NULL, (const char *const *)st->params,
			    NULL, NULL, 0);
		status = PQresultStatus(st->res);
		if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
			pg_result_error(st->db, st->res, "step", e);
			/* Keep the result so a second step fails the same way. */
			if (st->res == NULL)
				st->res = PQmakeEmptyPGresult(st->db->conn,
				    PGRES_FATAL_ERROR);
			st->nrows = -1;
			return -1;
		}
		st->nrows = status == PGRES_TUPLES_OK ? PQntuples(st->res) : 0;
		tuples = PQcmdTuples(st->res);
		st->changes = *tuples != '\0' ? atoi(tuples) : 0;
		/* A SELECT's row count is not a change. */
		if (strncmp(PQcmdStatus(st->res), "SELECT", 6) == 0)
			st->changes = 0;
	}
	if (st->nrows < 0)
		return err_set(e, ERR_DB, "", "postgres step: statement "
		    "already failed");
	if (st->row + 1 < st->nrows) {
		st->row++;
		return 1;
	}
	st->row = st->nrows;
	return 0;
}

/* The current row, or -1 when there is none (a bug in the caller). */
static int
pg_row(const struct pg_stmt *st, int col)
{
	if (st->res == NULL || st->row < 0 || st->row >= st->nrows ||
	    col < 0 || col >= PQnfields(st->res))
		return -1;
	return st->row;
}

static bool
pg_col_null(struct db_stmt *dst, int col)
{
	struct pg_stmt *st = (struct pg_stmt *)dst;
	int row = pg_row(st, col);

	return row < 0 || PQgetisnull(st->res, row, col);
}

static const char *
pg_col_text(struct db_stmt *dst, int col)
{
	struct pg_stmt *st = (struct pg_stmt *)dst;
	int row = pg_row(st, col);

	if (row < 0 || PQgetisnull(st->res, row, col))
		return NULL;
	return PQgetvalue(st->res, row, col);
}

/*
 * Integers arrive as text.  A boolean expression (x IS NULL, EXISTS ...)
 * arrives as "t" or "f" where SQLite gives 1 or 0; both read as 1 and 0
 * here, so the portable subset can select conditions.
 */
static int64_t
pg_col_int64(struct db_stmt *dst, int col)
{
	const char *v = pg_col_text(dst, col);

	if (v == NULL)
		return 0;
	if (strcmp(v, "t") == 0)
		return 1;
	if (strcmp(v, "f") == 0)
		return 0;
	return (int64_t)strtoll(v, NULL, 10);
}

static int
pg_changes(struct db_stmt *dst)
{
	return ((struct pg_stmt *)dst)->changes;
}

static void
pg_finalize(struct db_stmt *dst)
{
	struct pg_stmt *st = (struct pg_stmt *)dst;
	int i;

	PQclear(st->res);
	for (i = 0; i < st->nparams; i++)
		free(st->params[i]);
	free(st->params);
	free(st->sql);
	free(st);
}

static const struct db_ops pg_ops = {
	.close = pg_close,
	.exec = pg_exec,
	.begin_read = pg_begin_read,
	.begin_write = pg_begin_write,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.in_transaction = pg_in_transaction,
	.prepare = pg_prepare,
	.bind_text = pg_bind_text,
	.bind_int64 = pg_bind_int64,
	.bind_null = pg_bind_null,
	.step = pg_step,
	.col_null = pg_col_null,
	.col_text = pg_col_text,
	.col_int64 = pg_col_int64,
	.changes = pg_changes,
	.finalize = pg_finalize,
};
