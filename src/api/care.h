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

/* Name and kind of an organisation; ERR_INVALID naming `field` if unknown. */
int care_org(struct api_req *req, const char *id, const char *field,
    char **name, char **kind, struct err *e);

/* The rules' input of a loaded trajectory, arrays in `a` (timeline.c). */
void rules_input_of(struct arena *a, dl_date birth, dl_date today,
    const struct trajectory_full *f, struct rules_input *in);

/* JSON shapes (docs/API.md). */
json_t *care_age_json(dl_date birth, dl_date on);
json_t *care_ref_json(const char *id, const char *name);
json_t *care_client_json(const struct care_ctx *cx, const struct client_rec *c);
json_t *care_trajectory_json(const struct trajectory_rec *t);
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
int api_clients_list(struct api_req *, struct api_resp *, struct err *);
int api_clients_create(struct api_req *, struct api_resp *, struct err *);
int api_client_get(struct api_req *, struct api_resp *, struct err *);
int api_client_update(struct api_req *, struct api_resp *, struct err *);
int api_trajectory_get(struct api_req *, struct api_resp *, struct err *);
int api_trajectory_create(struct api_req *, struct api_resp *, struct err *);
int api_trajectory_update(struct api_req *, struct api_resp *, struct err *);
int api_trajectory_end(struct api_req *, struct api_resp *, struct err *);
int api_access_log(struct api_req *, struct api_resp *, struct err *);
int api_break_glass(struct api_req *, struct api_resp *, struct err *);
int api_timeline(struct api_req *, struct api_resp *, struct err *);

int api_phases_list(struct api_req *, struct api_resp *, struct err *);
int api_phases_create(struct api_req *, struct api_resp *, struct err *);
int api_phase_get(struct api_req *, struct api_resp *, struct err *);
int api_phase_update(struct api_req *, struct api_resp *, struct err *);
int api_phase_end(struct api_req *, struct api_resp *, struct err *);
int api_bases_list(struct api_req *, struct api_resp *, struct err *);
int api_bases_create(struct api_req *, struct api_resp *, struct err *);
int api_basis_get(struct api_req *, struct api_resp *, struct err *);
int api_basis_update(struct api_req *, struct api_resp *, struct err *);
int api_basis_end(struct api_req *, struct api_resp *, struct err *);
int api_orders_list(struct api_req *, struct api_resp *, struct err *);
int api_orders_create(struct api_req *, struct api_resp *, struct err *);
int api_order_get(struct api_req *, struct api_resp *, struct err *);
int api_order_update(struct api_req *, struct api_resp *, struct err *);
int api_order_end(struct api_req *, struct api_resp *, struct err *);
int api_team_list(struct api_req *, struct api_resp *, struct err *);
int api_team_create(struct api_req *, struct api_resp *, struct err *);
int api_member_get(struct api_req *, struct api_resp *, struct err *);
int api_member_update(struct api_req *, struct api_resp *, struct err *);
int api_member_end(struct api_req *, struct api_resp *, struct err *);

#endif
