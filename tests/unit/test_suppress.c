/*
 * test_suppress.c - small-number suppression (core/suppress.c).  Besides a
 * few hand-made tables, random published sets shaped like the figures
 * (municipalities in regions in the nation, two breakdowns sharing a total,
 * four quarters and their year) are attacked by an independent solver: a
 * dense Gauss-Jordan elimination of every relation with the published cells
 * substituted, plus the lower bounds a reader knows.  A suppressed cell
 * whose value comes back fails the test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/figures_table.h"
#include "core/suppress.h"

/* ---- the attacker ---- */

/* Returns the index of a suppressed cell whose value can be computed, or -1. */
static long
attack(const struct sup_problem *p, int64_t *got)
{
	size_t nh = 0, *col = calloc(p->ncells, sizeof *col);
	size_t *cell = calloc(p->ncells + 1, sizeof *cell);
	double *m;
	size_t nr = p->nrel, w;
	long found = -1;

	for (size_t i = 0; i < p->ncells; i++)
		if (p->cells[i].state != SUP_PUBLISHED) {
			cell[nh] = i;
			col[i] = nh++;
		}
	w = nh + 1;	/* last column: right-hand side */
	m = calloc(nr * w + 1, sizeof *m);
	for (size_t r = 0; r < nr; r++) {
		double *row = &m[r * w];
		int64_t rest = 0, low = 0;
		size_t hidden = 0;

		for (size_t k = p->start[r]; k < p->start[r + 1]; k++) {
			size_t i = p->members[k];
			double sgn = k == p->start[r] ? 1.0 : -1.0;

			if (p->cells[i].state == SUP_PUBLISHED) {
				row[nh] -= sgn * (double)p->cells[i].value;
			} else {
				row[col[i]] += sgn;
				hidden++;
				if (k != p->start[r])
					low += p->cells[i].lower;
			}
		}
		/* lower bounds: parts pinned at what the reader knows */
		rest = (int64_t)llround(row[nh]);
		if (hidden > 0 && p->cells[p->members[p->start[r]]].state ==
		    SUP_PUBLISHED && -rest == low) {
			for (size_t k = p->start[r] + 1; k < p->start[r + 1]; k++)
				if (p->cells[p->members[k]].state != SUP_PUBLISHED &&
				    p->cells[p->members[k]].value != 0) {
					*got = p->cells[p->members[k]].lower;
					found = (long)p->members[k];
				}
		}
	}
	if (found >= 0)
		goto out;
	/* Gauss-Jordan with partial pivoting */
	{
		size_t pr = 0;

		for (size_t c = 0; c < nh && pr < nr; c++) {
			size_t best = pr;

			for (size_t r = pr; r < nr; r++)
				if (fabs(m[r * w + c]) > fabs(m[best * w + c]))
					best = r;
			if (fabs(m[best * w + c]) < 1e-9)
				continue;
			for (size_t k = 0; k < w; k++) {
				double t = m[pr * w + k];

				m[pr * w + k] = m[best * w + k];
				m[best * w + k] = t;
			}
			for (size_t k = w; k-- > 0;)
				m[pr * w + k] /= m[pr * w + c];
			for (size_t r = 0; r < nr; r++) {
				double f = m[r * w + c];

				if (r == pr || fabs(f) < 1e-12)
					continue;
				for (size_t k = 0; k < w; k++)
					m[r * w + k] -= f * m[pr * w + k];
			}
			pr++;
		}
		for (size_t r = 0; r < pr && found < 0; r++) {
			size_t nz = 0, at = 0;

			for (size_t c = 0; c < nh; c++)
				if (fabs(m[r * w + c]) > 1e-9)
					nz++, at = c;
			/* a cell that comes back as 0 singles nobody out */
			if (nz == 1 && p->cells[cell[at]].value != 0) {
				found = (long)cell[at];
				*got = llround(m[r * w + nh] / m[r * w + at]);
			}
		}
	}
out:
	free(m);
	free(cell);
	free(col);
	return found;
}

/* ---- hand-made tables ---- */

static void
test_one_small_cell_gets_a_partner(void **state)
{
	struct sup_problem p;
	size_t t, parts[3];

	(void)state;
	sup_init(&p);
	t = sup_cell(&p, 30);
	parts[0] = sup_cell(&p, 2);
	parts[1] = sup_cell(&p, 12);
	parts[2] = sup_cell(&p, 16);
	sup_relation(&p, t, parts, 3);
	sup_run(&p, 5);
	assert_int_equal(p.cells[parts[0]].state, SUP_PRIMARY);
	assert_int_equal(p.cells[parts[1]].state, SUP_COMPLEMENTARY);
	assert_int_equal(p.cells[parts[2]].state, SUP_PUBLISHED);
	assert_int_equal(p.cells[t].state, SUP_PUBLISHED);
	assert_true(sup_find_disclosed(&p) == (size_t)-1);
	sup_free(&p);
}

static void
test_zero_is_suppressed_and_threshold_moves(void **state)
{
	struct sup_problem p;
	size_t t, parts[2];

	(void)state;
	sup_init(&p);
	t = sup_cell(&p, 9);
	parts[0] = sup_cell(&p, 0);
	parts[1] = sup_cell(&p, 9);
	sup_relation(&p, t, parts, 2);
	sup_run(&p, 5);
	/* 0 is below the threshold and shown as such; that it comes back as
	 * 0 singles nobody out, so its partner stays */
	assert_int_equal(p.cells[parts[0]].state, SUP_PRIMARY);
	assert_int_equal(p.cells[parts[1]].state, SUP_PUBLISHED);
	assert_true(sup_find_disclosed(&p) == (size_t)-1);
	sup_run(&p, 10);
	assert_int_equal(p.cells[t].state, SUP_PRIMARY);
	sup_free(&p);
}

static void
test_lower_bound_pins_cells(void **state)
{
	struct sup_problem p;
	size_t t, parts[3];

	(void)state;
	/* two flagged cells (each known to be at least 1) summing to 2 */
	sup_init(&p);
	t = sup_cell(&p, 22);
	parts[0] = sup_cell(&p, 1);
	parts[1] = sup_cell(&p, 1);
	parts[2] = sup_cell(&p, 20);
	p.cells[parts[0]].lower = 1;
	p.cells[parts[1]].lower = 1;
	sup_relation(&p, t, parts, 3);
	sup_run(&p, 5);
	assert_int_not_equal(p.cells[parts[2]].state, SUP_PUBLISHED);
	sup_free(&p);
}

static void
test_follows_and_year(void **state)
{
	struct sup_problem p;
	size_t q[4], y, d[4], dy;
	int64_t v[4] = { 7, 3, 8, 9 }, days[4] = { 70, 40, 90, 100 };
	int64_t got;

	(void)state;
	sup_init(&p);
	for (int i = 0; i < 4; i++)
		q[i] = sup_cell(&p, v[i]);
	y = sup_cell(&p, 27);
	sup_relation(&p, y, q, 4);
	for (int i = 0; i < 4; i++) {
		d[i] = sup_cell(&p, days[i]);
		p.cells[d[i]].magnitude = true;
		p.cells[d[i]].follows = (int)q[i];
	}
	dy = sup_cell(&p, 300);
	p.cells[dy].magnitude = true;
	p.cells[dy].follows = (int)y;
	sup_relation(&p, dy, d, 4);
	sup_run(&p, 5);
	assert_int_equal(p.cells[q[1]].state, SUP_PRIMARY);
	assert_int_equal(p.cells[d[1]].state, SUP_PRIMARY);
	assert_int_equal(p.cells[q[0]].state, SUP_COMPLEMENTARY);
	/* the days of the complementary quarter follow it too */
	assert_int_not_equal(p.cells[d[0]].state, SUP_PUBLISHED);
	assert_true(attack(&p, &got) < 0);
	sup_free(&p);
}

static void
test_the_attacker_can_fail(void **state)
{
	struct sup_problem p;
	size_t t, parts[2];
	int64_t got = -1;

	(void)state;
	/* without complementary suppression the attack succeeds */
	sup_init(&p);
	t = sup_cell(&p, 12);
	parts[0] = sup_cell(&p, 3);
	parts[1] = sup_cell(&p, 9);
	sup_relation(&p, t, parts, 2);
	p.cells[parts[0]].state = SUP_PRIMARY;
	assert_int_equal(attack(&p, &got), (long)parts[0]);
	assert_int_equal(got, 3);
	assert_true(sup_find_disclosed(&p) == parts[0]);
	sup_free(&p);
}

/* ---- random published sets shaped like the figures ---- */

static unsigned long rng = 12345;

static int
rnd(int n)
{
	rng = rng * 6364136223846793005UL + 1442695040888963407UL;
	return (int)((rng >> 33) % (unsigned long)n);
}

#define MAXA 40
#define NCAT 7	/* [0] total, 1..3 breakdown A, 4..6 breakdown B */

static void
random_set(struct sup_problem *p, int nmuni, int nreg, bool flags)
{
	/* cells[area][period][cat]; areas: munis, regions, nation */
	static size_t id[MAXA][5][NCAT];
	int reg_of[MAXA], narea = nmuni + nreg + 1;
	int64_t val[MAXA][5][NCAT];

	memset(val, 0, sizeof val);
	for (int m = 0; m < nmuni; m++) {
		reg_of[m] = m % nreg;
		for (int q = 0; q < 4; q++) {
			int scale = rnd(3) == 0 ? 2 : 12;
			int64_t a[3], b[3], tot = 0;

			for (int c = 0; c < 3; c++)
				tot += a[c] = rnd(scale);
			/* breakdown B of the same girls */
			b[0] = tot ? rnd((int)tot + 1) : 0;
			b[1] = tot - b[0] ? rnd((int)(tot - b[0]) + 1) : 0;
			b[2] = tot - b[0] - b[1];
			val[m][q][0] = tot;
			for (int c = 0; c < 3; c++) {
				val[m][q][1 + c] = a[c];
				val[m][q][4 + c] = b[c];
			}
		}
	}
	for (int m = 0; m < nmuni; m++)
		for (int q = 0; q < 4; q++)
			for (int c = 0; c < NCAT; c++) {
				val[m][4][c] += val[m][q][c];
				val[nmuni + reg_of[m]][q][c] += val[m][q][c];
				val[nmuni + reg_of[m]][4][c] += val[m][q][c];
				val[narea - 1][q][c] += val[m][q][c];
				val[narea - 1][4][c] += val[m][q][c];
			}
	sup_init(p);
	for (int a = 0; a < narea; a++)
		for (int q = 0; q < 5; q++)
			for (int c = 0; c < NCAT; c++) {
				id[a][q][c] = sup_cell(p, val[a][q][c]);
				/* a published flag: at least one, or known 0 */
				if (flags && a < nmuni && q == 4 && c == 1) {
					if (val[a][q][c] > 0)
						p->cells[id[a][q][c]].lower = 1;
					else
						p->cells[id[a][q][c]].known = true;
				}
			}
	for (int a = 0; a < narea; a++)
		for (int q = 0; q < 5; q++) {
			size_t parts[3];

			for (int c = 0; c < 3; c++)
				parts[c] = id[a][q][1 + c];
			sup_relation(p, id[a][q][0], parts, 3);
			for (int c = 0; c < 3; c++)
				parts[c] = id[a][q][4 + c];
			sup_relation(p, id[a][q][0], parts, 3);
		}
	for (int a = 0; a < narea; a++)
		for (int c = 0; c < NCAT; c++) {
			size_t parts[4];

			for (int q = 0; q < 4; q++)
				parts[q] = id[a][q][c];
			sup_relation(p, id[a][4][c], parts, 4);
		}
	for (int q = 0; q < 5; q++)
		for (int c = 0; c < NCAT; c++) {
			size_t parts[MAXA], nat[MAXA];

			for (int r = 0; r < nreg; r++) {
				size_t n = 0;

				for (int m = 0; m < nmuni; m++)
					if (reg_of[m] == r)
						parts[n++] = id[m][q][c];
				sup_relation(p, id[nmuni + r][q][c], parts, n);
				nat[r] = id[nmuni + r][q][c];
			}
			sup_relation(p, id[narea - 1][q][c], nat, (size_t)nreg);
		}
}

static void
test_random_sets_cannot_be_differenced(void **state)
{
	int rounds = 0, suppressed = 0;

	(void)state;
	for (int round = 0; round < 100; round++) {
		struct sup_problem p;
		int nmuni = 3 + rnd(12), nreg = 1 + rnd(3), k = 3 + rnd(5);
		int64_t got = -1;
		long leak;

		random_set(&p, nmuni, nreg, round % 2 == 1);
		sup_run(&p, k);
		for (size_t i = 0; i < p.ncells; i++) {
			if (p.cells[i].value < k)
				assert_int_not_equal(p.cells[i].state,
				    SUP_PUBLISHED);
			suppressed += p.cells[i].state != SUP_PUBLISHED;
		}
		leak = attack(&p, &got);
		if (leak >= 0)
			print_error("round %d: cell %ld (value %lld) comes "
			    "back as %lld\n", round, leak,
			    (long long)p.cells[leak].value, (long long)got);
		assert_true(leak < 0);
		assert_true(sup_find_disclosed(&p) == (size_t)-1);
		sup_free(&p);
		rounds++;
	}
	assert_int_equal(rounds, 100);
	assert_true(suppressed > 0);
}

/*
 * The published set itself (core/figures_table.c), not a model of it:
 * municipalities in regions with random flows - signals received and
 * matched, turned 18 with and without a gap, transfers - summed, related
 * and suppressed as the API does, then attacked.  Covers every relation
 * the signal figures take part in (area totals, quarters and year).
 */
static void
test_published_figures_cannot_be_differenced(void **state)
{
	int hidden = 0, shown = 0;

	(void)state;
	for (int round = 0; round < 6; round++) {
		int reg_of[3] = { 0, 0, 1 }, k = 3 + rnd(4);
		struct fig_table t;
		int64_t got = -1;
		long leak;

		fig_table_init(&t, 3, 2, reg_of, 4, -1);
		for (size_t m = 0; m < 3; m++)
			for (int q = 0; q < 4; q++) {
				int64_t n = rnd(rnd(3) == 0 ? 3 : 12);
				int64_t g = rnd(4), ng = rnd(6);

				*fig_at(&t, m, q, F_SIGNALS) = n;
				*fig_at(&t, m, q, F_SIGNALS_MATCHED) =
				    rnd((int)n + 1);
				*fig_at(&t, m, q, F_TURNED18_GAP) = g;
				*fig_at(&t, m, q, F_TURNED18_NO_GAP) = ng;
				*fig_at(&t, m, q, F_TURNED18) = g + ng;
				*fig_at(&t, m, q, F_TRANSFERS) = rnd(9);
			}
		fig_table_finish(&t, k);
		for (size_t a = 0; a < t.narea; a++)
			for (int p = 0; p < FIG_PERIODS; p++)
				for (int f = F_SIGNALS; f <= F_SIGNALS_MATCHED;
				    f++) {
					bool pub;
					int64_t x;

					assert_true(fig_value(&t, a, p,
					    (enum fig)f, &pub, &x));
					if (!pub)
						hidden++;
					else
						shown++;
					if (pub)
						assert_true(x >= k);
				}
		leak = attack(&t.sp, &got);
		if (leak >= 0)
			print_error("round %d: cell %ld (value %lld) comes "
			    "back as %lld\n", round, leak,
			    (long long)t.sp.cells[leak].value, (long long)got);
		assert_true(leak < 0);
		assert_true(sup_find_disclosed(&t.sp) == (size_t)-1);
		fig_table_free(&t);
	}
	assert_true(hidden > 0 && shown > 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_small_cell_gets_a_partner),
		cmocka_unit_test(test_zero_is_suppressed_and_threshold_moves),
		cmocka_unit_test(test_lower_bound_pins_cells),
		cmocka_unit_test(test_follows_and_year),
		cmocka_unit_test(test_the_attacker_can_fail),
		cmocka_unit_test(test_random_sets_cannot_be_differenced),
		cmocka_unit_test(test_published_figures_cannot_be_differenced),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
