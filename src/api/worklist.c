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
 *      caregiver her team's (store/worklist.c); every other role is
 *      refused with 403, audited.
 */
#include "api/continuity.h"

#include <stdlib.h>
#include <string.h>

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

static int
bundle_cmp(const void *pa, const void *pb)
{
	const struct cont_bundle *a = pa, *b = pb;

	return strcmp(a->trajectory_id, b->trajectory_id);
}

/* The worklist's scope: her institution for a coordinator, her teams for a
 * caregiver (the gate lets no other role in). */
static void
scope_of(struct api_req *req, enum cont_scope *scope, const char **key)
{
	if (req->who->role == ROLE_COORDINATOR) {
		*scope = SCOPE_ORG;
		*key = req->who->org_id;
	} else {
		*scope = SCOPE_TEAM;
		*key = req->who->user_id;
	}
}

int
api_worklist(struct api_req *req, struct api_resp *resp, struct err *e)
{
	struct alert_thresholds th;
	struct alert_list l = { 0 };
	struct cont_bundle *v;
	struct care_ctx cx;
	enum cont_scope scope;
	const char *key, *rule = api_query(req, "rule");
	enum alert_rule only = ALERT__COUNT;
	size_t n, shown = 0;
	int limit, offset, counts[ALERT__COUNT] = { 0 }, overdue = 0;
	dl_date as_of;
	json_t *items, *cj;

	if (gate_role(req, G_WORKLIST, e) != 0)
		return -1;
	scope_of(req, &scope, &key);
	if (cont_as_of(req, &as_of, e) != 0 || api_page(req, &limit, &offset,
	    e) != 0)
		return -1;
	if (rule != NULL && alert_rule_parse(rule, &only) != 0)
		return err_setr(e, ERR_INVALID, "rule", R_ALERT_RULE_UNKNOWN,
		    "unknown rule");
	if (gate_open(req, G_WORKLIST, &cx, e) != 0)
		return -1;
	if (store_continuity_load(req->db, req->a, scope, key, date_today(), &v,
	    &n, e) != 0) {
		db_rollback(req->db);
		return -1;
	}
	if (store_thresholds_load(req->db, req->a, &th, e) != 0) {
		db_rollback(req->db);
		return -1;
	}
	if (gate_finish(req, &cx, NULL, e) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct alert_input in;

		store_bundle_input(&v[i], as_of, &in);
		alerts_evaluate(&in, &th, &l);
	}
	alerts_sort(&l);
	items = json_array();
	for (size_t i = 0; i < l.n; i++) {
		const struct alert *al = &l.v[i];
		struct cont_bundle k, *b;
		json_t *o;

		counts[al->rule]++;
		if (al->overdue)
			overdue++;
		if (only != ALERT__COUNT && al->rule != only)
			continue;
		if (shown++ < (size_t)offset ||
		    json_array_size(items) >= (size_t)limit)
			continue;
		k.trajectory_id = (char *)al->trajectory_id;
		b = bsearch(&k, v, n, sizeof *v, bundle_cmp);
		o = cont_alert_json(al, b ? b->pseudonym : NULL);
		set_href(req->a, o, al);
		json_array_append_new(items, o);
	}
	cj = json_object();
	for (int r = 0; r < ALERT__COUNT; r++)
		json_object_set_new(cj, alert_rule_name((enum alert_rule)r),
		    json_integer(counts[r]));
	resp->body = json_pack("{s:o, s:o, s:i, s:i, s:i, s:i, s:o, s:i}",
	    "as_of", api_date(as_of), "items", items, "total", (int)shown,
	    "limit", limit, "offset", offset, "overdue", overdue,
	    "by_rule", cj, "trajectories", (int)n);
	alert_list_cleanup(&l);
	return 0;
}

/* ---- one client's alerts ---- */

int
api_client_alerts(struct api_req *req, struct api_resp *resp, struct err *e)
{
	struct alert_thresholds th;
	struct alert_list l = { 0 };
	struct care_ctx cc;
	struct cont_bundle *v;
	size_t n;
	dl_date as_of;
	json_t *items;

	if (cont_as_of(req, &as_of, e) != 0)
		return -1;
	if (gate_open(req, G_ALERTS_READ, &cc, e) != 0)
		return -1;
	if (store_continuity_load(req->db, req->a, SCOPE_TRAJECTORY, cc.t.id,
	    cc.today, &v, &n, e) != 0 ||
	    store_thresholds_load(req->db, req->a, &th, e) != 0)
		return gate_fail(req);
	for (size_t i = 0; i < n; i++) {
		struct alert_input in;

		store_bundle_input(&v[i], as_of, &in);
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

static void
rules_input_of_bundle(const struct cont_bundle *b, dl_date as_of,
    struct alert_input *in)
{
	store_bundle_input(b, as_of, in);
}

int
api_figures_institution(struct api_req *req, struct api_resp *resp,
    struct err *e)
{
	struct alert_thresholds th;
	struct cont_bundle *v;
	struct care_ctx cx;
	size_t n;
	dl_date as_of;
	int open = 0, transfers = 0, mains = 0, nobasis = 0, nomain = 0;
	int gap18 = 0, counts[ALERT__COUNT] = { 0 };
	struct continuity_extra sum;
	json_t *cj;

	if (gate_role(req, G_FIGURES_READ, e) != 0)
		return -1;
	if (cont_as_of(req, &as_of, e) != 0)
		return -1;
	if (gate_open(req, G_FIGURES_READ, &cx, e) != 0)
		return -1;
	if (store_continuity_load(req->db, req->a, SCOPE_ORG, req->who->org_id,
	    date_today(), &v, &n, e) != 0) {
		db_rollback(req->db);
		return -1;
	}
	if (store_thresholds_load(req->db, req->a, &th, e) != 0) {
		db_rollback(req->db);
		return -1;
	}
	if (gate_finish(req, &cx, NULL, e) != 0)
		return -1;
	memset(&sum, 0, sizeof sum);
	for (size_t i = 0; i < n; i++) {
		struct alert_input in;
		struct rules_result r;
		struct continuity_extra x;
		struct alert_list l = { 0 };

		rules_input_of_bundle(&v[i], as_of, &in);
		if (v[i].end == DATE_NONE)
			open++;
		rules_evaluate(&in.r, &r);
		transfers += r.figures.transfers;
		mains += r.figures.distinct_main_caregivers;
		nobasis += r.figures.days_without_basis;
		nomain += r.figures.days_without_main_caregiver;
		gap18 += r.figures.gap_at_18;
		rules_result_cleanup(&r);
		alerts_figures(&in, &th, &x);
		sum.handovers += x.handovers;
		sum.handovers_accepted += x.handovers_accepted;
		sum.handovers_in_time += x.handovers_in_time;
		sum.reviews_held += x.reviews_held;
		sum.reviews_on_time += x.reviews_on_time;
		sum.interruptions += x.interruptions;
		sum.interruption_days += x.interruption_days;
		alerts_evaluate(&in, &th, &l);
		for (size_t k = 0; k < l.n; k++)
			counts[l.v[k].rule]++;
		alert_list_cleanup(&l);
	}
	cj = json_object();
	for (int r = 0; r < ALERT__COUNT; r++)
		json_object_set_new(cj, alert_rule_name((enum alert_rule)r),
		    json_integer(counts[r]));
	resp->body = json_pack("{s:o, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, "
	    "s:i, s:i, s:i, s:i, s:i, s:i, s:o}",
	    "as_of", api_date(as_of), "trajectories", (int)n,
	    "open_trajectories", open, "transfers", transfers,
	    "distinct_main_caregivers", mains, "days_without_basis", nobasis,
	    "days_without_main_caregiver", nomain, "gap_at_18", gap18,
	    "handovers", sum.handovers,
	    "handovers_accepted", sum.handovers_accepted,
	    "handovers_accepted_in_time", sum.handovers_in_time,
	    "reviews_held", sum.reviews_held,
	    "reviews_on_time", sum.reviews_on_time,
	    "interruptions", sum.interruptions,
	    "interruption_days", sum.interruption_days,
	    "alerts_by_rule", cj);
	return 0;
}

/* ---- the timeline's hooks ---- */

json_t *
cont_handover_json(const struct handover_rec *h)
{
	return json_pack("{s:s, s:o, s:o, s:s, s:o, s:o, s:o, s:b, s:o, s:s, "
	    "s:o}",
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
	    "accepted_on", api_date(h->accepted_on));
}

int
continuity_timeline_load(struct api_req *req, const struct care_ctx *cx,
    const struct trajectory_rec *t, struct cont_timeline *out,
    struct err *e)
{
	struct alert_thresholds th;
	struct cont_bundle *v;
	size_t n;

	memset(out, 0, sizeof *out);
	out->next_review = DATE_NONE;
	if (t == NULL || cx->acc.level == ACCESS_PARTNER)
		return 0;
	if (store_handover_list(req->db, req->a, t->id, &out->handovers,
	    &out->nhandovers, e) != 0 ||
	    store_continuity_load(req->db, req->a, SCOPE_TRAJECTORY, t->id,
	    cx->today, &v, &n, e) != 0 ||
	    store_thresholds_load(req->db, req->a, &th, e) != 0)
		return -1;
	if (n == 1) {
		struct alert_input in;

		store_bundle_input(&v[0], cx->today, &in);
		alerts_figures(&in, &th, &out->extra);
		out->next_review = alerts_review_due(&in, &th);
	}
	out->loaded = true;
	return 0;
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
	json_object_set_new(f, "handovers", json_integer(ct->extra.handovers));
	json_object_set_new(f, "handovers_accepted",
	    json_integer(ct->extra.handovers_accepted));
	json_object_set_new(f, "handovers_accepted_in_time",
	    json_integer(ct->extra.handovers_in_time));
	json_object_set_new(f, "reviews_held",
	    json_integer(ct->extra.reviews_held));
	json_object_set_new(f, "reviews_on_time",
	    json_integer(ct->extra.reviews_on_time));
	json_object_set_new(f, "interruptions",
	    json_integer(ct->extra.interruptions));
	json_object_set_new(f, "interruption_days",
	    json_integer(ct->extra.interruption_days));
	json_object_set_new(o, "next_review", api_date(ct->next_review));
}
