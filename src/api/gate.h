/*
 * gate.h - the one access gate of a client's data.
 *
 * Every handler that reads or writes anything of one client opens the gate
 * with the act it is about to do, and closes it with gate_finish (or
 * gate_respond) on success or gate_fail on any error in between:
 *
 *   if (gate_open(req, G_PHASE_CREATE, &cx, e) != 0)
 *           return -1;
 *   ... validate, read or write through store_* ...
 *   return gate_respond(req, &cx, p.id, resp, 201, body, e);
 *
 * Acts on no one client (a list, the figures, registering a new client)
 * are rows too: the gate checks the role, audits a refusal and opens the
 * transaction, and the handler sets cx->client_id if there is one.
 *
 * gate_open starts one write transaction, decides the caller's relation to
 * her (store_access_client, or the handover for G_HANDOVER_ACCEPT) and
 * looks the act up in the policy table (gate.c, gate_policies[]): which
 * roles and relations may do it, whether her current trajectory must exist
 * (409 if not), be open (409 if closed) and be loaded with everything in
 * it, and which action and object type the audit records.  A refusal is
 * rolled back and audited (outcome "denied") in a transaction of its own,
 * in one place: 404 when she is not visible at all, exactly like a client
 * that does not exist, 403 when she is visible but not for this act.
 * gate_finish writes the one audit entry of the act (the break-the-glass
 * reason as its purpose) in the same transaction and commits, so a failed
 * request writes nothing.
 */
#ifndef DOORLOOP_API_GATE_H
#define DOORLOOP_API_GATE_H

#include "api/api.h"
#include "store/continuity.h"
#include "store/signal.h"
#include "store/store.h"

/* The acts on a client's data; one row each in gate_policies[]. */
enum gate_act {
	G_CLIENT_CREATE, G_CLIENT_READ, G_CLIENT_UPDATE,
	G_TRAJECTORY_READ, G_TRAJECTORY_CREATE, G_TRAJECTORY_UPDATE,
	G_TRAJECTORY_END, G_TRAJECTORY_REOPEN,
	G_ACCESS_LOG_READ, G_BREAK_GLASS, G_GLASS_ACKNOWLEDGE, G_INVITATION_CREATE, G_TIMELINE_READ, G_ALERTS_READ,
	G_PHASE_READ, G_PHASE_CREATE, G_PHASE_UPDATE, G_PHASE_END,
	G_BASIS_READ, G_BASIS_CREATE, G_BASIS_UPDATE, G_BASIS_END,
	G_ORDER_READ, G_ORDER_CREATE, G_ORDER_UPDATE, G_ORDER_END,
	G_MEMBER_READ, G_MEMBER_CREATE, G_MEMBER_UPDATE, G_MEMBER_END,
	G_PLAN_READ, G_PLAN_CREATE, G_PLAN_UPDATE, G_PLAN_ITEM_UPDATE,
	G_HANDOVER_READ, G_HANDOVER_CREATE, G_HANDOVER_UPDATE,
	G_HANDOVER_WITHDRAW, G_HANDOVER_DECIDE, G_HANDOVER_ACCEPT,
	G_DOMAIN_READ, G_DOMAIN_UPDATE, G_DOMAIN_HER_WORDS,
	G_DOMAIN_HISTORY_READ, G_GOAL_CREATE, G_GOAL_UPDATE,
	G_REVIEW_READ, G_REVIEW_CREATE,
	G_AFTERCARE_READ, G_AFTERCARE_UPDATE,
	G_PROMISE_READ, G_PROMISE_CREATE, G_PROMISE_CLOSE, G_PROMISE_CHANGE,
	G_PROMISE_HER_VIEW,
	G_JOURNAL_READ, G_JOURNAL_EDIT, G_JOURNAL_CREATE, G_JOURNAL_CORRECT,
	G_JOURNAL_STATEMENT, G_JOURNAL_WITHHOLD, G_JOURNAL_RELEASE,
	G_OWN_PLAN_READ, G_OWN_PLAN_CREATE,
	G_CONSENT_READ, G_CONSENT_CREATE, G_CONSENT_WITHDRAW,
	G_VICTIM_READ, G_VICTIM_CREATE, G_VICTIM_COMENSHA,
	G_INDICATOR_READ, G_INDICATOR_CREATE, G_INDICATOR_EXPORT,
	G_PORTAL_READ,
	/* a file's life (issue 15): export, her request, legal holds */
	G_FILE_EXPORT, G_TRANSFER_EXPORT,
	G_DESTRUCTION_READ, G_DESTRUCTION_REQUEST, G_DESTRUCTION_DECIDE,
	G_HOLD_READ, G_HOLD_SET, G_HOLD_LIFT,
	/* acts on many clients' data at once (no params[0]; roles only) */
	G_CLIENT_LIST, G_WORKLIST, G_FIGURES_READ, G_PROMISE_FIGURES_READ,
	G_WITHHELD_LIST, G_FIGURES_MUNICIPALITY, G_FIGURES_MONITOR,
	/* one's own notifications (about girls one may still see) */
	G_NOTIFICATION_LIST, G_NOTIFICATION_READ,
	/* early signals (R12): not a client's data until linked; the
	 * relation is to the signal (REL_REPORTER, REL_RECEIVER) */
	G_SIGNAL_LIST, G_SIGNAL_CREATE, G_SIGNAL_READ, G_SIGNAL_REFER,
	G_SIGNAL_SCREEN, G_SIGNAL_INTAKE,
	G__COUNT
};

/* Relations to her (bits); store_access_client decides all but REL_INCOMING. */
enum gate_rel {
	REL_COORDINATOR = 1 << 0,	/* her institution's coordinator */
	REL_TEAM = 1 << 1,	/* current team member (or incoming person of any waiting handover) */
	REL_INCOMING = 1 << 2,	/* the incoming person of the handover in params[1] */
	REL_PARTNER = 1 << 3,	/* a provider delivering one of her phases */
	REL_SELF = 1 << 4,	/* the client herself */
	REL_GLASS = 1 << 5,	/* an unexpired break-the-glass record */
	REL_NONE = 1 << 6,	/* no relation needed (she must exist) */
	REL_REPORTER = 1 << 7,	/* the signal in params[0] is the caller's own */
	REL_RECEIVER = 1 << 8	/* a coordinator of the institution it is referred to */
};

enum gate_traj {
	TRAJ_ANY,		/* the gate does not look */
	TRAJ_EXISTS,		/* current trajectory in cx->t; 409 if none */
	TRAJ_OPEN,		/* as TRAJ_EXISTS, and 409 if it is closed */
	TRAJ_FULL		/* as TRAJ_EXISTS, with everything in it in cx->full */
};

struct gate_policy {
	const char *action;		/* audited action */
	const char *object_type;	/* audited object type */
	unsigned roles;			/* bits (1 << enum role); 0 = every role */
	unsigned rels;			/* enum gate_rel bits that may do it */
	enum gate_traj traj;
	bool no_client;			/* no one client: a list, or she does not exist yet */
	enum err_reason refuse;		/* 403 reason when visible but refused */
	const char *refuse_msg;
};

extern const struct gate_policy gate_policies[G__COUNT];

/* What an open gate gives the handler. */
struct care_ctx {
	enum gate_act act;
	const char *client_id;
	struct access acc;
	dl_date today;
	struct client_rec client;	/* loaded unless no_client */
	struct trajectory_rec t;	/* TRAJ_EXISTS, TRAJ_OPEN, TRAJ_FULL */
	struct trajectory_full full;	/* TRAJ_FULL */
	struct handover_rec handover;	/* G_HANDOVER_ACCEPT */
	const char *purpose;		/* audited purpose the handler states
					 * (an export's legal ground); else the
					 * break-the-glass reason */
};

/* Open the gate for `act` on the client in req->params[0]. */
int gate_open(struct api_req *req, enum gate_act act, struct care_ctx *cx,
    struct err *e);
/*
 * Open the gate for an act on the signal in req->params[0] (the G_SIGNAL_*
 * rows with a relation): the role, the transaction, the signal itself and
 * the caller's relation to it (REL_REPORTER, REL_RECEIVER).  A signal the
 * act's row gives no relation to is answered exactly like an absent one
 * (404 signal.not_found) and audited.  Her identity is decrypted into *s
 * only for the receiving coordinator and only when with_identity; once the
 * signal led to a registration cx->client_id is her client id (audited).
 */
int gate_open_signal(struct api_req *req, enum gate_act act,
    struct care_ctx *cx, bool with_identity, struct signal_rec *s,
    unsigned *rel, struct err *e);
/* Read the request's JSON object into `f` (api_parse_object), then open
 * the gate for `act`: bad input is a 4xx before any transaction. */
int gate_open_body(struct api_req *req, const struct api_field *f,
    size_t nf, enum gate_act act, struct care_ctx *cx, struct err *e);
/* Only the roles of `act`: refuse (403, audited) any other role.  For
 * handlers that check their input between the role and gate_open. */
int gate_role(struct api_req *req, enum gate_act act, struct err *e);
/* Audit the act (outcome ok) on `object_id` and commit. */
int gate_finish(struct api_req *req, struct care_ctx *cx,
    const char *object_id, struct err *e);
/* For a list read (no client in the URL): one entry per girl shown
 * (client_ids, duplicates counted once; none shown: one entry without a
 * client), handed to the audit writer together, so the list costs one
 * flush.  Ends the snapshot. */
int gate_finish_seen(struct api_req *req, struct care_ctx *cx,
    const char *const *client_ids, size_t n, struct err *e);
/* gate_finish_seen of the n records of `size` bytes at v, each naming its
 * girl in the string pointer at byte `id_at` (offsetof). */
int gate_finish_each(struct api_req *req, struct care_ctx *cx,
    const void *v, size_t n, size_t size, size_t id_at, struct err *e);
/* gate_finish, then answer `status` with `body` (freed if finishing fails). */
int gate_respond(struct api_req *req, struct care_ctx *cx,
    const char *object_id, struct api_resp *resp, int status, json_t *body,
    struct err *e);
/* gate_respond for a list: 200 {"items": items}, no one object. */
int gate_respond_items(struct api_req *req, struct care_ctx *cx,
    struct api_resp *resp, json_t *items, struct err *e);
/* The json of one record of a list read through the open gate. */
typedef json_t *gate_item_fn(const struct care_ctx *cx, const void *rec);
/* A json array of fn(cx, rec) for each of the n records of `size` bytes
 * at v, in order. */
json_t *gate_items(const struct care_ctx *cx, const void *v, size_t n,
    size_t size, gate_item_fn *fn);
/* gate_respond_items of gate_items(cx, v, n, size, fn). */
int gate_respond_each(struct api_req *req, struct care_ctx *cx,
    struct api_resp *resp, const void *v, size_t n, size_t size,
    gate_item_fn *fn, struct err *e);
/* Roll back after a failure between open and finish; returns -1. */
int gate_fail(struct api_req *req);
/* Roll back after a failure the handler found itself (bad input, a
 * conflict): `code` with `field` (or NULL), `reason` and `msg`; returns -1. */
int gate_error(struct api_req *req, enum err_code code, const char *field,
    enum err_reason reason, const char *msg, struct err *e);
/* An audit entry of this request's caller (auth/auth.h), for the gate and
 * for acts on no client (admin.c); client_id, object_id, purpose may be NULL. */
struct audit_entry;
void gate_audit_fill(struct api_req *req, struct audit_entry *en,
    const char *client_id, const char *action, const char *object_type,
    const char *object_id, const char *outcome, const char *purpose);
/* Audit a refusal (outcome denied) in a transaction of its own; a
 * client_id that is NULL or not well-formed is recorded as none. */
void care_audit_denied(struct api_req *req, const char *client_id,
    const char *action, const char *object_type);
/* After a failed handler: audit a 403/404 it found after the gate opened
 * (another girl's object id under her own id) unless already audited. */
void gate_audit_refusal(struct api_req *req, const struct err *e);
/* Roll back and audit a refusal the handler found itself (a record-level
 * rule); answers `code` with `reason`. */
int gate_refuse(struct api_req *req, struct care_ctx *cx,
    enum err_code code, enum err_reason reason, const char *msg,
    struct err *e);

#endif
