/*
 * reviews.c - periodic reviews of the placement (R11): list (with the
 * next review's due date from core/alerts.c) and record one as held.
 *
 * Invariant: a review is recorded as held, with its date, participants,
 * whether she was there, outcome and next date; it is never changed.
 */
#include "api/continuity.h"

#include <string.h>

#include "db/db.h"

#define TEXT_MAX 4000

static json_t *
review_json(const struct review_rec *r)
{
	return json_pack("{s:s, s:o, s:o, s:o, s:b, s:o, s:o, s:o, s:o}",
	    "id", r->id, "phase_id", api_str(r->phase_id),
	    "held_on", api_date(r->held_on),
	    "participants", api_str(r->participants),
	    "she_attended", r->she_attended, "outcome", api_str(r->outcome),
	    "next_date", api_date(r->next_date),
	    "recorded_by", api_str(r->recorded_by_name),
	    "created_at", api_str(r->created_at));
}

int
api_reviews_list(API_ARGS)
{
	struct alert_thresholds th;
	struct care_ctx cc;
	struct review_rec *v;
	struct traj_record *b;
	struct load_scope ls = { LOAD_TRAJECTORY, NULL, NULL, 0 };
	size_t n, nb;
	dl_date due = DATE_NONE;
	json_t *items;

	if (gate_open(req, G_REVIEW_READ, &cc, e) != 0)
		return -1;
	ls.key = cc.t.id;
	if (store_review_list(req->db, req->a, cc.t.id, &v, &n, e) != 0 ||
	    store_records_load(req->db, req->a, &ls, cc.today, &b, &nb,
	    e) != 0 ||
	    store_thresholds_load(req->db, req->a, &th, e) != 0)
		return gate_fail(req);
	if (nb == 1 && cc.t.end == DATE_NONE) {
		struct alert_input in;

		record_input(&b[0], cc.today, &in);
		due = alerts_review_due(&in, &th);
	}
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, review_json(&v[i]));
	return gate_respond(req, &cc, NULL, resp, 200,
	    json_pack("{s:o, s:o, s:b}", "items", items,
	    "next_due", api_date(due),
	    "overdue", due != DATE_NONE && cc.today > due), e);
}

int
api_reviews_create(API_ARGS)
{
	struct care_ctx cc;
	struct trajectory_full full;
	struct review_rec r;
	const char *participants = NULL, *outcome = NULL, *phase = NULL;
	bool attended = false;
	dl_date held = DATE_NONE, next = DATE_NONE;
	const struct api_field f[] = {
		{ "held_on", F_DATE, true, false, &held, 0, NULL, NULL },
		{ "participants", F_STRING, true, false, &participants, TEXT_MAX, NULL, NULL },
		{ "she_attended", F_BOOL, true, false, &attended, 0, NULL, NULL },
		{ "outcome", F_STRING, false, true, &outcome, TEXT_MAX, NULL, NULL },
		{ "next_date", F_DATE, false, true, &next, 0, NULL, NULL },
		{ "phase_id", F_ID, false, true, &phase, 0, NULL, NULL },
	};

	if (gate_open_body(req, f, API_NFIELDS(f), G_REVIEW_CREATE, &cc,
	    e) != 0)
		return -1;
	if (held < cc.t.start || held > cc.today) {
		if (held < cc.t.start)
			err_setr(e, ERR_INVALID, "held_on",
			    R_DATE_BEFORE_TRAJECTORY,
			    "this lies before the start of the trajectory");
		else
			err_setr(e, ERR_INVALID, "held_on", R_DATE_IN_FUTURE,
			    "a review is recorded once it was held");
		return gate_fail(req);
	}
	if (next != DATE_NONE && next <= held)
		return gate_error(req, ERR_INVALID, "next_date",
		    R_REVIEW_NEXT_BEFORE, "the next review lies after this one",
		    e);
	if (store_trajectory_load(req->db, req->a, &cc.t, &full, e) != 0)
		return gate_fail(req);
	if (phase == NULL) {
		for (size_t i = 0; i < full.nphases; i++)
			if (full.phases[i].start <= held &&
			    (full.phases[i].end == DATE_NONE ||
			    full.phases[i].end >= held))
				phase = full.phases[i].id;
	} else {
		bool ok = false;

		for (size_t i = 0; i < full.nphases; i++)
			ok = ok || strcmp(full.phases[i].id, phase) == 0;
		if (!ok)
			return gate_error(req, ERR_INVALID, "phase_id",
			    R_PHASE_NOT_FOUND,
			    "no such placement in this trajectory", e);
	}
	memset(&r, 0, sizeof r);
	r.phase_id = (char *)phase;
	r.held_on = held;
	r.next_date = next;
	r.participants = (char *)participants;
	r.outcome = (char *)outcome;
	r.she_attended = attended;
	if (store_review_insert(req->db, req->a, cc.t.id, &r, req->who->user_id,
	    e) != 0)
		return gate_fail(req);
	r.recorded_by_name = (char *)req->who->display_name;
	return gate_respond(req, &cc, r.id, resp, 201,
	    review_json(&r), e);
}
