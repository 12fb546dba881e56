/*
 * routes.c - the one static route table: method, pattern, handler, flags,
 * body limit.  {x} matches one path segment and arrives in req->params.
 * Every route here is described in docs/api/openapi.json; a unit test
 * (tests/unit/test_api_openapi.c) keeps the two equal.
 */
#include "api/api.h"
#include "api/admin.h"
#include "api/care.h"
#include "api/continuity.h"
#include "api/figures.h"
#include "api/openapi.h"
#include "api/session.h"
#include "api/voice.h"

#define C API_CLIENT_DATA
#define SMALL (64 * 1024)

const struct api_route api_routes[] = {
	{ "GET", "/api/v1/openapi.json", api_openapi_get, API_PUBLIC, 0 },

	{ "POST", "/api/v1/session", api_session_create, API_PUBLIC, SMALL },
	{ "GET", "/api/v1/session", api_session_get, 0, 0 },
	{ "DELETE", "/api/v1/session", api_session_delete, 0, 0 },

	{ "GET", "/api/v1/organisations", api_orgs_list, 0, 0 },
	{ "POST", "/api/v1/organisations", api_orgs_create, 0, SMALL },
	{ "GET", "/api/v1/users", api_users_list, 0, 0 },
	{ "POST", "/api/v1/users", api_users_create, 0, SMALL },

	{ "GET", "/api/v1/clients", api_clients_list, C, 0 },
	{ "POST", "/api/v1/clients", api_clients_create, C, SMALL },
	{ "GET", "/api/v1/clients/{id}", api_client_get, C, 0 },
	{ "PATCH", "/api/v1/clients/{id}", api_client_update, C, SMALL },
	{ "GET", "/api/v1/clients/{id}/timeline", api_timeline, C, 0 },
	{ "GET", "/api/v1/clients/{id}/access-log", api_access_log, C, 0 },
	{ "POST", "/api/v1/clients/{id}/break-glass", api_break_glass, C, SMALL },

	{ "GET", "/api/v1/clients/{id}/trajectory", api_trajectory_get, C, 0 },
	{ "POST", "/api/v1/clients/{id}/trajectory", api_trajectory_create, C, SMALL },
	{ "PATCH", "/api/v1/clients/{id}/trajectory", api_trajectory_update, C, SMALL },
	{ "POST", "/api/v1/clients/{id}/trajectory/end", api_trajectory_end, C, SMALL },

	{ "GET", "/api/v1/clients/{id}/phases", api_phases_list, C, 0 },
	{ "POST", "/api/v1/clients/{id}/phases", api_phases_create, C, SMALL },
	{ "GET", "/api/v1/clients/{id}/phases/{pid}", api_phase_get, C, 0 },
	{ "PATCH", "/api/v1/clients/{id}/phases/{pid}", api_phase_update, C, SMALL },
	{ "POST", "/api/v1/clients/{id}/phases/{pid}/end", api_phase_end, C, SMALL },

	{ "GET", "/api/v1/clients/{id}/legal-bases", api_bases_list, C, 0 },
	{ "POST", "/api/v1/clients/{id}/legal-bases", api_bases_create, C, SMALL },
	{ "GET", "/api/v1/clients/{id}/legal-bases/{bid}", api_basis_get, C, 0 },
	{ "PATCH", "/api/v1/clients/{id}/legal-bases/{bid}", api_basis_update, C, SMALL },
	{ "POST", "/api/v1/clients/{id}/legal-bases/{bid}/end", api_basis_end, C, SMALL },

	{ "GET", "/api/v1/clients/{id}/court-orders", api_orders_list, C, 0 },
	{ "POST", "/api/v1/clients/{id}/court-orders", api_orders_create, C, SMALL },
	{ "GET", "/api/v1/clients/{id}/court-orders/{oid}", api_order_get, C, 0 },
	{ "PATCH", "/api/v1/clients/{id}/court-orders/{oid}", api_order_update, C, SMALL },
	{ "POST", "/api/v1/clients/{id}/court-orders/{oid}/end", api_order_end, C, SMALL },

	{ "GET", "/api/v1/clients/{id}/team", api_team_list, C, 0 },
	{ "POST", "/api/v1/clients/{id}/team", api_team_create, C, SMALL },
	{ "GET", "/api/v1/clients/{id}/team/{mid}", api_member_get, C, 0 },
	{ "PATCH", "/api/v1/clients/{id}/team/{mid}", api_member_update, C, SMALL },
	{ "POST", "/api/v1/clients/{id}/team/{mid}/end", api_member_end, C, SMALL },

	/* The continuity engine (api/continuity.h). */
	{ "GET", "/api/v1/worklist", api_worklist, C, 0 },
	{ "GET", "/api/v1/figures/institution", api_figures_institution, 0, 0 },
	{ "GET", "/api/v1/figures/municipality", api_figures_municipality, 0, 0 },
	{ "GET", "/api/v1/figures/monitor", api_figures_monitor, 0, 0 },
	{ "GET", "/api/v1/clients/{id}/alerts", api_client_alerts, C, 0 },
	{ "POST", "/api/v1/clients/{id}/trajectory/reopen", api_trajectory_reopen, C, SMALL },
	{ "GET", "/api/v1/clients/{id}/transition-plan", api_plan_get, C, 0 },
	{ "POST", "/api/v1/clients/{id}/transition-plan", api_plan_create, C, SMALL },
	{ "PATCH", "/api/v1/clients/{id}/transition-plan", api_plan_update, C, SMALL },
	{ "PATCH", "/api/v1/clients/{id}/transition-plan/items/{item}", api_plan_item_update, C, SMALL },
	{ "GET", "/api/v1/clients/{id}/handovers", api_handovers_list, C, 0 },
	{ "POST", "/api/v1/clients/{id}/handovers", api_handovers_create, C, SMALL },
	{ "POST", "/api/v1/clients/{id}/handovers/{hid}/meeting", api_handover_meeting, C, SMALL },
	{ "POST", "/api/v1/clients/{id}/handovers/{hid}/accept", api_handover_accept, C, SMALL },
	{ "POST", "/api/v1/clients/{id}/handovers/{hid}/withdraw", api_handover_withdraw, C, SMALL },
	{ "GET", "/api/v1/clients/{id}/domains", api_domains_list, C, 0 },
	{ "PATCH", "/api/v1/clients/{id}/domains/{domain}", api_domain_update, C, SMALL },
	{ "POST", "/api/v1/clients/{id}/domains/{domain}/goals", api_goals_create, C, SMALL },
	{ "PATCH", "/api/v1/clients/{id}/goals/{gid}", api_goal_update, C, SMALL },
	{ "GET", "/api/v1/clients/{id}/domain-history", api_domain_history, C, 0 },
	{ "GET", "/api/v1/clients/{id}/reviews", api_reviews_list, C, 0 },
	{ "POST", "/api/v1/clients/{id}/reviews", api_reviews_create, C, SMALL },
	{ "GET", "/api/v1/clients/{id}/aftercare", api_aftercare_list, C, 0 },
	{ "POST", "/api/v1/clients/{id}/aftercare/{aid}/resolve", api_aftercare_resolve, C, SMALL },

	{ "GET", "/api/v1/clients/{id}/promises", api_promises_list, C, 0 },
	{ "POST", "/api/v1/clients/{id}/promises", api_promises_create, C, SMALL },
	{ "GET", "/api/v1/clients/{id}/promises/{pid}", api_promise_get, C, 0 },
	{ "POST", "/api/v1/clients/{id}/promises/{pid}/close", api_promise_close, C, SMALL },
	{ "POST", "/api/v1/clients/{id}/promises/{pid}/change", api_promise_change, C, SMALL },
	{ "POST", "/api/v1/clients/{id}/promises/{pid}/her-view", api_promise_her_view, C, SMALL },
	{ "GET", "/api/v1/figures/promises", api_figures_promises, C, 0 },

	{ "GET", "/api/v1/clients/{id}/journal", api_journal_list, C, 0 },
	{ "POST", "/api/v1/clients/{id}/journal", api_journal_create, C, SMALL },
	{ "GET", "/api/v1/clients/{id}/journal/{eid}", api_journal_get, C, 0 },
	{ "PATCH", "/api/v1/clients/{id}/journal/{eid}", api_journal_edit_refused, C, SMALL },
	{ "PUT", "/api/v1/clients/{id}/journal/{eid}", api_journal_edit_refused, C, SMALL },
	{ "POST", "/api/v1/clients/{id}/journal/{eid}/corrections", api_journal_correct, C, SMALL },
	{ "POST", "/api/v1/clients/{id}/journal/{eid}/statements", api_journal_statement, C, SMALL },
	{ "POST", "/api/v1/clients/{id}/journal/{eid}/withhold", api_journal_withhold, C, SMALL },
	{ "POST", "/api/v1/clients/{id}/journal/{eid}/release", api_journal_release, C, SMALL },
	{ "GET", "/api/v1/journal/withheld", api_journal_withheld, C, 0 },

	{ "GET", "/api/v1/clients/{id}/own-plan", api_own_plan_get, C, 0 },
	{ "POST", "/api/v1/clients/{id}/own-plan", api_own_plan_write, C, SMALL },
	{ "GET", "/api/v1/clients/{id}/own-plan/{domain}", api_own_plan_history, C, 0 },
	{ "GET", "/api/v1/clients/{id}/consents", api_consents_list, C, 0 },
	{ "POST", "/api/v1/clients/{id}/consents", api_consents_create, C, SMALL },
	{ "POST", "/api/v1/clients/{id}/consents/{cid}/withdraw", api_consent_withdraw, C, SMALL },

	{ "GET", "/api/v1/me", api_me, C, 0 },
};

const size_t api_nroutes = sizeof api_routes / sizeof api_routes[0];
