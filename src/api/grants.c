/*
 * grants.c - four eyes on client access over HTTP (issue 14, 018).
 *
 *   GET  /api/v1/access-grants[?status=pending]   security officer, coordinator
 *   POST /api/v1/access-grants/{id}/approve       the same, not one's own
 *   POST /api/v1/access-grants/{id}/refuse
 *
 * An account the administrator made (or reset) of a role that reads client
 * data has no client access until a second person approved it here; the
 * rule of who may decide is auth/grant.c's.  A coordinator sees the
 * requests of her own organisation, the security officer those of hers
 * (all, when she belongs to none).
 *
 * Invariants:
 *   1. A refusal is answered 403 and audited; a decision is audited with
 *      who asked and who decided, in the decision's transaction.
 *   2. Of racing decisions on one request exactly one succeeds (409 for
 *      the others).
 *   3. No answer holds client data: accounts, roles and organisations
 *      only.
 */
#include "api/admin.h"
#include "api/gate.h"

#include <string.h>

#include "store/auth_store.h"

#define RECENT_DAYS 30
#define GRANT_LIST_MAX 500

json_t *
api_grant_json(const struct store_grant *g)
{
	return json_pack("{s:s, s:{s:s, s:s, s:s}, s:s, s:o, s:o, s:s, s:s, "
	    "s:{s:s, s:s}, s:s, s:o, s:o}",
	    "id", g->id,
	    "user", "id", g->user_id, "username", g->username,
	    "display_name", g->display_name,
	    "role", g->role,
	    "org_id", api_str(g->org_id),
	    "org_name", api_str(g->org_name),
	    "cause", g->cause,
	    "status", g->status,
	    "requested_by", "id", g->requested_by, "display_name",
	    g->requested_by_name,
	    "requested_at", g->requested_at,
	    "decided_by", g->decided_by == NULL ? json_null() :
	    json_pack("{s:s, s:s}", "id", g->decided_by, "display_name",
	    g->decided_by_name != NULL ? g->decided_by_name : ""),
	    "decided_at", api_str(g->decided_at));
}

/* 401 without a session; 403 (audited) for a role that never decides. */
static int
decider_open(struct api_req *req, const char *action, struct err *e)
{
	if (req->who == NULL)
		return err_setr(e, ERR_UNAUTHORIZED, NULL,
		    R_SESSION_LOG_IN_FIRST, "log in first");
	if (req->who->role == ROLE_SECURITY_OFFICER ||
	    req->who->role == ROLE_COORDINATOR)
		return 0;
	care_audit_denied(req, NULL, action, "access_grant");
	return err_setr(e, ERR_FORBIDDEN, NULL, R_ACCESS_ROLE_MAY_NOT,
	    "your role may not do this");
}

int
api_grants_list(API_ARGS)
{
	struct store_grant_filter f;
	struct store_grant *v = NULL;
	const char *status;
	char since[INSTANT_LEN + 1];
	json_t *items;
	size_t n = 0;

	if (decider_open(req, "list", e) != 0)
		return -1;
	status = api_query(req, "status");
	if (status != NULL && strcmp(status, "pending") != 0 &&
	    strcmp(status, "all") != 0)
		return err_setr(e, ERR_INVALID, "status", R_GRANT_STATUS_INVALID,
		    "status is pending or all");
	memset(&f, 0, sizeof f);
	f.pending = true;
	if (status == NULL || strcmp(status, "all") == 0) {
		instant_after(-(int64_t)RECENT_DAYS * 24 * 60 * 60, since);
		f.since = since;
	}
	f.org_id = req->who->org_id[0] != '\0' ? req->who->org_id : NULL;
	if (store_grant_list(req->db, req->a, &f, GRANT_LIST_MAX, &v, &n,
	    e) != 0)
		return -1;
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, api_grant_json(&v[i]));
	return api_answer(resp, json_pack("{s:o, s:b}", "items", items,
	    "may_decide", auth_grant_decider(req->who)), e);
}

/* POST .../approve, or .../refuse (API_REFUSE). */
int
api_grant_decide(API_ARGS)
{
	bool approve = (req->flags & API_REFUSE) == 0;
	const char *action = approve ? "approve" : "refuse";
	struct audit_entry en;
	struct store_grant g;

	if (decider_open(req, action, e) != 0 ||
	    (req->body != NULL && api_parse_object(req, NULL, 0, e) != 0))
		return -1;
	if (!id_valid(req->params[0]))
		return err_setr(e, ERR_NOT_FOUND, "id", R_GRANT_UNKNOWN,
		    "no such access request");
	gate_audit_fill(req, &en, NULL, action, "access_grant", NULL, "ok",
	    NULL);
	if (auth_grant_decide(req->db, req->a, req->who, req->params[0],
	    approve, &en, &g, e) != 0) {
		if (e->code == ERR_FORBIDDEN)
			care_audit_denied(req, NULL, action, "access_grant");
		return -1;
	}
	return api_answer(resp, api_grant_json(&g), e);
}
