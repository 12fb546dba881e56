/*
 * admin.h - organisations and users over HTTP (docs/API.md, "Resources").
 *
 *   GET  /api/v1/organisations  api_orgs_list     every role except client
 *   POST /api/v1/organisations  api_orgs_create   admin
 *   GET  /api/v1/users?role=    api_users_list    admin; coordinator (staff)
 *   POST /api/v1/users          api_users_create  admin
 *   POST /api/v1/users/{id}/deactivate|reactivate  api_user_set_active  admin
 *   POST /api/v1/users/{id}/password    api_user_password    admin: a new
 *        activation code, never a password
 *   PATCH /api/v1/users/{id}            api_user_role        admin: a new
 *        role and organisation; sessions end, approval again
 *   GET  /api/v1/access-grants          api_grants_list      security officer, coordinator
 *   POST /api/v1/access-grants/{id}/approve|refuse  api_grant_decide
 *   POST /api/v1/account/password       api_account_password every logged-in user
 */
#ifndef DOORLOOP_API_ADMIN_H
#define DOORLOOP_API_ADMIN_H

#include "api/api.h"

api_handler api_orgs_list, api_orgs_create, api_users_list, api_users_create;
api_handler api_user_set_active, api_user_password, api_user_role;
api_handler api_grants_list, api_grant_decide;
struct store_grant;
/* One access request as the API and the security officer's report show
 * it (grants.c). */
json_t *api_grant_json(const struct store_grant *g);
api_handler api_account_password;
/* Accounts by activation code (invitation.c):
 *   POST /api/v1/clients/{id}/invitation  her coordinator: a one-time code
 *   POST /api/v1/activate                 public: the code and her (or a
 *                                         staff member's) own password */
api_handler api_invitation_create, api_activate;

/* Activation codes (invitation.c) */
#define ACTIVATION_CODE_LEN 19	/* four groups of four characters, "-" between */
#define STAFF_CODE_DAYS 7
/* A new code (shown once), its keyed hash (stored) and its expiry
 * `days` from now. */
void api_code_issue(int days, char code[ACTIVATION_CODE_LEN + 1],
    char hash[65], char expires[INSTANT_LEN + 1]);
/*
 * Codes of 5-bit characters (no 0, O, 1, I) in groups joined by '-', an
 * activation code's and a climate answering code's: api_code_new writes
 * `nchars` random ones (at most API_CODE_MAX) into `code`, which holds
 * them, their dashes and the NUL; api_code_hashes gives the installation's
 * keyed hashes of `prefix` followed by the code, case, dashes and spaces
 * ignored, or -1 if it is not `nchars` such characters.
 */
#define API_CODE_MAX 32
struct crypto_hashes;
void api_code_new(char *code, size_t nchars, size_t group);
int api_code_hashes(const char *prefix, const char *code, size_t nchars,
    struct crypto_hashes *out);

#endif
