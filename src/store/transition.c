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
item_row(struct db_stmt *st, void *ctx, struct err *e)
{
	struct store_into *cx = ctx;
	struct plan_rec *p = cx->out;
	struct plan_item_rec it;
	char *kind = NULL, *status = NULL, *basis = NULL, *decision = NULL;
	enum basis_kind bk;

	memset(&it, 0, sizeof it);
	if (store_row(st, cx->a, e, "ssssdsesdsds", &it.id, &kind, &it.owner_id,
	    &it.owner_name, &it.due, &status, "transition_item", "notes", &it.id,
	    &it.notes, &basis, &it.request_date, &decision, &it.decision_date,
	    &it.updated_at) != 0)
		return -1;
	if (plan_item_parse(kind, &it.kind) != 0)
		it.kind = ITEM_HOUSING;
	if (item_status_parse(status, &it.status) != 0)
		it.status = ITEM_OPEN;
	it.basis_kind = basis_kind_parse(basis, &bk) == 0 ? (int)bk : -1;
	if (decision_parse(decision, &it.decision) != 0)
		it.decision = DECISION_NONE;
	p->items[it.kind] = it;
	return 0;
}
int
store_plan_get(struct db *db, struct arena *a, const char *trajectory_id,
    struct plan_rec *out, bool *found, struct err *e)
{
	struct store_into cx = { a, out };
	int rc;

	memset(out, 0, sizeof *out);
	*found = false;
	rc = store_one(db, a, e, "SELECT id, opened_on, her_view_enc, "
	    "created_at, updated_at FROM transition_plan WHERE "
	    "trajectory_id = ?", "s", "sdess", trajectory_id, &out->id,
	    &out->opened_on, "transition_plan", "her_view", &out->id,
	    &out->her_view, &out->created_at, &out->updated_at);
	if (rc <= 0)
		return rc;
	out->trajectory_id = arena_strdup(a, trajectory_id);
	*found = true;
	out->nitems = ITEM__COUNT;
	return store_each(db, a, e, item_row, &cx, "SELECT " ITEM_COLS " FROM "
	    "transition_item i LEFT JOIN app_user u ON u.id = i.owner_user_id "
	    "WHERE i.plan_id = ?", "s", out->id) < 0 ? -1 : 0;
}

int
store_plan_insert(struct db *db, struct arena *a, struct plan_rec *p,
    const char *user_id, dl_date eighteenth, struct err *e)
{
	char now[INSTANT_LEN + 1];

	p->id = store_new_id(a, now);
	if (store_exec(db, a, e, "INSERT INTO transition_plan (id, "
	    "trajectory_id, opened_on, her_view_enc, created_by, created_at, "
	    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", "ssdesss", p->id,
	    p->trajectory_id, p->opened_on, "transition_plan", "her_view", p->id,
	    p->her_view, user_id, now, now) < 0) {
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
		if (store_exec(db, a, e, "INSERT INTO transition_item (id, "
		    "plan_id, kind, due_date, status, created_at, updated_at) "
		    "VALUES (?, ?, ?, ?, 'open', ?, ?)", "sssdss", iid, p->id,
		    plan_item_name((enum plan_item_kind)k), due, inow, inow) < 0)
			return -1;
	}
	return 0;
}

int
store_plan_update(struct db *db, struct arena *a, const struct plan_rec *p,
    struct err *e)
{
	char now[INSTANT_LEN + 1];

	instant_now(now);
	return store_exec(db, a, e, "UPDATE transition_plan SET opened_on = ?, "
	    "her_view_enc = ?, updated_at = ? WHERE id = ?", "dess", p->opened_on,
	    "transition_plan", "her_view", p->id, p->her_view, now,
	    p->id) < 0 ? -1 : 0;
}

int
store_plan_item_update(struct db *db, struct arena *a,
    const struct plan_item_rec *it, struct err *e)
{
	char now[INSTANT_LEN + 1];

	instant_now(now);
	return store_exec(db, a, e, "UPDATE transition_item SET "
	    "owner_user_id = ?, due_date = ?, status = ?, notes_enc = ?, "
	    "basis_kind = ?, request_date = ?, decision = ?, decision_date = ?, "
	    "updated_at = ? WHERE id = ?", "sdsesdsdss", it->owner_id, it->due,
	    item_status_name(it->status), "transition_item", "notes", it->id,
	    it->notes, it->basis_kind >= 0 ?
	    basis_kind_name((enum basis_kind)it->basis_kind) : NULL,
	    it->request_date, decision_name(it->decision), it->decision_date,
	    now, it->id) < 0 ? -1 : 0;
}
