/*
 * voice.h - her voice in the database (DOMAIN.md R9, R10, consent):
 * promises and her view on them, journal entries with their versions,
 * withholdings and her statements, her own plan, consent records, and the
 * few reads her portal needs (team with contact details).
 *
 * Same contract as store.h: every function runs inside the caller's
 * transaction and never commits; strings live in the caller's arena; free
 * text is encrypted here, bound to table|column|row id.  Nothing of hers
 * is updated in place: statements, views and plan versions are inserts.
 */
#ifndef DOORLOOP_STORE_VOICE_H
#define DOORLOOP_STORE_VOICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/voice.h"
#include "util/err.h"
#include "util/mem.h"

struct db;

/* A user as shown beside what she did: id, display name, role. */
struct voice_user {
	char *id, *display_name, *role;
};

/* ---- promises (R9) ---- */

enum promise_status { PROMISE_OPEN = 0, PROMISE_KEPT, PROMISE_BROKEN,
	PROMISE_CHANGED };
const char *promise_status_name(enum promise_status s);

struct promise_view_rec {
	char *id, *verdict, *note, *created_at;
};

struct promise_rec {
	char *id, *client_id;
	struct voice_user promised_by, recorded_by, closed_by;
	char *promised_by_org;
	char *what;
	dl_date due;
	enum promise_status status;
	char *replaces_id, *replaced_by_id;
	char *agreement;
	dl_date agreed_on;
	char *created_at, *closed_at, *close_note;
	struct promise_view_rec *views; size_t nviews;	/* hers, oldest first */
};

/* Her promises, by due date; with replaced_by and her views filled in. */
int store_promise_list(struct db *db, struct arena *a, const char *client_id,
    struct promise_rec **out, size_t *n, struct err *e);
/* One promise of this client; ERR_NOT_FOUND otherwise. */
int store_promise_get(struct db *db, struct arena *a, const char *client_id,
    const char *id, struct promise_rec *out, struct err *e);
/* Insert (p->id filled in); status open. */
int store_promise_insert(struct db *db, struct arena *a, struct promise_rec *p,
    const char *recorded_by, struct err *e);
/* Close an open promise as kept, broken or changed; ERR_CONFLICT if it is
 * not open any more. */
int store_promise_close(struct db *db, struct arena *a, const char *id,
    enum promise_status status, const char *closed_by, const char *note,
    struct err *e);
/* Her view (kept / not_kept) with an optional note. */
int store_promise_view_insert(struct db *db, struct arena *a,
    const char *promise_id, const char *client_id, const char *verdict,
    const char *note, const char *written_by, struct err *e);

/* Tallies for the coordinator's figure, over the clients of institution
 * `org_id` (coordinating or registering), as of `as_of`. */
struct promise_figure_row {
	char *id, *name;		/* user (per caregiver) or client pseudonym (per team) */
	struct promise_tally t;
};
int store_promise_figures(struct db *db, struct arena *a, const char *org_id,
    dl_date as_of, struct promise_tally *institution,
    struct promise_figure_row **caregivers, size_t *ncaregivers,
    struct promise_figure_row **teams, size_t *nteams, struct err *e);

/* ---- journal (R10) ---- */

struct journal_version {
	char *id;
	int version;
	struct voice_user author;
	dl_date entry_date;
	char *text, *correction_reason, *created_at;
};

struct journal_statement_rec {
	char *id, *entry_id, *text, *created_at;
	int version;			/* the version she answered */
};

struct journal_withhold_rec {
	char *id, *reason, *withheld_at;
	struct voice_user withheld_by;
};

struct journal_rec {
	char *id;			/* the thread: id of the first version */
	char *client_id;
	struct journal_version *versions; size_t nversions;	/* oldest first */
	struct journal_statement_rec *statements; size_t nstatements;
	bool withheld;
	struct journal_withhold_rec withhold;	/* when withheld */
};

/* Her entries, newest entry date first, each with all versions, her
 * statements and the current withholding.  `with_withheld` false leaves
 * withheld entries out altogether (her own view). */
int store_journal_list(struct db *db, struct arena *a, const char *client_id,
    bool with_withheld, struct journal_rec **out, size_t *n, struct err *e);
/* One entry (by thread id); ERR_NOT_FOUND if absent or, without
 * `with_withheld`, withheld. */
int store_journal_get(struct db *db, struct arena *a, const char *client_id,
    const char *thread_id, bool with_withheld, struct journal_rec *out,
    struct err *e);
/* A new entry (version 1); *thread_id receives its id. */
int store_journal_insert(struct db *db, struct arena *a, const char *client_id,
    const char *author_id, dl_date entry_date, const char *text,
    char **thread_id, struct err *e);
/* A correction: version `prev->version + 1` after `prev`. */
int store_journal_correct(struct db *db, struct arena *a,
    const char *client_id, const char *thread_id,
    const struct journal_version *prev, const char *author_id,
    dl_date entry_date, const char *text, const char *reason, struct err *e);
int store_journal_withhold(struct db *db, struct arena *a,
    const char *client_id, const char *thread_id, const char *reason,
    const char *user_id, struct err *e);	/* ERR_CONFLICT if withheld */
int store_journal_release(struct db *db, const char *thread_id,
    const char *user_id, struct err *e);	/* ERR_CONFLICT if not withheld */
int store_journal_statement_insert(struct db *db, struct arena *a,
    const char *client_id, const char *thread_id, const char *entry_id,
    const char *text, const char *written_by, char **id, struct err *e);

/* Withheld entries of the clients of institution `org_id`, for the
 * coordinator: client id and pseudonym, thread, reason, who and when. */
struct withheld_row {
	char *client_id, *pseudonym, *thread_id;
	dl_date entry_date;
	struct journal_withhold_rec w;
};
int store_journal_withheld(struct db *db, struct arena *a, const char *org_id,
    struct withheld_row **out, size_t *n, struct err *e);

/* ---- her own plan (R10) ---- */

struct own_plan_rec {
	char *id;
	int section;			/* OWN_GENERAL or an enum life_domain */
	int version;
	char *text, *created_at;
	struct voice_user written_by;
};
/* The current version per section ("general" first, then domain order),
 * or with `section` not OWN_PLAN_ALL every version of that section, newest
 * first. */
#define OWN_PLAN_ALL (-2)
int store_own_plan_list(struct db *db, struct arena *a, const char *client_id,
    int section, struct own_plan_rec **out, size_t *n, struct err *e);
int store_own_plan_insert(struct db *db, struct arena *a,
    const char *client_id, int section, const char *text,
    const char *written_by, struct own_plan_rec *out, struct err *e);

/* ---- consent ---- */

struct consent_rec {
	char *id, *client_id, *kind, *recipient, *purpose, *exception;
	enum consent_party basis, required;
	int age_years;
	dl_date given_on, withdrawn_on;
	struct voice_user recorded_by;
	char *created_at;
};
int store_consent_list(struct db *db, struct arena *a, const char *client_id,
    struct consent_rec **out, size_t *n, struct err *e);
int store_consent_get(struct db *db, struct arena *a, const char *client_id,
    const char *id, struct consent_rec *out, struct err *e);
int store_consent_insert(struct db *db, struct arena *a,
    struct consent_rec *c, const char *recorded_by, struct err *e);
int store_consent_withdraw(struct db *db, const char *id, dl_date on,
    const char *user_id, struct err *e);	/* ERR_CONFLICT if withdrawn */

/* ---- the portal ---- */

/* Her current team (members whose span covers `today`) with contacts. */
struct team_contact {
	char *user_id, *display_name, *user_role, *team_role;
	char *email, *phone;
	dl_date from;
};
int store_team_contacts(struct db *db, struct arena *a, const char *client_id,
    dl_date today, struct team_contact **out, size_t *n, struct err *e);
/* Set a user's contact details (demo data and administration). */
int store_user_contact_set(struct db *db, const char *user_id,
    const char *email, const char *phone, struct err *e);

#endif
