/*
 * voice.h - handlers of her voice (DOMAIN.md R9, R10, consent) and her
 * portal: promises, journal, her own plan, consent, GET /api/v1/me and
 * the coordinator's figures and withheld list.
 *
 * Every handler of a client's voice opens the access gate (gate.h), whose
 * policy table holds the rules of these records: a partner provider sees
 * none of them (403), only her team and coordinator write them, and only
 * she herself writes her statements, her views and her own plan.  A
 * refusal is audited like every other.
 */
#ifndef DOORLOOP_API_VOICE_H
#define DOORLOOP_API_VOICE_H

#include "api/care.h"
#include "store/voice.h"

/* true for staff access (team, coordinator, glass): sees staff-only fields. */
bool voice_staff(const struct care_ctx *cx);

/* JSON shapes (docs/API.md). */
json_t *voice_user_json(const struct voice_user *u);
json_t *voice_promise_json(const struct care_ctx *cx,
    const struct promise_rec *p);
json_t *voice_journal_json(const struct care_ctx *cx,
    const struct journal_rec *j, bool with_versions);
json_t *voice_own_plan_json(const struct own_plan_rec *p);
json_t *voice_consent_json(const struct consent_rec *c);

/* The handlers (routes.c). */
int api_promises_list(struct api_req *, struct api_resp *, struct err *);
int api_promises_create(struct api_req *, struct api_resp *, struct err *);
int api_promise_get(struct api_req *, struct api_resp *, struct err *);
int api_promise_close(struct api_req *, struct api_resp *, struct err *);
int api_promise_change(struct api_req *, struct api_resp *, struct err *);
int api_promise_her_view(struct api_req *, struct api_resp *, struct err *);
int api_figures_promises(struct api_req *, struct api_resp *, struct err *);

int api_journal_list(struct api_req *, struct api_resp *, struct err *);
int api_journal_create(struct api_req *, struct api_resp *, struct err *);
int api_journal_get(struct api_req *, struct api_resp *, struct err *);
int api_journal_edit_refused(struct api_req *, struct api_resp *, struct err *);
int api_journal_correct(struct api_req *, struct api_resp *, struct err *);
int api_journal_statement(struct api_req *, struct api_resp *, struct err *);
int api_journal_withhold(struct api_req *, struct api_resp *, struct err *);
int api_journal_release(struct api_req *, struct api_resp *, struct err *);
int api_journal_withheld(struct api_req *, struct api_resp *, struct err *);

int api_own_plan_get(struct api_req *, struct api_resp *, struct err *);
int api_own_plan_write(struct api_req *, struct api_resp *, struct err *);
int api_own_plan_history(struct api_req *, struct api_resp *, struct err *);

int api_consents_list(struct api_req *, struct api_resp *, struct err *);
int api_consents_create(struct api_req *, struct api_resp *, struct err *);
int api_consent_withdraw(struct api_req *, struct api_resp *, struct err *);

int api_me(struct api_req *, struct api_resp *, struct err *);

#endif
