/*
 * aftercare.c - the exit gate of R8: the check and the records made when a
 * trajectory closes (called by api_trajectory_end in clients.c), the
 * aftercare follow-ups and their resolution, and reopening.
 *
 * Invariants:
 *   1. A trajectory closes only when housing, finances, education, work,
 *      leisure and the relation with her parents are settled, or with a
 *      sign-off reason (coordinators only reach the end route); the 409
 *      names the unsettled domains.
 *   2. Closing schedules follow-ups at 3, 6 and 12 months and keeps her
 *      visible on the coordinator's worklist until they are resolved.
 *   3. Reopening continues the same trajectory (R1); the closed span is
 *      kept as an interruption for the continuity figures, and follow-ups
 *      still planned are cancelled.
 */
#include "api/continuity.h"

#include <string.h>

#include "db/db.h"

#define TEXT_MAX 4000
#define REASON_MAX 500

static const int followup_months[] = { 3, 6, 12 };

int
continuity_close(struct api_req *req, const struct care_ctx *cx,
    const struct trajectory_rec *t, const char *sign_off_reason,
    struct err *e)
{
	struct domain_rec d[DOM__COUNT];
	enum domain_status st[DOM__COUNT];
	struct closure_rec c;
	char *names = NULL;
	unsigned mask;

	(void)cx;
	if (store_domains_get(req->db, req->a, t->id, d, e) != 0)
		return -1;
	for (int i = 0; i < DOM__COUNT; i++)
		st[i] = d[i].status;
	mask = alerts_exit_unsettled(st);
	for (int i = 0; i < DOM__COUNT; i++)
		if (mask & (1u << i))
			names = names == NULL ? arena_strdup(req->a,
			    life_domain_name((enum life_domain)i)) :
			    arena_printf(req->a, "%s, %s", names,
			    life_domain_name((enum life_domain)i));
	if (mask != 0 && sign_off_reason == NULL) {
		err_setr(e, ERR_CONFLICT, NULL, R_CLOSURE_UNSETTLED,
		    "not settled: %s; the "
		    "coordinator may close with a sign_off_reason", names);
		return err_detail(e, "%s", names);
	}
	memset(&c, 0, sizeof c);
	c.closed_on = t->end;
	c.unsettled = names;
	c.sign_off_reason = (char *)sign_off_reason;
	c.signed_off_by = sign_off_reason ? (char *)req->who->user_id : NULL;
	c.end_reason = t->end_reason;
	if (store_closure_insert(req->db, req->a, t->id, &c, e) != 0)
		return -1;
	for (size_t i = 0; i < sizeof followup_months / sizeof followup_months[0];
	    i++) {
		struct aftercare_rec f;

		memset(&f, 0, sizeof f);
		f.closure_id = c.id;
		f.months_after = followup_months[i];
		f.due = date_add_months(t->end, followup_months[i]);
		if (store_aftercare_insert(req->db, req->a, t->id, &f, e) != 0)
			return -1;
	}
	return 0;
}

static json_t *
aftercare_json(const struct aftercare_rec *c)
{
	return json_pack("{s:s, s:o, s:o, s:i, s:s, s:o, s:o, s:o, s:o}",
	    "id", c->id, "closure_id", api_str(c->closure_id),
	    "due_date", api_date(c->due), "months_after", c->months_after,
	    "status", aftercare_status_name(c->status),
	    "done_on", api_date(c->done_on),
	    "needs_help", c->needs_help < 0 ? json_null() :
	    json_boolean(c->needs_help),
	    "outcome", api_str(c->outcome),
	    "done_by", api_str(c->done_by_name));
}

int
api_aftercare_list(API_ARGS)
{
	struct care_ctx cc;
	struct aftercare_rec *v;
	struct closure_rec *c;
	size_t n, nc;
	json_t *items, *closures;

	if (gate_open(req, G_AFTERCARE_READ, &cc, e) != 0)
		return -1;
	if (store_aftercare_list(req->db, req->a, cc.t.id, &v, &n, e) != 0 ||
	    store_closure_list(req->db, req->a, cc.t.id, &c, &nc, e) != 0)
		return gate_fail(req);
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, aftercare_json(&v[i]));
	closures = json_array();
	for (size_t i = 0; i < nc; i++)
		json_array_append_new(closures, json_pack("{s:s, s:o, s:o, s:o, "
		    "s:o, s:o, s:o, s:o}",
		    "id", c[i].id, "closed_on", api_date(c[i].closed_on),
		    "end_reason", api_str(c[i].end_reason),
		    "unsettled", api_str(c[i].unsettled),
		    "sign_off_reason", api_str(c[i].sign_off_reason),
		    "signed_off_by", api_str(c[i].signed_off_by),
		    "reopened_on", api_date(c[i].reopened_on),
		    "reopen_reason", api_str(c[i].reopen_reason)));
	return gate_respond(req, &cc, NULL, resp, 200,
	    json_pack("{s:o, s:o}", "items", items, "closures", closures), e);
}

int
api_aftercare_resolve(API_ARGS)
{
	struct care_ctx cc;
	struct aftercare_rec c;
	const char *outcome = NULL;
	bool needs_help = false;
	dl_date done = DATE_NONE;
	const struct api_field f[] = {
		{ "done_on", F_DATE, true, false, &done, 0, NULL, NULL },
		{ "needs_help", F_BOOL, true, false, &needs_help, 0, NULL, NULL },
		{ "outcome", F_STRING, true, false, &outcome, TEXT_MAX, NULL, NULL },
	};

	if (gate_open_body(req, f, API_NFIELDS(f), G_AFTERCARE_UPDATE, &cc,
	    e) != 0)
		return -1;
	if (!id_valid(req->params[1]))
		return gate_error(req, ERR_NOT_FOUND, NULL,
		    R_AFTERCARE_NOT_FOUND, "follow-up not found", e);
	if (store_aftercare_get(req->db, req->a, cc.t.id, req->params[1], &c,
	    e) != 0)
		return gate_fail(req);
	if (c.status != AC_PLANNED) {
		err_setr(e, ERR_CONFLICT, NULL, R_AFTERCARE_ALREADY_DONE,
		    "this follow-up is %s already",
		    aftercare_status_name(c.status));
		return gate_fail(req);
	}
	if (done > cc.today || (cc.t.end != DATE_NONE && done < cc.t.end)) {
		if (done > cc.today)
			err_setr(e, ERR_INVALID, "done_on", R_DATE_IN_FUTURE,
			    "a follow-up is recorded once it took place");
		else
			err_setr(e, ERR_INVALID, "done_on",
			    R_DATE_BEFORE_TRAJECTORY_END,
			    "this lies before the trajectory closed");
		return gate_fail(req);
	}
	c.status = AC_DONE;
	c.done_on = done;
	c.needs_help = needs_help;
	c.outcome = (char *)outcome;
	if (store_aftercare_update(req->db, req->a, &c, req->who->user_id,
	    e) != 0 ||
	    store_aftercare_get(req->db, req->a, cc.t.id, c.id, &c, e) != 0)
		return gate_fail(req);
	return gate_respond(req, &cc, c.id, resp, 200,
	    aftercare_json(&c), e);
}

int
api_trajectory_reopen(API_ARGS)
{
	struct care_ctx cc;
	const char *reason = NULL;
	dl_date day = DATE_NONE;
	const struct api_field f[] = {
		{ "reopen_date", F_DATE, true, false, &day, 0, NULL, NULL },
		{ "reason", F_STRING, true, false, &reason, REASON_MAX, NULL, NULL },
	};

	if (gate_open_body(req, f, API_NFIELDS(f), G_TRAJECTORY_REOPEN, &cc,
	    e) != 0)
		return -1;
	if (cc.t.end == DATE_NONE)
		return gate_error(req, ERR_CONFLICT, NULL, R_TRAJECTORY_OPEN,
		    "the trajectory is open", e);
	if (day <= cc.t.end)
		return gate_error(req, ERR_INVALID, "reopen_date",
		    R_REOPEN_AFTER_CLOSE,
		    "reopening lies after the day the trajectory closed", e);
	cc.t.end = DATE_NONE;
	cc.t.end_reason = NULL;
	if (store_trajectory_update(req->db, req->a, &cc.t, e) != 0 ||
	    store_closure_reopen(req->db, req->a, cc.t.id, day, reason, e) != 0 ||
	    store_trajectory_current(req->db, req->a, cc.client_id, &cc.t,
	    e) != 0)
		return gate_fail(req);
	return gate_respond(req, &cc, cc.t.id, resp, 200,
	    care_trajectory_json(&cc.t), e);
}
