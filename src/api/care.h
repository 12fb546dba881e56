/*
 * care.h - shared pieces of the handlers for a client's record
 * (clients.c, records.c, timeline.c): the JSON shapes of the records.
 *
 * Every handler for client data opens the one access gate (gate.h) with
 * its act and finishes through it; this header adds the JSON shapes of the
 * records and the small helpers they share.
 */
#ifndef DOORLOOP_API_CARE_H
#define DOORLOOP_API_CARE_H

#include "api/api.h"
#include "api/gate.h"
#include "store/store.h"

/* Longest pseudonym and name of a client (clients.c, signal.c). */
#define CARE_PSEUDONYM_MAX 64
#define CARE_NAME_MAX 200

/* Name and kind of an organisation; ERR_INVALID naming `field` if unknown. */
int care_org(struct api_req *req, const char *id, const char *field,
    char **name, char **kind, struct err *e);
/* An organisation of kind `want`; ERR_INVALID naming `field` with
 * `reason` and `msg` otherwise. */
int care_check_kind(struct api_req *req, const char *id, const char *field,
    const char *want, enum err_reason reason, const char *msg, struct err *e);
/* An organisation of kind municipality; ERR_INVALID naming
 * "municipality_id" otherwise. */
int care_check_municipality(struct api_req *req, const char *id,
    struct err *e);

/* Register a new client (validated, registered by the caller's
 * organisation) and read her back as stored: POST /clients and the intake
 * from a signal.  Inside the caller's gate. */
int care_client_register(struct api_req *req, struct client_rec *c,
    struct err *e);
/* Start her trajectory coordinated by `org` (NULL: the caller's), which
 * must be an institution: POST /clients/{id}/trajectory and the intake. */
int care_trajectory_start(struct api_req *req, const struct client_rec *c,
    const char *org, dl_date start, struct trajectory_rec *t,
    struct err *e);

/* The rules' input of a loaded trajectory, arrays in `a` (timeline.c). */
void rules_input_of(struct arena *a, dl_date birth, dl_date today,
    const struct trajectory_full *f, struct rules_input *in);

/* JSON shapes (docs/API.md). */
json_t *care_age_json(dl_date birth, dl_date on);
json_t *care_ref_json(const char *id, const char *name);
json_t *care_client_json(const struct care_ctx *cx, const struct client_rec *c);
json_t *care_trajectory_json(const struct trajectory_rec *t);
/* One entry of her access log; `with_purpose` adds the purpose (the
 * break-the-glass reason), which her own portal leaves out. */
struct access_entry;
json_t *care_access_json(const struct access_entry *a, bool with_purpose);
json_t *care_phase_json(const struct care_ctx *cx, const struct phase_rec *p);
json_t *care_basis_json(const struct care_ctx *cx, const struct basis_rec *b);
json_t *care_order_json(const struct care_ctx *cx, const struct order_rec *o);
json_t *care_member_json(const struct care_ctx *cx, const struct member_rec *m);

/* Enum parsers in the shape api_field wants. */
int care_parse_form(const char *s, int *out);
int care_parse_basis(const char *s, int *out);
int care_parse_order(const char *s, int *out);
int care_parse_team_role(const char *s, int *out);

/* The handlers (routes.c). */
api_handler api_clients_list, api_clients_create, api_client_get,
    api_client_update, api_trajectory_get, api_trajectory_create,
    api_trajectory_update, api_trajectory_end, api_access_log, api_break_glass, api_glass_acknowledge,
    api_timeline;

api_handler api_phases_list, api_phases_create, api_phase_get,
    api_phase_change, api_bases_list, api_bases_create,
    api_basis_get, api_basis_update, api_basis_end, api_orders_list,
    api_orders_create, api_order_get, api_order_update, api_order_end,
    api_team_list, api_team_create, api_member_get, api_member_change;

#endif
