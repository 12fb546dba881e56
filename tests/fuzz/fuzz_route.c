/*
 * fuzz_route.c - the router: a request path against the one route table
 * (src/api/routes.c) through api_route_match (src/api/json.c).
 * Invariants: for each method at most one route matches a path (the
 * table has no ambiguous patterns); a match's parameters are non-empty
 * single segments, as many as the pattern's {x}, and put back into the
 * pattern they give the path again.
 */
#include "fuzz.h"

#include "api/api.h"

/* The pattern with each {x} replaced by the next parameter. */
static void
rebuild(const char *pattern, const char **params, char *out, size_t cap)
{
	size_t n = 0;
	int k = 0;

	while (*pattern != '\0' && n + 1 < cap) {
		if (*pattern == '{') {
			const char *p = params[k++];

			while (*p != '\0' && n + 1 < cap)
				out[n++] = *p++;
			while (*pattern != '\0' && *pattern != '}')
				pattern++;
			if (*pattern == '}')
				pattern++;
		} else
			out[n++] = *pattern++;
	}
	out[n] = '\0';
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const methods[] = { "GET", "POST", "PUT", "PATCH",
	    "DELETE" };
	char *path = fuzz_string(data, size), *back = malloc(size + 1);
	const char *params[API_MAX_PARAMS];
	struct arena a;
	size_t i, m;
	int n, k, braces, matches;

	if (back == NULL)
		abort();
	arena_init(&a);
	for (m = 0; m < sizeof methods / sizeof methods[0]; m++) {
		matches = 0;
		for (i = 0; i < api_nroutes; i++) {
			if (strcmp(api_routes[i].method, methods[m]) != 0)
				continue;
			n = -1;
			if (!api_route_match(api_routes[i].pattern, path, &a,
			    params, &n))
				continue;
			matches++;
			braces = 0;
			for (const char *p = api_routes[i].pattern; *p; p++)
				braces += *p == '{';
			FUZZ_CHECK(n == braces);
			for (k = 0; k < n; k++)
				FUZZ_CHECK(*params[k] != '\0' &&
				    strchr(params[k], '/') == NULL);
			rebuild(api_routes[i].pattern, params, back, size + 1);
			FUZZ_CHECK(strcmp(back, path) == 0);
		}
		FUZZ_CHECK(matches <= 1);
	}
	arena_cleanup(&a);
	free(back);
	free(path);
	return 0;
}
