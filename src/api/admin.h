/*
 * admin.h - organisations and users over HTTP (docs/API.md, "Resources").
 *
 *   GET  /api/v1/organisations  api_orgs_list     every role except client
 *   POST /api/v1/organisations  api_orgs_create   admin
 *   GET  /api/v1/users?role=    api_users_list    admin; coordinator (staff)
 *   POST /api/v1/users          api_users_create  admin
 */
#ifndef DOORLOOP_API_ADMIN_H
#define DOORLOOP_API_ADMIN_H

#include "api/api.h"

int api_orgs_list(struct api_req *req, struct api_resp *resp, struct err *e);
int api_orgs_create(struct api_req *req, struct api_resp *resp,
    struct err *e);
int api_users_list(struct api_req *req, struct api_resp *resp,
    struct err *e);
int api_users_create(struct api_req *req, struct api_resp *resp,
    struct err *e);

#endif
