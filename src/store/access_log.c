/*
 * access_log.c - reading one client's access log for her and her
 * coordinator: who looked at her file, when, what, and whether the glass
 * was broken.  Writing the log (and its hash chain) is auth/audit.c's.
 */
#include "store/store.h"

#include <string.h>

#include "store/common.h"

static int
entry_row(struct db_stmt *st, void *ctx, struct err *e)
{
	struct store_list *l = ctx;
	struct access_entry *x = store_list_add(l);

	if (store_row(st, l->a, e, "ssssssss", &x->at, &x->user, &x->role,
	    &x->organisation, &x->action, &x->object_type, &x->outcome,
	    &x->purpose) != 0)
		return -1;
	x->break_glass = x->purpose != NULL;
	return 0;
}

int
store_access_log(struct db *db, struct arena *a, const char *client_id,
    int limit, int offset, struct access_entry **out, size_t *n,
    int64_t *total, struct err *e)
{
	struct store_list l = STORE_LIST(a, out, n);

	*out = NULL;
	*n = 0;
	*total = 0;
	if (store_one(db, a, e, "SELECT COUNT(*) FROM audit_log WHERE "
	    "client_id = ?", "s", "i", client_id, total) < 0)
		return -1;
	return store_each(db, a, e, entry_row, &l, "SELECT l.at, "
	    "COALESCE(u.display_name, l.username), l.role, o.name, l.action, "
	    "l.object_type, l.outcome, l.purpose FROM audit_log l LEFT JOIN "
	    "app_user u ON u.id = l.user_id LEFT JOIN organisation o ON "
	    "o.id = l.org_id WHERE l.client_id = ? ORDER BY l.seq DESC LIMIT ? "
	    "OFFSET ?", "sii", client_id, (int64_t)limit,
	    (int64_t)offset) < 0 ? -1 : 0;
}
