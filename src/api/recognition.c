/*
 * recognition.c - registration as a victim (DOMAIN.md R13) and exploiter
 * indicators (R17, the report's rec. 5: build a case from several
 * victims); see recognition.h.
 *
 * Invariants:
 *   1. A registration with CoMensha rests on a consent record of kind
 *      "registration" that covers its day (core/indicator.c
 *      registration_consent_check: parents below 16, she from 16, given by
 *      then and not withdrawn); without one it is refused, naming
 *      consent_id, and nothing is written.
 *   2. An indicator is stored only in a normal form core/indicator.c can
 *      give (400 naming "value" otherwise), so matching is by equality of
 *      keyed hashes and nothing readable is compared.
 *   3. A match shows another girl's pseudonym only when the caller may open
 *      her file (store_access_client: coordinator, team or break the
 *      glass); otherwise only the count and the coordinating institutions.
 *   4. An export names no girl at all: the indicator, the institutions
 *      and the days it was recorded; it needs a legal ground and the
 *      police's reference, both stored with the export, and its audit
 *      entry carries the legal ground as its purpose.
 */
#include "api/recognition.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/recognition.h"

#define REFERENCE_MIN 3
#define REFERENCE_MAX 100
#define RECIPIENT_MAX 200
#define NOTE_MAX 1000

static API_ENUM_PARSER(parse_status, enum victim_status, victim_status_parse)
static API_ENUM_PARSER(parse_form, enum exploitation_form,
    exploitation_form_parse)
static API_ENUM_PARSER(parse_kind, enum indicator_kind, indicator_kind_parse)
static API_ENUM_PARSER(parse_basis, enum export_basis, export_basis_parse)

static int
parse_format(const char *s, int *out)
{
	if (strcmp(s, "json") == 0 || strcmp(s, "csv") == 0) {
		*out = s[0] == 'c';
		return 0;
	}
	return -1;
}

/* ================= registration as a victim ================= */

static json_t *
victim_json(const struct victim_rec *v)
{
	json_t *forms = json_array(), *comensha = json_null();

	for (int f = 0; f < EXPL__COUNT; f++)
		if (v->forms & (1u << f))
			json_array_append_new(forms, json_string(
			    exploitation_form_name((enum exploitation_form)f)));
	if (v->comensha_on != DATE_NONE)
		comensha = json_pack("{s:o, s:o, s:s, s:i, s:o}",
		    "registered_on", api_date(v->comensha_on),
		    "consent_id", api_str(v->comensha_consent_id),
		    "basis", consent_party_name(v->comensha_basis),
		    "age_years", v->comensha_age,
		    "recorded_by", voice_user_json(&v->comensha_by));
	return json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o}",
	    "id", v->id, "trajectory_id", v->trajectory_id,
	    "status", victim_status_name(v->status), "forms", forms,
	    "recognised_on", api_date(v->recognised_on),
	    "municipality", care_ref_json(v->municipality_id,
	    v->municipality_name),
	    "recorded_by", voice_user_json(&v->recorded_by),
	    "created_at", api_str(v->created_at), "comensha", comensha);
}

/* The registration consents that would cover a registration on `on`. */
static json_t *
covering_json(const struct care_ctx *cx, const struct consent_rec *c,
    size_t n, dl_date on)
{
	json_t *items = json_array();

	for (size_t i = 0; i < n; i++)
		if (strcmp(c[i].kind, "registration") == 0 &&
		    registration_consent_check(cx->client.birth, on, c[i].basis,
		    c[i].given_on, c[i].withdrawn_on, date_leap_rule()) ==
		    REGC_OK)
			json_array_append_new(items, voice_consent_json(&c[i]));
	return items;
}

int
api_victim_get(API_ARGS)
{
	struct care_ctx cx;
	struct victim_rec v;
	struct consent_rec *c = NULL;
	size_t n = 0;
	json_t *reg;

	if (gate_open(req, G_VICTIM_READ, &cx, e) != 0)
		return -1;
	if (store_victim_get(req->db, req->a, cx.t.id, &v, e) == 0)
		reg = victim_json(&v);
	else if (e->code == ERR_NOT_FOUND)
		reg = json_null();
	else
		return gate_fail(req);
	if (store_consent_list(req->db, req->a, cx.client_id, &c, &n, e) != 0) {
		json_decref(reg);
		return gate_fail(req);
	}
	return gate_respond(req, &cx, NULL, resp, 200, json_pack("{s:o, s:s, "
	    "s:o}", "registration", reg, "comensha_consent_needed",
	    consent_party_name(consent_required(cx.client.birth, cx.today,
	    true, date_leap_rule())), "covering_consents",
	    covering_json(&cx, c, n, cx.today)), e);
}

static int
victim_respond(struct api_req *req, struct care_ctx *cx,
    struct api_resp *resp, int status, struct err *e)
{
	struct victim_rec v;

	if (store_victim_get(req->db, req->a, cx->t.id, &v, e) != 0)
		return gate_fail(req);
	return gate_respond(req, cx, v.id, resp, status, victim_json(&v), e);
}

int
api_victim_create(API_ARGS)
{
	struct care_ctx cx;
	struct victim_rec v;
	const char *muni = NULL;
	int status = -1;
	unsigned forms = 0;
	dl_date recognised = DATE_NONE;
	const struct api_field f[] = {
		{ "status", F_ENUM, true, false, &status, 0, parse_status, NULL },
		{ "forms", F_ENUM_SET, true, false, &forms, 0, parse_form, NULL },
		{ "recognised_on", F_DATE, true, false, &recognised, 0, NULL, NULL },
		{ "municipality_id", F_ID, false, false, &muni, 0, NULL, NULL },
	};

	if (api_parse_object(req, f, API_NFIELDS(f), e) != 0)
		return -1;
	if (forms == 0)
		return err_setr(e, ERR_INVALID, "forms", R_VICTIM_FORMS_EMPTY,
		    "choose at least one form of exploitation");
	if (recognised > date_today())
		return err_setr(e, ERR_INVALID, "recognised_on",
		    R_DATE_IN_FUTURE, "recognition is recorded when it happened");
	if (gate_open(req, G_VICTIM_CREATE, &cx, e) != 0)
		return -1;
	if (recognised < cx.client.birth)
		return gate_error(req, ERR_INVALID, "recognised_on",
		    R_DATE_BEFORE_BIRTH, "this lies before her birth", e);
	if (muni == NULL)
		muni = cx.client.municipality_id;
	else if (care_check_municipality(req, muni, e) != 0)
		return gate_fail(req);
	memset(&v, 0, sizeof v);
	v.trajectory_id = cx.t.id;
	v.client_id = (char *)cx.client_id;
	v.status = (enum victim_status)status;
	v.forms = forms;
	v.recognised_on = recognised;
	v.municipality_id = (char *)muni;
	if (store_victim_insert(req->db, req->a, &v, req->who->user_id, e) != 0)
		return gate_fail(req);
	return victim_respond(req, &cx, resp, 201, e);
}

/* Map a consent check to its refusal (400 naming consent_id). */
static int
consent_refusal(struct api_req *req, enum registration_consent r,
    enum consent_party need, struct err *e)
{
	static const struct {
		enum err_reason reason;
		const char *msg;
	} why[] = {
		[REGC_NOT_YET_GIVEN] = { R_VICTIM_CONSENT_NOT_YET_GIVEN,
		    "this consent was given after the registration day" },
		[REGC_WITHDRAWN] = { R_VICTIM_CONSENT_WITHDRAWN,
		    "this consent was withdrawn by the registration day" },
		[REGC_WRONG_PARTY] = { R_VICTIM_CONSENT_WRONG_PARTY,
		    "this registration needs the consent of another party" },
	};

	err_setr(e, ERR_INVALID, "consent_id", why[r].reason, "%s",
	    why[r].msg);
	err_detail(e, "%s", consent_party_name(need));
	return gate_fail(req);
}

int
api_victim_comensha(API_ARGS)
{
	struct care_ctx cx;
	struct victim_rec v;
	struct consent_rec *c = NULL;
	const struct consent_rec *use = NULL;
	const char *consent_id = NULL;
	dl_date on = DATE_NONE;
	enum consent_party need;
	size_t n = 0;
	const struct api_field f[] = {
		{ "registered_on", F_DATE, true, false, &on, 0, NULL, NULL },
		{ "consent_id", F_ID, false, false, &consent_id, 0, NULL, NULL },
	};

	if (api_parse_object(req, f, API_NFIELDS(f), e) != 0)
		return -1;
	if (on > date_today())
		return err_setr(e, ERR_INVALID, "registered_on",
		    R_DATE_IN_FUTURE, "a registration is recorded when it "
		    "happened, not ahead");
	if (gate_open(req, G_VICTIM_COMENSHA, &cx, e) != 0)
		return -1;
	if (store_victim_get(req->db, req->a, cx.t.id, &v, e) != 0) {
		if (e->code == ERR_NOT_FOUND)
			e->code = ERR_CONFLICT;	/* register her first */
		return gate_fail(req);
	}
	if (v.comensha_on != DATE_NONE)
		return gate_error(req, ERR_CONFLICT, NULL,
		    R_VICTIM_COMENSHA_ALREADY, "the registration with CoMensha "
		    "has been recorded already", e);
	if (on < cx.client.birth)
		return gate_error(req, ERR_INVALID, "registered_on",
		    R_DATE_BEFORE_BIRTH, "this lies before her birth", e);
	need = consent_required(cx.client.birth, on, true, date_leap_rule());
	if (store_consent_list(req->db, req->a, cx.client_id, &c, &n, e) != 0)
		return gate_fail(req);
	for (size_t i = 0; i < n && use == NULL; i++) {
		enum registration_consent r;

		if (consent_id != NULL && strcmp(c[i].id, consent_id) != 0)
			continue;
		if (consent_id != NULL && strcmp(c[i].kind, "registration") != 0)
			return gate_error(req, ERR_INVALID, "consent_id",
			    R_VICTIM_CONSENT_NOT_REGISTRATION, "this consent is "
			    "not for a registration as a victim", e);
		if (strcmp(c[i].kind, "registration") != 0)
			continue;
		r = registration_consent_check(cx.client.birth, on, c[i].basis,
		    c[i].given_on, c[i].withdrawn_on, date_leap_rule());
		if (r == REGC_OK)
			use = &c[i];
		else if (consent_id != NULL)
			return consent_refusal(req, r, need, e);
	}
	if (use == NULL && consent_id != NULL)
		return gate_error(req, ERR_INVALID, "consent_id",
		    R_CONSENT_NOT_FOUND, "consent not found", e);
	if (use == NULL) {
		err_setr(e, ERR_CONFLICT, "consent_id",
		    R_VICTIM_COMENSHA_NO_CONSENT, "no consent for a registration "
		    "covers this day; it needs the consent of '%s'",
		    consent_party_name(need));
		err_detail(e, "%s", consent_party_name(need));
		return gate_fail(req);
	}
	if (store_victim_comensha(req->db, v.id, on, use->id, use->basis,
	    date_age(cx.client.birth, on, date_leap_rule()),
	    req->who->user_id, e) != 0)
		return gate_fail(req);
	return victim_respond(req, &cx, resp, 200, e);
}

/* ================= exploiter indicators ================= */

/*
 * The matches as a caller may see them: the number of other trajectories,
 * the institutions that coordinate them, and the girls the caller may
 * open the files of (invariant 3).
 */
static int
matches_json(struct api_req *req, const struct care_ctx *cx,
    const struct indicator_rec *i, json_t **out, struct err *e)
{
	json_t *insts = json_array(), *known = json_array();

	for (size_t k = 0; k < i->nmatches; k++) {
		const struct indicator_match *m = &i->matches[k];
		struct access acc;
		struct client_rec c;
		json_t *it;
		size_t j;

		json_array_foreach(insts, j, it)
			if (strcmp(json_string_value(json_object_get(it, "id")),
			    m->coordinator_org) == 0)
				break;
		if (j == json_array_size(insts))
			json_array_append_new(insts, json_pack("{s:s, s:s, s:i}",
			    "id", m->coordinator_org, "name", m->coordinator_name,
			    "trajectories", 0));
		it = json_array_get(insts, j);
		json_object_set_new(it, "trajectories", json_integer(
		    json_integer_value(json_object_get(it, "trajectories")) + 1));
		if (store_access_client(req->db, req->a, &req->who->actor,
		    m->client_id, cx->today, &acc, e) != 0)
			goto fail;
		if (acc.level != ACCESS_COORDINATOR && acc.level != ACCESS_TEAM &&
		    acc.level != ACCESS_GLASS)
			continue;
		if (store_client_get(req->db, req->a, m->client_id, &c, e) != 0)
			goto fail;
		json_array_append_new(known, json_pack("{s:s, s:s, s:o, s:s, "
		    "s:b}", "client_id", c.id, "pseudonym", c.pseudonym,
		    "institution", care_ref_json(m->coordinator_org,
		    m->coordinator_name), "recorded_at", m->recorded_at,
		    "open", m->open));
	}
	*out = json_pack("{s:i, s:o, s:o}", "count", (int)i->nmatches,
	    "institutions", insts, "known", known);
	return 0;
fail:
	json_decref(insts);
	json_decref(known);
	return -1;
}

static int
indicator_json(struct api_req *req, const struct care_ctx *cx,
    const struct indicator_rec *i, json_t **out, struct err *e)
{
	json_t *matches;

	if (matches_json(req, cx, i, &matches, e) != 0)
		return -1;
	*out = json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:i, s:o}",
	    "id", i->id, "kind", indicator_kind_name(i->kind),
	    "value", api_str(i->value), "normal", api_str(i->normal),
	    "note", api_str(i->note), "recorded_at", api_str(i->created_at),
	    "recorded_by", voice_user_json(&i->recorded_by),
	    "matches", matches, "exports", i->exports,
	    "last_export_at", api_str(i->last_export_at));
	return 0;
}

int
api_indicators_list(API_ARGS)
{
	struct care_ctx cx;
	struct indicator_rec *v = NULL;
	size_t n = 0;
	json_t *items, *it;

	if (gate_open(req, G_INDICATOR_READ, &cx, e) != 0)
		return -1;
	if (store_indicator_list(req->db, req->a, cx.t.id, &v, &n, e) != 0)
		return gate_fail(req);
	items = json_array();
	for (size_t i = 0; i < n; i++) {
		if (indicator_json(req, &cx, &v[i], &it, e) != 0) {
			json_decref(items);
			return gate_fail(req);
		}
		json_array_append_new(items, it);
	}
	return gate_respond_items(req, &cx, resp, items, e);
}

static int
indicator_respond(struct api_req *req, struct care_ctx *cx,
    const char *id, struct api_resp *resp, int status, struct err *e)
{
	struct indicator_rec i;
	json_t *body;

	if (store_indicator_get(req->db, req->a, cx->t.id, id, &i, e) != 0 ||
	    indicator_json(req, cx, &i, &body, e) != 0)
		return gate_fail(req);
	return gate_respond(req, cx, i.id, resp, status, body, e);
}

int
api_indicator_get(API_ARGS)
{
	struct care_ctx cx;

	if (gate_open(req, G_INDICATOR_READ, &cx, e) != 0)
		return -1;
	return indicator_respond(req, &cx, req->params[1], resp, 200, e);
}

static const enum err_reason invalid_reason[IND__COUNT] = {
	[IND_ALIAS] = R_INDICATOR_ALIAS_INVALID,
	[IND_PHONE] = R_INDICATOR_PHONE_INVALID,
	[IND_HANDLE] = R_INDICATOR_HANDLE_INVALID,
	[IND_PLATE] = R_INDICATOR_PLATE_INVALID,
	[IND_ADDRESS] = R_INDICATOR_ADDRESS_INVALID,
};

int
api_indicators_create(API_ARGS)
{
	struct care_ctx cx;
	struct indicator_rec i;
	const char *value = NULL, *note = NULL;
	char normal[INDICATOR_NORM_MAX];
	int kind = -1;
	const struct api_field f[] = {
		{ "kind", F_ENUM, true, false, &kind, 0, parse_kind, NULL },
		{ "value", F_STRING, true, false, &value, INDICATOR_VALUE_MAX, NULL, NULL },
		{ "note", F_STRING, false, true, &note, NOTE_MAX, NULL, NULL },
	};

	if (api_parse_object(req, f, API_NFIELDS(f), e) != 0)
		return -1;
	if (indicator_normalise((enum indicator_kind)kind, value, normal) != 0)
		return err_setr(e, ERR_INVALID, "value", invalid_reason[kind],
		    "not a usable %s", indicator_kind_name(
		    (enum indicator_kind)kind));
	if (gate_open(req, G_INDICATOR_CREATE, &cx, e) != 0)
		return -1;
	memset(&i, 0, sizeof i);
	i.trajectory_id = cx.t.id;
	i.client_id = (char *)cx.client_id;
	i.kind = (enum indicator_kind)kind;
	i.value = (char *)value;
	i.normal = arena_strdup(req->a, normal);
	i.note = (char *)note;
	if (store_indicator_insert(req->db, req->a, &i, req->who->user_id,
	    e) != 0)
		return gate_fail(req);
	return indicator_respond(req, &cx, i.id, resp, 201, e);
}

/* ---- the overview for the police ---- */

/* One CSV cell: quoted, quotes doubled, and a leading = + - @ made inert
 * with an apostrophe so a spreadsheet never runs it as a formula. */
static void
csv_cell(FILE *f, const char *s, bool last)
{
	fputc('"', f);
	if (s != NULL && strchr("=+-@\t\r", s[0]) != NULL && s[0] != '\0')
		fputc('\'', f);
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputs(last ? "\"\r\n" : "\",", f);
}

static char *
overview_csv(struct api_req *req, const struct indicator_export_rec *x,
    const char *kind, const char *normal, json_t *occurrences)
{
	char *buf = NULL, *out;
	size_t len = 0, i;
	json_t *o;
	FILE *f = open_memstream(&buf, &len);

	if (f == NULL)
		abort();	/* out of memory: as xmalloc does */
	fputs("indicator_kind,indicator_value,institution,recorded_on,"
	    "legal_basis,reference\r\n", f);
	json_array_foreach(occurrences, i, o) {
		csv_cell(f, kind, false);
		csv_cell(f, normal, false);
		csv_cell(f, json_string_value(json_object_get(o,
		    "institution")), false);
		csv_cell(f, json_string_value(json_object_get(o,
		    "recorded_on")), false);
		csv_cell(f, export_basis_name(x->basis), false);
		csv_cell(f, x->reference, true);
	}
	if (fclose(f) != 0)
		abort();
	out = arena_strndup(req->a, buf, len);
	free(buf);
	return out;
}

int
api_indicator_export(API_ARGS)
{
	struct care_ctx cx;
	struct indicator_rec i;
	struct indicator_export_rec x;
	const char *reference = NULL, *recipient = NULL;
	int basis = -1, csv = 0;
	json_t *occ, *overview, *body;
	const struct api_field f[] = {
		{ "legal_basis", F_ENUM, true, false, &basis, 0, parse_basis, NULL },
		{ "reference", F_STRING, true, false, &reference, REFERENCE_MAX, NULL, NULL },
		{ "recipient", F_STRING, false, true, &recipient, RECIPIENT_MAX, NULL, NULL },
		{ "format", F_ENUM, false, false, &csv, 0, parse_format, NULL },
	};

	if (api_parse_object(req, f, API_NFIELDS(f), e) != 0)
		return -1;
	if (strlen(reference) < REFERENCE_MIN)
		return err_setr(e, ERR_INVALID, "reference",
		    R_EXPORT_REFERENCE_TOO_SHORT, "give the police's case or "
		    "reference number (at least %d characters)", REFERENCE_MIN);
	if (gate_open(req, G_INDICATOR_EXPORT, &cx, e) != 0)
		return -1;
	if (store_indicator_get(req->db, req->a, cx.t.id, req->params[1], &i,
	    e) != 0)
		return gate_fail(req);
	memset(&x, 0, sizeof x);
	x.indicator_id = i.id;
	x.basis = (enum export_basis)basis;
	x.reference = (char *)reference;
	x.recipient = (char *)recipient;
	x.format = csv ? "csv" : "json";
	if (store_indicator_export_insert(req->db, req->a, &x,
	    req->who->user_id, e) != 0)
		return gate_fail(req);
	/* Her own trajectory first, then the others: institutions and days
	 * only (invariant 4). */
	occ = json_array();
	json_array_append_new(occ, json_pack("{s:s, s:s}", "institution",
	    cx.t.coordinator_name, "recorded_on", arena_strndup(req->a,
	    i.created_at, DATE_STR_LEN)));
	for (size_t k = 0; k < i.nmatches; k++)
		json_array_append_new(occ, json_pack("{s:s, s:s}",
		    "institution", i.matches[k].coordinator_name, "recorded_on",
		    arena_strndup(req->a, i.matches[k].recorded_at,
		    DATE_STR_LEN)));
	overview = json_pack("{s:s, s:s, s:i, s:o}", "kind",
	    indicator_kind_name(i.kind), "value", i.normal, "trajectories",
	    (int)i.nmatches + 1, "occurrences", occ);
	body = json_pack("{s:{s:s, s:s, s:s, s:o, s:s, s:s, s:o}, s:o, s:o}",
	    "export", "id", x.id, "legal_basis", export_basis_name(x.basis),
	    "reference", x.reference, "recipient", api_str(x.recipient),
	    "format", x.format, "exported_at", x.exported_at,
	    "exported_by", json_pack("{s:s, s:s}", "display_name",
	    req->who->display_name, "organisation", cx.t.coordinator_name),
	    "overview", overview,
	    "csv", csv ? json_string(overview_csv(req, &x,
	    indicator_kind_name(i.kind), i.normal, occ)) : json_null());
	cx.purpose = arena_printf(req->a, "police export; legal ground %s",
	    export_basis_name(x.basis));
	return gate_respond(req, &cx, x.id, resp, 201, body, e);
}
