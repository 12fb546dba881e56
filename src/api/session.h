/*
 * session.h - log-in, the current session and log-out over HTTP
 * (docs/API.md, "Authentication").
 *
 *   POST   /api/v1/session  api_session_create  (API_PUBLIC)
 *   GET    /api/v1/session  api_session_get
 *   DELETE /api/v1/session  api_session_delete
 *   POST   /api/v1/session/totp  api_session_totp  (the second step)
 *
 * and one's own account's security (account.c):
 *
 *   GET    /api/v1/account/totp            api_account_totp_get
 *   POST   /api/v1/account/totp            api_account_totp_begin
 *   POST   /api/v1/account/totp/confirm    api_account_totp_confirm
 *   GET    /api/v1/account/sessions        api_account_sessions_list
 *   POST   /api/v1/account/sessions/end    api_account_sessions_end
 *   DELETE /api/v1/account/sessions/{id}   api_account_session_delete
 */
#ifndef DOORLOOP_API_SESSION_H
#define DOORLOOP_API_SESSION_H

#include "api/api.h"

#define SESSION_COOKIE "doorloop_session"

api_handler api_session_create, api_session_get, api_session_delete,
    api_session_totp;
api_handler api_account_totp_get, api_account_totp_begin,
    api_account_totp_confirm;
api_handler api_account_sessions_list, api_account_sessions_end,
    api_account_session_delete;

/* One audit entry about the caller's own session or account (action
 * "login", "logout", "totp_enrol" ...; object_type "session" or "user"). */
void api_audit_account(struct api_req *req, const struct principal *who,
    const char *action, const char *object_type, const char *object_id,
    const char *outcome);
/* The log-in answer {token, csrf_token, expires_at, stage, user} with its
 * cookie, status 201 (or 200 for a later step). */
int api_session_answer(struct api_req *req, struct api_resp *resp,
    const struct login_result *lr, int status, struct err *e);
/* Set-Cookie that ends the session cookie. */
const char *api_session_cookie_clear(struct api_req *req);

/* {"id","username","display_name","role","org_id","org_name","client_id"}
 * of a principal (new reference). */
int api_user_json(struct api_req *req, const struct principal *p,
    json_t **out, struct err *e);

#endif
