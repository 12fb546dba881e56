/*
 * test_climate.c - group climate's pure rules (core/climate.c): theme
 * scores with reverse items scored back and missing answers, the spread,
 * suppression below the threshold at audience, theme and item level, and
 * the questionnaire file format (the shipped example included).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/climate.h"

#define S CLIMATE_SUPPORT
#define A CLIMATE_ATMOSPHERE
#define Y CLIMATE_GIRL_YOUNG
#define O CLIMATE_GIRL_OLDER

/* Two support items (the second reverse) and two atmosphere items, for
 * the young variant; one support item for the older variant. */
static const struct climate_item_def items[] = {
	{ Y, S, false }, { Y, S, true }, { Y, A, false }, { Y, A, false },
	{ O, S, false },
};
#define NI (sizeof items / sizeof items[0])

static void
test_reverse_items_are_scored_back(void **state)
{
	/* One respondent: 4 on support, 2 on the reverse one (= 4), 5 and 3. */
	const int v[NI] = { 4, 2, 5, 3, 0 };
	const enum climate_variant rv[] = { Y };
	struct climate_stat ist[NI];
	struct climate_result r;

	(void)state;
	assert_int_equal(climate_score(items, NI, 5, v, rv, 1, 1, &r, ist), 0);
	assert_false(r.suppressed);
	assert_int_equal(r.theme[S].n, 1);
	assert_true(r.theme[S].mean == 4.0);
	assert_true(r.theme[A].mean == 4.0);
	assert_true(r.theme[S].sd == 0.0);
	assert_true(ist[1].mean == 4.0);	/* the reverse item, scored back */
	/* No answer on growth or repression: nobody counted, nothing shown. */
	assert_int_equal(r.theme[CLIMATE_GROWTH].n, 0);
	assert_true(r.theme[CLIMATE_GROWTH].suppressed);
}

static void
test_missing_answers(void **state)
{
	/*
	 * Respondent 0 answered only the reverse support item (1 of 2: half,
	 * counts) and one atmosphere item; respondent 1 answered nothing of
	 * atmosphere; respondent 2 is of the older variant and answered her
	 * one support item.
	 */
	const int v[3 * NI] = {
		0, 5, 3, 0, 0,
		2, 0, 0, 0, 0,
		0, 0, 0, 0, 4,
	};
	const enum climate_variant rv[] = { Y, Y, O };
	struct climate_stat ist[NI];
	struct climate_result r;

	(void)state;
	assert_int_equal(climate_score(items, NI, 5, v, rv, 3, 1, &r, ist), 0);
	assert_int_equal(r.respondents, 3);
	/* support: 1 (5 reversed), 2, 4 -> mean 7/3 */
	assert_int_equal(r.theme[S].n, 3);
	assert_true(r.theme[S].mean > 2.333 && r.theme[S].mean < 2.334);
	/* sd of 1, 2, 4: sqrt(((4/3)^2 + (1/3)^2 + (5/3)^2) / 2) = 1.5275 */
	assert_true(r.theme[S].sd > 1.527 && r.theme[S].sd < 1.528);
	assert_int_equal(r.theme[A].n, 1);
	assert_true(r.theme[A].mean == 3.0);
	assert_int_equal(ist[0].n, 1);
	assert_int_equal(ist[3].n, 0);
	assert_true(ist[3].suppressed);
}

static void
test_half_of_a_theme_needed(void **state)
{
	/* Four atmosphere items, one answered: less than half, not counted. */
	const struct climate_item_def four[] = {
		{ Y, A, false }, { Y, A, false }, { Y, A, false }, { Y, A, false },
	};
	const int one[4] = { 5, 0, 0, 0 }, two[4] = { 5, 3, 0, 0 };
	const enum climate_variant rv[] = { Y };
	struct climate_stat ist[4];
	struct climate_result r;

	(void)state;
	assert_int_equal(climate_score(four, 4, 5, one, rv, 1, 1, &r, ist), 0);
	assert_int_equal(r.theme[A].n, 0);
	assert_int_equal(ist[0].n, 1);
	assert_int_equal(climate_score(four, 4, 5, two, rv, 1, 1, &r, ist), 0);
	assert_int_equal(r.theme[A].n, 1);
	assert_true(r.theme[A].mean == 4.0);
}

static void
test_suppression_at_every_level(void **state)
{
	int v[6 * NI];
	enum climate_variant rv[6];
	struct climate_stat ist[NI];
	struct climate_result r;

	(void)state;
	for (int k = 0; k < 6; k++) {
		rv[k] = Y;
		for (size_t i = 0; i < NI; i++)
			v[k * (int)NI + (int)i] = i == NI - 1 ? 0 : 3;
	}
	/* Four respondents under a threshold of five: nothing at all. */
	assert_int_equal(climate_score(items, NI, 5, v, rv, 4, 5, &r, ist), 0);
	assert_true(r.suppressed);
	for (int t = 0; t < CLIMATE_THEME__COUNT; t++) {
		assert_true(r.theme[t].suppressed);
		assert_true(r.theme[t].mean == 0.0);
	}
	for (size_t i = 0; i < NI; i++) {
		assert_true(ist[i].suppressed);
		assert_true(ist[i].mean == 0.0);
	}
	/* Six respondents, one of whom skipped the first item and both
	 * atmosphere items: the group and support shown, item 0 too (5),
	 * atmosphere (5) too; at a threshold of six, item 0 and atmosphere
	 * are hidden while support stays. */
	v[0] = 0;
	v[2] = v[3] = 0;
	assert_int_equal(climate_score(items, NI, 5, v, rv, 6, 5, &r, ist), 0);
	assert_false(r.suppressed);
	assert_false(ist[0].suppressed);
	assert_false(r.theme[A].suppressed);
	assert_int_equal(climate_score(items, NI, 5, v, rv, 6, 6, &r, ist), 0);
	assert_false(r.suppressed);
	assert_false(r.theme[S].suppressed);
	assert_int_equal(r.theme[S].n, 6);
	assert_true(ist[0].suppressed);
	assert_true(ist[0].mean == 0.0);
	assert_true(r.theme[A].suppressed);
	assert_true(ist[NI - 1].suppressed);	/* nobody of 16+ */
}

static void
test_values_off_the_scale_fail(void **state)
{
	const int v[NI] = { 6, 0, 0, 0, 0 };
	const enum climate_variant rv[] = { Y };
	struct climate_stat ist[NI];
	struct climate_result r;

	(void)state;
	assert_int_equal(climate_score(items, NI, 5, v, rv, 1, 1, &r, ist), -1);
	assert_int_equal(climate_score(items, NI, 8, v, rv, 1, 1, &r, ist), -1);
}

static void
test_example_questionnaire_parses(void **state)
{
	char *text = strdup(climate_example_questionnaire), msg[160];
	struct climate_qdef q;
	int line, per[CLIMATE_VARIANT__COUNT] = { 0 }, rev = 0;

	(void)state;
	assert_int_equal(climate_qdef_parse(text, &q, &line, msg, sizeof msg), 0);
	assert_int_equal(q.points, 5);
	assert_string_equal(q.label_en[5], "Yes, totally");
	assert_int_equal(q.nitems, 36);
	for (size_t i = 0; i < q.nitems; i++) {
		per[q.items[i].variant]++;
		rev += q.items[i].reverse;
		assert_int_equal(q.items[i].position, per[q.items[i].variant]);
	}
	assert_int_equal(per[CLIMATE_GIRL_YOUNG], 12);
	assert_int_equal(per[CLIMATE_STAFF], 12);
	assert_int_equal(rev, 12);
	climate_qdef_free(&q);
	free(text);
}

static void
expect_refused(const char *body, int want_line)
{
	char *text = strdup(body), msg[160];
	struct climate_qdef q;
	int line = -1;

	assert_int_equal(climate_qdef_parse(text, &q, &line, msg, sizeof msg), -1);
	assert_int_equal(line, want_line);
	assert_true(msg[0] != '\0');
	assert_null(q.items);
	free(text);
}

static void
test_bad_files_are_refused(void **state)
{
	(void)state;
	expect_refused("questionnaire\tX\t1\tsrc\nscale\t9\n", 2);
	expect_refused("questionnaire\tX\t1\tsrc\nscale\t2\nlabel\t3\ta\tb\n", 3);
	expect_refused("questionnaire\tX\t1\tsrc\nscale\t2\nlabel\t1\ta\tb\n"
	    "label\t2\ta\tb\nitem\tgirl_young\tsupport\tnormal\tnl\ten\n"
	    "item\tboys\tsupport\tnormal\tnl\ten\n", 6);
	expect_refused("questionnaire\tX\t1\tsrc\nwhat\n", 2);
	/* Well-formed, but not every variant has every theme. */
	expect_refused("questionnaire\tX\t1\tsrc\nscale\t2\nlabel\t1\ta\tb\n"
	    "label\t2\ta\tb\nitem\tgirl_young\tsupport\tnormal\tnl\ten\n", 0);
	expect_refused("# empty\n", 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reverse_items_are_scored_back),
		cmocka_unit_test(test_missing_answers),
		cmocka_unit_test(test_half_of_a_theme_needed),
		cmocka_unit_test(test_suppression_at_every_level),
		cmocka_unit_test(test_values_off_the_scale_fail),
		cmocka_unit_test(test_example_questionnaire_parses),
		cmocka_unit_test(test_bad_files_are_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
