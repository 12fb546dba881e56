/*
 * fuzz_query.c - query strings: split and unescaped the way
 * libmicrohttpd hands them to api_query (MHD_http_unescape), then each
 * value read by a handler through the code that reads it: ?q= through the
 * search folding and LIKE pattern (store_fold, store_like_pattern in
 * src/store/common.c), ?as_of= through date_parse, ?role= through
 * role_parse.  Invariants: the LIKE pattern is the folded query between
 * two %, with every %, _ and \ of the query escaped; folding twice changes
 * nothing more.
 */
#include "fuzz.h"

#include <microhttpd.h>

#include "core/date.h"
#include "core/role.h"
#include "store/common.h"

static void
check_search(struct arena *a, const char *q)
{
	char *folded = store_fold(a, q), *pattern = store_like_pattern(a, q);
	size_t n, i, j;

	FUZZ_CHECK(folded != NULL && pattern != NULL);
	FUZZ_CHECK(strcmp(store_fold(a, folded), folded) == 0);
	n = strlen(pattern);
	FUZZ_CHECK(n >= 2 && pattern[0] == '%' && pattern[n - 1] == '%');
	/* Unescape the middle: it must be the folded query. */
	for (i = 1, j = 0; i < n - 1; i++, j++) {
		if (pattern[i] == '\\') {
			i++;
			FUZZ_CHECK(i < n - 1);
			FUZZ_CHECK(pattern[i] == '%' || pattern[i] == '_' ||
			    pattern[i] == '\\');
		} else
			FUZZ_CHECK(pattern[i] != '%' && pattern[i] != '_');
		FUZZ_CHECK(folded[j] == pattern[i]);
	}
	FUZZ_CHECK(folded[j] == '\0');
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *qs = fuzz_string(data, size), *pair, *save = NULL, *eq;
	struct arena a;
	enum role role;
	dl_date d;

	arena_init(&a);
	for (pair = strtok_r(qs, "&", &save); pair != NULL;
	    pair = strtok_r(NULL, "&", &save)) {
		const char *value = "";

		if ((eq = strchr(pair, '=')) != NULL) {
			*eq = '\0';
			value = eq + 1;
			MHD_http_unescape(eq + 1);
		}
		MHD_http_unescape(pair);
		if (strcmp(pair, "q") == 0)
			check_search(&a, value);
		else if (strcmp(pair, "as_of") == 0 && date_parse(value, &d) == 0)
			FUZZ_CHECK(strlen(value) == DATE_STR_LEN);
		else if (strcmp(pair, "role") == 0 && role_parse(value, &role) == 0)
			FUZZ_CHECK(strcmp(role_name(role), value) == 0);
	}
	arena_cleanup(&a);
	free(qs);
	return 0;
}
