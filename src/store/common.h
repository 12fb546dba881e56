/*
 * common.h - small helpers shared by the store files: dates and
 * encrypted text to and from columns.  Private to src/store/.
 */
#ifndef DOORLOOP_STORE_COMMON_H
#define DOORLOOP_STORE_COMMON_H

#include "core/date.h"
#include "db/db.h"
#include "util/id.h"
#include "util/mem.h"

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

/* A fresh row id (arena copy); fills `now` with the current instant. */
char *store_new_id(struct arena *a, char now[INSTANT_LEN + 1]);
/* Grow an arena-backed array by one element; returns the new, zeroed element. */
void *store_grow(struct arena *a, void **v, size_t *len, size_t *cap,
    size_t size);
/* Step a statement that returns no rows, then finalize it: 0 or -1. */
int store_step_done(struct db_stmt *st, struct err *e);

#endif
