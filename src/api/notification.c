/*
 * notification.c - GET /notifications, POST /notifications/{id}/read,
 * POST /notifications/read-all.
 *
 * Invariants:
 *   1. Only one's own notifications: another user's id is answered exactly
 *      like an unknown one (404 notification.not_found), audited.
 *   2. A notification about a girl the caller may no longer see
 *      (store_access_client, today) is neither listed, counted nor marked.
 *   3. Only care staff (caregiver, coordinator, partner) have them; every
 *      other role is refused with 403, audited, by the gate's table.
 *   4. The list is a read of her data: one audit entry per girl on the
 *      page (gate_finish_seen); marking one read is audited with her id.
 */
#include "api/notification.h"

#include <string.h>

#include "api/gate.h"
#include "store/notification.h"

/* Where on her file it is: the section the web app links to. */
static const char *
notice_link(const char *kind)
{
	if (strcmp(kind, "handover_proposed") == 0)
		return "handovers";
	if (strcmp(kind, "journal_statement") == 0)
		return "journal";
	if (strcmp(kind, "promise_disputed") == 0)
		return "promises";
	return "access-log";
}

static json_t *
notice_json(const struct notice_rec *n)
{
	return json_pack("{s:s, s:s, s:{s:s, s:o}, s:s, s:s, s:s, s:b, s:o}",
	    "id", n->id, "kind", n->kind, "client", "id", n->client_id,
	    "pseudonym", api_str(n->pseudonym), "object_id", n->object_id,
	    "link", notice_link(n->kind), "created_at", n->created_at,
	    "read", n->read_at != NULL, "read_at", api_str(n->read_at));
}

/* The clients of the caller's notifications she may no longer see. */
static int
hidden_clients(struct api_req *req, struct care_ctx *cx, const char ***out,
    size_t *n, struct err *e)
{
	char **ids;
	size_t nids;
	const char **v;

	*n = 0;
	if (store_notice_clients(req->db, req->a, req->who->user_id, &ids,
	    &nids, e) != 0)
		return -1;
	v = arena_alloc(req->a, (nids + 1) * sizeof *v);
	for (size_t i = 0; i < nids; i++) {
		struct access acc;

		if (store_access_client(req->db, req->a, &req->who->actor,
		    ids[i], cx->today, &acc, e) != 0)
			return -1;
		if (acc.level == ACCESS_NONE)
			v[(*n)++] = ids[i];
	}
	*out = v;
	return 0;
}

int
api_notifications_list(API_ARGS)
{
	struct care_ctx cx;
	struct notice_rec *v;
	const char **hidden;
	size_t n, nhidden;
	int64_t total, unread;
	int limit, offset;
	json_t *items;

	if (gate_role(req, G_NOTIFICATION_LIST, e) != 0 ||
	    api_page(req, &limit, &offset, e) != 0)
		return -1;
	if (gate_open(req, G_NOTIFICATION_LIST, &cx, e) != 0)
		return -1;
	if (hidden_clients(req, &cx, &hidden, &nhidden, e) != 0 ||
	    store_notice_list(req->db, req->a, req->who->user_id, hidden,
	    nhidden, limit, offset, &v, &n, &total, &unread, e) != 0)
		return gate_fail(req);
	if (gate_finish_each(req, &cx, v, n, sizeof *v,
	    offsetof(struct notice_rec, client_id), e) != 0)
		return -1;
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, notice_json(&v[i]));
	resp->body = json_pack("{s:o, s:I, s:I, s:i, s:i}", "items", items,
	    "total", (json_int_t)total, "unread", (json_int_t)unread,
	    "limit", limit, "offset", offset);
	return 0;
}

int
api_notification_read(API_ARGS)
{
	struct care_ctx cx;
	struct notice_rec n;
	struct access acc;

	if (gate_open_body(req, NULL, 0, G_NOTIFICATION_READ, &cx, e) != 0)
		return -1;
	if (!id_valid(req->params[0]))
		return gate_error(req, ERR_NOT_FOUND, NULL,
		    R_NOTIFICATION_NOT_FOUND, "notification not found", e);
	if (store_notice_get(req->db, req->a, req->who->user_id,
	    req->params[0], &n, e) != 0 ||
	    store_access_client(req->db, req->a, &req->who->actor, n.client_id,
	    cx.today, &acc, e) != 0)
		return gate_fail(req);
	/* Invariant 2: about a girl out of sight, it is not there. */
	if (acc.level == ACCESS_NONE)
		return gate_error(req, ERR_NOT_FOUND, NULL,
		    R_NOTIFICATION_NOT_FOUND, "notification not found", e);
	if (store_notice_mark_read(req->db, req->a, n.id, e) != 0 ||
	    store_notice_get(req->db, req->a, req->who->user_id, n.id, &n,
	    e) != 0)
		return gate_fail(req);
	cx.client_id = n.client_id;
	return gate_respond(req, &cx, n.id, resp, 200, notice_json(&n), e);
}

int
api_notifications_read_all(API_ARGS)
{
	struct care_ctx cx;
	int64_t marked = 0;

	if (gate_open_body(req, NULL, 0, G_NOTIFICATION_READ, &cx, e) != 0)
		return -1;
	if (store_notice_mark_all(req->db, req->a, req->who->user_id, &marked,
	    e) != 0)
		return gate_fail(req);
	return gate_respond(req, &cx, NULL, resp, 200,
	    json_pack("{s:I}", "marked", (json_int_t)marked), e);
}
