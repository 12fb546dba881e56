/*
 * figures_table.h - the municipality figures of one calendar year (DOMAIN.md
 * R13, R14) as one published set: every municipality, every region and the
 * nation, four quarters and the year, and the relations between them that
 * a reader could use to difference a suppressed cell (core/suppress.h).
 * Pure C: the store fills the municipalities' quarter values, this file
 * sums regions, nation and year and decides what is published.
 *
 * Figures of three kinds:
 *   stock - girls in care on the quarter's last day (or today in the
 *           current quarter), broken down by age band, care form, basis
 *           and placement region; no year value (it would repeat a quarter);
 *   now   - open care demand per life domain, today only (the quarter that
 *           holds today);
 *   flow  - events in the quarter (turned 18 with and without a gap, gap
 *           days, transfers, handovers, reviews, left care, aftercare,
 *           signals received and matched);
 *           the year is the sum of its quarters.
 */
#ifndef DOORLOOP_FIGURES_TABLE_H
#define DOORLOOP_FIGURES_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/suppress.h"

enum fig {
	F_IN_CARE = 0,
	F_AGE_LE15, F_AGE_16, F_AGE_17, F_AGE_18, F_AGE_19_20, F_AGE_21_22,
	F_AGE_23_PLUS,
	F_FORM_AMBULANT, F_FORM_FAMILY_HOME, F_FORM_OPEN_RESIDENTIAL,
	F_FORM_SECURE_RESIDENTIAL, F_FORM_NONE,
	F_BASIS_JEUGDWET, F_BASIS_VERLENGDE_JEUGDHULP, F_BASIS_WMO, F_BASIS_WLZ,
	F_BASIS_ZVW_GGZ, F_BASIS_CRIMINAL, F_BASIS_OTHER, F_BASIS_NONE,
	F_PLACED_OUTSIDE_REGION, F_PLACED_INSIDE_REGION,
	F_DEMAND_FIRST,			/* open demand per life domain, DOM order */
	F_SETTLED_FIRST = F_DEMAND_FIRST + 9,
	F_TURNED18 = F_SETTLED_FIRST + 9,
	F_TURNED18_GAP, F_TURNED18_NO_GAP, F_GAP_DAYS,
	F_TRANSFERS, F_CAREGIVER_CHANGES,
	F_HANDOVERS, F_HANDOVERS_IN_TIME, F_HANDOVERS_LATE,
	F_REVIEWS, F_REVIEWS_ON_TIME, F_REVIEWS_LATE,
	F_LEFT_CARE,
	F_AFTERCARE, F_AFTERCARE_OK, F_AFTERCARE_NEEDS_HELP,
	F_AFTERCARE_MISSED, F_AFTERCARE_PENDING, F_AFTERCARE_CANCELLED,
	F_SIGNALS, F_SIGNALS_MATCHED,
	F__COUNT
};

enum fig_kind { FK_STOCK, FK_NOW, FK_FLOW };

struct fig_def {
	const char *key;	/* stable: "age.16", "turned18.gap" */
	const char *group;	/* "age", "form", ... */
	enum fig_kind kind;
};
extern const struct fig_def fig_defs[F__COUNT];

#define FIG_PERIODS 5		/* Q1..Q4, the year */
#define FIG_YEAR 4

/* Age band of an age in whole years. */
enum fig fig_age_band(int age);

enum fig_area_kind { AREA_MUNICIPALITY, AREA_REGION, AREA_NATION };

struct fig_table {
	size_t nmuni, nreg, narea;	/* areas: municipalities, regions, nation */
	int *reg_of;			/* per municipality: its region index */
	int nquarters;			/* quarters that have begun (1..4) */
	int now_quarter;		/* the quarter holding today, or -1 */
	int64_t *v;			/* [area][period][fig] */
	bool *flag_gap;			/* per municipality: girls turned 18 with a gap this year */
	size_t *cell;			/* [area][period][fig]: index in sp, or (size_t)-1 */
	struct sup_problem sp;
};

void fig_table_init(struct fig_table *t, size_t nmuni, size_t nreg,
    const int *reg_of, int nquarters, int now_quarter);
void fig_table_free(struct fig_table *t);
int64_t *fig_at(struct fig_table *t, size_t area, int period, enum fig f);
/* Sum regions, nation and years; then suppress with threshold k. */
void fig_table_finish(struct fig_table *t, int k);
/* Whether (area, period, f) exists; *published and *value tell the rest. */
bool fig_value(const struct fig_table *t, size_t area, int period,
    enum fig f, bool *published, int64_t *value);

#endif
