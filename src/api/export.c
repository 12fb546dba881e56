/*
 * export.c - her file for her (her right of access, AVG art. 15) as a JSON
 * bundle or a PDF, and a trajectory for a transfer to another system
 * (docs/EXPORT.md describes both formats).
 *
 *   GET /clients/{id}/export?format=json|pdf   herself, her coordinator
 *   GET /clients/{id}/transfer                 her coordinator
 *
 * Invariants:
 *   1. Her copy holds what she may see in her portal, nothing less: what
 *      was withheld from her stays out (the withholding is the
 *      coordinator's decision, not the export's).
 *   2. Each export is one act through the gate and leaves one audit entry.
 *   3. The PDF is made from the JSON bundle, so the two never differ in
 *      content.
 */
#include "api/retention.h"
#include "api/export.h"
#include "api/gate.h"
#include "api/continuity.h"
#include "api/voice.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/retention.h"
#include "util/pdf.h"

#define EXPORT_LOG_MAX 100000

/* The trajectory's phases, bases, orders and team into o. */
static void
trajectory_parts_json(const struct care_ctx *cx, const struct trajectory_full *f,
    json_t *o)
{
	json_t *ph = json_array(), *ba = json_array(), *or = json_array();
	json_t *tm = json_array();

	for (size_t i = 0; i < f->nphases; i++)
		json_array_append_new(ph, care_phase_json(cx, &f->phases[i]));
	for (size_t i = 0; i < f->nbases; i++)
		json_array_append_new(ba, care_basis_json(cx, &f->bases[i]));
	for (size_t i = 0; i < f->norders; i++)
		json_array_append_new(or, care_order_json(cx, &f->orders[i]));
	for (size_t i = 0; i < f->nmembers; i++)
		json_array_append_new(tm, care_member_json(cx, &f->members[i]));
	json_object_set_new(o, "phases", ph);
	json_object_set_new(o, "legal_bases", ba);
	json_object_set_new(o, "court_orders", or);
	json_object_set_new(o, "team", tm);
}

int
export_file_bundle(struct db *db, struct arena *a, const struct care_ctx *cx,
    json_t **out, struct err *e)
{
	struct trajectory_rec t;
	struct trajectory_full f;
	struct promise_rec *prom = NULL;
	struct journal_rec *jr = NULL;
	struct own_plan_rec *plan = NULL;
	struct consent_rec *cons = NULL;
	struct access_entry *log = NULL;
	struct destruction_request *req = NULL;
	size_t nprom = 0, njr = 0, nplan = 0, ncons = 0, nlog = 0, nreq = 0;
	int64_t total = 0;
	bool have_t;
	json_t *o, *arr;
	char now[INSTANT_LEN + 1];

	*out = NULL;
	memset(&f, 0, sizeof f);
	have_t = store_trajectory_current(db, a, cx->client_id, &t, e) == 0;
	if (!have_t && e->code != ERR_NOT_FOUND)
		return -1;
	err_init(e);
	if ((have_t && store_trajectory_load(db, a, &t, &f, e) != 0) ||
	    store_promise_list(db, a, cx->client_id, &prom, &nprom, e) != 0 ||
	    store_journal_list(db, a, cx->client_id, false, &jr, &njr,
	    e) != 0 ||
	    store_own_plan_list(db, a, cx->client_id, OWN_PLAN_ALL, &plan,
	    &nplan, e) != 0 ||
	    store_consent_list(db, a, cx->client_id, &cons, &ncons, e) != 0 ||
	    store_access_log(db, a, cx->client_id, EXPORT_LOG_MAX, 0, &log,
	    &nlog, &total, e) != 0 ||
	    store_requests_list(db, a, cx->client_id, &req, &nreq, e) != 0)
		return -1;
	instant_now(now);
	o = json_pack("{s:s, s:s, s:o, s:o}", "format", "doorloop.file.v1",
	    "generated_at", now, "client", care_client_json(cx, &cx->client),
	    "trajectory", have_t ? care_trajectory_json(&t) : json_null());
	trajectory_parts_json(cx, &f, o);
	json_object_set_new(o, "promises", gate_items(cx, prom, nprom,
	    sizeof *prom, voice_promise_item));
	json_object_set_new(o, "journal", gate_items(cx, jr, njr, sizeof *jr,
	    voice_entry_item));
	json_object_set_new(o, "own_plan", gate_items(cx, plan, nplan,
	    sizeof *plan, voice_own_plan_item));
	json_object_set_new(o, "consents", gate_items(cx, cons, ncons,
	    sizeof *cons, voice_consent_item));
	arr = json_array();
	for (size_t i = 0; i < nlog; i++)
		json_array_append_new(arr, care_access_json(&log[i], false));
	json_object_set_new(o, "access_log", arr);
	arr = json_array();
	for (size_t i = 0; i < nreq; i++)
		json_array_append_new(arr, json_pack("{s:o, s:s, s:s}",
		    "request_date", api_date(req[i].request_date),
		    "requested_by", req[i].requested_by,
		    "status", req[i].status));
	json_object_set_new(o, "destruction_requests", arr);
	*out = o;
	return 0;
}

/* ---- the PDF: the bundle as headed sections of "label: value" lines ---- */

static const struct { const char *key, *nl; } labels[] = {
	{ "client", "Over jou" }, { "trajectory", "Je traject" },
	{ "phases", "Plaatsingen en hulp" }, { "legal_bases", "Wettelijke basis" },
	{ "court_orders", "Maatregelen van de rechter" }, { "team", "Je team" },
	{ "promises", "Afspraken met jou" }, { "journal", "Journaal" },
	{ "own_plan", "Je eigen plan" }, { "consents", "Toestemmingen" },
	{ "access_log", "Wie je dossier heeft ingezien" },
	{ "destruction_requests", "Verzoeken om vernietiging" },
	{ "pseudonym", "schuilnaam" }, { "name", "naam" },
	{ "birth_date", "geboortedatum" }, { "start_date", "begin" },
	{ "end_date", "einde" }, { "municipality", "gemeente" },
	{ "created_at", "aangemaakt" }, { "updated_at", "bijgewerkt" },
	{ "status", "status" }, { "body", "tekst" }, { "at", "moment" },
	{ "user", "wie" }, { "action", "wat" }, { "reason", "reden" },
};

static const char *
label(const char *key)
{
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].key, key) == 0)
			return labels[i].nl;
	return key;
}

static void
pdf_value(struct pdf *p, int indent, const char *key, json_t *v)
{
	char buf[64];
	const char *s = NULL;
	char *line;
	size_t i;
	const char *k;
	json_t *x;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		if (key != NULL)
			pdf_text(p, indent++, label(key));
		json_object_foreach(v, k, x)
			pdf_value(p, indent, k, x);
		return;
	case JSON_ARRAY:
		if (key != NULL && json_array_size(v) > 0)
			pdf_text(p, indent++, label(key));
		json_array_foreach(v, i, x) {
			pdf_value(p, indent, NULL, x);
			if (json_is_object(x))
				pdf_gap(p);
		}
		return;
	case JSON_STRING:
		s = json_string_value(v);
		break;
	case JSON_INTEGER:
		snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		s = buf;
		break;
	case JSON_REAL:
		snprintf(buf, sizeof buf, "%g", json_real_value(v));
		s = buf;
		break;
	case JSON_TRUE:
		s = "ja";
		break;
	case JSON_FALSE:
		s = "nee";
		break;
	case JSON_NULL:
		return;	/* nothing recorded: no line */
	}
	if (key == NULL) {
		pdf_text(p, indent, s);
		return;
	}
	line = xmalloc(strlen(label(key)) + strlen(s) + 3);
	sprintf(line, "%s: %s", label(key), s);
	pdf_text(p, indent, line);
	free(line);
}

unsigned char *
export_file_pdf(json_t *bundle, size_t *len)
{
	static const char *const order[] = { "client", "trajectory",
	    "phases", "legal_bases", "court_orders", "team", "promises",
	    "journal", "own_plan", "consents", "access_log",
	    "destruction_requests" };
	struct pdf *p = pdf_new();
	json_t *c = json_object_get(bundle, "client");
	char title[200];

	snprintf(title, sizeof title, "Dossier van %s",
	    json_string_value(json_object_get(c, "pseudonym")) ?
	    json_string_value(json_object_get(c, "pseudonym")) : "");
	pdf_heading(p, title, 18);
	pdf_text(p, 0, "Dit is een kopie van alles wat Doorloop over jou "
	    "bewaart en wat jij mag zien (AVG artikel 15).");
	pdf_text(p, 0, json_string_value(json_object_get(bundle,
	    "generated_at")));
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		json_t *v = json_object_get(bundle, order[i]);

		if (v == NULL || json_is_null(v) ||
		    (json_is_array(v) && json_array_size(v) == 0))
			continue;
		pdf_heading(p, label(order[i]), 13);
		pdf_value(p, 0, NULL, v);
	}
	return pdf_finish(p, len);
}

/* ---- the handlers ---- */

int
api_client_export(API_ARGS)
{
	const char *format = api_query(req, "format");
	struct care_ctx cx;
	unsigned char *pdf;
	json_t *bundle = NULL;
	size_t len = 0;

	if (format == NULL || *format == '\0')
		format = "json";
	if (strcmp(format, "json") != 0 && strcmp(format, "pdf") != 0)
		return err_setr(e, ERR_INVALID, "format", R_EXPORT_FORMAT,
		    "format is json or pdf");
	if (gate_open(req, G_FILE_EXPORT, &cx, e) != 0)
		return -1;
	if (export_file_bundle(req->db, req->a, &cx, &bundle, e) != 0)
		return gate_fail(req);
	if (gate_finish(req, &cx, cx.client_id, e) != 0) {
		json_decref(bundle);
		return -1;
	}
	if (strcmp(format, "json") == 0) {
		resp->body = bundle;
		return 0;
	}
	pdf = export_file_pdf(bundle, &len);
	json_decref(bundle);
	resp->raw = arena_alloc(req->a, len);
	memcpy((void *)resp->raw, pdf, len);
	free(pdf);
	resp->raw_len = len;
	resp->raw_type = "application/pdf";
	resp->raw_filename = "dossier.pdf";
	return 0;
}

int
api_transfer_export(API_ARGS)
{
	struct care_ctx cx;
	json_t *o, *domains = NULL;

	if (gate_open(req, G_TRANSFER_EXPORT, &cx, e) != 0)
		return -1;
	if (store_trajectory_load(req->db, req->a, &cx.t, &cx.full, e) != 0 ||
	    cont_domains_json(req, cx.t.id, &domains, e) != 0)
		return gate_fail(req);
	if (gate_finish(req, &cx, cx.t.id, e) != 0) {
		json_decref(domains);
		return -1;
	}
	o = json_pack("{s:s, s:o, s:o}", "format", "doorloop.transfer.v1",
	    "client", care_client_json(&cx, &cx.client),
	    "trajectory", care_trajectory_json(&cx.t));
	trajectory_parts_json(&cx, &cx.full, o);
	json_object_set_new(o, "life_domains", domains ? domains : json_null());
	resp->body = o;
	return 0;
}
