/*
 * transition.c - the transition plan of R4: one plan per trajectory with
 * her own view, and its ten items (owner, due date, status, notes; the
 * legal basis after 18 with the basis asked for, request and decision).
 *
 * Invariants:
 *   1. A plan is created with all ten items at once, so an item never
 *      goes missing; items are updated, never added or removed.
 *   2. Notes and her view are encrypted with their row id bound in.
 */
#include "store/cont_impl.h"

#define ITEM_COLS "i.id, i.kind, i.owner_user_id, u.display_name, " \
	"i.due_date, i.status, i.notes_enc, i.basis_kind, i.request_date, " \
	"i.decision, i.decision_date, i.updated_at"

static int
item_read(struct db_stmt *st, struct arena *a, struct plan_item_rec *it,
    struct err *e)
{
	enum basis_kind bk;

	memset(it, 0, sizeof *it);
	it->id = store_col_str(st, a, 0);
	if (plan_item_parse(db_col_text(st, 1), &it->kind) != 0)
		it->kind = ITEM_HOUSING;
	it->owner_id = store_col_str(st, a, 2);
	it->owner_name = store_col_str(st, a, 3);
	it->due = store_col_date(st, 4);
	if (item_status_parse(db_col_text(st, 5), &it->status) != 0)
		it->status = ITEM_OPEN;
	it->basis_kind = basis_kind_parse(db_col_text(st, 7), &bk) == 0 ?
	    (int)bk : -1;
	it->request_date = store_col_date(st, 8);
	if (decision_parse(db_col_text(st, 9), &it->decision) != 0)
		it->decision = DECISION_NONE;
	it->decision_date = store_col_date(st, 10);
	it->updated_at = store_col_str(st, a, 11);
	return store_col_dec(st, 6, a, "transition_item", "notes", it->id,
	    &it->notes, e);
}

int
store_plan_get(struct db *db, struct arena *a, const char *trajectory_id,
    struct plan_rec *out, bool *found, struct err *e)
{
	struct db_stmt *st = NULL;
	int rc;

	memset(out, 0, sizeof *out);
	*found = false;
	if (db_prepare(db, "SELECT id, opened_on, her_view_enc, created_at, "
	    "updated_at FROM transition_plan WHERE trajectory_id = ?", &st,
	    e) != 0)
		return -1;
	db_bind_text(st, 1, trajectory_id);
	rc = db_step(st, e);
	if (rc == 1) {
		out->id = store_col_str(st, a, 0);
		out->trajectory_id = arena_strdup(a, trajectory_id);
		out->opened_on = store_col_date(st, 1);
		out->created_at = store_col_str(st, a, 3);
		out->updated_at = store_col_str(st, a, 4);
		if (store_col_dec(st, 2, a, "transition_plan", "her_view",
		    out->id, &out->her_view, e) != 0)
			rc = -1;
	}
	db_finalize(st);
	if (rc <= 0)
		return rc;
	*found = true;
	if (db_prepare(db, "SELECT " ITEM_COLS " FROM transition_item i LEFT "
	    "JOIN app_user u ON u.id = i.owner_user_id WHERE i.plan_id = ?",
	    &st, e) != 0)
		return -1;
	db_bind_text(st, 1, out->id);
	while ((rc = db_step(st, e)) == 1) {
		struct plan_item_rec it;

		if (item_read(st, a, &it, e) != 0) {
			rc = -1;
			break;
		}
		out->items[it.kind] = it;
	}
	db_finalize(st);
	out->nitems = ITEM__COUNT;
	return rc < 0 ? -1 : 0;
}

int
store_plan_insert(struct db *db, struct arena *a, struct plan_rec *p,
    const char *user_id, dl_date eighteenth, struct err *e)
{
	char now[INSTANT_LEN + 1];
	struct db_stmt *st = NULL;
	int rc;

	p->id = store_new_id(a, now);
	if (db_prepare(db, "INSERT INTO transition_plan (id, trajectory_id, "
	    "opened_on, her_view_enc, created_by, created_at, updated_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?)", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, p->id);
	db_bind_text(st, 2, p->trajectory_id);
	store_bind_date(st, 3, p->opened_on);
	store_bind_enc(st, 4, a, "transition_plan", "her_view", p->id,
	    p->her_view);
	db_bind_text(st, 5, user_id);
	db_bind_text(st, 6, now);
	db_bind_text(st, 7, now);
	rc = db_step(st, e);
	db_finalize(st);
	if (rc < 0) {
		if (e->code == ERR_CONFLICT)
			err_setr(e, ERR_CONFLICT, NULL,
			    R_TRANSITION_PLAN_EXISTS,
			    "this trajectory has a transition plan already");
		return -1;
	}
	for (int k = 0; k < ITEM__COUNT; k++) {
		char inow[INSTANT_LEN + 1];
		char *iid = store_new_id(a, inow);
		dl_date due = plan_item_default_due((enum plan_item_kind)k,
		    eighteenth);

		if (due < p->opened_on)
			due = p->opened_on;
		if (db_prepare(db, "INSERT INTO transition_item (id, plan_id, "
		    "kind, due_date, status, created_at, updated_at) VALUES "
		    "(?, ?, ?, ?, 'open', ?, ?)", &st, e) != 0)
			return -1;
		db_bind_text(st, 1, iid);
		db_bind_text(st, 2, p->id);
		db_bind_text(st, 3, plan_item_name((enum plan_item_kind)k));
		store_bind_date(st, 4, due);
		db_bind_text(st, 5, inow);
		db_bind_text(st, 6, inow);
		if (store_step_done(st, e) != 0)
			return -1;
	}
	return 0;
}

int
store_plan_update(struct db *db, struct arena *a, const struct plan_rec *p,
    struct err *e)
{
	char now[INSTANT_LEN + 1];
	struct db_stmt *st = NULL;

	instant_now(now);
	if (db_prepare(db, "UPDATE transition_plan SET opened_on = ?, "
	    "her_view_enc = ?, updated_at = ? WHERE id = ?", &st, e) != 0)
		return -1;
	store_bind_date(st, 1, p->opened_on);
	store_bind_enc(st, 2, a, "transition_plan", "her_view", p->id,
	    p->her_view);
	db_bind_text(st, 3, now);
	db_bind_text(st, 4, p->id);
	return store_step_done(st, e);
}

int
store_plan_item_update(struct db *db, struct arena *a,
    const struct plan_item_rec *it, struct err *e)
{
	char now[INSTANT_LEN + 1];
	struct db_stmt *st = NULL;

	instant_now(now);
	if (db_prepare(db, "UPDATE transition_item SET owner_user_id = ?, "
	    "due_date = ?, status = ?, notes_enc = ?, basis_kind = ?, "
	    "request_date = ?, decision = ?, decision_date = ?, updated_at = ? "
	    "WHERE id = ?", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, it->owner_id);
	store_bind_date(st, 2, it->due);
	db_bind_text(st, 3, item_status_name(it->status));
	store_bind_enc(st, 4, a, "transition_item", "notes", it->id, it->notes);
	db_bind_text(st, 5, it->basis_kind >= 0 ?
	    basis_kind_name((enum basis_kind)it->basis_kind) : NULL);
	store_bind_date(st, 6, it->request_date);
	db_bind_text(st, 7, decision_name(it->decision));
	store_bind_date(st, 8, it->decision_date);
	db_bind_text(st, 9, now);
	db_bind_text(st, 10, it->id);
	return store_step_done(st, e);
}
