/*
 * alerts.h - the continuity engine's rules (DOMAIN.md R3-R8, R11): every
 * break in care one trajectory is heading for, as of a given day.  Pure C,
 * no I/O; results are allocated with xmalloc and released with
 * alert_list_cleanup().
 *
 * The input is the coverage input of rules.h plus what the continuity
 * records add: the transition plan's items, handovers, the life-domain
 * statuses, held reviews, aftercare follow-ups and interruptions.  Every
 * rule reads `as_of` as "today", so tests and demos move through time.
 *
 * Timing convention.  A rule has a due date D.  A rule that warns ahead
 * (cliff, successor, court order ending, transition plan, a handover waiting
 * for acceptance) fires from the first day of its window (a handover: the day
 * it is proposed, so the incoming person sees it at once) and is overdue only
 * when as_of > D.  A deadline rule (review, domains, plan item, gap,
 * aftercare) fires when as_of > D (aftercare: from D on).  Tests put as_of on both sides of each.
 *
 * Sorting: severity first (critical, then high, then normal), within a
 * severity overdue first, then due date ascending, then rule and trajectory
 * id, so the order is total and stable and a coming cliff at 18 is never
 * buried below routine deadlines.
 */
#ifndef DOORLOOP_ALERTS_H
#define DOORLOOP_ALERTS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "core/rules.h"

enum alert_rule {
	ALERT_NO_TRANSITION_PLAN = 0,	/* window open, no plan (R4) */
	ALERT_PLAN_ITEM_OVERDUE,	/* a plan item past its due date (R4) */
	ALERT_CLIFF_AT_18,		/* window open, her 18th birthday uncovered (R3) */
	ALERT_SUCCESSOR_MISSING,	/* a basis or order ends within 30 days, nothing after (R3) */
	ALERT_GAP,			/* today is without a legal basis (R3) */
	ALERT_SECURE_WITHOUT_ORDER,	/* a secure placement day without a court order (R3) */
	ALERT_ORDER_ENDING,		/* a court order ends within 14 days, nothing after (R3) */
	ALERT_REVIEW_OVERDUE,		/* periodic review overdue (R11) */
	ALERT_NO_MAIN_CAREGIVER,	/* nobody is responsible (R5, R6) */
	ALERT_HANDOVER_WAITING,		/* a handover waits for acceptance (R5) */
	ALERT_THIRD_TRANSFER,		/* the third transfer within 12 months (R6) */
	ALERT_DOMAIN_NOT_ASSESSED,	/* life domains not assessed 6 weeks in (R7) */
	ALERT_AFTERCARE_DUE,		/* an aftercare follow-up is due (R8) */
	ALERT_PROMISE_OVERDUE,		/* a promise made to her is past its date (R9) */
	ALERT_GLASS_USED,		/* someone broke the glass; her coordinator acknowledges (R16) */
	ALERT_HANDOVER_APPROVAL,	/* a handover to another organisation waits for approval */
	ALERT_PROMISE_DISPUTED,		/* she says an open promise was not kept (R9) */
	ALERT__COUNT
};

enum alert_severity { SEV_NORMAL = 0, SEV_HIGH, SEV_CRITICAL };

/* Stable identifiers: "no_transition_plan", "plan_item_overdue", ... */
const char *alert_rule_name(enum alert_rule r);
int alert_rule_parse(const char *s, enum alert_rule *out);
/* Where the alert is resolved: "transition-plan", "legal-bases",
 * "court-orders", "team", "handovers", "domains", "reviews", "aftercare",
 * "phases". */
const char *alert_link(enum alert_rule r);
const char *alert_severity_name(enum alert_severity s);

struct alert_thresholds {
	int transition_window_months;	/* 12 */
	int successor_window_days;	/* 30 */
	int order_ending_days;		/* 14 */
	int review_secure_months;	/* 3 */
	int review_other_months;	/* 6 */
	int handover_wait_days;		/* 14 */
	int transfers_max;		/* 3: the third transfer alerts */
	int transfers_window_months;	/* 12 */
	int domain_assess_days;		/* 42 */
};
void alert_thresholds_default(struct alert_thresholds *t);

/*
 * Thresholds by name, as an installation sets them ("threshold.NAME" in
 * its settings): the names are the struct's members.  Each has bounds;
 * alert_threshold_set returns -1 for an unknown name or a value outside
 * them, leaving t unchanged.
 */
struct alert_threshold_info {
	const char *name;
	size_t offset;			/* of its member in the struct */
	int min, max, dflt;
	const char *unit;		/* "days", "months", "transfers" */
};
extern const struct alert_threshold_info alert_threshold_infos[];
extern const size_t alert_nthresholds;
/* The row of a name (without "threshold."), or NULL. */
const struct alert_threshold_info *alert_threshold_find(const char *name);
int alert_threshold_set(struct alert_thresholds *t, const char *name,
    long value);
int alert_threshold_get(const struct alert_thresholds *t, const char *name);

/* ---- the vocabulary of the continuity records ---- */

enum plan_item_kind {
	ITEM_LEGAL_BASIS = 0,	/* legal basis after 18: verlengde jeugdhulp or Wmo */
	ITEM_HOUSING, ITEM_INCOME, ITEM_HEALTH_INSURANCE, ITEM_BANK_DIGID,
	ITEM_DEBTS, ITEM_EDUCATION, ITEM_SAFETY_PLAN, ITEM_NETWORK,
	ITEM_WARM_HANDOVER,
	ITEM__COUNT
};
enum item_status { ITEM_OPEN = 0, ITEM_IN_PROGRESS, ITEM_DONE, ITEM_NOT_NEEDED,
	ITEM_STATUS__COUNT };
enum life_domain {
	DOM_SAFETY = 0, DOM_TRAUMA_HEALTH, DOM_HOUSING, DOM_FINANCES,
	DOM_EDUCATION, DOM_WORK, DOM_LEISURE, DOM_PARENTS, DOM_NETWORK,
	DOM__COUNT
};
enum domain_status { DS_NOT_ASSESSED = 0, DS_NEEDS_WORK, DS_IN_PROGRESS,
	DS_SETTLED, DS__COUNT };
enum decision { DECISION_NONE = 0, DECISION_PENDING, DECISION_GRANTED,
	DECISION_REFUSED, DECISION__COUNT };

const char *plan_item_name(enum plan_item_kind k);	/* "legal_basis_after_18", "housing", "income", "health_insurance", "bank_account_digid", "debts", "education", "safety_plan", "support_network", "warm_handover" */
int plan_item_parse(const char *s, enum plan_item_kind *out);
const char *item_status_name(enum item_status s);	/* "open", "in_progress", "done", "not_needed" */
int item_status_parse(const char *s, enum item_status *out);
const char *life_domain_name(enum life_domain d);	/* "safety", "trauma_health", "housing", "finances", "education", "work", "leisure", "parents", "network" */
int life_domain_parse(const char *s, enum life_domain *out);
const char *domain_status_name(enum domain_status s);	/* "not_assessed", "needs_work", "in_progress", "settled" */
int domain_status_parse(const char *s, enum domain_status *out);
const char *decision_name(enum decision d);	/* NULL, "pending", "granted", "refused" */
int decision_parse(const char *s, enum decision *out);

/* The exit gate (R8): domains that must be settled before closing. */
bool life_domain_exit_required(enum life_domain d);
/* Bit (1u << domain) for each exit domain not settled. */
unsigned alerts_exit_unsettled(const enum domain_status st[DOM__COUNT]);
/* Default due date of a plan item for someone turning 18 on b18. */
dl_date plan_item_default_due(enum plan_item_kind k, dl_date b18);

struct alert_item {
	const char *id;
	enum plan_item_kind kind;
	enum item_status status;
	dl_date due;		/* DATE_NONE if none */
};

struct alert_handover {
	const char *id;
	dl_date proposed_on;
	dl_date accepted_on;	/* DATE_NONE until accepted */
	bool withdrawn;
	const char *incoming;	/* user id of the one who must accept, or NULL */
	bool approval_pending;	/* to another organisation: her coordinator first */
};

struct alert_glass {
	const char *id;		/* the glass_access row */
	dl_date used_on;
};

struct alert_review {
	dl_date held_on;
	dl_date next_date;	/* DATE_NONE: the interval decides */
};

struct alert_aftercare {
	const char *id;
	dl_date due;
	dl_date done_on;	/* DATE_NONE while open */
	bool cancelled;
};

/* An open promise made to her (the worklist's bulk load reads them). */
struct alert_promise {
	const char *id;
	dl_date due;
	dl_date disputed_on;	/* her latest view says "not kept": its day; else DATE_NONE */
};

struct alert_interruption {
	dl_date closed_on;	/* the end date the trajectory had */
	dl_date reopened_on;	/* DATE_NONE while still closed */
};

struct alert_input {
	struct rules_input r;	/* birth, span (end DATE_OPEN while open), as_of, records */
	const char *client_id, *trajectory_id;
	bool has_plan;
	const struct alert_item *items; size_t nitems;
	const struct alert_handover *handovers; size_t nhandovers;
	enum domain_status domains[DOM__COUNT];
	const struct alert_review *reviews; size_t nreviews;	/* any order */
	const struct alert_aftercare *aftercare; size_t naftercare;
	const struct alert_interruption *interruptions; size_t ninterruptions;
	const struct alert_promise *promises; size_t npromises;	/* open ones */
	const struct alert_glass *glass; size_t nglass;	/* not yet acknowledged */
};

#define ALERT_REASON_MAX 200

struct alert {
	enum alert_rule rule;
	enum alert_severity severity;
	bool overdue;
	dl_date due;
	const char *client_id, *trajectory_id;	/* the input's pointers */
	const char *object_id;			/* the record concerned, or NULL */
	const char *actor;			/* the user id who must act, if one person must */
	char reason_nl[ALERT_REASON_MAX];
	char reason_en[ALERT_REASON_MAX];
};

struct alert_list {
	struct alert *v;
	size_t n, cap;
};

/* Append the alerts of one trajectory to `out` (which may hold others). */
void alerts_evaluate(const struct alert_input *in,
    const struct alert_thresholds *th, struct alert_list *out);
/* Most urgent first (see the top of this file). */
void alerts_sort(struct alert_list *l);
/* The order alerts_sort gives: < 0 when a comes first. */
int alerts_compare(const struct alert *a, const struct alert *b);
void alert_list_cleanup(struct alert_list *l);

/* The next review's due date for the placement running on as_of, or
 * DATE_NONE when none runs. */
dl_date alerts_review_due(const struct alert_input *in,
    const struct alert_thresholds *th);

/* Continuity figures the records of R5, R8 and R11 add to rules.h's. */
struct continuity_extra {
	int handovers;			/* proposed, not withdrawn */
	int handovers_accepted;
	int handovers_in_time;		/* accepted within handover_wait_days */
	int reviews_held;
	int reviews_on_time;		/* held on or before their due date */
	int interruptions;		/* times the trajectory was closed and reopened */
	int interruption_days;		/* days between a close and its reopening */
};
void alerts_figures(const struct alert_input *in,
    const struct alert_thresholds *th, struct continuity_extra *out);

#endif
