/*
 * domains.c - the integral plan of R7: the nine life domains with status
 * and her own words, goals per domain, and the history of every change.
 *
 * Invariants:
 *   1. The list always holds all nine domains, in DOMAIN.md's order; one
 *      never touched is "not_assessed".
 *   2. Every change is kept (store/domain.c writes the history in the
 *      same transaction); nothing here deletes.
 *   3. She may write her own words herself; status and goals are for her
 *      team and coordinator.
 */
#include "api/continuity.h"

#include <string.h>

#include "db/db.h"

#define WORDS_MAX 4000
#define GOAL_MAX 1000

static json_t *
goal_json(const struct goal_rec *g)
{
	return json_pack("{s:s, s:s, s:s, s:o, s:o, s:s, s:s, s:s}",
	    "id", g->id, "domain", life_domain_name(g->domain),
	    "text", g->text ? g->text : "",
	    "owner", care_ref_json(g->owner_id, g->owner_name),
	    "target_date", api_date(g->target),
	    "status", goal_status_name(g->status),
	    "created_at", g->created_at ? g->created_at : "",
	    "updated_at", g->updated_at ? g->updated_at : "");
}

int
cont_domains_json(struct api_req *req, const char *trajectory_id,
    json_t **out, struct err *e)
{
	struct domain_rec d[DOM__COUNT];
	struct goal_rec *g;
	size_t ng;
	json_t *items;

	if (store_domains_get(req->db, req->a, trajectory_id, d, e) != 0 ||
	    store_goals_list(req->db, req->a, trajectory_id, &g, &ng, e) != 0)
		return -1;
	items = json_array();
	for (int i = 0; i < DOM__COUNT; i++) {
		json_t *goals = json_array();

		for (size_t k = 0; k < ng; k++)
			if ((int)g[k].domain == i)
				json_array_append_new(goals, goal_json(&g[k]));
		json_array_append_new(items, json_pack("{s:s, s:s, s:o, s:o, "
		    "s:o, s:b, s:o}",
		    "domain", life_domain_name((enum life_domain)i),
		    "status", domain_status_name(d[i].status),
		    "her_words", api_str(d[i].her_words),
		    "updated_by", api_str(d[i].updated_by_name),
		    "updated_at", api_str(d[i].updated_at),
		    "exit_required", life_domain_exit_required((enum life_domain)i),
		    "goals", goals));
	}
	*out = json_pack("{s:o}", "items", items);
	return 0;
}

int
api_domains_list(API_ARGS)
{
	struct care_ctx cc;
	json_t *body;

	if (gate_open(req, G_DOMAIN_READ, &cc, e) != 0)
		return -1;
	if (cont_domains_json(req, cc.t.id, &body, e) != 0)
		return gate_fail(req);
	return gate_respond(req, &cc, cc.t.id, resp, 200,
	    body, e);
}

static API_ENUM_PARSER(parse_dstatus, enum domain_status, domain_status_parse)

static API_ENUM_PARSER(parse_gstatus, enum goal_status, goal_status_parse)

int
api_domain_update(API_ARGS)
{
	struct care_ctx cc;
	enum life_domain d;
	enum domain_status st;
	const char *words = NULL;
	bool p_status = false, p_words = false;
	int status = 0;
	json_t *body;
	const struct api_field f[] = {
		{ "status", F_ENUM, false, false, &status, 0, parse_dstatus, &p_status },
		{ "her_words", F_STRING, false, true, &words, WORDS_MAX, NULL, &p_words },
	};

	if (life_domain_parse(req->params[1], &d) != 0)
		return err_setr(e, ERR_NOT_FOUND, NULL, R_DOMAIN_NOT_FOUND,
		    "no such life domain");
	if (api_parse_object(req, f, sizeof f / sizeof f[0], e) != 0)
		return -1;
	if (!p_status && !p_words)
		return err_setr(e, ERR_INVALID, "status",
		    R_DOMAIN_NOTHING_GIVEN,
		    "give a status, her words, or both");
	if (gate_open(req, p_status ? G_DOMAIN_UPDATE : G_DOMAIN_HER_WORDS,
	    &cc, e) != 0)
		return -1;
	st = (enum domain_status)status;
	if (store_domain_put(req->db, req->a, cc.t.id, d,
	    p_status ? &st : NULL, words, p_words, req->who->user_id, e) != 0 ||
	    cont_domains_json(req, cc.t.id, &body, e) != 0)
		return gate_fail(req);
	return gate_respond(req, &cc, cc.t.id, resp, 200,
	    body, e);
}

/* Read goal `id` as stored and answer it with `status`. */
static int
goal_respond(struct api_req *req, struct care_ctx *cc, const char *id,
    struct api_resp *resp, int status, struct err *e)
{
	struct goal_rec g;

	if (store_goal_get(req->db, req->a, cc->t.id, id, &g, e) != 0)
		return gate_fail(req);
	return gate_respond(req, cc, g.id, resp, status, goal_json(&g), e);
}

/* Write goal g (a new one, answered 201, when it has no id yet) and answer
 * it as stored. */
static int
goal_save(struct api_req *req, struct care_ctx *cc, struct goal_rec *g,
    struct api_resp *resp, struct err *e)
{
	bool is_new = g->id == NULL;
	int rc;

	if (is_new)
		rc = store_goal_insert(req->db, req->a, cc->t.id, g,
		    req->who->user_id, e);
	else
		rc = store_goal_update(req->db, req->a, cc->t.id, g,
		    req->who->user_id, e);
	if (rc != 0)
		return gate_fail(req);
	return goal_respond(req, cc, g->id, resp, is_new ? 201 : 200, e);
}

int
api_goals_create(API_ARGS)
{
	struct care_ctx cc;
	struct goal_rec g;
	enum life_domain d;
	const char *text = NULL, *owner = NULL;
	dl_date target = DATE_NONE;
	const struct api_field f[] = {
		{ "text", F_STRING, true, false, &text, GOAL_MAX, NULL, NULL },
		{ "owner_user_id", F_ID, false, true, &owner, 0, NULL, NULL },
		{ "target_date", F_DATE, false, true, &target, 0, NULL, NULL },
	};

	if (life_domain_parse(req->params[1], &d) != 0)
		return err_setr(e, ERR_NOT_FOUND, NULL, R_DOMAIN_NOT_FOUND,
		    "no such life domain");
	if (gate_open_body(req, f, API_NFIELDS(f), G_GOAL_CREATE, &cc, e) != 0)
		return -1;
	if (owner != NULL && cont_check_staff(req, owner, "owner_user_id",
	    e) != 0)
		return gate_fail(req);
	memset(&g, 0, sizeof g);
	g.domain = d;
	g.text = (char *)text;
	g.owner_id = (char *)owner;
	g.target = target;
	g.status = GOAL_OPEN;
	return goal_save(req, &cc, &g, resp, e);
}

int
api_goal_update(API_ARGS)
{
	struct care_ctx cc;
	struct goal_rec g;
	const char *text = NULL, *owner = NULL;
	bool p_owner = false, p_target = false, p_status = false;
	int status = 0;
	dl_date target = DATE_NONE;
	const struct api_field f[] = {
		{ "text", F_STRING, false, false, &text, GOAL_MAX, NULL, NULL },
		{ "owner_user_id", F_ID, false, true, &owner, 0, NULL, &p_owner },
		{ "target_date", F_DATE, false, true, &target, 0, NULL, &p_target },
		{ "status", F_ENUM, false, false, &status, 0, parse_gstatus, &p_status },
	};

	if (gate_open_body(req, f, API_NFIELDS(f), G_GOAL_UPDATE, &cc, e) != 0)
		return -1;
	if (!id_valid(req->params[1]))
		return gate_error(req, ERR_NOT_FOUND, NULL, R_GOAL_NOT_FOUND,
		    "goal not found", e);
	if (store_goal_get(req->db, req->a, cc.t.id, req->params[1], &g, e) != 0)
		return gate_fail(req);
	if (p_owner && owner != NULL && cont_check_staff(req, owner,
	    "owner_user_id", e) != 0)
		return gate_fail(req);
	if (text)
		g.text = (char *)text;
	if (p_owner)
		g.owner_id = (char *)owner;
	if (p_target)
		g.target = target;
	if (p_status)
		g.status = (enum goal_status)status;
	return goal_save(req, &cc, &g, resp, e);
}

int
api_domain_history(API_ARGS)
{
	struct care_ctx cc;
	struct domain_change *v;
	size_t n;
	json_t *items;

	if (gate_open(req, G_DOMAIN_HISTORY_READ, &cc, e) != 0)
		return -1;
	if (store_domain_history(req->db, req->a, cc.t.id, &v, &n, e) != 0)
		return gate_fail(req);
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, json_pack("{s:s, s:o, s:o, s:o, "
		    "s:o, s:o}",
		    "domain", life_domain_name(v[i].domain),
		    "goal_id", api_str(v[i].goal_id),
		    "field", api_str(v[i].field), "value", api_str(v[i].value),
		    "changed_by", api_str(v[i].changed_by),
		    "changed_at", api_str(v[i].changed_at)));
	return gate_respond(req, &cc, cc.t.id, resp,
	    200, json_pack("{s:o}", "items", items), e);
}
