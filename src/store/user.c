/*
 * user.c - the little the care records need to know of a user.  The
 * users' own rows (log-in, roles, sessions) are auth_store.c's.
 */
#include "store/store.h"

#include <string.h>

#include "store/common.h"

int
store_user_brief(struct db *db, struct arena *a, const char *id,
    struct user_brief *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	return store_found(store_one(db, a, e, "SELECT id, display_name, role, "
	    "active, org_id FROM app_user WHERE id = ?", "s", "sssbs", id,
	    &out->id, &out->display_name, &out->role, &out->active,
	    &out->org_id), e, ERR_NOT_FOUND, "user_id", R_USER_UNKNOWN,
	    "unknown user");
}
