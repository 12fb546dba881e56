/*
 * worklist.c - one page of the worklist, and an institution's figures, in
 * bounded memory (worklist.h).
 */
#include "core/worklist.h"

#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

void
wl_page_init(struct wl_page *p, size_t keep, enum alert_rule only)
{
	memset(p, 0, sizeof *p);
	p->keep = keep;
	p->only = only;
}

void
wl_page_add(struct wl_page *p, const struct alert_list *l, size_t from,
    const char *pseudonym)
{
	p->trajectories++;
	for (size_t i = from; i < l->n; i++) {
		const struct alert *al = &l->v[i];
		struct wl_entry *x;

		p->counts[al->rule]++;
		if (al->overdue)
			p->overdue++;
		if (p->only != ALERT__COUNT && al->rule != p->only)
			continue;
		p->matching++;
		if (p->keep == 0)
			continue;
		if (p->n == p->cap) {
			p->cap = p->cap ? 2 * p->cap : 64;
			p->v = xrealloc(p->v, p->cap * sizeof *p->v);
		}
		x = &p->v[p->n++];
		x->al = *al;
		x->pseudonym = pseudonym;
		x->owned = NULL;
	}
}

static int
entry_cmp(const void *pa, const void *pb)
{
	const struct wl_entry *a = pa, *b = pb;

	return alerts_compare(&a->al, &b->al);
}

/* Copy the strings an entry borrows into one block of its own. */
static void
own(struct wl_entry *x)
{
	const char **s[] = { &x->al.client_id, &x->al.trajectory_id,
	    &x->al.object_id, &x->al.actor, &x->pseudonym };
	size_t len = 0;
	char *q;

	for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
		if (*s[i] != NULL)
			len += strlen(*s[i]) + 1;
	x->owned = q = xmalloc(len + 1);
	for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
		if (*s[i] != NULL) {
			size_t k = strlen(*s[i]) + 1;

			memcpy(q, *s[i], k);
			*s[i] = q;
			q += k;
		}
}

void
wl_page_flush(struct wl_page *p)
{
	if (p->n > 1)
		qsort(p->v, p->n, sizeof *p->v, entry_cmp);
	for (size_t i = p->keep; i < p->n; i++)
		free(p->v[i].owned);
	if (p->n > p->keep)
		p->n = p->keep;
	for (size_t i = 0; i < p->n; i++)
		if (p->v[i].owned == NULL)
			own(&p->v[i]);
	p->nowned = p->n;
}

void
wl_page_cleanup(struct wl_page *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i].owned);
	free(p->v);
	alert_list_cleanup(&p->scratch);
	memset(p, 0, sizeof *p);
}

void
wl_page_records(struct wl_page *p, const struct alert_thresholds *th,
    dl_date as_of, const struct traj_record *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct alert_input in;

		record_input(&v[i], as_of, &in);
		p->scratch.n = 0;
		alerts_evaluate(&in, th, &p->scratch);
		wl_page_add(p, &p->scratch, 0, v[i].pseudonym);
	}
	wl_page_flush(p);
}

void
inst_figures_records(struct inst_figures *f, const struct alert_thresholds *th,
    dl_date as_of, const struct traj_record *v, size_t n)
{
	struct alert_list l = { 0 };

	for (size_t i = 0; i < n; i++) {
		struct alert_input in;
		struct rules_result r;
		struct continuity_extra x;

		record_input(&v[i], as_of, &in);
		f->trajectories++;
		if (v[i].end == DATE_NONE)
			f->open++;
		rules_evaluate(&in.r, &r);
		f->transfers += r.figures.transfers;
		f->distinct_main_caregivers += r.figures.distinct_main_caregivers;
		f->days_without_basis += r.figures.days_without_basis;
		f->days_without_main_caregiver +=
		    r.figures.days_without_main_caregiver;
		f->gap_at_18 += r.figures.gap_at_18;
		rules_result_cleanup(&r);
		alerts_figures(&in, th, &x);
		f->extra.handovers += x.handovers;
		f->extra.handovers_accepted += x.handovers_accepted;
		f->extra.handovers_in_time += x.handovers_in_time;
		f->extra.reviews_held += x.reviews_held;
		f->extra.reviews_on_time += x.reviews_on_time;
		f->extra.interruptions += x.interruptions;
		f->extra.interruption_days += x.interruption_days;
		l.n = 0;
		alerts_evaluate(&in, th, &l);
		for (size_t k = 0; k < l.n; k++)
			f->alerts[l.v[k].rule]++;
	}
	alert_list_cleanup(&l);
}

int
wl_eval_batch(void *ctx, struct traj_record *v, size_t n, struct err *e)
{
	struct wl_eval *c = ctx;

	(void)e;
	if (c->page != NULL)
		wl_page_records(c->page, c->th, c->as_of, v, n);
	else
		inst_figures_records(c->fig, c->th, c->as_of, v, n);
	return 0;
}
