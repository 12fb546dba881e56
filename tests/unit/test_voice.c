/*
 * test_voice.c - the pure rules of her voice (core/voice.c): whose
 * consent a sharing rests on, on both sides of 12 and 16 and for a
 * registration, the sections of her own plan, the share of promises
 * kept, and the worklist's promise-overdue rule (core/alerts.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/alerts.h"
#include "core/voice.h"

static dl_date
ymd(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static void
test_consent_by_age(void **state)
{
	dl_date birth = ymd(2010, 6, 15);

	(void)state;
	/* The day before and the day of her 12th birthday. */
	assert_int_equal(consent_required(birth, ymd(2022, 6, 14), false,
	    LEAP_MARCH_1), CONSENT_PARENTS);
	assert_int_equal(consent_required(birth, ymd(2022, 6, 15), false,
	    LEAP_MARCH_1), CONSENT_BOTH);
	/* The day before and the day of her 16th birthday. */
	assert_int_equal(consent_required(birth, ymd(2026, 6, 14), false,
	    LEAP_MARCH_1), CONSENT_BOTH);
	assert_int_equal(consent_required(birth, ymd(2026, 6, 15), false,
	    LEAP_MARCH_1), CONSENT_CLIENT);
	assert_int_equal(consent_required(birth, ymd(2030, 1, 1), false,
	    LEAP_MARCH_1), CONSENT_CLIENT);
}

static void
test_consent_registration(void **state)
{
	dl_date birth = ymd(2010, 6, 15);

	(void)state;
	/* Registration as a victim: parents below 16, herself from 16. */
	assert_int_equal(consent_required(birth, ymd(2023, 1, 1), true,
	    LEAP_MARCH_1), CONSENT_PARENTS);
	assert_int_equal(consent_required(birth, ymd(2026, 6, 14), true,
	    LEAP_MARCH_1), CONSENT_PARENTS);
	assert_int_equal(consent_required(birth, ymd(2026, 6, 15), true,
	    LEAP_MARCH_1), CONSENT_CLIENT);
}

static void
test_consent_leap_day(void **state)
{
	dl_date birth = ymd(2012, 2, 29);

	(void)state;
	/* 16 in 2028, a leap year: 29 February under either rule. */
	assert_int_equal(consent_required(birth, ymd(2028, 2, 28), false,
	    LEAP_MARCH_1), CONSENT_BOTH);
	assert_int_equal(consent_required(birth, ymd(2028, 2, 29), false,
	    LEAP_MARCH_1), CONSENT_CLIENT);
	/* 12 and 16 are multiples of 4: born on 29 February, she turns 12
	 * and 16 in leap years (before 2100), so both readings agree. */
	assert_int_equal(consent_required(birth, ymd(2024, 2, 29), false,
	    LEAP_FEB_28), CONSENT_BOTH);
	assert_int_equal(consent_required(birth, ymd(2024, 2, 28), false,
	    LEAP_FEB_28), CONSENT_PARENTS);
}

static void
test_parties_and_sections(void **state)
{
	enum consent_party p;
	int s;

	(void)state;
	assert_int_equal(consent_party_parse("both", &p), 0);
	assert_int_equal(p, CONSENT_BOTH);
	assert_string_equal(consent_party_name(CONSENT_PARENTS), "parents");
	assert_int_equal(consent_party_parse("guardian", &p), -1);
	assert_int_equal(own_section_parse("general", &s), 0);
	assert_int_equal(s, OWN_GENERAL);
	assert_int_equal(own_section_parse("housing", &s), 0);
	assert_int_equal(s, DOM_HOUSING);
	assert_string_equal(own_section_name(DOM_PARENTS), "parents");
	assert_string_equal(own_section_name(OWN_GENERAL), "general");
	assert_int_equal(own_section_parse("hobbies", &s), -1);
	assert_int_equal(own_section_parse(NULL, &s), -1);
}

static void
test_share_kept(void **state)
{
	struct promise_tally t = { 0 };

	(void)state;
	assert_true(promise_share_kept(&t) < 0);
	t.open = 3;
	t.changed = 2;
	assert_true(promise_share_kept(&t) < 0);	/* nothing fell due */
	t.kept = 3;
	t.broken = 1;
	assert_true(promise_share_kept(&t) == 0.75);
	t.overdue = 2;	/* open past its date counts as not kept */
	assert_true(promise_share_kept(&t) == 0.5);
}

static int
count_rule(enum alert_rule rule, dl_date as_of, const struct alert_promise *p,
    size_t n)
{
	struct alert_input in;
	struct alert_thresholds th;
	struct alert_list l = { 0 };
	int c = 0;

	memset(&in, 0, sizeof in);
	in.r.birth = ymd(2010, 6, 15);
	in.r.start = ymd(2025, 1, 1);
	in.r.end = DATE_OPEN;
	in.r.as_of = as_of;
	in.r.leap = LEAP_MARCH_1;
	in.client_id = "c";
	in.trajectory_id = "t";
	in.promises = p;
	in.npromises = n;
	alert_thresholds_default(&th);
	alerts_evaluate(&in, &th, &l);
	for (size_t i = 0; i < l.n; i++)
		if (l.v[i].rule == rule) {
			assert_true(l.v[i].overdue ||
			    rule == ALERT_PROMISE_DISPUTED);
			assert_int_equal(l.v[i].severity, SEV_HIGH);
			assert_string_equal(l.v[i].object_id, p[0].id);
			c++;
		}
	alert_list_cleanup(&l);
	return c;
}

static int
count_promise_alerts(dl_date as_of, const struct alert_promise *p, size_t n)
{
	return count_rule(ALERT_PROMISE_OVERDUE, as_of, p, n);
}

static void
test_promise_overdue_alert(void **state)
{
	const struct alert_promise p[] = { { "p1", 0, DATE_NONE } };
	struct alert_promise q = p[0];

	(void)state;
	q.due = ymd(2026, 3, 1);
	/* On its date it is not overdue yet; the day after it is. */
	assert_int_equal(count_promise_alerts(ymd(2026, 3, 1), &q, 1), 0);
	assert_int_equal(count_promise_alerts(ymd(2026, 3, 2), &q, 1), 1);
	assert_int_equal(count_promise_alerts(ymd(2026, 3, 2), &q, 0), 0);
	assert_string_equal(alert_rule_name(ALERT_PROMISE_OVERDUE),
	    "promise_overdue");
	assert_string_equal(alert_link(ALERT_PROMISE_OVERDUE), "promises");
}

/* Her "not kept" on an open promise: from the day she said it, high. */
static void
test_promise_disputed_alert(void **state)
{
	struct alert_promise q = { "p1", 0, DATE_NONE };

	(void)state;
	q.due = ymd(2026, 6, 1);
	assert_int_equal(count_promise_alerts(ymd(2026, 3, 2), &q, 1), 0);
	assert_int_equal(count_rule(ALERT_PROMISE_DISPUTED, ymd(2026, 3, 2),
	    &q, 1), 0);
	q.disputed_on = ymd(2026, 3, 2);
	assert_int_equal(count_rule(ALERT_PROMISE_DISPUTED, ymd(2026, 3, 1),
	    &q, 1), 0);
	assert_int_equal(count_rule(ALERT_PROMISE_DISPUTED, ymd(2026, 3, 2),
	    &q, 1), 1);
	/* Not overdue as a promise: only the dispute. */
	assert_int_equal(count_promise_alerts(ymd(2026, 3, 2), &q, 1), 0);
	assert_string_equal(alert_rule_name(ALERT_PROMISE_DISPUTED),
	    "promise_disputed");
	assert_string_equal(alert_link(ALERT_PROMISE_DISPUTED), "promises");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_consent_by_age),
		cmocka_unit_test(test_consent_registration),
		cmocka_unit_test(test_consent_leap_day),
		cmocka_unit_test(test_parties_and_sections),
		cmocka_unit_test(test_share_kept),
		cmocka_unit_test(test_promise_overdue_alert),
		cmocka_unit_test(test_promise_disputed_alert),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
