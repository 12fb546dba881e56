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

static const char *const goal_names[GOAL__COUNT] = { "open", "achieved",
	"dropped" };

const char *
goal_status_name(enum goal_status s)
{
	return goal_names[s];
}

int
goal_status_parse(const char *s, enum goal_status *out)
{
	for (int i = 0; s != NULL && i < GOAL__COUNT; i++)
		if (strcmp(goal_names[i], s) == 0) {
			*out = (enum goal_status)i;
			return 0;
		}
	return -1;
}

static int
history_add(struct db *db, struct arena *a, const char *tid,
    enum life_domain d, const char *goal_id, const char *field,
    const char *value, const char *user_id, struct err *e)
{
	char now[INSTANT_LEN + 1];
	struct db_stmt *st = NULL;
	char *id = store_new_id(a, now);

	if (db_prepare(db, "INSERT INTO domain_history (id, trajectory_id, "
	    "domain, goal_id, field, value_enc, changed_by, changed_at) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?)", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, tid);
	db_bind_text(st, 3, life_domain_name(d));
	db_bind_text(st, 4, goal_id);
	db_bind_text(st, 5, field);
	store_bind_enc(st, 6, a, "domain_history", "value", id, value);
	db_bind_text(st, 7, user_id);
	db_bind_text(st, 8, now);
	return store_step_done(st, e);
}

int
store_domains_get(struct db *db, struct arena *a, const char *trajectory_id,
    struct domain_rec out[DOM__COUNT], struct err *e)
{
	struct db_stmt *st = NULL;
	int rc;

	for (int d = 0; d < DOM__COUNT; d++) {
		memset(&out[d], 0, sizeof out[d]);
		out[d].domain = (enum life_domain)d;
		out[d].status = DS_NOT_ASSESSED;
	}
	if (db_prepare(db, "SELECT l.id, l.domain, l.status, l.her_words_enc, "
	    "u.display_name, l.updated_at FROM life_domain l LEFT JOIN app_user "
	    "u ON u.id = l.updated_by WHERE l.trajectory_id = ?", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, trajectory_id);
	while ((rc = db_step(st, e)) == 1) {
		enum life_domain d;
		struct domain_rec *r;
		char *id;

		if (life_domain_parse(db_col_text(st, 1), &d) != 0)
			continue;
		r = &out[d];
		id = store_col_str(st, a, 0);
		if (domain_status_parse(db_col_text(st, 2), &r->status) != 0)
			r->status = DS_NOT_ASSESSED;
		r->updated_by_name = store_col_str(st, a, 4);
		r->updated_at = store_col_str(st, a, 5);
		if (store_col_dec(st, 3, a, "life_domain", "her_words", id,
		    &r->her_words, e) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

int
store_domain_put(struct db *db, struct arena *a, const char *trajectory_id,
    enum life_domain d, const enum domain_status *status,
    const char *her_words, bool words_present, const char *user_id,
    struct err *e)
{
	char now[INSTANT_LEN + 1];
	struct db_stmt *st = NULL;
	char *id = NULL, *words = NULL;
	enum domain_status cur = DS_NOT_ASSESSED;
	int rc;

	if (db_prepare(db, "SELECT id, status, her_words_enc FROM life_domain "
	    "WHERE trajectory_id = ? AND domain = ?", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, trajectory_id);
	db_bind_text(st, 2, life_domain_name(d));
	rc = db_step(st, e);
	if (rc == 1) {
		id = store_col_str(st, a, 0);
		if (domain_status_parse(db_col_text(st, 1), &cur) != 0)
			cur = DS_NOT_ASSESSED;
		if (store_col_dec(st, 2, a, "life_domain", "her_words", id,
		    &words, e) != 0)
			rc = -1;
	}
	db_finalize(st);
	if (rc < 0)
		return -1;
	if (status != NULL)
		cur = *status;
	if (words_present)
		words = (char *)her_words;
	if (id == NULL) {
		id = store_new_id(a, now);
		if (db_prepare(db, "INSERT INTO life_domain (id, trajectory_id, "
		    "domain, status, her_words_enc, updated_by, updated_at) "
		    "VALUES (?, ?, ?, ?, ?, ?, ?)", &st, e) != 0)
			return -1;
		db_bind_text(st, 1, id);
		db_bind_text(st, 2, trajectory_id);
		db_bind_text(st, 3, life_domain_name(d));
		db_bind_text(st, 4, domain_status_name(cur));
		store_bind_enc(st, 5, a, "life_domain", "her_words", id, words);
		db_bind_text(st, 6, user_id);
		db_bind_text(st, 7, now);
	} else {
		instant_now(now);
		if (db_prepare(db, "UPDATE life_domain SET status = ?, "
		    "her_words_enc = ?, updated_by = ?, updated_at = ? WHERE "
		    "id = ?", &st, e) != 0)
			return -1;
		db_bind_text(st, 1, domain_status_name(cur));
		store_bind_enc(st, 2, a, "life_domain", "her_words", id, words);
		db_bind_text(st, 3, user_id);
		db_bind_text(st, 4, now);
		db_bind_text(st, 5, id);
	}
	if (store_step_done(st, e) != 0)
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

static int
goal_read(struct db_stmt *st, struct arena *a, struct goal_rec *g,
    struct err *e)
{
	memset(g, 0, sizeof *g);
	g->id = store_col_str(st, a, 0);
	if (life_domain_parse(db_col_text(st, 1), &g->domain) != 0)
		g->domain = DOM_SAFETY;
	g->owner_id = store_col_str(st, a, 3);
	g->owner_name = store_col_str(st, a, 4);
	g->target = store_col_date(st, 5);
	if (goal_status_parse(db_col_text(st, 6), &g->status) != 0)
		g->status = GOAL_OPEN;
	g->created_at = store_col_str(st, a, 7);
	g->updated_at = store_col_str(st, a, 8);
	return store_col_dec(st, 2, a, "domain_goal", "text", g->id, &g->text,
	    e);
}

int
store_goals_list(struct db *db, struct arena *a, const char *trajectory_id,
    struct goal_rec **out, size_t *n, struct err *e)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (db_prepare(db, "SELECT " GOAL_COLS GOAL_FROM "ORDER BY g.created_at, "
	    "g.id", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, trajectory_id);
	while ((rc = db_step(st, e)) == 1) {
		struct goal_rec *g = store_grow(a, (void **)out, n, &cap,
		    sizeof *g);

		if (goal_read(st, a, g, e) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

int
store_goal_get(struct db *db, struct arena *a, const char *trajectory_id,
    const char *id, struct goal_rec *out, struct err *e)
{
	struct db_stmt *st = NULL;
	int rc;

	if (db_prepare(db, "SELECT " GOAL_COLS GOAL_FROM "AND g.id = ?", &st,
	    e) != 0)
		return -1;
	db_bind_text(st, 1, trajectory_id);
	db_bind_text(st, 2, id);
	rc = db_step(st, e);
	if (rc == 1)
		rc = goal_read(st, a, out, e) == 0 ? 1 : -1;
	db_finalize(st);
	if (rc == 0)
		return err_setr(e, ERR_NOT_FOUND, NULL,
		    R_GOAL_NOT_FOUND, "goal not found");
	return rc < 0 ? -1 : 0;
}

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
	struct db_stmt *st = NULL;

	g->id = store_new_id(a, now);
	if (db_prepare(db, "INSERT INTO domain_goal (id, trajectory_id, domain, "
	    "text_enc, owner_user_id, target_date, status, created_at, "
	    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, g->id);
	db_bind_text(st, 2, trajectory_id);
	db_bind_text(st, 3, life_domain_name(g->domain));
	store_bind_enc(st, 4, a, "domain_goal", "text", g->id, g->text);
	db_bind_text(st, 5, g->owner_id);
	store_bind_date(st, 6, g->target);
	db_bind_text(st, 7, goal_status_name(g->status));
	db_bind_text(st, 8, now);
	db_bind_text(st, 9, now);
	if (store_step_done(st, e) != 0)
		return -1;
	return history_add(db, a, trajectory_id, g->domain, g->id, "goal",
	    goal_summary(a, g), user_id, e);
}

int
store_goal_update(struct db *db, struct arena *a, const char *trajectory_id,
    const struct goal_rec *g, const char *user_id, struct err *e)
{
	char now[INSTANT_LEN + 1];
	struct db_stmt *st = NULL;

	instant_now(now);
	if (db_prepare(db, "UPDATE domain_goal SET text_enc = ?, "
	    "owner_user_id = ?, target_date = ?, status = ?, updated_at = ? "
	    "WHERE id = ? AND trajectory_id = ?", &st, e) != 0)
		return -1;
	store_bind_enc(st, 1, a, "domain_goal", "text", g->id, g->text);
	db_bind_text(st, 2, g->owner_id);
	store_bind_date(st, 3, g->target);
	db_bind_text(st, 4, goal_status_name(g->status));
	db_bind_text(st, 5, now);
	db_bind_text(st, 6, g->id);
	db_bind_text(st, 7, trajectory_id);
	if (store_step_done(st, e) != 0)
		return -1;
	return history_add(db, a, trajectory_id, g->domain, g->id, "goal",
	    goal_summary(a, g), user_id, e);
}

int
store_domain_history(struct db *db, struct arena *a,
    const char *trajectory_id, struct domain_change **out, size_t *n,
    struct err *e)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (db_prepare(db, "SELECT h.id, h.domain, h.goal_id, h.field, "
	    "h.value_enc, u.display_name, h.changed_at FROM domain_history h "
	    "LEFT JOIN app_user u ON u.id = h.changed_by WHERE "
	    "h.trajectory_id = ? ORDER BY h.changed_at DESC, h.id DESC", &st,
	    e) != 0)
		return -1;
	db_bind_text(st, 1, trajectory_id);
	while ((rc = db_step(st, e)) == 1) {
		struct domain_change *c = store_grow(a, (void **)out, n, &cap,
		    sizeof *c);
		char *id = store_col_str(st, a, 0);

		if (life_domain_parse(db_col_text(st, 1), &c->domain) != 0)
			c->domain = DOM_SAFETY;
		c->goal_id = store_col_str(st, a, 2);
		c->field = store_col_str(st, a, 3);
		c->changed_by = store_col_str(st, a, 5);
		c->changed_at = store_col_str(st, a, 6);
		if (store_col_dec(st, 4, a, "domain_history", "value", id,
		    &c->value, e) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}
