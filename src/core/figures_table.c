/*
 * figures_table.c - the year's published set and its relations
 * (figures_table.h).
 */
#include "core/figures_table.h"

#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

#define NONE ((size_t)-1)
#define S(k, g) { k, g, FK_STOCK }
#define N(k) { k, "demand", FK_NOW }
#define L(k) { k, "settled", FK_NOW }
#define W(k, g) { k, g, FK_FLOW }

const struct fig_def fig_defs[F__COUNT] = {
	S("in_care", "in_care"),
	S("age.le15", "age"), S("age.16", "age"), S("age.17", "age"),
	S("age.18", "age"), S("age.19_20", "age"), S("age.21_22", "age"),
	S("age.23_plus", "age"),
	S("form.ambulant", "form"), S("form.family_home", "form"),
	S("form.open_residential", "form"),
	S("form.secure_residential", "form"), S("form.none", "form"),
	S("basis.jeugdwet", "basis"), S("basis.verlengde_jeugdhulp", "basis"),
	S("basis.wmo", "basis"), S("basis.wlz", "basis"),
	S("basis.zvw_ggz", "basis"), S("basis.criminal", "basis"),
	S("basis.other", "basis"), S("basis.none", "basis"),
	S("placed.outside_region", "placed"), S("placed.inside_region", "placed"),
	N("demand.safety"), N("demand.trauma_health"), N("demand.housing"),
	N("demand.finances"), N("demand.education"), N("demand.work"),
	N("demand.leisure"), N("demand.parents"), N("demand.network"),
	L("settled.safety"), L("settled.trauma_health"), L("settled.housing"),
	L("settled.finances"), L("settled.education"), L("settled.work"),
	L("settled.leisure"), L("settled.parents"), L("settled.network"),
	W("turned18", "turned18"), W("turned18.gap", "turned18"),
	W("turned18.no_gap", "turned18"), W("turned18.gap_days", "turned18"),
	W("transfers", "continuity"), W("caregiver_changes", "continuity"),
	W("handovers", "continuity"), W("handovers.in_time", "continuity"),
	W("handovers.late", "continuity"),
	W("reviews", "continuity"), W("reviews.on_time", "continuity"),
	W("reviews.late", "continuity"),
	W("left_care", "left_care"),
	W("aftercare", "aftercare"), W("aftercare.ok", "aftercare"),
	W("aftercare.needs_help", "aftercare"),
	W("aftercare.missed", "aftercare"), W("aftercare.pending", "aftercare"),
	W("aftercare.cancelled", "aftercare"),
	W("signals", "signals"), W("signals.matched", "signals"),
};

enum fig
fig_age_band(int age)
{
	if (age <= 15)
		return F_AGE_LE15;
	if (age <= 18)
		return (enum fig)(F_AGE_16 + age - 16);
	if (age <= 20)
		return F_AGE_19_20;
	if (age <= 22)
		return F_AGE_21_22;
	return F_AGE_23_PLUS;
}

static size_t
at(const struct fig_table *t, size_t area, int period, enum fig f)
{
	return (area * FIG_PERIODS + (size_t)period) * F__COUNT + (size_t)f;
}

void
fig_table_init(struct fig_table *t, size_t nmuni, size_t nreg,
    const int *reg_of, int nquarters, int now_quarter)
{
	memset(t, 0, sizeof *t);
	t->nmuni = nmuni;
	t->nreg = nreg;
	t->narea = nmuni + nreg + 1;
	t->reg_of = xmalloc((nmuni + 1) * sizeof *t->reg_of);
	if (nmuni > 0)
		memcpy(t->reg_of, reg_of, nmuni * sizeof *reg_of);
	t->nquarters = nquarters;
	t->now_quarter = now_quarter;
	t->v = xcalloc(t->narea * FIG_PERIODS * F__COUNT, sizeof *t->v);
	t->cell = xmalloc(t->narea * FIG_PERIODS * F__COUNT * sizeof *t->cell);
	t->flag_gap = xcalloc(nmuni + 1, sizeof *t->flag_gap);
	sup_init(&t->sp);
}

void
fig_table_free(struct fig_table *t)
{
	free(t->reg_of);
	free(t->v);
	free(t->cell);
	free(t->flag_gap);
	sup_free(&t->sp);
	memset(t, 0, sizeof *t);
}

int64_t *
fig_at(struct fig_table *t, size_t area, int period, enum fig f)
{
	return &t->v[at(t, area, period, f)];
}

static bool
exists(const struct fig_table *t, int period, enum fig f)
{
	switch (fig_defs[f].kind) {
	case FK_STOCK:
		return period < t->nquarters;
	case FK_NOW:
		return period == t->now_quarter;
	case FK_FLOW:
		return period == FIG_YEAR || period < t->nquarters;
	}
	return false;
}

/* total = parts in one area and period, where the cells exist */
static void
rel(struct fig_table *t, size_t area, int period, enum fig total,
    enum fig first, enum fig last)
{
	size_t parts[F__COUNT], n = 0;

	if (!exists(t, period, total))
		return;
	for (int f = first; f <= (int)last; f++)
		parts[n++] = t->cell[at(t, area, period, (enum fig)f)];
	sup_relation(&t->sp, t->cell[at(t, area, period, total)], parts, n);
}

static void
relations(struct fig_table *t)
{
	size_t nation = t->narea - 1;

	for (size_t a = 0; a < t->narea; a++)
		for (int p = 0; p < FIG_PERIODS; p++) {
			rel(t, a, p, F_IN_CARE, F_AGE_LE15, F_AGE_23_PLUS);
			rel(t, a, p, F_IN_CARE, F_FORM_AMBULANT, F_FORM_NONE);
			rel(t, a, p, F_IN_CARE, F_BASIS_JEUGDWET, F_BASIS_NONE);
			rel(t, a, p, F_IN_CARE, F_PLACED_OUTSIDE_REGION,
			    F_PLACED_INSIDE_REGION);
			if (p == t->now_quarter)
				for (int d = 0; d < 9; d++) {
					size_t parts[2] = {
						t->cell[at(t, a, p, (enum fig)(F_DEMAND_FIRST + d))],
						t->cell[at(t, a, p, (enum fig)(F_SETTLED_FIRST + d))],
					};

					sup_relation(&t->sp,
					    t->cell[at(t, a, p, F_IN_CARE)], parts, 2);
				}
			rel(t, a, p, F_TURNED18, F_TURNED18_GAP,
			    F_TURNED18_NO_GAP);
			rel(t, a, p, F_HANDOVERS, F_HANDOVERS_IN_TIME,
			    F_HANDOVERS_LATE);
			rel(t, a, p, F_REVIEWS, F_REVIEWS_ON_TIME, F_REVIEWS_LATE);
			rel(t, a, p, F_AFTERCARE, F_AFTERCARE_OK,
			    F_AFTERCARE_CANCELLED);
		}
	for (int f = 0; f < F__COUNT; f++) {
		size_t *parts = xmalloc((t->nmuni + t->nreg + 1) * sizeof *parts);

		for (int p = 0; p < FIG_PERIODS; p++) {
			size_t nat = 0;

			if (!exists(t, p, (enum fig)f))
				continue;
			for (size_t r = 0; r < t->nreg; r++) {
				size_t n = 0;

				for (size_t m = 0; m < t->nmuni; m++)
					if ((size_t)t->reg_of[m] == r)
						parts[n++] = t->cell[at(t, m, p, (enum fig)f)];
				if (n > 0)
					sup_relation(&t->sp, t->cell[at(t,
					    t->nmuni + r, p, (enum fig)f)], parts, n);
			}
			for (size_t r = 0; r < t->nreg; r++)
				parts[nat++] = t->cell[at(t, t->nmuni + r, p,
				    (enum fig)f)];
			sup_relation(&t->sp, t->cell[at(t, nation, p,
			    (enum fig)f)], parts, nat);
		}
		if (fig_defs[f].kind == FK_FLOW)
			for (size_t a = 0; a < t->narea; a++) {
				size_t q[4];

				for (int p = 0; p < t->nquarters; p++)
					q[p] = t->cell[at(t, a, p, (enum fig)f)];
				sup_relation(&t->sp, t->cell[at(t, a, FIG_YEAR,
				    (enum fig)f)], q, (size_t)t->nquarters);
			}
		free(parts);
	}
}

void
fig_table_finish(struct fig_table *t, int k)
{
	size_t nation = t->narea - 1;

	/* sums: regions and nation from municipalities, years from quarters */
	for (size_t m = 0; m < t->nmuni; m++)
		for (int p = 0; p < FIG_PERIODS; p++)
			for (int f = 0; f < F__COUNT; f++) {
				int64_t v;

				if (fig_defs[f].kind == FK_FLOW && p == FIG_YEAR)
					continue;
				v = t->v[at(t, m, p, (enum fig)f)];
				if (fig_defs[f].kind == FK_FLOW)
					t->v[at(t, m, FIG_YEAR, (enum fig)f)] += v;
			}
	for (size_t m = 0; m < t->nmuni; m++)
		for (int p = 0; p < FIG_PERIODS; p++)
			for (int f = 0; f < F__COUNT; f++) {
				int64_t v = t->v[at(t, m, p, (enum fig)f)];

				t->v[at(t, t->nmuni + (size_t)t->reg_of[m], p,
				    (enum fig)f)] += v;
				t->v[at(t, nation, p, (enum fig)f)] += v;
			}
	for (size_t a = 0; a < t->narea; a++)
		for (int p = 0; p < FIG_PERIODS; p++)
			for (int f = 0; f < F__COUNT; f++) {
				size_t i = at(t, a, p, (enum fig)f);

				if (!exists(t, p, (enum fig)f)) {
					t->cell[i] = NONE;
					continue;
				}
				t->cell[i] = sup_cell(&t->sp, t->v[i]);
			}
	for (size_t a = 0; a < t->narea; a++)
		for (int p = 0; p < FIG_PERIODS; p++) {
			size_t g = t->cell[at(t, a, p, F_TURNED18_GAP)];
			size_t d = t->cell[at(t, a, p, F_GAP_DAYS)];

			if (d == NONE)
				continue;
			t->sp.cells[d].magnitude = true;
			t->sp.cells[d].follows = (int)g;
			/* the figure the monitor is for: hidden last */
			t->sp.cells[g].keep = 1;
		}
	/* the monitor's flag is published: at least one, or none */
	for (size_t m = 0; m < t->nmuni; m++) {
		struct sup_cell *c = &t->sp.cells[t->cell[at(t, m, FIG_YEAR,
		    F_TURNED18_GAP)]];

		t->flag_gap[m] = c->value > 0;
		if (c->value > 0)
			c->lower = 1;
		else
			c->known = true;
	}
	relations(t);
	sup_run(&t->sp, k);
}

bool
fig_value(const struct fig_table *t, size_t area, int period, enum fig f,
    bool *published, int64_t *value)
{
	size_t c = t->cell[at(t, area, period, f)];

	if (c == NONE)
		return false;
	*published = !sup_hidden(&t->sp, c);
	*value = *published ? t->sp.cells[c].value : 0;
	return true;
}
