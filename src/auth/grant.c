/*
 * grant.c - staff accounts that their holders activate, and four eyes
 * before an account reads client data (issue 14, migration 018).
 *
 * Owns the rules:
 *   - nobody sets another person's password: the administrator makes a
 *     staff account without one, and a reset makes the password unusable;
 *     the holder sets her own with a one-time activation code;
 *   - an account of a role_needs_approval role gets client access only
 *     when a second person approved its request: the security officer (of
 *     its organisation, or of none), or an active, approved coordinator of
 *     its organisation; never the one who asked, nor the holder herself;
 *   - one's own password changes only with the current one.
 *
 * Invariants:
 *   1. Every change and its audit entry commit in one write transaction.
 *   2. A code is spent and a request decided by conditional updates, so of
 *      racing requests exactly one succeeds.
 *   3. A reset of an account that reads client data makes its access wait
 *      for approval again: an administrator who used the new code herself
 *      would still read nothing.
 *
 * Never: store, log or answer a password.
 */
#include "auth/auth.h"
#include "auth/auth_impl.h"

#include <string.h>

#include "db/db.h"
#include "store/auth_store.h"
#include "store/store.h"

/* Failures of the current password before a delay (as a log-in's). */
#define CHANGE_FREE_FAILURES 5

const char auth_no_password[] = "!";

int
auth_grant_request(struct db *db, struct arena *a, const char *user_id,
    enum role role, const char *org_id, const char *cause,
    const char *requested_by, const char *now, struct err *e)
{
	char id[ID_LEN + 1];

	if (!role_needs_approval(role) || requested_by == NULL)
		return 0;
	(void)a;
	id_new(id);
	return store_user_set_access_pending(db, user_id, true, now, e) != 0 ||
	    store_grant_request(db, id, user_id, role_name(role),
	    org_id != NULL && *org_id != '\0' ? org_id : NULL, cause,
	    requested_by, now, e) != 0 ? -1 : 0;
}

int
auth_staff_code_store(struct db *db, const char *user_id,
    const char *username, const char *code_hash, const char *expires,
    const char *created_by, const char *now, struct err *e)
{
	struct store_activation c;
	char id[ID_LEN + 1];

	id_new(id);
	memset(&c, 0, sizeof c);
	c.id = id;
	c.kind = (char *)"staff";
	c.user_id = (char *)user_id;
	c.username = (char *)username;
	return store_activation_insert(db, &c, code_hash, crypto_key_current(),
	    expires, created_by, now, e);
}

/* A new password for user_id, its other sessions ended (all but keep, a
 * token hash, or all when NULL) and its log-in delay lifted. */
static int
password_store(struct db *db, struct arena *a, const char *user_id,
    const char *username, const char *hash, const char *keep,
    const char *now, struct err *e)
{
	int64_t ended = 0;

	return store_user_set_password(db, user_id, hash, now, e) != 0 ||
	    store_session_delete_others(db, user_id, keep, &ended, e) != 0 ||
	    store_throttle_clear(db, arena_printf(a, "user:%s", username),
	    e) != 0 ? -1 : 0;
}

int
auth_user_activate(struct db *db, const struct store_activation *c,
    const char *password, const struct audit_entry *audit, struct err *e)
{
	struct store_user u;
	struct arena a;
	char now[INSTANT_LEN + 1], *hash = NULL;
	bool found = false;
	int rc = -1;

	arena_init(&a);
	if (auth_password_policy(password, c->username, e) != 0 ||
	    auth_password_hash(&a, password, &hash, e) != 0)
		goto out;
	instant_now(now);
	if (db_begin_write(db, e) != 0)
		goto out;
	rc = store_user_by_id(db, &a, c->user_id, &u, &found, e);
	if (rc == 0 && (!found || !u.active))
		rc = err_setr(e, ERR_CONFLICT, "code", R_INVITATION_INVALID,
		    "this activation code is not valid (any more)");
	if (rc == 0)
		rc = store_activation_spend(db, c->id, c->user_id, now, e) ||
		    password_store(db, &a, u.id, u.username, hash, NULL, now,
		    e) || auth_audit_object(db, audit, "user", u.id, e) ? -1 : 0;
	rc = store_tx_end(db, rc, e);
out:
	arena_cleanup(&a);
	return rc;
}

int
auth_user_reset_audited(struct db *db, struct arena *a, const char *user_id,
    const char *code_hash, const char *expires, const char *requested_by,
    const struct audit_entry *audit, char **username, struct err *e)
{
	struct store_user u;
	char now[INSTANT_LEN + 1];
	bool found = false;
	enum role r;
	int rc;

	instant_now(now);
	if (db_begin_write(db, e) != 0)
		return -1;
	rc = store_user_by_id(db, a, user_id, &u, &found, e);
	if (rc == 0 && !found)
		rc = err_setr(e, ERR_NOT_FOUND, "id", R_USER_UNKNOWN,
		    "no such user");
	if (rc == 0 && (role_parse(u.role, &r) != 0 || r == ROLE_CLIENT))
		rc = err_setr(e, ERR_FORBIDDEN, "id",
		    R_USER_CLIENT_BY_INVITATION, "a girl's own account is "
		    "renewed by her coordinator's invitation");
	if (rc == 0)
		rc = password_store(db, a, u.id, u.username, auth_no_password,
		    NULL, now, e) || store_activation_void_user(db, u.id, now,
		    e) || auth_staff_code_store(db, u.id, u.username, code_hash,
		    expires, requested_by, now, e) || auth_grant_request(db, a,
		    u.id, r, u.org_id, "reset", requested_by, now, e) ||
		    auth_audit_object(db, audit, "user", u.id, e) ? -1 : 0;
	if (store_tx_end(db, rc, e) != 0)
		return -1;
	*username = u.username;
	return 0;
}

int
auth_password_change(struct db *db, const struct principal *who,
    const char *keep_token, const char *current, const char *password,
    const struct audit_entry *audit, struct err *e)
{
	struct store_user u;
	struct arena a;
	char now[INSTANT_LEN + 1], keep[65], *hash = NULL, *key;
	bool found = false;
	int rc = -1;

	arena_init(&a);
	key = arena_printf(&a, "user:%s", who->username);
	if (auth_throttle_check(db, &a, key, R_LOGIN_TOO_MANY_ATTEMPTS, e) != 0 ||
	    store_user_by_username(db, &a, who->username, &u, &found, e) != 0)
		goto out;
	if (!found || auth_password_verify(u.password_hash, current) != 0) {
		(void)auth_throttle_fail(db, key, CHANGE_FREE_FAILURES, e);
		err_setr(e, ERR_INVALID, "current_password",
		    R_PASSWORD_CURRENT_WRONG, "the current password is wrong");
		goto out;
	}
	if (strcmp(current, password) == 0) {
		err_setr(e, ERR_INVALID, "password", R_PASSWORD_UNCHANGED,
		    "choose a password other than the current one");
		goto out;
	}
	if (auth_password_policy(password, who->username, e) != 0 ||
	    auth_password_hash(&a, password, &hash, e) != 0)
		goto out;
	if (keep_token != NULL)
		auth_token_hash(keep_token, keep);
	instant_now(now);
	if (db_begin_write(db, e) != 0)
		goto out;
	rc = store_tx_end(db, password_store(db, &a, u.id, u.username, hash,
	    keep_token != NULL ? keep : NULL, now, e) != 0 ||
	    auth_audit_object(db, audit, "user", u.id, e) != 0 ? -1 : 0, e);
out:
	arena_cleanup(&a);
	return rc;
}

bool
auth_grant_decider(const struct principal *who)
{
	return !who->access_pending && (who->role == ROLE_SECURITY_OFFICER ||
	    who->role == ROLE_COORDINATOR);
}

/* Whether who may decide g: her role and organisation, not her own. */
static int
may_decide(const struct principal *who, const struct store_grant *g,
    struct err *e)
{
	bool same_org = g->org_id != NULL && strcmp(g->org_id, who->org_id) == 0;

	if (!auth_grant_decider(who) || (who->role == ROLE_COORDINATOR &&
	    !same_org) || (who->role == ROLE_SECURITY_OFFICER &&
	    who->org_id[0] != '\0' && !same_org))
		return err_setr(e, ERR_FORBIDDEN, NULL, R_GRANT_MAY_NOT_DECIDE,
		    "only the security officer or a coordinator of the same "
		    "organisation decides this");
	if (strcmp(g->requested_by, who->user_id) == 0 ||
	    strcmp(g->user_id, who->user_id) == 0)
		return err_setr(e, ERR_FORBIDDEN, NULL, R_GRANT_OWN_REQUEST,
		    "a second person decides this, not you");
	if (strcmp(g->status, "pending") != 0)
		return err_setr(e, ERR_CONFLICT, NULL, R_GRANT_DECIDED,
		    "this request has been decided already");
	return 0;
}

int
auth_grant_decide(struct db *db, struct arena *a,
    const struct principal *who, const char *grant_id, bool approve,
    const struct audit_entry *audit, struct store_grant *out,
    struct err *e)
{
	struct audit_entry en;
	struct store_user u;
	char now[INSTANT_LEN + 1];
	bool found = false, decided = false;
	int rc;

	instant_now(now);
	if (db_begin_write(db, e) != 0)
		return -1;
	rc = store_grant_get(db, a, grant_id, out, &found, e);
	if (rc == 0 && !found)
		rc = err_setr(e, ERR_NOT_FOUND, "id", R_GRANT_UNKNOWN,
		    "no such access request");
	if (rc == 0)
		rc = may_decide(who, out, e);
	if (rc == 0)
		rc = store_grant_decide(db, grant_id, approve ? "approved" :
		    "refused", who->user_id, now, &decided, e);
	if (rc == 0 && !decided)
		rc = err_setr(e, ERR_CONFLICT, NULL, R_GRANT_DECIDED,
		    "this request has been decided already");
	/* Approved: the access is hers, if the account still has the role
	 * that was asked for. */
	if (rc == 0 && approve)
		rc = store_user_by_id(db, a, out->user_id, &u, &found, e);
	if (rc == 0 && approve && found && strcmp(u.role, out->role) == 0)
		rc = store_user_set_access_pending(db, out->user_id, false,
		    now, e);
	if (rc == 0 && audit != NULL) {
		en = *audit;
		en.object_type = "access_grant";
		en.object_id = grant_id;
		en.purpose = arena_printf(a, "requested_by=%s account=%s",
		    out->requested_by, out->user_id);
		rc = auth_audit_append(db, &en, e);
	}
	if (rc == 0)
		rc = store_grant_get(db, a, grant_id, out, &found, e);
	return store_tx_end(db, rc, e);
}
