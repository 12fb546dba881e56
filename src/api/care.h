/*
 * care.h - shared pieces of the handlers for a client's record
 * (clients.c, records.c, timeline.c): the access context every handler
 * opens first, and the JSON shapes of the records.
 *
 * A handler for client data runs as:
 *   care_begin()  - write transaction, access decision; a refusal is
 *                   audited in a transaction of its own and answered 404
 *                   (not visible) or 403 (visible, but not for this act)
 *   ... validate, read or write through store_* ...
 *   care_finish() - one audit entry (with the break-the-glass reason as
 *                   purpose), then commit
 * Any error in between rolls everything back, so a failed request writes
 * nothing.
 */
#ifndef DOORLOOP_API_CARE_H
#define DOORLOOP_API_CARE_H

#include "api/api.h"
#include "store/store.h"

struct care_ctx {
	const char *client_id;
	struct access acc;
	dl_date today;
	struct client_rec client;	/* loaded by care_begin */
};

/* What a handler is about to do, for the access decision and the audit. */
enum care_need {
	NEED_READ,		/* partner, self, glass, team, coordinator */
	NEED_WRITE_CARE,	/* team, coordinator (partner: own phases, checked by caller) */
	NEED_COORDINATOR,	/* coordinator only */
	NEED_ACCESS_LOG		/* coordinator or the client herself */
};

int care_begin(struct api_req *req, enum care_need need,
    const char *action, const char *object_type, struct care_ctx *cx,
    struct err *e);
/* Audit (ok) and commit. */
int care_finish(struct api_req *req, struct care_ctx *cx, const char *action,
    const char *object_type, const char *object_id, struct err *e);
/* Roll back after a failure between begin and finish. */
void care_abort(struct api_req *req);
/* care_finish, then answer `status` with `body` (freed if finishing fails). */
int care_respond(struct api_req *req, struct care_ctx *cx, const char *action,
    const char *object_type, const char *object_id, struct api_resp *resp,
    int status, json_t *body, struct err *e);
/* care_abort and return -1, for `return care_fail(req);` after err_set. */
int care_fail(struct api_req *req);
/* Audit a refusal (outcome denied) in its own transaction. */
void care_audit_denied(struct api_req *req, const char *client_id,
    const char *action, const char *object_type);

/* Name and kind of an organisation; ERR_INVALID naming `field` if unknown. */
int care_org(struct api_req *req, const char *id, const char *field,
    char **name, char **kind, struct err *e);

/* JSON shapes (docs/API.md). */
json_t *care_age_json(dl_date birth, dl_date on);
json_t *care_ref_json(const char *id, const char *name);
json_t *care_client_json(const struct care_ctx *cx, const struct client_rec *c);
json_t *care_trajectory_json(const struct trajectory_rec *t);
json_t *care_phase_json(const struct care_ctx *cx, const struct phase_rec *p);
json_t *care_basis_json(const struct care_ctx *cx, const struct basis_rec *b);
json_t *care_order_json(const struct care_ctx *cx, const struct order_rec *o);
json_t *care_member_json(const struct care_ctx *cx, const struct member_rec *m);

/* Enum parsers in the shape api_field wants. */
int care_parse_form(const char *s, int *out);
int care_parse_basis(const char *s, int *out);
int care_parse_order(const char *s, int *out);
int care_parse_team_role(const char *s, int *out);

/* The handlers (routes.c). */
int api_clients_list(struct api_req *, struct api_resp *, struct err *);
int api_clients_create(struct api_req *, struct api_resp *, struct err *);
int api_client_get(struct api_req *, struct api_resp *, struct err *);
int api_client_update(struct api_req *, struct api_resp *, struct err *);
int api_trajectory_get(struct api_req *, struct api_resp *, struct err *);
int api_trajectory_create(struct api_req *, struct api_resp *, struct err *);
int api_trajectory_update(struct api_req *, struct api_resp *, struct err *);
int api_trajectory_end(struct api_req *, struct api_resp *, struct err *);
int api_access_log(struct api_req *, struct api_resp *, struct err *);
int api_break_glass(struct api_req *, struct api_resp *, struct err *);
int api_timeline(struct api_req *, struct api_resp *, struct err *);

int api_phases_list(struct api_req *, struct api_resp *, struct err *);
int api_phases_create(struct api_req *, struct api_resp *, struct err *);
int api_phase_get(struct api_req *, struct api_resp *, struct err *);
int api_phase_update(struct api_req *, struct api_resp *, struct err *);
int api_phase_end(struct api_req *, struct api_resp *, struct err *);
int api_bases_list(struct api_req *, struct api_resp *, struct err *);
int api_bases_create(struct api_req *, struct api_resp *, struct err *);
int api_basis_get(struct api_req *, struct api_resp *, struct err *);
int api_basis_update(struct api_req *, struct api_resp *, struct err *);
int api_basis_end(struct api_req *, struct api_resp *, struct err *);
int api_orders_list(struct api_req *, struct api_resp *, struct err *);
int api_orders_create(struct api_req *, struct api_resp *, struct err *);
int api_order_get(struct api_req *, struct api_resp *, struct err *);
int api_order_update(struct api_req *, struct api_resp *, struct err *);
int api_order_end(struct api_req *, struct api_resp *, struct err *);
int api_team_list(struct api_req *, struct api_resp *, struct err *);
int api_team_create(struct api_req *, struct api_resp *, struct err *);
int api_member_get(struct api_req *, struct api_resp *, struct err *);
int api_member_update(struct api_req *, struct api_resp *, struct err *);
int api_member_end(struct api_req *, struct api_resp *, struct err *);

#endif
