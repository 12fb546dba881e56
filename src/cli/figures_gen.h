/*
 * figures_gen.h - rows of fictitious girls for the municipality figures:
 * the demo's extra girls (demo_figures.c) and the national synthetic data
 * set (figures_gen.c, `doorloop figures-generate`).  Only what the figures
 * count is written: no names, no BSNs, no free text.
 */
#ifndef DOORLOOP_CLI_FIGURES_GEN_H
#define DOORLOOP_CLI_FIGURES_GEN_H

#include <stdbool.h>

#include "core/date.h"
#include "db/db.h"
#include "util/err.h"
#include "util/mem.h"

struct figgen_span {
	const char *kind;		/* phase form or basis kind; NULL = none */
	dl_date start, end;		/* end DATE_NONE: open */
	bool out_of_region;		/* phases */
};

struct figgen_girl {
	const char *pseudonym;
	dl_date birth;
	const char *municipality, *coordinator, *provider;	/* organisation ids */
	dl_date start, end;		/* trajectory; end DATE_NONE: open */
	struct figgen_span phases[4], bases[4];
	unsigned settled;		/* bit per life domain (core/alerts.h order) */
	dl_date reviews[4];		/* held on; DATE_NONE ends */
	int review_months;		/* next date set this many months on */
	dl_date aftercare_due;		/* DATE_NONE: none */
	int aftercare_state;		/* 0 done, 1 done needs help, 2 planned, 3 cancelled */
	const char *caregiver;		/* user id of her main caregivers */
	dl_date mains[3];		/* each main caregiver from; DATE_NONE ends */
	const char *reporter, *reporter_org;	/* user and organisation of her signal */
	dl_date signal_on;		/* a signal about her made then; DATE_NONE: none */
	bool signal_linked;		/* it led to her registration, else it names her municipality */
};

struct figgen;	/* rows not yet written */

int figgen_open(struct db *db, struct figgen **out, struct err *e);
/* Buffer her rows; every so many girls they are written (figgen_flush). */
int figgen_write(struct figgen *g, struct arena *a,
    const struct figgen_girl *girl, struct err *e);
/* Write the buffered rows, in the caller's write transaction: call it
 * before every commit. */
int figgen_flush(struct figgen *g, struct err *e);
void figgen_close(struct figgen *g);	/* drops what was not flushed */

struct figgen_muni {
	const char *name, *region;
};
extern const struct figgen_muni figgen_munis[];	/* figures_munis.c */
extern const size_t figgen_nmunis;

/*
 * The national synthetic data set (figures_national.c): every municipality
 * of figgen_munis, institutions in every region but two (so the monitor
 * has regions to flag), and `girls` girls whose trajectories start over
 * the last `years` years, a quarter of those who pass 18 with a gap.
 * Seeded: the same arguments make the same data.
 */
int figgen_national(struct db *db, int girls, int years, unsigned seed,
    struct err *e);
/* doorloop figures-generate [--db URL] [--girls N] [--years Y] [--seed S] */
int cli_figures_generate(int argc, char **argv);

#endif
