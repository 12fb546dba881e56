/*
 * test_api_json.c - strict object parsing, route matching and the error
 * mapping of the API layer (src/api/json.c).  Pure: no server, no database.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "api/api.h"

#define ID1 "0190f1a2-3b4c-7d5e-8f60-718293a4b5c6"

enum colour { RED, GREEN };

struct fixture {
	struct arena a;
	struct api_req req;
	struct err e;
};

static int
colour_parse(const char *s, int *out)
{
	if (strcmp(s, "red") == 0)
		*out = RED;
	else if (strcmp(s, "green") == 0)
		*out = GREEN;
	else
		return -1;
	return 0;
}

static int
setup(void **state)
{
	struct fixture *f = test_calloc(1, sizeof *f);

	arena_init(&f->a);
	f->req.a = &f->a;
	err_init(&f->e);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	json_decref(f->req.body);
	arena_cleanup(&f->a);
	test_free(f);
	return 0;
}

/* Parse text as the body (the test's JSON is well-formed by construction). */
static void
set_body(struct fixture *f, const char *text)
{
	json_error_t jerr;

	json_decref(f->req.body);
	f->req.body = json_loads(text, JSON_REJECT_DUPLICATES, &jerr);
	assert_non_null(f->req.body);
}

/* The spec most tests use, and where it puts its values. */
struct values {
	const char *name, *org_id;
	dl_date start, end;
	bool shielded;
	int64_t count;
	int colour;
	bool name_present, end_present;
};

static int
parse(struct fixture *f, struct values *v)
{
	const struct api_field spec[] = {
		{ "name", F_STRING, true, false, &v->name, 20, NULL, &v->name_present },
		{ "org_id", F_ID, false, true, &v->org_id, 0, NULL, NULL },
		{ "start_date", F_DATE, true, false, &v->start, 0, NULL, NULL },
		{ "end_date", F_DATE, false, true, &v->end, 0, NULL, &v->end_present },
		{ "shielded", F_BOOL, false, false, &v->shielded, 0, NULL, NULL },
		{ "count", F_INT, false, false, &v->count, 0, NULL, NULL },
		{ "colour", F_ENUM, false, false, &v->colour, 0, colour_parse, NULL },
	};

	memset(v, 0, sizeof *v);
	v->colour = -1;
	return api_parse_object(&f->req, spec, sizeof spec / sizeof spec[0], &f->e);
}

static void
expect_invalid(struct fixture *f, const char *body, const char *field,
    const char *msg_part)
{
	struct values v;

	set_body(f, body);
	err_init(&f->e);
	assert_int_equal(parse(f, &v), -1);
	assert_int_equal(f->e.code, ERR_INVALID);
	assert_string_equal(f->e.field, field);
	if (msg_part != NULL && strstr(f->e.msg, msg_part) == NULL)
		fail_msg("message '%s' lacks '%s'", f->e.msg, msg_part);
}

static void
test_happy_path(void **state)
{
	struct fixture *f = *state;
	struct values v;
	char buf[DATE_STR_LEN + 1];

	set_body(f, "{\"name\": \"Anna\", \"org_id\": \"" ID1 "\","
	    " \"start_date\": \"2024-02-29\", \"end_date\": \"2025-01-31\","
	    " \"shielded\": true, \"count\": 42, \"colour\": \"green\"}");
	assert_int_equal(parse(f, &v), 0);
	assert_string_equal(v.name, "Anna");
	assert_string_equal(v.org_id, ID1);
	date_format(v.start, buf);
	assert_string_equal(buf, "2024-02-29");
	date_format(v.end, buf);
	assert_string_equal(buf, "2025-01-31");
	assert_true(v.shielded);
	assert_int_equal(v.count, 42);
	assert_int_equal(v.colour, GREEN);
	assert_true(v.name_present);
	assert_true(v.end_present);
}

/* Strings are arena copies: they outlive the JSON document. */
static void
test_strings_are_copies(void **state)
{
	struct fixture *f = *state;
	struct values v;

	set_body(f, "{\"name\": \"Bea\", \"start_date\": \"2020-01-01\"}");
	assert_int_equal(parse(f, &v), 0);
	json_decref(f->req.body);
	f->req.body = NULL;
	assert_string_equal(v.name, "Bea");
}

static void
test_absent_and_null(void **state)
{
	struct fixture *f = *state;
	struct values v;

	set_body(f, "{\"name\": \"Anna\", \"start_date\": \"2020-01-01\","
	    " \"end_date\": null, \"org_id\": null}");
	assert_int_equal(parse(f, &v), 0);
	assert_int_equal(v.end, DATE_NONE);
	assert_null(v.org_id);
	assert_true(v.end_present);	/* null is present */
	assert_int_equal(v.colour, -1);	/* absent: caller's default kept */

	set_body(f, "{\"name\": \"Anna\", \"start_date\": \"2020-01-01\"}");
	assert_int_equal(parse(f, &v), 0);
	assert_false(v.end_present);
	assert_int_equal(v.end, DATE_NONE);
}

static void
test_unknown_field(void **state)
{
	expect_invalid(*state, "{\"name\": \"Anna\", \"start_date\": \"2020-01-01\","
	    " \"bsn\": \"123456782\"}", "bsn", "unknown field");
}

/* Found by tests/fuzz/fuzz_json.c (corpus json/long-unknown-name): an
 * unknown member whose name does not fit in err.field was reported under a
 * truncated name that is no member of the body (and, cut inside a UTF-8
 * character, not even text).  Such a name is now reported as the body's. */
static void
test_unknown_field_long_name(void **state)
{
	char body[256];

	snprintf(body, sizeof body, "{\"name\": \"Anna\", \"%s\": 1}",
	    "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"
	    "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"
	    "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"
	    "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9");
	expect_invalid(*state, body, "", "unknown field");
	expect_invalid(*state, "{\"name\": \"Anna\", \"nam>>>>>>>>>>>>>>>>>>>>"
	    ">>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>e\": \"   \"}", "",
	    "unknown field");
}

static void
test_not_an_object(void **state)
{
	struct fixture *f = *state;
	struct values v;

	expect_invalid(f, "[1, 2]", "", "object");
	json_decref(f->req.body);
	f->req.body = NULL;
	err_init(&f->e);
	assert_int_equal(parse(f, &v), -1);
	assert_int_equal(f->e.code, ERR_INVALID);
	assert_string_equal(f->e.field, "");
}

static void
test_required(void **state)
{
	expect_invalid(*state, "{\"start_date\": \"2020-01-01\"}", "name",
	    "required");
}

static void
test_null_not_nullable(void **state)
{
	expect_invalid(*state, "{\"name\": null, \"start_date\": \"2020-01-01\"}",
	    "name", "null");
	expect_invalid(*state, "{\"name\": \"A\", \"start_date\": \"2020-01-01\","
	    " \"shielded\": null}", "shielded", "null");
}

static void
test_wrong_types(void **state)
{
	expect_invalid(*state, "{\"name\": 5, \"start_date\": \"2020-01-01\"}",
	    "name", "must be a string");
	expect_invalid(*state, "{\"name\": \"A\", \"start_date\": 20200101}",
	    "start_date", "must be a date");
	expect_invalid(*state, "{\"name\": \"A\", \"start_date\": \"2020-01-01\","
	    " \"shielded\": \"yes\"}", "shielded", "must be a boolean");
	expect_invalid(*state, "{\"name\": \"A\", \"start_date\": \"2020-01-01\","
	    " \"shielded\": 1}", "shielded", "must be a boolean");
	expect_invalid(*state, "{\"name\": \"A\", \"start_date\": \"2020-01-01\","
	    " \"count\": 1.5}", "count", "must be an integer");
	expect_invalid(*state, "{\"name\": \"A\", \"start_date\": \"2020-01-01\","
	    " \"count\": \"3\"}", "count", "must be an integer");
	expect_invalid(*state, "{\"name\": \"A\", \"start_date\": \"2020-01-01\","
	    " \"org_id\": 7}", "org_id", "must be a string");
	expect_invalid(*state, "{\"name\": \"A\", \"start_date\": \"2020-01-01\","
	    " \"colour\": true}", "colour", "must be a string");
	expect_invalid(*state, "{\"name\": [\"A\"], \"start_date\": \"2020-01-01\"}",
	    "name", "must be a string");
}

static void
test_invalid_values(void **state)
{
	expect_invalid(*state, "{\"name\": \"A\", \"start_date\": \"2023-02-30\"}",
	    "start_date", "must be a date");
	expect_invalid(*state, "{\"name\": \"A\", \"start_date\": \"2023-2-3\"}",
	    "start_date", "must be a date");
	expect_invalid(*state, "{\"name\": \"A\", \"start_date\": \"2020-01-01\","
	    " \"org_id\": \"not-an-id\"}", "org_id", "id");
	expect_invalid(*state, "{\"name\": \"A\", \"start_date\": \"2020-01-01\","
	    " \"colour\": \"blue\"}", "colour", "allowed values");
}

static void
test_string_limits(void **state)
{
	struct fixture *f = *state;
	struct values v;

	expect_invalid(f, "{\"name\": \"\", \"start_date\": \"2020-01-01\"}",
	    "name", "empty");
	expect_invalid(f, "{\"name\": \" \\t\\n \", \"start_date\": \"2020-01-01\"}",
	    "name", "empty");
	/* 21 characters against a max_len of 20. */
	expect_invalid(f, "{\"name\": \"abcdefghijklmnopqrstu\","
	    " \"start_date\": \"2020-01-01\"}", "name", "at most 20");
	/* 20 characters, some of them two bytes in UTF-8: allowed. */
	set_body(f, "{\"name\": \"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "abcdefghijklmno\", \"start_date\": \"2020-01-01\"}");
	assert_int_equal(parse(f, &v), 0);
	assert_int_equal(strlen(v.name), 25);
}

static void
test_default_max_len(void **state)
{
	struct fixture *f = *state;
	const char *s = NULL;
	const struct api_field spec[] = {
		{ "note", F_STRING, true, false, &s, 0, NULL, NULL },
	};
	char *text;
	json_t *body;

	text = test_malloc(API_MAX_STRING + 2);
	memset(text, 'x', API_MAX_STRING + 1);
	text[API_MAX_STRING + 1] = '\0';
	body = json_pack("{s:s}", "note", text);
	f->req.body = body;
	assert_int_equal(api_parse_object(&f->req, spec, 1, &f->e), -1);
	assert_string_equal(f->e.field, "note");
	text[API_MAX_STRING] = '\0';
	json_object_set_new(body, "note", json_string(text));
	assert_int_equal(api_parse_object(&f->req, spec, 1, &f->e), 0);
	assert_int_equal(strlen(s), API_MAX_STRING);
	test_free(text);
}

static void
test_builders(void **state)
{
	json_t *j;

	(void)state;
	j = api_str(NULL);
	assert_true(json_is_null(j));
	json_decref(j);
	j = api_str("x");
	assert_string_equal(json_string_value(j), "x");
	json_decref(j);
	j = api_date(DATE_NONE);
	assert_true(json_is_null(j));
	json_decref(j);
	j = api_date(DATE_OPEN);
	assert_true(json_is_null(j));
	json_decref(j);
	j = api_date(date_from_ymd(2008, 2, 29));
	assert_string_equal(json_string_value(j), "2008-02-29");
	json_decref(j);
}

static void
test_error_mapping(void **state)
{
	struct err e;
	json_t *j, *err;

	(void)state;
	assert_int_equal(api_status_for(ERR_INVALID), 400);
	assert_int_equal(api_status_for(ERR_UNAUTHORIZED), 401);
	assert_int_equal(api_status_for(ERR_FORBIDDEN), 403);
	assert_int_equal(api_status_for(ERR_NOT_FOUND), 404);
	assert_int_equal(api_status_for(ERR_CONFLICT), 409);
	assert_int_equal(api_status_for(ERR_TOO_LARGE), 413);
	assert_int_equal(api_status_for(ERR_LOCKED), 423);
	assert_int_equal(api_status_for(ERR_RATE_LIMITED), 429);
	assert_int_equal(api_status_for(ERR_DB), 500);
	assert_int_equal(api_status_for(ERR_CRYPTO), 500);
	assert_int_equal(api_status_for(ERR_IO), 500);
	assert_int_equal(api_status_for(ERR_INTERNAL), 500);

	err_init(&e);
	err_set(&e, ERR_INVALID, "start_date", "must be a date");
	j = api_error_body(&e);
	err = json_object_get(j, "error");
	assert_string_equal(json_string_value(json_object_get(err, "code")), "invalid");
	assert_string_equal(json_string_value(json_object_get(err, "field")), "start_date");
	assert_string_equal(json_string_value(json_object_get(err, "message")), "must be a date");
	json_decref(j);

	err_set(&e, ERR_NOT_FOUND, "", "no such client");
	j = api_error_body(&e);
	assert_true(json_is_null(json_object_get(json_object_get(j, "error"), "field")));
	json_decref(j);

	/* 5xx never carry the internal message. */
	err_set(&e, ERR_DB, "bsn", "UNIQUE constraint failed: clients.bsn_hash");
	j = api_error_body(&e);
	err = json_object_get(j, "error");
	assert_string_equal(json_string_value(json_object_get(err, "code")), "internal");
	assert_null(strstr(json_string_value(json_object_get(err, "message")), "UNIQUE"));
	assert_true(json_is_null(json_object_get(err, "field")));
	json_decref(j);
}

static void
test_route_match(void **state)
{
	struct fixture *f = *state;
	const char *params[API_MAX_PARAMS];
	int n = -1;

	assert_int_equal(api_route_match("/api/v1/clients", "/api/v1/clients",
	    &f->a, params, &n), 1);
	assert_int_equal(n, 0);

	assert_int_equal(api_route_match("/api/v1/clients/{id}/phases/{pid}",
	    "/api/v1/clients/" ID1 "/phases/p-2", &f->a, params, &n), 1);
	assert_int_equal(n, 2);
	assert_string_equal(params[0], ID1);
	assert_string_equal(params[1], "p-2");

	assert_int_equal(api_route_match("/api/v1/clients/{id}/trajectory/end",
	    "/api/v1/clients/abc/trajectory/end", &f->a, params, &n), 1);
	assert_int_equal(n, 1);
	assert_string_equal(params[0], "abc");
}

static void
test_route_mismatch(void **state)
{
	struct fixture *f = *state;
	const char *params[API_MAX_PARAMS];
	int n = 0;
	struct {
		const char *pattern, *path;
	} no[] = {
		{ "/api/v1/clients", "/api/v1/clients/" },	/* trailing slash */
		{ "/api/v1/clients/{id}", "/api/v1/clients/" },	/* empty parameter */
		{ "/api/v1/clients/{id}", "/api/v1/clients/a/" },
		{ "/api/v1/clients/{id}", "/api/v1/clients" },
		{ "/api/v1/clients", "/api/v1/clients/x" },
		{ "/api/v1/clients", "/api/v1/client" },
		{ "/api/v1/clients", "/api/v1/clientsx" },
		{ "/api/v1/clients/{id}/phases", "/api/v1/clients/a/team" },
		{ "/api/v1/clients/{id}/phases", "/api/v1/clients//phases" },
		{ "/api/v1/session", "api/v1/session" },
		{ "/api/v1/session", "" },
		{ "/api/v1/session", "//api/v1/session" },
	};
	size_t i;

	for (i = 0; i < sizeof no / sizeof no[0]; i++)
		if (api_route_match(no[i].pattern, no[i].path, &f->a, params, &n))
			fail_msg("%s matched %s", no[i].pattern, no[i].path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_happy_path, setup, teardown),
		cmocka_unit_test_setup_teardown(test_strings_are_copies, setup, teardown),
		cmocka_unit_test_setup_teardown(test_absent_and_null, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_field, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_field_long_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_an_object, setup, teardown),
		cmocka_unit_test_setup_teardown(test_required, setup, teardown),
		cmocka_unit_test_setup_teardown(test_null_not_nullable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wrong_types, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invalid_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_string_limits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_default_max_len, setup, teardown),
		cmocka_unit_test(test_builders),
		cmocka_unit_test(test_error_mapping),
		cmocka_unit_test_setup_teardown(test_route_match, setup, teardown),
		cmocka_unit_test_setup_teardown(test_route_mismatch, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
