/*
 * driver.h - the private contract between db.c and the two drivers
 * (sqlite.c, pg.c).  Nothing outside src/db includes this header.
 *
 * Each driver embeds `struct db` as the first member of its connection
 * and `struct db_stmt` as the first member of its statement, so db.c can
 * dispatch through `ops` and the driver can cast back.  db.c checks the
 * arguments that are the same for both (NULL statements, transaction
 * nesting); the drivers only talk to their library.
 *
 * Invariants:
 *  1. `ops` and `kind` are set by the driver's open function and never
 *     change.
 *  2. A driver's error messages never contain bound values: they may be a
 *     client's data.  Names of tables, columns and constraints are fine.
 *  3. A statement belongs to the connection that prepared it and must be
 *     finalized before that connection is closed.
 */
#ifndef DOORLOOP_DB_DRIVER_H
#define DOORLOOP_DB_DRIVER_H

#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"
#include "util/err.h"

struct db_ops {
	void (*close)(struct db *db);
	int (*exec)(struct db *db, const char *sql, struct err *e);
	int (*begin_read)(struct db *db, struct err *e);
	int (*begin_write)(struct db *db, struct err *e);
	int (*commit)(struct db *db, struct err *e);
	/* After a successful commit of a write transaction and after the
	 * process write mutex is released: return once that commit is
	 * durable.  NULL when commit already waits for the disk. */
	int (*sync)(struct db *db, struct err *e);
	void (*rollback)(struct db *db);
	bool (*in_transaction)(const struct db *db);

	int (*prepare)(struct db *db, const char *sql, struct db_stmt **out,
	    struct err *e);
	int (*bind_text)(struct db_stmt *st, int idx, const char *val);
	int (*bind_int64)(struct db_stmt *st, int idx, int64_t val);
	int (*bind_null)(struct db_stmt *st, int idx);
	int (*step)(struct db_stmt *st, struct err *e);
	bool (*col_null)(struct db_stmt *st, int col);
	const char *(*col_text)(struct db_stmt *st, int col);
	int64_t (*col_int64)(struct db_stmt *st, int col);
	int (*changes)(struct db_stmt *st);
	void (*finalize)(struct db_stmt *st);
};

struct db {
	const struct db_ops *ops;
	enum db_kind kind;
	bool writing;	/* holds the process write mutex (db.c) */
};

struct db_stmt {
	const struct db_ops *ops;
};

/* FNV-1a of a string: the bucket of a statement cache keyed by SQL text. */
uint32_t db_sql_hash(const char *sql);

/*
 * A connection's cache of prepared statements keyed by their SQL text, a
 * small chained hash table (db.c).  Each driver allocates its entries with
 * struct db_cached as the first member and keeps its own part after it.
 */
#define DB_CACHE_BUCKETS 64
struct db_cached {
	struct db_cached *next;
	char *sql;		/* a copy of the text as the caller gave it */
	bool busy;		/* handed out to a statement: not found again */
};
struct db_cache {
	struct db_cached *bucket[DB_CACHE_BUCKETS];
	int n;			/* entries held */
};
/* The entry for sql that is not busy, or NULL. */
struct db_cached *db_cache_find(const struct db_cache *c, const char *sql);
/* Add x (its driver part filled in) under a copy of sql. */
void db_cache_add(struct db_cache *c, struct db_cached *x, const char *sql);
/* Empty the cache: each entry's sql is freed, then drop frees the entry
 * (and what the driver's part holds). */
void db_cache_clear(struct db_cache *c, void (*drop)(void *));

/* The drivers' constructors: sqlite_open takes the path after "sqlite:",
 * pg_open the whole URL (libpq parses it). */
int sqlite_open(const char *path, struct db **out, struct err *e);
int pg_open(const char *url, struct db **out, struct err *e);

#endif
