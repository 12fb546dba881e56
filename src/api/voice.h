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
/* The same as gate_item_fn for gate_items (a journal entry: its latest
 * version only). */
json_t *voice_promise_item(const struct care_ctx *cx, const void *p);
json_t *voice_entry_item(const struct care_ctx *cx, const void *j);
json_t *voice_own_plan_item(const struct care_ctx *cx, const void *p);
json_t *voice_consent_item(const struct care_ctx *cx, const void *c);

/* The handlers (routes.c). */
api_handler api_promises_list, api_promises_create, api_promise_get,
    api_promise_close, api_promise_change, api_promise_her_view,
    api_figures_promises;

api_handler api_journal_list, api_journal_create, api_journal_get,
    api_journal_edit_refused, api_journal_correct, api_journal_statement,
    api_journal_withhold, api_journal_release, api_journal_withheld;

api_handler api_own_plan_get, api_own_plan_write, api_own_plan_history;

api_handler api_consents_list, api_consents_create, api_consent_withdraw;

api_handler api_me;

#endif
