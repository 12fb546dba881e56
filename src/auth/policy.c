/*
 * policy.c - which passwords a person may choose (NIST SP 800-63B 5.1.1).
 *
 * Owns the rules, one reason key each: at least PASSWORD_MIN and at most
 * PASSWORD_MAX characters; not a common password (the list in
 * data/common-passwords.txt, built into the program as
 * auth_common_passwords, compared in lower case, also with the digits and
 * signs at both ends removed, so "Welkom2024!" is "welkom"); not one
 * repeated character or pattern of up to four ("abcabcabcabc") nor a
 * straight run ("123456789012", "abcdefghijkl"); not containing the
 * username or the product's name in any case.  No rules of composition
 * (a digit, a capital): NIST advises against them.
 *
 * Never: log or put a password in an error.
 */
#include "auth/auth.h"
#include "auth/auth_impl.h"

#include <ctype.h>
#include <string.h>

extern const char auth_common_passwords[];
extern const size_t auth_common_passwords_len;

#define CANDIDATE_MAX (PASSWORD_MAX * 4)

static size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* Whether the embedded list has `w` as one of its lines. */
static bool
listed(const char *w, size_t n)
{
	const char *p = auth_common_passwords;
	const char *end = p + auth_common_passwords_len;

	if (n == 0)
		return false;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);

		if (len == n && memcmp(p, w, n) == 0)
			return true;
		p += len + 1;
	}
	return false;
}

/* One pattern of 1 to 4 characters repeated, or a straight run up or down
 * (digits wrap: "...7890123" is a run). */
static bool
trivial(const char *s, size_t n)
{
	size_t period, i;
	int step;

	for (period = 1; period <= 4 && period < n; period++) {
		for (i = period; i < n && s[i] == s[i - period]; i++)
			;
		if (i == n)
			return true;
	}
	for (step = -1; step <= 1; step += 2) {
		for (i = 1; i < n; i++) {
			int d = (unsigned char)s[i] - (unsigned char)s[i - 1];

			if (isdigit((unsigned char)s[i]) &&
			    isdigit((unsigned char)s[i - 1]) && (d == 9 * -step))
				continue;	/* 9 -> 0 going up, 0 -> 9 going down */
			if (d != step)
				break;
		}
		if (i == n)
			return true;
	}
	return false;
}

static bool
common(const char *lower, size_t n)
{
	size_t b = 0, e = n;

	if (listed(lower, n) || trivial(lower, n))
		return true;
	while (b < e && !isalpha((unsigned char)lower[b]))
		b++;
	while (e > b && !isalpha((unsigned char)lower[e - 1]))
		e--;
	if (b == 0 && e == n)
		return false;
	return listed(lower + b, e - b) || (e - b >= 4 &&
	    trivial(lower + b, e - b));
}

int
auth_password_check(const char *password, struct err *e)
{
	size_t n;

	if (password == NULL || *password == '\0')
		return err_setr(e, ERR_INVALID, "password",
		    R_LOGIN_PASSWORD_REQUIRED, "password is required");
	n = utf8_chars(password);
	if (n < PASSWORD_MIN)
		return err_setr(e, ERR_INVALID, "password",
		    R_PASSWORD_TOO_SHORT,
		    "password must have at least %d characters", PASSWORD_MIN);
	if (n > PASSWORD_MAX)
		return err_setr(e, ERR_INVALID, "password", R_PASSWORD_TOO_LONG,
		    "password must have at most %d characters", PASSWORD_MAX);
	return 0;
}

int
auth_password_policy(const char *password, const char *username,
    struct err *e)
{
	char lower[CANDIDATE_MAX + 1];
	size_t n;
	int rc = -1;

	if (auth_password_check(password, e) != 0)
		return -1;
	n = strlen(password);
	if (n > CANDIDATE_MAX)
		return err_setr(e, ERR_INVALID, "password", R_PASSWORD_TOO_LONG,
		    "password is too long");
	for (size_t i = 0; i < n; i++)
		lower[i] = (char)tolower((unsigned char)password[i]);
	lower[n] = '\0';
	if (strstr(lower, PRODUCT_NAME) != NULL)
		err_setr(e, ERR_INVALID, "password", R_PASSWORD_CONTAINS_PRODUCT,
		    "password must not contain the name of the program");
	else if (username != NULL && strlen(username) >= 2 &&
	    strstr(lower, username) != NULL)	/* usernames are lower case */
		err_setr(e, ERR_INVALID, "password",
		    R_PASSWORD_CONTAINS_USERNAME,
		    "password must not contain the username");
	else if (common(lower, n))
		err_setr(e, ERR_INVALID, "password", R_PASSWORD_COMMON,
		    "this password is too common or too easy to guess");
	else
		rc = 0;
	sodium_memzero(lower, sizeof lower);
	return rc;
}
