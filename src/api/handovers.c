/*
 * handovers.c - warm handovers (R5): propose, record the joint meeting
 * with her, accept, list.
 *
 * Invariants:
 *   1. Only the incoming person accepts; anyone else is refused (403 when
 *      she can see the client, 404 otherwise), audited.
 *   2. Responsibility moves only on acceptance, in one transaction: the
 *      outgoing person's membership in that role ends the day before, the
 *      incoming person's starts on the day of acceptance.  Until then the
 *      outgoing person stays on the team.
 *   3. The incoming person need not be on the team yet: the handover
 *      itself is what lets her accept it.
 *   4. A handover to staff of another organisation than her coordinating
 *      institution waits for her coordinator's approval (approval
 *      'pending'); until then the incoming person has no access at all
 *      (gate.c, TEAM_CLAUSE) and cannot accept.  A coordinator of her
 *      institution who proposes it approves it by doing so.
 */
#include "api/continuity.h"

#include <string.h>

#include "db/db.h"
#include "store/auth_store.h"
#include "store/notification.h"

#define NOTES_MAX 4000

static json_t *
handover_item(const struct care_ctx *cc, const void *h)
{
	return cont_handover_json(h);
}

int
api_handovers_list(API_ARGS)
{
	struct care_ctx cc;
	struct handover_rec *v;
	size_t n;

	if (gate_open(req, G_HANDOVER_READ, &cc, e) != 0)
		return -1;
	if (store_handover_list(req->db, req->a, cc.t.id, &v, &n, e) != 0)
		return gate_fail(req);
	return gate_respond_each(req, &cc, resp, v, n, sizeof *v,
	    handover_item, e);
}

/* The current holder of `role` (a main caregiver's membership), or NULL. */
static const struct member_rec *
holder(const struct trajectory_full *f, const char *user_id,
    enum team_role role, dl_date day)
{
	for (size_t i = 0; i < f->nmembers; i++) {
		const struct member_rec *m = &f->members[i];

		if (m->role == role && m->from <= day &&
		    (m->to == DATE_NONE || m->to >= day) &&
		    (user_id == NULL || strcmp(m->user_id, user_id) == 0))
			return m;
	}
	return NULL;
}

/* Read handover `id` as stored and answer it with `status`. */
static int
handover_respond(struct api_req *req, struct care_ctx *cc, const char *id,
    struct api_resp *resp, int status, struct err *e)
{
	struct handover_rec h;

	if (store_handover_get(req->db, req->a, cc->t.id, id, &h, e) != 0)
		return gate_fail(req);
	return gate_respond(req, cc, h.id, resp, status,
	    cont_handover_json(&h), e);
}

/* Store the changed handover, finish the act and answer it. */
static int
handover_save(struct api_req *req, struct care_ctx *cc,
    const struct handover_rec *h, struct api_resp *resp, struct err *e)
{
	if (store_handover_update(req->db, req->a, h, e) != 0)
		return gate_fail(req);
	return handover_respond(req, cc, h->id, resp, 200, e);
}

/*
 * The incoming person hears of it at once, in this transaction; across
 * organisations only once her coordinator approved (before that she has no
 * access at all).
 */
static int
notify_incoming(struct api_req *req, struct care_ctx *cc,
    const struct handover_rec *h, struct err *e)
{
	if (h->approval != NULL && strcmp(h->approval, "approved") != 0)
		return 0;
	return store_notice_user(req->db, req->a, NOTICE_HANDOVER_PROPOSED,
	    h->incoming_id, cc->client_id, h->id, req->who->user_id, e);
}

int
api_handovers_create(API_ARGS)
{
	struct care_ctx cc;
	struct trajectory_full full;
	struct handover_rec h;
	struct user_brief incoming;
	const struct member_rec *cur;
	const char *in = NULL, *out = NULL;
	bool p_out = false;
	int role = TEAM_MAIN_CAREGIVER;
	dl_date planned = DATE_NONE, proposed = DATE_NONE;
	const struct api_field f[] = {
		{ "incoming_user_id", F_ID, true, false, &in, 0, NULL, NULL },
		{ "outgoing_user_id", F_ID, false, true, &out, 0, NULL, &p_out },
		{ "role", F_ENUM, false, false, &role, 0, care_parse_team_role, NULL },
		{ "planned_date", F_DATE, true, false, &planned, 0, NULL, NULL },
		{ "proposed_on", F_DATE, false, false, &proposed, 0, NULL, NULL },
	};

	if (gate_open_body(req, f, API_NFIELDS(f), G_HANDOVER_CREATE, &cc,
	    e) != 0)
		return -1;
	if (proposed == DATE_NONE)
		proposed = cc.today;
	if (cont_check_staff(req, in, "incoming_user_id", e) != 0 ||
	    (out != NULL && cont_check_staff(req, out, "outgoing_user_id",
	    e) != 0) ||
	    store_trajectory_load(req->db, req->a, &cc.t, &full, e) != 0)
		return gate_fail(req);
	if (planned < proposed)
		return gate_error(req, ERR_INVALID, "planned_date",
		    R_HANDOVER_PLANNED_BEFORE_PROPOSED,
		    "the handover is planned before it was proposed", e);
	if (proposed < cc.t.start)
		return gate_error(req, ERR_INVALID, "proposed_on",
		    R_DATE_BEFORE_TRAJECTORY,
		    "this lies before the start of the trajectory", e);
	if (!p_out) {
		cur = holder(&full, NULL, (enum team_role)role, proposed);
		out = cur ? cur->user_id : NULL;
	}
	if (out != NULL && strcmp(out, in) == 0)
		return gate_error(req, ERR_INVALID, "incoming_user_id",
		    R_HANDOVER_SAME_PERSON,
		    "the incoming person is the outgoing one", e);
	memset(&h, 0, sizeof h);
	h.trajectory_id = cc.t.id;
	h.outgoing_id = (char *)out;
	h.incoming_id = (char *)in;
	h.role = (enum team_role)role;
	h.proposed_on = proposed;
	h.planned_date = planned;
	h.meeting_date = DATE_NONE;
	h.accepted_on = DATE_NONE;
	h.status = HO_PROPOSED;
	/* To another organisation than her coordinating institution: her
	 * coordinator approves first, unless she proposes it herself. */
	if (store_user_brief(req->db, req->a, in, &incoming, e) != 0)
		return gate_fail(req);
	if (incoming.org_id == NULL || strcmp(incoming.org_id,
	    cc.t.coordinator_org) != 0)
		h.approval = cc.acc.level == ACCESS_COORDINATOR ? "approved" :
		    "pending";
	if (store_handover_insert(req->db, req->a, &h, req->who->user_id,
	    e) != 0 || notify_incoming(req, &cc, &h, e) != 0)
		return gate_fail(req);
	return handover_respond(req, &cc, h.id, resp, 201, e);
}

static int
open_handover(struct api_req *req, struct care_ctx *cc,
    struct handover_rec *h, struct err *e)
{
	if (!id_valid(req->params[1]))
		return err_setr(e, ERR_NOT_FOUND, NULL, R_HANDOVER_NOT_FOUND,
		    "handover not found");
	if (store_handover_get(req->db, req->a, cc->t.id, req->params[1], h,
	    e) != 0)
		return -1;
	if (h->status != HO_PROPOSED)
		return err_setr(e, ERR_CONFLICT, NULL, R_HANDOVER_NOT_PROPOSED,
		    "this handover is %s already", handover_status_name(h->status));
	return 0;
}

int
api_handover_meeting(API_ARGS)
{
	struct care_ctx cc;
	struct handover_rec h;
	const char *notes = NULL;
	bool with_her = false;
	dl_date date = DATE_NONE;
	const struct api_field f[] = {
		{ "meeting_date", F_DATE, true, false, &date, 0, NULL, NULL },
		{ "with_her", F_BOOL, true, false, &with_her, 0, NULL, NULL },
		{ "notes", F_STRING, false, true, &notes, NOTES_MAX, NULL, NULL },
	};

	if (gate_open_body(req, f, API_NFIELDS(f), G_HANDOVER_UPDATE, &cc,
	    e) != 0)
		return -1;
	if (open_handover(req, &cc, &h, e) != 0)
		return gate_fail(req);
	if (date < h.proposed_on)
		return gate_error(req, ERR_INVALID, "meeting_date",
		    R_MEETING_BEFORE_PROPOSAL,
		    "the meeting lies before the proposal", e);
	h.meeting_date = date;
	h.meeting_with_her = with_her;
	h.meeting_notes = (char *)notes;
	return handover_save(req, &cc, &h, resp, e);
}

/*
 * The coordinator withdraws a handover that will not happen; its incoming
 * person loses the access the proposal gave her, and the record stays.
 */
int
api_handover_withdraw(API_ARGS)
{
	struct care_ctx cc;
	struct handover_rec h;

	if (gate_open_body(req, NULL, 0, G_HANDOVER_WITHDRAW, &cc, e) != 0)
		return -1;
	if (open_handover(req, &cc, &h, e) != 0)
		return gate_fail(req);
	h.status = HO_WITHDRAWN;
	return handover_save(req, &cc, &h, resp, e);
}

/* Invariant 2: end the outgoing membership, start the incoming one. */
static int
move_responsibility(struct api_req *req, struct care_ctx *cc,
    const struct handover_rec *h, dl_date day, struct err *e)
{
	struct trajectory_full full;
	const struct member_rec *cur = NULL;
	struct member_rec m;

	if (store_trajectory_load(req->db, req->a, &cc->t, &full, e) != 0)
		return -1;
	if (h->outgoing_id != NULL)
		cur = holder(&full, h->outgoing_id, h->role, day);
	if (cur != NULL) {
		m = *cur;
		if (m.from > day - 1)
			return err_setr(e, ERR_CONFLICT, NULL,
			    R_HANDOVER_OUTGOING_STARTS_LATER,
			    "the outgoing membership starts on or after this day");
		m.to = day - 1;
		if (store_member_update(req->db, &m, e) != 0)
			return -1;
	}
	memset(&m, 0, sizeof m);
	m.trajectory_id = cc->t.id;
	m.user_id = h->incoming_id;
	m.role = h->role;
	m.from = day;
	m.to = DATE_NONE;
	return store_member_insert(req->db, req->a, &m, e);
}

int
api_handover_accept(API_ARGS)
{
	struct care_ctx cc;
	struct handover_rec h;
	dl_date day = DATE_NONE;
	const struct api_field f[] = {
		{ "accepted_on", F_DATE, false, false, &day, 0, NULL, NULL },
	};

	/* Access comes from the handover, not from the team (invariant 3). */
	if (gate_open_body(req, f, API_NFIELDS(f), G_HANDOVER_ACCEPT, &cc,
	    e) != 0)
		return -1;
	h = cc.handover;
	if (h.status != HO_PROPOSED) {
		err_setr(e, ERR_CONFLICT, NULL, R_HANDOVER_NOT_PROPOSED,
		    "this handover is %s already",
		    handover_status_name(h.status));
		return gate_fail(req);
	}
	if (cc.t.end != DATE_NONE)
		return gate_error(req, ERR_CONFLICT, NULL, R_TRAJECTORY_CLOSED,
		    "the trajectory is closed; reopen it first", e);
	if (day == DATE_NONE)
		day = cc.today;
	if (day < h.proposed_on)
		return gate_error(req, ERR_INVALID, "accepted_on",
		    R_ACCEPT_BEFORE_PROPOSAL,
		    "acceptance lies before the proposal", e);
	h.status = HO_ACCEPTED;
	h.accepted_on = day;
	if (move_responsibility(req, &cc, &h, day, e) != 0)
		return gate_fail(req);
	return handover_save(req, &cc, &h, resp, e);
}

/*
 * POST /clients/{id}/handovers/{hid}/approval {"decision": "approve" |
 * "refuse"}: her coordinator decides, once; a refusal withdraws it.
 */
int
api_handover_decide(API_ARGS)
{
	struct care_ctx cc;
	struct handover_rec h;
	const char *decision = NULL;
	const struct api_field f[] = {
		{ "decision", F_STRING, true, false, &decision, 16, NULL, NULL },
	};
	bool approve;

	if (gate_open_body(req, f, API_NFIELDS(f), G_HANDOVER_DECIDE, &cc,
	    e) != 0)
		return -1;
	if (strcmp(decision, "approve") != 0 && strcmp(decision, "refuse") != 0)
		return gate_error(req, ERR_INVALID, "decision",
		    R_HANDOVER_DECISION_INVALID, "approve or refuse", e);
	approve = strcmp(decision, "approve") == 0;
	if (!id_valid(req->params[1]))
		return gate_error(req, ERR_NOT_FOUND, NULL,
		    R_HANDOVER_NOT_FOUND, "handover not found", e);
	if (store_handover_get(req->db, req->a, cc.t.id, req->params[1], &h,
	    e) != 0 || store_handover_decide(req->db, req->a, h.id, approve,
	    req->who->user_id, e) != 0)
		return gate_fail(req);
	h.approval = approve ? "approved" : "refused";
	if (approve && notify_incoming(req, &cc, &h, e) != 0)
		return gate_fail(req);
	return handover_respond(req, &cc, h.id, resp, 200, e);
}
