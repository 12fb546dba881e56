/*
 * access_log.c - reading one client's access log for her and her
 * coordinator: who looked at her file, when, what, and whether the glass
 * was broken.  Writing the log (and its hash chain) is auth/audit.c's.
 */
#include "store/store.h"

#include <string.h>

#include "db/db.h"
#include "store/common.h"

int
store_access_log(struct db *db, struct arena *a, const char *client_id,
    int limit, int offset, struct access_entry **out, size_t *n,
    int64_t *total, struct err *e)
{
	struct db_stmt *st = NULL;
	struct access_entry *v;
	size_t len = 0;
	int rc;

	*out = NULL;
	*n = 0;
	*total = 0;
	if (db_prepare(db, "SELECT COUNT(*) FROM audit_log WHERE client_id = ?",
	    &st, e) != 0)
		return -1;
	db_bind_text(st, 1, client_id);
	rc = db_step(st, e);
	if (rc == 1)
		*total = db_col_int64(st, 0);
	db_finalize(st);
	if (rc < 0)
		return -1;

	v = arena_alloc(a, (size_t)(limit > 0 ? limit : 1) * sizeof *v);
	if (db_prepare(db, "SELECT l.at, COALESCE(u.display_name, l.username), "
	    "l.role, o.name, l.action, l.object_type, l.outcome, l.purpose "
	    "FROM audit_log l LEFT JOIN app_user u ON u.id = l.user_id "
	    "LEFT JOIN organisation o ON o.id = l.org_id WHERE l.client_id = ? "
	    "ORDER BY l.seq DESC LIMIT ? OFFSET ?", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, client_id);
	db_bind_int64(st, 2, limit);
	db_bind_int64(st, 3, offset);
	while ((rc = db_step(st, e)) == 1 && len < (size_t)limit) {
		struct access_entry *x = &v[len++];

		x->at = store_col_str(st, a, 0);
		x->user = store_col_str(st, a, 1);
		x->role = store_col_str(st, a, 2);
		x->organisation = store_col_str(st, a, 3);
		x->action = store_col_str(st, a, 4);
		x->object_type = store_col_str(st, a, 5);
		x->outcome = store_col_str(st, a, 6);
		x->purpose = store_col_str(st, a, 7);
		x->break_glass = x->purpose != NULL;
	}
	db_finalize(st);
	if (rc < 0)
		return -1;
	*out = v;
	*n = len;
	return 0;
}
