/*
 * oversight.h - the security officer's report (functionaris
 * gegevensbescherming) over HTTP and for the command line:
 *
 *   GET /api/v1/audit/report?from=&to=  api_audit_report  security_officer
 */
#ifndef DOORLOOP_API_OVERSIGHT_H
#define DOORLOOP_API_OVERSIGHT_H

#include "api/api.h"

api_handler api_audit_report;

#define OVERSIGHT_MAX_DAYS 366	/* the longest period of one report */

/* The report for the days [from, to] (inclusive) as JSON: break-the-glass
 * uses, refused acts, unusual reading, the chain checks.  No client
 * content: pseudonymous client ids at most.  NULL with e on failure. */
json_t *oversight_report_json(struct db *db, struct arena *a, dl_date from,
    dl_date to, struct err *e);

#endif
