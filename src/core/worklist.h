/*
 * worklist.h - one page of the worklist, and an institution's figures,
 * over any number of trajectories in bounded memory.  Pure C, no I/O.
 *
 * The alerts arrive a batch of trajectories at a time (their strings
 * borrowed from the batch); the page counts every alert (per rule,
 * overdue), counts those matching the rule filter, and keeps only the
 * first `keep` matching ones in alerts_sort's order, copying their
 * strings before the batch goes.  Memory is `keep` alerts plus one
 * batch's, whatever the number of trajectories, and the kept alerts are
 * exactly the first `keep` of sorting them all (alerts_sort's order is
 * total up to identical alerts).
 */
#ifndef DOORLOOP_CORE_WORKLIST_H
#define DOORLOOP_CORE_WORKLIST_H

#include <stddef.h>

#include "core/alerts.h"
#include "core/record.h"
#include "util/err.h"

struct wl_entry {
	struct alert al;
	const char *pseudonym;
	char *owned;		/* the copied strings, or NULL while borrowed */
};

struct wl_page {
	size_t keep;			/* offset + limit */
	enum alert_rule only;		/* ALERT__COUNT: every rule */
	int counts[ALERT__COUNT];	/* every alert, by rule */
	int overdue;			/* every alert */
	size_t matching;		/* alerts of the rule filter */
	size_t trajectories;
	struct wl_entry *v; size_t n, cap;	/* sorted; the first n <= keep are owned */
	size_t nowned;
	struct alert_list scratch;	/* one trajectory's alerts */
};

void wl_page_init(struct wl_page *p, size_t keep, enum alert_rule only);
/* The alerts of one trajectory (l->v[from..l->n)), with her pseudonym. */
void wl_page_add(struct wl_page *p, const struct alert_list *l, size_t from,
    const char *pseudonym);
/* End of a batch: sort, keep the first `keep`, copy their strings. */
void wl_page_flush(struct wl_page *p);
void wl_page_cleanup(struct wl_page *p);
/* Every rule on a batch of records as of `as_of`, then wl_page_flush. */
void wl_page_records(struct wl_page *p, const struct alert_thresholds *th,
    dl_date as_of, const struct traj_record *v, size_t n);

/* An institution's continuity figures: the sums over its trajectories. */
struct inst_figures {
	int trajectories, open;
	int transfers, distinct_main_caregivers, days_without_basis;
	int days_without_main_caregiver, gap_at_18;
	struct continuity_extra extra;
	int alerts[ALERT__COUNT];
};
/* Add a batch of records (zero *f first). */
void inst_figures_records(struct inst_figures *f,
    const struct alert_thresholds *th, dl_date as_of,
    const struct traj_record *v, size_t n);

/* Evaluates a batch of records into a page or into figures: the callback
 * the worklist and the figures give store_records_each (ctx: this). */
struct wl_eval {
	const struct alert_thresholds *th;
	dl_date as_of;
	struct wl_page *page;		/* the worklist, or */
	struct inst_figures *fig;	/* the figures */
};
int wl_eval_batch(void *ctx, struct traj_record *v, size_t n,
    struct err *e);

#endif
