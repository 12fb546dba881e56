/*
 * suppress.h - small-number suppression that cannot be differenced
 * (DOMAIN.md R13).  Pure C, no I/O.
 *
 * A published set of figures is a vector of non-negative integer cells tied
 * by additive relations "total = part + part + ...": the margins of a
 * breakdown, one breakdown and another of the same population (they share
 * the total), a region and its municipalities, a year and its quarters.
 * Suppression marks cells that are not published:
 *
 *   1. primary: every count cell below the threshold (0 included, so that a
 *      suppressed cell says nothing about being empty), and every cell tied
 *      to a suppressed count (SUP_FOLLOWS, e.g. the gap days of girls who
 *      turned 18 with a gap);
 *   2. complementary: more cells until no suppressed cell can be computed
 *      back: no relation holds exactly one suppressed cell, no relation
 *      leaves its suppressed cells exactly at their known lower bounds, and
 *      no suppressed cell lies in the row space of the relations restricted
 *      to the suppressed cells (exact check by sparse Gauss-Jordan
 *      elimination per connected group of suppressed cells).
 * A suppressed cell whose value comes back as 0 singles nobody out and is
 * not counted as disclosed; every other value is.
 * The choice is deterministic (cells marked keep last, then parts before
 * totals, smallest value first, then lowest index),
 * so the same data always give the same published set.
 */
#ifndef DOORLOOP_SUPPRESS_H
#define DOORLOOP_SUPPRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum sup_state {
	SUP_PUBLISHED = 0,
	SUP_PRIMARY,		/* below the threshold, or follows a suppressed count */
	SUP_COMPLEMENTARY	/* hides a primary cell from differencing */
};

struct sup_cell {
	int64_t value;
	int64_t lower;		/* what a reader knows anyway (0; 1 for a published "at least one" flag) */
	int follows;		/* -1, or the count cell whose suppression this cell shares */
	bool magnitude;		/* a sum of days etc.: not primary by its own size */
	bool known;		/* the reader knows it anyway (a flag's zero): always published */
	int keep;		/* higher: hidden as a complement only when nothing cheaper is left */
	enum sup_state state;
};

struct sup_problem {
	struct sup_cell *cells; size_t ncells, ccells;
	/* relation r: members[start[r]] is the total, the rest its parts */
	size_t *start; size_t nrel, crel;
	size_t *members; size_t nmembers, cmembers;
};

/* Bounds of the threshold (setting figures.min_cell). */
#define SUP_MIN_CELL_DEFAULT 5
#define SUP_MIN_CELL_MIN 2
#define SUP_MIN_CELL_MAX 100

void sup_init(struct sup_problem *p);
void sup_free(struct sup_problem *p);
/* Add a cell; returns its index. */
size_t sup_cell(struct sup_problem *p, int64_t value);
/* total = parts[0] + ... + parts[n-1] */
void sup_relation(struct sup_problem *p, size_t total, const size_t *parts,
    size_t n);
/* Run primary and complementary suppression with threshold k. */
void sup_run(struct sup_problem *p, int k);
/* Among the suppressed cells, the first one whose value follows from the
 * published cells and the relations (linear algebra and lower bounds);
 * returns its index or (size_t)-1.  Used by sup_run and by the tests. */
size_t sup_find_disclosed(const struct sup_problem *p);
static inline bool
sup_hidden(const struct sup_problem *p, size_t i)
{
	return p->cells[i].state != SUP_PUBLISHED;
}

#endif
