/*
 * voice.c - the JSON shapes of her voice's records, promises (DOMAIN.md R9) and the coordinator's promise figure.
 *
 * Invariants:
 *   1. A partner provider sees none of her voice (403, audited); her
 *      statements, her views on promises and her own plan are written by
 *      her alone; everything else is written by her team or coordinator.
 *   2. A promise's status moves once, from open to kept, broken or
 *      changed; a change needs her agreement, recorded on the successor.
 *   3. Her view of a promise never changes the staff's status: both are
 *      shown, side by side.
 */
#include "api/voice.h"

#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "store/notification.h"

#define WHAT_MAX 1000
#define NOTE_MAX 1000

bool
voice_staff(const struct care_ctx *cx)
{
	return cx->acc.level == ACCESS_TEAM ||
	    cx->acc.level == ACCESS_COORDINATOR ||
	    cx->acc.level == ACCESS_GLASS;
}

/* ---- JSON shapes ---- */

json_t *
voice_user_json(const struct voice_user *u)
{
	if (u->id == NULL)
		return json_null();
	return json_pack("{s:s, s:o, s:o}", "id", u->id,
	    "display_name", api_str(u->display_name), "role", api_str(u->role));
}

json_t *
voice_promise_json(const struct care_ctx *cx, const struct promise_rec *p)
{
	json_t *views = json_array(), *latest = json_null();

	for (size_t i = 0; i < p->nviews; i++)
		json_array_append_new(views, json_pack("{s:s, s:s, s:o, s:s}",
		    "id", p->views[i].id, "view", p->views[i].verdict,
		    "note", api_str(p->views[i].note),
		    "at", p->views[i].created_at));
	if (p->nviews > 0) {
		json_decref(latest);
		latest = json_incref(json_array_get(views, p->nviews - 1));
	}
	return json_pack("{s:s, s:s, s:o, s:o, s:s, s:b, s:o, s:o, s:o, s:o, "
	    "s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
	    "id", p->id, "client_id", p->client_id,
	    "what", api_str(p->what), "due_date", api_date(p->due),
	    "status", promise_status_name(p->status),
	    "overdue", p->status == PROMISE_OPEN && p->due < cx->today,
	    "promised_by", voice_user_json(&p->promised_by),
	    "recorded_by", voice_user_json(&p->recorded_by),
	    "created_at", api_str(p->created_at),
	    "closed_at", api_str(p->closed_at),
	    "closed_by", voice_user_json(&p->closed_by),
	    "close_note", api_str(p->close_note),
	    "replaces", api_str(p->replaces_id),
	    "replaced_by", api_str(p->replaced_by_id),
	    "agreement", api_str(p->agreement),
	    "agreed_on", api_date(p->agreed_on),
	    "her_view", latest, "her_views", views);
}

static json_t *
version_json(const struct journal_version *v)
{
	return json_pack("{s:s, s:i, s:o, s:o, s:o, s:o, s:o}",
	    "version_id", v->id, "version", v->version,
	    "entry_date", api_date(v->entry_date), "text", api_str(v->text),
	    "author", voice_user_json(&v->author),
	    "correction_reason", api_str(v->correction_reason),
	    "created_at", api_str(v->created_at));
}

/*
 * An entry as its latest version, her statements beside it.  Staff also
 * get the withholding and (with_versions) every earlier version; she gets
 * only whether and when it was corrected: an earlier version may hold what
 * the correction took out (about others, say).
 */
json_t *
voice_journal_json(const struct care_ctx *cx, const struct journal_rec *j,
    bool with_versions)
{
	const struct journal_version *first = &j->versions[0];
	const struct journal_version *last = &j->versions[j->nversions - 1];
	json_t *o, *st = json_array();

	for (size_t i = 0; i < j->nstatements; i++)
		json_array_append_new(st, json_pack("{s:s, s:o, s:s, s:i}",
		    "id", j->statements[i].id,
		    "text", api_str(j->statements[i].text),
		    "at", j->statements[i].created_at,
		    "answers_version", j->statements[i].version));
	o = json_pack("{s:s, s:s, s:i, s:o, s:o, s:o, s:o, s:b, s:o, s:o}",
	    "id", j->id, "version_id", last->id, "version", last->version,
	    "entry_date", api_date(last->entry_date),
	    "text", api_str(last->text),
	    "author", voice_user_json(&first->author),
	    "created_at", api_str(first->created_at),
	    "corrected", j->nversions > 1,
	    "corrected_at", j->nversions > 1 ? api_str(last->created_at) :
	    json_null(),
	    "statements", st);
	if (!voice_staff(cx))
		return o;
	json_object_set_new(o, "corrected_by", j->nversions > 1 ?
	    voice_user_json(&last->author) : json_null());
	json_object_set_new(o, "correction_reason",
	    api_str(last->correction_reason));
	json_object_set_new(o, "visible_to_client", json_boolean(!j->withheld));
	json_object_set_new(o, "withheld", j->withheld ?
	    json_pack("{s:o, s:o, s:o}", "reason", api_str(j->withhold.reason),
	    "by", voice_user_json(&j->withhold.withheld_by),
	    "at", api_str(j->withhold.withheld_at)) : json_null());
	if (with_versions) {
		json_t *vs = json_array();

		for (size_t i = 0; i < j->nversions; i++)
			json_array_append_new(vs, version_json(&j->versions[i]));
		json_object_set_new(o, "versions", vs);
	} else {
		json_object_set_new(o, "versions_count",
		    json_integer((json_int_t)j->nversions));
	}
	return o;
}

json_t *
voice_own_plan_json(const struct own_plan_rec *p)
{
	return json_pack("{s:s, s:s, s:i, s:o, s:o, s:o}",
	    "id", p->id, "domain", own_section_name(p->section),
	    "version", p->version, "text", api_str(p->text),
	    "written_at", api_str(p->created_at),
	    "written_by", voice_user_json(&p->written_by));
}

json_t *
voice_consent_json(const struct consent_rec *c)
{
	return json_pack("{s:s, s:s, s:o, s:o, s:s, s:s, s:b, s:o, s:i, s:o, "
	    "s:o, s:b, s:o, s:o}",
	    "id", c->id, "kind", c->kind,
	    "recipient", api_str(c->recipient), "purpose", api_str(c->purpose),
	    "basis", consent_party_name(c->basis),
	    "required_basis", consent_party_name(c->required),
	    "fits_age_rule", c->basis == c->required,
	    "exception", api_str(c->exception),
	    "age_years", c->age_years,
	    "given_on", api_date(c->given_on),
	    "withdrawn_on", api_date(c->withdrawn_on),
	    "active", c->withdrawn_on == DATE_NONE,
	    "recorded_by", voice_user_json(&c->recorded_by),
	    "created_at", api_str(c->created_at));
}

json_t *
voice_promise_item(const struct care_ctx *cx, const void *p)
{
	return voice_promise_json(cx, p);
}

json_t *
voice_entry_item(const struct care_ctx *cx, const void *j)
{
	return voice_journal_json(cx, j, false);
}

json_t *
voice_own_plan_item(const struct care_ctx *cx, const void *p)
{
	return voice_own_plan_json(p);
}

json_t *
voice_consent_item(const struct care_ctx *cx, const void *c)
{
	return voice_consent_json(c);
}

/* ================= promises ================= */

static int
parse_outcome(const char *s, int *out)
{
	if (strcmp(s, "kept") == 0)
		*out = PROMISE_KEPT;
	else if (strcmp(s, "broken") == 0)
		*out = PROMISE_BROKEN;
	else
		return -1;
	return 0;
}

static API_ENUM_NAMES(parse_verdict, "not_kept", "kept")

/* The one who promised: an active user in a care role. */
static int
check_promiser(struct api_req *req, const char *id, struct voice_user *u,
    struct err *e)
{
	struct user_brief b;

	if (store_user_brief(req->db, req->a, id, &b, e) != 0) {
		if (e->code == ERR_NOT_FOUND)
			return err_setr(e, ERR_INVALID, "promised_by_id",
			    R_USER_UNKNOWN, "unknown user");
		return -1;
	}
	if (!b.active || (strcmp(b.role, "coordinator") != 0 &&
	    strcmp(b.role, "caregiver") != 0 && strcmp(b.role, "partner") != 0))
		return err_setr(e, ERR_INVALID, "promised_by_id",
		    R_USER_NOT_CARE_STAFF,
		    "a promise is made by an active caregiver or coordinator");
	u->id = b.id;
	u->display_name = b.display_name;
	u->role = b.role;
	return 0;
}

/* Read promise `id` as stored and answer it with `status`. */
static int
promise_respond(struct api_req *req, struct care_ctx *cx, const char *id,
    struct api_resp *resp, int status, struct err *e)
{
	struct promise_rec p;

	if (store_promise_get(req->db, req->a, cx->client_id, id, &p, e) != 0)
		return gate_fail(req);
	return gate_respond(req, cx, p.id, resp, status,
	    voice_promise_json(cx, &p), e);
}

int
api_promises_list(API_ARGS)
{
	struct care_ctx cx;
	struct promise_rec *v;
	size_t n;

	if (gate_open(req, G_PROMISE_READ, &cx, e) != 0)
		return -1;
	if (store_promise_list(req->db, req->a, cx.client_id, &v, &n, e) != 0)
		return gate_fail(req);
	return gate_respond_each(req, &cx, resp, v, n, sizeof *v,
	    voice_promise_item, e);
}

int
api_promise_get(API_ARGS)
{
	struct care_ctx cx;

	if (gate_open(req, G_PROMISE_READ, &cx, e) != 0)
		return -1;
	return promise_respond(req, &cx, req->params[1], resp, 200, e);
}

int
api_promises_create(API_ARGS)
{
	struct care_ctx cx;
	struct promise_rec p;
	const char *what = NULL, *by = NULL;
	dl_date due = DATE_NONE;
	const struct api_field f[] = {
		{ "what", F_STRING, true, false, &what, WHAT_MAX, NULL, NULL },
		{ "due_date", F_DATE, true, false, &due, 0, NULL, NULL },
		{ "promised_by_id", F_ID, false, true, &by, 0, NULL, NULL },
	};

	if (gate_open_body(req, f, API_NFIELDS(f), G_PROMISE_CREATE, &cx,
	    e) != 0)
		return -1;
	memset(&p, 0, sizeof p);
	p.client_id = (char *)cx.client_id;
	p.what = (char *)what;
	p.due = due;
	p.agreed_on = DATE_NONE;
	if (due < cx.client.birth)
		return gate_error(req, ERR_INVALID, "due_date",
		    R_DATE_BEFORE_BIRTH, "this lies before her birth", e);
	if (check_promiser(req, by ? by : req->who->user_id, &p.promised_by,
	    e) != 0 ||
	    store_promise_insert(req->db, req->a, &p, req->who->user_id,
	    e) != 0)
		return gate_fail(req);
	return promise_respond(req, &cx, p.id, resp, 201, e);
}

/*
 * A word on one promise (the outcome, her own view): the enum field `name`
 * read by `parse` into *value and an optional note, the gate for `act`,
 * then the promise in params[1].
 */
static int
promise_word_open(struct api_req *req, const char *name,
    int (*parse)(const char *, int *), enum gate_act act, struct care_ctx *cx,
    struct promise_rec *p, int *value, const char **note, struct err *e)
{
	const struct api_field f[] = {
		{ name, F_ENUM, true, false, value, 0, parse, NULL },
		{ "note", F_STRING, false, true, note, NOTE_MAX, NULL, NULL },
	};

	*value = -1;
	*note = NULL;
	if (gate_open_body(req, f, API_NFIELDS(f), act, cx, e) != 0)
		return -1;
	if (store_promise_get(req->db, req->a, cx->client_id, req->params[1], p,
	    e) != 0)
		return gate_fail(req);
	return 0;
}

int
api_promise_close(API_ARGS)
{
	struct care_ctx cx;
	struct promise_rec p;
	const char *note;
	int outcome;

	if (promise_word_open(req, "outcome", parse_outcome, G_PROMISE_CLOSE,
	    &cx, &p, &outcome, &note, e) != 0)
		return -1;
	if (store_promise_close(req->db, req->a, p.id,
	    (enum promise_status)outcome, req->who->user_id, note, e) != 0)
		return gate_fail(req);
	return promise_respond(req, &cx, p.id, resp, 200, e);
}

int
api_promise_change(API_ARGS)
{
	struct care_ctx cx;
	struct promise_rec old, p;
	const char *what = NULL, *agreement = NULL;
	dl_date due = DATE_NONE, agreed = DATE_NONE;
	const struct api_field f[] = {
		{ "what", F_STRING, false, false, &what, WHAT_MAX, NULL, NULL },
		{ "due_date", F_DATE, false, false, &due, 0, NULL, NULL },
		{ "agreement", F_STRING, true, false, &agreement, NOTE_MAX, NULL, NULL },
		{ "agreed_on", F_DATE, true, false, &agreed, 0, NULL, NULL },
	};

	if (api_parse_object(req, f, sizeof f / sizeof f[0], e) != 0)
		return -1;
	if (what == NULL && due == DATE_NONE)
		return err_setr(e, ERR_INVALID, "what",
		    R_PROMISE_NOTHING_CHANGES,
		    "say what changes: what, due_date or both");
	if (agreed > date_today())
		return err_setr(e, ERR_INVALID, "agreed_on", R_DATE_IN_FUTURE,
		    "her agreement cannot lie in the future");
	if (gate_open(req, G_PROMISE_CHANGE, &cx, e) != 0)
		return -1;
	if (store_promise_get(req->db, req->a, cx.client_id, req->params[1],
	    &old, e) != 0)
		return gate_fail(req);
	memset(&p, 0, sizeof p);
	p.client_id = (char *)cx.client_id;
	p.promised_by = old.promised_by;
	p.what = (char *)(what ? what : old.what);
	p.due = due != DATE_NONE ? due : old.due;
	p.replaces_id = old.id;
	p.agreement = (char *)agreement;
	p.agreed_on = agreed;
	if (store_promise_close(req->db, req->a, old.id, PROMISE_CHANGED,
	    req->who->user_id, NULL, e) != 0 ||
	    store_promise_insert(req->db, req->a, &p, req->who->user_id,
	    e) != 0)
		return gate_fail(req);
	return promise_respond(req, &cx, p.id, resp, 201, e);
}

int
api_promise_her_view(API_ARGS)
{
	struct care_ctx cx;
	struct promise_rec p;
	const char *note;
	int kept;

	if (promise_word_open(req, "view", parse_verdict, G_PROMISE_HER_VIEW,
	    &cx, &p, &kept, &note, e) != 0)
		return -1;
	if (store_promise_view_insert(req->db, req->a, p.id, cx.client_id,
	    kept ? "kept" : "not_kept", note, req->who->user_id, e) != 0)
		return gate_fail(req);
	/* Her "not kept" is news for her coordinators and main caregiver. */
	if (!kept && store_notice_care(req->db, req->a,
	    NOTICE_PROMISE_DISPUTED, cx.client_id, p.id, req->who->user_id,
	    cx.today, NULL, e) != 0)
		return gate_fail(req);
	return promise_respond(req, &cx, p.id, resp, 201, e);
}

/* ---- the figure: share of promises kept ---- */

static json_t *
tally_json(const struct promise_tally *t)
{
	double share = promise_share_kept(t);

	return json_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:o}",
	    "kept", t->kept, "broken", t->broken, "overdue", t->overdue,
	    "open", t->open, "changed", t->changed, "disputed", t->disputed,
	    "share_kept", share < 0 ? json_null() : json_real(share));
}

int
api_figures_promises(API_ARGS)
{
	struct promise_tally inst;
	struct promise_figure_row *cg, *tm;
	size_t ncg, ntm;
	struct care_ctx cx;
	char *org_name = NULL;
	dl_date today = date_today();
	json_t *jc, *jt;

	if (gate_role(req, G_PROMISE_FIGURES_READ, e) != 0)
		return -1;
	if (gate_open(req, G_PROMISE_FIGURES_READ, &cx, e) != 0)
		return -1;
	if (care_org(req, req->who->org_id, "", &org_name, NULL, e) != 0 ||
	    store_promise_figures(req->db, req->a, req->who->org_id, today,
	    &inst, &cg, &ncg, &tm, &ntm, e) != 0) {
		db_rollback(req->db);
		return -1;
	}
	if (gate_finish(req, &cx, NULL, e) != 0)
		return -1;
	jc = json_array();
	for (size_t i = 0; i < ncg; i++) {
		json_t *o = tally_json(&cg[i].t);

		json_object_set_new(o, "user", json_pack("{s:s, s:o}", "id",
		    cg[i].id, "display_name", api_str(cg[i].name)));
		json_array_append_new(jc, o);
	}
	jt = json_array();
	for (size_t i = 0; i < ntm; i++) {
		json_t *o = tally_json(&tm[i].t);

		json_object_set_new(o, "client", json_pack("{s:s, s:o}", "id",
		    tm[i].id, "pseudonym", api_str(tm[i].name)));
		json_array_append_new(jt, o);
	}
	resp->body = json_pack("{s:o, s:o, s:o, s:o, s:o}",
	    "organisation", care_ref_json(req->who->org_id, org_name),
	    "as_of", api_date(today), "institution", tally_json(&inst),
	    "caregivers", jc, "teams", jt);
	return 0;
}
