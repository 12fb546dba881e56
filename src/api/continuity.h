/*
 * continuity.h - the handlers of the continuity engine (DOMAIN.md R3-R8,
 * R11): worklist and figures, transition plan, handovers, life domains,
 * reviews, aftercare and reopening, and the hooks the trajectory's end
 * (clients.c) and timeline (timeline.c) call.
 *
 * Every handler for one client opens the access gate (gate.h); the policy
 * table gives these acts the current trajectory and refuses a partner
 * provider, who sees placements only (403, audited).
 */
#ifndef DOORLOOP_API_CONTINUITY_H
#define DOORLOOP_API_CONTINUITY_H

#include "api/care.h"
#include "core/alerts.h"
#include "store/continuity.h"

/* ?as_of=YYYY-MM-DD, default today; 400 naming as_of. */
int cont_as_of(struct api_req *req, dl_date *out, struct err *e);
json_t *cont_alert_json(const struct alert *al, const char *pseudonym);
/* A user of this installation who is care staff; 400 naming `field`. */
int cont_check_staff(struct api_req *req, const char *user_id,
    const char *field, struct err *e);

/* Trajectory end (clients.c): the exit gate, the closure record and the
 * aftercare follow-ups; ERR_CONFLICT naming the unsettled domains unless
 * a coordinator's sign-off reason is given. */
int continuity_close(struct api_req *req, const struct care_ctx *cx,
    const struct trajectory_rec *t, const char *sign_off_reason,
    struct err *e);

/* Timeline (timeline.c): filled before care_finish, added after. */
struct cont_timeline {
	bool loaded;
	struct handover_rec *handovers; size_t nhandovers;
	struct continuity_extra extra;
	dl_date next_review;
};
void continuity_timeline_json(const struct cont_timeline *ct, json_t *o);
json_t *cont_handover_json(const struct handover_rec *h);
/* The life-domain plan of a trajectory: {"items": [{domain, status, her_words, goals, ...}]}. */
int cont_domains_json(struct api_req *req, const char *trajectory_id,
    json_t **out, struct err *e);

/* worklist.c */
api_handler api_worklist, api_client_alerts, api_figures_institution;
/* transition.c */
api_handler api_plan_get, api_plan_create, api_plan_update,
    api_plan_item_update;
/* handovers.c */
api_handler api_handovers_list, api_handovers_create, api_handover_meeting,
    api_handover_accept, api_handover_withdraw, api_handover_decide;
/* domains.c */
api_handler api_domains_list, api_domain_update, api_goals_create,
    api_goal_update, api_domain_history;
/* reviews.c */
api_handler api_reviews_list, api_reviews_create;
/* aftercare.c */
api_handler api_aftercare_list, api_aftercare_resolve, api_trajectory_reopen;

#endif
