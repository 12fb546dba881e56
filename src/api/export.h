/*
 * export.h - her file as one JSON bundle and as a PDF (export.c), for the
 * API and for `doorloop export` alike.
 */
#ifndef DOORLOOP_API_EXPORT_H
#define DOORLOOP_API_EXPORT_H

#include <stddef.h>

#include <jansson.h>

#include "api/gate.h"

/* Her file as "doorloop.file.v1" (docs/EXPORT.md) for cx (client loaded,
 * cx->acc saying what the reader may see), read inside the caller's
 * transaction. */
int export_file_bundle(struct db *db, struct arena *a,
    const struct care_ctx *cx, json_t **out, struct err *e);
/* The bundle as a PDF (malloc'ed, *len bytes). */
unsigned char *export_file_pdf(json_t *bundle, size_t *len);

#endif
