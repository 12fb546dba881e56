/*
 * retention.c - her written request for early destruction and legal holds
 * over HTTP (issue 15; DOMAIN.md legal facts).  Destruction itself is
 * auth/purge.c's: the daily run inside serve and `doorloop purge`.
 *
 *   GET  /clients/{id}/destruction-requests                 her coordinator, herself
 *   POST /clients/{id}/destruction-requests                 her coordinator records it
 *   POST /clients/{id}/destruction-requests/{rid}/decision  her coordinator decides
 *   GET  /clients/{id}/legal-holds                          her coordinator, admin
 *   POST /clients/{id}/legal-holds                          set (with a reason)
 *   POST /clients/{id}/legal-holds/lift                     lift (with a reason)
 *
 * Rules:
 *   - From 12 she asks herself; below 12 her parents do (her age on the
 *     request's date).  The request is due retention.request_months after
 *     its date; undecided on that day, purge carries it out.
 *   - A refusal names its ground: someone else's significant interest in
 *     keeping it, or a legal rule that forbids destruction; and a reason.
 *   - A grant is refused while her trajectory is open.
 */
#include "api/retention.h"
#include "api/gate.h"

#include <string.h>

#include "store/retention.h"

#define REASON_MIN 10
#define REASON_MAX 1000
#define ADULT_ASKS_AGE 12

static json_t *
request_json(const struct destruction_request *r)
{
	return json_pack("{s:s, s:o, s:s, s:o, s:s, s:o, s:o, s:o, s:o, s:o}",
	    "id", r->id, "request_date", api_date(r->request_date),
	    "requested_by", r->requested_by, "due_date", api_date(r->due_date),
	    "status", r->status, "refusal_ground", api_str(r->refusal_ground),
	    "refusal_reason", api_str(r->refusal_reason),
	    "decided_at", api_str(r->decided_at),
	    "carried_out_at", api_str(r->carried_out_at),
	    "created_at", api_str(r->created_at));
}

static json_t *
hold_json(const struct legal_hold *h)
{
	return json_pack("{s:s, s:s, s:b, s:s, s:o, s:o, s:o}", "id", h->id,
	    "reason", h->reason, "active", h->lifted_at == NULL,
	    "set_at", h->set_at, "lifted_at", api_str(h->lifted_at),
	    "lift_reason", api_str(h->lift_reason),
	    "set_by", api_str(h->set_by));
}

static json_t *
request_item(const struct care_ctx *cx, const void *r)
{
	return request_json(r);
}

static json_t *
hold_item(const struct care_ctx *cx, const void *h)
{
	return hold_json(h);
}

int
api_destruction_list(API_ARGS)
{
	struct destruction_request *r = NULL;
	struct care_ctx cx;
	size_t n = 0;

	if (gate_open(req, G_DESTRUCTION_READ, &cx, e) != 0)
		return -1;
	if (store_requests_list(req->db, req->a, cx.client_id, &r, &n, e) != 0)
		return gate_fail(req);
	return gate_respond_each(req, &cx, resp, r, n, sizeof *r, request_item,
	    e);
}

static API_ENUM_NAMES(parse_requester, "herself", "parents")

int
api_destruction_create(API_ARGS)
{
	struct destruction_request r, *open = NULL;
	dl_date date = DATE_NONE;
	int who = -1, months, age;
	size_t nopen = 0;
	struct care_ctx cx;
	char now[INSTANT_LEN + 1];
	const struct api_field f[] = {
		{ "request_date", F_DATE, true, false, &date, 0, NULL, NULL },
		{ "requested_by", F_ENUM, true, false, &who, 0, parse_requester,
		    NULL },
	};

	if (gate_open_body(req, f, API_NFIELDS(f), G_DESTRUCTION_REQUEST, &cx,
	    e) != 0)
		return -1;
	if (date > cx.today)
		return gate_error(req, ERR_INVALID, "request_date",
		    R_DATE_IN_FUTURE, "a request is recorded once it was made",
		    e);
	age = date_age(cx.client.birth, date, date_leap_rule());
	if ((age >= ADULT_ASKS_AGE) != (who == 0))
		return gate_error(req, ERR_INVALID, "requested_by",
		    R_DESTRUCTION_REQUESTER_AGE, age >= ADULT_ASKS_AGE ?
		    "from 12 she asks herself" :
		    "below 12 her parents ask", e);
	if (store_requests_list(req->db, req->a, cx.client_id, &open, &nopen,
	    e) != 0 ||
	    store_setting_int(req->db, req->a, "retention.request_months",
	    &months, e) != 0)
		return gate_fail(req);
	for (size_t i = 0; i < nopen; i++)
		if (strcmp(open[i].status, "pending") == 0 ||
		    strcmp(open[i].status, "granted") == 0)
			return gate_error(req, ERR_CONFLICT, NULL,
			    R_DESTRUCTION_ALREADY_OPEN,
			    "she has a request that is not carried out yet", e);
	memset(&r, 0, sizeof r);
	r.id = store_new_id(req->a, now);
	r.client_id = (char *)cx.client_id;
	r.request_date = date;
	r.requested_by = who == 0 ? "herself" : "parents";
	r.due_date = date_add_months(date, months);
	r.recorded_by = (char *)req->who->user_id;
	r.created_at = now;
	if (store_request_insert(req->db, req->a, &r, e) != 0 ||
	    store_request_get(req->db, req->a, cx.client_id, r.id, &r, e) != 0)
		return gate_fail(req);
	return gate_respond(req, &cx, r.id, resp, 201, request_json(&r), e);
}

static API_ENUM_NAMES(parse_decision, "granted", "refused")

static API_ENUM_NAMES(parse_ground, "interest_of_another", "legal_rule")

int
api_destruction_decide(API_ARGS)
{
	static const char *const grounds[] = { "interest_of_another",
	    "legal_rule" };
	struct destruction_request r;
	const char *reason = NULL;
	int decision = -1, ground = -1;
	int64_t changed = 0;
	struct care_ctx cx;
	char now[INSTANT_LEN + 1];
	const struct api_field f[] = {
		{ "decision", F_ENUM, true, false, &decision, 0, parse_decision,
		    NULL },
		{ "ground", F_ENUM, false, true, &ground, 0, parse_ground, NULL },
		{ "reason", F_STRING, false, true, &reason, REASON_MAX, NULL,
		    NULL },
	};

	if (gate_open_body(req, f, API_NFIELDS(f), G_DESTRUCTION_DECIDE, &cx,
	    e) != 0)
		return -1;
	if (store_request_get(req->db, req->a, cx.client_id, req->params[1],
	    &r, e) != 0)
		return gate_fail(req);
	if (decision == 1 && ground < 0)
		return gate_error(req, ERR_INVALID, "ground",
		    R_DESTRUCTION_GROUND_REQUIRED,
		    "a refusal names its ground", e);
	if (decision == 1 && (reason == NULL || strlen(reason) < REASON_MIN))
		return gate_error(req, ERR_INVALID, "reason",
		    R_REASON_TOO_SHORT, "state the reason in at least 10 "
		    "characters", e);
	if (decision == 0) {
		struct trajectory_rec t;

		if (store_trajectory_current(req->db, req->a, cx.client_id, &t,
		    e) == 0 && t.end == DATE_NONE)
			return gate_error(req, ERR_CONFLICT, NULL,
			    R_DESTRUCTION_CARE_OPEN,
			    "her trajectory is open; close it first", e);
		if (e->code != ERR_OK && e->code != ERR_NOT_FOUND)
			return gate_fail(req);
		err_init(e);
	}
	instant_now(now);
	if (store_request_decide(req->db, req->a, r.id,
	    decision == 0 ? "granted" : "refused",
	    decision == 1 ? grounds[ground] : NULL,
	    decision == 1 ? reason : NULL, req->who->user_id, now, &changed,
	    e) != 0)
		return gate_fail(req);
	if (changed == 0)
		return gate_error(req, ERR_CONFLICT, NULL,
		    R_DESTRUCTION_NOT_PENDING, "this request is decided already",
		    e);
	if (store_request_get(req->db, req->a, cx.client_id, r.id, &r, e) != 0)
		return gate_fail(req);
	return gate_respond(req, &cx, r.id, resp, 200, request_json(&r), e);
}

/* A coordinator acts only on her own institution's girl; the row also
 * lets the administrator in (REL_NONE), so say "not found" as the gate
 * does for a girl one may not see. */
static int
hold_open(struct api_req *req, const struct api_field *f, size_t nf,
    enum gate_act act, struct care_ctx *cx, struct err *e)
{
	if ((f != NULL ? gate_open_body(req, f, nf, act, cx, e) :
	    gate_open(req, act, cx, e)) != 0)
		return -1;
	if (req->who->role == ROLE_COORDINATOR &&
	    cx->acc.level != ACCESS_COORDINATOR)
		return gate_refuse(req, cx, ERR_NOT_FOUND, R_CLIENT_NOT_FOUND,
		    "client not found", e);
	return 0;
}

int
api_holds_list(API_ARGS)
{
	struct legal_hold *h = NULL;
	struct care_ctx cx;
	size_t n = 0;

	if (hold_open(req, NULL, 0, G_HOLD_READ, &cx, e) != 0)
		return -1;
	if (store_holds_list(req->db, req->a, cx.client_id, &h, &n, e) != 0)
		return gate_fail(req);
	return gate_respond_each(req, &cx, resp, h, n, sizeof *h, hold_item, e);
}

static int
hold_reason(struct api_req *req, const char *reason, struct err *e)
{
	if (strlen(reason) < REASON_MIN)
		return gate_error(req, ERR_INVALID, "reason",
		    R_REASON_TOO_SHORT,
		    "state the reason in at least 10 characters", e);
	return 0;
}

/* The body {"reason"} of setting or lifting a hold, the gate for `act`,
 * then the reason's length. */
static int
hold_open_reason(struct api_req *req, enum gate_act act, struct care_ctx *cx,
    const char **reason, struct err *e)
{
	const struct api_field f[] = {
		{ "reason", F_STRING, true, false, reason, REASON_MAX, NULL,
		    NULL },
	};

	*reason = NULL;
	if (hold_open(req, f, API_NFIELDS(f), act, cx, e) != 0)
		return -1;
	return hold_reason(req, *reason, e);
}

int
api_hold_set(API_ARGS)
{
	struct legal_hold h, *all = NULL;
	const char *reason;
	struct care_ctx cx;
	size_t n = 0;
	char now[INSTANT_LEN + 1];

	if (hold_open_reason(req, G_HOLD_SET, &cx, &reason, e) != 0)
		return -1;
	if (store_holds_list(req->db, req->a, cx.client_id, &all, &n, e) != 0)
		return gate_fail(req);
	for (size_t i = 0; i < n; i++)
		if (all[i].lifted_at == NULL)
			return gate_error(req, ERR_CONFLICT, NULL,
			    R_LEGAL_HOLD_ACTIVE, "a legal hold is active already",
			    e);
	memset(&h, 0, sizeof h);
	h.id = store_new_id(req->a, now);
	h.client_id = (char *)cx.client_id;
	h.reason = (char *)reason;
	h.set_by = (char *)req->who->user_id;
	h.set_at = now;
	if (store_hold_insert(req->db, req->a, &h, e) != 0)
		return gate_fail(req);
	return gate_respond(req, &cx, h.id, resp, 201, hold_json(&h), e);
}

int
api_hold_lift(API_ARGS)
{
	struct legal_hold *all = NULL;
	const char *reason;
	struct care_ctx cx;
	int64_t changed = 0;
	size_t n = 0;
	char now[INSTANT_LEN + 1];

	if (hold_open_reason(req, G_HOLD_LIFT, &cx, &reason, e) != 0)
		return -1;
	instant_now(now);
	if (store_hold_lift(req->db, req->a, cx.client_id, reason,
	    req->who->user_id, now, &changed, e) != 0)
		return gate_fail(req);
	if (changed == 0)
		return gate_error(req, ERR_CONFLICT, NULL, R_LEGAL_HOLD_NONE,
		    "no legal hold is active", e);
	if (store_holds_list(req->db, req->a, cx.client_id, &all, &n, e) != 0)
		return gate_fail(req);
	return gate_respond(req, &cx, all[0].id, resp, 200, hold_json(&all[0]),
	    e);
}
