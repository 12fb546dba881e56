/*
 * transition.c - the transition plan of R4 (GET/POST/PATCH
 * .../transition-plan, PATCH .../transition-plan/items/{item}).
 *
 * Invariants:
 *   1. A plan has exactly the ten items of R4; they are changed, never
 *      added or removed, so the web app can rely on their names.
 *   2. Recording a granted decision on the legal basis after 18 records
 *      that basis from her 18th birthday (or basis_start) in the same
 *      transaction, unless a basis of that kind already covers that day:
 *      the decision and the coverage the rules check never disagree.
 *   3. She may write her own view (her_view) herself; the rest is for her
 *      team and coordinator.
 */
#include "api/continuity.h"

#include <string.h>

#include "db/db.h"

#define VIEW_MAX 4000
#define NOTES_MAX 4000

static json_t *
item_json(const struct plan_item_rec *it, dl_date today)
{
	return json_pack("{s:s, s:s, s:o, s:o, s:s, s:o, s:o, s:o, s:o, s:o, "
	    "s:b, s:o}",
	    "id", it->id, "item", plan_item_name(it->kind),
	    "owner", care_ref_json(it->owner_id, it->owner_name),
	    "due_date", api_date(it->due),
	    "status", item_status_name(it->status),
	    "notes", api_str(it->notes),
	    "basis_kind", it->basis_kind >= 0 ?
	    json_string(basis_kind_name((enum basis_kind)it->basis_kind)) :
	    json_null(),
	    "request_date", api_date(it->request_date),
	    "decision", api_str(decision_name(it->decision)),
	    "decision_date", api_date(it->decision_date),
	    "overdue", it->due != DATE_NONE && today > it->due &&
	    it->status != ITEM_DONE && it->status != ITEM_NOT_NEEDED,
	    "updated_at", api_str(it->updated_at));
}

static json_t *
plan_json(const struct care_ctx *cc, const struct plan_rec *p)
{
	dl_date b18 = date_birthday(cc->client.birth, 18, date_leap_rule());
	json_t *items = json_array();
	int open = 0;

	for (size_t i = 0; i < p->nitems; i++) {
		json_array_append_new(items, item_json(&p->items[i],
		    cc->today));
		if (p->items[i].status == ITEM_OPEN ||
		    p->items[i].status == ITEM_IN_PROGRESS)
			open++;
	}
	return json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:s, s:s, s:o, s:i}",
	    "id", p->id, "trajectory_id", p->trajectory_id,
	    "opened_on", api_date(p->opened_on),
	    "her_view", api_str(p->her_view),
	    "eighteenth_birthday", api_date(b18),
	    "required_from", api_date(date_add_months(b18, -12)),
	    "created_at", p->created_at, "updated_at", p->updated_at,
	    "items", items, "open_items", open);
}

static int
load_plan(struct api_req *req, struct care_ctx *cc, struct plan_rec *p,
    struct err *e)
{
	bool found;

	if (store_plan_get(req->db, req->a, cc->t.id, p, &found, e) != 0)
		return -1;
	if (!found)
		return err_setr(e, ERR_NOT_FOUND, NULL, R_PLAN_NONE_YET,
		    "there is no transition plan yet");
	return 0;
}

/* Read her plan as stored and answer it with `status`. */
static int
plan_respond(struct api_req *req, struct care_ctx *cc,
    struct api_resp *resp, int status, struct err *e)
{
	struct plan_rec p;

	if (load_plan(req, cc, &p, e) != 0)
		return gate_fail(req);
	return gate_respond(req, cc, p.id, resp, status, plan_json(cc, &p), e);
}

int
api_plan_get(API_ARGS)
{
	struct care_ctx cc;

	if (gate_open(req, G_PLAN_READ, &cc, e) != 0)
		return -1;
	return plan_respond(req, &cc, resp, 200, e);
}

/* A plan cannot open before the trajectory starts. */
static int
opened_too_early(struct api_req *req, struct err *e)
{
	return gate_error(req, ERR_INVALID, "opened_on",
	    R_DATE_BEFORE_TRAJECTORY,
	    "this lies before the start of the trajectory", e);
}

int
api_plan_create(API_ARGS)
{
	struct care_ctx cc;
	struct plan_rec p;
	const char *view = NULL;
	dl_date opened = DATE_NONE;
	const struct api_field f[] = {
		{ "opened_on", F_DATE, false, true, &opened, 0, NULL, NULL },
		{ "her_view", F_STRING, false, true, &view, VIEW_MAX, NULL, NULL },
	};

	if (gate_open_body(req, f, API_NFIELDS(f), G_PLAN_CREATE, &cc, e) != 0)
		return -1;
	memset(&p, 0, sizeof p);
	p.trajectory_id = cc.t.id;
	p.opened_on = opened != DATE_NONE ? opened : cc.today;
	p.her_view = (char *)view;
	if (p.opened_on < cc.t.start)
		return opened_too_early(req, e);
	if (store_plan_insert(req->db, req->a, &p, req->who->user_id,
	    date_birthday(cc.client.birth, 18, date_leap_rule()), e) != 0)
		return gate_fail(req);
	return plan_respond(req, &cc, resp, 201, e);
}

int
api_plan_update(API_ARGS)
{
	struct care_ctx cc;
	struct plan_rec p;
	const char *view = NULL;
	bool p_view = false;
	dl_date opened = DATE_NONE;
	const struct api_field f[] = {
		{ "opened_on", F_DATE, false, false, &opened, 0, NULL, NULL },
		{ "her_view", F_STRING, false, true, &view, VIEW_MAX, NULL, &p_view },
	};

	if (gate_open_body(req, f, API_NFIELDS(f), G_PLAN_UPDATE, &cc, e) != 0)
		return -1;
	if (cc.acc.level == ACCESS_SELF && opened != DATE_NONE) {
		return gate_refuse(req, &cc, ERR_FORBIDDEN, R_PLAN_HER_VIEW_ONLY,
		    "you may change your own view only", e);
	}
	if (load_plan(req, &cc, &p, e) != 0)
		return gate_fail(req);
	if (opened != DATE_NONE) {
		if (opened < cc.t.start)
			return opened_too_early(req, e);
		p.opened_on = opened;
	}
	if (p_view)
		p.her_view = (char *)view;
	if (store_plan_update(req->db, req->a, &p, e) != 0)
		return gate_fail(req);
	return plan_respond(req, &cc, resp, 200, e);
}

static int
parse_after18(const char *s, int *out)
{
	enum basis_kind k;

	if (basis_kind_parse(s, &k) != 0 || k == BASIS_JEUGDWET)
		return -1;
	*out = (int)k;
	return 0;
}

static API_ENUM_PARSER(parse_item_status, enum item_status, item_status_parse)

static API_ENUM_PARSER(parse_decision, enum decision, decision_parse)

/* Invariant 2: a granted decision records the basis it grants. */
static int
record_granted_basis(struct api_req *req, struct care_ctx *cc,
    const struct plan_item_rec *it, dl_date start, char **basis_id,
    struct err *e)
{
	struct trajectory_full full;
	struct basis_rec b;

	if (store_trajectory_load(req->db, req->a, &cc->t, &full, e) != 0)
		return -1;
	for (size_t i = 0; i < full.nbases; i++)
		if ((int)full.bases[i].kind == it->basis_kind &&
		    full.bases[i].start <= start &&
		    (full.bases[i].end == DATE_NONE || full.bases[i].end >= start))
			return 0;
	if (start < cc->t.start)
		return err_setr(e, ERR_INVALID, "basis_start",
		    R_DATE_BEFORE_TRAJECTORY,
		    "this lies before the start of the trajectory");
	memset(&b, 0, sizeof b);
	b.trajectory_id = cc->t.id;
	b.kind = (enum basis_kind)it->basis_kind;
	b.paying_id = cc->client.municipality_id;
	b.start = start;
	b.end = DATE_NONE;
	if (store_basis_insert(req->db, req->a, &b, e) != 0)
		return -1;
	*basis_id = b.id;
	return 0;
}

int
api_plan_item_update(API_ARGS)
{
	struct care_ctx cc;
	struct plan_rec p;
	struct plan_item_rec *it;
	enum plan_item_kind kind;
	const char *owner = NULL, *notes = NULL;
	char *basis_id = NULL;
	bool p_owner = false, p_due = false, p_notes = false, p_kind = false;
	bool p_req = false, p_dec = false, p_decd = false, p_status = false;
	int status = 0, bkind = -1, dec = 0;
	dl_date due = DATE_NONE, reqd = DATE_NONE, decd = DATE_NONE;
	dl_date bstart = DATE_NONE;
	json_t *body;
	const struct api_field f[] = {
		{ "owner_user_id", F_ID, false, true, &owner, 0, NULL, &p_owner },
		{ "due_date", F_DATE, false, true, &due, 0, NULL, &p_due },
		{ "status", F_ENUM, false, false, &status, 0, parse_item_status, &p_status },
		{ "notes", F_STRING, false, true, &notes, NOTES_MAX, NULL, &p_notes },
		{ "basis_kind", F_ENUM, false, true, &bkind, 0, parse_after18, &p_kind },
		{ "request_date", F_DATE, false, true, &reqd, 0, NULL, &p_req },
		{ "decision", F_ENUM, false, true, &dec, 0, parse_decision, &p_dec },
		{ "decision_date", F_DATE, false, true, &decd, 0, NULL, &p_decd },
		{ "basis_start", F_DATE, false, false, &bstart, 0, NULL, NULL },
	};

	if (plan_item_parse(req->params[1], &kind) != 0)
		return err_setr(e, ERR_NOT_FOUND, NULL, R_PLAN_ITEM_NOT_FOUND,
		    "no such plan item");
	if (api_parse_object(req, f, sizeof f / sizeof f[0], e) != 0)
		return -1;
	if (kind != ITEM_LEGAL_BASIS && (p_kind || p_req || p_dec || p_decd ||
	    bstart != DATE_NONE))
		return err_setr(e, ERR_INVALID, p_kind ? "basis_kind" : p_req ?
		    "request_date" : p_dec ? "decision" : p_decd ?
		    "decision_date" : "basis_start", R_PLAN_ITEM_NO_DECISION,
		    "only the legal basis after 18 has a request and a decision");
	if (gate_open(req, G_PLAN_ITEM_UPDATE, &cc, e) != 0)
		return -1;
	if (load_plan(req, &cc, &p, e) != 0)
		return gate_fail(req);
	it = &p.items[kind];
	if (p_owner) {
		if (owner != NULL && cont_check_staff(req, owner, "owner_user_id",
		    e) != 0)
			return gate_fail(req);
		it->owner_id = (char *)owner;
	}
	if (p_due)
		it->due = due;
	if (p_status)
		it->status = (enum item_status)status;
	if (p_notes)
		it->notes = (char *)notes;
	if (p_kind)
		it->basis_kind = bkind;
	if (p_req)
		it->request_date = reqd;
	if (p_dec)
		it->decision = (enum decision)dec;
	if (p_decd)
		it->decision_date = decd;
	if (it->decision != DECISION_NONE && it->request_date == DATE_NONE)
		return gate_error(req, ERR_INVALID, "request_date",
		    R_PLAN_DECISION_NEEDS_REQUEST,
		    "a decision needs the date the request was made", e);
	if (it->decision_date != DATE_NONE && it->request_date != DATE_NONE &&
	    it->decision_date < it->request_date)
		return gate_error(req, ERR_INVALID, "decision_date",
		    R_PLAN_DECISION_BEFORE_REQUEST,
		    "the decision lies before the request", e);
	if (it->decision == DECISION_GRANTED) {
		if (it->basis_kind < 0)
			return gate_error(req, ERR_INVALID, "basis_kind",
			    R_PLAN_GRANTED_NEEDS_BASIS,
			    "a granted decision names the basis it grants", e);
		if (!p_status)
			it->status = ITEM_DONE;
		if (record_granted_basis(req, &cc, it, bstart != DATE_NONE ?
		    bstart : date_birthday(cc.client.birth, 18,
		    date_leap_rule()), &basis_id, e) != 0)
			return gate_fail(req);
	}
	if (store_plan_item_update(req->db, req->a, it, e) != 0 ||
	    load_plan(req, &cc, &p, e) != 0)
		return gate_fail(req);
	body = item_json(&p.items[kind], cc.today);
	json_object_set_new(body, "legal_basis_id", api_str(basis_id));
	return gate_respond(req, &cc, p.items[kind].id, resp, 200, body, e);
}
