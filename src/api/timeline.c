/*
 * timeline.c - her whole trajectory in one answer (GET .../timeline).
 *
 * Both run the coverage rules of core/rules.c on the records the one
 * loader returns (store/loader.c: a fixed number of statements, for one
 * trajectory or for the whole list); nothing computed here is stored, so
 * the answer always reflects the data as it is now.
 */
#include "api/care.h"
#include "api/continuity.h"

#include <string.h>

#include "db/db.h"

static json_t *
figures_json(const struct continuity *c)
{
	return json_pack("{s:i, s:i, s:i, s:i, s:b}",
	    "transfers", c->transfers,
	    "distinct_main_caregivers", c->distinct_main_caregivers,
	    "days_without_basis", c->days_without_basis,
	    "days_without_main_caregiver", c->days_without_main_caregiver,
	    "gap_at_18", c->gap_at_18);
}

static json_t *
flag_json(const struct rules_flag *fl)
{
	return json_pack("{s:s, s:s, s:o, s:s, s:o, s:o}",
	    "kind", fl->kind == FLAG_PAST_LEGAL_END ? "past_legal_end" :
	    "end_before_start",
	    "object_type", fl->is_order ? "court_order" : "legal_basis",
	    "object_id", api_str(fl->id),
	    "object_kind", fl->is_order ?
	    order_kind_name((enum order_kind)fl->kind_index) :
	    basis_kind_name((enum basis_kind)fl->kind_index),
	    "recorded_end", api_date(fl->recorded_end),
	    "legal_end", api_date(fl->legal_end));
}

int
api_timeline(API_ARGS)
{
	struct care_ctx cx;
	struct trajectory_rec t;
	struct trajectory_full f;
	struct traj_record rec;
	struct alert_input in;
	struct alert_thresholds th;
	struct rules_result r;
	bool partner, have_t;
	struct cont_timeline ct;
	json_t *o, *phases, *bases, *orders, *team, *gaps, *flags;
	enum leap_rule leap = date_leap_rule();

	if (gate_open(req, G_TIMELINE_READ, &cx, e) != 0)
		return -1;
	partner = cx.acc.level == ACCESS_PARTNER;
	have_t = store_trajectory_current(req->db, req->a, cx.client_id, &t,
	    e) == 0;
	if (!have_t && e->code != ERR_NOT_FOUND)
		goto fail;
	memset(&f, 0, sizeof f);
	memset(&ct, 0, sizeof ct);
	ct.next_review = DATE_NONE;
	/* A partner sees placements only: no record, no figures. */
	if (have_t && partner &&
	    store_trajectory_load(req->db, req->a, &t, &f, e) != 0)
		goto fail;
	if (have_t && !partner) {
		if (store_record_load_full(req->db, req->a, &t, &f, &rec,
		    e) != 0 ||
		    store_handover_list(req->db, req->a, t.id, &ct.handovers,
		    &ct.nhandovers, e) != 0 ||
		    store_thresholds_load(req->db, req->a, &th, e) != 0)
			goto fail;
		record_input(&rec, cx.today, &in);
		alerts_figures(&in, &th, &ct.extra);
		ct.next_review = alerts_review_due(&in, &th);
		ct.loaded = true;
	}
	if (gate_finish(req, &cx, have_t ? t.id : cx.client_id, e) != 0)
		return -1;

	phases = json_array();
	bases = json_array();
	orders = json_array();
	team = json_array();
	gaps = json_array();
	flags = json_array();
	for (size_t i = 0; i < f.nphases; i++)
		if (!partner || strcmp(f.phases[i].provider_id,
		    req->who->org_id) == 0)
			json_array_append_new(phases,
			    care_phase_json(&cx, &f.phases[i]));
	o = json_pack("{s:o, s:o, s:o, s:o, s:o}",
	    "client", care_client_json(&cx, &cx.client),
	    "trajectory", have_t ? care_trajectory_json(&t) : json_null(),
	    "today", api_date(cx.today),
	    "eighteenth_birthday", api_date(date_birthday(cx.client.birth, 18, leap)),
	    "twenty_third_birthday", api_date(date_birthday(cx.client.birth, 23, leap)));
	/* A partner sees the placements her organisation delivers, no more. */
	if (have_t && !partner) {
		for (size_t i = 0; i < f.nbases; i++)
			json_array_append_new(bases,
			    care_basis_json(&cx, &f.bases[i]));
		for (size_t i = 0; i < f.norders; i++)
			json_array_append_new(orders,
			    care_order_json(&cx, &f.orders[i]));
		for (size_t i = 0; i < f.nmembers; i++)
			json_array_append_new(team,
			    care_member_json(&cx, &f.members[i]));
		rules_evaluate(&in.r, &r);
		for (size_t i = 0; i < r.ngaps; i++)
			json_array_append_new(gaps, json_pack("{s:o, s:o, s:o}",
			    "start", api_date(r.gaps[i].start),
			    "end", api_date(r.gaps[i].end),
			    "days", r.gaps[i].end == DATE_OPEN ? json_null() :
			    json_integer(r.gaps[i].end - r.gaps[i].start + 1)));
		for (size_t i = 0; i < r.nflags; i++)
			json_array_append_new(flags, flag_json(&r.flags[i]));
		json_object_set_new(o, "figures", figures_json(&r.figures));
		rules_result_cleanup(&r);
	} else {
		json_object_set_new(o, "figures", json_null());
	}
	json_object_set_new(o, "phases", phases);
	json_object_set_new(o, "legal_bases", bases);
	json_object_set_new(o, "court_orders", orders);
	json_object_set_new(o, "team", team);
	json_object_set_new(o, "gaps", gaps);
	json_object_set_new(o, "flags", flags);
	json_object_set_new(o, "access", json_pack("{s:s, s:b, s:o}",
	    "level", cx.acc.level == ACCESS_COORDINATOR ? "coordinator" :
	    cx.acc.level == ACCESS_TEAM ? "team" :
	    cx.acc.level == ACCESS_GLASS ? "break_glass" :
	    cx.acc.level == ACCESS_SELF ? "self" : "partner",
	    "break_glass", cx.acc.level == ACCESS_GLASS,
	    "expires_at", api_str(cx.acc.glass_expires_at)));
	continuity_timeline_json(&ct, o);
	resp->body = o;
	return 0;
fail:
	gate_fail(req);
	return -1;
}
