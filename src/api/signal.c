/*
 * signal.c - the signal handlers (api/signal.h).
 *
 * Invariants:
 *   1. Every act goes through the gate: the list and a new signal by role
 *      (gate_open), the acts on one signal by the caller's relation to it
 *      (gate_open_signal: its reporter, or a coordinator of the
 *      institution it is referred to).  Nobody else learns it exists.
 *   2. A reporter sees her own signals and, of another reporter's signal
 *      about the same young person, only who that is and how to reach them
 *      (store_signals_of_reporter); never its indicators, text or identity.
 *   3. Her identity as the reporter typed it (name, BSN, birth date) is
 *      shown only to the receiving coordinator, on one signal, and used by
 *      the intake so that nobody types her again.
 */
#include "api/signal.h"

#include <string.h>

#include "api/care.h"
#include "api/gate.h"
#include "core/rules.h"
#include "core/signal.h"
#include "store/auth_store.h"
#include "store/signal.h"

#define NOTE_MAX 2000
#define CONTACT_MAX 100
/* Signals go to care institutions only. */
#define NOT_RECEIVER "signals are referred to a care institution"

static json_t *
indicators_json(const char *list)
{
	json_t *a = json_array();
	const char *p = list;

	while (p != NULL && *p != '\0') {
		const char *c = strchr(p, ',');
		size_t n = c ? (size_t)(c - p) : strlen(p);

		json_array_append_new(a, json_stringn(p, n));
		p = c ? c + 1 : NULL;
	}
	return a;
}

static json_t *
contact_json(const struct signal_contact *c)
{
	json_t *o = json_pack("{s:o, s:o, s:o, s:o, s:o}",
	    "reporter_name", api_str(c->reporter_name),
	    "organisation", api_str(c->org_name),
	    "phone", api_str(c->phone), "email", api_str(c->email),
	    "since", api_str(c->at));

	if (c->client_id != NULL)
		json_object_set_new(o, "client",
		    care_ref_json(c->client_id, c->pseudonym));
	if (c->client_id != NULL)
		json_object_set_new(o, "signal_id", api_str(c->signal_id));
	return o;
}

static json_t *
signal_json(const struct signal_rec *s, bool identity)
{
	json_t *m = json_array();
	json_t *o;

	for (size_t i = 0; i < s->nmatches; i++)
		json_array_append_new(m, contact_json(&s->matches[i]));
	o = json_pack("{s:s, s:o, s:s, s:o, s:s, s:o, s:{s:o, s:o}, s:o, "
	    "s:o, s:o, s:o, s:o, s:o, s:o}",
	    "id", s->id, "created_on", api_date(s->created_on),
	    "created_at", s->created_at,
	    "indicators", indicators_json(s->indicators),
	    "certainty", s->certainty, "note", api_str(s->note),
	    "contact", "phone", api_str(s->contact_phone),
	    "email", api_str(s->contact_email),
	    "reporter", json_pack("{s:s, s:s, s:o}", "id", s->reporter_id,
	    "name", s->reporter_name, "organisation",
	    care_ref_json(s->reporter_org, s->org_name)),
	    "referred_to", s->referred_org ? care_ref_json(s->referred_org,
	    s->referred_name) : json_null(),
	    "referred_at", api_str(s->referred_at),
	    "screening", api_str(s->screening),
	    "screened_at", api_str(s->screened_at),
	    "client_id", api_str(s->client_id), "matches", m);
	json_object_set_new(o, "municipality_id", api_str(s->municipality_id));
	if (identity)
		json_object_set_new(o, "identity", json_pack("{s:o, s:o, s:o}",
		    "name", api_str(s->name), "bsn", api_str(s->bsn),
		    "birth_date", api_date(s->birth)));
	return o;
}

/* ---- the list ---- */

/* The organisations of one kind, as references (a reporter's choices). */
static json_t *
orgs_json(struct api_req *req, const char *kind, struct err *e)
{
	struct store_org *o = NULL;
	size_t n = 0;
	json_t *a;

	if (store_org_list(req->db, req->a, &o, &n, e) != 0)
		return NULL;
	a = json_array();
	for (size_t i = 0; i < n; i++)
		if (strcmp(o[i].kind, kind) == 0)
			json_array_append_new(a, care_ref_json(o[i].id,
			    o[i].name));
	return a;
}

int
api_signals_list(API_ARGS)
{
	struct care_ctx cx;
	struct signal_rec *v = NULL;
	struct signal_contact *nv = NULL;
	size_t n = 0, nn = 0;
	json_t *body, *items, *inst = NULL, *munis = NULL;

	if (gate_open(req, G_SIGNAL_LIST, &cx, e) != 0)
		return -1;
	if (req->who->role == ROLE_REPORTER) {
		if (store_signals_of_reporter(req->db, req->a,
		    req->who->user_id, &v, &n, e) != 0 ||
		    (inst = orgs_json(req, "institution", e)) == NULL ||
		    (munis = orgs_json(req, "municipality", e)) == NULL) {
			json_decref(inst);
			return gate_fail(req);
		}
	} else if (!req->who->access_pending &&
	    (store_signals_referred(req->db, req->a, req->who->org_id,
	    &v, &n, e) != 0 || store_signal_notices(req->db, req->a,
	    req->who->org_id, &nv, &nn, e) != 0))
		return gate_fail(req);
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, signal_json(&v[i], false));
	body = json_pack("{s:o}", "items", items);
	if (inst != NULL)
		json_object_set_new(body, "institutions", inst);
	if (munis != NULL)
		json_object_set_new(body, "municipalities", munis);
	if (req->who->role == ROLE_COORDINATOR) {
		json_t *notes = json_array();

		for (size_t i = 0; i < nn; i++)
			json_array_append_new(notes, contact_json(&nv[i]));
		json_object_set_new(body, "notices", notes);
	}
	return gate_respond(req, &cx, NULL, resp, 200, body, e);
}

/* ---- one signal ---- */

/* Read the signal back as its reporter sees it (with her notices). */
static int
signal_respond(struct api_req *req, struct care_ctx *cx, const char *id,
    bool identity, struct api_resp *resp, int status, struct err *e)
{
	struct signal_rec *v = NULL, one;
	size_t n = 0;

	if (req->who->role == ROLE_REPORTER) {
		if (store_signals_of_reporter(req->db, req->a,
		    req->who->user_id, &v, &n, e) != 0)
			return gate_fail(req);
		for (size_t i = 0; i < n; i++)
			if (strcmp(v[i].id, id) == 0)
				return gate_respond(req, cx, id, resp, status,
				    signal_json(&v[i], false), e);
		return gate_error(req, ERR_NOT_FOUND, NULL, R_SIGNAL_NOT_FOUND,
		    "signal not found", e);
	}
	if (store_signal_get(req->db, req->a, id, identity, &one, e) != 0)
		return gate_fail(req);
	return gate_respond(req, cx, id, resp, status,
	    signal_json(&one, identity), e);
}

int
api_signals_create(API_ARGS)
{
	struct care_ctx cx;
	struct signal_in in;
	json_t *ind, *v;
	size_t i;
	uint32_t mask = 0;
	int cert = 0;
	char list[SIGNAL_INDICATORS_MAX], *id = NULL;
	size_t nmatched = 0;
	const char *name = NULL, *bsn = NULL, *note = NULL, *phone = NULL,
	    *email = NULL, *org = NULL, *muni = NULL;
	dl_date birth = DATE_NONE;
	const struct api_field f[] = {
		{ "name", F_STRING, false, true, &name, CARE_NAME_MAX, NULL, NULL },
		{ "bsn", F_STRING, false, true, &bsn, 9, NULL, NULL },
		{ "birth_date", F_DATE, false, true, &birth, 0, NULL, NULL },
		{ "certainty", F_ENUM, true, false, &cert, 0,
		    signal_certainty_parse, NULL },
		{ "note", F_STRING, false, true, &note, NOTE_MAX, NULL, NULL },
		{ "contact_phone", F_STRING, true, false, &phone, CONTACT_MAX,
		    NULL, NULL },
		{ "contact_email", F_STRING, false, true, &email, CONTACT_MAX,
		    NULL, NULL },
		{ "referred_org_id", F_ID, false, true, &org, 0, NULL, NULL },
		{ "municipality_id", F_ID, false, true, &muni, 0, NULL, NULL },
	};

	if (gate_role(req, G_SIGNAL_CREATE, e) != 0)
		return -1;
	/* The checklist is an array: taken out before the plain fields. */
	ind = req->body && json_is_object(req->body) ?
	    json_incref(json_object_get(req->body, "indicators")) : NULL;
	if (ind != NULL)
		json_object_del(req->body, "indicators");
	if (api_parse_object(req, f, API_NFIELDS(f), e) != 0)
		goto bad;
	if (ind == NULL || !json_is_array(ind) || json_array_size(ind) == 0) {
		err_setr(e, ERR_INVALID, "indicators",
		    R_SIGNAL_INDICATORS_REQUIRED,
		    "tick at least one indicator");
		goto bad;
	}
	json_array_foreach(ind, i, v) {
		uint32_t bit = json_is_string(v) ?
		    signal_indicator_bit(json_string_value(v)) : 0;

		if (bit == 0) {
			err_setr(e, ERR_INVALID, "indicators",
			    R_SIGNAL_INDICATOR_UNKNOWN,
			    "not an indicator of the checklist");
			goto bad;
		}
		mask |= bit;
	}
	json_decref(ind);
	ind = NULL;
	if (bsn != NULL && !bsn_valid(bsn))
		return err_setr(e, ERR_INVALID, "bsn", R_BSN_INVALID,
		    "a BSN has 9 digits and passes the eleven test");
	if (birth != DATE_NONE && birth > date_today())
		return err_setr(e, ERR_INVALID, "birth_date",
		    R_BIRTH_DATE_IN_FUTURE, "the birth date lies in the future");
	if (bsn == NULL && (name == NULL || birth == DATE_NONE))
		return err_setr(e, ERR_INVALID, bsn == NULL && name == NULL ?
		    "name" : "birth_date", R_SIGNAL_IDENTITY_REQUIRED,
		    "give her BSN, or her name and birth date");
	signal_indicators_format(mask, list, sizeof list);
	if (gate_open(req, G_SIGNAL_CREATE, &cx, e) != 0)
		return -1;
	if ((org != NULL && care_check_kind(req, org, "referred_org_id",
	    "institution", R_ORG_NOT_INSTITUTION, NOT_RECEIVER, e) != 0) ||
	    (muni != NULL && care_check_municipality(req, muni, e) != 0))
		return gate_fail(req);
	memset(&in, 0, sizeof in);
	in.reporter_id = req->who->user_id;
	in.reporter_org = req->who->org_id;
	in.name = name;
	in.bsn = bsn;
	in.birth = birth;
	in.indicators = list;
	in.certainty = signal_certainty_name(cert);
	in.note = note;
	in.contact_phone = phone;
	in.contact_email = email;
	in.referred_org = org;
	in.municipality_id = muni;
	in.created_on = cx.today;
	if (store_signal_insert(req->db, req->a, &in, &id, &nmatched, e) != 0)
		return gate_fail(req);
	return signal_respond(req, &cx, id, false, resp, 201, e);
bad:
	json_decref(ind);
	return -1;
}

int
api_signal_get(API_ARGS)
{
	struct care_ctx cx;
	struct signal_rec s;
	unsigned rel;

	if (gate_open_signal(req, G_SIGNAL_READ, &cx, true, &s, &rel, e) != 0)
		return -1;
	if (rel & REL_REPORTER)
		return signal_respond(req, &cx, s.id, false, resp, 200, e);
	return gate_respond(req, &cx, s.id, resp, 200, signal_json(&s, true),
	    e);
}

/*
 * Read the request's fields into `f`, then open the gate for `act` on the
 * signal in params[0] (her identity only when `identity`).
 */
static int
open_signal_body(struct api_req *req, const struct api_field *f, size_t nf,
    enum gate_act act, bool identity, struct care_ctx *cx,
    struct signal_rec *s, struct err *e)
{
	unsigned rel;

	if (api_parse_object(req, f, nf, e) != 0)
		return -1;
	return gate_open_signal(req, act, cx, identity, s, &rel, e);
}

/* open_signal_body for an act on a signal that has not led to a
 * registration yet: 409 once it has. */
static int
open_unregistered(struct api_req *req, const struct api_field *f, size_t nf,
    enum gate_act act, bool identity, struct care_ctx *cx,
    struct signal_rec *s, struct err *e)
{
	if (open_signal_body(req, f, nf, act, identity, cx, s, e) != 0)
		return -1;
	if (s->client_id != NULL)
		return gate_error(req, ERR_CONFLICT, NULL,
		    R_SIGNAL_REGISTERED_ALREADY,
		    "this signal already led to a registration", e);
	return 0;
}

int
api_signal_refer(API_ARGS)
{
	struct care_ctx cx;
	struct signal_rec s;
	const char *org = NULL;
	const struct api_field f[] = {
		{ "org_id", F_ID, true, false, &org, 0, NULL, NULL },
	};

	if (open_signal_body(req, f, API_NFIELDS(f), G_SIGNAL_REFER, false, &cx,
	    &s, e) != 0)
		return -1;
	if (s.referred_org != NULL)
		return gate_error(req, ERR_CONFLICT, "org_id",
		    R_SIGNAL_REFERRED_ALREADY,
		    "this signal is referred already", e);
	if (care_check_kind(req, org, "org_id", "institution",
	    R_ORG_NOT_INSTITUTION, NOT_RECEIVER, e) != 0 ||
	    store_signal_refer(req->db, req->a, s.id, org, e) != 0)
		return gate_fail(req);
	return signal_respond(req, &cx, s.id, false, resp, 200, e);
}

int
api_signal_screen(API_ARGS)
{
	struct care_ctx cx;
	struct signal_rec s;
	int outcome = 0;
	const struct api_field f[] = {
		{ "outcome", F_ENUM, true, false, &outcome, 0,
		    signal_screening_parse, NULL },
	};

	if (open_unregistered(req, f, API_NFIELDS(f), G_SIGNAL_SCREEN, false,
	    &cx, &s, e) != 0)
		return -1;
	if (store_signal_screen(req->db, req->a, s.id,
	    signal_screening_name(outcome), req->who->user_id, e) != 0)
		return gate_fail(req);
	return signal_respond(req, &cx, s.id, true, resp, 200, e);
}

int
api_signal_intake(API_ARGS)
{
	struct care_ctx cx;
	struct signal_rec s;
	struct client_rec c;
	struct trajectory_rec t;
	bool shielded = false;
	const char *pseudonym = NULL, *mun = NULL;
	dl_date start = DATE_NONE, birth = DATE_NONE;
	json_t *body;
	const struct api_field f[] = {
		{ "pseudonym", F_STRING, true, false, &pseudonym, CARE_PSEUDONYM_MAX, NULL, NULL },
		{ "municipality_id", F_ID, true, false, &mun, 0, NULL, NULL },
		{ "start_date", F_DATE, true, false, &start, 0, NULL, NULL },
		{ "birth_date", F_DATE, false, true, &birth, 0, NULL, NULL },
		{ "shielded", F_BOOL, false, false, &shielded, 0, NULL, NULL },
	};

	if (open_unregistered(req, f, API_NFIELDS(f), G_SIGNAL_INTAKE, true,
	    &cx, &s, e) != 0)
		return -1;
	if (s.screening == NULL || strcmp(s.screening, "confirmed") != 0)
		return gate_error(req, ERR_CONFLICT, NULL,
		    R_SIGNAL_NOT_CONFIRMED,
		    "only a signal screened as confirmed leads to a "
		    "registration", e);
	if (s.birth == DATE_NONE && birth == DATE_NONE)
		return gate_error(req, ERR_INVALID, "birth_date",
		    R_SIGNAL_BIRTH_REQUIRED,
		    "the signal has no birth date: give it", e);
	memset(&c, 0, sizeof c);
	c.pseudonym = (char *)pseudonym;
	c.name = s.name;
	c.bsn = s.bsn;
	c.birth = s.birth != DATE_NONE ? s.birth : birth;
	c.municipality_id = (char *)mun;
	c.shielded = shielded;
	if (care_client_register(req, &c, e) != 0 ||
	    care_trajectory_start(req, &c, NULL, start, &t, e) != 0 ||
	    store_signal_link_client(req->db, req->a, s.id, c.id, e) != 0)
		return gate_fail(req);
	cx.client_id = c.id;
	cx.acc.level = ACCESS_COORDINATOR;
	body = json_pack("{s:o, s:o, s:s}", "client",
	    care_client_json(&cx, &c), "trajectory", care_trajectory_json(&t),
	    "signal_id", s.id);
	return gate_respond(req, &cx, s.id, resp, 201, body, e);
}
