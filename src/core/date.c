/*
 * date.c - civil dates, ages, birthdays and today in Amsterdam; see date.h.
 *
 * This file owns the calendar arithmetic of the whole program.  A date is
 * a day number (days since 1970-01-01, proleptic Gregorian); conversion
 * to and from year/month/day uses the closed-form algorithms of Howard
 * Hinnant ("chrono-compatible low-level date algorithms"), which are exact
 * for every day number that fits in 32 bits and need no tables.
 *
 * Invariants:
 *   1. date_parse is the only way text becomes a date, and it accepts
 *      exactly "YYYY-MM-DD" with a real day for years 1900..2200.
 *   2. The 29-February rule is applied in date_birthday() only; date_age()
 *      and date_age_ym() are defined through it, so an age can never
 *      disagree with the birthday that produced it.
 *   3. Today comes from one place, date_today(): the override if set,
 *      otherwise the Amsterdam date of the system clock.  The environment
 *      variable DOORLOOP_TODAY is read once, on the first call, and only
 *      when no override has been set by then.
 *
 * This file does no I/O; reading the clock and one environment variable is
 * all it asks of the system.  The process-wide settings (leap rule,
 * override) are atomics, so readers on server threads never race with a
 * writer, although writers are expected only at start-up and in tests.
 */
#include "core/date.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

#define DATE_YEAR_MIN	1900
#define DATE_YEAR_MAX	2200
#define SECONDS_PER_DAY	86400

static _Atomic int leap_rule_current = LEAP_MARCH_1;
static _Atomic dl_date today_override = DATE_NONE;
static pthread_once_t today_env_once = PTHREAD_ONCE_INIT;

static int	is_leap(int y);
static int	month_days(int y, int m);
static int64_t	floor_div(int64_t a, int64_t b);
static int	weekday(dl_date day);
static dl_date	last_sunday(int y, int m);
static void	today_env_load(void);

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int y, int m)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m == 2 && is_leap(y))
		return 29;
	return days[m - 1];
}

/* Division rounding towards minus infinity, for times before 1970. */
static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

/* 0 = Sunday .. 6 = Saturday; 1970-01-01 was a Thursday. */
static int
weekday(dl_date day)
{
	int64_t w = ((int64_t)day + 4) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

static dl_date
last_sunday(int y, int m)
{
	dl_date last = date_from_ymd(y, m, month_days(y, m));

	return last - weekday(last);
}

bool
date_valid_ymd(int y, int m, int d)
{
	if (y < DATE_YEAR_MIN || y > DATE_YEAR_MAX)
		return false;
	if (m < 1 || m > 12)
		return false;
	return d >= 1 && d <= month_days(y, m);
}

dl_date
date_from_ymd(int y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = floor_div(y, 400);
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (dl_date)(era * 146097 + doe - 719468);
}

void
date_to_ymd(dl_date day, int *y, int *m, int *d)
{
	int64_t z, era, doe, yoe, doy, mp, yy;

	z = (int64_t)day + 719468;
	era = floor_div(z, 146097);
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

int
date_parse(const char *s, dl_date *out)
{
	int v[3] = { 0, 0, 0 };
	static const int width[3] = { 4, 2, 2 };
	int i, k, pos = 0;

	if (s == NULL)
		return -1;
	for (i = 0; i < 3; i++) {
		if (i > 0) {
			if (s[pos] != '-')
				return -1;
			pos++;
		}
		for (k = 0; k < width[i]; k++, pos++) {
			if (s[pos] < '0' || s[pos] > '9')
				return -1;
			v[i] = v[i] * 10 + (s[pos] - '0');
		}
	}
	if (s[pos] != '\0')
		return -1;
	if (!date_valid_ymd(v[0], v[1], v[2]))
		return -1;
	*out = date_from_ymd(v[0], v[1], v[2]);
	return 0;
}

/*
 * Digits are written by hand so that no format-truncation analysis is
 * needed; a year outside 0..9999 cannot be written in ten characters and
 * yields "" like an absent date.
 */
void
date_format(dl_date day, char out[DATE_STR_LEN + 1])
{
	int y, m, d;

	out[0] = '\0';
	if (day == DATE_OPEN || day == DATE_NONE)
		return;
	date_to_ymd(day, &y, &m, &d);
	if (y < 0 || y > 9999)
		return;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

dl_date
date_add_months(dl_date day, int months)
{
	int y, m, d, dim;
	int64_t idx;

	date_to_ymd(day, &y, &m, &d);
	idx = (int64_t)y * 12 + (m - 1) + months;
	y = (int)floor_div(idx, 12);
	m = (int)(idx - (int64_t)y * 12) + 1;
	dim = month_days(y, m);
	if (d > dim)
		d = dim;
	return date_from_ymd(y, m, d);
}

dl_date
date_birthday(dl_date birth, int years, enum leap_rule rule)
{
	int y, m, d;

	date_to_ymd(birth, &y, &m, &d);
	y += years;
	if (m == 2 && d == 29 && !is_leap(y)) {
		if (rule == LEAP_FEB_28)
			return date_from_ymd(y, 2, 28);
		return date_from_ymd(y, 3, 1);
	}
	return date_from_ymd(y, m, d);
}

int
date_age(dl_date birth, dl_date on, enum leap_rule rule)
{
	int by, bm, bd, oy, om, od, years;

	if (on <= birth)
		return 0;
	date_to_ymd(birth, &by, &bm, &bd);
	date_to_ymd(on, &oy, &om, &od);
	years = oy - by;
	if (date_birthday(birth, years, rule) > on)
		years--;
	return years < 0 ? 0 : years;
}

/*
 * The months are counted from the last birthday by monthly anniversaries
 * of the day of birth (clamped to the month's end), so someone born on
 * 31 January is one month older on 28 or 29 February.  The anniversary of
 * month 0 is the birthday itself, which is where the leap rule enters.
 */
void
date_age_ym(dl_date birth, dl_date on, enum leap_rule rule,
    int *years, int *months)
{
	int y, k;

	y = date_age(birth, on, rule);
	*years = y;
	*months = 0;
	if (on <= birth)
		return;
	for (k = 1; k < 12; k++) {
		if (date_add_months(birth, 12 * y + k) > on)
			break;
		*months = k;
	}
}

enum leap_rule
date_leap_rule(void)
{
	return (enum leap_rule)atomic_load(&leap_rule_current);
}

void
date_set_leap_rule(enum leap_rule rule)
{
	if (rule != LEAP_MARCH_1 && rule != LEAP_FEB_28)
		abort();
	atomic_store(&leap_rule_current, (int)rule);
}

int
date_parse_leap_rule(const char *s, enum leap_rule *out)
{
	if (s == NULL)
		return -1;
	if (s[0] == 'm' && s[1] == 'a' && s[2] == 'r' && s[3] == '1' &&
	    s[4] == '\0') {
		*out = LEAP_MARCH_1;
		return 0;
	}
	if (s[0] == 'f' && s[1] == 'e' && s[2] == 'b' && s[3] == '2' &&
	    s[4] == '8' && s[5] == '\0') {
		*out = LEAP_FEB_28;
		return 0;
	}
	return -1;
}

/*
 * Runs once, on the first date_today().  An override set before that call
 * wins over the environment; a malformed DOORLOOP_TODAY is ignored.
 */
static void
today_env_load(void)
{
	const char *s = getenv("DOORLOOP_TODAY");
	dl_date day, expected = DATE_NONE;

	if (s == NULL || date_parse(s, &day) == -1)
		return;
	atomic_compare_exchange_strong(&today_override, &expected, day);
}

dl_date
date_today(void)
{
	dl_date day;

	pthread_once(&today_env_once, today_env_load);
	day = atomic_load(&today_override);
	if (day != DATE_NONE)
		return day;
	return date_amsterdam((int64_t)time(NULL));
}

void
date_set_today(dl_date day)
{
	atomic_store(&today_override, day);
}

/*
 * Amsterdam is UTC+1, and UTC+2 from the last Sunday of March 01:00 UTC up
 * to (not including) the last Sunday of October 01:00 UTC.  Both switches
 * lie far from New Year, so the UTC year decides which switches apply.
 */
int
date_amsterdam_offset(int64_t unix_seconds)
{
	int64_t utc_day, dst_start, dst_end;
	int y, m, d;

	utc_day = floor_div(unix_seconds, SECONDS_PER_DAY);
	date_to_ymd((dl_date)utc_day, &y, &m, &d);
	dst_start = (int64_t)last_sunday(y, 3) * SECONDS_PER_DAY + 3600;
	dst_end = (int64_t)last_sunday(y, 10) * SECONDS_PER_DAY + 3600;
	if (unix_seconds >= dst_start && unix_seconds < dst_end)
		return 7200;
	return 3600;
}

dl_date
date_amsterdam(int64_t unix_seconds)
{
	return (dl_date)floor_div(unix_seconds +
	    date_amsterdam_offset(unix_seconds), SECONDS_PER_DAY);
}
