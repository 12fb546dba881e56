/*
 * fuzz_date.c - the strict date parser (src/core/date.c): date_parse
 * accepts exactly the dates date_format writes back the same, in range;
 * the arithmetic on what it accepts stays in range; the 29-February rule
 * parser accepts only its names.
 */
#include "fuzz.h"

#include "core/date.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size), out[DATE_STR_LEN + 1];
	enum leap_rule rule;
	dl_date d;
	int y, m, dd;

	if (date_parse(s, &d) == 0) {
		date_format(d, out);
		FUZZ_CHECK(strcmp(out, s) == 0);
		date_to_ymd(d, &y, &m, &dd);
		FUZZ_CHECK(date_valid_ymd(y, m, dd));
		FUZZ_CHECK(date_from_ymd(y, m, dd) == d);
		FUZZ_CHECK(date_age(d, d, LEAP_FEB_28) == 0);
		(void)date_birthday(d, 18, LEAP_MARCH_1);
		(void)date_add_months(d, 12);
	}
	if (date_parse_leap_rule(s, &rule) == 0)
		FUZZ_CHECK(rule == LEAP_FEB_28 || rule == LEAP_MARCH_1);
	free(s);
	return 0;
}
