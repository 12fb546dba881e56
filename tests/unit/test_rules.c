/*
 * test_rules.c - unit tests of core/rules: enum names, legal ends, gaps
 * (open ends, overlaps, touching bases, the 18th birthday), flags past the
 * legal end, continuity figures, interval overlap and the BSN elfproef.
 *
 * Most tests use one girl born on 14 July 2008: her 18th birthday is
 * 2026-07-14, so a Jeugdwet basis ends by law on 2026-07-13, verlengde
 * jeugdhulp on 2031-07-13 and a machtiging on 2027-01-13.  Every result
 * is released with rules_result_cleanup(), so LeakSanitizer checks that
 * the cleanup frees what rules_evaluate() allocates.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/rules.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static dl_date
D(const char *s)
{
	dl_date d = DATE_NONE;

	assert_int_equal(date_parse(s, &d), 0);
	return d;
}

/* A trajectory of the girl born 2008-07-14 with nothing in it yet. */
static struct rules_input
input(const char *start, const char *end, const char *as_of)
{
	struct rules_input in;

	memset(&in, 0, sizeof(in));
	in.birth = D("2008-07-14");
	in.start = D(start);
	in.end = end != NULL ? D(end) : DATE_OPEN;
	in.as_of = D(as_of);
	in.leap = LEAP_MARCH_1;
	return in;
}

static void
assert_gap(const struct rules_result *r, size_t i, dl_date start, dl_date end)
{
	assert_true(i < r->ngaps);
	assert_int_equal(r->gaps[i].start, start);
	assert_int_equal(r->gaps[i].end, end);
}

static void
test_names(void **state)
{
	enum basis_kind b;
	enum order_kind o;
	enum care_form f;
	enum team_role t;
	int i;

	assert_string_equal(basis_kind_name(BASIS_JEUGDWET), "jeugdwet");
	assert_string_equal(basis_kind_name(BASIS_VERLENGDE_JEUGDHULP),
	    "verlengde_jeugdhulp");
	assert_string_equal(basis_kind_name(BASIS_ZVW_GGZ), "zvw_ggz");
	assert_string_equal(basis_kind_name(BASIS_OTHER), "other");
	assert_string_equal(order_kind_name(ORDER_VOORWAARDELIJK),
	    "voorwaardelijke_machtiging");
	assert_string_equal(order_kind_name(ORDER_OTS), "ots");
	assert_string_equal(care_form_name(FORM_SECURE_RESIDENTIAL),
	    "secure_residential");
	assert_string_equal(team_role_name(TEAM_MAIN_CAREGIVER),
	    "main_caregiver");

	/* Every name parses back to its own value. */
	for (i = 0; i < BASIS__COUNT; i++) {
		assert_int_equal(basis_kind_parse(basis_kind_name(i), &b), 0);
		assert_int_equal(b, i);
	}
	for (i = 0; i < ORDER__COUNT; i++) {
		assert_int_equal(order_kind_parse(order_kind_name(i), &o), 0);
		assert_int_equal(o, i);
	}
	for (i = 0; i < FORM__COUNT; i++) {
		assert_int_equal(care_form_parse(care_form_name(i), &f), 0);
		assert_int_equal(f, i);
	}
	for (i = 0; i < TEAM__COUNT; i++) {
		assert_int_equal(team_role_parse(team_role_name(i), &t), 0);
		assert_int_equal(t, i);
	}

	/* Unknown, differently cased, empty and NULL names are refused. */
	b = BASIS_WMO;
	assert_int_equal(basis_kind_parse("Jeugdwet", &b), -1);
	assert_int_equal(basis_kind_parse("jeugdwet ", &b), -1);
	assert_int_equal(basis_kind_parse("", &b), -1);
	assert_int_equal(basis_kind_parse(NULL, &b), -1);
	assert_int_equal(b, BASIS_WMO);
	assert_int_equal(order_kind_parse("voorwaardelijk", &o), -1);
	assert_int_equal(care_form_parse("secure", &f), -1);
	assert_int_equal(team_role_parse("mentor", &t), -1);
}

static void
test_legal_end(void **state)
{
	dl_date birth = D("2008-07-14");
	int k;

	assert_int_equal(basis_legal_end(BASIS_JEUGDWET, birth, LEAP_MARCH_1),
	    D("2026-07-13"));
	assert_int_equal(basis_legal_end(BASIS_VERLENGDE_JEUGDHULP, birth,
	    LEAP_MARCH_1), D("2031-07-13"));
	for (k = BASIS_WMO; k < BASIS__COUNT; k++)
		assert_int_equal(basis_legal_end(k, birth, LEAP_MARCH_1),
		    DATE_OPEN);

	assert_int_equal(order_legal_end(ORDER_MACHTIGING, birth, LEAP_MARCH_1),
	    D("2027-01-13"));
	assert_int_equal(order_legal_end(ORDER_SPOEDMACHTIGING, birth,
	    LEAP_MARCH_1), D("2027-01-13"));
	assert_int_equal(order_legal_end(ORDER_VOORWAARDELIJK, birth,
	    LEAP_MARCH_1), D("2027-01-13"));
	assert_int_equal(order_legal_end(ORDER_OTS, birth, LEAP_MARCH_1),
	    D("2026-07-13"));
	assert_int_equal(order_legal_end(ORDER_VOOGDIJ, birth, LEAP_MARCH_1),
	    D("2026-07-13"));

	/* 18 on 31 August: six months later is clamped to 28 February. */
	assert_int_equal(order_legal_end(ORDER_MACHTIGING, D("2008-08-31"),
	    LEAP_MARCH_1), D("2027-02-27"));
}

static void
test_legal_end_leap_day(void **state)
{
	dl_date birth = D("2008-02-29");

	/* 2026 and 2031 are common years. */
	assert_int_equal(basis_legal_end(BASIS_JEUGDWET, birth, LEAP_MARCH_1),
	    D("2026-02-28"));
	assert_int_equal(basis_legal_end(BASIS_JEUGDWET, birth, LEAP_FEB_28),
	    D("2026-02-27"));
	assert_int_equal(basis_legal_end(BASIS_VERLENGDE_JEUGDHULP, birth,
	    LEAP_MARCH_1), D("2031-02-28"));
	assert_int_equal(basis_legal_end(BASIS_VERLENGDE_JEUGDHULP, birth,
	    LEAP_FEB_28), D("2031-02-27"));
	assert_int_equal(order_legal_end(ORDER_MACHTIGING, birth, LEAP_MARCH_1),
	    D("2026-08-31"));
	assert_int_equal(order_legal_end(ORDER_MACHTIGING, birth, LEAP_FEB_28),
	    D("2026-08-27"));
	assert_int_equal(order_legal_end(ORDER_OTS, birth, LEAP_FEB_28),
	    D("2026-02-27"));
}

static void
test_overlap(void **state)
{
	struct rules_interval a = { D("2024-01-01"), D("2024-06-30") };
	struct rules_interval shares_end = { D("2024-06-30"), D("2024-12-31") };
	struct rules_interval touching = { D("2024-07-01"), D("2024-12-31") };
	struct rules_interval inside = { D("2024-03-01"), D("2024-03-01") };
	struct rules_interval before = { D("2023-01-01"), D("2023-12-31") };
	struct rules_interval open = { D("2024-06-30"), DATE_OPEN };
	struct rules_interval open_late = { D("2030-01-01"), DATE_OPEN };

	assert_true(rules_overlap(a, a));
	assert_true(rules_overlap(a, shares_end));	/* closed: one day */
	assert_true(rules_overlap(shares_end, a));
	assert_false(rules_overlap(a, touching));	/* touching only */
	assert_false(rules_overlap(touching, a));
	assert_true(rules_overlap(a, inside));
	assert_true(rules_overlap(inside, a));
	assert_false(rules_overlap(a, before));
	assert_true(rules_overlap(a, open));
	assert_false(rules_overlap(a, open_late));
	assert_true(rules_overlap(open, open_late));	/* two open ends */
}

static void
test_covered_no_gaps(void **state)
{
	struct rules_input in = input("2024-01-01", "2025-12-31", "2025-06-01");
	struct rules_basis bases[] = {
		{ BASIS_JEUGDWET, D("2024-01-01"), D("2025-12-31"), "b1" },
	};
	struct rules_result r;

	in.bases = bases;
	in.nbases = NELEM(bases);
	rules_evaluate(&in, &r);
	assert_int_equal(r.ngaps, 0);
	assert_null(r.gaps);
	assert_int_equal(r.nflags, 0);
	assert_int_equal(r.figures.days_without_basis, 0);
	assert_int_equal(r.figures.gap_at_18, 0);
	assert_int_equal(r.figures.eighteenth_birthday, D("2026-07-14"));
	rules_result_cleanup(&r);
	assert_null(r.gaps);
	assert_null(r.flags);
	assert_int_equal(r.ngaps, 0);
}

static void
test_empty_trajectory(void **state)
{
	struct rules_input in = input("2024-01-01", "2024-12-31", "2024-03-31");
	struct rules_result r;

	rules_evaluate(&in, &r);
	assert_int_equal(r.ngaps, 1);
	assert_gap(&r, 0, D("2024-01-01"), D("2024-12-31"));
	assert_int_equal(r.nflags, 0);
	/* 31 + 29 + 31 days up to as_of in a leap year. */
	assert_int_equal(r.figures.days_without_basis, 91);
	assert_int_equal(r.figures.days_without_main_caregiver, 91);
	assert_int_equal(r.figures.transfers, 0);
	assert_int_equal(r.figures.distinct_main_caregivers, 0);
	rules_result_cleanup(&r);

	/* as_of past the end counts to the end; before the start, nothing. */
	in.as_of = D("2025-06-01");
	rules_evaluate(&in, &r);
	assert_int_equal(r.figures.days_without_basis, 366);
	rules_result_cleanup(&r);
	in.as_of = D("2023-12-31");
	rules_evaluate(&in, &r);
	assert_int_equal(r.ngaps, 1);
	assert_int_equal(r.figures.days_without_basis, 0);
	assert_int_equal(r.figures.days_without_main_caregiver, 0);
	rules_result_cleanup(&r);

	/* An open trajectory with no basis is one gap without end. */
	in = input("2024-01-01", NULL, "2024-01-10");
	rules_evaluate(&in, &r);
	assert_int_equal(r.ngaps, 1);
	assert_gap(&r, 0, D("2024-01-01"), DATE_OPEN);
	assert_int_equal(r.figures.days_without_basis, 10);
	rules_result_cleanup(&r);

	/* A one-day trajectory. */
	in = input("2024-01-01", "2024-01-01", "2024-01-01");
	rules_evaluate(&in, &r);
	assert_int_equal(r.ngaps, 1);
	assert_gap(&r, 0, D("2024-01-01"), D("2024-01-01"));
	assert_int_equal(r.figures.days_without_basis, 1);
	rules_result_cleanup(&r);
}

static void
test_touching_bases(void **state)
{
	struct rules_input in = input("2024-01-01", "2024-12-31", "2024-12-31");
	struct rules_basis bases[] = {
		{ BASIS_JEUGDWET, D("2024-07-01"), D("2024-12-31"), "b2" },
		{ BASIS_JEUGDWET, D("2024-01-01"), D("2024-06-30"), "b1" },
	};
	struct rules_result r;

	in.bases = bases;
	in.nbases = NELEM(bases);
	rules_evaluate(&in, &r);
	assert_int_equal(r.ngaps, 0);
	assert_int_equal(r.figures.days_without_basis, 0);
	rules_result_cleanup(&r);

	/* Two days apart: a gap of exactly the two days in between. */
	bases[0].start = D("2024-07-03");
	rules_evaluate(&in, &r);
	assert_int_equal(r.ngaps, 1);
	assert_gap(&r, 0, D("2024-07-01"), D("2024-07-02"));
	assert_int_equal(r.figures.days_without_basis, 2);
	rules_result_cleanup(&r);
}

static void
test_overlapping_bases(void **state)
{
	struct rules_input in = input("2024-01-01", "2024-12-31", "2024-12-31");
	struct rules_basis bases[] = {
		{ BASIS_WMO, D("2024-03-01"), D("2024-09-30"), "b1" },
		{ BASIS_JEUGDWET, D("2024-02-01"), D("2024-04-30"), "b2" },
		{ BASIS_ZVW_GGZ, D("2024-05-01"), D("2024-05-10"), "b3" },
		{ BASIS_OTHER, D("2024-11-01"), D("2024-11-30"), "b4" },
		{ BASIS_CRIMINAL, D("2024-11-15"), D("2024-11-20"), "b5" },
	};
	struct rules_result r;

	in.bases = bases;
	in.nbases = NELEM(bases);
	rules_evaluate(&in, &r);
	assert_int_equal(r.ngaps, 3);
	assert_gap(&r, 0, D("2024-01-01"), D("2024-01-31"));
	assert_gap(&r, 1, D("2024-10-01"), D("2024-10-31"));
	assert_gap(&r, 2, D("2024-12-01"), D("2024-12-31"));
	assert_int_equal(r.nflags, 0);
	assert_int_equal(r.figures.days_without_basis, 31 + 31 + 31);
	rules_result_cleanup(&r);

	/* Figures stop at as_of, in the middle of the second gap. */
	in.as_of = D("2024-10-10");
	rules_evaluate(&in, &r);
	assert_int_equal(r.ngaps, 3);
	assert_int_equal(r.figures.days_without_basis, 31 + 10);
	rules_result_cleanup(&r);
}

static void
test_bases_outside_span(void **state)
{
	struct rules_input in = input("2024-03-01", "2024-03-31", "2024-03-31");
	struct rules_basis bases[] = {
		{ BASIS_WMO, D("2023-01-01"), D("2024-03-05"), "before" },
		{ BASIS_WMO, D("2024-03-20"), DATE_OPEN, "after" },
		{ BASIS_WLZ, D("2025-01-01"), DATE_OPEN, "later" },
	};
	struct rules_result r;

	in.bases = bases;
	in.nbases = NELEM(bases);
	rules_evaluate(&in, &r);
	assert_int_equal(r.ngaps, 1);
	assert_gap(&r, 0, D("2024-03-06"), D("2024-03-19"));
	assert_int_equal(r.nflags, 0);	/* Wmo and Wlz have no legal end */
	assert_int_equal(r.figures.days_without_basis, 14);
	rules_result_cleanup(&r);
}

/* An open Jeugdwet basis: flagged, and the gap opens on the 18th birthday. */
static void
test_open_jeugdwet(void **state)
{
	struct rules_input in = input("2025-01-01", NULL, "2026-07-20");
	struct rules_basis bases[] = {
		{ BASIS_JEUGDWET, D("2025-01-01"), DATE_OPEN, "jw" },
	};
	struct rules_result r;

	in.bases = bases;
	in.nbases = NELEM(bases);
	rules_evaluate(&in, &r);
	assert_int_equal(r.ngaps, 1);
	assert_gap(&r, 0, D("2026-07-14"), DATE_OPEN);
	assert_int_equal(r.nflags, 1);
	assert_int_equal(r.flags[0].kind, FLAG_PAST_LEGAL_END);
	assert_int_equal(r.flags[0].is_order, 0);
	assert_int_equal(r.flags[0].kind_index, BASIS_JEUGDWET);
	assert_ptr_equal(r.flags[0].id, bases[0].id);
	assert_int_equal(r.flags[0].recorded_end, DATE_OPEN);
	assert_int_equal(r.flags[0].legal_end, D("2026-07-13"));
	assert_int_equal(r.figures.eighteenth_birthday, D("2026-07-14"));
	assert_int_equal(r.figures.gap_at_18, 1);
	assert_int_equal(r.figures.days_without_basis, 7);	/* 14..20 July */
	rules_result_cleanup(&r);

	/* Months before, the future gap is already there; no days yet. */
	in.as_of = D("2026-01-01");
	rules_evaluate(&in, &r);
	assert_int_equal(r.ngaps, 1);
	assert_gap(&r, 0, D("2026-07-14"), DATE_OPEN);
	assert_int_equal(r.figures.gap_at_18, 1);
	assert_int_equal(r.figures.days_without_basis, 0);
	rules_result_cleanup(&r);
}

/* Born on 29 February: the rule moves the start of the gap. */
static void
test_open_jeugdwet_leap_day(void **state)
{
	struct rules_input in = input("2025-01-01", NULL, "2026-03-01");
	struct rules_basis bases[] = {
		{ BASIS_JEUGDWET, D("2025-01-01"), DATE_OPEN, "jw" },
	};
	struct rules_result r;

	in.birth = D("2008-02-29");
	in.bases = bases;
	in.nbases = NELEM(bases);
	rules_evaluate(&in, &r);
	assert_int_equal(r.ngaps, 1);
	assert_gap(&r, 0, D("2026-03-01"), DATE_OPEN);
	assert_int_equal(r.flags[0].legal_end, D("2026-02-28"));
	assert_int_equal(r.figures.eighteenth_birthday, D("2026-03-01"));
	assert_int_equal(r.figures.days_without_basis, 1);
	rules_result_cleanup(&r);

	in.leap = LEAP_FEB_28;
	rules_evaluate(&in, &r);
	assert_int_equal(r.ngaps, 1);
	assert_gap(&r, 0, D("2026-02-28"), DATE_OPEN);
	assert_int_equal(r.flags[0].legal_end, D("2026-02-27"));
	assert_int_equal(r.figures.eighteenth_birthday, D("2026-02-28"));
	assert_int_equal(r.figures.days_without_basis, 2);
	rules_result_cleanup(&r);
}

/* Wmo from the day after the 18th birthday: the birthday is the gap. */
static void
test_basis_day_after_18(void **state)
{
	struct rules_input in = input("2025-01-01", NULL, "2026-12-31");
	struct rules_basis bases[] = {
		{ BASIS_JEUGDWET, D("2025-01-01"), D("2026-07-13"), "jw" },
		{ BASIS_WMO, D("2026-07-15"), DATE_OPEN, "wmo" },
	};
	struct rules_result r;

	in.bases = bases;
	in.nbases = NELEM(bases);
	rules_evaluate(&in, &r);
	assert_int_equal(r.ngaps, 1);
	assert_gap(&r, 0, D("2026-07-14"), D("2026-07-14"));
	assert_int_equal(r.nflags, 0);	/* ends exactly on its legal end */
	assert_int_equal(r.figures.gap_at_18, 1);
	assert_int_equal(r.figures.days_without_basis, 1);
	rules_result_cleanup(&r);

	/* Recorded past 18, the Jeugdwet is flagged, not counted longer. */
	bases[0].end = D("2026-12-31");
	rules_evaluate(&in, &r);
	assert_int_equal(r.ngaps, 1);
	assert_gap(&r, 0, D("2026-07-14"), D("2026-07-14"));
	assert_int_equal(r.nflags, 1);
	assert_int_equal(r.flags[0].recorded_end, D("2026-12-31"));
	assert_int_equal(r.flags[0].legal_end, D("2026-07-13"));
	assert_int_equal(r.figures.gap_at_18, 1);
	rules_result_cleanup(&r);

	/* Wmo on the birthday itself: continuous, no gap at 18. */
	bases[0].end = D("2026-07-13");
	bases[1].start = D("2026-07-14");
	rules_evaluate(&in, &r);
	assert_int_equal(r.ngaps, 0);
	assert_int_equal(r.figures.gap_at_18, 0);
	assert_int_equal(r.figures.days_without_basis, 0);
	rules_result_cleanup(&r);
}

static void
test_verlengde_past_23(void **state)
{
	struct rules_input in = input("2025-01-01", "2032-06-30", "2032-06-30");
	struct rules_basis bases[] = {
		{ BASIS_JEUGDWET, D("2025-01-01"), D("2026-07-13"), "jw" },
		{ BASIS_VERLENGDE_JEUGDHULP, D("2026-07-14"), D("2032-01-01"),
		    "vj" },
	};
	struct rules_result r;

	in.bases = bases;
	in.nbases = NELEM(bases);
	rules_evaluate(&in, &r);
	assert_int_equal(r.nflags, 1);
	assert_int_equal(r.flags[0].kind, FLAG_PAST_LEGAL_END);
	assert_int_equal(r.flags[0].is_order, 0);
	assert_int_equal(r.flags[0].kind_index, BASIS_VERLENGDE_JEUGDHULP);
	assert_string_equal(r.flags[0].id, "vj");
	assert_int_equal(r.flags[0].recorded_end, D("2032-01-01"));
	assert_int_equal(r.flags[0].legal_end, D("2031-07-13"));
	assert_int_equal(r.ngaps, 1);
	assert_gap(&r, 0, D("2031-07-14"), D("2032-06-30"));
	assert_int_equal(r.figures.gap_at_18, 0);
	assert_int_equal(r.figures.days_without_basis,
	    D("2032-06-30") - D("2031-07-14") + 1);
	rules_result_cleanup(&r);

	/* Ending the day before the 23rd birthday is within the law. */
	bases[1].end = D("2031-07-13");
	in.end = D("2031-07-13");
	rules_evaluate(&in, &r);
	assert_int_equal(r.nflags, 0);
	assert_int_equal(r.ngaps, 0);
	rules_result_cleanup(&r);
}

static void
test_orders(void **state)
{
	struct rules_input in = input("2026-01-01", "2026-12-31", "2026-12-31");
	struct rules_basis bases[] = {
		{ BASIS_JEUGDWET, D("2026-01-01"), D("2026-07-13"), "jw" },
		{ BASIS_VERLENGDE_JEUGDHULP, D("2026-07-14"), D("2026-12-31"),
		    "vj" },
	};
	struct rules_order orders[] = {
		{ ORDER_MACHTIGING, D("2026-05-01"), D("2027-03-01"), "m1" },
		{ ORDER_MACHTIGING, D("2026-01-01"), D("2027-01-13"), "m2" },
		{ ORDER_OTS, D("2025-06-01"), DATE_OPEN, "ots" },
		{ ORDER_VOOGDIJ, D("2025-06-01"), D("2026-07-13"), "vg" },
	};
	struct rules_result r;

	in.bases = bases;
	in.nbases = NELEM(bases);
	in.orders = orders;
	in.norders = NELEM(orders);
	rules_evaluate(&in, &r);
	assert_int_equal(r.ngaps, 0);
	assert_int_equal(r.nflags, 2);
	/* The machtiging past 18 + 6 months. */
	assert_int_equal(r.flags[0].kind, FLAG_PAST_LEGAL_END);
	assert_int_equal(r.flags[0].is_order, 1);
	assert_int_equal(r.flags[0].kind_index, ORDER_MACHTIGING);
	assert_string_equal(r.flags[0].id, "m1");
	assert_int_equal(r.flags[0].recorded_end, D("2027-03-01"));
	assert_int_equal(r.flags[0].legal_end, D("2027-01-13"));
	/* The open OTS past 18. */
	assert_int_equal(r.flags[1].is_order, 1);
	assert_int_equal(r.flags[1].kind_index, ORDER_OTS);
	assert_string_equal(r.flags[1].id, "ots");
	assert_int_equal(r.flags[1].recorded_end, DATE_OPEN);
	assert_int_equal(r.flags[1].legal_end, D("2026-07-13"));
	rules_result_cleanup(&r);
}

/* Court orders do not fund care: they never close a gap. */
static void
test_orders_do_not_cover(void **state)
{
	struct rules_input in = input("2025-01-01", "2025-12-31", "2025-12-31");
	struct rules_order orders[] = {
		{ ORDER_MACHTIGING, D("2025-01-01"), D("2025-12-31"), "m" },
	};
	struct rules_result r;

	in.orders = orders;
	in.norders = NELEM(orders);
	rules_evaluate(&in, &r);
	assert_int_equal(r.ngaps, 1);
	assert_gap(&r, 0, D("2025-01-01"), D("2025-12-31"));
	assert_int_equal(r.nflags, 0);
	assert_int_equal(r.figures.days_without_basis, 365);
	rules_result_cleanup(&r);
}

static void
test_end_before_start(void **state)
{
	struct rules_input in = input("2025-01-01", "2025-12-31", "2025-12-31");
	struct rules_basis bases[] = {
		{ BASIS_WMO, D("2025-06-01"), D("2025-05-31"), "inverted" },
	};
	struct rules_order orders[] = {
		{ ORDER_OTS, D("2025-03-01"), D("2025-02-01"), "ots" },
	};
	struct rules_result r;

	in.bases = bases;
	in.nbases = NELEM(bases);
	in.orders = orders;
	in.norders = NELEM(orders);
	rules_evaluate(&in, &r);
	assert_int_equal(r.nflags, 2);
	assert_int_equal(r.flags[0].kind, FLAG_END_BEFORE_START);
	assert_int_equal(r.flags[0].is_order, 0);
	assert_string_equal(r.flags[0].id, "inverted");
	assert_int_equal(r.flags[0].recorded_end, D("2025-05-31"));
	assert_int_equal(r.flags[1].kind, FLAG_END_BEFORE_START);
	assert_int_equal(r.flags[1].is_order, 1);
	/* The inverted basis covers nothing. */
	assert_int_equal(r.ngaps, 1);
	assert_gap(&r, 0, D("2025-01-01"), D("2025-12-31"));
	rules_result_cleanup(&r);
}

/* A Jeugdwet basis recorded only after 18 is flagged and covers nothing. */
static void
test_basis_after_legal_end(void **state)
{
	struct rules_input in = input("2026-08-01", "2026-08-31", "2026-08-31");
	struct rules_basis bases[] = {
		{ BASIS_JEUGDWET, D("2026-08-01"), D("2026-08-31"), "late" },
	};
	struct rules_result r;

	in.bases = bases;
	in.nbases = NELEM(bases);
	rules_evaluate(&in, &r);
	assert_int_equal(r.nflags, 1);
	assert_int_equal(r.flags[0].kind, FLAG_PAST_LEGAL_END);
	assert_int_equal(r.ngaps, 1);
	assert_gap(&r, 0, D("2026-08-01"), D("2026-08-31"));
	assert_int_equal(r.figures.days_without_basis, 31);
	assert_int_equal(r.figures.gap_at_18, 0);	/* 18 before the span */
	rules_result_cleanup(&r);
}

static void
test_gap_at_18_outside_span(void **state)
{
	struct rules_input in = input("2024-01-01", "2025-12-31", "2025-12-31");
	struct rules_result r;

	/* No basis at all, but the trajectory closed before she turned 18. */
	rules_evaluate(&in, &r);
	assert_int_equal(r.figures.gap_at_18, 0);
	assert_int_equal(r.figures.eighteenth_birthday, D("2026-07-14"));
	rules_result_cleanup(&r);

	/* The span ends on the birthday itself: it counts. */
	in.end = D("2026-07-14");
	rules_evaluate(&in, &r);
	assert_int_equal(r.figures.gap_at_18, 1);
	rules_result_cleanup(&r);
}

static void
test_figures(void **state)
{
	struct rules_input in = input("2024-01-01", NULL, "2024-06-30");
	struct rules_basis bases[] = {
		{ BASIS_JEUGDWET, D("2024-01-01"), DATE_OPEN, "jw" },
	};
	struct rules_phase phases[] = {
		{ FORM_SECURE_RESIDENTIAL, "org-a", D("2024-01-01"),
		    D("2024-02-29") },
		{ FORM_OPEN_RESIDENTIAL, "org-b", D("2024-03-01"),
		    D("2024-04-30") },
		{ FORM_FAMILY_HOME, "org-c", D("2024-05-01"), DATE_OPEN },
	};
	struct rules_member members[] = {
		{ "u1", TEAM_MAIN_CAREGIVER, D("2024-01-01"), D("2024-03-31") },
		{ "u3", TEAM_CAREGIVER, D("2024-01-01"), DATE_OPEN },
		{ "u2", TEAM_MAIN_CAREGIVER, D("2024-04-10"), D("2024-05-31") },
		{ "u4", TEAM_THERAPIST, D("2024-04-01"), D("2024-04-09") },
		{ "u1", TEAM_MAIN_CAREGIVER, D("2024-06-01"), DATE_OPEN },
	};
	struct rules_result r;

	in.bases = bases;
	in.nbases = NELEM(bases);
	in.phases = phases;
	in.nphases = NELEM(phases);
	in.members = members;
	in.nmembers = NELEM(members);
	rules_evaluate(&in, &r);
	assert_int_equal(r.figures.transfers, 2);
	assert_int_equal(r.figures.distinct_main_caregivers, 2);
	/* 1..9 April: a caregiver and a therapist, but no main caregiver. */
	assert_int_equal(r.figures.days_without_main_caregiver, 9);
	assert_int_equal(r.figures.days_without_basis, 0);
	/* The open Jeugdwet still leaves the gap from 18 on. */
	assert_int_equal(r.ngaps, 1);
	assert_gap(&r, 0, D("2026-07-14"), DATE_OPEN);
	assert_int_equal(r.figures.gap_at_18, 1);
	rules_result_cleanup(&r);

	/* One phase is no transfer. */
	in.nphases = 1;
	rules_evaluate(&in, &r);
	assert_int_equal(r.figures.transfers, 0);
	rules_result_cleanup(&r);

	/* Touching memberships leave no day without a main caregiver. */
	members[2].from = D("2024-04-01");
	members[2].to = D("2024-05-31");
	in.nphases = 0;
	rules_evaluate(&in, &r);
	assert_int_equal(r.figures.transfers, 0);
	assert_int_equal(r.figures.days_without_main_caregiver, 0);
	rules_result_cleanup(&r);

	/* With only a plain caregiver, every day of the span lacks a main one. */
	in.members = members + 1;
	in.nmembers = 1;	/* only the caregiver u3 */
	in.as_of = D("2024-01-07");
	rules_evaluate(&in, &r);
	assert_int_equal(r.figures.distinct_main_caregivers, 0);
	assert_int_equal(r.figures.days_without_main_caregiver, 7);
	rules_result_cleanup(&r);
}

/* A main caregiver who started before the trajectory counts from its start. */
static void
test_figures_span_clipping(void **state)
{
	struct rules_input in = input("2024-03-01", "2024-03-31", "2025-01-01");
	struct rules_member members[] = {
		{ "u1", TEAM_MAIN_CAREGIVER, D("2023-01-01"), D("2024-03-10") },
		{ "u2", TEAM_MAIN_CAREGIVER, D("2024-03-25"), D("2024-12-31") },
	};
	struct rules_result r;

	in.members = members;
	in.nmembers = NELEM(members);
	rules_evaluate(&in, &r);
	/* 11..24 March; the trajectory ended before as_of. */
	assert_int_equal(r.figures.days_without_main_caregiver, 14);
	assert_int_equal(r.figures.days_without_basis, 31);
	assert_int_equal(r.figures.distinct_main_caregivers, 2);
	rules_result_cleanup(&r);
}

static void
test_bsn(void **state)
{
	/* 9*1+8*1+7*1+6*2+5*2+4*2+3*3+2*3-1*3 = 66 = 6 * 11. */
	assert_true(bsn_valid("111222333"));
	/* 9+16+21+24+25+24+21+16-2 = 154 = 14 * 11. */
	assert_true(bsn_valid("123456782"));
	assert_false(bsn_valid("123456789"));	/* 147, remainder 4 */
	assert_false(bsn_valid("111222334"));
	assert_false(bsn_valid("000000000"));	/* passes the sum, never issued */
	assert_false(bsn_valid("12345678"));	/* too short */
	assert_false(bsn_valid("1234567820"));	/* too long */
	assert_false(bsn_valid("12345678a"));
	assert_false(bsn_valid(" 11122233"));
	assert_false(bsn_valid("111-22-333"));
	assert_false(bsn_valid("111222333 "));
	assert_false(bsn_valid(""));
	assert_false(bsn_valid(NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_legal_end),
		cmocka_unit_test(test_legal_end_leap_day),
		cmocka_unit_test(test_overlap),
		cmocka_unit_test(test_covered_no_gaps),
		cmocka_unit_test(test_empty_trajectory),
		cmocka_unit_test(test_touching_bases),
		cmocka_unit_test(test_overlapping_bases),
		cmocka_unit_test(test_bases_outside_span),
		cmocka_unit_test(test_open_jeugdwet),
		cmocka_unit_test(test_open_jeugdwet_leap_day),
		cmocka_unit_test(test_basis_day_after_18),
		cmocka_unit_test(test_verlengde_past_23),
		cmocka_unit_test(test_orders),
		cmocka_unit_test(test_orders_do_not_cover),
		cmocka_unit_test(test_end_before_start),
		cmocka_unit_test(test_basis_after_legal_end),
		cmocka_unit_test(test_gap_at_18_outside_span),
		cmocka_unit_test(test_figures),
		cmocka_unit_test(test_figures_span_clipping),
		cmocka_unit_test(test_bsn),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
