/*
 * retention.c - SQL for a file's end; see retention.h.
 *
 * Invariants:
 *   1. store_client_destroy deletes children before parents, one statement
 *      per table, every statement bound to her id only; a table another
 *      part adds that refers to client(id) must add its statement here (or
 *      a purge step of its own before this one), or the final DELETE of
 *      the client fails and nothing is destroyed (one transaction).
 *   2. A destruction request and a legal hold keep no reference to
 *      client(id): a carried-out request remains, without anything about
 *      her, as the proof of what was destroyed and why.
 *
 * Never: begin or commit a transaction, or put her data in an error.
 */
#include "store/retention.h"

#include <string.h>

#include "store/common.h"

#define IN_TRAJ "trajectory_id IN (SELECT id FROM trajectory WHERE client_id = ?)"

/* Every row about her, children first (see invariant 1). */
#define HER_SIGNALS "(SELECT id FROM signal WHERE client_id = ?)"
#define HER_USERS "(SELECT id FROM app_user WHERE client_id = ?)"
static const char *const destroy_sql[] = {
	"DELETE FROM indicator_export WHERE indicator_id IN "
	    "(SELECT id FROM exploiter_indicator WHERE client_id = ?)",
	"DELETE FROM exploiter_indicator WHERE client_id = ?",
	"DELETE FROM victim_form WHERE registration_id IN "
	    "(SELECT id FROM victim_registration WHERE client_id = ?)",
	"DELETE FROM victim_registration WHERE client_id = ?",
	"DELETE FROM signal_client_match WHERE client_id = ?",
	"DELETE FROM signal_client_match WHERE signal_id IN " HER_SIGNALS,
	"DELETE FROM signal_match WHERE signal_id IN " HER_SIGNALS,
	"DELETE FROM signal_match WHERE other_id IN " HER_SIGNALS,
	"DELETE FROM signal WHERE client_id = ?",
	"DELETE FROM activation_code WHERE client_id = ?",
	"DELETE FROM user_recovery_code WHERE user_id IN " HER_USERS,
	"DELETE FROM user_totp WHERE user_id IN " HER_USERS,
	"DELETE FROM session WHERE user_id IN " HER_USERS,
	"DELETE FROM notification WHERE client_id = ?",
	"DELETE FROM journal_statement WHERE client_id = ?",
	"DELETE FROM journal_withhold WHERE client_id = ?",
	"DELETE FROM promise_view WHERE client_id = ?",
	"DELETE FROM journal_entry WHERE client_id = ?",
	"DELETE FROM promise WHERE client_id = ?",
	"DELETE FROM own_plan WHERE client_id = ?",
	"DELETE FROM consent WHERE client_id = ?",
	"DELETE FROM aftercare WHERE " IN_TRAJ,
	"DELETE FROM trajectory_closure WHERE " IN_TRAJ,
	"DELETE FROM review WHERE " IN_TRAJ,
	"DELETE FROM domain_history WHERE " IN_TRAJ,
	"DELETE FROM domain_goal WHERE " IN_TRAJ,
	"DELETE FROM life_domain WHERE " IN_TRAJ,
	"DELETE FROM handover WHERE " IN_TRAJ,
	"DELETE FROM transition_item WHERE plan_id IN (SELECT p.id FROM "
	    "transition_plan p JOIN trajectory t ON t.id = p.trajectory_id "
	    "WHERE t.client_id = ?)",
	"DELETE FROM transition_plan WHERE " IN_TRAJ,
	"DELETE FROM team_member WHERE " IN_TRAJ,
	"DELETE FROM court_order WHERE " IN_TRAJ,
	"DELETE FROM legal_basis WHERE " IN_TRAJ,
	"DELETE FROM phase WHERE " IN_TRAJ,
	"DELETE FROM trajectory WHERE client_id = ?",
	"DELETE FROM glass_access WHERE client_id = ?",
	"DELETE FROM legal_hold WHERE client_id = ?",
	"DELETE FROM app_user WHERE client_id = ?",
	"DELETE FROM client WHERE id = ?",
};

int
store_client_destroy(struct db *db, const char *client_id, struct err *e)
{
	for (size_t i = 0; i < sizeof destroy_sql / sizeof destroy_sql[0]; i++)
		if (store_exec(db, NULL, e, destroy_sql[i], "s", client_id) < 0)
			return -1;
	return 0;
}

/* Her file may be destroyed only while she has no open trajectory and no
 * legal hold is set on it; `client` names the column with her id. */
#define FILE_MAY_GO(client) \
	"NOT EXISTS (SELECT 1 FROM trajectory o WHERE o.client_id = " client \
	" AND o.end_date IS NULL) AND NOT EXISTS (SELECT 1 FROM legal_hold h " \
	"WHERE h.client_id = " client " AND h.lifted_at IS NULL) "

static int
candidate_row(struct db_stmt *st, void *ctx, struct err *e)
{
	struct retention_file *f = store_list_add(ctx);
	int64_t orders = 0;

	if (store_row(st, ((struct store_list *)ctx)->a, e, "sdi",
	    &f->client_id, &f->care_ended, &orders) != 0)
		return -1;
	f->court_order = orders > 0;
	return 0;
}

/* A girl registered without a trajectory never had care: her file's
 * term runs from her registration (the day of created_at). */
STORE_LIST_FN(store_retention_candidates, struct retention_file, candidate_row,
    dl_date, ended_by, "SELECT c.id, COALESCE(MAX(t.end_date), "
    "SUBSTR(c.created_at, 1, 10)), (SELECT COUNT(*) FROM court_order o JOIN "
    "trajectory t2 ON t2.id = o.trajectory_id WHERE t2.client_id = c.id) "
    "FROM client c LEFT JOIN trajectory t ON t.client_id = c.id WHERE "
    FILE_MAY_GO("c.id") "GROUP BY c.id, c.created_at HAVING "
    "COALESCE(MAX(t.end_date), SUBSTR(c.created_at, 1, 10)) <= ? ORDER BY "
    "c.id", "d", ended_by)

STORE_ROW_FN(due_row, struct retention_request, r, "ss", &r->id, &r->client_id)

STORE_LIST_FN(store_requests_due, struct retention_request, due_row,
    dl_date, asof, "SELECT r.id, r.client_id FROM destruction_request r WHERE "
    "(r.status = 'granted' OR (r.status = 'pending' AND r.due_date <= ?)) "
    "AND EXISTS (SELECT 1 FROM client c WHERE c.id = r.client_id) AND "
    FILE_MAY_GO("r.client_id") "ORDER BY r.client_id", "d", asof)

int
store_request_carried_out(struct db *db, const char *request_id,
    const char *now, struct err *e)
{
	return store_exec(db, NULL, e, "UPDATE destruction_request SET "
	    "status = 'carried_out', carried_out_at = ?, "
	    "refusal_reason_enc = NULL WHERE id = ?", "ss", now,
	    request_id) < 0 ? -1 : 0;
}

/* ---- requests ---- */

#define REQ_COLS "id, client_id, requested_by, status, request_date, " \
	"due_date, refusal_ground, refusal_reason_enc, recorded_by, " \
	"decided_by, decided_at, carried_out_at, created_at"

STORE_ROW_FN(request_row, struct destruction_request, r, "ssssddsesssss",
    &r->id, &r->client_id, &r->requested_by, &r->status, &r->request_date,
    &r->due_date, &r->refusal_ground, "destruction_request",
    "refusal_reason_enc", &r->id, &r->refusal_reason, &r->recorded_by,
    &r->decided_by, &r->decided_at, &r->carried_out_at, &r->created_at)

int
store_request_insert(struct db *db, struct arena *a,
    const struct destruction_request *r, struct err *e)
{
	return store_exec(db, a, e, "INSERT INTO destruction_request (id, "
	    "client_id, request_date, requested_by, due_date, status, "
	    "recorded_by, created_at) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)",
	    "ssdsdss", r->id, r->client_id, r->request_date, r->requested_by,
	    r->due_date, r->recorded_by, r->created_at) < 0 ? -1 : 0;
}

STORE_LIST_FN(store_requests_list, struct destruction_request, request_row,
    const char *, client_id, "SELECT " REQ_COLS " FROM destruction_request "
    "WHERE client_id = ? ORDER BY created_at DESC, id DESC", "s", client_id)

STORE_GET_FN(store_request_get, struct destruction_request, request_row,
    client_id, R_DESTRUCTION_REQUEST_UNKNOWN, "destruction request",
    "SELECT " REQ_COLS " FROM destruction_request WHERE id = ? AND "
    "client_id = ?", "ss", id, client_id)

int
store_request_decide(struct db *db, struct arena *a, const char *id,
    const char *status, const char *ground, const char *reason,
    const char *by, const char *now, int64_t *changed, struct err *e)
{
	int rc = store_exec(db, a, e, "UPDATE destruction_request SET "
	    "status = ?, refusal_ground = ?, refusal_reason_enc = ?, "
	    "decided_by = ?, decided_at = ? WHERE id = ? AND status = 'pending'",
	    "ssesss", status, ground, "destruction_request",
	    "refusal_reason_enc", id, reason, by, now, id);

	if (rc < 0)
		return -1;
	*changed = rc;
	return 0;
}

/* ---- legal holds ---- */

STORE_ROW_FN(hold_row, struct legal_hold, h, "ssesssse", &h->id, &h->client_id,
    "legal_hold", "reason_enc", &h->id, &h->reason, &h->set_by, &h->set_at,
    &h->lifted_by, &h->lifted_at, "legal_hold", "lift_reason_enc", &h->id,
    &h->lift_reason)

int
store_hold_insert(struct db *db, struct arena *a, const struct legal_hold *h,
    struct err *e)
{
	return store_exec(db, a, e, "INSERT INTO legal_hold (id, client_id, "
	    "reason_enc, set_by, set_at) VALUES (?, ?, ?, ?, ?)", "ssess",
	    h->id, h->client_id, "legal_hold", "reason_enc", h->id, h->reason,
	    h->set_by, h->set_at) < 0 ? -1 : 0;
}

STORE_LIST_FN(store_holds_list, struct legal_hold, hold_row,
    const char *, client_id, "SELECT id, client_id, reason_enc, set_by, "
    "set_at, lifted_by, lifted_at, lift_reason_enc FROM legal_hold WHERE "
    "client_id = ? ORDER BY set_at DESC, id DESC", "s", client_id)

int
store_hold_lift(struct db *db, struct arena *a, const char *client_id,
    const char *reason, const char *by, const char *now, int64_t *changed,
    struct err *e)
{
	char *id = NULL;
	int rc;

	*changed = 0;
	rc = store_one(db, a, e, "SELECT id FROM legal_hold WHERE "
	    "client_id = ? AND lifted_at IS NULL", "s", "s", client_id, &id);
	if (rc <= 0)
		return rc;
	rc = store_exec(db, a, e, "UPDATE legal_hold SET lifted_by = ?, "
	    "lifted_at = ?, lift_reason_enc = ? WHERE id = ? AND "
	    "lifted_at IS NULL", "sses", by, now, "legal_hold",
	    "lift_reason_enc", id, reason, id);
	if (rc < 0)
		return -1;
	*changed = rc;
	return 0;
}

int
store_file_destroyable(struct db *db, struct arena *a, const char *client_id,
    bool *ok, struct err *e)
{
	int64_t blockers = 0;
	int rc = store_one(db, a, e, "SELECT "
	    "(SELECT COUNT(*) FROM trajectory WHERE client_id = ? AND "
	    "end_date IS NULL) + (SELECT COUNT(*) FROM legal_hold WHERE "
	    "client_id = ? AND lifted_at IS NULL)", "ss", "i", client_id,
	    client_id, &blockers);

	*ok = rc == 1 && blockers == 0;
	return rc < 0 ? -1 : 0;
}
