/*
 * common.h - the one way the store files bind, read and step statements,
 * plus small shared helpers.  Private to src/store/.
 *
 * Binding and reading take a type string, one letter per parameter or
 * column, in the manner of SQLite's printf-style helpers:
 *
 *   letter  binds (argument)                       reads into (argument)
 *   s       text, NULL binds NULL (const char *)   arena copy, NULL stays NULL (char **)
 *   i       int64 (int64_t)                        int64, 0 for NULL (int64_t *)
 *   I       -                                      int, 0 for NULL (int *)
 *   b       bool as 0/1 (int or bool)              bool, NULL is false (bool *)
 *   d       date, DATE_NONE/DATE_OPEN bind NULL    date, DATE_NONE for NULL (dl_date *)
 *           (dl_date)
 *   e       encryption of text for table|column|   decryption (const char *table,
 *           row (const char *table, *column,       *column, char *const *row_id, char **out);
 *           *row_id, *plain); NULL binds NULL      row_id is read when the column is, so it
 *                                                  may point at a field this same call fills
 *   n       NULL (no argument)                     -
 *   v       n texts (size_t n, const char *const *v) -
 *   k       -                                      an enumeration by name
 *                                                  (store_kind_fn *fn, void *out)
 *                                                  as fn(text, out): STORE_KIND
 *   _       -                                      skip the column (no argument)
 *
 * The statement helpers prepare, bind, step and finalize in one call, so
 * no other store file steps or finalizes by hand.  Parameters are 1-based
 * in order of the type string; columns are read from 0.
 */
#ifndef DOORLOOP_STORE_COMMON_H
#define DOORLOOP_STORE_COMMON_H

#include <stdarg.h>
#include <stdbool.h>

#include "core/date.h"
#include "db/db.h"
#include "store/store.h"
#include "util/id.h"
#include "util/mem.h"

/* Reads a column's text (NULL for NULL) into the enumeration at out. */
typedef void store_kind_fn(const char *text, void *out);
/*
 * STORE_KIND(fn, parse, type, dflt) defines the store_kind_fn fn that sets
 * the `type` at out by `int parse(const char *, type *)`, or to dflt when
 * the text names none.
 */
#define STORE_KIND(fn, parse, type, dflt)				\
static void								\
fn(const char *text, void *out)						\
{									\
	if (parse(text, (type *)out) != 0)				\
		*(type *)out = (dflt);					\
}

/* Bind parameters 1.. of st by `types`.  0 or -1 (ERR_INTERNAL). */
int store_bind(struct db_stmt *st, struct arena *a, struct err *e,
    const char *types, ...);
/* Read the current row's columns 0.. by `types`.  0 or -1. */
int store_row(struct db_stmt *st, struct arena *a, struct err *e,
    const char *types, ...);

/* Run a statement that returns no rows: the number of rows it changed, or -1. */
int store_exec(struct db *db, struct arena *a, struct err *e,
    const char *sql, const char *in, ...);
/*
 * Fetch exactly one row: the parameters by `in`, then the columns by
 * `out` (both argument lists follow in that order).  1 with the row read,
 * 0 when there is none, -1 on error; a second row is an error
 * (ERR_INTERNAL), so a query that may match more says LIMIT 1.
 */
int store_one(struct db *db, struct arena *a, struct err *e,
    const char *sql, const char *in, const char *out, ...);
/*
 * Every row: parameters by `in`, then fn(st, ctx, e) per row, which reads
 * it with store_row and returns 0 or -1 (stop).  The number of rows, or -1.
 */
typedef int store_row_fn(struct db_stmt *st, void *ctx, struct err *e);
int store_each(struct db *db, struct arena *a, struct err *e,
    store_row_fn *fn, void *ctx, const char *sql, const char *in, ...);

/* Grow an arena-backed array by one element; returns the new, zeroed element. */
void *store_grow(struct arena *a, void **v, size_t *len, size_t *cap,
    size_t size);
/* The ctx of a row reader that fills a record the caller holds (a client,
 * a table of her life domains, a plan's items): the arena for its texts and
 * that record. */
struct store_into {
	struct arena	*a;
	void		*out;
};
/* An arena-backed array that a store_each callback grows row by row:
 * struct store_list l = STORE_LIST(a, out, n); each row: store_list_add(&l). */
struct store_list {
	struct arena *a;
	void **v;
	size_t *n, cap, size;
};
#define STORE_LIST(arena, out, count) \
	((struct store_list){ (arena), (void **)(out), (count), 0, sizeof **(out) })
void *store_list_add(struct store_list *l);
/* A list read by a store_each callback fn that is given l as its ctx:
 * empties the list, then fills it from every row.  0 or -1. */
int store_list_rows(struct db *db, struct store_list *l, struct err *e,
    store_row_fn *fn, const char *sql, const char *in, ...);
/* store_list_rows into a fresh STORE_LIST(arena, out, count): the whole
 * body of a function that lists records. */
#define STORE_LIST_ROWS(db, arena, out, count, e, fn, ...) \
	store_list_rows((db), &STORE_LIST((arena), (out), (count)), (e), (fn), \
	    __VA_ARGS__)
/*
 * STORE_LIST_FN(name, type, fn, ktype, key, sql, in, ...) defines the list
 * function
 *	int name(struct db *db, struct arena *a, ktype key, type **out,
 *	    size_t *n, struct err *e)
 * that reads the rows of sql, bound by in and the arguments after it
 * (which name key), into out with the store_row_fn fn.
 */
#define STORE_LIST_FN(name, type, fn, ktype, key, sql, in, ...)		\
int									\
name(struct db *db, struct arena *a, ktype key, type **out, size_t *n,	\
    struct err *e)							\
{									\
	return STORE_LIST_ROWS(db, a, out, n, e, fn, sql, in,		\
	    __VA_ARGS__);						\
}
/*
 * STORE_GET_FN(name, type, fn, key, reason, what, sql, in, ...) defines
 *	int name(struct db *db, struct arena *a, const char *key,
 *	    const char *id, type *out, struct err *e)
 * that fetches the record id under key by store_get_row with fn, sql and
 * its bindings (in and the arguments after it, which name key and id).
 */
#define STORE_GET_FN(name, type, fn, key, reason, what, sql, in, ...)	\
int									\
name(struct db *db, struct arena *a, const char *key, const char *id,	\
    type *out, struct err *e)						\
{									\
	return store_get_row(db, a, e, fn, out, sizeof *out, (reason),	\
	    what, sql, in, __VA_ARGS__);				\
}
/* A store_row_fn for store_list_rows over a list of texts (char *): each
 * row's first column. */
int store_text_row(struct db_stmt *st, void *ctx, struct err *e);
/*
 * STORE_ROW_FN(name, type, var, types, ...) defines the store_row_fn
 * `name` of a list whose record is just its columns: a new `type` *var is
 * added to the store_list ctx and read by store_row(types, ...), whose
 * arguments name var.
 */
#define STORE_ROW_FN(name, type, var, types, ...)			\
static int								\
name(struct db_stmt *st, void *ctx, struct err *e)			\
{									\
	type *var = store_list_add(ctx);				\
									\
	return store_row(st, ((struct store_list *)ctx)->a, e, types,	\
	    __VA_ARGS__);						\
}
/* Fetch one record or say not found: fn (as for store_list_rows) reads the
 * rows of sql into a list of size-byte records, and the first is copied to
 * out; with no row, ERR_NOT_FOUND with reason and "WHAT not found". */
int store_get_row(struct db *db, struct arena *a, struct err *e,
    store_row_fn *fn, void *out, size_t size, enum err_reason reason,
    const char *what, const char *sql, const char *in, ...);

/* "(?, ?, ...)": a list of n placeholders, for "hash IN" a crypto_hashes
 * bound with the type letter v. */
const char *store_in_list(struct arena *a, size_t n);

/* Text folded for search: lower case, accents of Latin letters removed
 * ("Noë" -> "noe", "ß" -> "ss"); NULL stays NULL. */
char *store_fold(struct arena *a, const char *s);
/* A LIKE pattern (ESCAPE '\') matching the folded query anywhere, with
 * %, _ and \ in the query taken literally. */
char *store_like_pattern(struct arena *a, const char *query);

/* ---- column helpers under the type strings (also used by worklist.c) ---- */

/* Bind a date, or NULL for DATE_NONE / DATE_OPEN. */
int store_bind_date(struct db_stmt *st, int idx, dl_date d);
/* A date column; DATE_NONE for NULL or anything unparsable. */
dl_date store_col_date(struct db_stmt *st, int col);
/* A text column copied into the arena (NULL stays NULL). */
char *store_col_str(struct db_stmt *st, struct arena *a, int col);
/* Bind the encryption of `plain` for table|column|row (NULL binds NULL). */
int store_bind_enc(struct db_stmt *st, int idx, struct arena *a,
    const char *table, const char *column, const char *row_id,
    const char *plain);
/* Decrypt column `col` into *out (NULL for NULL). */
int store_col_dec(struct db_stmt *st, int col, struct arena *a,
    const char *table, const char *column, const char *row_id, char **out,
    struct err *e);
/* A row count (store_exec, store_one, store_each) as a result: -1 stays
 * -1, none is the error `code` with its field, reason and message, one or
 * more is 0. */
int store_found(int n, struct err *e, enum err_code code, const char *field,
    enum err_reason reason, const char *message);
/* Step a statement that returns no rows, then finalize it: 0 or -1. */
int store_step_done(struct db_stmt *st, struct err *e);

#endif
