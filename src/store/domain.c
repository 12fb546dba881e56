/*
 * domain.c - the integral plan of R7: a status and her own words per life
 * domain, goals per domain, and the history of every change.
 *
 * Invariants:
 *   1. A domain without a row is not assessed; the row is made on the
 *      first change (select, then insert or update: no UPSERT, so both
 *      databases run the same SQL).
 *   2. Every change writes a domain_history row in the same transaction,
 *      with who and when; history is never updated or deleted.
 *   3. Her words, goals and history values are encrypted with their row
 *      id bound in.
 */
#include "store/cont_impl.h"
#include "util/names.h"

static const char *const goal_names[GOAL__COUNT] = { "open", "achieved",
	"dropped" };

NAMES_DEFINE(goal_status, enum goal_status, goal_names, GOAL__COUNT)

static int
history_add(struct db *db, struct arena *a, const char *tid,
    enum life_domain d, const char *goal_id, const char *field,
    const char *value, const char *user_id, struct err *e)
{
	char now[INSTANT_LEN + 1];
	char *id = store_new_id(a, now);

	return store_exec(db, a, e, "INSERT INTO domain_history (id, "
	    "trajectory_id, domain, goal_id, field, value_enc, changed_by, "
	    "changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "sssssess", id, tid,
	    life_domain_name(d), goal_id, field, "domain_history", "value", id,
	    value, user_id, now) < 0 ? -1 : 0;
}

static int
domain_row(struct db_stmt *st, void *ctx, struct err *e)
{
	struct store_into *cx = ctx;
	struct domain_rec *out = cx->out;
	struct domain_rec r;
	char *id = NULL, *domain = NULL, *status = NULL;
	enum life_domain d;

	memset(&r, 0, sizeof r);
	if (store_row(st, cx->a, e, "sssess", &id, &domain, &status,
	    "life_domain", "her_words", &id, &r.her_words, &r.updated_by_name,
	    &r.updated_at) != 0)
		return -1;
	if (life_domain_parse(domain, &d) != 0)
		return 0;
	r.domain = d;
	if (domain_status_parse(status, &r.status) != 0)
		r.status = DS_NOT_ASSESSED;
	out[d] = r;
	return 0;
}

int
store_domains_get(struct db *db, struct arena *a, const char *trajectory_id,
    struct domain_rec out[DOM__COUNT], struct err *e)
{
	struct store_into cx = { a, out };

	for (int d = 0; d < DOM__COUNT; d++) {
		memset(&out[d], 0, sizeof out[d]);
		out[d].domain = (enum life_domain)d;
		out[d].status = DS_NOT_ASSESSED;
	}
	return store_each(db, a, e, domain_row, &cx, "SELECT l.id, l.domain, "
	    "l.status, l.her_words_enc, u.display_name, l.updated_at FROM "
	    "life_domain l LEFT JOIN app_user u ON u.id = l.updated_by WHERE "
	    "l.trajectory_id = ?", "s", trajectory_id) < 0 ? -1 : 0;
}

int
store_domain_put(struct db *db, struct arena *a, const char *trajectory_id,
    enum life_domain d, const enum domain_status *status,
    const char *her_words, bool words_present, const char *user_id,
    struct err *e)
{
	char now[INSTANT_LEN + 1];
	char *id = NULL, *words = NULL, *cur_name = NULL;
	enum domain_status cur = DS_NOT_ASSESSED;
	int rc;

	rc = store_one(db, a, e, "SELECT id, status, her_words_enc FROM "
	    "life_domain WHERE trajectory_id = ? AND domain = ?", "ss", "sse",
	    trajectory_id, life_domain_name(d), &id, &cur_name, "life_domain",
	    "her_words", &id, &words);
	if (rc < 0)
		return -1;
	if (rc == 1 && domain_status_parse(cur_name, &cur) != 0)
		cur = DS_NOT_ASSESSED;
	if (status != NULL)
		cur = *status;
	if (words_present)
		words = (char *)her_words;
	if (id == NULL) {
		id = store_new_id(a, now);
		rc = store_exec(db, a, e, "INSERT INTO life_domain (id, "
		    "trajectory_id, domain, status, her_words_enc, updated_by, "
		    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", "ssssess", id,
		    trajectory_id, life_domain_name(d), domain_status_name(cur),
		    "life_domain", "her_words", id, words, user_id, now);
	} else {
		instant_now(now);
		rc = store_exec(db, a, e, "UPDATE life_domain SET status = ?, "
		    "her_words_enc = ?, updated_by = ?, updated_at = ? WHERE "
		    "id = ?", "sesss", domain_status_name(cur), "life_domain",
		    "her_words", id, words, user_id, now, id);
	}
	if (rc < 0)
		return -1;
	if (status != NULL && history_add(db, a, trajectory_id, d, NULL,
	    "status", domain_status_name(cur), user_id, e) != 0)
		return -1;
	if (words_present && history_add(db, a, trajectory_id, d, NULL,
	    "her_words", words, user_id, e) != 0)
		return -1;
	return 0;
}

#define GOAL_COLS "g.id, g.domain, g.text_enc, g.owner_user_id, " \
	"u.display_name, g.target_date, g.status, g.created_at, g.updated_at"
#define GOAL_FROM " FROM domain_goal g LEFT JOIN app_user u ON u.id = " \
	"g.owner_user_id WHERE g.trajectory_id = ? "

STORE_KIND(domain_col, life_domain_parse, enum life_domain, DOM_SAFETY)
STORE_KIND(goal_col, goal_status_parse, enum goal_status, GOAL_OPEN)

STORE_ROW_FN(goal_row, struct goal_rec, g, "skessdkss", &g->id, domain_col,
    &g->domain, "domain_goal", "text", &g->id, &g->text, &g->owner_id,
    &g->owner_name, &g->target, goal_col, &g->status, &g->created_at,
    &g->updated_at)

STORE_LIST_FN(store_goals_list, struct goal_rec, goal_row,
    const char *, trajectory_id, "SELECT " GOAL_COLS GOAL_FROM "ORDER BY "
    "g.created_at, g.id", "s", trajectory_id)

STORE_GET_FN(store_goal_get, struct goal_rec, goal_row, trajectory_id,
    R_GOAL_NOT_FOUND, "goal", "SELECT " GOAL_COLS GOAL_FROM "AND g.id = ?",
    "ss", trajectory_id, id)

static const char *
goal_summary(struct arena *a, const struct goal_rec *g)
{
	char t[DATE_STR_LEN + 1];

	date_format(g->target, t);
	return arena_printf(a, "%s [%s%s%s]", g->text,
	    goal_status_name(g->status), t[0] ? ", " : "", t);
}

int
store_goal_insert(struct db *db, struct arena *a, const char *trajectory_id,
    struct goal_rec *g, const char *user_id, struct err *e)
{
	char now[INSTANT_LEN + 1];

	g->id = store_new_id(a, now);
	if (store_exec(db, a, e, "INSERT INTO domain_goal (id, trajectory_id, "
	    "domain, text_enc, owner_user_id, target_date, status, created_at, "
	    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", "sssesdsss",
	    g->id, trajectory_id, life_domain_name(g->domain), "domain_goal",
	    "text", g->id, g->text, g->owner_id, g->target,
	    goal_status_name(g->status), now, now) < 0)
		return -1;
	return history_add(db, a, trajectory_id, g->domain, g->id, "goal",
	    goal_summary(a, g), user_id, e);
}

int
store_goal_update(struct db *db, struct arena *a, const char *trajectory_id,
    const struct goal_rec *g, const char *user_id, struct err *e)
{
	char now[INSTANT_LEN + 1];

	instant_now(now);
	if (store_exec(db, a, e, "UPDATE domain_goal SET text_enc = ?, "
	    "owner_user_id = ?, target_date = ?, status = ?, updated_at = ? "
	    "WHERE id = ? AND trajectory_id = ?", "esdssss", "domain_goal",
	    "text", g->id, g->text, g->owner_id, g->target,
	    goal_status_name(g->status), now, g->id, trajectory_id) < 0)
		return -1;
	return history_add(db, a, trajectory_id, g->domain, g->id, "goal",
	    goal_summary(a, g), user_id, e);
}

static int
change_row(struct db_stmt *st, void *ctx, struct err *e)
{
	struct store_list *l = ctx;
	struct domain_change *c = store_list_add(l);
	char *id = NULL, *domain = NULL;

	if (store_row(st, l->a, e, "ssssess", &id, &domain, &c->goal_id,
	    &c->field, "domain_history", "value", &id, &c->value,
	    &c->changed_by, &c->changed_at) != 0)
		return -1;
	if (life_domain_parse(domain, &c->domain) != 0)
		c->domain = DOM_SAFETY;
	return 0;
}

STORE_LIST_FN(store_domain_history, struct domain_change, change_row,
    const char *, trajectory_id, "SELECT h.id, h.domain, h.goal_id, h.field, "
    "h.value_enc, u.display_name, h.changed_at FROM domain_history h LEFT "
    "JOIN app_user u ON u.id = h.changed_by WHERE h.trajectory_id = ? ORDER "
    "BY h.changed_at DESC, h.id DESC", "s", trajectory_id)
