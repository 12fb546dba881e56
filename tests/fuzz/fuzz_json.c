/*
 * fuzz_json.c - a request body as the server reads it: jansson with
 * duplicate members refused, then the strict object parser
 * (api_parse_object, src/api/json.c) with a spec of every field type.
 * Invariants: an accepted body gives values within the spec (strings
 * non-empty and at most max_len code points, ids well-formed, enums from
 * the parser); a refused one is ERR_INVALID naming a member of the body
 * or none, and its error body can be built; never a crash, leak or read
 * out of bounds.
 */
#include "fuzz.h"

#include "api/api.h"
#include "util/id.h"

static int
colour_parse(const char *s, int *out)
{
	if (strcmp(s, "red") == 0)
		*out = 1;
	else if (strcmp(s, "green") == 0)
		*out = 2;
	else
		return -1;
	return 0;
}

/* Code points of valid UTF-8 (jansson hands over nothing else). */
static size_t
code_points(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *name = NULL, *note = NULL, *id = NULL;
	dl_date when = DATE_NONE;
	bool flag = false, note_present = false;
	int64_t count = -7;
	int colour = 0;
	const struct api_field spec[] = {
		{ "name", F_STRING, true, false, &name, 20, NULL, NULL },
		{ "note", F_STRING, false, true, &note, 0, NULL, &note_present },
		{ "when", F_DATE, false, true, &when, 0, NULL, NULL },
		{ "flag", F_BOOL, false, false, &flag, 0, NULL, NULL },
		{ "count", F_INT, false, false, &count, 0, NULL, NULL },
		{ "id", F_ID, false, false, &id, 0, NULL, NULL },
		{ "colour", F_ENUM, false, false, &colour, 0, colour_parse, NULL },
	};
	struct api_req req;
	struct arena a;
	struct err e;
	json_error_t jerr;
	size_t i;

	memset(&req, 0, sizeof req);
	arena_init(&a);
	req.a = &a;
	err_init(&e);
	req.body = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES,
	    &jerr);
	if (req.body != NULL) {
		if (api_parse_object(&req, spec, API_NFIELDS(spec), &e) == 0) {
			FUZZ_CHECK(name != NULL && *name != '\0');
			FUZZ_CHECK(code_points(name) <= 20);
			FUZZ_CHECK(note == NULL || (*note != '\0' &&
			    code_points(note) <= API_MAX_STRING));
			FUZZ_CHECK(id == NULL || id_valid(id));
			FUZZ_CHECK(colour == 0 || colour == 1 || colour == 2);
		} else {
			bool named = e.field[0] == '\0' ||
			    json_object_get(req.body, e.field) != NULL;

			for (i = 0; i < API_NFIELDS(spec); i++)
				named = named || strcmp(e.field, spec[i].name) == 0;
			json_t *answer = api_error_body(&e);

			FUZZ_CHECK(e.code == ERR_INVALID);
			FUZZ_CHECK(named);
			FUZZ_CHECK(answer != NULL);	/* the 400's body */
			json_decref(answer);
		}
		json_decref(req.body);
	}
	arena_cleanup(&a);
	return 0;
}
