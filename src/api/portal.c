/*
 * portal.c - GET /api/v1/me: everything her portal shows, in one answer,
 * for the girl herself (role client).
 *
 * Invariants:
 *   1. Only her own record: the client id comes from her session, never
 *      from the request, and access goes through the gate like every
 *      other read (ACCESS_SELF), leaving one audit entry.
 *   2. Only what she may see: entries withheld from her are absent, and
 *      no staff-only field (withholdings, earlier versions, correction
 *      reasons) is in the answer; the team shows names, roles and the
 *      contact details the staff gave, nothing about other clients.
 *   3. Texts she reads directly (what changes at 18) are plain Dutch.
 */
#include "api/voice.h"

#include <stdlib.h>
#include <string.h>

#include "api/continuity.h"
#include "db/db.h"
#include "store/continuity.h"

#define PORTAL_LOG_ITEMS 50

/* A legal basis as she would say it. */
static const char *
basis_plain(enum basis_kind k)
{
	switch (k) {
	case BASIS_JEUGDWET: return "jeugdhulp";
	case BASIS_VERLENGDE_JEUGDHULP: return "verlengde jeugdhulp (kan tot je 23e)";
	case BASIS_WMO: return "hulp van de gemeente (Wmo)";
	case BASIS_WLZ: return "langdurige zorg (Wlz)";
	case BASIS_ZVW_GGZ: return "hulp via je zorgverzekering";
	case BASIS_CRIMINAL: return "hulp via justitie";
	default: return "een andere regeling";
	}
}

static const char *const changes_at_18[] = {
	"Je bent volwassen. Je beslist zelf over je hulp.",
	"De gewone jeugdhulp stopt. Je hulp kan doorgaan, maar dat moet wel "
	    "geregeld zijn.",
	"Je hebt een eigen zorgverzekering nodig.",
	"Je regelt zelf geld: een bankrekening, DigiD, en misschien een "
	    "uitkering of toeslag.",
	"Je hebt een plek nodig om te wonen.",
	"Samen maken we een plan om veilig te blijven.",
};

/* The same sentences in plain English, in the same order. */
static const char *const changes_at_18_en[] = {
	"You are an adult. You decide about your help yourself.",
	"Ordinary youth care stops. Your help can go on, but that has to be "
	    "arranged.",
	"You need your own health insurance.",
	"You arrange money yourself: a bank account, DigiD, and maybe benefits "
	    "or an allowance.",
	"You need a place to live.",
	"Together we make a plan to stay safe.",
};
_Static_assert(sizeof changes_at_18 == sizeof changes_at_18_en,
    "every sentence about turning 18 in both languages");

/* Her legal bases in the order the timeline shows them: by start. */
static int
basis_start_cmp(const void *pa, const void *pb)
{
	const struct rules_basis *a = pa, *b = pb;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return strcmp(a->id, b->id);
}

/* What changes at 18 and what is arranged: bases covering the days from
 * her 18th birthday on, as the timeline records them (t: her current
 * trajectory, or NULL). */
static json_t *
at_18_json(struct api_req *req, const struct care_ctx *cx,
    const struct trajectory_rec *t, struct err *e, int *rc)
{
	enum leap_rule leap = date_leap_rule();
	dl_date b18 = date_birthday(cx->client.birth, 18, leap);
	struct traj_record *rec = NULL;
	size_t nrec = 0;
	struct load_scope ls = { LOAD_TRAJECTORY, NULL, NULL, 0 };
	json_t *bases = json_array(), *changes = json_array(), *o;
	json_t *changes_en = json_array();
	bool arranged = false, turned = cx->today >= b18, has_t = t != NULL;
	json_t *plan = json_null();
	const char *first = NULL;
	char *msg;

	*rc = 0;
	if (has_t) {
		ls.key = t->id;
		if (store_records_load(req->db, req->a, &ls, cx->today, &rec,
		    &nrec, e) != 0) {
			*rc = -1;
			json_decref(bases);
			json_decref(changes);
			json_decref(changes_en);
			return NULL;
		}
	}
	if (has_t) {
		struct plan_rec pl;
		bool found = false;

		if (store_plan_get(req->db, req->a, t->id, &pl, &found, e) != 0) {
			*rc = -1;
			json_decref(bases);
			json_decref(changes);
			json_decref(changes_en);
			return NULL;
		}
		if (found) {
			/* What is arranged, item by item; staff notes stay out. */
			json_t *items = json_array();

			for (size_t i = 0; i < pl.nitems; i++)
				json_array_append_new(items, json_pack("{s:s, "
				    "s:s, s:o, s:o}",
				    "item", plan_item_name(pl.items[i].kind),
				    "status", item_status_name(pl.items[i].status),
				    "due_date", api_date(pl.items[i].due),
				    "owner", api_str(pl.items[i].owner_name)));
			json_decref(plan);
			plan = json_pack("{s:o, s:o, s:o}", "opened_on",
			    api_date(pl.opened_on), "her_view",
			    api_str(pl.her_view), "items", items);
		}
	}
	if (nrec == 1 && rec->nbases > 1)
		qsort(rec->bases, rec->nbases, sizeof *rec->bases,
		    basis_start_cmp);
	for (size_t i = 0; nrec == 1 && i < rec->nbases; i++) {
		const struct rules_basis *b = &rec->bases[i];
		dl_date legal = basis_legal_end(b->kind, cx->client.birth, leap);
		dl_date end = b->end;

		if (legal != DATE_OPEN && legal < end)
			end = legal;
		if (end != DATE_OPEN && end < b18)
			continue;	/* ends before she turns 18 */
		if (b->start <= b18 && end >= b18) {
			arranged = true;
			if (first == NULL)
				first = basis_plain(b->kind);
		}
		json_array_append_new(bases, json_pack("{s:s, s:s, s:o, s:o, "
		    "s:o}", "kind", basis_kind_name(b->kind),
		    "plain", basis_plain(b->kind),
		    "start_date", api_date(b->start),
		    "end_date", api_date(b->end),
		    "legal_end", api_date(legal)));
	}
	for (size_t i = 0; i < sizeof changes_at_18 / sizeof changes_at_18[0];
	    i++) {
		json_array_append_new(changes, json_string(changes_at_18[i]));
		json_array_append_new(changes_en,
		    json_string(changes_at_18_en[i]));
	}
	if (arranged)
		msg = arena_printf(req->a, "Als je 18 wordt, gaat je hulp door. "
		    "Dat is geregeld met: %s.", first);
	else
		msg = arena_strdup(req->a, "Er is nog niet geregeld hoe je hulp "
		    "doorgaat als je 18 wordt. Vraag je hulpverlener ernaar. "
		    "Dat mag altijd.");
	o = json_pack("{s:o, s:b, s:i, s:b, s:s, s:o, s:o, s:o, s:o}",
	    "eighteenth_birthday", api_date(b18), "turned_18", turned,
	    "days_until_18", (int)(b18 - cx->today),
	    "arranged", arranged, "message", msg,
	    "bases_after_18", bases, "changes_at_18", changes,
	    "changes_at_18_en", changes_en,
	    "transition_plan", plan);
	return o;
}

int
api_me(API_ARGS)
{
	struct care_ctx cx;
	struct team_contact *team;
	struct own_plan_rec *plan;
	struct promise_rec *prom;
	struct journal_rec *jr;
	struct consent_rec *cons;
	struct access_entry *log;
	size_t nteam, nplan, nprom, njr, ncons, nlog;
	int64_t total;
	int rc;
	json_t *j_team, *j_plan, *j_prom, *j_jr, *j_cons, *j_log, *j18, *me;
	json_t *j_care_plan = NULL;
	struct trajectory_rec t;
	bool have_t = false;

	/* Her own id, from her session: the gate reads params[0] (and
	 * refuses every role but hers). */
	req->params[0] = req->who->client_id;
	req->nparams = 1;
	if (gate_open(req, G_PORTAL_READ, &cx, e) != 0)
		return -1;
	if (store_team_contacts(req->db, req->a, cx.client_id, cx.today, &team,
	    &nteam, e) != 0 ||
	    store_own_plan_list(req->db, req->a, cx.client_id, OWN_PLAN_ALL, &plan,
	    &nplan, e) != 0 ||
	    store_promise_list(req->db, req->a, cx.client_id, &prom, &nprom,
	    e) != 0 ||
	    store_journal_list(req->db, req->a, cx.client_id, false, &jr, &njr,
	    e) != 0 ||
	    store_consent_list(req->db, req->a, cx.client_id, &cons, &ncons,
	    e) != 0 ||
	    store_access_log(req->db, req->a, cx.client_id, PORTAL_LOG_ITEMS, 0,
	    &log, &nlog, &total, e) != 0)
		goto fail;
	/* Her caregivers' plan per life domain, beside her own. */
	if (store_trajectory_current(req->db, req->a, cx.client_id, &t, e) == 0) {
		have_t = true;
		if (cont_domains_json(req, t.id, &j_care_plan, e) != 0)
			goto fail;
	} else if (e->code != ERR_NOT_FOUND) {
		goto fail;
	} else {
		err_init(e);
	}
	j18 = at_18_json(req, &cx, have_t ? &t : NULL, e, &rc);
	if (rc != 0) {
		json_decref(j_care_plan);
		goto fail;
	}
	if (gate_finish(req, &cx, cx.client_id, e) != 0) {
		json_decref(j18);
		json_decref(j_care_plan);
		return -1;
	}

	j_team = json_array();
	for (size_t i = 0; i < nteam; i++)
		json_array_append_new(j_team, json_pack("{s:s, s:o, s:o, s:s, "
		    "s:b, s:o, s:o, s:o}", "user_id", team[i].user_id,
		    "display_name", api_str(team[i].display_name),
		    "role", api_str(team[i].user_role),
		    "team_role", team[i].team_role,
		    "main", strcmp(team[i].team_role, "main_caregiver") == 0,
		    "email", api_str(team[i].email),
		    "phone", api_str(team[i].phone),
		    "since", api_date(team[i].from)));
	j_plan = gate_items(&cx, plan, nplan, sizeof *plan,
	    voice_own_plan_item);
	j_prom = gate_items(&cx, prom, nprom, sizeof *prom, voice_promise_item);
	j_jr = gate_items(&cx, jr, njr, sizeof *jr, voice_entry_item);
	j_cons = gate_items(&cx, cons, ncons, sizeof *cons, voice_consent_item);
	j_log = json_array();
	for (size_t i = 0; i < nlog; i++)
		json_array_append_new(j_log, care_access_json(&log[i], false));
	me = care_client_json(&cx, &cx.client);
	json_object_del(me, "bsn");
	resp->body = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, "
	    "s:{s:o, s:I}}",
	    "client", me, "caregivers", j_team,
	    "plan", j_care_plan ? j_care_plan : json_null(), "own_plan", j_plan,
	    "promises", j_prom, "journal", j_jr, "at_18", j18,
	    "consents", j_cons,
	    "access_log", "items", j_log, "total", (json_int_t)total);
	return 0;
fail:
	gate_fail(req);
	return -1;
}
