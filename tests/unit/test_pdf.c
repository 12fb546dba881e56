/*
 * test_pdf.c - the small PDF writer (util/pdf.c): every object at the
 * offset its xref entry names, stream lengths exact, text escaped so no
 * input ends a string early, UTF-8 turned into WinAnsi, long lines wrapped
 * and a full page continued on the next.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/pdf.h"

/* The document as a NUL-terminated string (it holds no NUL). */
static char *
doc_of(struct pdf *p, size_t *len)
{
	unsigned char *d = pdf_finish(p, len);
	char *s = malloc(*len + 1);

	memcpy(s, d, *len);
	s[*len] = '\0';
	free(d);
	assert_int_equal(strlen(s), *len);
	return s;
}

/* Check the xref table against the objects and return the page count. */
static int
check_structure(const char *s, size_t len)
{
	const char *sx = strstr(s, "startxref\n"), *x, *line;
	long xref, n;
	char want[32];

	assert_non_null(sx);
	assert_true(strncmp(s, "%PDF-1.4\n", 9) == 0);
	xref = strtol(sx + 10, NULL, 10);
	assert_true(xref > 0 && (size_t)xref < len);
	x = s + xref;
	assert_true(strncmp(x, "xref\n0 ", 7) == 0);
	n = strtol(x + 7, NULL, 10);
	line = strchr(x + 5, '\n') + 1 + 20;	/* skip the free entry */
	for (long i = 1; i < n; i++, line += 20) {
		long off = strtol(line, NULL, 10);

		snprintf(want, sizeof want, "%ld 0 obj\n", i);
		assert_true(strncmp(s + off, want, strlen(want)) == 0);
	}
	/* Every stream is exactly as long as it says. */
	for (const char *p = strstr(s, "/Length "); p != NULL;
	    p = strstr(p + 1, "/Length ")) {
		long l = strtol(p + 8, NULL, 10);
		const char *body = strstr(p, "stream\n") + 7;

		assert_true(strncmp(body + l, "\nendstream", 10) == 0);
	}
	return (int)strtol(strstr(s, "/Count ") + 7, NULL, 10);
}

static void
test_escape_and_encoding(void **state)
{
	struct pdf *p = pdf_new();
	size_t len;
	char *s;

	(void)state;
	pdf_heading(p, "Dossier van Noë", 18);
	pdf_text(p, 0, "a (b) c \\ d ) Tj ET");
	pdf_text(p, 1, "emoji \xF0\x9F\x98\x80 en \xE2\x82\xAC");
	s = doc_of(p, &len);
	assert_int_equal(check_structure(s, len), 1);
	assert_non_null(strstr(s, "(Dossier van No\xEB) Tj"));
	assert_non_null(strstr(s, "(a \\(b\\) c \\\\ d \\) Tj ET) Tj"));
	assert_non_null(strstr(s, "(emoji ? en \x80) Tj"));
	free(s);
}

static void
test_wrap_and_pages(void **state)
{
	struct pdf *p = pdf_new();
	char line[400];
	size_t len;
	char *s;
	int pages;

	(void)state;
	memset(line, 0, sizeof line);
	for (int i = 0; i < 40; i++)
		strcat(line, "woord12 ");
	pdf_text(p, 0, line);	/* 320 characters: four lines */
	for (int i = 0; i < 200; i++)
		pdf_text(p, 0, "regel");
	s = doc_of(p, &len);
	pages = check_structure(s, len);
	assert_true(pages >= 4);	/* 200 lines of 13 points on 730 */
	/* No shown string is longer than a line. */
	for (const char *q = strstr(s, "Td ("); q != NULL; q = strstr(q + 1, "Td (")) {
		const char *end = strstr(q, ") Tj");

		assert_true(end - q - 4 <= 88);
	}
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_and_encoding),
		cmocka_unit_test(test_wrap_and_pages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
