/*
 * admin.h - organisations and users over HTTP (docs/API.md, "Resources").
 *
 *   GET  /api/v1/organisations  api_orgs_list     every role except client
 *   POST /api/v1/organisations  api_orgs_create   admin
 *   GET  /api/v1/users?role=    api_users_list    admin; coordinator (staff)
 *   POST /api/v1/users          api_users_create  admin
 *   POST /api/v1/users/{id}/deactivate  api_user_deactivate  admin
 *   POST /api/v1/users/{id}/reactivate  api_user_reactivate  admin
 *   POST /api/v1/users/{id}/password    api_user_password    admin
 */
#ifndef DOORLOOP_API_ADMIN_H
#define DOORLOOP_API_ADMIN_H

#include "api/api.h"

api_handler api_orgs_list, api_orgs_create, api_users_list, api_users_create;
api_handler api_user_deactivate, api_user_reactivate, api_user_password;
/* Her own account by invitation (invitation.c):
 *   POST /api/v1/clients/{id}/invitation  her coordinator: a one-time code
 *   POST /api/v1/activate                 public: the code and her own password */
api_handler api_invitation_create, api_activate;

#endif
