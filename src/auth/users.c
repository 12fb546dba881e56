/*
 * users.c - creating users and organisations, changing passwords.
 *
 * Owns the rules for an account: username [a-z0-9._-]{2,64}; a display
 * name of 1..DISPLAY_NAME_MAX characters without control characters; an
 * organisation for every role except admin, monitor and client (a client
 * account needs its client, and a municipality account a municipality);
 * a password the policy allows (policy.c; demo fixtures: its length only).
 *
 * Invariants:
 *   1. Input is validated completely before anything is written; the
 *      password is hashed before the write transaction opens (Argon2id must
 *      not hold the write lock).
 *   2. Each change is one write transaction, with its audit entry when the
 *      caller gives one.
 *   3. A new password ends every session of that user and lifts the
 *      account's log-in delay.
 *   4. An account made by request of someone (the administrator) without
 *      a password gets an activation code; of a role that reads client
 *      data, a pending access request too (grant.c), in the same commit.
 *
 * Never: store or log a password, or name one in an error.
 */
#include "auth/auth.h"
#include "auth/auth_impl.h"

#include <stdio.h>
#include <string.h>

#include "db/db.h"
#include "store/auth_store.h"
#include "store/store.h"

#define EMAIL_MAX 254
#define PHONE_MAX 32
#define ORG_NAME_MAX 200
#define REGION_MAX 100

bool
auth_username_valid(const char *s)
{
	size_t n;

	if (s == NULL)
		return false;
	n = strlen(s);
	if (n < 2 || n > USERNAME_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '.' || c == '_' || c == '-'))
			return false;
	}
	return true;
}

/* 1..max UTF-8 characters, no control characters, not only blanks. */
static bool
text_valid(const char *s, size_t max)
{
	size_t chars = 0;
	bool visible = false;

	if (s == NULL)
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return false;
		if (*p != ' ')
			visible = true;
		if ((*p & 0xc0) != 0x80)
			chars++;
	}
	return visible && chars <= max;
}

static bool
role_needs_org(enum role r)
{
	return r == ROLE_COORDINATOR || r == ROLE_CAREGIVER ||
	    r == ROLE_PARTNER || r == ROLE_MUNICIPALITY || r == ROLE_REPORTER;
}

static const char *
opt(const char *s)
{
	return s != NULL && *s != '\0' ? s : NULL;
}

/* Everything that can be checked without the database. */
static int
user_check(const struct user_new *u, struct err *e)
{
	if (!auth_username_valid(u->username))
		return err_setr(e, ERR_INVALID, "username", R_USERNAME_INVALID,
		    "username must be 2 to %d characters of a-z, 0-9, '.', '_' "
		    "or '-'", USERNAME_MAX);
	if (!text_valid(u->display_name, DISPLAY_NAME_MAX))
		return err_setr(e, ERR_INVALID, "display_name",
		    R_DISPLAY_NAME_INVALID,
		    "display name must be 1 to %d characters without control "
		    "characters", DISPLAY_NAME_MAX);
	if ((unsigned)u->role >= ROLE__COUNT)
		return err_setr(e, ERR_INVALID, "role",
		    R_ROLE_UNKNOWN, "unknown role");
	if (role_needs_org(u->role) && opt(u->org_id) == NULL)
		return err_setr(e, ERR_INVALID, "org_id", R_ORG_REQUIRED,
		    "a %s needs an organisation", role_name(u->role));
	if (opt(u->org_id) != NULL && !id_valid(u->org_id))
		return err_setr(e, ERR_INVALID, "org_id",
		    R_ID_INVALID, "not a valid id");
	if (u->role == ROLE_CLIENT && opt(u->client_id) == NULL)
		return err_setr(e, ERR_INVALID, "client_id",
		    R_CLIENT_ACCOUNT_NEEDS_CLIENT,
		    "a client account needs its client");
	if (u->role != ROLE_CLIENT && opt(u->client_id) != NULL)
		return err_setr(e, ERR_INVALID, "client_id",
		    R_CLIENT_ID_NOT_ALLOWED,
		    "only a client account has a client");
	if (opt(u->client_id) != NULL && !id_valid(u->client_id))
		return err_setr(e, ERR_INVALID, "client_id",
		    R_ID_INVALID, "not a valid id");
	if (opt(u->email) != NULL && (!text_valid(u->email, EMAIL_MAX) ||
	    strchr(u->email, '@') == NULL || strchr(u->email, ' ') != NULL))
		return err_setr(e, ERR_INVALID, "email",
		    R_EMAIL_INVALID, "not an e-mail address");
	if (opt(u->phone) != NULL && !text_valid(u->phone, PHONE_MAX))
		return err_setr(e, ERR_INVALID, "phone", R_PHONE_INVALID,
		    "phone number must be 1 to %d characters", PHONE_MAX);
	if (u->code_hash != NULL)
		return 0;	/* she sets her own on activation */
	if (u->fixture)
		return auth_password_check(u->password, e);
	return auth_password_policy(u->password, u->username, e);
}

/* The organisation org_id (none: NULL) exists and fits the role. */
static int
org_fits(struct db *db, struct arena *a, enum role role, const char *org_id,
    struct err *e)
{
	struct store_org org;
	bool found;

	if (opt(org_id) == NULL)
		return 0;
	if (store_org_get(db, a, org_id, &org, &found, e) != 0)
		return -1;
	if (!found)
		return err_setr(e, ERR_INVALID, "org_id", R_ORG_UNKNOWN,
		    "no such organisation");
	if (role == ROLE_MUNICIPALITY && strcmp(org.kind, "municipality") != 0)
		return err_setr(e, ERR_INVALID, "org_id",
		    R_ORG_NOT_MUNICIPALITY,
		    "a municipality account belongs to a municipality");
	if (role == ROLE_REPORTER && !org_kind_reports(org.kind))
		return err_setr(e, ERR_INVALID, "org_id", R_ORG_NOT_REPORTING,
		    "a reporter belongs to a school, police, GP, debt help, "
		    "housing, youth care or neighbourhood team");
	return 0;
}

/* Checks that need the database, inside the write transaction. */
static int
user_check_refs(struct db *db, struct arena *a, const struct user_new *u,
    struct err *e)
{
	struct store_user old;
	bool found;

	if (store_user_by_username(db, a, u->username, &old, &found, e) != 0)
		return -1;
	if (found)
		return err_setr(e, ERR_CONFLICT, "username", R_USERNAME_TAKEN,
		    "this username is taken");
	if (org_fits(db, a, u->role, u->org_id, e) != 0)
		return -1;
	if (opt(u->client_id) != NULL) {
		if (store_client_exists(db, u->client_id, &found, e) != 0)
			return -1;
		if (!found)
			return err_setr(e, ERR_INVALID, "client_id",
			    R_CLIENT_UNKNOWN,
			    "no such client");
	}
	return 0;
}

int
auth_audit_object(struct db *db, const struct audit_entry *audit,
    const char *object_type, const char *id, struct err *e)
{
	struct audit_entry en;

	if (audit == NULL)
		return 0;
	en = *audit;
	en.object_type = object_type;
	en.object_id = id;
	return auth_audit_append(db, &en, e);
}

/* What one account change does inside its transaction. */
typedef int account_fn(struct db *db, const struct store_user *u, void *ctx,
    struct err *e);

/*
 * Change one account in one write transaction: find it by user_id, or by
 * username when user_id is NULL (ERR_NOT_FOUND naming that field), run fn,
 * append the audit entry (when given) naming the user, commit.  Any
 * failure rolls the whole change back.
 */
static int
account_change(struct db *db, const char *user_id, const char *username,
    account_fn *fn, void *ctx, const struct audit_entry *audit,
    struct err *e)
{
	struct store_user u;
	struct arena a;
	bool found = false;
	int rc = -1;

	arena_init(&a);
	if (db_begin_write(db, e) != 0)
		goto out;
	if ((user_id != NULL ? store_user_by_id(db, &a, user_id, &u, &found,
	    e) : store_user_by_username(db, &a, username, &u, &found, e)) != 0)
		goto fail;
	if (!found) {
		err_setr(e, ERR_NOT_FOUND, user_id != NULL ? "user_id" :
		    "username", R_USER_UNKNOWN, "no such user");
		goto fail;
	}
	if (fn(db, &u, ctx, e) != 0 ||
	    auth_audit_object(db, audit, "user", u.id, e) != 0)
		goto fail;
	rc = 0;
fail:
	rc = store_tx_end(db, rc, e);
out:
	arena_cleanup(&a);
	return rc;
}

/* What one creation writes inside its transaction. */
typedef int create_fn(struct db *db, struct arena *a, void *ctx,
    struct err *e);

/* Create one row (fn) with the audit entry (when given) naming it as
 * object_type id, in one write transaction; then id_out (when given) is
 * id.  Any failure rolls the whole creation back. */
static int
create_audited(struct db *db, struct arena *a, create_fn *fn, void *ctx,
    const struct audit_entry *audit, const char *object_type,
    const char *id, char id_out[ID_LEN + 1], struct err *e)
{
	if (db_begin_write(db, e) != 0)
		return -1;
	if (store_tx_end(db, fn(db, a, ctx, e) != 0 ||
	    auth_audit_object(db, audit, object_type, id, e) != 0 ? -1 : 0,
	    e) != 0)
		return -1;
	if (id_out != NULL)
		memcpy(id_out, id, ID_LEN + 1);
	return 0;
}

struct user_insert {
	const struct user_new *u;
	const struct store_user *rec;
};

/* The account, its activation code and access request (invariant 4), and
 * the invitation it spends (a girl's own account). */
static int
user_insert(struct db *db, struct arena *a, void *ctx, struct err *e)
{
	const struct user_insert *p = ctx;
	const struct user_new *u = p->u;
	const char *id = p->rec->id, *now = p->rec->created_at;

	return user_check_refs(db, a, u, e) != 0 ||
	    store_user_insert(db, p->rec, e) != 0 ||
	    (u->code_hash != NULL && auth_staff_code_store(db, id,
	    u->username, u->code_hash, u->code_expires, u->requested_by, now,
	    e) != 0) ||
	    auth_grant_request(db, a, id, u->role, p->rec->org_id, "new",
	    u->requested_by, now, e) != 0 ||
	    (u->invitation_id != NULL && store_activation_spend(db,
	    u->invitation_id, id, now, e) != 0) ? -1 : 0;
}

int
auth_user_create_audited(struct db *db, const struct user_new *u,
    const struct audit_entry *audit, char id_out[ID_LEN + 1], struct err *e)
{
	struct store_user rec;
	struct arena a;
	char *id = NULL, now[INSTANT_LEN + 1], *hash = NULL;
	int rc = -1;

	arena_init(&a);
	if (id_out != NULL)
		id_out[0] = '\0';
	if (user_check(u, e) != 0 || (u->code_hash == NULL &&
	    auth_password_hash(&a, u->password, &hash, e) != 0))
		goto out;
	id = store_new_id(&a, now);
	memset(&rec, 0, sizeof rec);
	rec.id = id;
	rec.username = (char *)u->username;
	rec.display_name = (char *)u->display_name;
	rec.role = (char *)role_name(u->role);
	rec.org_id = (char *)opt(u->org_id);
	rec.client_id = (char *)opt(u->client_id);
	rec.email = (char *)opt(u->email);
	rec.phone = (char *)opt(u->phone);
	rec.password_hash = hash != NULL ? hash : (char *)auth_no_password;
	rec.active = true;
	rec.created_at = now;
	rec.updated_at = now;
	if ((rc = create_audited(db, &a, user_insert,
	    &(struct user_insert){ u, &rec }, audit, "user", id, id_out,
	    e)) != 0 && e->code == ERR_CONFLICT && e->field[0] == '\0' &&
	    e->reason != R_INVITATION_INVALID)
		/* Two creations raced past the check: the index decided. */
		err_setr(e, ERR_CONFLICT, "username", R_USERNAME_TAKEN,
		    "this username is taken");
out:
	arena_cleanup(&a);
	return rc;
}

int
auth_user_create(struct db *db, const struct user_new *u,
    char id_out[ID_LEN + 1], struct err *e)
{
	return auth_user_create_audited(db, u, NULL, id_out, e);
}

struct password_change {
	const char *hash, *now, *key;
};

/* The new hash; her sessions end and her log-in delay is lifted. */
static int
password_change(struct db *db, const struct store_user *u, void *ctx,
    struct err *e)
{
	const struct password_change *p = ctx;

	return store_user_set_password(db, u->id, p->hash, p->now, e) != 0 ||
	    store_session_delete_user(db, u->id, e) != 0 ||
	    store_throttle_clear(db, p->key, e) != 0 ? -1 : 0;
}

int
auth_user_set_password(struct db *db, const char *username,
    const char *password, struct err *e)
{
	struct password_change p;
	struct arena a;
	char now[INSTANT_LEN + 1], *hash = NULL;
	int rc = -1;

	arena_init(&a);
	if (!auth_username_valid(username)) {
		err_setr(e, ERR_INVALID, "username",
		    R_USERNAME_INVALID, "not a valid username");
		goto out;
	}
	if (auth_password_policy(password, username, e) != 0 ||
	    auth_password_hash(&a, password, &hash, e) != 0)
		goto out;
	instant_now(now);
	p.hash = hash;
	p.now = now;
	p.key = arena_printf(&a, "user:%s", username);
	rc = account_change(db, NULL, username, password_change, &p, NULL, e);
out:
	arena_cleanup(&a);
	return rc;
}

static int
org_insert(struct db *db, struct arena *a, void *ctx, struct err *e)
{
	return store_org_insert(db, ctx, e);
}

int
auth_org_create_audited(struct db *db, const char *name, const char *kind,
    const char *region, const struct audit_entry *audit,
    char id_out[ID_LEN + 1], struct err *e)
{
	struct store_org o;
	struct arena a;
	char *id, now[INSTANT_LEN + 1];
	int rc = -1;

	if (id_out != NULL)
		id_out[0] = '\0';
	if (!text_valid(name, ORG_NAME_MAX))
		return err_setr(e, ERR_INVALID, "name", R_ORG_NAME_INVALID,
		    "name must be 1 to %d characters", ORG_NAME_MAX);
	if (!org_kind_valid(kind))
		return err_setr(e, ERR_INVALID, "kind", R_ORG_KIND_INVALID,
		    "kind must be institution, municipality, other, school, "
		    "police, gp, debt_help, housing, youth_care or "
		    "neighbourhood_team");
	if (opt(region) != NULL && !text_valid(region, REGION_MAX))
		return err_setr(e, ERR_INVALID, "region", R_ORG_REGION_INVALID,
		    "region must be 1 to %d characters", REGION_MAX);
	arena_init(&a);
	id = store_new_id(&a, now);
	o.id = id;
	o.name = (char *)name;
	o.kind = (char *)kind;
	o.region = (char *)opt(region);
	o.created_at = now;
	if ((rc = create_audited(db, &a, org_insert, &o, audit, "organisation",
	    id, id_out, e)) != 0 && e->code == ERR_CONFLICT)
		err_setr(e, ERR_CONFLICT, "name", R_ORG_NAME_TAKEN,
		    "an organisation with this name exists");
	arena_cleanup(&a);
	return rc;
}

int
auth_org_create(struct db *db, const char *name, const char *kind,
    const char *region, char id_out[ID_LEN + 1], struct err *e)
{
	return auth_org_create_audited(db, name, kind, region, NULL, id_out, e);
}

struct active_change {
	bool active;
	char now[INSTANT_LEN + 1];
};

static int
active_change(struct db *db, const struct store_user *u, void *ctx,
    struct err *e)
{
	const struct active_change *p = ctx;

	if (u->active == p->active)
		return err_setr(e, ERR_CONFLICT, NULL, p->active ?
		    R_USER_ALREADY_ACTIVE : R_USER_ALREADY_INACTIVE,
		    p->active ? "this account is active already" :
		    "this account is deactivated already");
	/* Ending the sessions in the same transaction: the moment the
	 * deactivation commits, no request of hers or his gets through. */
	return store_user_set_active(db, u->id, p->active, p->now, e) != 0 ||
	    (!p->active && auth_sessions_end_user(db, u->id, e) != 0) ? -1 : 0;
}

int
auth_user_set_active_audited(struct db *db, const char *user_id, bool active,
    const struct audit_entry *audit, struct err *e)
{
	struct active_change p = { .active = active };

	instant_now(p.now);
	return account_change(db, user_id, NULL, active_change, &p, audit, e);
}

struct role_change {
	enum role	 role;
	const char	*org_id;
	const char	*requested_by;
	struct arena	*a;
	char		 now[INSTANT_LEN + 1];
};

/*
 * A new role or organisation: the sessions end (they carry the old role's
 * reach), and a role that reads client data waits for a second person's
 * approval again (cause "role"), whatever it had before: a caregiver made
 * coordinator would otherwise see her whole institution on one person's
 * word.  A request still pending for the old role gives way to this one.
 */
static int
role_change(struct db *db, const struct store_user *u, void *ctx,
    struct err *e)
{
	const struct role_change *p = ctx;
	enum role old;

	if (role_parse(u->role, &old) != 0 || old == ROLE_CLIENT)
		return err_setr(e, ERR_FORBIDDEN, "id",
		    R_USER_CLIENT_BY_INVITATION, "a girl's own account keeps "
		    "its role");
	if (role_needs_org(p->role) && opt(p->org_id) == NULL)
		return err_setr(e, ERR_INVALID, "org_id", R_ORG_REQUIRED,
		    "a %s needs an organisation", role_name(p->role));
	return org_fits(db, p->a, p->role, p->org_id, e) != 0 ||
	    store_user_set_role(db, u->id, role_name(p->role), opt(p->org_id),
	    p->now, e) != 0 ||
	    auth_sessions_end_user(db, u->id, e) != 0 ||
	    store_grant_pending_drop(db, u->id, e) != 0 ||
	    store_user_set_access_pending(db, u->id, false, p->now, e) != 0 ||
	    auth_grant_request(db, p->a, u->id, p->role, p->org_id, "role",
	    p->requested_by, p->now, e) != 0 ? -1 : 0;
}

int
auth_user_set_role_audited(struct db *db, struct arena *a,
    const char *user_id, enum role role, const char *org_id,
    const char *requested_by, const struct audit_entry *audit,
    struct err *e)
{
	struct role_change p = {
		.role = role, .org_id = org_id, .requested_by = requested_by,
		.a = a,
	};

	if ((unsigned)role >= ROLE__COUNT || role == ROLE_CLIENT)
		return err_setr(e, ERR_INVALID, "role", role == ROLE_CLIENT ?
		    R_USER_CLIENT_BY_INVITATION : R_ROLE_UNKNOWN,
		    role == ROLE_CLIENT ? "a girl's own account is made by "
		    "her coordinator as an invitation" : "unknown role");
	instant_now(p.now);
	return account_change(db, user_id, NULL, role_change, &p, audit, e);
}
