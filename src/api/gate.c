/*
 * gate.c - the one access gate of a client's data (gate.h) and its policy
 * table.
 *
 * Invariants:
 *   1. A client the caller may not see is answered exactly like one that
 *      does not exist (404, same body), and the attempt is audited.
 *   2. Every refusal of an act on a client's data is audited here, in a
 *      transaction of its own, after the act's transaction rolled back.
 *   3. Every successful act leaves one audit entry in the same transaction
 *      as the act itself (gate_finish).
 *   4. The table is the policy: a handler names its act and never decides
 *      access itself (the finer, record-level rules - a partner's own
 *      placements, a withheld journal entry - stay with the record).
 *   5. A write on her record first locks her client row (db_lock_row), so
 *      the writes of one girl are serialised across server processes on
 *      PostgreSQL as BEGIN IMMEDIATE serialises them on SQLite; the
 *      schema's own rules (migration 013) hold even without it.
 */
#include "api/gate.h"

#include <string.h>

#include "auth/audit_writer.h"
#include "db/db.h"
#include "store/auth_store.h"

/* Relation sets of the table. */
#define ALL (REL_COORDINATOR | REL_TEAM | REL_PARTNER | REL_SELF | REL_GLASS)
#define READ_NO_PARTNER (REL_COORDINATOR | REL_TEAM | REL_SELF | REL_GLASS)
#define CARE (REL_COORDINATOR | REL_TEAM | REL_PARTNER)
#define STAFF (REL_COORDINATOR | REL_TEAM)
#define COORD REL_COORDINATOR
#define SELF REL_SELF

#define R(r) (1u << (r))
#define STAFF_ROLES (R(ROLE_CAREGIVER) | R(ROLE_COORDINATOR))

#define ROLE_MSG "your role may not do this for this client"
#define STAFF_MSG "only her team and her coordinator write this"
#define SELF_MSG "only she herself writes this"
#define VICTIM_MSG "only the coordinator of her institution records this"
#define INDICATOR_MSG "only a coordinator sees and records exploiter indicators"

/* { action, object_type, roles, relations, trajectory, no_client, 403 reason, message } */
#define ROW(act, obj, rels, traj) { act, obj, 0, rels, traj, false, R_ACCESS_NOT_FOR_THIS_ACT, ROLE_MSG }
#define VOICE(act, obj, rels, reason, msg) { act, obj, 0, rels, TRAJ_ANY, false, reason, msg }

const struct gate_policy gate_policies[G__COUNT] = {
	[G_CLIENT_CREATE] = { "create", "client", R(ROLE_COORDINATOR), REL_NONE,
	    TRAJ_ANY, true, R_CLIENT_COORDINATOR_REGISTERS,
	    "only a coordinator registers clients" },
	[G_CLIENT_READ] = ROW("read", "client", ALL, TRAJ_ANY),
	[G_CLIENT_UPDATE] = ROW("update", "client", COORD, TRAJ_ANY),
	[G_TRAJECTORY_READ] = ROW("read", "trajectory", ALL, TRAJ_ANY),
	[G_TRAJECTORY_CREATE] = ROW("create", "trajectory", COORD, TRAJ_ANY),
	[G_TRAJECTORY_UPDATE] = ROW("update", "trajectory", COORD, TRAJ_ANY),
	[G_TRAJECTORY_END] = ROW("end", "trajectory", COORD, TRAJ_ANY),
	[G_TRAJECTORY_REOPEN] = ROW("reopen", "trajectory", COORD, TRAJ_EXISTS),
	[G_ACCESS_LOG_READ] = ROW("read", "access_log", COORD | SELF, TRAJ_ANY),
	[G_BREAK_GLASS] = { "break_glass", "client", STAFF_ROLES, ALL | REL_NONE,
	    TRAJ_ANY, false, R_ACCESS_GLASS_STAFF_ONLY,
	    "only caregivers and coordinators can request emergency access" },
	[G_INVITATION_CREATE] = ROW("create", "invitation", COORD, TRAJ_ANY),
	[G_GLASS_ACKNOWLEDGE] = ROW("acknowledge", "break_glass", COORD, TRAJ_ANY),
	[G_TIMELINE_READ] = ROW("read", "timeline", ALL, TRAJ_ANY),
	[G_ALERTS_READ] = ROW("read", "alerts", READ_NO_PARTNER, TRAJ_EXISTS),

	[G_PHASE_READ] = ROW("read", "phase", ALL, TRAJ_FULL),
	[G_PHASE_CREATE] = ROW("create", "phase", CARE, TRAJ_FULL),
	[G_PHASE_UPDATE] = ROW("update", "phase", CARE, TRAJ_FULL),
	[G_PHASE_END] = ROW("end", "phase", CARE, TRAJ_FULL),
	[G_BASIS_READ] = ROW("read", "legal_basis", READ_NO_PARTNER, TRAJ_FULL),
	[G_BASIS_CREATE] = ROW("create", "legal_basis", STAFF, TRAJ_FULL),
	[G_BASIS_UPDATE] = ROW("update", "legal_basis", STAFF, TRAJ_FULL),
	[G_BASIS_END] = ROW("end", "legal_basis", STAFF, TRAJ_FULL),
	[G_ORDER_READ] = ROW("read", "court_order", READ_NO_PARTNER, TRAJ_FULL),
	[G_ORDER_CREATE] = ROW("create", "court_order", STAFF, TRAJ_FULL),
	[G_ORDER_UPDATE] = ROW("update", "court_order", STAFF, TRAJ_FULL),
	[G_ORDER_END] = ROW("end", "court_order", STAFF, TRAJ_FULL),
	[G_MEMBER_READ] = ROW("read", "team_member", READ_NO_PARTNER, TRAJ_FULL),
	[G_MEMBER_CREATE] = ROW("create", "team_member", COORD, TRAJ_FULL),
	[G_MEMBER_UPDATE] = ROW("update", "team_member", COORD, TRAJ_FULL),
	[G_MEMBER_END] = ROW("end", "team_member", COORD, TRAJ_FULL),

	[G_PLAN_READ] = ROW("read", "transition_plan", READ_NO_PARTNER, TRAJ_EXISTS),
	[G_PLAN_CREATE] = ROW("create", "transition_plan", STAFF, TRAJ_OPEN),
	[G_PLAN_UPDATE] = ROW("update", "transition_plan", STAFF | SELF, TRAJ_EXISTS),
	[G_PLAN_ITEM_UPDATE] = ROW("update", "transition_item", STAFF, TRAJ_EXISTS),
	[G_HANDOVER_READ] = ROW("read", "handover", READ_NO_PARTNER, TRAJ_EXISTS),
	[G_HANDOVER_CREATE] = ROW("create", "handover", STAFF, TRAJ_OPEN),
	[G_HANDOVER_UPDATE] = ROW("update", "handover", STAFF, TRAJ_EXISTS),
	[G_HANDOVER_WITHDRAW] = ROW("withdraw", "handover", COORD, TRAJ_EXISTS),
	[G_HANDOVER_DECIDE] = ROW("approve", "handover", COORD, TRAJ_EXISTS),
	[G_HANDOVER_ACCEPT] = { "accept", "handover",
	    R(ROLE_CAREGIVER) | R(ROLE_COORDINATOR) | R(ROLE_PARTNER),
	    REL_INCOMING, TRAJ_EXISTS, false, R_HANDOVER_INCOMING_ONLY,
	    "only the incoming person accepts this handover" },
	[G_DOMAIN_READ] = ROW("read", "life_domain", READ_NO_PARTNER, TRAJ_EXISTS),
	[G_DOMAIN_UPDATE] = ROW("update", "life_domain", STAFF, TRAJ_OPEN),
	[G_DOMAIN_HER_WORDS] = ROW("update", "life_domain", STAFF | SELF, TRAJ_OPEN),
	[G_DOMAIN_HISTORY_READ] = ROW("read", "domain_history", READ_NO_PARTNER, TRAJ_EXISTS),
	[G_GOAL_CREATE] = ROW("create", "domain_goal", STAFF, TRAJ_OPEN),
	[G_GOAL_UPDATE] = ROW("update", "domain_goal", STAFF, TRAJ_EXISTS),
	[G_REVIEW_READ] = ROW("read", "review", READ_NO_PARTNER, TRAJ_EXISTS),
	[G_REVIEW_CREATE] = ROW("create", "review", STAFF, TRAJ_EXISTS),
	[G_AFTERCARE_READ] = ROW("read", "aftercare", READ_NO_PARTNER, TRAJ_EXISTS),
	[G_AFTERCARE_UPDATE] = ROW("update", "aftercare", STAFF, TRAJ_EXISTS),

	[G_PROMISE_READ] = VOICE("read", "promise", READ_NO_PARTNER, R_ACCESS_NOT_FOR_THIS_ACT, ROLE_MSG),
	[G_PROMISE_CREATE] = VOICE("create", "promise", STAFF, R_ACCESS_STAFF_WRITES, STAFF_MSG),
	[G_PROMISE_CLOSE] = VOICE("close", "promise", STAFF, R_ACCESS_STAFF_WRITES, STAFF_MSG),
	[G_PROMISE_CHANGE] = VOICE("change", "promise", STAFF, R_ACCESS_STAFF_WRITES, STAFF_MSG),
	[G_PROMISE_HER_VIEW] = VOICE("her_view", "promise", SELF, R_ACCESS_HERSELF_WRITES, SELF_MSG),
	[G_JOURNAL_READ] = VOICE("read", "journal_entry", READ_NO_PARTNER, R_ACCESS_NOT_FOR_THIS_ACT, ROLE_MSG),
	[G_JOURNAL_EDIT] = VOICE("update", "journal_entry", READ_NO_PARTNER, R_ACCESS_NOT_FOR_THIS_ACT, ROLE_MSG),
	[G_JOURNAL_CREATE] = VOICE("create", "journal_entry", STAFF, R_ACCESS_STAFF_WRITES, STAFF_MSG),
	[G_JOURNAL_CORRECT] = VOICE("correct", "journal_entry", STAFF, R_ACCESS_STAFF_WRITES, STAFF_MSG),
	[G_JOURNAL_STATEMENT] = VOICE("statement", "journal_entry", SELF, R_ACCESS_HERSELF_WRITES, SELF_MSG),
	[G_JOURNAL_WITHHOLD] = VOICE("withhold", "journal_entry", STAFF, R_ACCESS_STAFF_WRITES, STAFF_MSG),
	[G_JOURNAL_RELEASE] = VOICE("release", "journal_entry", STAFF, R_ACCESS_STAFF_WRITES, STAFF_MSG),
	[G_OWN_PLAN_READ] = VOICE("read", "own_plan", READ_NO_PARTNER, R_ACCESS_NOT_FOR_THIS_ACT, ROLE_MSG),
	[G_OWN_PLAN_CREATE] = VOICE("create", "own_plan", SELF, R_ACCESS_HERSELF_WRITES, SELF_MSG),
	[G_CONSENT_READ] = VOICE("read", "consent", READ_NO_PARTNER, R_ACCESS_NOT_FOR_THIS_ACT, ROLE_MSG),
	[G_CONSENT_CREATE] = VOICE("create", "consent", STAFF, R_ACCESS_STAFF_WRITES, STAFF_MSG),
	[G_CONSENT_WITHDRAW] = VOICE("withdraw", "consent", STAFF, R_ACCESS_STAFF_WRITES, STAFF_MSG),
	[G_VICTIM_READ] = ROW("read", "victim_registration", READ_NO_PARTNER, TRAJ_EXISTS),
	[G_VICTIM_CREATE] = { "create", "victim_registration",
	    R(ROLE_COORDINATOR), COORD, TRAJ_EXISTS, false,
	    R_VICTIM_COORDINATOR_WRITES, VICTIM_MSG },
	[G_VICTIM_COMENSHA] = { "register_comensha", "victim_registration",
	    R(ROLE_COORDINATOR), COORD, TRAJ_EXISTS, false,
	    R_VICTIM_COORDINATOR_WRITES, VICTIM_MSG },
	/* R17: indicators and their matches are the coordinators' alone; one
	 * of another institution reads them only by breaking the glass. */
	[G_INDICATOR_READ] = { "read", "exploiter_indicator",
	    R(ROLE_COORDINATOR), COORD | REL_GLASS, TRAJ_EXISTS, false,
	    R_INDICATOR_COORDINATOR_ONLY, INDICATOR_MSG },
	[G_INDICATOR_CREATE] = { "create", "exploiter_indicator",
	    R(ROLE_COORDINATOR), COORD, TRAJ_EXISTS, false,
	    R_INDICATOR_COORDINATOR_ONLY, INDICATOR_MSG },
	[G_INDICATOR_EXPORT] = { "export", "exploiter_indicator",
	    R(ROLE_COORDINATOR), COORD, TRAJ_EXISTS, false,
	    R_INDICATOR_COORDINATOR_ONLY, INDICATOR_MSG },
	[G_PORTAL_READ] = { "read", "portal", R(ROLE_CLIENT), SELF, TRAJ_ANY,
	    false, R_ACCESS_PORTAL_HERSELF, "the portal is for the girl herself" },

	/* Her copy (AVG art. 15) for her and her coordinator; a transfer to
	 * another system is the coordinator's.  Legal holds: her coordinator
	 * or the administrator (REL_NONE; a coordinator without the relation
	 * is refused in retention.c). */
	[G_FILE_EXPORT] = ROW("export", "client", COORD | SELF, TRAJ_ANY),
	[G_TRANSFER_EXPORT] = ROW("export", "trajectory", COORD, TRAJ_EXISTS),
	[G_DESTRUCTION_READ] = ROW("read", "destruction_request", COORD | SELF, TRAJ_ANY),
	[G_DESTRUCTION_REQUEST] = ROW("create", "destruction_request", COORD, TRAJ_ANY),
	[G_DESTRUCTION_DECIDE] = ROW("decide", "destruction_request", COORD, TRAJ_ANY),
	[G_HOLD_READ] = { "read", "legal_hold", R(ROLE_COORDINATOR) | R(ROLE_ADMIN),
	    COORD | REL_NONE, TRAJ_ANY, false, R_ACCESS_NOT_FOR_THIS_ACT, ROLE_MSG },
	[G_HOLD_SET] = { "create", "legal_hold", R(ROLE_COORDINATOR) | R(ROLE_ADMIN),
	    COORD | REL_NONE, TRAJ_ANY, false, R_ACCESS_NOT_FOR_THIS_ACT, ROLE_MSG },
	[G_HOLD_LIFT] = { "lift", "legal_hold", R(ROLE_COORDINATOR) | R(ROLE_ADMIN),
	    COORD | REL_NONE, TRAJ_ANY, false, R_ACCESS_NOT_FOR_THIS_ACT, ROLE_MSG },

	[G_CLIENT_LIST] = { "list", "client", STAFF_ROLES | R(ROLE_PARTNER) |
	    R(ROLE_CLIENT), REL_NONE, TRAJ_ANY, true, R_ACCESS_NO_CLIENT_RECORDS,
	    "this role has no access to client records" },
	[G_WORKLIST] = { "list", "worklist", STAFF_ROLES, REL_NONE, TRAJ_ANY,
	    true, R_WORKLIST_STAFF_ONLY,
	    "only coordinators and caregivers have a worklist" },
	[G_FIGURES_READ] = { "read", "figures", R(ROLE_COORDINATOR), REL_NONE,
	    TRAJ_ANY, true, R_FIGURES_COORDINATOR_ONLY,
	    "only a coordinator sees her institution's figures" },
	[G_PROMISE_FIGURES_READ] = { "read", "promise_figures",
	    R(ROLE_COORDINATOR), REL_NONE, TRAJ_ANY, true,
	    R_FIGURES_COORDINATOR_ONLY,
	    "only a coordinator sees the promise figures" },
	[G_FIGURES_MUNICIPALITY] = { "read", "figures_municipality",
	    R(ROLE_MUNICIPALITY), REL_NONE, TRAJ_ANY, true, R_FIGURES_ROLE,
	    "these figures are for a municipality or the monitor" },
	[G_FIGURES_MONITOR] = { "read", "figures_monitor", R(ROLE_MONITOR),
	    REL_NONE, TRAJ_ANY, true, R_FIGURES_ROLE,
	    "these figures are for a municipality or the monitor" },
	[G_WITHHELD_LIST] = { "list", "journal_withheld", R(ROLE_COORDINATOR),
	    REL_NONE, TRAJ_ANY, true, R_WITHHELD_COORDINATOR_ONLY,
	    "only a coordinator sees the withheld entries" },
	/* Notifications go to care staff only; she herself gets none. */
	[G_NOTIFICATION_LIST] = { "list", "notification", STAFF_ROLES |
	    R(ROLE_PARTNER), REL_NONE, TRAJ_ANY, true,
	    R_NOTIFICATION_STAFF_ONLY, "only care staff receive notifications" },
	[G_NOTIFICATION_READ] = { "update", "notification", STAFF_ROLES |
	    R(ROLE_PARTNER), REL_NONE, TRAJ_ANY, true,
	    R_NOTIFICATION_STAFF_ONLY, "only care staff receive notifications" },

	/* Signals (R12): a reporter's own signals, and those referred to a
	 * coordinator's institution; never another reporter's. */
	[G_SIGNAL_LIST] = { "list", "signal", R(ROLE_REPORTER) |
	    R(ROLE_COORDINATOR), REL_NONE, TRAJ_ANY, true, R_SIGNAL_ROLE,
	    "only reporters and coordinators see signals" },
	[G_SIGNAL_CREATE] = { "create", "signal", R(ROLE_REPORTER), REL_NONE,
	    TRAJ_ANY, true, R_SIGNAL_REPORTER_ONLY,
	    "only a reporter records a signal" },
	[G_SIGNAL_READ] = { "read", "signal", R(ROLE_REPORTER) |
	    R(ROLE_COORDINATOR), REL_REPORTER | REL_RECEIVER, TRAJ_ANY, true,
	    R_SIGNAL_ROLE, "only reporters and coordinators see signals" },
	[G_SIGNAL_REFER] = { "refer", "signal", R(ROLE_REPORTER), REL_REPORTER,
	    TRAJ_ANY, true, R_SIGNAL_REPORTER_ONLY,
	    "only its reporter refers a signal" },
	[G_SIGNAL_SCREEN] = { "screen", "signal", R(ROLE_COORDINATOR),
	    REL_RECEIVER, TRAJ_ANY, true, R_SIGNAL_COORDINATOR_ONLY,
	    "only the receiving coordinator screens a signal" },
	[G_SIGNAL_INTAKE] = { "intake", "signal", R(ROLE_COORDINATOR),
	    REL_RECEIVER, TRAJ_ANY, true, R_SIGNAL_COORDINATOR_ONLY,
	    "only the receiving coordinator registers her from a signal" },
};

void
gate_audit_fill(struct api_req *req, struct audit_entry *en,
    const char *client_id, const char *action, const char *object_type,
    const char *object_id, const char *outcome, const char *purpose)
{
	const struct principal *w = req->who;

	memset(en, 0, sizeof *en);
	en->user_id = w->user_id;
	en->username = w->username;
	en->role = role_name(w->role);
	en->org_id = w->org_id[0] ? w->org_id : NULL;
	en->client_id = client_id;
	en->action = action;
	en->object_type = object_type;
	en->object_id = object_id;
	en->outcome = outcome;
	en->purpose = purpose;
	en->request_id = req->request_id;
	en->remote_addr = req->remote_addr;
}

void
care_audit_denied(struct api_req *req, const char *client_id,
    const char *action, const char *object_type)
{
	struct audit_entry en;
	struct err e2;

	err_init(&e2);
	req->refusal_audited = true;
	/* A refused id that is not even well-formed is not a client id. */
	gate_audit_fill(req, &en, client_id != NULL && id_valid(client_id) ?
	    client_id : NULL, action, object_type, NULL, "denied", NULL);
	if (auth_audit_record_refusal(req->db, &en, &e2) != 0)
		fprintf(stderr, "{\"level\":\"error\",\"request_id\":\"%s\","
		    "\"msg\":\"audit of a refusal failed\",\"code\":\"%s\"}\n",
		    req->request_id, err_code_name(e2.code));
}

int
gate_refuse(struct api_req *req, struct care_ctx *cx, enum err_code code,
    enum err_reason reason, const char *msg, struct err *e)
{
	const struct gate_policy *p = &gate_policies[cx->act];

	db_rollback(req->db);
	care_audit_denied(req, cx->client_id, p->action, p->object_type);
	return err_setr(e, code, NULL, reason, "%s", msg);
}

static unsigned
rel_of(enum access_level l)
{
	switch (l) {
	case ACCESS_NONE:
		return 0;
	case ACCESS_PARTNER:
		return REL_PARTNER;
	case ACCESS_SELF:
		return REL_SELF;
	case ACCESS_GLASS:
		return REL_GLASS;
	case ACCESS_TEAM:
		return REL_TEAM;
	case ACCESS_COORDINATOR:
		return REL_COORDINATOR;
	}
	return 0;
}

/*
 * REL_INCOMING: the relation comes from the handover in params[1], not from
 * the team (handovers.c invariant 3).  *rel is REL_INCOMING when the caller
 * is its incoming person; *visible says whether she may see the client at
 * all (for 403 against 404).
 */
static int
incoming_of(struct api_req *req, struct care_ctx *cx, unsigned *rel,
    bool *visible, struct err *e)
{
	bool found = false;

	*rel = 0;
	*visible = false;
	if (id_valid(cx->client_id) && id_valid(req->params[1]) &&
	    store_client_exists(req->db, cx->client_id, &found, e) != 0)
		return -1;
	if (found && store_trajectory_current(req->db, req->a, cx->client_id,
	    &cx->t, e) != 0) {
		if (e->code != ERR_NOT_FOUND)
			return -1;
		found = false;
	}
	if (found && store_handover_get(req->db, req->a, cx->t.id,
	    req->params[1], &cx->handover, e) != 0) {
		if (e->code != ERR_NOT_FOUND)
			return -1;
		found = false;
	}
	/* Across organisations: nothing before her coordinator approved. */
	if (found && strcmp(cx->handover.incoming_id, req->who->user_id) == 0 &&
	    (cx->handover.approval == NULL ||
	    strcmp(cx->handover.approval, "approved") == 0)) {
		*rel = REL_INCOMING;
		*visible = true;
		cx->acc.level = ACCESS_TEAM;
		return 0;
	}
	if (found && store_access_client(req->db, req->a, &req->who->actor,
	    cx->client_id, cx->today, &cx->acc, e) != 0)
		return -1;
	*visible = found && cx->acc.level != ACCESS_NONE;
	memset(&cx->acc, 0, sizeof cx->acc);
	return 0;
}

/* The relation of the caller to her and whether she is visible at all. */
static int
relation_of(struct api_req *req, const struct gate_policy *p,
    struct care_ctx *cx, unsigned *rel, bool *visible, struct err *e)
{
	bool found = false;

	*rel = 0;
	*visible = false;
	if (req->who->access_pending)
		return 0;
	if (p->rels & REL_INCOMING)
		return incoming_of(req, cx, rel, visible, e);
	if (store_access_client(req->db, req->a, &req->who->actor, cx->client_id,
	    cx->today, &cx->acc, e) != 0)
		return -1;
	*rel = rel_of(cx->acc.level);
	*visible = *rel != 0;
	if (*rel == 0 && (p->rels & REL_NONE)) {
		if (id_valid(cx->client_id) && store_client_exists(req->db,
		    cx->client_id, &found, e) != 0)
			return -1;
		if (found) {
			*rel = REL_NONE;
			*visible = true;
		}
	}
	return 0;
}

static int
load_trajectory(struct api_req *req, const struct gate_policy *p,
    struct care_ctx *cx, struct err *e)
{
	if (p->traj == TRAJ_ANY)
		return 0;
	if (!(p->rels & REL_INCOMING) && store_trajectory_current(req->db,
	    req->a, cx->client_id, &cx->t, e) != 0) {
		if (e->code == ERR_NOT_FOUND)
			err_setr(e, ERR_CONFLICT, NULL, R_TRAJECTORY_NONE_YET,
			    "this client has no trajectory yet; start one first");
		return -1;
	}
	if (p->traj == TRAJ_OPEN && cx->t.end != DATE_NONE)
		return err_setr(e, ERR_CONFLICT, NULL, R_TRAJECTORY_CLOSED,
		    "the trajectory is closed; reopen it first");
	if (p->traj == TRAJ_FULL)
		return store_trajectory_load(req->db, req->a, &cx->t,
		    &cx->full, e);
	return 0;
}

/* A list that answers empty (not refused) to an account whose client
 * access still waits for a second person's approval. */
static bool
gate_list_act(enum gate_act act)
{
	return act == G_CLIENT_LIST || act == G_WORKLIST ||
	    act == G_SIGNAL_LIST || act == G_WITHHELD_LIST;
}

int
gate_role(struct api_req *req, enum gate_act act, struct err *e)
{
	const struct gate_policy *p = &gate_policies[act];

	/* Before approval (018): an act on one girl is answered as for one
	 * that does not exist (relation_of); lists are empty; every other
	 * act on client data is refused. */
	if (req->who->access_pending && p->no_client && !gate_list_act(act) &&
	    (p->roles & R(req->who->role))) {
		care_audit_denied(req, NULL, p->action, p->object_type);
		return err_setr(e, ERR_FORBIDDEN, NULL,
		    R_ACCESS_PENDING_APPROVAL, "your access to client data "
		    "waits for a second person's approval");
	}
	if (p->roles == 0 || (p->roles & R(req->who->role)))
		return 0;
	care_audit_denied(req, p->no_client ? NULL : req->params[0], p->action,
	    p->object_type);
	return err_setr(e, ERR_FORBIDDEN, NULL, p->refuse, "%s", p->refuse_msg);
}

/* GET and HEAD read on a snapshot; every other method writes. */
static bool
gate_read_only(const struct api_req *req)
{
	return strcmp(req->method, "GET") == 0 ||
	    strcmp(req->method, "HEAD") == 0;
}

int
gate_open(struct api_req *req, enum gate_act act, struct care_ctx *cx,
    struct err *e)
{
	const struct gate_policy *p = &gate_policies[act];
	unsigned rel = 0;
	bool visible = false;

	memset(cx, 0, sizeof *cx);
	cx->act = act;
	cx->client_id = p->no_client ? NULL : req->params[0];
	cx->today = date_today();
	if (gate_role(req, act, e) != 0)
		return -1;
	/* A read takes a snapshot and no write lock; its audit entry goes to
	 * the audit writer in gate_finish. */
	if ((gate_read_only(req) ? db_begin_read(req->db, e) :
	    db_begin_write(req->db, e)) != 0)
		return -1;
	if (p->no_client) {
		req->gate_act = (int)act + 1;
		return 0;
	}
	/* Every write to her record queues behind the writer before it, in
	 * any process, and then sees what that one committed: a rule that
	 * must happen once (a handover accepted, a follow-up resolved, no
	 * overlapping placements) is checked on the latest state. */
	if (!gate_read_only(req) &&
	    db_lock_row(req->db, "client", cx->client_id, e) != 0)
		goto fail;
	if (relation_of(req, p, cx, &rel, &visible, e) != 0)
		goto fail;
	if (!(rel & p->rels)) {
		db_rollback(req->db);
		care_audit_denied(req, cx->client_id, p->action,
		    p->object_type);
		if (!visible) {
			if (p->rels & REL_INCOMING)
				return err_setr(e, ERR_NOT_FOUND, NULL,
				    R_HANDOVER_NOT_FOUND, "handover not found");
			return err_setr(e, ERR_NOT_FOUND, NULL,
			    R_CLIENT_NOT_FOUND, "client not found");
		}
		if (rel == REL_PARTNER)
			return err_setr(e, ERR_FORBIDDEN, NULL,
			    R_ACCESS_PARTNER_PLACEMENTS_ONLY,
			    "a partner provider sees only its own placements");
		return err_setr(e, ERR_FORBIDDEN, NULL, p->refuse, "%s",
		    p->refuse_msg);
	}
	if (store_client_get(req->db, req->a, cx->client_id, &cx->client,
	    e) != 0 || load_trajectory(req, p, cx, e) != 0)
		goto fail;
	req->gate_act = (int)act + 1;
	return 0;
fail:
	db_rollback(req->db);
	return -1;
}

int
gate_open_signal(struct api_req *req, enum gate_act act, struct care_ctx *cx,
    bool with_identity, struct signal_rec *s, unsigned *rel, struct err *e)
{
	const struct gate_policy *p = &gate_policies[act];
	const struct principal *w = req->who;
	const char *id = req->params[0];
	bool found = false;

	memset(cx, 0, sizeof *cx);
	cx->act = act;
	cx->today = date_today();
	*rel = 0;
	if (gate_role(req, act, e) != 0)
		return -1;
	if ((gate_read_only(req) ? db_begin_read(req->db, e) :
	    db_begin_write(req->db, e)) != 0)
		return -1;
	if (id_valid(id)) {
		if (store_signal_get(req->db, req->a, id, false, s, e) == 0)
			found = true;
		else if (e->code != ERR_NOT_FOUND)
			goto fail;
		else
			err_init(e);
	}
	if (found && !w->access_pending) {
		if (strcmp(s->reporter_id, w->user_id) == 0)
			*rel |= REL_REPORTER;
		if (w->role == ROLE_COORDINATOR && s->referred_org != NULL &&
		    strcmp(s->referred_org, w->org_id) == 0)
			*rel |= REL_RECEIVER;
	}
	if (!(*rel & p->rels)) {
		db_rollback(req->db);
		care_audit_denied(req, NULL, p->action, p->object_type);
		return err_setr(e, ERR_NOT_FOUND, NULL, R_SIGNAL_NOT_FOUND,
		    "signal not found");
	}
	if (with_identity && (*rel & REL_RECEIVER) &&
	    store_signal_get(req->db, req->a, id, true, s, e) != 0)
		goto fail;
	cx->client_id = s->client_id;
	return 0;
fail:
	db_rollback(req->db);
	return -1;
}

int
gate_open_body(struct api_req *req, const struct api_field *f, size_t nf,
    enum gate_act act, struct care_ctx *cx, struct err *e)
{
	if (api_parse_object(req, f, nf, e) != 0)
		return -1;
	return gate_open(req, act, cx, e);
}

static const char *
purpose_of(const struct care_ctx *cx)
{
	if (cx->purpose != NULL)
		return cx->purpose;
	return cx->acc.level == ACCESS_GLASS ? cx->acc.glass_reason : NULL;
}

int
gate_finish(struct api_req *req, struct care_ctx *cx, const char *object_id,
    struct err *e)
{
	const struct gate_policy *p = &gate_policies[cx->act];
	struct audit_entry en;

	gate_audit_fill(req, &en, cx->client_id, p->action, p->object_type,
	    object_id, "ok", purpose_of(cx));
	if (db_in_write_transaction(req->db)) {
		/* A write: the entry commits with the change. */
		if (auth_audit_append(req->db, &en, e) != 0 ||
		    db_commit(req->db, e) != 0) {
			db_rollback(req->db);
			return -1;
		}
		return 0;
	}
	/* A read: end the snapshot, then wait until the audit writer has made
	 * the entry durable; only then may the answer go out. */
	db_rollback(req->db);
	return auth_audit_record(req->db, &en, e);
}

int
gate_finish_each(struct api_req *req, struct care_ctx *cx, const void *v,
    size_t n, size_t size, size_t id_at, struct err *e)
{
	const char **ids = arena_alloc(req->a, (n + 1) * sizeof *ids);

	for (size_t i = 0; i < n; i++)
		memcpy(&ids[i], (const char *)v + i * size + id_at,
		    sizeof ids[i]);
	return gate_finish_seen(req, cx, ids, n, e);
}

int
gate_finish_seen(struct api_req *req, struct care_ctx *cx,
    const char *const *client_ids, size_t n, struct err *e)
{
	const struct gate_policy *p = &gate_policies[cx->act];
	const struct audit_entry **ens;
	struct audit_entry *v;
	size_t k = 0;

	if (n == 0)
		return gate_finish(req, cx, NULL, e);
	v = arena_alloc(req->a, n * sizeof *v);
	ens = arena_alloc(req->a, n * sizeof *ens);
	for (size_t i = 0; i < n; i++) {
		bool dup = false;

		for (size_t j = 0; j < i && !dup; j++)
			dup = strcmp(client_ids[i], client_ids[j]) == 0;
		if (dup)
			continue;
		gate_audit_fill(req, &v[k], client_ids[i], p->action,
		    p->object_type, NULL, "ok", NULL);
		ens[k] = &v[k];
		k++;
	}
	db_rollback(req->db);	/* end the read's snapshot */
	return auth_audit_record_many(req->db, ens, k, e);
}

int
gate_respond(struct api_req *req, struct care_ctx *cx, const char *object_id,
    struct api_resp *resp, int status, json_t *body, struct err *e)
{
	if (gate_finish(req, cx, object_id, e) != 0) {
		json_decref(body);
		return -1;
	}
	resp->status = status;
	resp->body = body;
	return 0;
}

int
gate_respond_items(struct api_req *req, struct care_ctx *cx,
    struct api_resp *resp, json_t *items, struct err *e)
{
	return gate_respond(req, cx, NULL, resp, 200,
	    json_pack("{s:o}", "items", items), e);
}

json_t *
gate_items(const struct care_ctx *cx, const void *v, size_t n, size_t size,
    gate_item_fn *fn)
{
	json_t *items = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, fn(cx, (const char *)v + i * size));
	return items;
}

int
gate_respond_each(struct api_req *req, struct care_ctx *cx,
    struct api_resp *resp, const void *v, size_t n, size_t size,
    gate_item_fn *fn, struct err *e)
{
	return gate_respond_items(req, cx, resp, gate_items(cx, v, n, size, fn),
	    e);
}

/*
 * Invariant 2 for what a handler refuses after the gate opened: an object
 * id of another girl under her own id (404), a record-level rule that did
 * not go through gate_refuse.  The server calls this once the handler
 * failed; the entry names the act, her id and the object asked for.
 */
void
gate_audit_refusal(struct api_req *req, const struct err *e)
{
	const struct gate_policy *p;
	struct audit_entry en;
	struct err e2;

	if (req->gate_act == 0 || req->refusal_audited ||
	    (e->code != ERR_NOT_FOUND && e->code != ERR_FORBIDDEN))
		return;
	p = &gate_policies[req->gate_act - 1];
	err_init(&e2);
	req->refusal_audited = true;
	gate_audit_fill(req, &en, p->no_client || !id_valid(req->params[0]) ?
	    NULL : req->params[0], p->action, p->object_type,
	    req->nparams > 1 && id_valid(req->params[1]) ? req->params[1] :
	    NULL, "denied", NULL);
	if (auth_audit_record_refusal(req->db, &en, &e2) != 0)
		fprintf(stderr, "{\"level\":\"error\",\"request_id\":\"%s\","
		    "\"msg\":\"audit of a refusal failed\",\"code\":\"%s\"}\n",
		    req->request_id, err_code_name(e2.code));
}

int
gate_fail(struct api_req *req)
{
	db_rollback(req->db);
	return -1;
}

int
gate_error(struct api_req *req, enum err_code code, const char *field,
    enum err_reason reason, const char *msg, struct err *e)
{
	err_setr(e, code, field, reason, "%s", msg);
	return gate_fail(req);
}
