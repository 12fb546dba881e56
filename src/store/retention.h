/*
 * retention.h - SQL for a file's end (issue 15; DOMAIN.md legal facts):
 * which files are due for destruction, destroying one, her written
 * request for early destruction with its decision, and legal holds.
 *
 * A destruction deletes every row about her, in an order the foreign keys
 * allow, inside the caller's write transaction; the caller writes the
 * audit entry (which holds her id and nothing about her) in the same one.
 */
#ifndef DOORLOOP_STORE_RETENTION_H
#define DOORLOOP_STORE_RETENTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "util/err.h"
#include "util/mem.h"

struct db;

/* A file the retention rule may destroy: her id, the last day of care
 * (the day she was registered when she never had a trajectory), and
 * whether any of her trajectories held a court order. */
struct retention_file {
	char *client_id;
	dl_date care_ended;
	bool court_order;
};
/* Files without an open trajectory and without an active legal hold
 * whose care ended on or before `ended_by` (the earliest cut-off; the
 * caller applies each file's own term). */
int store_retention_candidates(struct db *db, struct arena *a,
    dl_date ended_by, struct retention_file **out, size_t *n,
    struct err *e);

/* An open request (pending or granted) that purge must carry out on
 * `asof`: granted, or pending past its due date; her trajectory closed and
 * no active legal hold. */
struct retention_request {
	char *id, *client_id;
};
int store_requests_due(struct db *db, struct arena *a, dl_date asof,
    struct retention_request **out, size_t *n, struct err *e);
int store_request_carried_out(struct db *db, const char *request_id,
    const char *now, struct err *e);

/* Inside the destroying transaction: still no open trajectory and no
 * active legal hold (either may have arrived since the candidates). */
int store_file_destroyable(struct db *db, struct arena *a,
    const char *client_id, bool *ok, struct err *e);
/* Delete every row of her file (and her own account with its sessions). */
int store_client_destroy(struct db *db, const char *client_id,
    struct err *e);

/* ---- requests and holds (recorded by her coordinator) ---- */

struct destruction_request {
	char *id, *client_id, *requested_by, *status;
	dl_date request_date, due_date;
	char *refusal_ground, *refusal_reason;
	char *recorded_by, *decided_by, *decided_at, *carried_out_at;
	char *created_at;
};
int store_request_insert(struct db *db, struct arena *a,
    const struct destruction_request *r, struct err *e);
/* Her requests, newest first. */
int store_requests_list(struct db *db, struct arena *a,
    const char *client_id, struct destruction_request **out, size_t *n,
    struct err *e);
/* ERR_NOT_FOUND (R_DESTRUCTION_REQUEST_UNKNOWN) unless it is hers. */
int store_request_get(struct db *db, struct arena *a, const char *client_id,
    const char *id, struct destruction_request *out, struct err *e);
/* Decide a pending request: status "granted" or "refused" (with ground
 * and reason); 0 rows changed means it was not pending any more. */
int store_request_decide(struct db *db, struct arena *a, const char *id,
    const char *status, const char *ground, const char *reason,
    const char *by, const char *now, int64_t *changed, struct err *e);

struct legal_hold {
	char *id, *client_id, *reason, *set_by, *set_at;
	char *lifted_by, *lifted_at, *lift_reason;
};
int store_hold_insert(struct db *db, struct arena *a,
    const struct legal_hold *h, struct err *e);
int store_holds_list(struct db *db, struct arena *a, const char *client_id,
    struct legal_hold **out, size_t *n, struct err *e);
/* Lift her active hold; *changed 0 when there was none. */
int store_hold_lift(struct db *db, struct arena *a, const char *client_id,
    const char *reason, const char *by, const char *now, int64_t *changed,
    struct err *e);

#endif
