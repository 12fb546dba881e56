/*
 * own_plan.c - her own plan in her own words (DOMAIN.md R10) and the
 * consent records a sharing rests on (DOMAIN.md, legal facts).
 *
 * Invariants:
 *   1. Only she writes her own plan; each save is a new version, earlier
 *      versions stay readable (GET .../own-plan/{domain}).
 *   2. A consent's basis must be the party the age rule requires on the
 *      day it was given (core/voice.c consent_required), unless an
 *      exception is stated; otherwise 400 naming "basis" and the party
 *      required.
 */
#include "api/voice.h"

#include <string.h>

#include "db/db.h"

#define PLAN_TEXT_MAX 4000
#define RECIPIENT_MAX 200
#define PURPOSE_MAX 1000
#define EXCEPTION_MIN 10

static int
parse_domain(const char *s, int *out)
{
	return own_section_parse(s, out);
}

static API_ENUM_PARSER(parse_party, enum consent_party, consent_party_parse)

static API_ENUM_NAMES(parse_kind, "parent_access", "data_sharing",
    "registration")

static const char *const kind_names[] = { "parent_access", "data_sharing",
	"registration" };

/* ================= her own plan ================= */

/* Open the gate to read her own plan and answer the texts of `domain`
 * (OWN_PLAN_ALL: of every section) as {"items": [...]}, or, for one
 * section, as {"domain": ..., "versions": [...]}. */
static int
own_plan_answer(struct api_req *req, struct api_resp *resp, int domain,
    struct err *e)
{
	struct care_ctx cx;
	struct own_plan_rec *v;
	size_t n;
	json_t *items;

	if (gate_open(req, G_OWN_PLAN_READ, &cx, e) != 0)
		return -1;
	if (store_own_plan_list(req->db, req->a, cx.client_id, domain, &v, &n,
	    e) != 0)
		return gate_fail(req);
	items = gate_items(&cx, v, n, sizeof *v, voice_own_plan_item);
	return gate_respond(req, &cx, NULL, resp, 200,
	    domain == OWN_PLAN_ALL ? json_pack("{s:o}", "items", items) :
	    json_pack("{s:s, s:o}", "domain", own_section_name(domain),
	    "versions", items), e);
}

int
api_own_plan_get(API_ARGS)
{
	return own_plan_answer(req, resp, OWN_PLAN_ALL, e);
}

int
api_own_plan_history(API_ARGS)
{
	int domain = OWN_GENERAL;

	if (parse_domain(req->params[1], &domain) != 0)
		return err_setr(e, ERR_INVALID, "domain", R_DOMAIN_NOT_FOUND,
		    "unknown life domain");
	return own_plan_answer(req, resp, domain, e);
}

int
api_own_plan_write(API_ARGS)
{
	struct care_ctx cx;
	struct own_plan_rec p;
	const char *text = NULL;
	int domain = OWN_GENERAL;
	const struct api_field f[] = {
		{ "domain", F_ENUM, false, false, &domain, 0, parse_domain, NULL },
		{ "text", F_STRING, true, false, &text, PLAN_TEXT_MAX, NULL, NULL },
	};

	if (gate_open_body(req, f, API_NFIELDS(f), G_OWN_PLAN_CREATE, &cx,
	    e) != 0)
		return -1;
	if (store_own_plan_insert(req->db, req->a, cx.client_id,
	    domain, text, req->who->user_id, &p, e) != 0)
		return gate_fail(req);
	p.written_by.display_name = (char *)req->who->display_name;
	p.written_by.role = (char *)role_name(req->who->role);
	return gate_respond(req, &cx, p.id, resp, 201,
	    voice_own_plan_json(&p), e);
}

/* ================= consent ================= */

int
api_consents_list(API_ARGS)
{
	struct care_ctx cx;
	struct consent_rec *v;
	size_t n;

	if (gate_open(req, G_CONSENT_READ, &cx, e) != 0)
		return -1;
	if (store_consent_list(req->db, req->a, cx.client_id, &v, &n, e) != 0)
		return gate_fail(req);
	return gate_respond(req, &cx, NULL, resp, 200,
	    json_pack("{s:o, s:s}", "items",
	    gate_items(&cx, v, n, sizeof *v, voice_consent_item), "required_today",
	    consent_party_name(consent_required(cx.client.birth, cx.today,
	    false, date_leap_rule()))), e);
}

int
api_consents_create(API_ARGS)
{
	struct care_ctx cx;
	struct consent_rec c;
	const char *recipient = NULL, *purpose = NULL, *exception = NULL;
	int kind = -1, basis = -1;
	dl_date given = DATE_NONE;
	const struct api_field f[] = {
		{ "kind", F_ENUM, true, false, &kind, 0, parse_kind, NULL },
		{ "recipient", F_STRING, true, false, &recipient, RECIPIENT_MAX, NULL, NULL },
		{ "purpose", F_STRING, false, true, &purpose, PURPOSE_MAX, NULL, NULL },
		{ "basis", F_ENUM, true, false, &basis, 0, parse_party, NULL },
		{ "given_on", F_DATE, true, false, &given, 0, NULL, NULL },
		{ "exception", F_STRING, false, true, &exception, PURPOSE_MAX, NULL, NULL },
	};

	if (api_parse_object(req, f, sizeof f / sizeof f[0], e) != 0)
		return -1;
	if (given > date_today())
		return err_setr(e, ERR_INVALID, "given_on", R_DATE_IN_FUTURE,
		    "consent cannot be given on a day still to come");
	if (exception != NULL && strlen(exception) < EXCEPTION_MIN)
		return err_setr(e, ERR_INVALID, "exception", R_REASON_TOO_SHORT,
		    "state the exception in at least %d characters",
		    EXCEPTION_MIN);
	if (gate_open(req, G_CONSENT_CREATE, &cx, e) != 0)
		return -1;
	memset(&c, 0, sizeof c);
	c.client_id = (char *)cx.client_id;
	c.kind = (char *)kind_names[kind];
	c.recipient = (char *)recipient;
	c.purpose = (char *)purpose;
	c.basis = (enum consent_party)basis;
	c.exception = (char *)exception;
	c.given_on = given;
	c.withdrawn_on = DATE_NONE;
	if (given < cx.client.birth)
		return gate_error(req, ERR_INVALID, "given_on",
		    R_DATE_BEFORE_BIRTH, "this lies before her birth", e);
	c.required = consent_required(cx.client.birth, given,
	    strcmp(c.kind, "registration") == 0, date_leap_rule());
	c.age_years = date_age(cx.client.birth, given, date_leap_rule());
	if (c.basis != c.required && exception == NULL) {
		err_setr(e, ERR_INVALID, "basis", R_CONSENT_WRONG_PARTY,
		    "at %d the consent needed is '%s'; record that, or state the "
		    "exception", c.age_years, consent_party_name(c.required));
		return gate_fail(req);
	}
	if (store_consent_insert(req->db, req->a, &c, req->who->user_id,
	    e) != 0 ||
	    store_consent_get(req->db, req->a, cx.client_id, c.id, &c, e) != 0)
		return gate_fail(req);
	return gate_respond(req, &cx, c.id, resp, 201,
	    voice_consent_json(&c), e);
}

int
api_consent_withdraw(API_ARGS)
{
	struct care_ctx cx;
	struct consent_rec c;
	dl_date on = DATE_NONE;
	const struct api_field f[] = {
		{ "withdrawn_on", F_DATE, true, false, &on, 0, NULL, NULL },
	};

	if (api_parse_object(req, f, sizeof f / sizeof f[0], e) != 0)
		return -1;
	if (on > date_today())
		return err_setr(e, ERR_INVALID, "withdrawn_on",
		    R_DATE_IN_FUTURE,
		    "a withdrawal is recorded when it happened, not ahead");
	if (gate_open(req, G_CONSENT_WITHDRAW, &cx, e) != 0)
		return -1;
	if (store_consent_get(req->db, req->a, cx.client_id, req->params[1], &c,
	    e) != 0)
		return gate_fail(req);
	if (on < c.given_on)
		return gate_error(req, ERR_INVALID, "withdrawn_on",
		    R_WITHDRAWAL_BEFORE_CONSENT,
		    "this lies before the consent was given", e);
	if (store_consent_withdraw(req->db, c.id, on, req->who->user_id,
	    e) != 0 ||
	    store_consent_get(req->db, req->a, cx.client_id, c.id, &c, e) != 0)
		return gate_fail(req);
	return gate_respond(req, &cx, c.id, resp, 200,
	    voice_consent_json(&c), e);
}
