/*
 * continuity.h - the continuity records in the database (DOMAIN.md R4, R5,
 * R7, R8, R11): transition plan and items, handovers, life domains with
 * goals and history, reviews, closures and aftercare, and the alert
 * thresholds.  What the rules read of them: store/loader.h.
 *
 * Same contract as store.h: every function runs inside the caller's
 * transaction and never commits; strings are allocated in the caller's
 * arena; free text about her (notes, her view and words, goals,
 * participants, outcomes, reasons) is encrypted on the way in and
 * decrypted on the way out, bound to table, column and row.
 */
#ifndef DOORLOOP_STORE_CONTINUITY_H
#define DOORLOOP_STORE_CONTINUITY_H

#include "core/alerts.h"
#include "store/loader.h"
#include "store/store.h"

/* ---- R4 transition plan ---- */

struct plan_item_rec {
	char *id;
	enum plan_item_kind kind;
	char *owner_id, *owner_name;	/* NULL if none */
	dl_date due;			/* DATE_NONE if none */
	enum item_status status;
	char *notes;
	int basis_kind;			/* enum basis_kind, -1 if none */
	dl_date request_date, decision_date;
	enum decision decision;
	char *updated_at;
};

struct plan_rec {
	char *id, *trajectory_id;
	dl_date opened_on;
	char *her_view;
	char *created_at, *updated_at;
	struct plan_item_rec items[ITEM__COUNT];	/* in enum order */
	size_t nitems;
};

int store_plan_get(struct db *db, struct arena *a, const char *trajectory_id,
    struct plan_rec *out, bool *found, struct err *e);
/* Creates the plan and its ten items, each due at its default date (but
 * never before opened_on); p->id filled in.  ERR_CONFLICT if one exists. */
int store_plan_insert(struct db *db, struct arena *a, struct plan_rec *p,
    const char *user_id, dl_date eighteenth, struct err *e);
int store_plan_update(struct db *db, struct arena *a,
    const struct plan_rec *p, struct err *e);
int store_plan_item_update(struct db *db, struct arena *a,
    const struct plan_item_rec *it, struct err *e);

/* ---- R5 handover ---- */

enum handover_status { HO_PROPOSED = 0, HO_ACCEPTED, HO_WITHDRAWN };

struct handover_rec {
	char *id, *trajectory_id;
	char *outgoing_id, *outgoing_name;	/* NULL if nobody held the role */
	char *incoming_id, *incoming_name;
	enum team_role role;
	dl_date proposed_on, planned_date, meeting_date, accepted_on;
	bool meeting_with_her;
	char *meeting_notes;
	enum handover_status status;
	char *created_at;
	char *approval;		/* NULL, "pending", "approved", "refused" */
};

const char *handover_status_name(enum handover_status s);
int handover_status_parse(const char *s, enum handover_status *out);
int store_handover_list(struct db *db, struct arena *a,
    const char *trajectory_id, struct handover_rec **out, size_t *n,
    struct err *e);
/* ERR_NOT_FOUND if it is not a handover of this trajectory. */
int store_handover_get(struct db *db, struct arena *a,
    const char *trajectory_id, const char *id, struct handover_rec *out,
    struct err *e);
int store_handover_insert(struct db *db, struct arena *a,
    struct handover_rec *h, const char *proposed_by, struct err *e);
int store_handover_update(struct db *db, struct arena *a,
    const struct handover_rec *h, struct err *e);
/* Her coordinator's decision on a pending handover to another organisation
 * (conditional: once); a refusal also withdraws it.  ERR_CONFLICT when
 * no approval is pending. */
int store_handover_decide(struct db *db, struct arena *a, const char *id,
    bool approve, const char *by, struct err *e);

/* ---- R7 life domains ---- */

struct domain_rec {
	enum life_domain domain;
	enum domain_status status;	/* DS_NOT_ASSESSED when never touched */
	char *her_words;
	char *updated_by_name, *updated_at;	/* NULL when never touched */
};

enum goal_status { GOAL_OPEN = 0, GOAL_ACHIEVED, GOAL_DROPPED, GOAL__COUNT };
const char *goal_status_name(enum goal_status s);
int goal_status_parse(const char *s, enum goal_status *out);

struct goal_rec {
	char *id;
	enum life_domain domain;
	char *text;
	char *owner_id, *owner_name;
	dl_date target;
	enum goal_status status;
	char *created_at, *updated_at;
};

struct domain_change {
	enum life_domain domain;
	char *goal_id;		/* NULL unless a goal changed */
	char *field;		/* "status", "her_words", "goal" */
	char *value;		/* the new value (a goal: its text and status) */
	char *changed_by, *changed_at;
};

/* All nine, in enum order. */
int store_domains_get(struct db *db, struct arena *a,
    const char *trajectory_id, struct domain_rec out[DOM__COUNT],
    struct err *e);
/* Set status and/or her words (NULL pointer: unchanged); keeps history. */
int store_domain_put(struct db *db, struct arena *a,
    const char *trajectory_id, enum life_domain d,
    const enum domain_status *status, const char *her_words,
    bool words_present, const char *user_id, struct err *e);
int store_goals_list(struct db *db, struct arena *a,
    const char *trajectory_id, struct goal_rec **out, size_t *n,
    struct err *e);
int store_goal_get(struct db *db, struct arena *a, const char *trajectory_id,
    const char *id, struct goal_rec *out, struct err *e);
int store_goal_insert(struct db *db, struct arena *a,
    const char *trajectory_id, struct goal_rec *g, const char *user_id,
    struct err *e);
int store_goal_update(struct db *db, struct arena *a,
    const char *trajectory_id, const struct goal_rec *g,
    const char *user_id, struct err *e);
/* Newest first. */
int store_domain_history(struct db *db, struct arena *a,
    const char *trajectory_id, struct domain_change **out, size_t *n,
    struct err *e);

/* ---- R11 reviews ---- */

struct review_rec {
	char *id, *phase_id;
	dl_date held_on, next_date;
	char *participants, *outcome;
	bool she_attended;
	char *recorded_by_name, *created_at;
};
int store_review_list(struct db *db, struct arena *a,
    const char *trajectory_id, struct review_rec **out, size_t *n,
    struct err *e);
int store_review_insert(struct db *db, struct arena *a,
    const char *trajectory_id, struct review_rec *r, const char *user_id,
    struct err *e);

/* ---- R8 closures and aftercare ---- */

struct closure_rec {
	char *id;
	dl_date closed_on, reopened_on;
	char *unsettled;		/* comma-separated domains, or NULL */
	char *sign_off_reason, *signed_off_by;
	char *reopen_reason;
	char *end_reason;		/* the trajectory's end reason at this closing */
};
int store_closure_list(struct db *db, struct arena *a,
    const char *trajectory_id, struct closure_rec **out, size_t *n,
    struct err *e);
int store_closure_insert(struct db *db, struct arena *a,
    const char *trajectory_id, struct closure_rec *c, struct err *e);
/* Mark the open closure reopened; cancels the planned aftercare. */
int store_closure_reopen(struct db *db, struct arena *a,
    const char *trajectory_id, dl_date reopened_on, const char *reason,
    struct err *e);

enum aftercare_status { AC_PLANNED = 0, AC_DONE, AC_CANCELLED };
const char *aftercare_status_name(enum aftercare_status s);
int aftercare_status_parse(const char *s, enum aftercare_status *out);

struct aftercare_rec {
	char *id, *closure_id;
	dl_date due, done_on;
	int months_after;
	enum aftercare_status status;
	int needs_help;			/* -1 unknown, 0, 1 */
	char *outcome, *done_by_name;
};
int store_aftercare_list(struct db *db, struct arena *a,
    const char *trajectory_id, struct aftercare_rec **out, size_t *n,
    struct err *e);
int store_aftercare_get(struct db *db, struct arena *a,
    const char *trajectory_id, const char *id, struct aftercare_rec *out,
    struct err *e);
int store_aftercare_insert(struct db *db, struct arena *a,
    const char *trajectory_id, struct aftercare_rec *c, struct err *e);
int store_aftercare_update(struct db *db, struct arena *a,
    const struct aftercare_rec *c, const char *user_id, struct err *e);

/* ---- the rules' thresholds (the records: store/loader.h) ---- */

/* The installation's alert thresholds: the defaults, overridden by the
 * settings "threshold.NAME" (doorloop config set).  A stored value that is
 * no longer valid is ERR_INTERNAL naming the setting. */
int store_thresholds_load(struct db *db, struct arena *a,
    struct alert_thresholds *th, struct err *e);

#endif
