/*
 * indicator.c - the pure rules of recognition; see indicator.h.
 *
 * Invariants:
 *   1. A normal form is the same for every way one value is commonly
 *      written, and never a guess: what cannot be read unambiguously (a
 *      phone number without a country or trunk prefix, an address without
 *      a postcode) is refused, so two indicators match only when they are
 *      the same phone, plate, handle, address or alias.
 *   2. Normal forms are ASCII and shorter than INDICATOR_NORM_MAX; the
 *      store hashes them with the kind, so equal forms of different kinds
 *      never match.
 *   3. The registration consent rule goes through consent_required
 *      (core/voice.c), so the 16th birthday and 29 February are decided
 *      in one place.
 */
#include "core/indicator.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const char *const kind_names[IND__COUNT] = { "alias", "phone",
	"handle", "plate", "address" };
static const char *const basis_names[EXP__COUNT] = {
	"prosecutor_order", "conflict_of_duties", "consent", "covenant" };
static const char *const status_names[VICTIM__COUNT] = { "possible",
	"confirmed" };
static const char *const form_names[EXPL__COUNT] = { "sexual_nl",
	"sexual_cross_border", "sexual_online", "criminal", "labour",
	"other" };

static int
name_parse(const char *const *names, int n, const char *s, int *out)
{
	for (int i = 0; s != NULL && i < n; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = i;
			return 0;
		}
	return -1;
}

#define NAMED(type, fn_name, fn_parse, names, count)			\
	const char *fn_name(type v)					\
	{								\
		return (unsigned)v < (unsigned)(count) ? names[v] : "";	\
	}								\
	int fn_parse(const char *s, type *out)				\
	{								\
		int i;							\
									\
		if (name_parse(names, (int)(count), s, &i) != 0)	\
			return -1;					\
		*out = (type)i;						\
		return 0;						\
	}

NAMED(enum indicator_kind, indicator_kind_name, indicator_kind_parse,
    kind_names, IND__COUNT)
NAMED(enum export_basis, export_basis_name, export_basis_parse, basis_names,
    EXP__COUNT)
NAMED(enum victim_status, victim_status_name, victim_status_parse,
    status_names, VICTIM__COUNT)
NAMED(enum exploitation_form, exploitation_form_name,
    exploitation_form_parse, form_names, EXPL__COUNT)

/* ---- phone ---- */

#define PHONE_DIGITS_MAX 15	/* E.164 */
#define PHONE_DIGITS_MIN 8
#define NL_DIGITS 11		/* 31 and nine digits */

static int
norm_phone(const char *in, char *out)
{
	char d[64];
	const char *digits;
	size_t n = 0;
	bool plus = false;

	for (const char *p = in; *p != '\0'; p++) {
		if (*p == '(' && p[1] == '0' && p[2] == ')') {
			p += 2;		/* "+31 (0)6": the trunk 0 in brackets */
			continue;
		}
		if (isdigit((unsigned char)*p)) {
			if (n + 1 >= sizeof d)
				return -1;
			d[n++] = *p;
		} else if (*p == '+' && n == 0 && !plus) {
			plus = true;
		} else if (strchr(" \t-./()", *p) == NULL) {
			return -1;
		}
	}
	d[n] = '\0';
	if (plus)
		digits = d;
	else if (d[0] == '0' && d[1] == '0')
		digits = d + 2;
	else if (d[0] == '0') {
		/* A Dutch number with its trunk prefix: 06..., 020... */
		if (n > PHONE_DIGITS_MAX)
			return -1;
		memmove(d + 1, d, n + 1);
		d[0] = '3';
		d[1] = '1';
		digits = d;
	} else
		return -1;
	/* "+31 06...": the trunk 0 after the country code goes. */
	if (strncmp(digits, "310", 3) == 0) {
		memmove(d, digits, strlen(digits) + 1);
		memmove(d + 2, d + 3, strlen(d + 3) + 1);
		digits = d;
	}
	n = strlen(digits);
	if (digits[0] == '0' || n < PHONE_DIGITS_MIN || n > PHONE_DIGITS_MAX)
		return -1;
	if (strncmp(digits, "31", 2) == 0 && n != NL_DIGITS)
		return -1;
	out[0] = '+';
	memcpy(out + 1, digits, n + 1);
	return 0;
}

/* ---- plate ---- */

#define PLATE_MIN 2
#define PLATE_MAX 10

static int
norm_plate(const char *in, char *out)
{
	size_t n = 0;

	for (const char *p = in; *p != '\0'; p++) {
		if (isalnum((unsigned char)*p)) {
			if (n >= PLATE_MAX)
				return -1;
			out[n++] = (char)toupper((unsigned char)*p);
		} else if (strchr(" \t-.", *p) == NULL) {
			return -1;
		}
	}
	out[n] = '\0';
	return n >= PLATE_MIN ? 0 : -1;
}

/* ---- handle ---- */

#define HANDLE_MAX 64

/* Path segments of a platform address that come before the handle. */
static bool
skip_segment(const char *s, size_t n)
{
	static const char *const words[] = { "add", "u", "user", "users",
		"profile", "in", "channel", "c" };

	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strlen(words[i]) == n && strncmp(s, words[i], n) == 0)
			return true;
	return false;
}

static int
norm_handle(const char *in, char *out)
{
	char buf[INDICATOR_NORM_MAX * 4];
	const char *s, *slash;
	size_t n = 0;

	while (isspace((unsigned char)*in))
		in++;
	for (const char *p = in; *p != '\0'; p++) {
		if (n + 1 >= sizeof buf)
			return -1;
		buf[n++] = (char)tolower((unsigned char)*p);
	}
	while (n > 0 && isspace((unsigned char)buf[n - 1]))
		n--;
	buf[n] = '\0';
	s = buf;
	if (strncmp(s, "https://", 8) == 0)
		s += 8;
	else if (strncmp(s, "http://", 7) == 0)
		s += 7;
	if (strncmp(s, "www.", 4) == 0)
		s += 4;
	slash = strchr(s, '/');
	if (slash != NULL) {
		/* A platform address: the handle is its first path segment
		 * that is not a word such as "add" or "user". */
		if (memchr(s, '.', (size_t)(slash - s)) == NULL)
			return -1;
		s = slash;
		for (;;) {
			size_t len;

			while (*s == '/')
				s++;
			len = strcspn(s, "/?#");
			if (len == 0)
				return -1;
			if (!skip_segment(s, len)) {
				memmove(buf, s, len);
				buf[len] = '\0';
				s = buf;
				break;
			}
			s += len;
		}
	}
	while (*s == '@')
		s++;
	n = strlen(s);
	if (n == 0 || n > HANDLE_MAX)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && strchr("._-", s[i]) == NULL)
			return -1;
	memmove(out, s, n + 1);
	return 0;
}

/* ---- address ---- */

#define ADDR_TOKENS 32
#define TOKEN_MAX 40

struct tok {
	char s[TOKEN_MAX];
	char sep;		/* what came before it: ' ', ',', '-' or '/' */
};

static bool
all_of(const char *s, int (*cls)(int))
{
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++)
		if (!cls((unsigned char)*s))
			return false;
	return true;
}

static int
tokenise(const char *in, struct tok *t, int *nt)
{
	char sep = ' ';
	int n = 0;

	for (const char *p = in; *p != '\0';) {
		size_t len = 0;

		if (!isalnum((unsigned char)*p)) {
			if (strchr(",-/", *p) != NULL)
				sep = *p;
			else if (strchr(" \t.", *p) == NULL)
				return -1;
			p++;
			continue;
		}
		if (n == ADDR_TOKENS)
			return -1;
		while (isalnum((unsigned char)p[len]))
			len++;
		if (len >= TOKEN_MAX)
			return -1;
		for (size_t i = 0; i < len; i++)
			t[n].s[i] = (char)toupper((unsigned char)p[i]);
		t[n].s[len] = '\0';
		t[n++].sep = sep;
		sep = ' ';
		p += len;
	}
	*nt = n;
	return 0;
}

/* A letter addition: one or two letters, or a common longer one. */
static bool
letter_addition(const char *s)
{
	static const char *const longer[] = { "BIS", "III", "ZW" };

	if (!all_of(s, isalpha))
		return false;
	if (strlen(s) <= 2)
		return true;
	for (size_t i = 0; i < sizeof longer / sizeof longer[0]; i++)
		if (strcmp(s, longer[i]) == 0)
			return true;
	return false;
}

/* The house number at t[i] and its addition (in t[i] or t[i + 1]). */
static int
house_number(const struct tok *t, int i, int end, char *num, char *add)
{
	const char *s = t[i].s;
	size_t nd = 0;

	while (isdigit((unsigned char)s[nd]))
		nd++;
	if (nd == 0 || nd > 5 || s[0] == '0')
		return -1;
	memcpy(num, s, nd);
	num[nd] = '\0';
	add[0] = '\0';
	if (s[nd] != '\0') {		/* "5a", "5HS" */
		if (!letter_addition(s + nd))
			return -1;
		strcpy(add, s + nd);
		return 0;
	}
	if (i + 1 >= end)
		return 0;
	if ((t[i + 1].sep == '-' || t[i + 1].sep == '/') &&
	    all_of(t[i + 1].s, isdigit) && strlen(t[i + 1].s) <= 4) {
		add[0] = '-';		/* "12-3" must not read as 123 */
		strcpy(add + 1, t[i + 1].s);
	} else if (t[i + 1].sep != ',' && letter_addition(t[i + 1].s))
		strcpy(add, t[i + 1].s);
	return 0;
}

static int
norm_address(const char *in, char *out)
{
	struct tok t[ADDR_TOKENS];
	char pc[7], num[8], add[TOKEN_MAX + 1];
	int n = 0, start = -1, end = -1;

	if (tokenise(in, t, &n) != 0)
		return -1;
	for (int i = 0; i < n && start < 0; i++) {
		const char *s = t[i].s;

		if (strlen(s) == 4 && all_of(s, isdigit) && s[0] != '0' &&
		    i + 1 < n && strlen(t[i + 1].s) == 2 &&
		    all_of(t[i + 1].s, isalpha) && t[i + 1].sep == ' ') {
			snprintf(pc, sizeof pc, "%s%s", s, t[i + 1].s);
			start = i;
			end = i + 2;
		} else if (strlen(s) == 6 && s[0] != '0' &&
		    isdigit((unsigned char)s[0]) &&
		    isdigit((unsigned char)s[1]) &&
		    isdigit((unsigned char)s[2]) &&
		    isdigit((unsigned char)s[3]) &&
		    isalpha((unsigned char)s[4]) &&
		    isalpha((unsigned char)s[5])) {
			memcpy(pc, s, 7);
			start = i;
			end = i + 1;
		}
	}
	if (start < 0)
		return -1;
	/* The number after the postcode ("1234 AB 5"), or else the last one
	 * before it ("Dorpsstraat 5a, 1234 AB"). */
	if (end < n && isdigit((unsigned char)t[end].s[0])) {
		if (house_number(t, end, n, num, add) != 0)
			return -1;
	} else {
		int i = start - 1;

		while (i >= 0 && !isdigit((unsigned char)t[i].s[0]))
			i--;
		/* "12-3": the 3 is the addition of number 12. */
		if (i > 0 && (t[i].sep == '-' || t[i].sep == '/') &&
		    isdigit((unsigned char)t[i - 1].s[0]))
			i--;
		if (i < 0 || house_number(t, i, start, num, add) != 0)
			return -1;
	}
	snprintf(out, INDICATOR_NORM_MAX, "%s%s%s", pc, num, add);
	return 0;
}

/* ---- alias ---- */

#define ALIAS_MAX 100

static int
norm_alias(const char *in, char *out)
{
	size_t n = 0;
	bool space = false;

	for (const unsigned char *p = (const unsigned char *)in; *p != '\0';
	    p++) {
		if (*p < 0x20 && !isspace(*p))
			return -1;
		if (isspace(*p)) {
			space = n > 0;
			continue;
		}
		if (n + (space ? 2 : 1) >= ALIAS_MAX)
			return -1;
		if (space)
			out[n++] = ' ';
		space = false;
		out[n++] = (char)(*p < 0x80 ? tolower(*p) : *p);
	}
	out[n] = '\0';
	return n > 0 ? 0 : -1;
}

int
indicator_normalise(enum indicator_kind k, const char *in,
    char out[INDICATOR_NORM_MAX])
{
	out[0] = '\0';
	if (in == NULL || strlen(in) > INDICATOR_VALUE_MAX * 4)
		return -1;
	switch (k) {
	case IND_ALIAS:
		return norm_alias(in, out);
	case IND_PHONE:
		return norm_phone(in, out);
	case IND_HANDLE:
		return norm_handle(in, out);
	case IND_PLATE:
		return norm_plate(in, out);
	case IND_ADDRESS:
		return norm_address(in, out);
	case IND__COUNT:
		break;
	}
	return -1;
}

enum registration_consent
registration_consent_check(dl_date birth, dl_date on,
    enum consent_party basis, dl_date given, dl_date withdrawn,
    enum leap_rule rule)
{
	enum consent_party need = consent_required(birth, on, true, rule);

	if (given > on)
		return REGC_NOT_YET_GIVEN;
	if (withdrawn != DATE_NONE && withdrawn <= on)
		return REGC_WITHDRAWN;
	if (basis != need && basis != CONSENT_BOTH)
		return REGC_WRONG_PARTY;
	return REGC_OK;
}
