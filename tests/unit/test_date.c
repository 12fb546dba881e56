/*
 * test_date.c - unit tests of core/date: conversion, strict parsing,
 * formatting, month arithmetic, birthdays and ages under both 29-February
 * rules, the Amsterdam clock around the summer-time switches, and today's
 * overrides.
 *
 * The environment test must run first: DOORLOOP_TODAY is read only on the
 * first call of date_today() in the process, and cmocka runs the tests in
 * the order of the table in main().  The malformed-value case runs in a
 * forked child so that it gets a first call of its own.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/date.h"

/* A date from a literal that the test knows to be valid. */
static dl_date
D(const char *s)
{
	dl_date d = DATE_NONE;

	assert_int_equal(date_parse(s, &d), 0);
	return d;
}

/* The unix time of a UTC date and clock time. */
static int64_t
utc(const char *day, int h, int min, int sec)
{
	return (int64_t)D(day) * 86400 + h * 3600 + min * 60 + sec;
}

static void
test_today_env(void **state)
{
	dl_date now;

	setenv("DOORLOOP_TODAY", "2031-05-06", 1);
	assert_int_equal(date_today(), D("2031-05-06"));

	/* An explicit override wins over the environment. */
	date_set_today(D("2024-02-29"));
	assert_int_equal(date_today(), D("2024-02-29"));

	/* Clearing it gives the clock; the environment is not read again. */
	date_set_today(DATE_NONE);
	now = date_amsterdam((int64_t)time(NULL));
	assert_true(date_today() >= now && date_today() <= now + 1);
	unsetenv("DOORLOOP_TODAY");
}

static void
test_today_env_malformed(void **state)
{
	pid_t pid;
	int status;

	pid = fork();
	assert_true(pid != -1);
	if (pid == 0) {
		/* A new image gets a first date_today() of its own. */
		setenv("DOORLOOP_TODAY", "2031-5-6", 1);
		execl("/proc/self/exe", "test_date", "--child-malformed",
		    (char *)NULL);
		_exit(99);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

static void
test_ymd_roundtrip(void **state)
{
	int y, m, d;

	assert_int_equal(date_from_ymd(1970, 1, 1), 0);
	assert_int_equal(date_from_ymd(1969, 12, 31), -1);
	assert_int_equal(date_from_ymd(1900, 1, 1), -25567);
	assert_int_equal(date_from_ymd(2000, 1, 1), 10957);
	assert_int_equal(date_from_ymd(2000, 2, 29), 11016);
	assert_int_equal(date_from_ymd(2024, 2, 29), 19782);
	assert_int_equal(date_from_ymd(2200, 12, 31), 84370);

	date_to_ymd(11016, &y, &m, &d);
	assert_int_equal(y, 2000);
	assert_int_equal(m, 2);
	assert_int_equal(d, 29);
	date_to_ymd(-25567, &y, &m, &d);
	assert_int_equal(y, 1900);
	assert_int_equal(m, 1);
	assert_int_equal(d, 1);

	/* Every day of the supported range survives the round trip. */
	for (dl_date day = -25567; day <= 84370; day++) {
		date_to_ymd(day, &y, &m, &d);
		assert_true(date_valid_ymd(y, m, d));
		assert_int_equal(date_from_ymd(y, m, d), day);
	}
}

static void
test_leap_years(void **state)
{
	assert_true(date_valid_ymd(2000, 2, 29));	/* divisible by 400 */
	assert_false(date_valid_ymd(1900, 2, 29));	/* by 100, not 400 */
	assert_false(date_valid_ymd(2100, 2, 29));
	assert_true(date_valid_ymd(2024, 2, 29));
	assert_false(date_valid_ymd(2023, 2, 29));
	assert_true(date_valid_ymd(2023, 2, 28));
	/* 2000 has 366 days, 1900 has 365. */
	assert_int_equal(date_from_ymd(2001, 1, 1) - date_from_ymd(2000, 1, 1),
	    366);
	assert_int_equal(date_from_ymd(1901, 1, 1) - date_from_ymd(1900, 1, 1),
	    365);
	assert_int_equal(D("2024-03-01") - D("2024-02-28"), 2);
	assert_int_equal(D("2023-03-01") - D("2023-02-28"), 1);
}

static void
test_valid_ymd_bounds(void **state)
{
	assert_true(date_valid_ymd(1900, 1, 1));
	assert_true(date_valid_ymd(2200, 12, 31));
	assert_false(date_valid_ymd(1899, 12, 31));
	assert_false(date_valid_ymd(2201, 1, 1));
	assert_false(date_valid_ymd(2023, 0, 1));
	assert_false(date_valid_ymd(2023, 13, 1));
	assert_false(date_valid_ymd(2023, 1, 0));
	assert_false(date_valid_ymd(2023, 1, 32));
	assert_false(date_valid_ymd(2023, 4, 31));
	assert_true(date_valid_ymd(2023, 4, 30));
}

static void
test_parse_valid(void **state)
{
	dl_date d = DATE_NONE;

	assert_int_equal(date_parse("1970-01-01", &d), 0);
	assert_int_equal(d, 0);
	assert_int_equal(date_parse("2000-02-29", &d), 0);
	assert_int_equal(d, 11016);
	assert_int_equal(date_parse("1900-01-01", &d), 0);
	assert_int_equal(d, -25567);
	assert_int_equal(date_parse("2200-12-31", &d), 0);
	assert_int_equal(d, 84370);
}

static void
test_parse_invalid(void **state)
{
	static const char *const bad[] = {
		"2023-02-30",	/* no such day */
		"2023-02-29",	/* common year */
		"1900-02-29",	/* 1900 is not a leap year */
		"2023-13-01",	/* no such month */
		"2023-00-10",
		"2023-01-00",
		"2023-04-31",
		"2023-1-01",	/* not zero-padded */
		"2023-01-1",
		"23-01-01",
		"2023-01-01x",	/* trailing garbage */
		"2023-01-01 ",
		"2023-01-01T00:00:00Z",
		" 2023-01-01",
		"2023/01/01",
		"20230101",
		"2023-01",
		"",
		"1899-12-31",	/* out of range */
		"2201-01-01",
		"+023-01-01",
		"2023-+1-01",
		"２023-01-01",
	};
	dl_date d = 12345;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(date_parse(bad[i], &d), -1);
		assert_int_equal(d, 12345);	/* untouched on failure */
	}
	assert_int_equal(date_parse(NULL, &d), -1);
	assert_int_equal(d, 12345);
}

static void
test_format(void **state)
{
	char buf[DATE_STR_LEN + 1];

	date_format(0, buf);
	assert_string_equal(buf, "1970-01-01");
	date_format(11016, buf);
	assert_string_equal(buf, "2000-02-29");
	date_format(-25567, buf);
	assert_string_equal(buf, "1900-01-01");
	date_format(84370, buf);
	assert_string_equal(buf, "2200-12-31");
	date_format(D("2026-10-05"), buf);
	assert_string_equal(buf, "2026-10-05");
	memset(buf, 'x', sizeof(buf));
	date_format(DATE_OPEN, buf);
	assert_string_equal(buf, "");
	memset(buf, 'x', sizeof(buf));
	date_format(DATE_NONE, buf);
	assert_string_equal(buf, "");
}

static void
test_add_months(void **state)
{
	/* End of month clamps. */
	assert_int_equal(date_add_months(D("2023-01-31"), 1), D("2023-02-28"));
	assert_int_equal(date_add_months(D("2024-01-31"), 1), D("2024-02-29"));
	assert_int_equal(date_add_months(D("2024-03-31"), 1), D("2024-04-30"));
	assert_int_equal(date_add_months(D("2024-08-31"), 6), D("2025-02-28"));
	assert_int_equal(date_add_months(D("2024-02-29"), 12), D("2025-02-28"));
	assert_int_equal(date_add_months(D("2024-02-29"), 48), D("2028-02-29"));
	/* Ordinary steps, year changes, negatives and zero. */
	assert_int_equal(date_add_months(D("2024-05-15"), 0), D("2024-05-15"));
	assert_int_equal(date_add_months(D("2024-11-15"), 2), D("2025-01-15"));
	assert_int_equal(date_add_months(D("2024-01-15"), -1), D("2023-12-15"));
	assert_int_equal(date_add_months(D("2024-03-31"), -1), D("2024-02-29"));
	assert_int_equal(date_add_months(D("2023-03-31"), -13), D("2022-02-28"));
	assert_int_equal(date_add_months(D("2000-01-01"), 1200), D("2100-01-01"));
	/* The day is not carried: 31 Jan + 1 + 1 month is 28 Mar. */
	assert_int_equal(date_add_months(date_add_months(D("2023-01-31"), 1), 1),
	    D("2023-03-28"));
}

static void
test_birthday_ordinary(void **state)
{
	dl_date birth = D("2008-07-14");

	assert_int_equal(date_birthday(birth, 0, LEAP_MARCH_1), birth);
	assert_int_equal(date_birthday(birth, 18, LEAP_MARCH_1), D("2026-07-14"));
	assert_int_equal(date_birthday(birth, 18, LEAP_FEB_28), D("2026-07-14"));
	assert_int_equal(date_birthday(birth, 23, LEAP_MARCH_1), D("2031-07-14"));
	/* 28 February and 1 March births are untouched by the rule. */
	assert_int_equal(date_birthday(D("2007-02-28"), 1, LEAP_MARCH_1),
	    D("2008-02-28"));
	assert_int_equal(date_birthday(D("2007-03-01"), 1, LEAP_FEB_28),
	    D("2008-03-01"));
}

static void
test_birthday_leap_day(void **state)
{
	dl_date birth = D("2008-02-29");

	/* Common year: the rule decides. */
	assert_int_equal(date_birthday(birth, 18, LEAP_MARCH_1), D("2026-03-01"));
	assert_int_equal(date_birthday(birth, 18, LEAP_FEB_28), D("2026-02-28"));
	/* Leap year: 29 February under both rules. */
	assert_int_equal(date_birthday(birth, 16, LEAP_MARCH_1), D("2024-02-29"));
	assert_int_equal(date_birthday(birth, 16, LEAP_FEB_28), D("2024-02-29"));
	/* 2000 is a leap year, 2100 is not. */
	assert_int_equal(date_birthday(D("1996-02-29"), 4, LEAP_FEB_28),
	    D("2000-02-29"));
	assert_int_equal(date_birthday(D("2096-02-29"), 4, LEAP_FEB_28),
	    D("2100-02-28"));
	assert_int_equal(date_birthday(D("2096-02-29"), 4, LEAP_MARCH_1),
	    D("2100-03-01"));
}

static void
test_age_ordinary(void **state)
{
	dl_date birth = D("2008-07-14");

	assert_int_equal(date_age(birth, birth, LEAP_MARCH_1), 0);
	assert_int_equal(date_age(birth, D("2000-01-01"), LEAP_MARCH_1), 0);
	assert_int_equal(date_age(birth, D("2009-07-13"), LEAP_MARCH_1), 0);
	assert_int_equal(date_age(birth, D("2009-07-14"), LEAP_MARCH_1), 1);
	assert_int_equal(date_age(birth, D("2026-07-13"), LEAP_MARCH_1), 17);
	assert_int_equal(date_age(birth, D("2026-07-14"), LEAP_MARCH_1), 18);
	assert_int_equal(date_age(birth, D("2026-12-31"), LEAP_FEB_28), 18);
	assert_int_equal(date_age(birth, D("2031-07-14"), LEAP_FEB_28), 23);
}

static void
test_age_leap_day(void **state)
{
	dl_date birth = D("2008-02-29");

	/* 2026 is a common year. */
	assert_int_equal(date_age(birth, D("2026-02-28"), LEAP_MARCH_1), 17);
	assert_int_equal(date_age(birth, D("2026-03-01"), LEAP_MARCH_1), 18);
	assert_int_equal(date_age(birth, D("2026-02-27"), LEAP_FEB_28), 17);
	assert_int_equal(date_age(birth, D("2026-02-28"), LEAP_FEB_28), 18);
	assert_int_equal(date_age(birth, D("2026-03-01"), LEAP_FEB_28), 18);
	/* 2024 is a leap year: 29 February under both rules. */
	assert_int_equal(date_age(birth, D("2024-02-28"), LEAP_MARCH_1), 15);
	assert_int_equal(date_age(birth, D("2024-02-28"), LEAP_FEB_28), 15);
	assert_int_equal(date_age(birth, D("2024-02-29"), LEAP_MARCH_1), 16);
	assert_int_equal(date_age(birth, D("2024-02-29"), LEAP_FEB_28), 16);
	/* The first birthday, in 2009. */
	assert_int_equal(date_age(birth, D("2009-02-28"), LEAP_MARCH_1), 0);
	assert_int_equal(date_age(birth, D("2009-02-28"), LEAP_FEB_28), 1);
}

static void
test_age_ym(void **state)
{
	int y = -1, m = -1;

	date_age_ym(D("2008-07-14"), D("2026-07-13"), LEAP_MARCH_1, &y, &m);
	assert_int_equal(y, 17);
	assert_int_equal(m, 11);
	date_age_ym(D("2008-07-14"), D("2026-07-14"), LEAP_MARCH_1, &y, &m);
	assert_int_equal(y, 18);
	assert_int_equal(m, 0);
	date_age_ym(D("2008-07-14"), D("2026-09-13"), LEAP_MARCH_1, &y, &m);
	assert_int_equal(y, 18);
	assert_int_equal(m, 1);
	date_age_ym(D("2008-07-14"), D("2026-09-14"), LEAP_MARCH_1, &y, &m);
	assert_int_equal(y, 18);
	assert_int_equal(m, 2);
	/* Before birth and on the day of birth. */
	date_age_ym(D("2008-07-14"), D("2008-01-01"), LEAP_MARCH_1, &y, &m);
	assert_int_equal(y, 0);
	assert_int_equal(m, 0);
	date_age_ym(D("2008-07-14"), D("2008-08-14"), LEAP_MARCH_1, &y, &m);
	assert_int_equal(y, 0);
	assert_int_equal(m, 1);
	/* Born on the 31st: a month older on the last day of a short month. */
	date_age_ym(D("2008-01-31"), D("2026-02-27"), LEAP_MARCH_1, &y, &m);
	assert_int_equal(y, 18);
	assert_int_equal(m, 0);
	date_age_ym(D("2008-01-31"), D("2026-02-28"), LEAP_MARCH_1, &y, &m);
	assert_int_equal(y, 18);
	assert_int_equal(m, 1);
	date_age_ym(D("2008-01-31"), D("2026-04-30"), LEAP_MARCH_1, &y, &m);
	assert_int_equal(y, 18);
	assert_int_equal(m, 3);
	/* Born on 29 February, seen in a common year under both rules. */
	date_age_ym(D("2008-02-29"), D("2026-02-28"), LEAP_MARCH_1, &y, &m);
	assert_int_equal(y, 17);
	assert_int_equal(m, 11);
	date_age_ym(D("2008-02-29"), D("2026-02-28"), LEAP_FEB_28, &y, &m);
	assert_int_equal(y, 18);
	assert_int_equal(m, 0);
	date_age_ym(D("2008-02-29"), D("2026-03-01"), LEAP_MARCH_1, &y, &m);
	assert_int_equal(y, 18);
	assert_int_equal(m, 0);
	date_age_ym(D("2008-02-29"), D("2026-03-29"), LEAP_MARCH_1, &y, &m);
	assert_int_equal(y, 18);
	assert_int_equal(m, 1);
	date_age_ym(D("2008-02-29"), D("2027-02-27"), LEAP_FEB_28, &y, &m);
	assert_int_equal(y, 18);
	assert_int_equal(m, 11);
}

static void
test_leap_rule_setting(void **state)
{
	enum leap_rule r = LEAP_FEB_28;

	assert_int_equal(date_leap_rule(), LEAP_MARCH_1);	/* default */
	assert_int_equal(date_parse_leap_rule("mar1", &r), 0);
	assert_int_equal(r, LEAP_MARCH_1);
	assert_int_equal(date_parse_leap_rule("feb28", &r), 0);
	assert_int_equal(r, LEAP_FEB_28);
	r = LEAP_MARCH_1;
	assert_int_equal(date_parse_leap_rule("FEB28", &r), -1);
	assert_int_equal(date_parse_leap_rule("feb28 ", &r), -1);
	assert_int_equal(date_parse_leap_rule("feb2", &r), -1);
	assert_int_equal(date_parse_leap_rule("mar", &r), -1);
	assert_int_equal(date_parse_leap_rule("mar10", &r), -1);
	assert_int_equal(date_parse_leap_rule("", &r), -1);
	assert_int_equal(date_parse_leap_rule(NULL, &r), -1);
	assert_int_equal(r, LEAP_MARCH_1);

	date_set_leap_rule(LEAP_FEB_28);
	assert_int_equal(date_leap_rule(), LEAP_FEB_28);
	date_set_leap_rule(LEAP_MARCH_1);
	assert_int_equal(date_leap_rule(), LEAP_MARCH_1);
}

static void
test_amsterdam_winter_summer(void **state)
{
	/* Winter, UTC+1: 23:30Z is already the next day. */
	assert_int_equal(date_amsterdam(utc("2026-01-15", 22, 59, 59)),
	    D("2026-01-15"));
	assert_int_equal(date_amsterdam(utc("2026-01-15", 23, 0, 0)),
	    D("2026-01-16"));
	assert_int_equal(date_amsterdam(utc("2026-01-15", 23, 30, 0)),
	    D("2026-01-16"));
	/* Summer, UTC+2: the day changes at 22:00Z. */
	assert_int_equal(date_amsterdam(utc("2026-07-15", 21, 59, 59)),
	    D("2026-07-15"));
	assert_int_equal(date_amsterdam(utc("2026-07-15", 22, 0, 0)),
	    D("2026-07-16"));
	/* New Year. */
	assert_int_equal(date_amsterdam(utc("2025-12-31", 22, 59, 59)),
	    D("2025-12-31"));
	assert_int_equal(date_amsterdam(utc("2025-12-31", 23, 0, 0)),
	    D("2026-01-01"));
	/* Before 1970 (negative unix time). */
	assert_int_equal(date_amsterdam(-3601), D("1969-12-31"));
	assert_int_equal(date_amsterdam(-3600), D("1970-01-01"));
	assert_int_equal(utc("1970-01-01", 0, 0, 0), 0);
	assert_int_equal(utc("2026-01-15", 23, 30, 0), 1768519800);
}

static void
test_amsterdam_dst_switch(void **state)
{
	/* 2026-03-29 is the last Sunday of March: CEST from 01:00Z. */
	assert_int_equal(utc("2026-03-29", 1, 0, 0), 1774746000);
	assert_int_equal(date_amsterdam_offset(utc("2026-03-29", 0, 59, 59)),
	    3600);
	assert_int_equal(date_amsterdam_offset(utc("2026-03-29", 1, 0, 0)),
	    7200);
	assert_int_equal(date_amsterdam(utc("2026-03-29", 0, 59, 59)),
	    D("2026-03-29"));
	assert_int_equal(date_amsterdam(utc("2026-03-29", 1, 0, 0)),
	    D("2026-03-29"));
	/* The evening before is winter time, the evening after summer time. */
	assert_int_equal(date_amsterdam(utc("2026-03-28", 22, 30, 0)),
	    D("2026-03-28"));
	assert_int_equal(date_amsterdam(utc("2026-03-29", 22, 30, 0)),
	    D("2026-03-30"));
	/* A Sunday earlier in March is still winter. */
	assert_int_equal(date_amsterdam_offset(utc("2026-03-22", 12, 0, 0)),
	    3600);

	/* 2026-10-25 is the last Sunday of October: CET from 01:00Z. */
	assert_int_equal(utc("2026-10-25", 1, 0, 0), 1792890000);
	assert_int_equal(date_amsterdam_offset(utc("2026-10-25", 0, 59, 59)),
	    7200);
	assert_int_equal(date_amsterdam_offset(utc("2026-10-25", 1, 0, 0)),
	    3600);
	assert_int_equal(date_amsterdam(utc("2026-10-25", 0, 59, 59)),
	    D("2026-10-25"));
	assert_int_equal(date_amsterdam(utc("2026-10-25", 1, 0, 0)),
	    D("2026-10-25"));
	/* Saturday night in summer time, Sunday night in winter time. */
	assert_int_equal(date_amsterdam(utc("2026-10-24", 21, 59, 59)),
	    D("2026-10-24"));
	assert_int_equal(date_amsterdam(utc("2026-10-24", 22, 0, 0)),
	    D("2026-10-25"));
	assert_int_equal(date_amsterdam(utc("2026-10-25", 22, 30, 0)),
	    D("2026-10-25"));
	assert_int_equal(date_amsterdam(utc("2026-10-25", 23, 0, 0)),
	    D("2026-10-26"));

	/* Other years: 2024 switched on 31 March and 27 October. */
	assert_int_equal(date_amsterdam_offset(utc("2024-03-31", 0, 59, 59)),
	    3600);
	assert_int_equal(date_amsterdam_offset(utc("2024-03-31", 1, 0, 0)),
	    7200);
	assert_int_equal(date_amsterdam_offset(utc("2024-10-27", 0, 59, 59)),
	    7200);
	assert_int_equal(date_amsterdam_offset(utc("2024-10-27", 1, 0, 0)),
	    3600);
}

/*
 * Cross-check against the system's time-zone database, when it has one,
 * every half hour of 2020..2030 (the switches fall on the full hour).
 */
static void
test_amsterdam_against_tzdata(void **state)
{
	const char *old = getenv("TZ");
	char *saved = old != NULL ? strdup(old) : NULL;
	int64_t t, from, to;
	struct tm tm;
	time_t tt;

	if (access("/usr/share/zoneinfo/Europe/Amsterdam", R_OK) != 0) {
		free(saved);
		skip();
	}
	setenv("TZ", "Europe/Amsterdam", 1);
	tzset();
	from = utc("2020-01-01", 0, 0, 0);
	to = utc("2031-01-01", 0, 0, 0);
	for (t = from; t < to; t += 1800) {
		tt = (time_t)t;
		assert_non_null(localtime_r(&tt, &tm));
		assert_int_equal(date_amsterdam_offset(t), tm.tm_gmtoff);
		assert_int_equal(date_amsterdam(t),
		    date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1,
		    tm.tm_mday));
	}
	if (saved != NULL)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	tzset();
	free(saved);
}

static void
test_today_override(void **state)
{
	date_set_today(D("2026-03-01"));
	assert_int_equal(date_today(), D("2026-03-01"));
	date_set_today(D("2040-12-31"));
	assert_int_equal(date_today(), D("2040-12-31"));
	date_set_today(DATE_NONE);
	assert_true(date_today() >= D("2025-01-01"));
}

/*
 * The child of test_today_env_malformed: a new process whose first
 * date_today() sees a malformed DOORLOOP_TODAY and must use the clock.
 */
static int
child_malformed(void)
{
	dl_date now = date_amsterdam((int64_t)time(NULL));
	dl_date today = date_today();

	return today >= now && today <= now + 1 ? 0 : 1;
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		/* Must be first: it needs the process's first date_today(). */
		cmocka_unit_test(test_today_env),
		cmocka_unit_test(test_today_env_malformed),
		cmocka_unit_test(test_ymd_roundtrip),
		cmocka_unit_test(test_leap_years),
		cmocka_unit_test(test_valid_ymd_bounds),
		cmocka_unit_test(test_parse_valid),
		cmocka_unit_test(test_parse_invalid),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_add_months),
		cmocka_unit_test(test_birthday_ordinary),
		cmocka_unit_test(test_birthday_leap_day),
		cmocka_unit_test(test_age_ordinary),
		cmocka_unit_test(test_age_leap_day),
		cmocka_unit_test(test_age_ym),
		cmocka_unit_test(test_leap_rule_setting),
		cmocka_unit_test(test_amsterdam_winter_summer),
		cmocka_unit_test(test_amsterdam_dst_switch),
		cmocka_unit_test(test_amsterdam_against_tzdata),
		cmocka_unit_test(test_today_override),
	};

	if (argc == 2 && strcmp(argv[1], "--child-malformed") == 0)
		return child_malformed();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
