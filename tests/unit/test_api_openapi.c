/*
 * test_api_openapi.c - the embedded OpenAPI document and the route table
 * describe the same API: every (method, pattern) in api_routes[] is a
 * documented operation, every documented operation has a route, and the
 * public routes are exactly the operations documented without security.
 */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include "api/api.h"
#include "api/openapi.h"

static const char *const http_methods[] = {
	"get", "post", "put", "patch", "delete"
};

static int
setup(void **state)
{
	json_error_t jerr;
	json_t *doc;

	doc = json_loadb(api_openapi_json, api_openapi_json_len,
	    JSON_REJECT_DUPLICATES, &jerr);
	if (doc == NULL)
		fail_msg("openapi.json line %d: %s", jerr.line, jerr.text);
	*state = doc;
	return 0;
}

static int
teardown(void **state)
{
	json_decref(*state);
	return 0;
}

/* The operation object of (method, pattern), or NULL. */
static json_t *
operation(json_t *doc, const char *method, const char *pattern)
{
	char lower[16];
	size_t i;

	for (i = 0; method[i] != '\0' && i < sizeof lower - 1; i++)
		lower[i] = (char)tolower((unsigned char)method[i]);
	lower[i] = '\0';
	return json_object_get(json_object_get(json_object_get(doc, "paths"),
	    pattern), lower);
}

static void
test_document(void **state)
{
	json_t *doc = *state, *schemes;

	assert_string_equal(json_string_value(json_object_get(doc, "openapi")),
	    "3.0.3");
	schemes = json_object_get(json_object_get(doc, "components"),
	    "securitySchemes");
	assert_non_null(json_object_get(schemes, "bearerAuth"));
	assert_non_null(json_object_get(schemes, "cookieAuth"));
	assert_non_null(json_object_get(json_object_get(json_object_get(doc,
	    "components"), "schemas"), "Error"));
}

static void
test_every_route_documented(void **state)
{
	json_t *doc = *state;
	size_t i, missing = 0;

	for (i = 0; i < api_nroutes; i++) {
		if (operation(doc, api_routes[i].method,
		    api_routes[i].pattern) == NULL) {
			print_error("undocumented route: %s %s\n",
			    api_routes[i].method, api_routes[i].pattern);
			missing++;
		}
	}
	assert_int_equal(missing, 0);
}

static void
test_every_operation_routed(void **state)
{
	json_t *doc = *state, *item;
	const char *pattern;
	size_t i, m, missing = 0;

	json_object_foreach(json_object_get(doc, "paths"), pattern, item) {
		for (m = 0; m < sizeof http_methods / sizeof http_methods[0]; m++) {
			if (json_object_get(item, http_methods[m]) == NULL)
				continue;
			for (i = 0; i < api_nroutes; i++)
				if (strcasecmp(api_routes[i].method,
				    http_methods[m]) == 0 &&
				    strcmp(api_routes[i].pattern, pattern) == 0)
					break;
			if (i == api_nroutes) {
				print_error("documented but not routed: %s %s\n",
				    http_methods[m], pattern);
				missing++;
			}
		}
	}
	assert_int_equal(missing, 0);
}

/* Public routes are documented with "security": [] and only they. */
static void
test_public_routes(void **state)
{
	json_t *doc = *state, *op, *sec;
	size_t i, wrong = 0;
	bool open_doc, open_route;

	for (i = 0; i < api_nroutes; i++) {
		op = operation(doc, api_routes[i].method, api_routes[i].pattern);
		if (op == NULL)
			continue;	/* reported by the test above */
		sec = json_object_get(op, "security");
		open_doc = sec != NULL && json_array_size(sec) == 0;
		open_route = (api_routes[i].flags & API_PUBLIC) != 0;
		if (open_doc != open_route) {
			print_error("%s %s: route is %s, document says %s\n",
			    api_routes[i].method, api_routes[i].pattern,
			    open_route ? "public" : "not public",
			    open_doc ? "public" : "not public");
			wrong++;
		}
	}
	assert_int_equal(wrong, 0);
}

/* The document is served by its own route. */
static void
test_openapi_route(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < api_nroutes; i++)
		if (strcmp(api_routes[i].pattern, "/api/v1/openapi.json") == 0 &&
		    strcmp(api_routes[i].method, "GET") == 0) {
			assert_ptr_equal(api_routes[i].fn, api_openapi_get);
			assert_true(api_routes[i].flags & API_PUBLIC);
			return;
		}
	fail_msg("no route GET /api/v1/openapi.json");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_document, setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_route_documented, setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_operation_routed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_public_routes, setup, teardown),
		cmocka_unit_test(test_openapi_route),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
