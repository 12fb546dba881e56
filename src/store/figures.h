/*
 * figures.h - the municipality figures' aggregates (store/figures_muni.c):
 * one calendar year, every municipality, counted in SQL with GROUP BY (a
 * dozen statements whatever the number of girls), then summed and
 * suppressed by core/figures_table.c.  No person, id or pseudonym of a girl
 * leaves this file.
 */
#ifndef DOORLOOP_STORE_FIGURES_H
#define DOORLOOP_STORE_FIGURES_H

#include <stdbool.h>

#include "core/date.h"
#include "core/figures_table.h"
#include "db/db.h"
#include "util/err.h"
#include "util/mem.h"

struct fig_muni {
	const char *id, *name;
	int region;			/* index into regions */
};

struct fig_data {
	int year;
	dl_date as_of;
	struct fig_muni *munis; size_t nmuni;	/* by id */
	const char **regions; size_t nreg;	/* by name; "" = none recorded */
	bool *reg_institution;		/* an institution is registered in the region */
	struct fig_table t;		/* areas: munis, regions, nation */
};

/* Count the year `year` as of `as_of` (year <= as_of's year).  The caller
 * runs fig_table_finish and fig_table_free. */
int store_figures_load(struct db *db, struct arena *a, int year,
    dl_date as_of, int handover_wait_days, struct fig_data *out,
    struct err *e);

/* The setting figures.min_cell (SUP_MIN_CELL_DEFAULT when unset). */
int store_figures_min_cell(struct db *db, struct arena *a, int *k,
    struct err *e);

/* The statements store_figures_load runs, for the bench (arena strings). */
int store_figures_sql(enum db_kind kind, struct arena *a, int year,
    dl_date as_of, int handover_wait_days, const char ***out, size_t *n);

#endif
