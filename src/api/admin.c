/*
 * admin.c - organisations and user accounts over HTTP.
 *
 * Owns who may list and create organisations and users:
 *   organisations: every logged-in role except client may list them (to
 *   name providers and municipalities); only admin creates them.
 *   users: admin lists all accounts (a girl's without username or name);
 *   a coordinator lists active staff (coordinator, caregiver, partner) to
 *   compose teams; admin creates staff accounts, never a girl's (her
 *   coordinator invites her: invitation.c), and never with a password:
 *   the answer carries a one-time activation code (invitation.c) and, for
 *   a role that reads client data, the access waits for a second person
 *   (grants.c).  A reset likewise answers a new code, never sets a
 *   password.
 *
 * Invariants:
 *   1. A refused request is answered 403 and leaves an audit entry with
 *      outcome "denied".
 *   2. A creation and its audit entry commit in one transaction
 *      (auth_*_create_audited).
 *   3. No answer contains a password hash, e-mail address or phone
 *      number.
 *
 * Never: hold client data; these routes are about staff and structure.
 */
#include "api/admin.h"
#include "api/gate.h"

#include <stdio.h>
#include <string.h>

#include "store/auth_store.h"

#define ORG_NAME_MAX 200
#define REGION_MAX 100

/* Audit the refusal and fill e with ERR_FORBIDDEN. */
static int
forbid(struct api_req *req, const char *action, const char *object_type,
    struct err *e)
{
	struct audit_entry en;
	struct err e2;

	gate_audit_fill(req, &en, NULL, action, object_type, NULL, "denied",
	    NULL);
	err_init(&e2);
	if (auth_audit_append_tx(req->db, &en, &e2) != 0)
		fprintf(stderr, "{\"level\":\"error\",\"request_id\":\"%s\","
		    "\"msg\":\"audit of a refusal failed\",\"code\":\"%s\"}\n",
		    req->request_id ? req->request_id : "",
		    err_code_name(e2.code));
	return err_setr(e, ERR_FORBIDDEN, NULL, R_ACCESS_ROLE_MAY_NOT,
	    "your role may not do this");
}

/* 401 without a session. */
static int
need_login(struct api_req *req, struct err *e)
{
	if (req->who == NULL)
		return err_setr(e, ERR_UNAUTHORIZED, NULL,
		    R_SESSION_LOG_IN_FIRST,
		    "log in first");
	return 0;
}

/* A creation only the administrator does: 401 without a session, 403
 * (audited) for any other role, then the body into `f`. */
static int
admin_create_open(struct api_req *req, const char *object_type,
    const struct api_field *f, size_t nf, struct err *e)
{
	if (need_login(req, e) != 0)
		return -1;
	if (req->who->role != ROLE_ADMIN)
		return forbid(req, "create", object_type, e);
	return api_parse_object(req, f, nf, e);
}

/* Answer 201 with `body`. */
static int
created(struct api_resp *resp, json_t *body, struct err *e)
{
	resp->status = 201;
	return api_answer(resp, body, e);
}

static json_t *
org_json(const char *id, const char *name, const char *kind,
    const char *region)
{
	return json_pack("{s:s, s:s, s:s, s:o}", "id", id, "name", name,
	    "kind", kind, "region", api_str(region));
}

int
api_orgs_list(API_ARGS)
{
	struct store_org *orgs = NULL;
	json_t *items;
	size_t n = 0;

	if (need_login(req, e) != 0)
		return -1;
	if (req->who->role == ROLE_CLIENT)
		return forbid(req, "list", "organisation", e);
	if (store_org_list(req->db, req->a, &orgs, &n, e) != 0)
		return -1;
	if ((items = json_array()) == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "cannot build JSON");
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, org_json(orgs[i].id, orgs[i].name,
		    orgs[i].kind, orgs[i].region));
	return api_answer(resp, json_pack("{s:o}", "items", items), e);
}

int
api_orgs_create(API_ARGS)
{
	const char *name = NULL, *kind = NULL, *region = NULL;
	const struct api_field fields[] = {
		{ "name", F_STRING, true, false, &name, ORG_NAME_MAX, NULL,
		    NULL },
		{ "kind", F_STRING, true, false, &kind, 32, NULL, NULL },
		{ "region", F_STRING, false, true, &region, REGION_MAX, NULL,
		    NULL },
	};
	struct audit_entry en;
	char id[ID_LEN + 1];

	if (admin_create_open(req, "organisation", fields, API_NFIELDS(fields),
	    e) != 0)
		return -1;
	gate_audit_fill(req, &en, NULL, "create", "organisation", NULL, "ok",
	    NULL);
	if (auth_org_create_audited(req->db, name, kind, region, &en, id,
	    e) != 0)
		return -1;
	return created(resp, org_json(id, name, kind, region), e);
}

int
api_users_list(API_ARGS)
{
	struct store_user_filter f;
	struct store_user *users = NULL;
	const char *role;
	enum role r;
	json_t *items;
	size_t n = 0;

	if (need_login(req, e) != 0)
		return -1;
	memset(&f, 0, sizeof f);
	switch (req->who->role) {
	case ROLE_ADMIN:
		break;
	case ROLE_COORDINATOR:
		f.staff_only = true;
		f.active_only = true;
		break;
	default:
		return forbid(req, "list", "user", e);
	}
	role = api_query(req, "role");
	if (role != NULL && *role != '\0') {
		if (role_parse(role, &r) != 0)
			return err_setr(e, ERR_INVALID, "role", R_ROLE_UNKNOWN,
			    "unknown role");
		f.role = role_name(r);
	}
	if (store_user_list(req->db, req->a, &f, &users, &n, e) != 0)
		return -1;
	if ((items = json_array()) == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "cannot build JSON");
	for (size_t i = 0; i < n; i++) {
		/* A girl's account is listed, never named (her username may
		 * be her name): the admin manages staff, not girls. */
		bool hers = strcmp(users[i].role, "client") == 0;

		json_array_append_new(items, json_pack(
		    "{s:s, s:o, s:o, s:s, s:o, s:b}",
		    "id", users[i].id,
		    "username", hers ? json_null() :
		    json_string(users[i].username),
		    "display_name", hers ? json_null() :
		    json_string(users[i].display_name),
		    "role", users[i].role,
		    "org_id", api_str(users[i].org_id),
		    "active", users[i].active));
	}
	return api_answer(resp, json_pack("{s:o}", "items", items), e);
}

/* 400: nobody sets another person's password. */
static int
password_by_code(struct err *e)
{
	return err_setr(e, ERR_INVALID, "password", R_USER_PASSWORD_BY_CODE,
	    "a staff member sets her own password with an activation code");
}

/* The one-time code as answered once: never stored, never logged. */
static json_t *
activation_json(const char *code, const char *expires)
{
	return json_pack("{s:s, s:s}", "code", code, "expires_at", expires);
}

static API_ENUM_PARSER(role_parse_int, enum role, role_parse)

int
api_users_create(API_ARGS)
{
	const char *username = NULL, *display_name = NULL, *password = NULL;
	const char *org_id = NULL, *client_id = NULL, *email = NULL;
	const char *phone = NULL;
	int role = -1;
	const struct api_field fields[] = {
		{ "username", F_STRING, true, false, &username, USERNAME_MAX,
		    NULL, NULL },
		{ "display_name", F_STRING, true, false, &display_name,
		    DISPLAY_NAME_MAX, NULL, NULL },
		{ "role", F_ENUM, true, false, &role, 0, role_parse_int, NULL },
		{ "org_id", F_ID, false, true, &org_id, 0, NULL, NULL },
		{ "client_id", F_ID, false, true, &client_id, 0, NULL, NULL },
		{ "email", F_STRING, false, true, &email, 254, NULL, NULL },
		{ "phone", F_STRING, false, true, &phone, 32, NULL, NULL },
		{ "password", F_STRING, false, true, &password, PASSWORD_MAX,
		    NULL, NULL },
	};
	struct user_new u;
	struct audit_entry en;
	char id[ID_LEN + 1], code[ACTIVATION_CODE_LEN + 1], hash[65];
	char expires[INSTANT_LEN + 1];

	if (admin_create_open(req, "user", fields, API_NFIELDS(fields),
	    e) != 0)
		return -1;
	/* Her own account is her coordinator's invitation (invitation.c):
	 * nobody chooses a girl's password for her, the admin least. */
	if (role == ROLE_CLIENT || client_id != NULL) {
		(void)forbid(req, "create", "user", e);
		return err_setr(e, ERR_FORBIDDEN, "role",
		    R_USER_CLIENT_BY_INVITATION, "a girl's own account is made "
		    "by her coordinator as an invitation");
	}
	/* Nobody chooses a colleague's password either: she sets her own
	 * with the activation code answered here, once. */
	if (password != NULL)
		return password_by_code(e);
	api_code_issue(STAFF_CODE_DAYS, code, hash, expires);
	u = (struct user_new){
		.username = username, .display_name = display_name,
		.role = (enum role)role, .org_id = org_id,
		.client_id = client_id, .email = email, .phone = phone,
		.code_hash = hash, .code_expires = expires,
		.requested_by = req->who->user_id,
	};
	gate_audit_fill(req, &en, NULL, "create", "user", NULL, "ok", NULL);
	if (auth_user_create_audited(req->db, &u, &en, id, e) != 0)
		return -1;
	return created(resp, json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:o, "
	    "s:s}",
	    "id", id,
	    "username", username,
	    "display_name", display_name,
	    "role", role_name(u.role),
	    "org_id", api_str(org_id),
	    "client_id", api_str(client_id),
	    "activation", activation_json(code, expires),
	    "access", role_needs_approval(u.role) ? "pending" : "approved"),
	    e);
}

/* ---- a user's lifecycle: deactivate, reactivate, reset the password ---- */

/* The administrator acting on the account {id}: 401, 403 (audited), 404
 * for an id that is not one. */
static int
admin_user_open(struct api_req *req, const char *action, struct err *e)
{
	if (need_login(req, e) != 0)
		return -1;
	if (req->who->role != ROLE_ADMIN)
		return forbid(req, action, "user", e);
	if (!id_valid(req->params[0]))
		return err_setr(e, ERR_NOT_FOUND, "id", R_USER_UNKNOWN,
		    "no such user");
	return 0;
}

/* The account {id}, or 404. */
static int
user_get(struct api_req *req, struct store_user *u, struct err *e)
{
	bool found = false;

	if (store_user_by_id(req->db, req->a, req->params[0], u, &found,
	    e) != 0)
		return -1;
	if (!found)
		return err_setr(e, ERR_NOT_FOUND, "id", R_USER_UNKNOWN,
		    "no such user");
	return 0;
}

/* 200 with the account as the list shows it. */
static int
user_respond(struct api_req *req, struct api_resp *resp, struct err *e)
{
	struct store_user u;

	if (user_get(req, &u, e) != 0)
		return -1;
	return api_answer(resp, json_pack("{s:s, s:s, s:s, s:s, s:o, s:b, s:s}",
	    "id", u.id, "username", u.username,
	    "display_name", u.display_name, "role", u.role,
	    "org_id", api_str(u.org_id), "active", u.active,
	    "access", u.access_pending ? "pending" : "approved"), e);
}

/* POST .../reactivate, or .../deactivate (API_DEACTIVATE). */
int
api_user_set_active(API_ARGS)
{
	bool active = (req->flags & API_DEACTIVATE) == 0;
	const char *action = active ? "reactivate" : "deactivate";
	struct audit_entry en;

	if (admin_user_open(req, action, e) != 0)
		return -1;
	if (!active && strcmp(req->params[0], req->who->user_id) == 0)
		return err_setr(e, ERR_CONFLICT, NULL, R_USER_NOT_YOURSELF,
		    "you cannot deactivate your own account");
	gate_audit_fill(req, &en, NULL, action, "user", NULL, "ok", NULL);
	if (auth_user_set_active_audited(req->db, req->params[0], active, &en,
	    e) != 0)
		return -1;
	return user_respond(req, resp, e);
}

int
api_user_password(API_ARGS)
{
	const char *password = NULL;
	const struct api_field fields[] = {
		{ "password", F_STRING, false, true, &password, PASSWORD_MAX,
		    NULL, NULL },
	};
	struct audit_entry en;
	char code[ACTIVATION_CODE_LEN + 1], hash[65];
	char expires[INSTANT_LEN + 1], *username = NULL;

	/* A reset sets no password: the account's sessions end and its
	 * holder sets a new one with the code answered here, once. */
	if (admin_user_open(req, "reset_password", e) != 0 ||
	    (req->body != NULL && api_parse_object(req, fields,
	    API_NFIELDS(fields), e) != 0))
		return -1;
	if (password != NULL)
		return password_by_code(e);
	api_code_issue(STAFF_CODE_DAYS, code, hash, expires);
	gate_audit_fill(req, &en, NULL, "reset_password", "user", NULL, "ok",
	    NULL);
	if (auth_user_reset_audited(req->db, req->a, req->params[0], hash,
	    expires, req->who->user_id, &en, &username, e) != 0)
		return -1;
	if (user_respond(req, resp, e) != 0)
		return -1;
	json_object_set_new(resp->body, "activation",
	    activation_json(code, expires));
	return 0;
}

/* A new role (and organisation) for a staff account: its sessions end, and
 * a role that reads client data waits for approval again (grants.c).  Not
 * for one's own account, nor a girl's. */
int
api_user_role(API_ARGS)
{
	const char *org_id = NULL;
	int role = -1;
	const struct api_field fields[] = {
		{ "role", F_ENUM, true, false, &role, 0, role_parse_int, NULL },
		{ "org_id", F_ID, false, true, &org_id, 0, NULL, NULL },
	};
	struct audit_entry en;

	if (admin_user_open(req, "change_role", e) != 0 ||
	    api_parse_object(req, fields, API_NFIELDS(fields), e) != 0)
		return -1;
	if (strcmp(req->params[0], req->who->user_id) == 0)
		return err_setr(e, ERR_CONFLICT, NULL, R_USER_NOT_YOURSELF,
		    "you cannot change your own role");
	gate_audit_fill(req, &en, NULL, "change_role", "user", NULL, "ok",
	    NULL);
	if (auth_user_set_role_audited(req->db, req->a, req->params[0],
	    (enum role)role, org_id, req->who->user_id, &en, e) != 0)
		return -1;
	return user_respond(req, resp, e);
}
