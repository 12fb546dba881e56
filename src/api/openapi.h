/*
 * openapi.h - the API's OpenAPI 3 description, embedded at build time
 * from docs/api/openapi.json (scripts/embed-file.sh), and its handler.
 */
#ifndef DOORLOOP_OPENAPI_H
#define DOORLOOP_OPENAPI_H

#include <stddef.h>

#include "api/api.h"

/* The document's text (generated: $(BUILD)/gen/openapi.c). */
extern const char api_openapi_json[];
extern const size_t api_openapi_json_len;

/* GET /api/v1/openapi.json (public). */
api_handler api_openapi_get;

#endif
