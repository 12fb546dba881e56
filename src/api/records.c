/*
 * records.c - the events inside a trajectory: phases (placements), legal
 * bases, court orders and team memberships.  Each has list, create, read,
 * update (PATCH) and end.
 *
 * Invariants:
 *   1. Records live inside the current trajectory; a closed trajectory
 *      takes no new records (409) and a record may not outrun it (400).
 *   2. Placements never overlap (400 naming start_date; the other
 *      placement's dates only to whom may see it); an end is never
 *      before its start (400 naming end_date).
 *   3. A partner writes only phases her own organisation delivers and sees
 *      nothing else; legal bases and court orders need the team or the
 *      coordinator; the team is the coordinator's to change.
 */
#include "api/care.h"

#include <string.h>

#include "db/db.h"

#define TEXT_MAX 1000

/* A write needs an open trajectory and a span inside it. */
static int
check_span(const struct care_ctx *rc, dl_date start, dl_date end,
    const char *start_field, const char *end_field, bool creating,
    struct err *e)
{
	if (creating && rc->t.end != DATE_NONE)
		return err_setr(e, ERR_CONFLICT, NULL, R_TRAJECTORY_CLOSED,
		    "the trajectory is closed; reopen it first");
	if (end != DATE_NONE && end < start)
		return err_setr(e, ERR_INVALID, end_field, R_END_BEFORE_START,
		    "the end date lies before the start date");
	if (start < rc->t.start)
		return err_setr(e, ERR_INVALID, start_field,
		    R_DATE_BEFORE_TRAJECTORY,
		    "this lies before the start of the trajectory");
	if (rc->t.end != DATE_NONE && (end == DATE_NONE || end > rc->t.end))
		return err_setr(e, ERR_INVALID, end_field,
		    R_DATE_AFTER_TRAJECTORY,
		    "this runs past the end of the trajectory");
	return 0;
}

static bool
is_partner(const struct care_ctx *rc)
{
	return rc->acc.level == ACCESS_PARTNER;
}

static int
org_kind_is(struct api_req *req, const char *id, const char *field,
    const char *kind1, const char *kind2, struct err *e)
{
	char *kind = NULL;

	if (care_org(req, id, field, NULL, &kind, e) != 0)
		return -1;
	if (strcmp(kind, kind1) != 0 && (kind2 == NULL || strcmp(kind, kind2) != 0))
		return err_setr(e, ERR_INVALID, field, R_ORG_WRONG_KIND,
		    "this organisation cannot be chosen here");
	return 0;
}

/* ================= phases ================= */

static struct phase_rec *
find_phase(struct care_ctx *rc, const char *id)
{
	for (size_t i = 0; i < rc->full.nphases; i++)
		if (strcmp(rc->full.phases[i].id, id) == 0)
			return &rc->full.phases[i];
	return NULL;
}

static bool
phase_visible(const struct care_ctx *rc, const struct api_req *req,
    const struct phase_rec *p)
{
	return !is_partner(rc) || strcmp(p->provider_id, req->who->org_id) == 0;
}

static int
phase_validate(struct api_req *req, struct care_ctx *rc,
    const struct phase_rec *p, bool creating, struct err *e)
{
	struct rules_interval a = { p->start, p->end == DATE_NONE ? DATE_OPEN : p->end };

	if (check_span(rc, p->start, p->end, "start_date", "end_date",
	    creating, e) != 0)
		return -1;
	if (p->out_of_region && p->safety_reason == NULL)
		return err_setr(e, ERR_INVALID, "safety_reason",
		    R_PHASE_SAFETY_REASON,
		    "a placement outside her region needs its safety reason");
	if (is_partner(rc) && strcmp(p->provider_id, req->who->org_id) != 0)
		return err_setr(e, ERR_INVALID, "provider_id",
		    R_PHASE_PARTNER_OWN_ONLY,
		    "a partner provider records only its own placements");
	for (size_t i = 0; i < rc->full.nphases; i++) {
		const struct phase_rec *q = &rc->full.phases[i];
		struct rules_interval b = { q->start,
		    q->end == DATE_NONE ? DATE_OPEN : q->end };

		if (p->id != NULL && strcmp(p->id, q->id) == 0)
			continue;
		if (rules_overlap(a, b)) {
			char s[DATE_STR_LEN + 1];

			/* Never another provider's dates to a partner who
			 * may not see that placement. */
			if (!phase_visible(rc, req, q))
				return err_setr(e, ERR_INVALID, "start_date",
				    R_PHASE_OVERLAP,
				    "this overlaps another placement");
			date_format(q->start, s);
			return err_setr(e, ERR_INVALID, "start_date",
			    R_PHASE_OVERLAP,
			    "this overlaps the placement that started on %s", s);
		}
	}
	return org_kind_is(req, p->provider_id, "provider_id", "institution",
	    "other", e);
}

int
api_phases_list(API_ARGS)
{
	struct care_ctx rc;
	json_t *items;

	if (gate_open(req, G_PHASE_READ, &rc, e) != 0)
		return -1;
	items = json_array();
	for (size_t i = 0; i < rc.full.nphases; i++)
		if (phase_visible(&rc, req, &rc.full.phases[i]))
			json_array_append_new(items,
			    care_phase_json(&rc, &rc.full.phases[i]));
	return gate_respond_items(req, &rc, resp, items, e);
}

int
api_phase_get(API_ARGS)
{
	struct care_ctx rc;
	struct phase_rec *p;

	if (gate_open(req, G_PHASE_READ, &rc, e) != 0)
		return -1;
	if ((p = find_phase(&rc, req->params[1])) == NULL ||
	    !phase_visible(&rc, req, p))
		return gate_error(req, ERR_NOT_FOUND, NULL, R_PHASE_NOT_FOUND,
		    "placement not found", e);
	return gate_respond(req, &rc, p->id, resp, 200,
	    care_phase_json(&rc, p), e);
}

/* Parse a phase body into p; `patch` makes every member optional. */
static int
phase_parse(struct api_req *req, struct phase_rec *p, bool patch,
    struct err *e)
{
	int form = p->form;
	const char *provider = NULL, *location = NULL, *change = NULL,
	    *safety = NULL;
	bool shielded = p->location_shielded, oor = p->out_of_region;
	bool has_loc = false, has_change = false, has_safety = false,
	    has_end = false;
	dl_date start = DATE_NONE, end = DATE_NONE;
	const struct api_field f[] = {
		{ "form", F_ENUM, !patch, false, &form, 0, care_parse_form, NULL },
		{ "provider_id", F_ID, !patch, false, &provider, 0, NULL, NULL },
		{ "location", F_STRING, false, true, &location, 200, NULL, &has_loc },
		{ "location_shielded", F_BOOL, false, false, &shielded, 0, NULL, NULL },
		{ "start_date", F_DATE, !patch, false, &start, 0, NULL, NULL },
		{ "end_date", F_DATE, false, true, &end, 0, NULL, &has_end },
		{ "change_reason", F_STRING, false, true, &change, TEXT_MAX, NULL, &has_change },
		{ "out_of_region", F_BOOL, false, false, &oor, 0, NULL, NULL },
		{ "safety_reason", F_STRING, false, true, &safety, TEXT_MAX, NULL, &has_safety },
	};

	if (api_parse_object(req, f, sizeof f / sizeof f[0], e) != 0)
		return -1;
	p->form = (enum care_form)form;
	if (provider)
		p->provider_id = (char *)provider;
	if (has_loc)
		p->location = (char *)location;
	p->location_shielded = shielded;
	if (start != DATE_NONE)
		p->start = start;
	if (has_end)
		p->end = end;
	if (has_change)
		p->change_reason = (char *)change;
	p->out_of_region = oor;
	if (has_safety)
		p->safety_reason = (char *)safety;
	return 0;
}

int
api_phases_create(API_ARGS)
{
	struct care_ctx rc;
	struct phase_rec p;

	memset(&p, 0, sizeof p);
	p.end = DATE_NONE;
	if (phase_parse(req, &p, false, e) != 0)
		return -1;
	if (gate_open(req, G_PHASE_CREATE, &rc, e) != 0)
		return -1;
	p.trajectory_id = rc.t.id;
	if (phase_validate(req, &rc, &p, true, e) != 0 ||
	    store_phase_insert(req->db, req->a, &p, e) != 0)
		return gate_fail(req);
	if (care_org(req, p.provider_id, "provider_id",
	    &p.provider_name, NULL, e) != 0)
		return gate_fail(req);
	return gate_respond(req, &rc, p.id, resp, 201,
	    care_phase_json(&rc, &p), e);
}

/* PATCH .../phases/{pid}, or POST .../end (API_END). */
int
api_phase_change(API_ARGS)
{
	bool ending = (req->flags & API_END) != 0;
	struct care_ctx rc;
	struct phase_rec *p, np;

	/* Parse after access: the fields depend on the stored phase. */
	if (gate_open(req, ending ? G_PHASE_END : G_PHASE_UPDATE, &rc, e) != 0)
		return -1;
	if ((p = find_phase(&rc, req->params[1])) == NULL ||
	    !phase_visible(&rc, req, p))
		return gate_error(req, ERR_NOT_FOUND, NULL, R_PHASE_NOT_FOUND,
		    "placement not found", e);
	np = *p;
	if (ending) {
		const char *change = NULL;
		dl_date end = DATE_NONE;
		const struct api_field f[] = {
			{ "end_date", F_DATE, true, false, &end, 0, NULL, NULL },
			{ "change_reason", F_STRING, false, true, &change, TEXT_MAX, NULL, NULL },
		};

		if (api_parse_object(req, f, sizeof f / sizeof f[0], e) != 0)
			return gate_fail(req);
		if (p->end != DATE_NONE)
			return gate_error(req, ERR_CONFLICT, NULL,
			    R_ALREADY_ENDED, "this placement has ended already",
			    e);
		np.end = end;
		if (change)
			np.change_reason = (char *)change;
	} else if (phase_parse(req, &np, true, e) != 0) {
		return gate_fail(req);
	}
	if (phase_validate(req, &rc, &np, false, e) != 0 ||
	    store_phase_update(req->db, req->a, &np, e) != 0 ||
	    care_org(req, np.provider_id, "provider_id",
	    &np.provider_name, NULL, e) != 0)
		return gate_fail(req);
	return gate_respond(req, &rc, np.id, resp, 200,
	    care_phase_json(&rc, &np), e);
}


/* ============ legal bases and court orders ============ */

/*
 * Bases and orders share their shape: a kind, a span and (bases only) a
 * paying municipality.  One set of handlers serves both, told apart by
 * `struct span_kind`.
 */
struct span_kind {
	const char *noun;		/* for messages */
	int (*parse)(const char *, int *);
	bool has_payer;
	enum gate_act read, create, update, end;	/* its acts at the gate */
};

static const struct span_kind BASIS = { "legal basis",
	care_parse_basis, true, G_BASIS_READ, G_BASIS_CREATE, G_BASIS_UPDATE,
	G_BASIS_END };
static const struct span_kind ORDER = { "court order",
	care_parse_order, false, G_ORDER_READ, G_ORDER_CREATE, G_ORDER_UPDATE,
	G_ORDER_END };

/* A uniform view of a basis or an order. */
struct span_rec {
	char *id;
	int kind;
	char *payer_id, *payer_name;
	dl_date start, end;
};

static size_t
span_count(const struct span_kind *k, const struct care_ctx *rc)
{
	return k->has_payer ? rc->full.nbases : rc->full.norders;
}

static struct span_rec
span_get(const struct span_kind *k, const struct care_ctx *rc, size_t i)
{
	struct span_rec s;

	memset(&s, 0, sizeof s);
	if (k->has_payer) {
		const struct basis_rec *b = &rc->full.bases[i];

		s.id = b->id;
		s.kind = (int)b->kind;
		s.payer_id = b->paying_id;
		s.payer_name = b->paying_name;
		s.start = b->start;
		s.end = b->end;
	} else {
		const struct order_rec *o = &rc->full.orders[i];

		s.id = o->id;
		s.kind = (int)o->kind;
		s.start = o->start;
		s.end = o->end;
	}
	return s;
}

static json_t *
span_json(const struct span_kind *k, const struct care_ctx *rc,
    const struct span_rec *s)
{
	if (k->has_payer) {
		struct basis_rec b = { s->id, rc->t.id, (enum basis_kind)s->kind,
		    s->payer_id, s->payer_name, s->start, s->end };

		return care_basis_json(rc, &b);
	} else {
		struct order_rec o = { s->id, rc->t.id, (enum order_kind)s->kind,
		    s->start, s->end };

		return care_order_json(rc, &o);
	}
}

static int
span_store(struct api_req *req, const struct span_kind *k,
    struct care_ctx *rc, struct span_rec *s, bool creating, struct err *e)
{
	if (k->has_payer) {
		struct basis_rec b = { s->id, rc->t.id, (enum basis_kind)s->kind,
		    s->payer_id, NULL, s->start, s->end };

		if (creating) {
			if (store_basis_insert(req->db, req->a, &b, e) != 0)
				return -1;
			s->id = b.id;
			return 0;
		}
		return store_basis_update(req->db, &b, e);
	} else {
		struct order_rec o = { s->id, rc->t.id, (enum order_kind)s->kind,
		    s->start, s->end };

		if (creating) {
			if (store_order_insert(req->db, req->a, &o, e) != 0)
				return -1;
			s->id = o.id;
			return 0;
		}
		return store_order_update(req->db, &o, e);
	}
}

static int
span_validate(struct api_req *req, const struct span_kind *k,
    struct care_ctx *rc, struct span_rec *s, bool creating, struct err *e)
{
	if (creating && rc->t.end != DATE_NONE)
		return err_setr(e, ERR_CONFLICT, NULL, R_TRAJECTORY_CLOSED,
		    "the trajectory is closed; reopen it first");
	if (s->end != DATE_NONE && s->end < s->start)
		return err_setr(e, ERR_INVALID, "end_date", R_END_BEFORE_START,
		    "the end date lies before the start date");
	if (s->start < rc->client.birth)
		return err_setr(e, ERR_INVALID, "start_date",
		    R_DATE_BEFORE_BIRTH, "this lies before her birth");
	if (k->has_payer && s->payer_id != NULL) {
		if (org_kind_is(req, s->payer_id, "paying_municipality_id",
		    "municipality", NULL, e) != 0)
			return -1;
		if (care_org(req, s->payer_id,
		    "paying_municipality_id", &s->payer_name, NULL, e) != 0)
			return -1;
	}
	return 0;
}

static int
span_parse(struct api_req *req, const struct span_kind *k,
    struct span_rec *s, bool patch, struct err *e)
{
	const char *payer = NULL;
	bool has_payer = false, has_end = false;
	dl_date start = DATE_NONE, end = DATE_NONE;
	struct api_field f[] = {
		{ "kind", F_ENUM, !patch, false, &s->kind, 0, k->parse, NULL },
		{ "start_date", F_DATE, !patch, false, &start, 0, NULL, NULL },
		{ "end_date", F_DATE, false, true, &end, 0, NULL, &has_end },
		{ "paying_municipality_id", F_ID, false, true, &payer, 0, NULL, &has_payer },
	};

	if (api_parse_object(req, f, k->has_payer ? 4 : 3, e) != 0)
		return -1;
	if (start != DATE_NONE)
		s->start = start;
	if (has_end)
		s->end = end;
	if (has_payer) {
		s->payer_id = (char *)payer;
		s->payer_name = NULL;
	}
	return 0;
}

static int
span_find(const struct span_kind *k, struct care_ctx *rc, const char *id,
    struct span_rec *out)
{
	for (size_t i = 0; i < span_count(k, rc); i++) {
		*out = span_get(k, rc, i);
		if (strcmp(out->id, id) == 0)
			return 0;
	}
	return -1;
}

/* The span in params[1], or 404 naming its kind (rolled back). */
static int
span_lookup(struct api_req *req, const struct span_kind *k,
    struct care_ctx *rc, struct span_rec *s, struct err *e)
{
	if (span_find(k, rc, req->params[1], s) == 0)
		return 0;
	err_setr(e, ERR_NOT_FOUND, NULL, R_RECORD_NOT_FOUND, "%s not found",
	    k->noun);
	return gate_fail(req);
}

static int
span_list(struct api_req *req, struct api_resp *resp,
    const struct span_kind *k, struct err *e)
{
	struct care_ctx rc;
	json_t *items;

	if (gate_open(req, k->read, &rc, e) != 0)
		return -1;
	items = json_array();
	for (size_t i = 0; i < span_count(k, &rc); i++) {
		struct span_rec s = span_get(k, &rc, i);

		json_array_append_new(items, span_json(k, &rc, &s));
	}
	return gate_respond_items(req, &rc, resp, items, e);
}

static int
span_one(struct api_req *req, struct api_resp *resp,
    const struct span_kind *k, struct err *e)
{
	struct care_ctx rc;
	struct span_rec s;

	if (gate_open(req, k->read, &rc, e) != 0)
		return -1;
	if (span_lookup(req, k, &rc, &s, e) != 0)
		return -1;
	return gate_respond(req, &rc, s.id, resp, 200,
	    span_json(k, &rc, &s), e);
}

static int
span_create(struct api_req *req, struct api_resp *resp,
    const struct span_kind *k, struct err *e)
{
	struct care_ctx rc;
	struct span_rec s;

	memset(&s, 0, sizeof s);
	s.start = s.end = DATE_NONE;
	if (span_parse(req, k, &s, false, e) != 0)
		return -1;
	if (gate_open(req, k->create, &rc, e) != 0)
		return -1;
	if (span_validate(req, k, &rc, &s, true, e) != 0 ||
	    span_store(req, k, &rc, &s, true, e) != 0)
		return gate_fail(req);
	return gate_respond(req, &rc, s.id, resp, 201,
	    span_json(k, &rc, &s), e);
}

static int
span_change(struct api_req *req, struct api_resp *resp,
    const struct span_kind *k, bool ending, struct err *e)
{
	struct care_ctx rc;
	struct span_rec s;

	if (gate_open(req, ending ? k->end : k->update, &rc, e) != 0)
		return -1;
	if (span_lookup(req, k, &rc, &s, e) != 0)
		return -1;
	if (ending) {
		dl_date end = DATE_NONE;
		const struct api_field f[] = {
			{ "end_date", F_DATE, true, false, &end, 0, NULL, NULL },
		};

		if (api_parse_object(req, f, 1, e) != 0)
			return gate_fail(req);
		if (s.end != DATE_NONE && s.end <= end) {
			err_setr(e, ERR_CONFLICT, NULL, R_ALREADY_ENDED,
			    "this %s has ended already",
			    k->noun);
			return gate_fail(req);
		}
		s.end = end;
	} else if (span_parse(req, k, &s, true, e) != 0) {
		return gate_fail(req);
	}
	if (span_validate(req, k, &rc, &s, false, e) != 0 ||
	    span_store(req, k, &rc, &s, false, e) != 0)
		return gate_fail(req);
	return gate_respond(req, &rc, s.id, resp, 200,
	    span_json(k, &rc, &s), e);
}

int api_bases_list(struct api_req *r, struct api_resp *p, struct err *e) { return span_list(r, p, &BASIS, e); }
int api_bases_create(struct api_req *r, struct api_resp *p, struct err *e) { return span_create(r, p, &BASIS, e); }
int api_basis_get(struct api_req *r, struct api_resp *p, struct err *e) { return span_one(r, p, &BASIS, e); }
int api_basis_update(struct api_req *r, struct api_resp *p, struct err *e) { return span_change(r, p, &BASIS, false, e); }
int api_basis_end(struct api_req *r, struct api_resp *p, struct err *e) { return span_change(r, p, &BASIS, true, e); }
int api_orders_list(struct api_req *r, struct api_resp *p, struct err *e) { return span_list(r, p, &ORDER, e); }
int api_orders_create(struct api_req *r, struct api_resp *p, struct err *e) { return span_create(r, p, &ORDER, e); }
int api_order_get(struct api_req *r, struct api_resp *p, struct err *e) { return span_one(r, p, &ORDER, e); }
int api_order_update(struct api_req *r, struct api_resp *p, struct err *e) { return span_change(r, p, &ORDER, false, e); }
int api_order_end(struct api_req *r, struct api_resp *p, struct err *e) { return span_change(r, p, &ORDER, true, e); }

/* ================= team ================= */

static struct member_rec *
find_member(struct care_ctx *rc, const char *id)
{
	for (size_t i = 0; i < rc->full.nmembers; i++)
		if (strcmp(rc->full.members[i].id, id) == 0)
			return &rc->full.members[i];
	return NULL;
}

int
api_team_list(API_ARGS)
{
	struct care_ctx rc;
	json_t *items;

	if (gate_open(req, G_MEMBER_READ, &rc, e) != 0)
		return -1;
	items = json_array();
	for (size_t i = 0; i < rc.full.nmembers; i++)
		json_array_append_new(items,
		    care_member_json(&rc, &rc.full.members[i]));
	return gate_respond_items(req, &rc, resp, items, e);
}

int
api_member_get(API_ARGS)
{
	struct care_ctx rc;
	struct member_rec *m;

	if (gate_open(req, G_MEMBER_READ, &rc, e) != 0)
		return -1;
	if ((m = find_member(&rc, req->params[1])) == NULL)
		return gate_error(req, ERR_NOT_FOUND, NULL, R_MEMBER_NOT_FOUND,
		    "team member not found", e);
	return gate_respond(req, &rc, m->id, resp, 200,
	    care_member_json(&rc, m), e);
}

static int
member_validate(struct api_req *req, struct care_ctx *rc,
    struct member_rec *m, bool creating, struct err *e)
{
	static const char *staff[] = { "coordinator", "caregiver", "partner" };
	struct user_brief u;
	bool ok = false;

	if (check_span(rc, m->from, m->to, "from_date", "to_date", creating,
	    e) != 0)
		return -1;
	if (store_user_brief(req->db, req->a, m->user_id, &u, e) != 0) {
		if (e->code == ERR_NOT_FOUND)
			err_setr(e, ERR_INVALID, "user_id", R_USER_UNKNOWN,
			    "unknown user");
		return -1;
	}
	for (size_t i = 0; i < sizeof staff / sizeof staff[0]; i++)
		if (strcmp(u.role, staff[i]) == 0)
			ok = true;
	if (!ok || !u.active)
		return err_setr(e, ERR_INVALID, "user_id",
		    R_USER_NOT_CARE_STAFF,
		    "only active care staff can join a team");
	m->user_name = u.display_name;
	m->user_role = u.role;
	for (size_t i = 0; i < rc->full.nmembers; i++) {
		const struct member_rec *q = &rc->full.members[i];
		struct rules_interval a = { m->from, m->to == DATE_NONE ? DATE_OPEN : m->to };
		struct rules_interval b = { q->from, q->to == DATE_NONE ? DATE_OPEN : q->to };

		if (m->id != NULL && strcmp(m->id, q->id) == 0)
			continue;
		if (strcmp(q->user_id, m->user_id) == 0 && rules_overlap(a, b))
			return err_setr(e, ERR_INVALID, "user_id",
			    R_MEMBER_ALREADY_ON_TEAM,
			    "this person is already on the team in that period");
	}
	return 0;
}

static int
member_parse(struct api_req *req, struct member_rec *m, bool patch,
    struct err *e)
{
	int role = m->role;
	const char *user = NULL;
	bool has_to = false;
	dl_date from = DATE_NONE, to = DATE_NONE;
	const struct api_field f[] = {
		{ "user_id", F_ID, !patch, false, &user, 0, NULL, NULL },
		{ "role", F_ENUM, !patch, false, &role, 0, care_parse_team_role, NULL },
		{ "from_date", F_DATE, !patch, false, &from, 0, NULL, NULL },
		{ "to_date", F_DATE, false, true, &to, 0, NULL, &has_to },
	};

	/* The person of a membership is fixed: a new person is a new member. */
	if (api_parse_object(req, f, patch ? sizeof f / sizeof f[0] : 4, e) != 0)
		return -1;
	if (patch && user != NULL && strcmp(user, m->user_id) != 0)
		return err_setr(e, ERR_INVALID, "user_id", R_MEMBER_USER_FIXED,
		    "end this membership and add the new person instead");
	if (user)
		m->user_id = (char *)user;
	m->role = (enum team_role)role;
	if (from != DATE_NONE)
		m->from = from;
	if (has_to)
		m->to = to;
	return 0;
}

int
api_team_create(API_ARGS)
{
	struct care_ctx rc;
	struct member_rec m;

	memset(&m, 0, sizeof m);
	m.to = DATE_NONE;
	if (member_parse(req, &m, false, e) != 0)
		return -1;
	if (gate_open(req, G_MEMBER_CREATE, &rc, e) != 0)
		return -1;
	m.trajectory_id = rc.t.id;
	if (member_validate(req, &rc, &m, true, e) != 0 ||
	    store_member_insert(req->db, req->a, &m, e) != 0)
		return gate_fail(req);
	return gate_respond(req, &rc, m.id, resp, 201,
	    care_member_json(&rc, &m), e);
}

/* PATCH .../team/{mid}, or POST .../end (API_END). */
int
api_member_change(API_ARGS)
{
	bool ending = (req->flags & API_END) != 0;
	struct care_ctx rc;
	struct member_rec *m, nm;

	if (gate_open(req, ending ? G_MEMBER_END : G_MEMBER_UPDATE, &rc, e) != 0)
		return -1;
	if ((m = find_member(&rc, req->params[1])) == NULL)
		return gate_error(req, ERR_NOT_FOUND, NULL, R_MEMBER_NOT_FOUND,
		    "team member not found", e);
	nm = *m;
	if (ending) {
		dl_date to = DATE_NONE;
		const struct api_field f[] = {
			{ "to_date", F_DATE, true, false, &to, 0, NULL, NULL },
		};

		if (api_parse_object(req, f, 1, e) != 0)
			return gate_fail(req);
		if (m->to != DATE_NONE && m->to <= to)
			return gate_error(req, ERR_CONFLICT, NULL,
			    R_ALREADY_ENDED,
			    "this membership has ended already", e);
		nm.to = to;
	} else if (member_parse(req, &nm, true, e) != 0) {
		return gate_fail(req);
	}
	if (member_validate(req, &rc, &nm, false, e) != 0 ||
	    store_member_update(req->db, &nm, e) != 0)
		return gate_fail(req);
	return gate_respond(req, &rc, nm.id, resp, 200,
	    care_member_json(&rc, &nm), e);
}
