/*
 * clients.c - the client resource, her trajectory, her access log,
 * break-the-glass and the list of clients with their continuity figures
 * (GET /clients); every handler opens the access gate (gate.h).
 *
 * Invariants:
 *   1. A client the caller may not see is answered exactly like one that
 *      does not exist (404, same body), and the attempt is audited.
 *   2. Name and BSN leave the server only for her coordinator, her team
 *      and herself (the BSN not even for break-the-glass access).
 *   3. Every successful read or write of her record leaves one audit entry
 *      in the same transaction as the act itself.
 */
#include "api/care.h"
#include "api/continuity.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db/db.h"
#include "store/auth_store.h"
#include "store/notification.h"

#define PSEUDONYM_MAX CARE_PSEUDONYM_MAX
#define NAME_MAX_LEN CARE_NAME_MAX
#define REASON_MAX 500
#define GLASS_OPEN_MAX 2	/* uses until acknowledged: one renewal */

/* ---- JSON shapes ---- */

json_t *
care_age_json(dl_date birth, dl_date on)
{
	int y, m;

	if (birth == DATE_NONE || on == DATE_NONE || on == DATE_OPEN)
		return json_null();
	date_age_ym(birth, on, date_leap_rule(), &y, &m);
	return json_pack("{s:i, s:i}", "years", y, "months", m);
}

json_t *
care_ref_json(const char *id, const char *name)
{
	if (id == NULL)
		return json_null();
	return json_pack("{s:s, s:o}", "id", id, "name", api_str(name));
}

static bool
sees_identity(const struct care_ctx *cx)
{
	return cx->acc.level == ACCESS_COORDINATOR ||
	    cx->acc.level == ACCESS_TEAM || cx->acc.level == ACCESS_SELF ||
	    cx->acc.level == ACCESS_GLASS;
}

json_t *
care_client_json(const struct care_ctx *cx, const struct client_rec *c)
{
	dl_date b18 = date_birthday(c->birth, 18, date_leap_rule());
	json_t *o;

	o = json_pack("{s:s, s:s, s:o, s:o, s:o, s:i, s:o, s:b, s:s, s:s}",
	    "id", c->id, "pseudonym", c->pseudonym,
	    "birth_date", api_date(c->birth),
	    "age", care_age_json(c->birth, cx->today),
	    "eighteenth_birthday", api_date(b18),
	    "days_until_18", (int)(b18 - cx->today),
	    "municipality", care_ref_json(c->municipality_id,
	    c->municipality_name),
	    "shielded", c->shielded,
	    "created_at", c->created_at, "updated_at", c->updated_at);
	if (sees_identity(cx))
		json_object_set_new(o, "name", api_str(c->name));
	if (cx->acc.level == ACCESS_COORDINATOR || cx->acc.level == ACCESS_TEAM)
		json_object_set_new(o, "bsn", api_str(c->bsn));
	return o;
}

json_t *
care_trajectory_json(const struct trajectory_rec *t)
{
	return json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:b}",
	    "id", t->id, "client_id", t->client_id,
	    "coordinating_org", care_ref_json(t->coordinator_org,
	    t->coordinator_name),
	    "start_date", api_date(t->start), "end_date", api_date(t->end),
	    "end_reason", api_str(t->end_reason),
	    "open", t->end == DATE_NONE);
}

/*
 * A placement's location is shielded (DOMAIN.md R16): only her team, her
 * coordinator, herself and the provider delivering the placement see it.
 */
static bool
sees_location(const struct care_ctx *cx, const struct phase_rec *p)
{
	switch (cx->acc.level) {
	case ACCESS_COORDINATOR:
	case ACCESS_TEAM:
	case ACCESS_SELF:
	case ACCESS_PARTNER:
		return true;
	default:
		return !p->location_shielded && !cx->client.shielded;
	}
}

json_t *
care_phase_json(const struct care_ctx *cx, const struct phase_rec *p)
{
	bool loc = sees_location(cx, p);

	return json_pack("{s:s, s:s, s:o, s:o, s:b, s:b, s:o, s:o, s:o, s:b, "
	    "s:o, s:o}",
	    "id", p->id, "form", care_form_name(p->form),
	    "provider", care_ref_json(p->provider_id, p->provider_name),
	    "location", loc ? api_str(p->location) : json_null(),
	    "location_hidden", !loc && p->location != NULL,
	    "location_shielded", p->location_shielded,
	    "start_date", api_date(p->start), "end_date", api_date(p->end),
	    "change_reason", api_str(p->change_reason),
	    "out_of_region", p->out_of_region,
	    "safety_reason", api_str(p->safety_reason),
	    "age_at_start", care_age_json(cx->client.birth, p->start));
}

/* A basis's or order's span o from `start` to `end`, completed with the
 * day the law ends it (`legal`), whether it runs past that day, and her age
 * when it started. */
static json_t *
span_legal_json(const struct care_ctx *cx, json_t *o, dl_date start,
    dl_date end, dl_date legal)
{
	json_object_set_new(o, "start_date", api_date(start));
	json_object_set_new(o, "end_date", api_date(end));
	json_object_set_new(o, "legal_end", api_date(legal));
	json_object_set_new(o, "past_legal_end", json_boolean(legal !=
	    DATE_OPEN && (end == DATE_NONE || end > legal)));
	json_object_set_new(o, "age_at_start",
	    care_age_json(cx->client.birth, start));
	return o;
}

json_t *
care_basis_json(const struct care_ctx *cx, const struct basis_rec *b)
{
	return span_legal_json(cx, json_pack("{s:s, s:s, s:o}", "id", b->id,
	    "kind", basis_kind_name(b->kind), "paying_municipality",
	    care_ref_json(b->paying_id, b->paying_name)), b->start, b->end,
	    basis_legal_end(b->kind, cx->client.birth, date_leap_rule()));
}

json_t *
care_order_json(const struct care_ctx *cx, const struct order_rec *o)
{
	return span_legal_json(cx, json_pack("{s:s, s:s}", "id", o->id,
	    "kind", order_kind_name(o->kind)), o->start, o->end,
	    order_legal_end(o->kind, cx->client.birth, date_leap_rule()));
}

json_t *
care_member_json(const struct care_ctx *cx, const struct member_rec *m)
{
	return json_pack("{s:s, s:{s:s, s:o, s:o, s:b}, s:s, s:o, s:o, s:o}",
	    "id", m->id, "user", "id", m->user_id,
	    "display_name", api_str(m->user_name),
	    "role", api_str(m->user_role), "active", !m->user_inactive,
	    "role", team_role_name(m->role),
	    "from_date", api_date(m->from), "to_date", api_date(m->to),
	    "age_at_start", care_age_json(cx->client.birth, m->from));
}

API_ENUM_PARSER(care_parse_form, enum care_form, care_form_parse)

API_ENUM_PARSER(care_parse_basis, enum basis_kind, basis_kind_parse)

API_ENUM_PARSER(care_parse_order, enum order_kind, order_kind_parse)

API_ENUM_PARSER(care_parse_team_role, enum team_role, team_role_parse)

int
care_org(struct api_req *req, const char *id, const char *field,
    char **name, char **kind, struct err *e)
{
	struct store_org org;
	bool found = false;

	if (store_org_get(req->db, req->a, id, &org, &found, e) != 0)
		return -1;
	if (!found)
		return err_setr(e, ERR_INVALID, field, R_ORG_UNKNOWN,
		    "unknown organisation");
	if (name)
		*name = org.name;
	if (kind)
		*kind = org.kind;
	return 0;
}

/* ---- clients ---- */

int
care_check_kind(struct api_req *req, const char *id, const char *field,
    const char *want, enum err_reason reason, const char *msg, struct err *e)
{
	char *kind = NULL;

	if (care_org(req, id, field, NULL, &kind, e) != 0)
		return -1;
	if (strcmp(kind, want) != 0)
		return err_setr(e, ERR_INVALID, field, reason, "%s", msg);
	return 0;
}

int
care_check_municipality(struct api_req *req, const char *id, struct err *e)
{
	return care_check_kind(req, id, "municipality_id", "municipality",
	    R_ORG_NOT_MUNICIPALITY, "this organisation is not a municipality",
	    e);
}

/* Validate the fields of a client that came from a request. */
static int
client_validate(struct api_req *req, const struct client_rec *c,
    struct err *e)
{
	if (c->bsn != NULL && !bsn_valid(c->bsn))
		return err_setr(e, ERR_INVALID, "bsn", R_BSN_INVALID,
		    "a BSN has 9 digits and passes the eleven test");
	if (c->birth > date_today())
		return err_setr(e, ERR_INVALID, "birth_date",
		    R_BIRTH_DATE_IN_FUTURE,
		    "the birth date lies in the future");
	if (c->birth < date_from_ymd(1990, 1, 1))
		return err_setr(e, ERR_INVALID, "birth_date",
		    R_BIRTH_DATE_TOO_EARLY,
		    "the birth date is implausibly early");
	return care_check_municipality(req, c->municipality_id, e);
}

int
care_client_register(struct api_req *req, struct client_rec *c,
    struct err *e)
{
	c->registered_by_org = (char *)req->who->org_id;
	if (client_validate(req, c, e) != 0 ||
	    store_client_insert(req->db, req->a, c, e) != 0)
		return -1;
	return store_client_get(req->db, req->a, c->id, c, e);
}

int
api_clients_create(API_ARGS)
{
	struct client_rec c;
	struct care_ctx cx;
	bool shielded = false;
	const char *pseudonym = NULL, *name = NULL, *bsn = NULL, *mun = NULL;
	dl_date birth = DATE_NONE;
	const struct api_field f[] = {
		{ "pseudonym", F_STRING, true, false, &pseudonym, PSEUDONYM_MAX, NULL, NULL },
		{ "name", F_STRING, false, true, &name, NAME_MAX_LEN, NULL, NULL },
		{ "bsn", F_STRING, false, true, &bsn, 9, NULL, NULL },
		{ "birth_date", F_DATE, true, false, &birth, 0, NULL, NULL },
		{ "municipality_id", F_ID, true, false, &mun, 0, NULL, NULL },
		{ "shielded", F_BOOL, false, false, &shielded, 0, NULL, NULL },
	};

	if (gate_open(req, G_CLIENT_CREATE, &cx, e) != 0)
		return -1;
	if (api_parse_object(req, f, sizeof f / sizeof f[0], e) != 0)
		return gate_fail(req);
	memset(&c, 0, sizeof c);
	c.pseudonym = (char *)pseudonym;
	c.name = (char *)name;
	c.bsn = (char *)bsn;
	c.birth = birth;
	c.municipality_id = (char *)mun;
	c.shielded = shielded;
	if (care_client_register(req, &c, e) != 0)
		return gate_fail(req);
	cx.client_id = c.id;
	cx.acc.level = ACCESS_COORDINATOR;
	cx.client = c;
	return gate_respond(req, &cx, c.id, resp, 201,
	    care_client_json(&cx, &c), e);
}

int
api_client_get(API_ARGS)
{
	struct care_ctx cx;

	if (gate_open(req, G_CLIENT_READ, &cx, e) != 0)
		return -1;
	return gate_respond(req, &cx, cx.client_id, resp, 200,
	    care_client_json(&cx, &cx.client), e);
}

int
api_client_update(API_ARGS)
{
	struct care_ctx cx;
	struct client_rec c;
	bool p_name = false, p_bsn = false, p_shielded = false, shielded = false;
	const char *pseudonym = NULL, *name = NULL, *bsn = NULL, *mun = NULL;
	dl_date birth = DATE_NONE;
	const struct api_field f[] = {
		{ "pseudonym", F_STRING, false, false, &pseudonym, PSEUDONYM_MAX, NULL, NULL },
		{ "name", F_STRING, false, true, &name, NAME_MAX_LEN, NULL, &p_name },
		{ "bsn", F_STRING, false, true, &bsn, 9, NULL, &p_bsn },
		{ "birth_date", F_DATE, false, false, &birth, 0, NULL, NULL },
		{ "municipality_id", F_ID, false, false, &mun, 0, NULL, NULL },
		{ "shielded", F_BOOL, false, false, &shielded, 0, NULL, &p_shielded },
	};

	if (gate_open_body(req, f, API_NFIELDS(f), G_CLIENT_UPDATE, &cx,
	    e) != 0)
		return -1;
	c = cx.client;
	if (pseudonym)
		c.pseudonym = (char *)pseudonym;
	if (p_name)
		c.name = (char *)name;
	if (p_bsn)
		c.bsn = (char *)bsn;
	if (birth != DATE_NONE)
		c.birth = birth;
	if (mun)
		c.municipality_id = (char *)mun;
	if (p_shielded)
		c.shielded = shielded;
	if (client_validate(req, &c, e) != 0 ||
	    store_client_update(req->db, req->a, &c, e) != 0 ||
	    store_client_get(req->db, req->a, c.id, &cx.client, e) != 0) {
		gate_fail(req);
		return -1;
	}
	return gate_respond(req, &cx, c.id, resp, 200,
	    care_client_json(&cx, &cx.client), e);
}

/* ---- trajectory ---- */

static int
check_institution(struct api_req *req, const char *id, const char *field,
    struct err *e)
{
	return care_check_kind(req, id, field, "institution",
	    R_ORG_NOT_INSTITUTION,
	    "this organisation is not a care institution", e);
}

/* Read her current trajectory as stored, finish the act and answer it. */
static int
trajectory_respond(struct api_req *req, struct care_ctx *cx,
    struct trajectory_rec *t, struct api_resp *resp, int status,
    struct err *e)
{
	if (store_trajectory_current(req->db, req->a, cx->client_id, t, e) != 0)
		return gate_fail(req);
	return gate_respond(req, cx, t->id, resp, status,
	    care_trajectory_json(t), e);
}

int
api_trajectory_get(API_ARGS)
{
	struct care_ctx cx;
	struct trajectory_rec t;

	if (gate_open(req, G_TRAJECTORY_READ, &cx, e) != 0)
		return -1;
	return trajectory_respond(req, &cx, &t, resp, 200, e);
}

/*
 * The fields of a trajectory's start and change, {"start_date" (required
 * to start), "coordinating_org_id"}, then the gate for `act`.
 */
static int
trajectory_open(struct api_req *req, enum gate_act act, bool starting,
    struct care_ctx *cx, const char **org, dl_date *start, struct err *e)
{
	const struct api_field f[] = {
		{ "start_date", F_DATE, starting, false, start, 0, NULL, NULL },
		{ "coordinating_org_id", F_ID, false, false, org, 0, NULL,
		    NULL },
	};

	*org = NULL;
	*start = DATE_NONE;
	return gate_open_body(req, f, API_NFIELDS(f), act, cx, e);
}

int
api_trajectory_create(API_ARGS)
{
	struct care_ctx cx;
	struct trajectory_rec t;
	const char *org;
	dl_date start;

	if (trajectory_open(req, G_TRAJECTORY_CREATE, true, &cx, &org, &start,
	    e) != 0)
		return -1;
	if (care_trajectory_start(req, &cx.client, org, start, &t, e) != 0)
		return gate_fail(req);
	return trajectory_respond(req, &cx, &t, resp, 201, e);
}

int
care_trajectory_start(struct api_req *req, const struct client_rec *c,
    const char *org, dl_date start, struct trajectory_rec *t, struct err *e)
{
	memset(t, 0, sizeof *t);
	t->client_id = c->id;
	t->coordinator_org = (char *)(org ? org : req->who->org_id);
	t->start = start;
	t->end = DATE_NONE;
	if (start < c->birth)
		return err_setr(e, ERR_INVALID, "start_date",
		    R_DATE_BEFORE_BIRTH,
		    "the trajectory cannot start before her birth");
	if (check_institution(req, t->coordinator_org, "coordinating_org_id",
	    e) != 0)
		return -1;
	return store_trajectory_insert(req->db, req->a, t, e);
}

/* The earliest and latest day used by any record in the trajectory. */
static void
trajectory_extent(const struct trajectory_full *f, dl_date *first,
    dl_date *last)
{
	*first = DATE_OPEN;
	*last = DATE_NONE;
#define EXTENT(arr, n, s, en) \
	for (size_t i = 0; i < (n); i++) { \
		if ((arr)[i].s < *first) *first = (arr)[i].s; \
		if ((arr)[i].s > *last) *last = (arr)[i].s; \
		if ((arr)[i].en != DATE_NONE && (arr)[i].en > *last) \
			*last = (arr)[i].en; \
	}
	EXTENT(f->phases, f->nphases, start, end)
	EXTENT(f->bases, f->nbases, start, end)
	EXTENT(f->orders, f->norders, start, end)
	EXTENT(f->members, f->nmembers, from, to)
#undef EXTENT
}

/* Shared by update and end: validate the new span against what is inside. */
static int
trajectory_save(struct api_req *req, struct trajectory_rec *t,
    struct err *e)
{
	struct trajectory_full full;
	dl_date first, last;

	if (t->end != DATE_NONE && t->end < t->start)
		return err_setr(e, ERR_INVALID, "end_date", R_END_BEFORE_START,
		    "the end date lies before the start date");
	if (store_trajectory_load(req->db, req->a, t, &full, e) != 0)
		return -1;
	trajectory_extent(&full, &first, &last);
	if (first != DATE_OPEN && t->start > first)
		return err_setr(e, ERR_INVALID, "start_date",
		    R_TRAJECTORY_RECORDS_EARLIER,
		    "records inside the trajectory start earlier");
	if (t->end != DATE_NONE && last != DATE_NONE && t->end < last)
		return err_setr(e, ERR_INVALID, "end_date",
		    R_TRAJECTORY_RECORDS_LATER,
		    "records inside the trajectory run past this date");
	return store_trajectory_update(req->db, req->a, t, e);
}

int
api_trajectory_update(API_ARGS)
{
	struct care_ctx cx;
	struct trajectory_rec t;
	const char *org;
	dl_date start;

	if (trajectory_open(req, G_TRAJECTORY_UPDATE, false, &cx, &org, &start,
	    e) != 0)
		return -1;
	if (store_trajectory_current(req->db, req->a, cx.client_id, &t, e) != 0)
		return gate_fail(req);
	if (start != DATE_NONE)
		t.start = start;
	if (org != NULL) {
		if (check_institution(req, org, "coordinating_org_id", e) != 0)
			return gate_fail(req);
		t.coordinator_org = (char *)org;
	}
	if (trajectory_save(req, &t, e) != 0)
		return gate_fail(req);
	return trajectory_respond(req, &cx, &t, resp, 200, e);
}

int
api_trajectory_end(API_ARGS)
{
	struct care_ctx cx;
	struct trajectory_rec t;
	const char *sign_off = NULL;	/* R8: closing with unsettled domains */
	const char *reason = NULL;
	dl_date end = DATE_NONE;
	const struct api_field f[] = {
		{ "end_date", F_DATE, true, false, &end, 0, NULL, NULL },
		{ "end_reason", F_STRING, true, false, &reason, REASON_MAX, NULL, NULL },
		{ "sign_off_reason", F_STRING, false, true, &sign_off, REASON_MAX, NULL, NULL },
	};

	if (gate_open_body(req, f, API_NFIELDS(f), G_TRAJECTORY_END, &cx,
	    e) != 0)
		return -1;
	if (store_trajectory_current(req->db, req->a, cx.client_id, &t, e) != 0)
		return gate_fail(req);
	if (t.end != DATE_NONE)
		return gate_error(req, ERR_CONFLICT, NULL,
		    R_TRAJECTORY_ALREADY_CLOSED,
		    "the trajectory is already closed", e);
	t.end = end;
	t.end_reason = (char *)reason;
	if (trajectory_save(req, &t, e) != 0 ||
	    continuity_close(req, &cx, &t, sign_off, e) != 0)
		return gate_fail(req);
	return trajectory_respond(req, &cx, &t, resp, 200, e);
}

/* ---- access log and break the glass ---- */

json_t *
care_access_json(const struct access_entry *a, bool with_purpose)
{
	json_t *o = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
	    "at", api_str(a->at), "user", api_str(a->user),
	    "role", api_str(a->role),
	    "organisation", api_str(a->organisation),
	    "action", api_str(a->action),
	    "object_type", api_str(a->object_type),
	    "outcome", api_str(a->outcome));

	if (with_purpose)
		json_object_set_new(o, "purpose", api_str(a->purpose));
	json_object_set_new(o, "break_glass", json_boolean(a->break_glass));
	return o;
}

int
api_access_log(API_ARGS)
{
	struct care_ctx cx;
	struct access_entry *v;
	size_t n;
	int64_t total;
	int limit, offset;
	json_t *items;

	if (api_page(req, &limit, &offset, e) != 0)
		return -1;
	if (gate_open(req, G_ACCESS_LOG_READ, &cx, e) != 0)
		return -1;
	if (store_access_log(req->db, req->a, cx.client_id, limit, offset, &v,
	    &n, &total, e) != 0) {
		gate_fail(req);
		return -1;
	}
	if (gate_finish(req, &cx, cx.client_id, e) != 0)
		return -1;
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, care_access_json(&v[i], true));
	resp->body = json_pack("{s:o, s:I, s:i, s:i}", "items", items,
	    "total", (json_int_t)total, "limit", limit, "offset", offset);
	return 0;
}

int
api_break_glass(API_ARGS)
{
	char expires[INSTANT_LEN + 1];
	const char *reason = NULL;
	struct care_ctx cx;
	int minutes;
	const struct api_field f[] = {
		{ "reason", F_STRING, true, false, &reason, REASON_MAX, NULL, NULL },
	};

	char *kind = NULL, *glass_id = NULL;
	int64_t open_uses = 0;

	if (gate_open(req, G_BREAK_GLASS, &cx, e) != 0)
		return -1;
	if (store_setting_int(req->db, req->a, "glass.minutes", &minutes,
	    e) != 0)
		return gate_fail(req);
	if (api_parse_object(req, f, sizeof f / sizeof f[0], e) != 0)
		return gate_fail(req);
	if (!glass_reason_ok(reason)) {
		err_setr(e, ERR_INVALID, "reason", R_GLASS_REASON_WORDS,
		    "state the reason in words: at least %d words and %d "
		    "characters", GLASS_REASON_MIN_WORDS,
		    GLASS_REASON_MIN_CHARS);
		return gate_fail(req);
	}
	if (cx.acc.level == ACCESS_TEAM || cx.acc.level == ACCESS_COORDINATOR)
		return gate_error(req, ERR_CONFLICT, NULL,
		    R_GLASS_ALREADY_ACCESS,
		    "you already have access to this file", e);
	/* Only staff of an institution giving specialised care (R16). */
	if (store_org_kind(req->db, req->a, req->who->org_id, &kind, e) != 0)
		return gate_fail(req);
	if (kind == NULL || strcmp(kind, "institution") != 0)
		return gate_refuse(req, &cx, ERR_FORBIDDEN,
		    R_GLASS_INSTITUTION_ONLY, "only staff of an institution "
		    "for specialised care can request emergency access", e);
	/* A first use and one renewal; then her coordinator must act. */
	if (store_glass_open_count(req->db, req->a, &req->who->actor,
	    cx.client_id, &open_uses, e) != 0)
		return gate_fail(req);
	if (open_uses >= GLASS_OPEN_MAX)
		return gate_refuse(req, &cx, ERR_CONFLICT,
		    R_GLASS_RENEWAL_LIMIT, "renewed once already: a coordinator "
		    "of her institution must review it first", e);
	if (store_glass_insert(req->db, req->a, &req->who->actor, cx.client_id,
	    reason, minutes, expires, &glass_id, e) != 0 ||
	    store_notice_care(req->db, req->a, NOTICE_GLASS_USED, cx.client_id,
	    glass_id, req->who->user_id, cx.today, NULL, e) != 0)
		return gate_fail(req);
	cx.acc.level = ACCESS_GLASS;
	cx.acc.glass_reason = (char *)reason;
	return gate_respond(req, &cx, cx.client_id, resp, 201,
	    json_pack("{s:s, s:i}", "expires_at", expires, "minutes", minutes),
	    e);
}

/*
 * POST /clients/{id}/break-glass/{gid}/acknowledge: her coordinator has
 * reviewed a use; its alert leaves the worklist and its user may renew.
 */
int
api_glass_acknowledge(API_ARGS)
{
	struct care_ctx cx;

	if (gate_open(req, G_GLASS_ACKNOWLEDGE, &cx, e) != 0)
		return -1;
	if (!id_valid(req->params[1]))
		return gate_error(req, ERR_NOT_FOUND, NULL, R_GLASS_NOT_FOUND,
		    "no such emergency access on her file", e);
	if (store_glass_acknowledge(req->db, req->a, &req->who->actor,
	    cx.client_id, req->params[1], e) != 0)
		return gate_fail(req);
	return gate_respond(req, &cx, req->params[1], resp, 200,
	    json_pack("{s:s, s:b}", "id", req->params[1], "acknowledged", 1),
	    e);
}

/* ---- the list of clients (GET /clients) ---- */

struct row {
	struct client_summary *s;
	int days_until_18;
	int gap_days;		/* days without basis up to today */
	dl_date next_gap;	/* start of the first gap after today, or DATE_NONE */
	bool gap_now;		/* today is without a legal basis */
	int transfers;
	bool has_figures;
	struct continuity fig;
};

enum sort_key { SORT_PSEUDONYM, SORT_DAYS_UNTIL_18, SORT_GAP_DAYS, SORT_TRANSFERS,
	SORT_URGENCY };

/*
 * How urgent a girl's file is, lower first: 0 a gap today; 1 her 18th
 * birthday within a year and uncovered; 2 a coming gap; 3 an uncovered 18th
 * birthday further away; 4 the rest.
 */
static int
urgency_rank(const struct row *r)
{
	if (r->gap_now)
		return 0;
	if (r->fig.gap_at_18 && r->days_until_18 >= 0 && r->days_until_18 <= 365)
		return 1;
	if (r->next_gap != DATE_NONE)
		return 2;
	if (r->fig.gap_at_18 && r->days_until_18 >= 0)
		return 3;
	return 4;
}

/* Those already past 18 go last; the nearest birthday first. */
static int
birthday_cmp(const struct row *a, const struct row *b)
{
	int d = (a->days_until_18 < 0) - (b->days_until_18 < 0);

	return d ? d : a->days_until_18 - b->days_until_18;
}

static __thread enum sort_key sort_key;

static int
row_cmp(const void *pa, const void *pb)
{
	const struct row *a = pa, *b = pb;
	int d = 0;

	switch (sort_key) {
	case SORT_DAYS_UNTIL_18:
		d = birthday_cmp(a, b);
		break;
	case SORT_URGENCY:
		d = urgency_rank(a) - urgency_rank(b);
		if (d == 0 && a->next_gap != b->next_gap)
			d = a->next_gap < b->next_gap ? -1 : 1;
		if (d == 0)
			d = birthday_cmp(a, b);
		break;
	case SORT_GAP_DAYS:
		d = b->gap_days - a->gap_days;
		break;
	case SORT_TRANSFERS:
		d = b->transfers - a->transfers;
		break;
	case SORT_PSEUDONYM:
		break;
	}
	return d ? d : strcasecmp(a->s->c.pseudonym, b->s->c.pseudonym);
}

int
api_clients_list(API_ARGS)
{
	struct client_summary *v;
	struct row *rows;
	struct traj_record *recs = NULL;
	struct load_scope ls = { LOAD_IDS, NULL, NULL, 0 };
	const char **ids;
	size_t n, nrecs = 0, nshown = 0;
	int limit, offset;
	const char *q = api_query(req, "q"), *sort = api_query(req, "sort");
	dl_date today = date_today();
	enum leap_rule leap = date_leap_rule();
	struct care_ctx cx;
	json_t *items;

	if (gate_role(req, G_CLIENT_LIST, e) != 0)
		return -1;
	if (api_page(req, &limit, &offset, e) != 0)
		return -1;
	if (q != NULL && strlen(q) > 64)
		return err_setr(e, ERR_INVALID, "q", R_SEARCH_TOO_LONG,
		    "search for at most 64 characters");
	if (sort == NULL || strcmp(sort, "pseudonym") == 0)
		sort_key = SORT_PSEUDONYM;
	else if (strcmp(sort, "days_until_18") == 0)
		sort_key = SORT_DAYS_UNTIL_18;
	else if (strcmp(sort, "gap_days") == 0)
		sort_key = SORT_GAP_DAYS;
	else if (strcmp(sort, "transfers") == 0)
		sort_key = SORT_TRANSFERS;
	else if (strcmp(sort, "urgency") == 0)
		sort_key = SORT_URGENCY;
	else
		return err_setr(e, ERR_INVALID, "sort", R_SORT_UNKNOWN,
		    "sort by pseudonym, urgency, days_until_18, gap_days or transfers");

	if (gate_open(req, G_CLIENT_LIST, &cx, e) != 0)
		return -1;
	if (store_client_list(req->db, req->a, &req->who->actor, q, today, &v, &n,
	    e) != 0)
		goto fail;
	/* A partner sees no legal bases, so no figures either. */
	ids = arena_alloc(req->a, (n + 1) * sizeof *ids);
	for (size_t i = 0; i < n && req->who->role != ROLE_PARTNER; i++)
		if (v[i].trajectory_id != NULL)
			ids[ls.nids++] = v[i].trajectory_id;
	ls.ids = ids;
	if (store_records_load(req->db, req->a, &ls, today, &recs, &nrecs,
	    e) != 0)
		goto fail;
	rows = arena_alloc(req->a, (n + 1) * sizeof *rows);
	for (size_t i = 0; i < n; i++) {
		struct row *r = &rows[i];
		const struct traj_record *rec = record_find(recs, nrecs,
		    v[i].trajectory_id);

		r->s = &v[i];
		r->days_until_18 = (int)(date_birthday(v[i].c.birth, 18, leap) - today);
		if (rec != NULL) {
			struct alert_input in;
			struct rules_result res;

			record_input(rec, today, &in);
			rules_evaluate(&in.r, &res);
			r->fig = res.figures;
			r->has_figures = true;
			r->transfers = res.figures.transfers;
			r->gap_days = res.figures.days_without_basis;
			/* A coming gap is what the coordinator must see first. */
			r->next_gap = DATE_NONE;
			for (size_t g = 0; g < res.ngaps && r->next_gap == DATE_NONE; g++)
				if (res.gaps[g].start > today)
					r->next_gap = res.gaps[g].start;
			for (size_t g = 0; g < res.ngaps; g++)
				if (res.gaps[g].start <= today
				    && res.gaps[g].end >= today)
					r->gap_now = true;
			rules_result_cleanup(&res);
		}
	}
	qsort(rows, n, sizeof *rows, row_cmp);
	/* Every girl on the page is seen: one entry each, one flush. */
	ids = arena_alloc(req->a, (n + 1) * sizeof *ids);
	for (size_t i = (size_t)offset; i < n && i < (size_t)offset +
	    (size_t)limit; i++)
		ids[nshown++] = rows[i].s->c.id;
	if (gate_finish_seen(req, &cx, ids, nshown, e) != 0)
		return -1;
	items = json_array();
	for (size_t i = (size_t)offset; i < n && i < (size_t)offset + (size_t)limit; i++) {
		struct row *r = &rows[i];
		json_t *it;

		memset(&cx, 0, sizeof cx);
		cx.today = today;
		cx.acc.level = ACCESS_PARTNER;	/* the summary never carries identity */
		it = json_pack("{s:s, s:s, s:o, s:o, s:o, s:i, s:o, s:o, s:o, "
		    "s:b, s:o, s:o, s:b}",
		    "id", r->s->c.id, "pseudonym", r->s->c.pseudonym,
		    "birth_date", api_date(r->s->c.birth),
		    "age", care_age_json(r->s->c.birth, today),
		    "eighteenth_birthday", api_date(date_birthday(r->s->c.birth, 18, leap)),
		    "days_until_18", r->days_until_18,
		    "municipality", care_ref_json(r->s->c.municipality_id,
		    r->s->c.municipality_name),
		    "coordinating_org", care_ref_json(r->s->coordinator_org,
		    r->s->coordinator_name),
		    "trajectory_id", api_str(r->s->trajectory_id),
		    "trajectory_open", r->s->trajectory_open,
		    "gap_days", r->has_figures ? json_integer(r->gap_days) : json_null(),
		    "transfers", r->has_figures ? json_integer(r->transfers) : json_null(),
		    "shielded", r->s->c.shielded);
		if (r->has_figures) {
			json_object_set_new(it, "gap_at_18", json_boolean(r->fig.gap_at_18));
			json_object_set_new(it, "next_gap_start", api_date(r->next_gap));
		}
		json_array_append_new(items, it);
	}
	resp->body = json_pack("{s:o, s:i, s:i, s:i}", "items", items,
	    "total", (int)n, "limit", limit, "offset", offset);
	return 0;
fail:
	db_rollback(req->db);
	return -1;
}
