/*
 * journal.c - journal entries about her (DOMAIN.md R10): write, read,
 * correct, withhold from her and release, her statements, and the
 * coordinator's list of withheld entries.
 *
 * Invariants:
 *   1. An entry is never changed in place: PATCH and PUT on it are
 *      answered 409 (and audited as refused); a correction is a new
 *      version with its reason, and earlier versions stay readable to
 *      her team and coordinator.
 *   2. An entry is visible to her unless withheld; withholding needs a
 *      reason of at least WITHHOLD_REASON_MIN characters, is audited, and
 *      shows in the coordinator's list.  A withheld entry is absent from
 *      every view of hers, answered 404 like one that does not exist.
 *   3. Her statements are hers alone to write, never edited, and shown
 *      beside the entry wherever it is shown.
 */
#include "api/voice.h"

#include <string.h>

#include "auth/audit_writer.h"
#include "db/db.h"
#include "store/notification.h"

#define TEXT_MAX 10000
#define REASON_MAX 1000
#define STATEMENT_MAX 4000
#define WITHHOLD_REASON_MIN 10

/* The entry of this request, as the caller may see it. */
static int
load_entry(struct api_req *req, struct care_ctx *cx, struct journal_rec *j,
    struct err *e)
{
	return store_journal_get(req->db, req->a, cx->client_id,
	    req->params[1], voice_staff(cx), j, e);
}

/* Read entry `id` as stored (`staff`: as staff see it) and answer it. */
static int
entry_respond(struct api_req *req, struct care_ctx *cx, const char *id,
    bool staff, struct api_resp *resp, int status, struct err *e)
{
	struct journal_rec j;

	if (store_journal_get(req->db, req->a, cx->client_id, id, staff, &j,
	    e) != 0)
		return gate_fail(req);
	return gate_respond(req, cx, j.id, resp, status,
	    voice_journal_json(cx, &j, true), e);
}

/* Answer the entry of this request as the caller may see it. */
static int
request_entry_respond(struct api_req *req, struct care_ctx *cx,
    struct api_resp *resp, int status, struct err *e)
{
	return entry_respond(req, cx, req->params[1], voice_staff(cx), resp,
	    status, e);
}

static int
check_entry_date(const struct care_ctx *cx, dl_date d, struct err *e)
{
	if (d > cx->today)
		return err_setr(e, ERR_INVALID, "entry_date", R_DATE_IN_FUTURE,
		    "an entry cannot be about a day still to come");
	if (d < cx->client.birth)
		return err_setr(e, ERR_INVALID, "entry_date",
		    R_DATE_BEFORE_BIRTH, "this lies before her birth");
	return 0;
}

int
api_journal_list(API_ARGS)
{
	struct care_ctx cx;
	struct journal_rec *v;
	size_t n;

	if (gate_open(req, G_JOURNAL_READ, &cx, e) != 0)
		return -1;
	if (store_journal_list(req->db, req->a, cx.client_id, voice_staff(&cx),
	    &v, &n, e) != 0)
		return gate_fail(req);
	return gate_respond_each(req, &cx, resp, v, n, sizeof *v,
	    voice_entry_item, e);
}

int
api_journal_get(API_ARGS)
{
	struct care_ctx cx;

	if (gate_open(req, G_JOURNAL_READ, &cx, e) != 0)
		return -1;
	return request_entry_respond(req, &cx, resp, 200, e);
}

/* A withholding reason of `field` shorter than the rule asks: 400. */
static int
reason_too_short(const char *field, const char *reason, struct err *e)
{
	if (strlen(reason) >= WITHHOLD_REASON_MIN)
		return 0;
	return err_setr(e, ERR_INVALID, field, R_REASON_TOO_SHORT,
	    "state the reason in at least %d characters", WITHHOLD_REASON_MIN);
}

int
api_journal_create(API_ARGS)
{
	struct care_ctx cx;
	const char *text = NULL, *withhold = NULL;
	char *id;
	dl_date day = DATE_NONE;
	const struct api_field f[] = {
		{ "entry_date", F_DATE, false, false, &day, 0, NULL, NULL },
		{ "text", F_STRING, true, false, &text, TEXT_MAX, NULL, NULL },
		{ "withhold_reason", F_STRING, false, true, &withhold, REASON_MAX, NULL, NULL },
	};

	if (api_parse_object(req, f, sizeof f / sizeof f[0], e) != 0 ||
	    (withhold != NULL && reason_too_short("withhold_reason", withhold,
	    e) != 0))
		return -1;
	if (gate_open(req, G_JOURNAL_CREATE, &cx, e) != 0)
		return -1;
	if (day == DATE_NONE)
		day = cx.today;
	if (check_entry_date(&cx, day, e) != 0 ||
	    store_journal_insert(req->db, req->a, cx.client_id,
	    req->who->user_id, day, text, &id, e) != 0)
		return gate_fail(req);
	if (withhold != NULL) {
		/* The withholding is an act of its own in the audit log. */
		struct audit_entry en;

		if (store_journal_withhold(req->db, req->a, cx.client_id, id,
		    withhold, req->who->user_id, e) != 0)
			return gate_fail(req);
		gate_audit_fill(req, &en, cx.client_id, "withhold",
		    "journal_entry", id, "ok", NULL);
		if (auth_audit_append(req->db, &en, e) != 0)
			return gate_fail(req);
	}
	return entry_respond(req, &cx, id, true, resp, 201, e);
}

int
api_journal_edit_refused(API_ARGS)
{
	struct care_ctx cx;
	struct journal_rec j;

	if (gate_open(req, G_JOURNAL_EDIT, &cx, e) != 0)
		return -1;
	if (load_entry(req, &cx, &j, e) != 0)
		return gate_fail(req);
	return gate_refuse(req, &cx, ERR_CONFLICT, R_JOURNAL_NEVER_CHANGED,
	    "a journal entry is never changed in place; write a correction "
	    "(POST .../journal/{eid}/corrections) and the earlier version stays", e);
}

int
api_journal_correct(API_ARGS)
{
	struct care_ctx cx;
	struct journal_rec j;
	const char *text = NULL, *reason = NULL;
	dl_date day = DATE_NONE;
	const struct api_field f[] = {
		{ "text", F_STRING, true, false, &text, TEXT_MAX, NULL, NULL },
		{ "reason", F_STRING, true, false, &reason, REASON_MAX, NULL, NULL },
		{ "entry_date", F_DATE, false, false, &day, 0, NULL, NULL },
	};

	if (gate_open_body(req, f, API_NFIELDS(f), G_JOURNAL_CORRECT, &cx,
	    e) != 0)
		return -1;
	if (load_entry(req, &cx, &j, e) != 0)
		return gate_fail(req);
	if (day == DATE_NONE)
		day = j.versions[j.nversions - 1].entry_date;
	if (check_entry_date(&cx, day, e) != 0 ||
	    store_journal_correct(req->db, req->a, cx.client_id, j.id,
	    &j.versions[j.nversions - 1], req->who->user_id, day, text, reason,
	    e) != 0)
		return gate_fail(req);
	return entry_respond(req, &cx, j.id, true, resp, 201, e);
}

int
api_journal_statement(API_ARGS)
{
	struct care_ctx cx;
	struct journal_rec j;
	const char *text = NULL;
	char *sid;
	const struct api_field f[] = {
		{ "text", F_STRING, true, false, &text, STATEMENT_MAX, NULL, NULL },
	};

	if (gate_open_body(req, f, API_NFIELDS(f), G_JOURNAL_STATEMENT, &cx,
	    e) != 0)
		return -1;
	if (load_entry(req, &cx, &j, e) != 0 ||
	    store_journal_statement_insert(req->db, req->a, cx.client_id,
	    j.id, j.versions[j.nversions - 1].id, text, req->who->user_id,
	    &sid, e) != 0 ||
	    store_notice_care(req->db, req->a, NOTICE_JOURNAL_STATEMENT,
	    cx.client_id, j.id, req->who->user_id, cx.today, NULL, e) != 0)
		return gate_fail(req);
	return request_entry_respond(req, &cx, resp, 201, e);
}

/* Withhold the entry in params[1] from her for `reason`, or (reason NULL)
 * release it to her again, and answer it. */
static int
entry_withholding(struct api_req *req, const char *reason,
    struct api_resp *resp, struct err *e)
{
	struct care_ctx cx;
	struct journal_rec j;
	int rc;

	if (gate_open(req, reason != NULL ? G_JOURNAL_WITHHOLD :
	    G_JOURNAL_RELEASE, &cx, e) != 0)
		return -1;
	if (load_entry(req, &cx, &j, e) != 0)
		return gate_fail(req);
	if (reason != NULL)
		rc = store_journal_withhold(req->db, req->a, cx.client_id, j.id,
		    reason, req->who->user_id, e);
	else
		rc = store_journal_release(req->db, j.id, req->who->user_id, e);
	if (rc != 0)
		return gate_fail(req);
	return request_entry_respond(req, &cx, resp, 200, e);
}

int
api_journal_withhold(API_ARGS)
{
	const char *reason = NULL;
	const struct api_field f[] = {
		{ "reason", F_STRING, true, false, &reason, REASON_MAX, NULL, NULL },
	};

	if (api_parse_object(req, f, sizeof f / sizeof f[0], e) != 0 ||
	    reason_too_short("reason", reason, e) != 0)
		return -1;
	return entry_withholding(req, reason, resp, e);
}

int
api_journal_release(API_ARGS)
{
	return entry_withholding(req, NULL, resp, e);
}

/* The coordinator's list: every entry withheld from a girl of her
 * institution, with the reason.  One audit entry per girl listed. */
int
api_journal_withheld(API_ARGS)
{
	struct withheld_row *v;
	size_t n;
	struct care_ctx cx;
	json_t *items;

	if (gate_role(req, G_WITHHELD_LIST, e) != 0)
		return -1;
	if (gate_open(req, G_WITHHELD_LIST, &cx, e) != 0)
		return -1;
	v = NULL;
	n = 0;
	if (!req->who->access_pending && store_journal_withheld(req->db,
	    req->a, req->who->org_id, &v, &n, e) != 0) {
		db_rollback(req->db);
		return -1;
	}
	/* One entry per girl on the list, all in one flush. */
	if (gate_finish_each(req, &cx, v, n, sizeof *v,
	    offsetof(struct withheld_row, client_id), e) != 0)
		return -1;
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, json_pack("{s:{s:s, s:s}, s:s, "
		    "s:o, s:o, s:o, s:o}",
		    "client", "id", v[i].client_id, "pseudonym", v[i].pseudonym,
		    "entry_id", v[i].thread_id,
		    "entry_date", api_date(v[i].entry_date),
		    "reason", api_str(v[i].w.reason),
		    "withheld_by", voice_user_json(&v[i].w.withheld_by),
		    "withheld_at", api_str(v[i].w.withheld_at)));
	resp->body = json_pack("{s:o}", "items", items);
	return 0;
}
