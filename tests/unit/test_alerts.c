/*
 * test_alerts.c - unit tests of core/alerts: every rule of the continuity
 * engine with the as-of date on both sides of each threshold, the order of
 * the worklist, the exit gate and the continuity figures R5/R8/R11 add.
 *
 * One girl born on 14 July 2008: her 18th birthday is 2026-07-14, so the
 * transition window (12 months) opens on 2025-07-14.  Every list is
 * released with alert_list_cleanup(), so LeakSanitizer checks it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/alerts.h"

static dl_date
D(const char *s)
{
	dl_date d = DATE_NONE;

	assert_int_equal(date_parse(s, &d), 0);
	return d;
}

static struct alert_thresholds th;

/* An open trajectory from `start` with nothing in it, assessed domains. */
static struct alert_input
input(const char *start, const char *as_of)
{
	struct alert_input in;

	memset(&in, 0, sizeof in);
	in.r.birth = D("2008-07-14");
	in.r.start = D(start);
	in.r.end = DATE_OPEN;
	in.r.as_of = D(as_of);
	in.r.leap = LEAP_MARCH_1;
	in.client_id = "c1";
	in.trajectory_id = "t1";
	for (int i = 0; i < DOM__COUNT; i++)
		in.domains[i] = DS_IN_PROGRESS;
	return in;
}

/* How many alerts of `rule` the input gives as of `as_of`; the first in *out. */
static int
count_at(struct alert_input in, const char *as_of, enum alert_rule rule,
    struct alert *out)
{
	struct alert_list l = { 0 };
	int n = 0;

	in.r.as_of = D(as_of);
	alerts_evaluate(&in, &th, &l);
	for (size_t i = 0; i < l.n; i++)
		if (l.v[i].rule == rule) {
			if (n == 0 && out != NULL)
				*out = l.v[i];
			n++;
		}
	alert_list_cleanup(&l);
	return n;
}

static int
setup(void **state)
{
	alert_thresholds_default(&th);
	return 0;
}

static void
test_names(void **state)
{
	enum alert_rule r;
	enum plan_item_kind k;
	enum life_domain d;
	enum domain_status s;
	enum decision dc;

	for (int i = 0; i < ALERT__COUNT; i++) {
		assert_int_equal(alert_rule_parse(alert_rule_name(i), &r), 0);
		assert_int_equal(r, i);
		assert_non_null(alert_link(i));
	}
	assert_int_equal(alert_rule_parse("nonsense", &r), -1);
	assert_int_equal(plan_item_parse("bank_account_digid", &k), 0);
	assert_int_equal(k, ITEM_BANK_DIGID);
	assert_int_equal(life_domain_parse("parents", &d), 0);
	assert_int_equal(d, DOM_PARENTS);
	assert_int_equal(domain_status_parse("settled", &s), 0);
	assert_int_equal(decision_parse("granted", &dc), 0);
	assert_int_equal(decision_parse(NULL, &dc), -1);
	assert_string_equal(alert_link(ALERT_CLIFF_AT_18), "legal-bases");
	assert_string_equal(alert_link(ALERT_HANDOVER_WAITING), "handovers");
}

static void
test_no_transition_plan(void **state)
{
	struct alert_input in = input("2024-01-01", "2025-07-14");
	struct alert a;

	assert_int_equal(count_at(in, "2025-07-13", ALERT_NO_TRANSITION_PLAN, NULL), 0);
	assert_int_equal(count_at(in, "2025-07-14", ALERT_NO_TRANSITION_PLAN, &a), 1);
	assert_false(a.overdue);
	assert_int_equal(a.due, D("2025-07-14"));
	assert_int_equal(count_at(in, "2025-07-15", ALERT_NO_TRANSITION_PLAN, &a), 1);
	assert_true(a.overdue);
	assert_non_null(strstr(a.reason_nl, "transitieplan"));
	assert_non_null(strstr(a.reason_en, "transition plan"));
	assert_int_equal(count_at(in, "2026-07-13", ALERT_NO_TRANSITION_PLAN, NULL), 1);
	assert_int_equal(count_at(in, "2026-07-14", ALERT_NO_TRANSITION_PLAN, NULL), 0);
	in.has_plan = true;
	assert_int_equal(count_at(in, "2025-08-01", ALERT_NO_TRANSITION_PLAN, NULL), 0);
}

static void
test_cliff(void **state)
{
	struct alert_input in = input("2024-01-01", "2025-07-14");
	struct rules_basis b[2] = {
		{ BASIS_JEUGDWET, D("2024-01-01"), DATE_OPEN, "b1" },
		{ BASIS_WMO, D("2026-07-14"), DATE_OPEN, "b2" },
	};
	struct alert a;

	in.r.bases = b;
	in.r.nbases = 1;
	assert_int_equal(count_at(in, "2025-07-13", ALERT_CLIFF_AT_18, NULL), 0);
	assert_int_equal(count_at(in, "2025-07-14", ALERT_CLIFF_AT_18, &a), 1);
	assert_int_equal(a.due, D("2026-07-14"));
	assert_int_equal(a.severity, SEV_CRITICAL);
	assert_false(a.overdue);
	assert_int_equal(count_at(in, "2026-07-13", ALERT_CLIFF_AT_18, NULL), 1);
	/* From the birthday on it is a gap, not a cliff any more. */
	assert_int_equal(count_at(in, "2026-07-14", ALERT_CLIFF_AT_18, NULL), 0);
	assert_int_equal(count_at(in, "2026-07-14", ALERT_GAP, &a), 1);
	assert_int_equal(a.due, D("2026-07-14"));
	in.r.nbases = 2;
	assert_int_equal(count_at(in, "2025-07-14", ALERT_CLIFF_AT_18, NULL), 0);
	assert_int_equal(count_at(in, "2026-07-14", ALERT_GAP, NULL), 0);
}

static void
test_plan_item_overdue(void **state)
{
	struct alert_input in = input("2024-01-01", "2026-03-01");
	struct alert_item it = { "i1", ITEM_HOUSING, ITEM_OPEN, D("2026-03-01") };
	struct alert a;

	in.has_plan = true;
	in.items = &it;
	in.nitems = 1;
	assert_int_equal(count_at(in, "2026-03-01", ALERT_PLAN_ITEM_OVERDUE, NULL), 0);
	assert_int_equal(count_at(in, "2026-03-02", ALERT_PLAN_ITEM_OVERDUE, &a), 1);
	assert_true(a.overdue);
	assert_string_equal(a.object_id, "i1");
	assert_non_null(strstr(a.reason_nl, "wonen"));
	it.status = ITEM_DONE;
	assert_int_equal(count_at(in, "2026-03-02", ALERT_PLAN_ITEM_OVERDUE, NULL), 0);
	it.status = ITEM_IN_PROGRESS;
	it.due = DATE_NONE;
	assert_int_equal(count_at(in, "2026-03-02", ALERT_PLAN_ITEM_OVERDUE, NULL), 0);
	assert_int_equal(plan_item_default_due(ITEM_LEGAL_BASIS, D("2026-07-14")), D("2026-01-14"));
	assert_int_equal(plan_item_default_due(ITEM_HOUSING, D("2026-07-14")), D("2026-06-14"));
}

static void
test_successor_basis(void **state)
{
	struct alert_input in = input("2024-01-01", "2025-05-31");
	struct rules_basis b[2] = {
		{ BASIS_WMO, D("2024-01-01"), D("2025-06-30"), "b1" },
		{ BASIS_WMO, D("2025-07-01"), DATE_OPEN, "b2" },
	};
	struct alert a;

	in.r.bases = b;
	in.r.nbases = 1;
	assert_int_equal(count_at(in, "2025-05-30", ALERT_SUCCESSOR_MISSING, NULL), 0);
	assert_int_equal(count_at(in, "2025-05-31", ALERT_SUCCESSOR_MISSING, &a), 1);
	assert_int_equal(a.due, D("2025-06-30"));
	assert_string_equal(a.object_id, "b1");
	assert_int_equal(count_at(in, "2025-06-30", ALERT_SUCCESSOR_MISSING, NULL), 1);
	/* The trajectory ends with the basis: nothing needs to follow. */
	in.r.end = D("2025-06-30");
	assert_int_equal(count_at(in, "2025-06-01", ALERT_SUCCESSOR_MISSING, NULL), 0);
	in.r.end = DATE_OPEN;
	in.r.nbases = 2;
	assert_int_equal(count_at(in, "2025-06-01", ALERT_SUCCESSOR_MISSING, NULL), 0);
}

static void
test_order_ending(void **state)
{
	struct alert_input in = input("2025-01-01", "2025-06-16");
	struct rules_basis b = { BASIS_JEUGDWET, D("2025-01-01"), DATE_OPEN, "b" };
	struct rules_order o[2] = {
		{ ORDER_MACHTIGING, D("2025-01-01"), D("2025-06-30"), "o1" },
		{ ORDER_MACHTIGING, D("2025-07-01"), D("2025-12-31"), "o2" },
	};
	struct rules_phase p = { FORM_SECURE_RESIDENTIAL, "org", D("2025-01-01"), DATE_OPEN };
	struct alert a;

	in.r.bases = &b;
	in.r.nbases = 1;
	in.r.orders = o;
	in.r.norders = 1;
	in.r.phases = &p;
	in.r.nphases = 1;
	assert_int_equal(count_at(in, "2025-06-16", ALERT_ORDER_ENDING, &a), 1);
	assert_int_equal(a.due, D("2025-06-30"));
	assert_int_equal(count_at(in, "2025-06-16", ALERT_SUCCESSOR_MISSING, NULL), 0);
	assert_int_equal(count_at(in, "2025-06-15", ALERT_ORDER_ENDING, NULL), 0);
	assert_int_equal(count_at(in, "2025-06-15", ALERT_SUCCESSOR_MISSING, &a), 1);
	assert_string_equal(a.object_id, "o1");
	assert_int_equal(count_at(in, "2025-05-31", ALERT_SUCCESSOR_MISSING, NULL), 1);
	assert_int_equal(count_at(in, "2025-05-30", ALERT_SUCCESSOR_MISSING, NULL), 0);
	/* The secure placement ends with the order: nothing needs to follow. */
	p.end = D("2025-06-30");
	assert_int_equal(count_at(in, "2025-06-16", ALERT_ORDER_ENDING, NULL), 0);
	p.end = DATE_OPEN;
	in.r.norders = 2;
	assert_int_equal(count_at(in, "2025-06-16", ALERT_ORDER_ENDING, NULL), 0);
	/* An OTS needs a successor whatever the placement. */
	o[0].kind = ORDER_OTS;
	in.r.norders = 1;
	p.form = FORM_AMBULANT;
	assert_int_equal(count_at(in, "2025-06-20", ALERT_ORDER_ENDING, NULL), 1);
}

static void
test_gap(void **state)
{
	struct alert_input in = input("2024-01-01", "2025-03-31");
	struct rules_basis b = { BASIS_JEUGDWET, D("2024-01-01"), D("2025-03-31"), "b" };
	struct alert a;

	in.r.bases = &b;
	in.r.nbases = 1;
	assert_int_equal(count_at(in, "2025-03-31", ALERT_GAP, NULL), 0);
	assert_int_equal(count_at(in, "2025-04-01", ALERT_GAP, &a), 1);
	assert_true(a.overdue);
	assert_int_equal(a.due, D("2025-04-01"));
	/* Its first day in the singular, in both languages. */
	assert_non_null(strstr(a.reason_nl, "(1 dag)"));
	assert_non_null(strstr(a.reason_en, "(1 day)"));
	assert_int_equal(count_at(in, "2025-05-01", ALERT_GAP, &a), 1);
	assert_non_null(strstr(a.reason_en, "31 days"));
	assert_non_null(strstr(a.reason_nl, "(31 dagen)"));
}

static void
test_secure_without_order(void **state)
{
	struct alert_input in = input("2025-01-01", "2025-02-01");
	struct rules_basis b = { BASIS_JEUGDWET, D("2025-01-01"), DATE_OPEN, "b" };
	struct rules_order o = { ORDER_MACHTIGING, D("2025-01-01"), DATE_OPEN, "o" };
	struct rules_phase p = { FORM_SECURE_RESIDENTIAL, "org", D("2025-01-01"), DATE_OPEN };
	struct alert a;

	in.r.bases = &b;
	in.r.nbases = 1;
	in.r.orders = &o;
	in.r.norders = 1;
	in.r.phases = &p;
	in.r.nphases = 1;
	assert_int_equal(count_at(in, "2025-02-01", ALERT_SECURE_WITHOUT_ORDER, NULL), 0);
	o.start = D("2025-01-02");
	assert_int_equal(count_at(in, "2025-02-01", ALERT_SECURE_WITHOUT_ORDER, &a), 1);
	assert_int_equal(a.due, D("2025-01-01"));
	assert_int_equal(a.severity, SEV_CRITICAL);
	/* An open machtiging lapses by law six months after 18. */
	o.start = D("2025-01-01");
	assert_int_equal(count_at(in, "2027-01-13", ALERT_SECURE_WITHOUT_ORDER, NULL), 0);
	assert_int_equal(count_at(in, "2027-01-14", ALERT_SECURE_WITHOUT_ORDER, &a), 1);
	assert_int_equal(a.due, D("2027-01-14"));
	/* An OTS is no ground for a secure placement. */
	o.kind = ORDER_OTS;
	assert_int_equal(count_at(in, "2025-01-01", ALERT_SECURE_WITHOUT_ORDER, NULL), 1);
	p.form = FORM_OPEN_RESIDENTIAL;
	assert_int_equal(count_at(in, "2025-01-01", ALERT_SECURE_WITHOUT_ORDER, NULL), 0);
}

static void
test_review(void **state)
{
	struct alert_input in = input("2025-01-01", "2025-04-01");
	struct rules_phase p = { FORM_SECURE_RESIDENTIAL, "org", D("2025-01-01"), DATE_OPEN };
	struct alert_review v = { D("2025-03-15"), DATE_NONE };
	struct alert a;

	in.r.phases = &p;
	in.r.nphases = 1;
	assert_int_equal(count_at(in, "2025-04-01", ALERT_REVIEW_OVERDUE, NULL), 0);
	assert_int_equal(count_at(in, "2025-04-02", ALERT_REVIEW_OVERDUE, &a), 1);
	assert_int_equal(a.due, D("2025-04-01"));
	p.form = FORM_OPEN_RESIDENTIAL;
	assert_int_equal(count_at(in, "2025-07-01", ALERT_REVIEW_OVERDUE, NULL), 0);
	assert_int_equal(count_at(in, "2025-07-02", ALERT_REVIEW_OVERDUE, NULL), 1);
	p.form = FORM_SECURE_RESIDENTIAL;
	in.reviews = &v;
	in.nreviews = 1;
	assert_int_equal(count_at(in, "2025-06-15", ALERT_REVIEW_OVERDUE, NULL), 0);
	assert_int_equal(count_at(in, "2025-06-16", ALERT_REVIEW_OVERDUE, NULL), 1);
	v.next_date = D("2025-05-01");
	assert_int_equal(count_at(in, "2025-05-01", ALERT_REVIEW_OVERDUE, NULL), 0);
	assert_int_equal(count_at(in, "2025-05-02", ALERT_REVIEW_OVERDUE, NULL), 1);
	in.r.as_of = D("2025-04-20");
	assert_int_equal(alerts_review_due(&in, &th), D("2025-05-01"));
}

static void
test_no_main_caregiver(void **state)
{
	struct alert_input in = input("2025-01-01", "2025-05-31");
	struct rules_member m[2] = {
		{ "u1", TEAM_MAIN_CAREGIVER, D("2025-01-01"), D("2025-05-31") },
		{ "u2", TEAM_CAREGIVER, D("2025-01-01"), DATE_OPEN },
	};
	struct alert a;

	in.r.members = m;
	in.r.nmembers = 2;
	assert_int_equal(count_at(in, "2025-05-31", ALERT_NO_MAIN_CAREGIVER, NULL), 0);
	assert_int_equal(count_at(in, "2025-06-01", ALERT_NO_MAIN_CAREGIVER, &a), 1);
	assert_int_equal(a.due, D("2025-06-01"));
	assert_true(a.overdue);
	in.r.nmembers = 0;
	assert_int_equal(count_at(in, "2025-01-01", ALERT_NO_MAIN_CAREGIVER, &a), 1);
	assert_int_equal(a.due, D("2025-01-01"));
}

static void
test_handover_waiting(void **state)
{
	struct alert_input in = input("2025-01-01", "2025-03-15");
	struct alert_handover h = { "h1", D("2025-03-01"), DATE_NONE, false, "u-bram", false };
	struct alert a;

	in.handovers = &h;
	in.nhandovers = 1;
	/* Nothing before it is proposed; from that day on it waits, not yet
	 * late; late after the waiting time. */
	assert_int_equal(count_at(in, "2025-02-28", ALERT_HANDOVER_WAITING, NULL), 0);
	assert_int_equal(count_at(in, "2025-03-01", ALERT_HANDOVER_WAITING, &a), 1);
	assert_false(a.overdue);
	assert_string_equal(a.actor, "u-bram");
	assert_int_equal(count_at(in, "2025-03-15", ALERT_HANDOVER_WAITING, &a), 1);
	assert_false(a.overdue);
	assert_int_equal(count_at(in, "2025-03-16", ALERT_HANDOVER_WAITING, &a), 1);
	assert_true(a.overdue);
	assert_int_equal(a.due, D("2025-03-15"));
	assert_string_equal(a.object_id, "h1");
	assert_string_equal(a.actor, "u-bram");
	h.accepted_on = D("2025-03-20");
	assert_int_equal(count_at(in, "2025-03-21", ALERT_HANDOVER_WAITING, NULL), 0);
	h.accepted_on = DATE_NONE;
	h.withdrawn = true;
	assert_int_equal(count_at(in, "2025-03-21", ALERT_HANDOVER_WAITING, NULL), 0);
}

static void
test_third_transfer(void **state)
{
	struct alert_input in = input("2024-01-01", "2025-05-31");
	struct rules_phase p[4] = {
		{ FORM_SECURE_RESIDENTIAL, "a", D("2024-01-01"), D("2024-05-31") },
		{ FORM_OPEN_RESIDENTIAL, "b", D("2024-06-01"), D("2024-08-31") },
		{ FORM_FAMILY_HOME, "c", D("2024-09-01"), D("2025-01-31") },
		{ FORM_OPEN_RESIDENTIAL, "b", D("2025-02-01"), DATE_OPEN },
	};
	struct alert a;

	in.r.phases = p;
	in.r.nphases = 4;
	assert_int_equal(count_at(in, "2025-05-31", ALERT_THIRD_TRANSFER, &a), 1);
	assert_int_equal(a.due, D("2025-02-01"));
	assert_int_equal(count_at(in, "2025-06-01", ALERT_THIRD_TRANSFER, NULL), 0);
	/* The first placement is no transfer. */
	in.r.nphases = 3;
	assert_int_equal(count_at(in, "2025-01-01", ALERT_THIRD_TRANSFER, NULL), 0);
}

static void
test_domains(void **state)
{
	struct alert_input in = input("2025-01-01", "2025-02-12");
	struct alert a;

	in.domains[DOM_WORK] = DS_NOT_ASSESSED;
	in.domains[DOM_PARENTS] = DS_NOT_ASSESSED;
	assert_int_equal(count_at(in, "2025-02-12", ALERT_DOMAIN_NOT_ASSESSED, NULL), 0);
	assert_int_equal(count_at(in, "2025-02-13", ALERT_DOMAIN_NOT_ASSESSED, &a), 1);
	assert_int_equal(a.due, D("2025-02-12"));
	assert_non_null(strstr(a.reason_nl, "2 van de 9"));
	in.domains[DOM_WORK] = DS_SETTLED;
	in.domains[DOM_PARENTS] = DS_NEEDS_WORK;
	assert_int_equal(count_at(in, "2025-02-13", ALERT_DOMAIN_NOT_ASSESSED, NULL), 0);
}

static void
test_aftercare(void **state)
{
	struct alert_input in = input("2024-01-01", "2025-09-01");
	struct alert_aftercare c = { "f1", D("2025-09-01"), DATE_NONE, false };
	struct alert a;

	/* Closed: only aftercare counts, not the missing main caregiver. */
	in.r.end = D("2025-06-01");
	in.aftercare = &c;
	in.naftercare = 1;
	assert_int_equal(count_at(in, "2025-08-31", ALERT_AFTERCARE_DUE, NULL), 0);
	assert_int_equal(count_at(in, "2025-09-01", ALERT_AFTERCARE_DUE, &a), 1);
	assert_false(a.overdue);
	assert_int_equal(count_at(in, "2025-09-02", ALERT_AFTERCARE_DUE, &a), 1);
	assert_true(a.overdue);
	assert_int_equal(count_at(in, "2025-09-02", ALERT_NO_MAIN_CAREGIVER, NULL), 0);
	c.done_on = D("2025-09-02");
	assert_int_equal(count_at(in, "2025-09-03", ALERT_AFTERCARE_DUE, NULL), 0);
	c.done_on = DATE_NONE;
	c.cancelled = true;
	assert_int_equal(count_at(in, "2025-09-03", ALERT_AFTERCARE_DUE, NULL), 0);
}

static void
test_sort(void **state)
{
	struct alert_input in = input("2024-01-01", "2025-08-01");
	struct rules_basis b = { BASIS_JEUGDWET, D("2024-01-01"), DATE_OPEN, "b" };
	struct alert_list l = { 0 };

	in.r.bases = &b;
	in.r.nbases = 1;
	alerts_evaluate(&in, &th, &l);	/* no plan (high, overdue), cliff (critical, ahead), no main caregiver (high, overdue, earlier) */
	alerts_sort(&l);
	assert_true(l.n >= 3);
	/* The critical cliff comes first although it is not overdue yet. */
	assert_int_equal(l.v[0].rule, ALERT_CLIFF_AT_18);
	assert_false(l.v[0].overdue);
	assert_int_equal(l.v[1].rule, ALERT_NO_MAIN_CAREGIVER);
	assert_int_equal(l.v[2].rule, ALERT_NO_TRANSITION_PLAN);
	for (size_t i = 1; i < l.n; i++) {
		assert_true(l.v[i - 1].severity >= l.v[i].severity);
		if (l.v[i - 1].severity == l.v[i].severity)
			assert_true(l.v[i - 1].overdue >= l.v[i].overdue);
	}
	alert_list_cleanup(&l);
}

static void
test_exit_gate(void **state)
{
	enum domain_status st[DOM__COUNT];
	unsigned m;

	for (int i = 0; i < DOM__COUNT; i++)
		st[i] = DS_SETTLED;
	assert_int_equal(alerts_exit_unsettled(st), 0);
	st[DOM_SAFETY] = DS_NEEDS_WORK;		/* not part of the gate */
	st[DOM_NETWORK] = DS_NOT_ASSESSED;
	assert_int_equal(alerts_exit_unsettled(st), 0);
	st[DOM_HOUSING] = DS_IN_PROGRESS;
	st[DOM_PARENTS] = DS_NOT_ASSESSED;
	m = alerts_exit_unsettled(st);
	assert_int_equal(m, (1u << DOM_HOUSING) | (1u << DOM_PARENTS));
}

static void
test_figures(void **state)
{
	struct alert_input in = input("2025-01-01", "2025-12-31");
	struct alert_handover h[3] = {
		{ "h1", D("2025-02-01"), D("2025-02-15"), false, NULL, false },	/* 14 days: in time */
		{ "h2", D("2025-03-01"), D("2025-03-16"), false, NULL, false },	/* 15 days: late */
		{ "h3", D("2025-04-01"), DATE_NONE, true, NULL, false },
	};
	struct rules_phase p = { FORM_SECURE_RESIDENTIAL, "a", D("2025-01-01"), DATE_OPEN };
	struct alert_review v[2] = {
		{ D("2025-04-01"), DATE_NONE },		/* due 04-01: on time */
		{ D("2025-07-02"), DATE_NONE },		/* due 07-01: late */
	};
	struct alert_interruption x = { D("2025-05-01"), D("2025-05-11") };
	struct continuity_extra f;

	in.handovers = h;
	in.nhandovers = 3;
	in.r.phases = &p;
	in.r.nphases = 1;
	in.reviews = v;
	in.nreviews = 2;
	in.interruptions = &x;
	in.ninterruptions = 1;
	alerts_figures(&in, &th, &f);
	assert_int_equal(f.handovers, 2);
	assert_int_equal(f.handovers_accepted, 2);
	assert_int_equal(f.handovers_in_time, 1);
	assert_int_equal(f.reviews_held, 2);
	assert_int_equal(f.reviews_on_time, 1);
	assert_int_equal(f.interruptions, 1);
	assert_int_equal(f.interruption_days, 9);
}

static void
test_threshold_settings(void **state)
{
	struct alert_thresholds t;

	alert_thresholds_default(&t);
	for (size_t i = 0; i < alert_nthresholds; i++)
		assert_int_equal(alert_threshold_get(&t, alert_threshold_infos[i].name),
		    alert_threshold_infos[i].dflt);
	assert_int_equal(t.transition_window_months, 12);
	assert_int_equal(t.domain_assess_days, 42);
	assert_int_equal(alert_threshold_set(&t, "transition_window_months", 9), 0);
	assert_int_equal(t.transition_window_months, 9);
	/* Both bounds are inside, one past each is refused and changes nothing. */
	assert_int_equal(alert_threshold_set(&t, "transfers_max", 2), 0);
	assert_int_equal(alert_threshold_set(&t, "transfers_max", 20), 0);
	assert_int_equal(alert_threshold_set(&t, "transfers_max", 1), -1);
	assert_int_equal(alert_threshold_set(&t, "transfers_max", 21), -1);
	assert_int_equal(t.transfers_max, 20);
	assert_int_equal(alert_threshold_set(&t, "no_such_threshold", 5), -1);
	assert_int_equal(alert_threshold_get(&t, "no_such_threshold"), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_no_transition_plan),
		cmocka_unit_test(test_cliff),
		cmocka_unit_test(test_plan_item_overdue),
		cmocka_unit_test(test_successor_basis),
		cmocka_unit_test(test_order_ending),
		cmocka_unit_test(test_gap),
		cmocka_unit_test(test_secure_without_order),
		cmocka_unit_test(test_review),
		cmocka_unit_test(test_no_main_caregiver),
		cmocka_unit_test(test_handover_waiting),
		cmocka_unit_test(test_third_transfer),
		cmocka_unit_test(test_domains),
		cmocka_unit_test(test_aftercare),
		cmocka_unit_test(test_sort),
		cmocka_unit_test(test_exit_gate),
		cmocka_unit_test(test_figures),
		cmocka_unit_test(test_threshold_settings),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
