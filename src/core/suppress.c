/*
 * suppress.c - primary and complementary small-number suppression
 * (suppress.h).  The exact check solves the relations restricted to the
 * suppressed cells: a suppressed cell x_i can be computed back exactly when
 * the unit vector e_i lies in the row space of those relations, i.e. when
 * the reduced row echelon form has a row whose only non-zero entry is in
 * column i.  Relations are short (a breakdown, a region, a year), so the
 * elimination keeps rows sparse and runs per connected group of suppressed
 * cells.
 */
#include "core/suppress.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

#define EPS 1e-9
#define NONE ((size_t)-1)

static void *
grow(void *v, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return v;
	*cap = *cap ? *cap * 2 : 64;
	if (*cap < need)
		*cap = need;
	return xrealloc(v, *cap * size);
}

void
sup_init(struct sup_problem *p)
{
	memset(p, 0, sizeof *p);
	p->start = xmalloc(sizeof *p->start);
	p->crel = 1;
	p->start[0] = 0;
}

void
sup_free(struct sup_problem *p)
{
	free(p->cells);
	free(p->start);
	free(p->members);
	memset(p, 0, sizeof *p);
}

size_t
sup_cell(struct sup_problem *p, int64_t value)
{
	struct sup_cell *c;

	p->cells = grow(p->cells, &p->ccells, p->ncells + 1, sizeof *p->cells);
	c = &p->cells[p->ncells];
	memset(c, 0, sizeof *c);
	c->value = value;
	c->follows = -1;
	return p->ncells++;
}

void
sup_relation(struct sup_problem *p, size_t total, const size_t *parts,
    size_t n)
{
	p->members = grow(p->members, &p->cmembers, p->nmembers + n + 1,
	    sizeof *p->members);
	p->members[p->nmembers++] = total;
	for (size_t i = 0; i < n; i++)
		p->members[p->nmembers++] = parts[i];
	p->start = grow(p->start, &p->crel, p->nrel + 2, sizeof *p->start);
	p->start[++p->nrel] = p->nmembers;
}

/* ---- the exact check ---- */

struct ent { size_t col; double v; };
struct row { struct ent *e; size_t n; bool pivot; };

static double
row_get(const struct row *r, size_t col)
{
	size_t lo = 0, hi = r->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (r->e[mid].col == col)
			return r->e[mid].v;
		if (r->e[mid].col < col)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0.0;
}

struct colrows { size_t *r; size_t n, cap; };

static void
colrows_add(struct colrows *c, size_t row)
{
	c->r = grow(c->r, &c->cap, c->n + 1, sizeof *c->r);
	c->r[c->n++] = row;
}

/* r -= f * p; new columns are recorded in cr. */
static void
row_axpy(struct row *r, size_t ri, double f, const struct row *p,
    struct colrows *cr)
{
	struct ent *out = xmalloc((r->n + p->n) * sizeof *out);
	size_t i = 0, j = 0, n = 0;

	while (i < r->n || j < p->n) {
		if (j >= p->n || (i < r->n && r->e[i].col < p->e[j].col)) {
			out[n++] = r->e[i++];
		} else if (i >= r->n || p->e[j].col < r->e[i].col) {
			out[n].col = p->e[j].col;
			out[n].v = -f * p->e[j].v;
			colrows_add(&cr[p->e[j].col], ri);
			n++, j++;
		} else {
			double v = r->e[i].v - f * p->e[j].v;

			if (fabs(v) > EPS) {
				out[n].col = r->e[i].col;
				out[n++].v = v;
			}
			i++, j++;
		}
	}
	free(r->e);
	r->e = out;
	r->n = n;
}

/* Mark in `det` (by cell) the suppressed cells that the relations fix. */
static void
exact_check(const struct sup_problem *p, bool *det)
{
	size_t *col = xmalloc((p->ncells + 1) * sizeof *col), ncol = 0;
	size_t *cell_of;
	struct row *rows;
	struct colrows *cr;
	size_t nrows = 0;

	for (size_t i = 0; i < p->ncells; i++)
		col[i] = sup_hidden(p, i) ? ncol++ : NONE;
	cell_of = xmalloc((ncol + 1) * sizeof *cell_of);
	for (size_t i = 0; i < p->ncells; i++)
		if (col[i] != NONE)
			cell_of[col[i]] = i;
	rows = xmalloc((p->nrel + 1) * sizeof *rows);
	cr = xcalloc(ncol + 1, sizeof *cr);
	for (size_t r = 0; r < p->nrel; r++) {
		struct row *w = &rows[nrows];
		size_t n = 0;

		w->e = xmalloc((p->start[r + 1] - p->start[r]) * sizeof *w->e);
		for (size_t m = p->start[r]; m < p->start[r + 1]; m++) {
			size_t c = col[p->members[m]];

			if (c == NONE)
				continue;
			/* a cell may appear once per relation */
			w->e[n].col = c;
			w->e[n++].v = m == p->start[r] ? 1.0 : -1.0;
		}
		if (n == 0) {
			free(w->e);
			continue;
		}
		/* sort by column (insertion sort: rows are short) */
		for (size_t a = 1; a < n; a++)
			for (size_t b = a; b > 0 && w->e[b - 1].col > w->e[b].col; b--) {
				struct ent t = w->e[b];

				w->e[b] = w->e[b - 1];
				w->e[b - 1] = t;
			}
		w->n = n;
		w->pivot = false;
		for (size_t a = 0; a < n; a++)
			colrows_add(&cr[w->e[a].col], nrows);
		nrows++;
	}
	/* Gauss-Jordan, column by column; the pivot row is the shortest. */
	for (size_t c = 0; c < ncol; c++) {
		size_t best = NONE;
		double pv;

		for (size_t k = 0; k < cr[c].n; k++) {
			size_t ri = cr[c].r[k];

			if (rows[ri].pivot || fabs(row_get(&rows[ri], c)) <= EPS)
				continue;
			if (best == NONE || rows[ri].n < rows[best].n)
				best = ri;
		}
		if (best == NONE)
			continue;
		pv = row_get(&rows[best], c);
		for (size_t a = 0; a < rows[best].n; a++)
			rows[best].e[a].v /= pv;
		rows[best].pivot = true;
		for (size_t k = 0; k < cr[c].n; k++) {
			size_t ri = cr[c].r[k];
			double f;

			if (ri == best)
				continue;
			f = row_get(&rows[ri], c);
			if (fabs(f) <= EPS)
				continue;
			row_axpy(&rows[ri], ri, f, &rows[best], cr);
		}
		/* column c now lives in `best` only */
		cr[c].n = 0;
		colrows_add(&cr[c], best);
	}
	for (size_t r = 0; r < nrows; r++) {
		if (rows[r].pivot && rows[r].n == 1 &&
		    p->cells[cell_of[rows[r].e[0].col]].value != 0)
			det[cell_of[rows[r].e[0].col]] = true;
		free(rows[r].e);
	}
	for (size_t c = 0; c < ncol; c++)
		free(cr[c].r);
	free(cr);
	free(rows);
	free(cell_of);
	free(col);
}

/*
 * Relations that give a suppressed cell away on their own: exactly one
 * suppressed member, or a published total whose remainder equals the known
 * lower bounds of its suppressed parts.  Marks the non-zero cells given
 * away in det; true if there was one.
 */
static bool
relation_leaks(const struct sup_problem *p, size_t r, bool *det)
{
	size_t h = 0, t = p->members[p->start[r]];
	int64_t rest, low = 0;
	bool leak = false;

	for (size_t m = p->start[r]; m < p->start[r + 1]; m++)
		h += sup_hidden(p, p->members[m]);
	if (h == 0 || (h > 1 && sup_hidden(p, t)))
		return false;
	if (h > 1) {
		rest = p->cells[t].value;
		for (size_t m = p->start[r] + 1; m < p->start[r + 1]; m++) {
			const struct sup_cell *c = &p->cells[p->members[m]];

			if (c->state == SUP_PUBLISHED)
				rest -= c->value;
			else
				low += c->lower;
		}
		if (rest != low)
			return false;
	}
	for (size_t m = p->start[r]; m < p->start[r + 1]; m++) {
		size_t i = p->members[m];

		if (sup_hidden(p, i) && p->cells[i].value != 0) {
			det[i] = true;
			leak = true;
		}
	}
	return leak;
}

static size_t
find_all(const struct sup_problem *p, bool *det)
{
	size_t n = 0;

	memset(det, 0, p->ncells * sizeof *det);
	for (size_t r = 0; r < p->nrel; r++)
		relation_leaks(p, r, det);
	exact_check(p, det);
	for (size_t i = 0; i < p->ncells; i++)
		n += det[i];
	return n;
}

size_t
sup_find_disclosed(const struct sup_problem *p)
{
	bool *det = xmalloc((p->ncells + 1) * sizeof *det);
	size_t found = NONE;

	if (find_all(p, det) > 0)
		for (size_t i = 0; i < p->ncells && found == NONE; i++)
			if (det[i])
				found = i;
	free(det);
	return found;
}

/* Hide one more published member of relation r, the cheapest by (cells to
 * keep last, cells at their lower bound last, parts before the total,
 * smallest value).  false if none is left. */
static bool
hide_one(struct sup_problem *p, size_t r)
{
	size_t best = NONE;
	int64_t bkey[4] = { 0 };

	for (size_t m = p->start[r]; m < p->start[r + 1]; m++) {
		size_t i = p->members[m];
		const struct sup_cell *c = &p->cells[i];
		int64_t key[4] = { c->keep, c->value <= c->lower,
			m == p->start[r], c->value };
		int k = 0;

		if (c->state != SUP_PUBLISHED || c->known)
			continue;
		while (k < 3 && key[k] == bkey[k])
			k++;
		if (best == NONE || key[k] < bkey[k]) {
			best = i;
			memcpy(bkey, key, sizeof key);
		}
	}
	if (best == NONE)
		return false;
	p->cells[best].state = SUP_COMPLEMENTARY;
	return true;
}

static bool
follow(struct sup_problem *p)
{
	bool changed = false;

	for (size_t i = 0; i < p->ncells; i++) {
		struct sup_cell *c = &p->cells[i];

		if (c->follows >= 0 && c->state == SUP_PUBLISHED && !c->known &&
		    sup_hidden(p, (size_t)c->follows)) {
			c->state = SUP_PRIMARY;
			changed = true;
		}
	}
	return changed;
}

void
sup_run(struct sup_problem *p, int k)
{
	bool *det = xmalloc((p->ncells + 1) * sizeof *det);

	for (size_t i = 0; i < p->ncells; i++) {
		struct sup_cell *c = &p->cells[i];

		c->state = !c->known && !c->magnitude && c->follows < 0 &&
		    c->value < k ? SUP_PRIMARY : SUP_PUBLISHED;
	}
	for (;;) {
		bool changed = follow(p);

		/* the cheap rules first, relation by relation */
		for (size_t r = 0; r < p->nrel; r++)
			if (relation_leaks(p, r, det) && hide_one(p, r))
				changed = true;
		if (changed)
			continue;
		if (find_all(p, det) == 0)
			break;
		/* one more cell in a relation of each disclosed cell */
		for (size_t r = 0; r < p->nrel; r++) {
			bool hit = false;

			for (size_t m = p->start[r]; m < p->start[r + 1]; m++)
				if (det[p->members[m]])
					hit = true;
			if (!hit)
				continue;
			if (!hide_one(p, r))
				continue;
			changed = true;
			for (size_t m = p->start[r]; m < p->start[r + 1]; m++)
				det[p->members[m]] = false;
		}
		if (!changed)
			break;	/* everything around them is hidden already */
	}
	free(det);
}
