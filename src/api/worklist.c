/*
 * worklist.c - the continuity engine's answers: the worklist of every
 * alert a user may see (GET /worklist), the alerts of one client, the
 * institution's continuity figures, and the shared pieces of the
 * continuity handlers (alert JSON, the timeline hooks).
 *
 * Invariants:
 *   1. Alerts are computed on every request from the data as it is; none
 *      is stored.  `as_of` only moves the day the rules take as today.
 *   2. The worklist shows pseudonyms, dates and reasons, never names; it
 *      is one audit entry ("list", "worklist").
 *   3. Scope: a coordinator sees her institution's trajectories, a
 *      caregiver her team's (store/loader.c); every other role is
 *      refused with 403, audited.
 *   4. The worklist and the figures read their scope in batches
 *      (store_records_each) and keep only the page asked for
 *      (core/worklist.c), so memory does not grow with the scope.
 */
#include "api/continuity.h"

#include <stdlib.h>
#include <string.h>

#include "core/worklist.h"
#include "db/db.h"

/* ---- shared helpers ---- */

int
cont_as_of(struct api_req *req, dl_date *out, struct err *e)
{
	const char *s = api_query(req, "as_of");

	*out = date_today();
	if (s != NULL && date_parse(s, out) != 0)
		return err_setr(e, ERR_INVALID, "as_of", R_FIELD_NOT_A_DATE,
		    "as_of is a date YYYY-MM-DD");
	return 0;
}

int
cont_check_staff(struct api_req *req, const char *user_id, const char *field,
    struct err *e)
{
	struct user_brief u;

	if (store_user_brief(req->db, req->a, user_id, &u, e) != 0) {
		if (e->code == ERR_NOT_FOUND)
			return err_setr(e, ERR_INVALID, field, R_USER_UNKNOWN,
			    "unknown user");
		return -1;
	}
	if (!u.active || (strcmp(u.role, "caregiver") != 0 &&
	    strcmp(u.role, "coordinator") != 0 &&
	    strcmp(u.role, "partner") != 0))
		return err_setr(e, ERR_INVALID, field, R_USER_NOT_CARE_STAFF,
		    "this user is not active care staff");
	return 0;
}

json_t *
cont_alert_json(const struct alert *al, const char *pseudonym)
{
	const char *link = alert_link(al->rule);

	return json_pack("{s:s, s:s, s:b, s:o, s:{s:s, s:s}, s:{s:s, s:o}, "
	    "s:o, s:o, s:o, s:s, s:s}",
	    "rule", alert_rule_name(al->rule),
	    "severity", alert_severity_name(al->severity),
	    "overdue", al->overdue, "due_date", api_date(al->due),
	    "reason", "nl", al->reason_nl, "en", al->reason_en,
	    "client", "id", al->client_id, "pseudonym", api_str(pseudonym),
	    "trajectory_id", api_str(al->trajectory_id),
	    "object_id", api_str(al->object_id),
	    "actor_id", api_str(al->actor),
	    "link", link,
	    "href", "");
}

/* The API path where the alert is resolved. */
static void
set_href(struct arena *a, json_t *o, const struct alert *al)
{
	json_object_set_new(o, "href", json_string(arena_printf(a,
	    "/api/v1/clients/%s/%s", al->client_id, alert_link(al->rule))));
}

/* ---- the worklist ---- */

/* Trajectories evaluated at a time: memory is one batch's, whatever the scope. */
#define WORKLIST_BATCH 1000

static int
scope_of(struct api_req *req, struct load_scope *s)
{
	memset(s, 0, sizeof *s);
	switch (req->who->role) {
	case ROLE_COORDINATOR:
		s->kind = LOAD_ORG;
		s->key = req->who->org_id;
		return 0;
	case ROLE_CAREGIVER:
		s->kind = LOAD_TEAM;
		s->key = req->who->user_id;
		return 0;
	default:
		return -1;
	}
}

static json_t *
counts_json(const int counts[ALERT__COUNT])
{
	json_t *cj = json_object();

	for (int r = 0; r < ALERT__COUNT; r++)
		json_object_set_new(cj, alert_rule_name((enum alert_rule)r),
		    json_integer(counts[r]));
	return cj;
}

int
api_worklist(API_ARGS)
{
	struct alert_thresholds th;
	struct wl_page page;
	struct care_ctx cx;
	struct load_scope scope;
	struct wl_eval ec;
	const char *rule = api_query(req, "rule");
	const char **ids;
	size_t nids = 0;
	enum alert_rule only = ALERT__COUNT;
	int limit, offset;
	dl_date as_of;
	json_t *items;

	if (gate_role(req, G_WORKLIST, e) != 0)
		return -1;
	(void)scope_of(req, &scope);
	if (cont_as_of(req, &as_of, e) != 0 || api_page(req, &limit, &offset,
	    e) != 0)
		return -1;
	if (rule != NULL && alert_rule_parse(rule, &only) != 0)
		return err_setr(e, ERR_INVALID, "rule", R_ALERT_RULE_UNKNOWN,
		    "unknown rule");
	if (gate_open(req, G_WORKLIST, &cx, e) != 0)
		return -1;
	wl_page_init(&page, (size_t)offset + (size_t)limit, only);
	ec = (struct wl_eval){ &th, as_of, &page, NULL };
	/* Before a second person approved her access: an empty list. */
	if (!req->who->access_pending && (store_thresholds_load(req->db,
	    req->a, &th, e) != 0 || store_records_each(req->db, &scope,
	    date_today(), WORKLIST_BATCH, wl_eval_batch, &ec, e) != 0)) {
		wl_page_cleanup(&page);
		return gate_fail(req);
	}
	ids = arena_alloc(req->a, (page.n + 1) * sizeof *ids);
	for (size_t i = (size_t)offset; i < page.n; i++)
		ids[nids++] = page.v[i].al.client_id;
	/* Every girl on the page is seen: one entry each, one flush. */
	if (gate_finish_seen(req, &cx, ids, nids, e) != 0) {
		wl_page_cleanup(&page);
		return -1;
	}
	items = json_array();
	for (size_t i = (size_t)offset; i < page.n; i++) {
		json_t *o = cont_alert_json(&page.v[i].al, page.v[i].pseudonym);

		set_href(req->a, o, &page.v[i].al);
		json_array_append_new(items, o);
	}
	resp->body = json_pack("{s:o, s:o, s:i, s:i, s:i, s:i, s:o, s:i}",
	    "as_of", api_date(as_of), "items", items,
	    "total", (int)page.matching, "limit", limit, "offset", offset,
	    "overdue", page.overdue, "by_rule", counts_json(page.counts),
	    "trajectories", (int)page.trajectories);
	wl_page_cleanup(&page);
	return 0;
}

/* ---- one client's alerts ---- */

int
api_client_alerts(API_ARGS)
{
	struct alert_thresholds th;
	struct alert_list l = { 0 };
	struct care_ctx cc;
	struct traj_record *v;
	struct load_scope ls = { LOAD_TRAJECTORY, NULL, NULL, 0 };
	size_t n;
	dl_date as_of;
	json_t *items;

	if (cont_as_of(req, &as_of, e) != 0)
		return -1;
	if (gate_open(req, G_ALERTS_READ, &cc, e) != 0)
		return -1;
	ls.key = cc.t.id;
	if (store_records_load(req->db, req->a, &ls, cc.today, &v, &n,
	    e) != 0 ||
	    store_thresholds_load(req->db, req->a, &th, e) != 0)
		return gate_fail(req);
	for (size_t i = 0; i < n; i++) {
		struct alert_input in;

		record_input(&v[i], as_of, &in);
		alerts_evaluate(&in, &th, &l);
	}
	alerts_sort(&l);
	items = json_array();
	for (size_t i = 0; i < l.n; i++) {
		json_t *o = cont_alert_json(&l.v[i], cc.client.pseudonym);

		set_href(req->a, o, &l.v[i]);
		json_array_append_new(items, o);
	}
	alert_list_cleanup(&l);
	return gate_respond(req, &cc, cc.t.id, resp, 200,
	    json_pack("{s:o, s:o}", "as_of", api_date(as_of), "items", items),
	    e);
}

/* ---- the institution's continuity figures ---- */

int
api_figures_institution(API_ARGS)
{
	struct alert_thresholds th;
	struct inst_figures f;
	struct care_ctx cx;
	struct load_scope scope = { LOAD_ORG, NULL, NULL, 0 };
	struct wl_eval ec;
	dl_date as_of;

	if (gate_role(req, G_FIGURES_READ, e) != 0)
		return -1;
	if (cont_as_of(req, &as_of, e) != 0)
		return -1;
	if (gate_open(req, G_FIGURES_READ, &cx, e) != 0)
		return -1;
	scope.key = req->who->org_id;
	memset(&f, 0, sizeof f);
	ec = (struct wl_eval){ &th, as_of, NULL, &f };
	if (store_thresholds_load(req->db, req->a, &th, e) != 0 ||
	    store_records_each(req->db, &scope, date_today(), WORKLIST_BATCH,
	    wl_eval_batch, &ec, e) != 0)
		return gate_fail(req);
	if (gate_finish(req, &cx, NULL, e) != 0)
		return -1;
	resp->body = json_pack("{s:o, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, "
	    "s:i, s:i, s:i, s:i, s:i, s:i, s:o}",
	    "as_of", api_date(as_of), "trajectories", f.trajectories,
	    "open_trajectories", f.open, "transfers", f.transfers,
	    "distinct_main_caregivers", f.distinct_main_caregivers,
	    "days_without_basis", f.days_without_basis,
	    "days_without_main_caregiver", f.days_without_main_caregiver,
	    "gap_at_18", f.gap_at_18,
	    "handovers", f.extra.handovers,
	    "handovers_accepted", f.extra.handovers_accepted,
	    "handovers_accepted_in_time", f.extra.handovers_in_time,
	    "reviews_held", f.extra.reviews_held,
	    "reviews_on_time", f.extra.reviews_on_time,
	    "interruptions", f.extra.interruptions,
	    "interruption_days", f.extra.interruption_days,
	    "alerts_by_rule", counts_json(f.alerts));
	return 0;
}

/* ---- the timeline's hooks ---- */

json_t *
cont_handover_json(const struct handover_rec *h)
{
	return json_pack("{s:s, s:o, s:o, s:s, s:o, s:o, s:o, s:b, s:o, s:s, "
	    "s:o, s:o}",
	    "id", h->id,
	    "outgoing", care_ref_json(h->outgoing_id, h->outgoing_name),
	    "incoming", care_ref_json(h->incoming_id, h->incoming_name),
	    "role", team_role_name(h->role),
	    "proposed_on", api_date(h->proposed_on),
	    "planned_date", api_date(h->planned_date),
	    "meeting_date", api_date(h->meeting_date),
	    "meeting_with_her", h->meeting_with_her,
	    "meeting_notes", api_str(h->meeting_notes),
	    "status", handover_status_name(h->status),
	    "accepted_on", api_date(h->accepted_on),
	    "approval", api_str(h->approval));
}

void
continuity_timeline_json(const struct cont_timeline *ct, json_t *o)
{
	json_t *hs = json_array(), *f = json_object_get(o, "figures");

	for (size_t i = 0; i < ct->nhandovers; i++)
		json_array_append_new(hs, cont_handover_json(&ct->handovers[i]));
	json_object_set_new(o, "handovers", hs);
	if (!ct->loaded || !json_is_object(f))
		return;
	const struct {
		const char *key;
		json_int_t value;
	} figs[] = {
		{ "handovers", ct->extra.handovers },
		{ "handovers_accepted", ct->extra.handovers_accepted },
		{ "handovers_accepted_in_time", ct->extra.handovers_in_time },
		{ "reviews_held", ct->extra.reviews_held },
		{ "reviews_on_time", ct->extra.reviews_on_time },
		{ "interruptions", ct->extra.interruptions },
		{ "interruption_days", ct->extra.interruption_days },
	};

	for (size_t i = 0; i < sizeof figs / sizeof figs[0]; i++)
		json_object_set_new(f, figs[i].key, json_integer(figs[i].value));
	json_object_set_new(o, "next_review", api_date(ct->next_review));
}
