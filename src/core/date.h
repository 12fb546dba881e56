/*
 * date.h - civil dates, ages and birthdays.  Pure C, no I/O.
 *
 * A civil date is a day number: days since 1970-01-01 in the proleptic
 * Gregorian calendar.  Intervals are closed: [start, end], both days
 * included; an open end is DATE_OPEN, which compares after every real date.
 *
 * Invariants:
 *   1. date_parse accepts exactly "YYYY-MM-DD" with a real day
 *      (2023-02-30 and 2023-2-3 are errors) for years 1900..2200.
 *   2. The rule for someone born on 29 February lives here only
 *      (enum leap_rule); every birthday and age goes through it.
 */
#ifndef DOORLOOP_DATE_H
#define DOORLOOP_DATE_H

#include <stdbool.h>
#include <stdint.h>

typedef int32_t dl_date;

#define DATE_OPEN INT32_MAX	/* open end of an interval */
#define DATE_NONE INT32_MIN	/* no date */
#define DATE_STR_LEN 10		/* "YYYY-MM-DD" */

/* When does someone born on 29 February have her birthday in a common year? */
enum leap_rule {
	LEAP_MARCH_1 = 0,	/* 1 March (default; the Dutch press view) */
	LEAP_FEB_28 = 1		/* 28 February */
};

bool date_valid_ymd(int y, int m, int d);
dl_date date_from_ymd(int y, int m, int d);	/* caller ensures valid */
void date_to_ymd(dl_date day, int *y, int *m, int *d);
/* 0 and *out set, or -1 for anything but a valid YYYY-MM-DD. */
int date_parse(const char *s, dl_date *out);
/* Writes "YYYY-MM-DD" (11 bytes with NUL); DATE_OPEN/NONE write "". */
void date_format(dl_date day, char out[DATE_STR_LEN + 1]);

/* Add months, clamping the day to the month's end (31 Jan + 1 month = 28/29 Feb). */
dl_date date_add_months(dl_date day, int months);

/* The date of her `years`-th birthday. */
dl_date date_birthday(dl_date birth, int years, enum leap_rule rule);
/* Completed years on `on` (0 before the first birthday). */
int date_age(dl_date birth, dl_date on, enum leap_rule rule);
/* Completed years and remaining completed months on `on`. */
void date_age_ym(dl_date birth, dl_date on, enum leap_rule rule,
    int *years, int *months);

/* The process-wide leap rule (default LEAP_MARCH_1), set once at start-up. */
enum leap_rule date_leap_rule(void);
void date_set_leap_rule(enum leap_rule rule);
/* "mar1" or "feb28" -> rule; -1 for anything else. */
int date_parse_leap_rule(const char *s, enum leap_rule *out);

/*
 * Today in Europe/Amsterdam (CET/CEST by the EU rule: summer time from the
 * last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC).
 * An override set by date_set_today() (tests, demos, DOORLOOP_TODAY) wins.
 *
 * DOORLOOP_TODAY=YYYY-MM-DD in the environment is read once, on the first
 * call of date_today(), and only if no override has been set by then; it
 * then acts as if date_set_today() had been called with it.  A malformed
 * value is ignored.  Clearing the override later does not read it again.
 */
dl_date date_today(void);
void date_set_today(dl_date day);	/* DATE_NONE clears the override */
/* The Amsterdam civil date of a UTC unix time in seconds. */
dl_date date_amsterdam(int64_t unix_seconds);
/* Amsterdam's offset from UTC at that instant in seconds: 3600 or 7200. */
int date_amsterdam_offset(int64_t unix_seconds);

#endif
