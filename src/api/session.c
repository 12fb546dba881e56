/*
 * session.c - the HTTP face of log-in and sessions.
 *
 * Owns the session cookie: "doorloop_session=TOKEN; HttpOnly;
 * SameSite=Strict; Path=/; Max-Age=43200" on log-in and the same name
 * with Max-Age=0 on log-out.  The token is also in the log-in answer for
 * API clients (Authorization: Bearer); browsers use the cookie and the
 * CSRF token.
 *
 * Invariants:
 *   1. Every log-in attempt, granted or refused, leaves one audit entry
 *      (action "login", "login_password" for a password that opens only
 *      the second step, "login_totp" for a refused code; no client).  A refused one names the account only
 *      when it exists: whatever was typed into the username field is not
 *      stored, since it may be a mistyped password.
 *   2. Answers that carry a token are never cached (every /api/ answer is
 *      Cache-Control: no-store, server.c).
 *
 * Never: log a password or token, or say whether a username exists.
 */
#include "api/session.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "store/auth_store.h"

void
api_audit_account(struct api_req *req, const struct principal *who,
    const char *action, const char *object_type, const char *object_id,
    const char *outcome)
{
	struct audit_entry en;
	struct err e2;

	memset(&en, 0, sizeof en);
	en.user_id = who->user_id[0] ? who->user_id : NULL;
	en.username = who->user_id[0] ? who->username : NULL;
	en.role = who->user_id[0] && strcmp(outcome, "ok") == 0 ?
	    role_name(who->role) : NULL;
	en.org_id = who->org_id[0] ? who->org_id : NULL;
	en.action = action;
	en.object_type = object_type;
	en.object_id = object_id;
	en.outcome = outcome;
	en.request_id = req->request_id;
	en.remote_addr = req->remote_addr;
	err_init(&e2);
	if (auth_audit_append_tx(req->db, &en, &e2) != 0)
		fprintf(stderr, "{\"level\":\"error\",\"request_id\":\"%s\","
		    "\"msg\":\"audit of a %s failed\",\"code\":\"%s\"}\n",
		    req->request_id ? req->request_id : "", action,
		    err_code_name(e2.code));
}

static void
audit_login(struct api_req *req, const struct principal *who,
    const char *action, const char *outcome)
{
	api_audit_account(req, who, action, "session",
	    who->session_id[0] ? who->session_id : NULL, outcome);
}

const char *
api_session_cookie_clear(struct api_req *req)
{
	return arena_printf(req->a, "%s=; HttpOnly; SameSite=Strict; Path=/; "
	    "Max-Age=0", SESSION_COOKIE);
}

int
api_session_answer(struct api_req *req, struct api_resp *resp,
    const struct login_result *lr, int status, struct err *e)
{
	json_t *user = NULL;
	int max_age;

	if (api_user_json(req, &lr->who, &user, e) != 0)
		return -1;
	if (api_answer(resp, json_pack("{s:s, s:s, s:s, s:s, s:o}",
	    "token", lr->token,
	    "csrf_token", lr->who.csrf_token,
	    "expires_at", lr->who.expires_at,
	    "stage", auth_stage_name(lr->who.stage),
	    "user", user), e) != 0)
		return -1;
	resp->status = status;
	max_age = lr->who.stage == AUTH_STAGE_FULL ? SESSION_ABSOLUTE_SECONDS :
	    lr->who.stage == AUTH_STAGE_TOTP ? SESSION_STEP_SECONDS :
	    SESSION_ENROL_SECONDS;
	resp->set_cookie = arena_printf(req->a, "%s=%s; HttpOnly; "
	    "SameSite=Strict; Path=/; Max-Age=%d", SESSION_COOKIE, lr->token,
	    max_age);
	return 0;
}

int
api_user_json(struct api_req *req, const struct principal *p, json_t **out,
    struct err *e)
{
	struct store_org org;
	bool found = false;

	*out = NULL;
	if (p->org_id[0] != '\0' &&
	    store_org_get(req->db, req->a, p->org_id, &org, &found, e) != 0)
		return -1;
	*out = json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:o}",
	    "id", p->user_id,
	    "username", p->username,
	    "display_name", p->display_name,
	    "role", role_name(p->role),
	    "org_id", api_str(p->org_id[0] ? p->org_id : NULL),
	    "org_name", api_str(found ? org.name : NULL),
	    "client_id", api_str(p->client_id[0] ? p->client_id : NULL));
	if (*out == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "cannot build JSON");
	return 0;
}

/* The password step: a password alone is a step, not a log-in. */
static int
password_step(struct api_req *req, struct login_result *lr, struct err *e)
{
	const char *username = NULL, *password = NULL;
	const struct api_field fields[] = {
		{ "username", F_STRING, true, false, &username, USERNAME_MAX,
		    NULL, NULL },
		{ "password", F_STRING, true, false, &password, PASSWORD_MAX,
		    NULL, NULL },
	};

	if (api_parse_object(req, fields, API_NFIELDS(fields), e) != 0)
		return -1;
	if (auth_login(req->db, username, password, req->remote_addr,
	    api_header(req, "User-Agent"), lr, e) != 0) {
		if (e->code == ERR_UNAUTHORIZED || e->code == ERR_RATE_LIMITED)
			audit_login(req, &lr->who, "login", "denied");
		return -1;
	}
	audit_login(req, &lr->who, lr->who.stage == AUTH_STAGE_FULL ? "login" :
	    "login_password", "ok");
	return 0;
}

/* The second step: a code from her authenticator or a recovery code. */
static int
totp_step(struct api_req *req, struct login_result *lr, struct err *e)
{
	const char *code = NULL;
	const struct api_field fields[] = {
		{ "code", F_STRING, true, false, &code, 64, NULL, NULL },
	};
	bool recovery = false;

	if (api_parse_object(req, fields, API_NFIELDS(fields), e) != 0)
		return -1;
	if (auth_login_totp(req->db, req->who, api_token(req), code,
	    req->remote_addr, lr, &recovery, e) != 0) {
		if (e->code == ERR_UNAUTHORIZED || e->code == ERR_RATE_LIMITED)
			audit_login(req, req->who, "login_totp", "denied");
		return -1;
	}
	audit_login(req, &lr->who, recovery ? "login_recovery_code" : "login",
	    "ok");
	return 0;
}

/* Take a log-in step and answer the session with `status`; the token is
 * wiped from the stack whatever happened. */
static int
session_login(struct api_req *req, struct api_resp *resp,
    int (*step)(struct api_req *, struct login_result *, struct err *),
    int status, struct err *e)
{
	struct login_result lr;
	int rc = -1;

	memset(&lr, 0, sizeof lr);
	if (step(req, &lr, e) == 0)
		rc = api_session_answer(req, resp, &lr, status, e);
	sodium_memzero(lr.token, sizeof lr.token);
	return rc;
}

int
api_session_create(API_ARGS)
{
	return session_login(req, resp, password_step, 201, e);
}

int
api_session_totp(API_ARGS)
{
	return session_login(req, resp, totp_step, 200, e);
}

int
api_session_get(API_ARGS)
{
	json_t *user = NULL;

	if (req->who == NULL)
		return err_setr(e, ERR_UNAUTHORIZED, NULL,
		    R_SESSION_LOG_IN_FIRST,
		    "log in first");
	if (api_user_json(req, req->who, &user, e) != 0)
		return -1;
	return api_answer(resp, json_pack("{s:o, s:s, s:s, s:s}",
	    "user", user,
	    "csrf_token", req->who->csrf_token,
	    "expires_at", req->who->expires_at,
	    "stage", auth_stage_name(req->who->stage)), e);
}

int
api_session_delete(API_ARGS)
{
	if (auth_logout(req->db, api_token(req), e) != 0)
		return -1;
	if (req->who != NULL)
		audit_login(req, req->who, "logout", "ok");
	resp->status = 204;
	resp->body = NULL;
	resp->set_cookie = api_session_cookie_clear(req);
	return 0;
}
