/*
 * grant.c - the SQL of four eyes on client access (access_grant, 018).
 *
 * An account of a role that reads client data gets that access only when
 * a second person approved its request; app_user.access_pending says so
 * until then.  Who may decide is auth/grant.c's rule; here only the
 * statements.
 *
 * Invariants:
 *   1. An account has at most one pending request (partial unique index;
 *      store_grant_request adds none while one is pending).
 *   2. A request is decided once: one conditional UPDATE ... WHERE status
 *      = 'pending' AND the decider neither asked for it nor holds the
 *      account, so of racing decisions exactly one changes the row.
 */
#include "store/auth_store.h"

#include <string.h>

#include "store/common.h"

#define GRANT_COLS "g.id, g.user_id, u.username, u.display_name, g.role, " \
	"g.org_id, o.name, g.cause, g.status, g.requested_by, r.display_name, " \
	"g.requested_at, g.decided_by, d.display_name, g.decided_at"
#define GRANT_FROM " FROM access_grant g JOIN app_user u ON u.id = " \
	"g.user_id JOIN app_user r ON r.id = g.requested_by LEFT JOIN " \
	"app_user d ON d.id = g.decided_by LEFT JOIN organisation o ON " \
	"o.id = g.org_id"
#define GRANT_TYPES "sssssssssssssss"
#define GRANT_OUT(g) &(g)->id, &(g)->user_id, &(g)->username, \
	&(g)->display_name, &(g)->role, &(g)->org_id, &(g)->org_name, \
	&(g)->cause, &(g)->status, &(g)->requested_by, \
	&(g)->requested_by_name, &(g)->requested_at, &(g)->decided_by, \
	&(g)->decided_by_name, &(g)->decided_at

int
store_user_set_access_pending(struct db *db, const char *user_id,
    bool pending, const char *now, struct err *e)
{
	return store_exec(db, NULL, e, "UPDATE app_user SET access_pending = "
	    "?, updated_at = ? WHERE id = ?", "bss", pending, now,
	    user_id) < 0 ? -1 : 0;
}

int
store_grant_pending_drop(struct db *db, const char *user_id, struct err *e)
{
	return store_exec(db, NULL, e, "DELETE FROM access_grant WHERE "
	    "user_id = ? AND status = 'pending'", "s", user_id) < 0 ? -1 : 0;
}

int
store_grant_request(struct db *db, const char *id, const char *user_id,
    const char *role, const char *org_id, const char *cause,
    const char *requested_by, const char *now, struct err *e)
{
	return store_exec(db, NULL, e, "INSERT INTO access_grant (id, user_id, "
	    "role, org_id, cause, status, requested_by, requested_at) SELECT "
	    "?, ?, ?, ?, ?, 'pending', ?, ? WHERE NOT EXISTS (SELECT 1 FROM "
	    "access_grant WHERE user_id = ? AND status = 'pending')",
	    "ssssssss", id, user_id, role, org_id, cause, requested_by, now,
	    user_id) < 0 ? -1 : 0;
}

int
store_grant_get(struct db *db, struct arena *a, const char *id,
    struct store_grant *out, bool *found, struct err *e)
{
	int rc;

	memset(out, 0, sizeof *out);
	rc = store_one(db, a, e, "SELECT " GRANT_COLS GRANT_FROM
	    " WHERE g.id = ?", "s", GRANT_TYPES, id, GRANT_OUT(out));
	*found = rc == 1;
	return rc < 0 ? -1 : 0;
}

int
store_grant_decide(struct db *db, const char *id, const char *status,
    const char *decided_by, const char *now, bool *decided, struct err *e)
{
	int changed = store_exec(db, NULL, e, "UPDATE access_grant SET "
	    "status = ?, decided_by = ?, decided_at = ? WHERE id = ? AND "
	    "status = 'pending' AND requested_by <> ? AND user_id <> ?",
	    "ssssss", status, decided_by, now, id, decided_by, decided_by);

	*decided = changed == 1;
	return changed < 0 ? -1 : 0;
}

STORE_ROW_FN(grant_row, struct store_grant, g, GRANT_TYPES, GRANT_OUT(g))

int
store_grant_list(struct db *db, struct arena *a,
    const struct store_grant_filter *f, int64_t limit,
    struct store_grant **items, size_t *n, struct err *e)
{
	struct store_list l = STORE_LIST(a, items, n);

	return store_list_rows(db, &l, e, grant_row, "SELECT " GRANT_COLS
	    GRANT_FROM " WHERE (CAST(? AS TEXT) IS NULL OR g.org_id = ?) AND "
	    "((CAST(? AS BIGINT) = 1 AND g.status = 'pending') OR "
	    "(CAST(? AS TEXT) IS NOT NULL AND g.decided_at >= ?)) "
	    "ORDER BY g.requested_at DESC, g.id DESC LIMIT ?", "ssbssi",
	    f->org_id, f->org_id, f->pending, f->since, f->since, limit);
}
