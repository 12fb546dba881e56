/*
 * account.c - the security of one's own account over HTTP: two-step
 * log-in (enrol, confirm, status) and one's own sessions (list, end one,
 * end all others or all).  See session.h for the routes.
 *
 * One's own password changes with the current one (POST
 * /api/v1/account/password); every other session of hers ends.
 *
 * Every route acts on the caller's own account only: no id of another
 * user is taken anywhere, so no role can reach another's sessions or
 * secret through these routes.  The TOTP routes are API_PARTIAL: a
 * session at stage "enrol" reaches them (and nothing else) to enrol.
 *
 * Invariants:
 *   1. Enrolment, its confirmation, and ending sessions each leave an
 *      audit entry (object_type "user" or "session", no client).
 *   2. The secret is answered once, by the call that made it; the
 *      recovery codes once, by the confirmation.
 *
 * Never: log a secret, code, recovery code or token.
 */
#include "api/session.h"
#include "api/admin.h"
#include "api/gate.h"

#include <string.h>

#include <sodium.h>

int
api_account_totp_get(API_ARGS)
{
	struct auth_totp_status st;

	if (auth_totp_status(req->db, req->who, &st, e) != 0)
		return -1;
	return api_answer(resp, json_pack("{s:b, s:b, s:b, s:b, s:I, s:s}",
	    "available", auth_totp_role(req->who->role),
	    "enrolled", st.enrolled,
	    "pending", st.pending,
	    "required", st.required,
	    "recovery_codes_left", (json_int_t)st.recovery_left,
	    "stage", auth_stage_name(req->who->stage)), e);
}

int
api_account_totp_begin(API_ARGS)
{
	char secret[TOTP_SECRET_B32 + 1];
	char *uri = NULL;
	json_t *body;

	if (req->body != NULL && api_parse_object(req, NULL, 0, e) != 0)
		return -1;
	if (auth_totp_begin(req->db, req->who, secret, &uri, req->a, e) != 0)
		return -1;
	api_audit_account(req, req->who, "totp_enrol_start", "user",
	    req->who->user_id, "ok");
	resp->status = 201;
	body = json_pack("{s:s, s:s, s:i, s:i}",
	    "secret", secret,
	    "otpauth_uri", uri,
	    "digits", TOTP_DIGITS,
	    "period", TOTP_STEP);
	sodium_memzero(secret, sizeof secret);
	return api_answer(resp, body, e);
}

int
api_account_totp_confirm(API_ARGS)
{
	const char *code = NULL;
	const struct api_field fields[] = {
		{ "code", F_STRING, true, false, &code, 64, NULL, NULL },
	};
	char codes[RECOVERY_CODES][RECOVERY_CODE_LEN + 1];
	struct login_result lr;
	json_t *list = NULL;
	int rc = -1;

	memset(&lr, 0, sizeof lr);
	if (api_parse_object(req, fields, API_NFIELDS(fields), e) != 0)
		return -1;
	if (auth_totp_confirm(req->db, req->who, api_token(req), code, codes,
	    &lr, e) != 0) {
		if (e->code == ERR_UNAUTHORIZED || e->code == ERR_RATE_LIMITED)
			api_audit_account(req, req->who, "totp_enrol",
			    "user", req->who->user_id, "denied");
		goto out;
	}
	api_audit_account(req, req->who, "totp_enrol", "user",
	    req->who->user_id, "ok");
	if ((list = json_array()) == NULL)
		goto oom;
	for (int i = 0; i < RECOVERY_CODES; i++)
		if (json_array_append_new(list, json_string(codes[i])) != 0)
			goto oom;
	if (lr.token[0] != '\0') {
		/* The enrolment step is over: the session is a log-in now,
		 * under a new token. */
		if (api_session_answer(req, resp, &lr, 200, e) != 0)
			goto out;
	} else if ((resp->body = json_pack("{s:s}", "stage", "full")) == NULL) {
		goto oom;
	}
	if (json_object_set_new(resp->body, "recovery_codes", list) != 0) {
		list = NULL;
		goto oom;
	}
	list = NULL;
	rc = 0;
	goto out;
oom:
	err_set(e, ERR_INTERNAL, NULL, "cannot build JSON");
out:
	json_decref(list);
	sodium_memzero(codes, sizeof codes);
	sodium_memzero(lr.token, sizeof lr.token);
	return rc;
}

int
api_account_sessions_list(API_ARGS)
{
	struct auth_session_info *s = NULL;
	json_t *items;
	size_t n = 0;

	if (auth_sessions_list(req->db, req->a, req->who->user_id,
	    req->who->session_id, &s, &n, e) != 0)
		return -1;
	if ((items = json_array()) == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "cannot build JSON");
	for (size_t i = 0; i < n; i++) {
		if (s[i].id == NULL)
			continue;	/* a session from before ids: unnameable */
		if (json_array_append_new(items, json_pack("{s:s, s:s, s:s, "
		    "s:o, s:o, s:s, s:b}",
		    "id", s[i].id,
		    "created_at", s[i].created_at,
		    "last_seen_at", s[i].last_seen_at,
		    "remote_addr", api_str(s[i].remote_addr),
		    "user_agent", api_str(s[i].user_agent),
		    "stage", s[i].stage,
		    "current", s[i].current)) != 0) {
			json_decref(items);
			return err_set(e, ERR_INTERNAL, NULL,
			    "cannot build JSON");
		}
	}
	return api_answer(resp, json_pack("{s:o}", "items", items), e);
}

int
api_account_session_delete(API_ARGS)
{
	const char *id = req->params[0];

	if (auth_session_end(req->db, req->who->user_id, id, e) != 0)
		return -1;
	api_audit_account(req, req->who, "logout", "session", id, "ok");
	resp->status = 204;
	resp->body = NULL;
	if (strcmp(id, req->who->session_id) == 0)
		resp->set_cookie = api_session_cookie_clear(req);
	return 0;
}

int
api_account_sessions_end(API_ARGS)
{
	bool keep = true;
	const struct api_field fields[] = {
		{ "keep_current", F_BOOL, false, false, &keep, 0, NULL, NULL },
	};
	int64_t ended = 0;

	if (req->body != NULL &&
	    api_parse_object(req, fields, API_NFIELDS(fields), e) != 0)
		return -1;
	if (auth_sessions_end_others(req->db, req->who->user_id,
	    keep ? api_token(req) : NULL, &ended, e) != 0)
		return -1;
	api_audit_account(req, req->who, keep ? "logout_others" :
	    "logout_everywhere", "user", req->who->user_id, "ok");
	resp->body = json_pack("{s:I, s:b}", "ended", (json_int_t)ended,
	    "current_ended", !keep);
	if (resp->body == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "cannot build JSON");
	if (!keep)
		resp->set_cookie = api_session_cookie_clear(req);
	return 0;
}

int
api_account_password(API_ARGS)
{
	const char *current = NULL, *password = NULL;
	const struct api_field fields[] = {
		{ "current_password", F_STRING, true, false, &current,
		    PASSWORD_MAX, NULL, NULL },
		{ "password", F_STRING, true, false, &password, PASSWORD_MAX,
		    NULL, NULL },
	};
	struct audit_entry en;

	if (api_parse_object(req, fields, API_NFIELDS(fields), e) != 0)
		return -1;
	gate_audit_fill(req, &en, NULL, "change_password", "user", NULL, "ok",
	    NULL);
	if (auth_password_change(req->db, req->who, api_token(req), current,
	    password, &en, e) != 0) {
		if (e->field[0] != '\0' &&
		    strcmp(e->field, "current_password") == 0)
			api_audit_account(req, req->who, "change_password",
			    "user", req->who->user_id, "denied");
		return -1;
	}
	return api_answer(resp, json_pack("{s:b}", "changed", 1), e);
}
