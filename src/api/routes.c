/*
 * routes.c - the one static route table: method, pattern, handler, flags,
 * body limit.  Every /api/ answer is Cache-Control: no-store (server.c).  {x} matches one path segment and arrives in req->params.
 * Every route here is described in docs/api/openapi.json; a unit test
 * (tests/unit/test_api_openapi.c) keeps the two equal.
 */
#include "api/api.h"
#include "api/admin.h"
#include "api/oversight.h"
#include "api/care.h"
#include "api/climate.h"
#include "api/continuity.h"
#include "api/figures.h"
#include "api/notification.h"
#include "api/openapi.h"
#include "api/retention.h"
#include "api/recognition.h"
#include "api/session.h"
#include "api/signal.h"
#include "api/voice.h"

#define SMALL (64 * 1024)

const struct api_route api_routes[] = {
	{ "GET", "/api/v1/openapi.json", api_openapi_get, API_PUBLIC, 0 },

	{ "POST", "/api/v1/session", api_session_create, API_PUBLIC | API_HASHES, SMALL },
	{ "GET", "/api/v1/session", api_session_get, API_PARTIAL, 0 },
	{ "DELETE", "/api/v1/session", api_session_delete, API_PARTIAL, 0 },
	{ "POST", "/api/v1/session/totp", api_session_totp, API_PARTIAL, SMALL },
	{ "GET", "/api/v1/account/totp", api_account_totp_get, API_PARTIAL, 0 },
	{ "POST", "/api/v1/account/totp", api_account_totp_begin, API_PARTIAL, SMALL },
	{ "POST", "/api/v1/account/totp/confirm", api_account_totp_confirm, API_PARTIAL, SMALL },
	{ "GET", "/api/v1/account/sessions", api_account_sessions_list, 0, 0 },
	{ "POST", "/api/v1/account/sessions/end", api_account_sessions_end, 0, SMALL },
	{ "DELETE", "/api/v1/account/sessions/{id}", api_account_session_delete, 0, 0 },

	{ "GET", "/api/v1/organisations", api_orgs_list, 0, 0 },
	{ "POST", "/api/v1/organisations", api_orgs_create, 0, SMALL },
	{ "GET", "/api/v1/users", api_users_list, 0, 0 },
	{ "POST", "/api/v1/users", api_users_create, 0, SMALL },
	{ "POST", "/api/v1/users/{id}/deactivate", api_user_set_active, API_DEACTIVATE, SMALL },
	{ "POST", "/api/v1/users/{id}/reactivate", api_user_set_active, 0, SMALL },
	{ "POST", "/api/v1/users/{id}/password", api_user_password, 0, SMALL },
	{ "PATCH", "/api/v1/users/{id}", api_user_role, 0, SMALL },
	{ "GET", "/api/v1/access-grants", api_grants_list, 0, 0 },
	{ "POST", "/api/v1/access-grants/{id}/approve", api_grant_decide, 0, SMALL },
	{ "POST", "/api/v1/access-grants/{id}/refuse", api_grant_decide, API_REFUSE, SMALL },
	{ "POST", "/api/v1/account/password", api_account_password, API_HASHES, SMALL },

	{ "GET", "/api/v1/clients", api_clients_list, 0, 0 },
	{ "POST", "/api/v1/clients", api_clients_create, 0, SMALL },
	{ "GET", "/api/v1/clients/{id}", api_client_get, 0, 0 },
	{ "PATCH", "/api/v1/clients/{id}", api_client_update, 0, SMALL },
	{ "GET", "/api/v1/clients/{id}/timeline", api_timeline, 0, 0 },
	{ "GET", "/api/v1/clients/{id}/access-log", api_access_log, 0, 0 },
	{ "POST", "/api/v1/clients/{id}/break-glass", api_break_glass, 0, SMALL },
	{ "POST", "/api/v1/clients/{id}/invitation", api_invitation_create, 0, SMALL },
	{ "POST", "/api/v1/activate", api_activate, API_PUBLIC | API_HASHES, SMALL },
	{ "GET", "/api/v1/audit/report", api_audit_report, 0, 0 },
	{ "POST", "/api/v1/clients/{id}/break-glass/{gid}/acknowledge", api_glass_acknowledge, 0, SMALL },

	{ "GET", "/api/v1/clients/{id}/trajectory", api_trajectory_get, 0, 0 },
	{ "POST", "/api/v1/clients/{id}/trajectory", api_trajectory_create, 0, SMALL },
	{ "PATCH", "/api/v1/clients/{id}/trajectory", api_trajectory_update, 0, SMALL },
	{ "POST", "/api/v1/clients/{id}/trajectory/end", api_trajectory_end, 0, SMALL },

	{ "GET", "/api/v1/clients/{id}/phases", api_phases_list, 0, 0 },
	{ "POST", "/api/v1/clients/{id}/phases", api_phases_create, 0, SMALL },
	{ "GET", "/api/v1/clients/{id}/phases/{pid}", api_phase_get, 0, 0 },
	{ "PATCH", "/api/v1/clients/{id}/phases/{pid}", api_phase_change, 0, SMALL },
	{ "POST", "/api/v1/clients/{id}/phases/{pid}/end", api_phase_change, API_END, SMALL },

	{ "GET", "/api/v1/clients/{id}/legal-bases", api_bases_list, 0, 0 },
	{ "POST", "/api/v1/clients/{id}/legal-bases", api_bases_create, 0, SMALL },
	{ "GET", "/api/v1/clients/{id}/legal-bases/{bid}", api_basis_get, 0, 0 },
	{ "PATCH", "/api/v1/clients/{id}/legal-bases/{bid}", api_basis_update, 0, SMALL },
	{ "POST", "/api/v1/clients/{id}/legal-bases/{bid}/end", api_basis_end, 0, SMALL },

	{ "GET", "/api/v1/clients/{id}/court-orders", api_orders_list, 0, 0 },
	{ "POST", "/api/v1/clients/{id}/court-orders", api_orders_create, 0, SMALL },
	{ "GET", "/api/v1/clients/{id}/court-orders/{oid}", api_order_get, 0, 0 },
	{ "PATCH", "/api/v1/clients/{id}/court-orders/{oid}", api_order_update, 0, SMALL },
	{ "POST", "/api/v1/clients/{id}/court-orders/{oid}/end", api_order_end, 0, SMALL },

	{ "GET", "/api/v1/clients/{id}/team", api_team_list, 0, 0 },
	{ "POST", "/api/v1/clients/{id}/team", api_team_create, 0, SMALL },
	{ "GET", "/api/v1/clients/{id}/team/{mid}", api_member_get, 0, 0 },
	{ "PATCH", "/api/v1/clients/{id}/team/{mid}", api_member_change, 0, SMALL },
	{ "POST", "/api/v1/clients/{id}/team/{mid}/end", api_member_change, API_END, SMALL },

	/* The continuity engine (api/continuity.h). */
	{ "GET", "/api/v1/worklist", api_worklist, 0, 0 },
	{ "GET", "/api/v1/figures/institution", api_figures_institution, 0, 0 },
	{ "GET", "/api/v1/figures/municipality", api_figures_municipality, 0, 0 },
	{ "GET", "/api/v1/figures/monitor", api_figures_monitor, 0, 0 },
	{ "GET", "/api/v1/clients/{id}/alerts", api_client_alerts, 0, 0 },
	{ "POST", "/api/v1/clients/{id}/trajectory/reopen", api_trajectory_reopen, 0, SMALL },
	{ "GET", "/api/v1/clients/{id}/transition-plan", api_plan_get, 0, 0 },
	{ "POST", "/api/v1/clients/{id}/transition-plan", api_plan_create, 0, SMALL },
	{ "PATCH", "/api/v1/clients/{id}/transition-plan", api_plan_update, 0, SMALL },
	{ "PATCH", "/api/v1/clients/{id}/transition-plan/items/{item}", api_plan_item_update, 0, SMALL },
	{ "GET", "/api/v1/clients/{id}/handovers", api_handovers_list, 0, 0 },
	{ "POST", "/api/v1/clients/{id}/handovers", api_handovers_create, 0, SMALL },
	{ "POST", "/api/v1/clients/{id}/handovers/{hid}/meeting", api_handover_meeting, 0, SMALL },
	{ "POST", "/api/v1/clients/{id}/handovers/{hid}/accept", api_handover_accept, 0, SMALL },
	{ "POST", "/api/v1/clients/{id}/handovers/{hid}/withdraw", api_handover_withdraw, 0, SMALL },
	{ "POST", "/api/v1/clients/{id}/handovers/{hid}/approval", api_handover_decide, 0, SMALL },
	{ "GET", "/api/v1/clients/{id}/domains", api_domains_list, 0, 0 },
	{ "PATCH", "/api/v1/clients/{id}/domains/{domain}", api_domain_update, 0, SMALL },
	{ "POST", "/api/v1/clients/{id}/domains/{domain}/goals", api_goals_create, 0, SMALL },
	{ "PATCH", "/api/v1/clients/{id}/goals/{gid}", api_goal_update, 0, SMALL },
	{ "GET", "/api/v1/clients/{id}/domain-history", api_domain_history, 0, 0 },
	{ "GET", "/api/v1/clients/{id}/reviews", api_reviews_list, 0, 0 },
	{ "POST", "/api/v1/clients/{id}/reviews", api_reviews_create, 0, SMALL },
	{ "GET", "/api/v1/clients/{id}/aftercare", api_aftercare_list, 0, 0 },
	{ "POST", "/api/v1/clients/{id}/aftercare/{aid}/resolve", api_aftercare_resolve, 0, SMALL },

	{ "GET", "/api/v1/clients/{id}/promises", api_promises_list, 0, 0 },
	{ "POST", "/api/v1/clients/{id}/promises", api_promises_create, 0, SMALL },
	{ "GET", "/api/v1/clients/{id}/promises/{pid}", api_promise_get, 0, 0 },
	{ "POST", "/api/v1/clients/{id}/promises/{pid}/close", api_promise_close, 0, SMALL },
	{ "POST", "/api/v1/clients/{id}/promises/{pid}/change", api_promise_change, 0, SMALL },
	{ "POST", "/api/v1/clients/{id}/promises/{pid}/her-view", api_promise_her_view, 0, SMALL },
	{ "GET", "/api/v1/figures/promises", api_figures_promises, 0, 0 },

	{ "GET", "/api/v1/clients/{id}/journal", api_journal_list, 0, 0 },
	{ "POST", "/api/v1/clients/{id}/journal", api_journal_create, 0, SMALL },
	{ "GET", "/api/v1/clients/{id}/journal/{eid}", api_journal_get, 0, 0 },
	{ "PATCH", "/api/v1/clients/{id}/journal/{eid}", api_journal_edit_refused, 0, SMALL },
	{ "PUT", "/api/v1/clients/{id}/journal/{eid}", api_journal_edit_refused, 0, SMALL },
	{ "POST", "/api/v1/clients/{id}/journal/{eid}/corrections", api_journal_correct, 0, SMALL },
	{ "POST", "/api/v1/clients/{id}/journal/{eid}/statements", api_journal_statement, 0, SMALL },
	{ "POST", "/api/v1/clients/{id}/journal/{eid}/withhold", api_journal_withhold, 0, SMALL },
	{ "POST", "/api/v1/clients/{id}/journal/{eid}/release", api_journal_release, 0, SMALL },
	{ "GET", "/api/v1/journal/withheld", api_journal_withheld, 0, 0 },

	{ "GET", "/api/v1/clients/{id}/own-plan", api_own_plan_get, 0, 0 },
	{ "POST", "/api/v1/clients/{id}/own-plan", api_own_plan_write, 0, SMALL },
	{ "GET", "/api/v1/clients/{id}/own-plan/{domain}", api_own_plan_history, 0, 0 },
	{ "GET", "/api/v1/clients/{id}/consents", api_consents_list, 0, 0 },
	{ "POST", "/api/v1/clients/{id}/consents", api_consents_create, 0, SMALL },
	{ "POST", "/api/v1/clients/{id}/consents/{cid}/withdraw", api_consent_withdraw, 0, SMALL },

	/* Recognition (api/recognition.h): victim registration, exploiter indicators. */
	{ "GET", "/api/v1/clients/{id}/victim-registration", api_victim_get, 0, 0 },
	{ "POST", "/api/v1/clients/{id}/victim-registration", api_victim_create, 0, SMALL },
	{ "POST", "/api/v1/clients/{id}/victim-registration/comensha", api_victim_comensha, 0, SMALL },
	{ "GET", "/api/v1/clients/{id}/indicators", api_indicators_list, 0, 0 },
	{ "POST", "/api/v1/clients/{id}/indicators", api_indicators_create, 0, SMALL },
	{ "GET", "/api/v1/clients/{id}/indicators/{iid}", api_indicator_get, 0, 0 },
	{ "POST", "/api/v1/clients/{id}/indicators/{iid}/export", api_indicator_export, 0, SMALL },
	/* Early signals (api/signal.h, R12). */
	{ "GET", "/api/v1/signals", api_signals_list, 0, 0 },
	{ "POST", "/api/v1/signals", api_signals_create, 0, SMALL },
	{ "GET", "/api/v1/signals/{id}", api_signal_get, 0, 0 },
	{ "POST", "/api/v1/signals/{id}/referral", api_signal_refer, 0, SMALL },
	{ "POST", "/api/v1/signals/{id}/screening", api_signal_screen, 0, SMALL },
	{ "POST", "/api/v1/signals/{id}/intake", api_signal_intake, 0, SMALL },

	/* Group climate (api/climate.h); answering is public, by code. */
	{ "GET", "/api/v1/climate/questionnaires", api_climate_questionnaires, 0, 0 },
	{ "GET", "/api/v1/climate/groups", api_climate_groups, 0, 0 },
	{ "POST", "/api/v1/climate/groups", api_climate_group_create, 0, SMALL },
	{ "POST", "/api/v1/climate/groups/{id}/rounds", api_climate_round_create, 0, SMALL },
	{ "GET", "/api/v1/climate/groups/{id}/trend", api_climate_trend, 0, 0 },
	{ "POST", "/api/v1/climate/rounds/{id}/codes", api_climate_codes, 0, SMALL },
	{ "GET", "/api/v1/climate/rounds/{id}/report", api_climate_report, 0, 0 },
	{ "GET", "/api/v1/climate/overview", api_climate_overview, 0, 0 },
	{ "POST", "/api/v1/climate/answer/start", api_climate_answer_start, API_PUBLIC, SMALL },
	{ "POST", "/api/v1/climate/answer/save", api_climate_answer_save, API_PUBLIC, SMALL },
	{ "POST", "/api/v1/climate/answer/finish", api_climate_answer_finish, API_PUBLIC, SMALL },

	{ "GET", "/api/v1/me", api_me, 0, 0 },

	/* One's own notifications (api/notification.h). */
	{ "GET", "/api/v1/notifications", api_notifications_list, 0, 0 },
	{ "POST", "/api/v1/notifications/read-all", api_notifications_read_all, 0, SMALL },
	{ "POST", "/api/v1/notifications/{id}/read", api_notification_read, 0, SMALL },

	/* A file's life (api/retention.h): export, her request, legal holds. */
	{ "GET", "/api/v1/clients/{id}/export", api_client_export, 0, 0 },
	{ "GET", "/api/v1/clients/{id}/transfer", api_transfer_export, 0, 0 },
	{ "GET", "/api/v1/clients/{id}/destruction-requests", api_destruction_list, 0, 0 },
	{ "POST", "/api/v1/clients/{id}/destruction-requests", api_destruction_create, 0, SMALL },
	{ "POST", "/api/v1/clients/{id}/destruction-requests/{rid}/decision", api_destruction_decide, 0, SMALL },
	{ "GET", "/api/v1/clients/{id}/legal-holds", api_holds_list, 0, 0 },
	{ "POST", "/api/v1/clients/{id}/legal-holds", api_hold_set, 0, SMALL },
	{ "POST", "/api/v1/clients/{id}/legal-holds/lift", api_hold_lift, 0, SMALL },
};

const size_t api_nroutes = sizeof api_routes / sizeof api_routes[0];
