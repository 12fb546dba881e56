/*
 * test_indicator.c - the pure rules of recognition (core/indicator.c):
 * normal forms of exploiter indicators, many ways of writing one value
 * and values that must be refused, the names of the enumerations, and
 * whether a consent covers a registration with CoMensha on both sides of
 * her 16th birthday.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/indicator.h"

struct norm_case {
	const char *in, *want;	/* want NULL: refused */
};

static void
check(enum indicator_kind k, const struct norm_case *c, size_t n)
{
	char out[INDICATOR_NORM_MAX];

	for (size_t i = 0; i < n; i++) {
		int rc = indicator_normalise(k, c[i].in, out);

		if (c[i].want == NULL) {
			if (rc != -1)
				fail_msg("%s \"%s\" should be refused, gave \"%s\"",
				    indicator_kind_name(k), c[i].in, out);
			continue;
		}
		if (rc != 0)
			fail_msg("%s \"%s\" was refused", indicator_kind_name(k),
			    c[i].in);
		if (strcmp(out, c[i].want) != 0)
			fail_msg("%s \"%s\" gave \"%s\", want \"%s\"",
			    indicator_kind_name(k), c[i].in, out, c[i].want);
	}
}

#define CHECK(k, cases) check(k, cases, sizeof cases / sizeof cases[0])

static void
test_phone(void **state)
{
	static const struct norm_case c[] = {
		{ "06-12345678", "+31612345678" },
		{ "06 12 34 56 78", "+31612345678" },
		{ "0612345678", "+31612345678" },
		{ "+31612345678", "+31612345678" },
		{ "+31 6 1234 5678", "+31612345678" },
		{ "+31 (0)6 1234 5678", "+31612345678" },
		{ "+31 06 12345678", "+31612345678" },
		{ "0031 6 12345678", "+31612345678" },
		{ "0031-(0)6-12345678", "+31612345678" },
		{ "(06) 123 456 78", "+31612345678" },
		{ "06.12.34.56.78", "+31612345678" },
		{ "020-1234567", "+31201234567" },
		{ "+32 470 12 34 56", "+32470123456" },
		{ "0032470123456", "+32470123456" },
		{ "+44 (0)20 7946 0958", "+442079460958" },
		{ "612345678", NULL },		/* no trunk or country prefix */
		{ "06-1234567", NULL },		/* a digit short */
		{ "06-123456789", NULL },	/* a digit too many */
		{ "06-1234567a", NULL },
		{ "+", NULL },
		{ "", NULL },
		{ "++31612345678", NULL },
		{ "06+12345678", NULL },
		{ "+0612345678", NULL },
		{ "+1234567890123456", NULL },	/* longer than E.164 */
	};

	(void)state;
	CHECK(IND_PHONE, c);
}

static void
test_plate(void **state)
{
	static const struct norm_case c[] = {
		{ "AB-12-CD", "AB12CD" },
		{ "ab-12-cd", "AB12CD" },
		{ "ab 12 cd", "AB12CD" },
		{ "AB12CD", "AB12CD" },
		{ "12-ABC-3", "12ABC3" },
		{ "x.999.yz", "X999YZ" },
		{ "B 123 XYZ", "B123XYZ" },
		{ "A", NULL },
		{ "AB_12_CD", NULL },
		{ "ABCDEFGHIJK", NULL },
		{ "--", NULL },
	};

	(void)state;
	CHECK(IND_PLATE, c);
}

static void
test_handle(void **state)
{
	static const struct norm_case c[] = {
		{ "@Jan.B", "jan.b" },
		{ "jan.b", "jan.b" },
		{ "  @@JAN_b  ", "jan_b" },
		{ "https://www.instagram.com/Jan.B/", "jan.b" },
		{ "instagram.com/jan.b?igsh=abc", "jan.b" },
		{ "http://tiktok.com/@jan.b", "jan.b" },
		{ "https://www.snapchat.com/add/jan-b", "jan-b" },
		{ "https://t.me/JanB", "janb" },
		{ "x.com/janb#top", "janb" },
		{ "https://www.youtube.com/user/JanB", "janb" },
		{ "@", NULL },
		{ "jan b", NULL },
		{ "jan/b", NULL },
		{ "https://instagram.com/", NULL },
		{ "jan!", NULL },
	};

	(void)state;
	CHECK(IND_HANDLE, c);
}

static void
test_address(void **state)
{
	static const struct norm_case c[] = {
		{ "1234 AB 5", "1234AB5" },
		{ "1234AB5", NULL },		/* postcode and number run together */
		{ "1234ab 5", "1234AB5" },
		{ "1234 ab 5a", "1234AB5A" },
		{ "1234 AB 5 a", "1234AB5A" },
		{ "1234 AB 5-a", "1234AB5A" },
		{ "1234 AB 12-3", "1234AB12-3" },
		{ "1234 AB 12/3", "1234AB12-3" },
		{ "1234 AB 123", "1234AB123" },
		{ "Dorpsstraat 5a, 1234 AB Lindeveen", "1234AB5A" },
		{ "Dorpsstraat 5 A, 1234 AB  Lindeveen", "1234AB5A" },
		{ "Dorpsstraat 5, 1234 AB Lindeveen", "1234AB5" },
		{ "dorpsstraat 5 bis, 1234ab lindeveen", "1234AB5BIS" },
		{ "Kade 12 hs, 1234 AB", "1234AB12HS" },
		{ "Havenweg 12-3, 9876 zx Westerhaven", "9876ZX12-3" },
		{ "Havenweg 12 / 3, 9876 ZX", "9876ZX12-3" },
		{ "2e Laan 7-II, 1234 AB Ede", "1234AB7II" },
		{ "1234 AB 5 Lindeveen", "1234AB5" },
		{ "Dorpsstraat 5", NULL },	/* no postcode */
		{ "1234 AB", NULL },		/* no number */
		{ "0234 AB 5", NULL },		/* a postcode never starts with 0 */
		{ "1234 ABC 5", NULL },
		{ "1234 AB 05", NULL },
		{ "1234 AB 5 #3", NULL },
	};

	(void)state;
	CHECK(IND_ADDRESS, c);
}

static void
test_alias(void **state)
{
	static const struct norm_case c[] = {
		{ "Mo", "mo" },
		{ "  De   Prins ", "de prins" },
		{ "KING\tB", "king b" },
		{ "Zoë", "zoë" },	/* accents are folded by the store */
		{ "   ", NULL },
		{ "", NULL },
		{ "a\x01", NULL },
	};

	(void)state;
	CHECK(IND_ALIAS, c);
}

static void
test_names(void **state)
{
	enum indicator_kind k;
	enum export_basis b;
	enum victim_status s;
	enum exploitation_form f;

	(void)state;
	for (int i = 0; i < IND__COUNT; i++) {
		assert_int_equal(indicator_kind_parse(
		    indicator_kind_name((enum indicator_kind)i), &k), 0);
		assert_int_equal(k, i);
	}
	for (int i = 0; i < EXP__COUNT; i++) {
		assert_int_equal(export_basis_parse(
		    export_basis_name((enum export_basis)i), &b), 0);
		assert_int_equal(b, i);
	}
	for (int i = 0; i < EXPL__COUNT; i++) {
		assert_int_equal(exploitation_form_parse(
		    exploitation_form_name((enum exploitation_form)i), &f), 0);
		assert_int_equal(f, i);
	}
	assert_int_equal(victim_status_parse("confirmed", &s), 0);
	assert_int_equal(s, VICTIM_CONFIRMED);
	assert_int_equal(indicator_kind_parse("email", &k), -1);
	assert_int_equal(export_basis_parse(NULL, &b), -1);
	assert_string_equal(indicator_kind_name(IND__COUNT), "");
}

static void
test_registration_consent(void **state)
{
	dl_date birth = date_from_ymd(2010, 6, 15);
	dl_date eve = date_from_ymd(2026, 6, 14), day = date_from_ymd(2026, 6, 15);
	dl_date given = date_from_ymd(2026, 1, 1);

	(void)state;
	/* The day before her 16th birthday her parents sign; on it, she. */
	assert_int_equal(registration_consent_check(birth, eve,
	    CONSENT_PARENTS, given, DATE_NONE, LEAP_MARCH_1), REGC_OK);
	assert_int_equal(registration_consent_check(birth, eve,
	    CONSENT_CLIENT, given, DATE_NONE, LEAP_MARCH_1), REGC_WRONG_PARTY);
	assert_int_equal(registration_consent_check(birth, day,
	    CONSENT_PARENTS, given, DATE_NONE, LEAP_MARCH_1), REGC_WRONG_PARTY);
	assert_int_equal(registration_consent_check(birth, day,
	    CONSENT_CLIENT, day, DATE_NONE, LEAP_MARCH_1), REGC_OK);
	/* Both signed: enough on either side. */
	assert_int_equal(registration_consent_check(birth, eve,
	    CONSENT_BOTH, given, DATE_NONE, LEAP_MARCH_1), REGC_OK);
	assert_int_equal(registration_consent_check(birth, day,
	    CONSENT_BOTH, given, DATE_NONE, LEAP_MARCH_1), REGC_OK);
	/* Given after the registration, or withdrawn by then. */
	assert_int_equal(registration_consent_check(birth, eve,
	    CONSENT_PARENTS, day, DATE_NONE, LEAP_MARCH_1), REGC_NOT_YET_GIVEN);
	assert_int_equal(registration_consent_check(birth, day,
	    CONSENT_CLIENT, given, day, LEAP_MARCH_1), REGC_WITHDRAWN);
	assert_int_equal(registration_consent_check(birth, eve,
	    CONSENT_PARENTS, given, day, LEAP_MARCH_1), REGC_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phone),
		cmocka_unit_test(test_plate),
		cmocka_unit_test(test_handle),
		cmocka_unit_test(test_address),
		cmocka_unit_test(test_alias),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_registration_consent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
