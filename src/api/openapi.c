/*
 * openapi.c - GET /api/v1/openapi.json.
 *
 * Owns nothing but the handler: the document is docs/api/openapi.json,
 * compiled into the program as a string so the server needs no file at run
 * time and the description always matches the build.
 *
 * Invariant: the embedded text is valid JSON (the unit test
 * test_api_openapi loads it and checks it against api_routes[]); should it
 * not be, the handler answers 500 instead of a half document.
 *
 * Must never: read anything from the request or the database.
 */
#include "api/openapi.h"

int
api_openapi_get(API_ARGS)
{
	json_error_t jerr;
	json_t *doc;

	doc = json_loadb(api_openapi_json, api_openapi_json_len,
	    JSON_REJECT_DUPLICATES, &jerr);
	if (doc == NULL)
		return err_set(e, ERR_INTERNAL, "",
		    "embedded OpenAPI document is not valid JSON (line %d)",
		    jerr.line);
	resp->status = 200;
	resp->body = doc;
	return 0;
}
