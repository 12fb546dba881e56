/*
 * climate.c - group climate (DOMAIN.md R15): the coordinator's living
 * groups, rounds, codes, reports, trends and overview, and the public
 * answering with a one-time code.
 *
 * Invariants:
 *   1. Only a coordinator reads or writes her own institution's groups; a
 *      group or round of another institution answers 404 as if absent.
 *      Every read and write is one audit entry; every refusal too.
 *   2. A code is shown once, when it is made; the database keeps its keyed
 *      hash.  Answers are never linked to a girl, a user or a code once
 *      finished (store/climate.c).
 *   3. Nothing is scored here: core/climate.c scores and decides what is
 *      suppressed; a suppressed figure is sent as {"suppressed": true}
 *      and nothing else, at every level.
 */
#include "api/climate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/admin.h"
#include "api/care.h"
#include "api/gate.h"
#include "auth/auth.h"
#include "crypto/crypto.h"
#include "core/climate.h"
#include "db/db.h"
#include "store/climate.h"
#include "util/id.h"

#define NAME_MAX_LEN 120
#define CODES_MAX 60
#define CODE_MAX 32		/* longest code field read */

/* ---- codes ---- */

void
climate_code_new(char code[CLIMATE_CODE_LEN + 1])
{
	api_code_new(code, 10, 5);
}

int
climate_code_hashes(const char *code, struct crypto_hashes *out)
{
	return api_code_hashes("climate-code|", code, 10, out);
}

/* ---- the coordinator's context ---- */

static int
refuse(struct api_req *req, const char *object_type, struct err *e)
{
	care_audit_denied(req, NULL, "read", object_type);
	return err_setr(e, ERR_FORBIDDEN, NULL, R_CLIMATE_COORDINATOR_ONLY,
	    "only a coordinator of an institution sees its group climate");
}

/* 0 for a coordinator of an institution whose access is approved; else
 * the refusal, audited.  Before the second person's approval (four eyes)
 * she does not act for her institution here either. */
static int
coordinator_only(struct api_req *req, const char *object_type, struct err *e)
{
	if (req->who->role != ROLE_COORDINATOR || req->who->org_id[0] == '\0')
		return refuse(req, object_type, e);
	if (req->who->access_pending) {
		care_audit_denied(req, NULL, "read", object_type);
		return err_setr(e, ERR_FORBIDDEN, NULL,
		    R_ACCESS_PENDING_APPROVAL, "your access waits for a second "
		    "person's approval");
	}
	return 0;
}

/* Coordinator with an organisation, then a write transaction. */
static int
begin(struct api_req *req, const char *object_type, struct err *e)
{
	if (coordinator_only(req, object_type, e) != 0)
		return -1;
	return db_begin_write(req->db, e);
}

/* Commit, then answer `status` with `body` (freed if committing fails). */
static int
answer_commit(struct api_req *req, struct api_resp *resp, int status,
    json_t *body, struct err *e)
{
	if (db_commit(req->db, e) != 0) {
		db_rollback(req->db);
		json_decref(body);
		return -1;
	}
	resp->status = status;
	resp->body = body;
	return 0;
}

static int
finish(struct api_req *req, const char *action, const char *object_type,
    const char *object_id, struct api_resp *resp, int status, json_t *body,
    struct err *e)
{
	struct audit_entry en;

	/* Climate data is nobody's file: the entry names no client. */
	gate_audit_fill(req, &en, NULL, action, object_type, object_id, "ok",
	    NULL);
	if (auth_audit_append(req->db, &en, e) != 0) {
		db_rollback(req->db);
		json_decref(body);
		return -1;
	}
	return answer_commit(req, resp, status, body, e);
}

/* Another institution's record: roll back, audit, 404 as if absent. */
static int
not_ours(struct api_req *req, const char *object_type, enum err_reason r,
    struct err *e)
{
	db_rollback(req->db);
	care_audit_denied(req, NULL, "read", object_type);
	return err_setr(e, ERR_NOT_FOUND, NULL, r, "not found");
}

/*
 * Read group `id` into g, or round `id` into r (the other one NULL): 0 when
 * it is of her institution; absent or another's answers 404, audited as
 * refused.
 */
static int
own_record(struct api_req *req, const char *id, struct climate_group_rec *g,
    struct climate_round_rec *r, struct err *e)
{
	int got;

	if (g != NULL)
		memset(g, 0, sizeof *g);
	else
		memset(r, 0, sizeof *r);
	if (!id_valid(id))
		got = err_set(e, ERR_NOT_FOUND, NULL, "not found");
	else if (g != NULL)
		got = store_climate_group_get(req->db, req->a, id, g, e);
	else
		got = store_climate_round_get(req->db, req->a, id, r, e);
	if (got != 0 && e->code != ERR_NOT_FOUND)
		return gate_fail(req);
	if (got == 0 && strcmp(g != NULL ? g->org_id : r->org_id,
	    req->who->org_id) == 0)
		return 0;
	if (g != NULL)
		return not_ours(req, "climate_group", R_CLIMATE_GROUP_UNKNOWN, e);
	return not_ours(req, "climate_round", R_CLIMATE_ROUND_UNKNOWN, e);
}

/* ---- JSON ---- */

static json_t *
num(double x)
{
	return json_real(round(x * 100.0) / 100.0);
}

static json_t *
stat_json(const struct climate_stat *s)
{
	if (s->suppressed)
		return json_pack("{s:b}", "suppressed", 1);
	return json_pack("{s:b, s:i, s:o, s:o}", "suppressed", 0, "n", s->n,
	    "mean", num(s->mean), "sd", num(s->sd));
}

static json_t *
round_json(const struct climate_round_rec *r, dl_date today)
{
	const char *state = today < r->opens_on ? "planned" :
	    today > r->closes_on ? "closed" : "open";

	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:s, s:i, s:i, "
	    "s:i, s:i}",
	    "id", r->id, "group_id", r->group_id, "group_name", r->group_name,
	    "questionnaire_id", r->questionnaire_id,
	    "questionnaire_name", r->questionnaire_name,
	    "opens_on", api_date(r->opens_on),
	    "closes_on", api_date(r->closes_on), "state", state,
	    "codes_issued", r->codes_issued, "codes_used", r->codes_spent,
	    "responses_girls", r->responses_girls,
	    "responses_staff", r->responses_staff);
}

static json_t *
group_json(const struct climate_group_rec *g)
{
	return json_pack("{s:s, s:s, s:s}", "id", g->id, "name", g->name,
	    "location", g->location);
}

/*
 * Score one round: {"girls": {...}, "staff": {...}}, each with the number
 * of respondents, whether it is suppressed, the four themes and (with
 * `items`) every item of its variants.
 */
struct scored {
	json_t *girls, *staff;
};

static json_t *
audience_json(const struct climate_q_rec *q, const struct climate_result *res,
    const bool *in, int min, bool items)
{
	json_t *th = json_object(), *o;

	for (int t = 0; t < CLIMATE_THEME__COUNT; t++)
		json_object_set_new(th, climate_theme_name((enum climate_theme)t),
		    stat_json(&res->theme[t]));
	o = json_pack("{s:i, s:i, s:b, s:o}", "respondents", res->respondents,
	    "threshold", min, "suppressed", res->suppressed, "themes", th);
	if (items) {
		json_t *arr = json_array();

		for (size_t i = 0; i < q->nitems; i++) {
			const struct climate_item_rec *it = &q->items[i];
			json_t *x;

			if (!in[i])
				continue;
			x = json_pack("{s:s, s:s, s:i, s:s, s:b, s:{s:s, s:s}}",
			    "id", it->id,
			    "variant", climate_variant_name(it->variant),
			    "position", it->position,
			    "theme", climate_theme_name(it->theme),
			    "reverse", it->reverse,
			    "text", "nl", it->text_nl, "en", it->text_en);
			json_object_set_new(x, "score", stat_json(&res->item[i]));
			json_array_append_new(arr, x);
		}
		json_object_set_new(o, "items", arr);
	}
	return o;
}

static int
score_round(struct api_req *req, const struct climate_round_rec *r,
    int min_girls, int min_staff, bool items, struct scored *out,
    struct err *e)
{
	struct climate_q_rec q;
	struct climate_answer_rec *ans;
	size_t nans;

	if (store_climate_q_get(req->db, req->a, r->questionnaire_id, &q,
	    e) != 0 ||
	    store_climate_answers(req->db, req->a, r->id, &ans, &nans, e) != 0)
		return -1;
	for (int aud = 0; aud < 2; aud++) {
		bool staff = aud == 1;
		struct climate_item_def *defs = arena_alloc(req->a,
		    (q.nitems + 1) * sizeof *defs);
		struct climate_stat *ist = arena_alloc(req->a,
		    (q.nitems + 1) * sizeof *ist);
		bool *in = arena_alloc(req->a, (q.nitems + 1) * sizeof *in);
		size_t nresp = 0;
		int *values;
		enum climate_variant *rv;
		struct climate_result res;
		const char *last = NULL;

		for (size_t i = 0; i < q.nitems; i++) {
			defs[i].variant = q.items[i].variant;
			defs[i].theme = q.items[i].theme;
			defs[i].reverse = q.items[i].reverse;
			in[i] = (q.items[i].variant == CLIMATE_STAFF) == staff;
		}
		for (size_t k = 0; k < nans; k++)
			if (ans[k].staff == staff && (last == NULL ||
			    strcmp(last, ans[k].response_id) != 0)) {
				nresp++;
				last = ans[k].response_id;
			}
		values = arena_alloc(req->a, (nresp * q.nitems + 1) *
		    sizeof *values);
		rv = arena_alloc(req->a, (nresp + 1) * sizeof *rv);
		memset(values, 0, (nresp * q.nitems + 1) * sizeof *values);
		last = NULL;
		for (size_t k = 0, r_i = 0; k < nans; k++) {
			if (ans[k].staff != staff)
				continue;
			if (last != NULL && strcmp(last, ans[k].response_id) != 0)
				r_i++;
			last = ans[k].response_id;
			for (size_t i = 0; i < q.nitems; i++)
				if (strcmp(q.items[i].id, ans[k].item_id) == 0) {
					values[r_i * q.nitems + i] = ans[k].value;
					rv[r_i] = q.items[i].variant;
				}
		}
		if (climate_score(defs, q.nitems, q.q.points, values, rv, nresp,
		    staff ? min_staff : min_girls, &res, ist) != 0)
			return err_set(e, ERR_INTERNAL, NULL,
			    "stored answers outside the scale");
		*(staff ? &out->staff : &out->girls) = audience_json(&q, &res,
		    in, staff ? min_staff : min_girls, items);
	}
	return 0;
}

static json_t *
scored_json(struct scored *s)
{
	return json_pack("{s:o, s:o}", "girls", s->girls, "staff", s->staff);
}

/* ---- coordinator handlers ---- */

int
api_climate_questionnaires(API_ARGS)
{
	struct climate_q_brief *v;
	size_t n;
	json_t *arr;

	if (begin(req, "climate_questionnaire", e) != 0)
		return -1;
	if (store_climate_q_list(req->db, req->a, &v, &n, e) != 0)
		return gate_fail(req);
	arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:i, "
		    "s:i}", "id", v[i].id, "name", v[i].name,
		    "version", v[i].version, "source", v[i].source,
		    "scale_points", v[i].points, "items", v[i].nitems));
	return finish(req, "list", "climate_questionnaire", NULL, resp, 200,
	    json_pack("{s:o}", "items", arr), e);
}

/* begin, then her institution's groups and all their rounds. */
static int
begin_groups(struct api_req *req, const char *object_type,
    struct climate_group_rec **g, size_t *ng, struct climate_round_rec **r,
    size_t *nr, struct err *e)
{
	if (begin(req, object_type, e) != 0)
		return -1;
	if (store_climate_groups(req->db, req->a, req->who->org_id, g, ng,
	    e) != 0 ||
	    store_climate_rounds(req->db, req->a, NULL, req->who->org_id, r,
	    nr, e) != 0)
		return gate_fail(req);
	return 0;
}

int
api_climate_groups(API_ARGS)
{
	struct climate_group_rec *g;
	struct climate_round_rec *r;
	size_t ng, nr;
	dl_date today = date_today();
	json_t *arr;

	if (begin_groups(req, "climate_group", &g, &ng, &r, &nr, e) != 0)
		return -1;
	arr = json_array();
	for (size_t i = 0; i < ng; i++) {
		json_t *o = group_json(&g[i]), *rounds = json_array();

		for (size_t k = 0; k < nr; k++)
			if (strcmp(r[k].group_id, g[i].id) == 0)
				json_array_append_new(rounds,
				    round_json(&r[k], today));
		json_object_set_new(o, "rounds", rounds);
		json_array_append_new(arr, o);
	}
	return finish(req, "list", "climate_group", NULL, resp, 200,
	    json_pack("{s:o}", "items", arr), e);
}

int
api_climate_group_create(API_ARGS)
{
	const char *name = NULL, *location = NULL;
	struct climate_group_rec g;
	char id[ID_LEN + 1];
	const struct api_field f[] = {
		{ "name", F_STRING, true, false, &name, NAME_MAX_LEN, NULL, NULL },
		{ "location", F_STRING, true, false, &location, NAME_MAX_LEN,
		    NULL, NULL },
	};

	if (coordinator_only(req, "climate_group", e) != 0)
		return -1;
	if (api_parse_object(req, f, sizeof f / sizeof f[0], e) != 0)
		return -1;
	if (db_begin_write(req->db, e) != 0)
		return -1;
	if (store_climate_group_create(req->db, req->a, req->who->org_id, name,
	    location, req->who->user_id, id, e) != 0 ||
	    store_climate_group_get(req->db, req->a, id, &g, e) != 0)
		return gate_fail(req);
	return finish(req, "create", "climate_group", id, resp, 201,
	    group_json(&g), e);
}

int
api_climate_round_create(API_ARGS)
{
	const char *qid = NULL;
	dl_date opens = DATE_NONE, closes = DATE_NONE;
	struct climate_group_rec g;
	struct climate_round_rec r;
	struct climate_q_rec q;
	char id[ID_LEN + 1];
	const struct api_field f[] = {
		{ "questionnaire_id", F_ID, true, false, &qid, 0, NULL, NULL },
		{ "opens_on", F_DATE, true, false, &opens, 0, NULL, NULL },
		{ "closes_on", F_DATE, true, false, &closes, 0, NULL, NULL },
	};

	if (coordinator_only(req, "climate_round", e) != 0)
		return -1;
	if (api_parse_object(req, f, sizeof f / sizeof f[0], e) != 0)
		return -1;
	if (closes < opens)
		return err_setr(e, ERR_INVALID, "closes_on",
		    R_CLIMATE_CLOSES_BEFORE_OPENS,
		    "the round closes before it opens");
	if (db_begin_write(req->db, e) != 0)
		return -1;
	if (own_record(req, req->params[0], &g, NULL, e) != 0)
		return -1;
	if (store_climate_q_get(req->db, req->a, qid, &q, e) != 0) {
		if (e->code == ERR_NOT_FOUND)
			err_setr(e, ERR_INVALID, "questionnaire_id",
			    R_CLIMATE_QUESTIONNAIRE_UNKNOWN,
			    "no such questionnaire");
		return gate_fail(req);
	}
	if (store_climate_round_create(req->db, req->a, g.id, qid, opens,
	    closes, req->who->user_id, id, e) != 0 ||
	    store_climate_round_get(req->db, req->a, id, &r, e) != 0)
		return gate_fail(req);
	return finish(req, "create", "climate_round", id, resp, 201,
	    round_json(&r, date_today()), e);
}

static API_ENUM_PARSER(parse_variant, enum climate_variant,
    climate_variant_parse)

int
api_climate_codes(API_ARGS)
{
	struct climate_round_rec r;
	int variant = -1;
	int64_t count = 0;
	json_t *arr;
	const struct api_field f[] = {
		{ "variant", F_ENUM, true, false, &variant, 0, parse_variant,
		    NULL },
		{ "count", F_INT, true, false, &count, 0, NULL, NULL },
	};

	if (coordinator_only(req, "climate_code", e) != 0)
		return -1;
	if (api_parse_object(req, f, sizeof f / sizeof f[0], e) != 0)
		return -1;
	if (count < 1 || count > CODES_MAX)
		return err_setr(e, ERR_INVALID, "count", R_CLIMATE_COUNT_RANGE,
		    "count is from 1 to %d", CODES_MAX);
	if (db_begin_write(req->db, e) != 0)
		return -1;
	if (own_record(req, req->params[0], NULL, &r, e) != 0)
		return -1;
	if (date_today() > r.closes_on) {
		db_rollback(req->db);
		return err_setr(e, ERR_CONFLICT, NULL, R_CLIMATE_ROUND_CLOSED,
		    "this round has closed");
	}
	arr = json_array();
	for (int64_t i = 0; i < count; i++) {
		char code[CLIMATE_CODE_LEN + 1];
		struct crypto_hashes hs;

		climate_code_new(code);
		(void)climate_code_hashes(code, &hs);
		if (store_climate_code_add(req->db, req->a, r.id,
		    (enum climate_variant)variant, &hs, e) != 0) {
			json_decref(arr);
			return gate_fail(req);
		}
		json_array_append_new(arr, json_string(code));
	}
	return finish(req, "create", "climate_code", r.id, resp, 201,
	    json_pack("{s:s, s:s, s:o}", "round_id", r.id,
	    "variant", climate_variant_name((enum climate_variant)variant),
	    "codes", arr), e);
}

int
api_climate_report(API_ARGS)
{
	struct climate_round_rec r, *all;
	struct scored now, prev;
	const struct climate_round_rec *before = NULL;
	size_t n;
	int min_g, min_s;
	json_t *body;

	if (begin(req, "climate_report", e) != 0)
		return -1;
	if (own_record(req, req->params[0], NULL, &r, e) != 0)
		return -1;
	if (store_climate_thresholds(req->db, req->a, &min_g, &min_s, e) != 0 ||
	    store_climate_rounds(req->db, req->a, r.group_id, NULL, &all, &n,
	    e) != 0 ||
	    score_round(req, &r, min_g, min_s, true, &now, e) != 0)
		return gate_fail(req);
	for (size_t i = 0; i < n; i++)
		if (strcmp(all[i].id, r.id) != 0 &&
		    (all[i].opens_on < r.opens_on ||
		    (all[i].opens_on == r.opens_on &&
		    strcmp(all[i].id, r.id) < 0)))
			before = &all[i];
	body = json_pack("{s:o, s:o, s:o}", "round", round_json(&r, date_today()),
	    "girls", now.girls, "staff", now.staff);
	if (before != NULL) {
		if (score_round(req, before, min_g, min_s, false, &prev, e) != 0) {
			json_decref(body);
			return gate_fail(req);
		}
		json_object_set_new(body, "previous", json_pack("{s:o, s:o, s:o}",
		    "round", round_json(before, date_today()),
		    "girls", prev.girls, "staff", prev.staff));
	} else {
		json_object_set_new(body, "previous", json_null());
	}
	return finish(req, "read", "climate_report", r.id, resp, 200, body, e);
}

int
api_climate_trend(API_ARGS)
{
	struct climate_group_rec g;
	struct climate_round_rec *r;
	size_t n;
	int min_g, min_s;
	json_t *arr;

	if (begin(req, "climate_trend", e) != 0)
		return -1;
	if (own_record(req, req->params[0], &g, NULL, e) != 0)
		return -1;
	if (store_climate_thresholds(req->db, req->a, &min_g, &min_s, e) != 0 ||
	    store_climate_rounds(req->db, req->a, g.id, NULL, &r, &n, e) != 0)
		return gate_fail(req);
	arr = json_array();
	for (size_t i = 0; i < n; i++) {
		struct scored s;
		json_t *o;

		if (score_round(req, &r[i], min_g, min_s, false, &s, e) != 0) {
			json_decref(arr);
			return gate_fail(req);
		}
		o = scored_json(&s);
		json_object_set_new(o, "round", round_json(&r[i], date_today()));
		json_array_append_new(arr, o);
	}
	return finish(req, "read", "climate_trend", g.id, resp, 200,
	    json_pack("{s:o, s:o}", "group", group_json(&g), "rounds", arr), e);
}

int
api_climate_overview(API_ARGS)
{
	struct climate_group_rec *g;
	struct climate_round_rec *r;
	size_t ng, nr;
	int min_g, min_s;
	dl_date today = date_today();
	json_t *arr;

	if (begin_groups(req, "climate_overview", &g, &ng, &r, &nr, e) != 0)
		return -1;
	if (store_climate_thresholds(req->db, req->a, &min_g, &min_s, e) != 0)
		return gate_fail(req);
	arr = json_array();
	for (size_t i = 0; i < ng; i++) {
		const struct climate_round_rec *latest = NULL;
		json_t *o = group_json(&g[i]);

		/* The latest round that has opened. */
		for (size_t k = 0; k < nr; k++)
			if (strcmp(r[k].group_id, g[i].id) == 0 &&
			    r[k].opens_on <= today)
				latest = &r[k];
		if (latest != NULL) {
			struct scored s;
			json_t *x;

			if (score_round(req, latest, min_g, min_s, false, &s,
			    e) != 0) {
				json_decref(o);
				json_decref(arr);
				return gate_fail(req);
			}
			x = scored_json(&s);
			json_object_set_new(x, "round", round_json(latest, today));
			json_object_set_new(o, "latest", x);
		} else {
			json_object_set_new(o, "latest", json_null());
		}
		json_array_append_new(arr, o);
	}
	return finish(req, "read", "climate_overview", NULL, resp, 200,
	    json_pack("{s:o, s:{s:i, s:i}, s:o}", "as_of", api_date(today),
	    "threshold", "girls", min_g, "staff", min_s, "groups", arr), e);
}

/* ---- public answering ---- */

struct answering {
	struct climate_code_rec code;
	struct climate_q_rec q;
};

/* Parse {code, ...} (f NULL: {code} alone), open a write transaction, find
 * the code, check the round's window and that the code is unspent. */
static int
answer_begin(struct api_req *req, const struct api_field *f, size_t nf,
    const char **code, struct answering *an, struct err *e)
{
	struct crypto_hashes hs;
	dl_date today = date_today();
	const struct api_field code_only[] = {
		{ "code", F_STRING, true, false, code, CODE_MAX, NULL, NULL },
	};

	if (f == NULL) {
		f = code_only;
		nf = API_NFIELDS(code_only);
	}
	if (api_parse_object(req, f, nf, e) != 0)
		return -1;
	if (climate_code_hashes(*code, &hs) != 0)
		return err_setr(e, ERR_INVALID, "code", R_CLIMATE_CODE_FORMAT,
		    "a code is ten letters and digits");
	if (db_begin_write(req->db, e) != 0)
		return -1;
	if (store_climate_code_find(req->db, req->a, &hs, &an->code, e) != 0)
		return gate_fail(req);
	if (an->code.spent) {
		db_rollback(req->db);
		return err_setr(e, ERR_CONFLICT, "code", R_CLIMATE_CODE_SPENT,
		    "this code has been used already");
	}
	if (today < an->code.round.opens_on || today > an->code.round.closes_on) {
		db_rollback(req->db);
		return err_setr(e, ERR_CONFLICT, "code",
		    today < an->code.round.opens_on ? R_CLIMATE_ROUND_NOT_OPEN :
		    R_CLIMATE_ROUND_CLOSED, "this round is not open");
	}
	if (store_climate_q_get(req->db, req->a, an->code.round.questionnaire_id,
	    &an->q, e) != 0)
		return gate_fail(req);
	return 0;
}

int
api_climate_answer_start(API_ARGS)
{
	const char *code = NULL;
	struct answering an;
	json_t *items, *labels, *answers;
	int *values;

	if (answer_begin(req, NULL, 0, &code, &an, e) != 0)
		return -1;
	values = arena_alloc(req->a, (an.q.nitems + 1) * sizeof *values);
	if (store_climate_draft_get(req->db, req->a, an.code.id, &an.q, values,
	    e) != 0)
		return gate_fail(req);
	items = json_array();
	answers = json_object();
	for (size_t i = 0; i < an.q.nitems; i++) {
		const struct climate_item_rec *it = &an.q.items[i];

		if (it->variant != an.code.variant)
			continue;
		json_array_append_new(items, json_pack("{s:s, s:i, s:{s:s, s:s}}",
		    "id", it->id, "position", it->position,
		    "text", "nl", it->text_nl, "en", it->text_en));
		if (values[i] != 0)
			json_object_set_new(answers, it->id,
			    json_integer(values[i]));
	}
	labels = json_array();
	for (int v = 1; v <= an.q.q.points; v++)
		json_array_append_new(labels, json_pack("{s:i, s:s, s:s}",
		    "value", v, "nl", an.q.label_nl[v] ? an.q.label_nl[v] : "",
		    "en", an.q.label_en[v] ? an.q.label_en[v] : ""));
	return answer_commit(req, resp, 200, json_pack("{s:s, s:s, s:s, s:o, "
	    "s:{s:i, s:o}, s:o, s:o}",
	    "group_name", an.code.round.group_name,
	    "variant", climate_variant_name(an.code.variant),
	    "audience", climate_audience_of(an.code.variant),
	    "closes_on", api_date(an.code.round.closes_on),
	    "scale", "points", an.q.q.points, "labels", labels,
	    "items", items, "answers", answers), e);
}

int
api_climate_answer_save(API_ARGS)
{
	const char *code = NULL, *item = NULL;
	int64_t value = 0;
	bool has_value = false;
	struct answering an;
	const struct api_field f[] = {
		{ "code", F_STRING, true, false, &code, CODE_MAX, NULL, NULL },
		{ "item_id", F_ID, true, false, &item, 0, NULL, NULL },
		{ "value", F_INT, true, true, &value, 0, NULL, &has_value },
	};
	size_t i;

	if (answer_begin(req, f, sizeof f / sizeof f[0], &code, &an, e) != 0)
		return -1;
	for (i = 0; i < an.q.nitems; i++)
		if (strcmp(an.q.items[i].id, item) == 0 &&
		    an.q.items[i].variant == an.code.variant)
			break;
	if (i == an.q.nitems) {
		db_rollback(req->db);
		return err_setr(e, ERR_INVALID, "item_id", R_CLIMATE_ITEM_UNKNOWN,
		    "this question is not in your questionnaire");
	}
	if (value < 0 || value > an.q.q.points) {
		db_rollback(req->db);
		return err_setr(e, ERR_INVALID, "value", R_CLIMATE_VALUE_OFF_SCALE,
		    "the answer is from 1 to %d, or null", an.q.q.points);
	}
	if (store_climate_draft_put(req->db, an.code.id, item, (int)value,
	    e) != 0)
		return gate_fail(req);
	return answer_commit(req, resp, 204, NULL, e);
}

int
api_climate_answer_finish(API_ARGS)
{
	const char *code = NULL;
	struct answering an;

	if (answer_begin(req, NULL, 0, &code, &an, e) != 0)
		return -1;
	if (store_climate_submit(req->db, req->a, an.code.id, an.code.round_id,
	    an.code.variant == CLIMATE_STAFF, e) != 0)
		return gate_fail(req);
	return answer_commit(req, resp, 201, json_pack("{s:b}", "done", 1), e);
}
