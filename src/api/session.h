/*
 * session.h - log-in, the current session and log-out over HTTP
 * (docs/API.md, "Authentication").
 *
 *   POST   /api/v1/session  api_session_create  (API_PUBLIC)
 *   GET    /api/v1/session  api_session_get
 *   DELETE /api/v1/session  api_session_delete
 */
#ifndef DOORLOOP_API_SESSION_H
#define DOORLOOP_API_SESSION_H

#include "api/api.h"

#define SESSION_COOKIE "doorloop_session"

api_handler api_session_create, api_session_get, api_session_delete;

/* {"id","username","display_name","role","org_id","org_name","client_id"}
 * of a principal (new reference). */
int api_user_json(struct api_req *req, const struct principal *p,
    json_t **out, struct err *e);

#endif
