/*
 * store.h - a client's record in the database: client, trajectory, phases,
 * legal bases, court orders and team, and who may see them.  The only
 * place (with auth_store.c) that holds SQL.
 *
 * Every function runs inside the caller's transaction (db_begin_read or
 * db_begin_write); none commits.  Strings in records are allocated in the
 * caller's arena.  Free text about her (names, BSN, locations, reasons) is
 * encrypted here on the way in and decrypted on the way out, bound to its
 * table, column and row, so the rest of the program only sees plaintext
 * and the database file never does.
 *
 * Dates are dl_date (DATE_NONE for an absent end) — the API turns NULL into
 * DATE_NONE and the store writes NULL for it.
 */
#ifndef DOORLOOP_STORE_H
#define DOORLOOP_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "store/actor.h"
#include "core/date.h"
#include "core/rules.h"
#include "util/err.h"
#include "util/id.h"
#include "util/mem.h"

struct db;

/* Every new row's id comes from here (arena copy, UUIDv7); fills `now`
 * with the current instant.  auth/ uses it too. */
char *store_new_id(struct arena *a, char now[INSTANT_LEN + 1]);

/* The end of a write transaction: committed when rc is 0, rolled back when
 * it is not or the commit fails.  0 or -1.  auth/ uses it too. */
int store_tx_end(struct db *db, int rc, struct err *e);

/*
 * The audit entry of an act of the installation itself, with no user (a
 * store batch such as store_signals_purge): the store hands it to the sink
 * auth_init installs (auth/audit.c), which appends it to the audit chain in
 * the caller's write transaction.  Without a sink it fails (ERR_INTERNAL),
 * so nothing is destroyed unaudited.
 */
typedef int store_audit_sink_fn(struct db *db, const char *action,
    const char *object_type, const char *object_id, struct err *e);
void store_audit_sink_set(store_audit_sink_fn *fn);
int store_audit_system(struct db *db, const char *action,
    const char *object_type, const char *object_id, struct err *e);

struct client_rec {
	char *id, *pseudonym;
	char *name, *bsn;		/* plaintext after decryption; NULL if none */
	dl_date birth;
	char *municipality_id, *municipality_name;
	bool shielded;
	char *registered_by_org;
	char *created_at, *updated_at;
};

struct trajectory_rec {
	char *id, *client_id;
	char *coordinator_org, *coordinator_name;
	dl_date start, end;		/* end DATE_NONE while open */
	char *end_reason;
};

struct phase_rec {
	char *id, *trajectory_id;
	enum care_form form;
	char *provider_id, *provider_name;
	char *location;
	bool location_shielded;
	dl_date start, end;
	char *change_reason;
	bool out_of_region;
	char *safety_reason;
};

struct basis_rec {
	char *id, *trajectory_id;
	enum basis_kind kind;
	char *paying_id, *paying_name;
	dl_date start, end;
};

struct order_rec {
	char *id, *trajectory_id;
	enum order_kind kind;
	dl_date start, end;
};

struct member_rec {
	char *id, *trajectory_id;
	char *user_id, *user_name, *user_role;
	enum team_role role;
	dl_date from, to;
	bool user_inactive;	/* the account is deactivated (the name stays) */
};

/* Everything of one trajectory, each list ascending by start. */
struct trajectory_full {
	struct trajectory_rec t;
	struct phase_rec *phases; size_t nphases;
	struct basis_rec *bases; size_t nbases;
	struct order_rec *orders; size_t norders;
	struct member_rec *members; size_t nmembers;
};

/* ---- access: who may see this client, and how much ---- */

enum access_level {
	ACCESS_NONE = 0,	/* absent or not visible: answer 404 */
	ACCESS_PARTNER,		/* phases her organisation delivers */
	ACCESS_SELF,		/* the client herself: read */
	ACCESS_GLASS,		/* break the glass: read, time-limited, reason logged */
	ACCESS_TEAM,		/* team member: read and write care records */
	ACCESS_COORDINATOR	/* coordinating institution: everything */
};

struct access {
	enum access_level level;
	char *glass_reason;		/* ACCESS_GLASS: the stated reason */
	char *glass_expires_at;
};

/*
 * Decide access of `who` to client `client_id` on day `today` (client.c).
 * A team membership counts from its from_date; a partner organisation's
 * access ends access.partner_grace_days after its last phase with her.
 */
int store_access_client(struct db *db, struct arena *a,
    const struct actor *who, const char *client_id, dl_date today,
    struct access *out, struct err *e);
/* Record a break-the-glass access (reason stored, expires after minutes). */
int store_glass_insert(struct db *db, struct arena *a, const struct actor *who,
    const char *client_id, const char *reason, int minutes,
    char expires_at[INSTANT_LEN + 1], char **id, struct err *e);
/* Break-the-glass uses of `who` on her file not yet acknowledged. */
int store_glass_open_count(struct db *db, struct arena *a,
    const struct actor *who, const char *client_id, int64_t *n,
    struct err *e);
/* Acknowledge one use (conditional: once): ERR_NOT_FOUND when it is not
 * hers, ERR_CONFLICT when already acknowledged. */
int store_glass_acknowledge(struct db *db, struct arena *a,
    const struct actor *who, const char *client_id, const char *glass_id,
    struct err *e);
/* The kind of the organisation `org_id` ("institution", ...); NULL if none. */
int store_org_kind(struct db *db, struct arena *a, const char *org_id,
    char **kind, struct err *e);
/* ---- the security officer's report (oversight.c): the audit log by
 * time, pseudonymous client ids at most ---- */
struct oversight_event {
	char *at, *user_id, *username, *role, *org_id, *action, *object_type;
	char *client_id;
};
/* Break-the-glass uses (refusals false) or refused acts (true) in
 * [from, to): the newest few hundred, and *total of them all. */
int store_oversight_events(struct db *db, struct arena *a, const char *from,
    const char *to, bool refusals, struct oversight_event **out, size_t *n,
    int64_t *total, struct err *e);
struct oversight_check {
	char *at, *reason;
	bool ok;
	int64_t checked, bad_seq;
};
/* The chain checks of [from, to) and the last one before, newest first. */
int store_oversight_checks(struct db *db, struct arena *a, const char *from,
    const char *to, struct oversight_check **out, size_t *n,
    struct err *e);
struct oversight_reader {
	char *user_id, *username, *role;
	int64_t girls;		/* different girls in her busiest window */
	char *from, *to;	/* that window's first and last read */
};
/* Users who opened at least `reads` different girls' files within
 * `minutes` somewhere in [from, to). */
int store_oversight_readers(struct db *db, struct arena *a, const char *from,
    const char *to, int reads, int minutes, struct oversight_reader **out,
    size_t *n, struct err *e);

/* ---- users (user.c: the little the care records need of them) ---- */
struct user_brief {
	char *id, *display_name, *role;
	char *org_id;			/* NULL when none */
	bool active;
};
/* ERR_NOT_FOUND if there is no such user. */
int store_user_brief(struct db *db, struct arena *a, const char *id,
    struct user_brief *out, struct err *e);

/* ---- client (client.c, with access and break the glass above) ---- */
int store_client_insert(struct db *db, struct arena *a, struct client_rec *c,
    struct err *e);	/* c->id filled in */
int store_client_get(struct db *db, struct arena *a, const char *id,
    struct client_rec *out, struct err *e);
int store_client_update(struct db *db, struct arena *a,
    const struct client_rec *c, struct err *e);

/*
 * Clients `who` may see (not their rows' contents beyond the summary).
 * A non-empty `query` keeps those whose pseudonym contains it, compared
 * case- and accent-insensitively ("noe" finds "Noë"; % and _ are literal)
 * through client.search_key, the pseudonym folded by store_fold on write.
 */
struct client_summary {
	struct client_rec c;
	char *trajectory_id;		/* the open one, else the latest; NULL if none */
	bool trajectory_open;
	char *coordinator_org, *coordinator_name;
};
int store_client_list(struct db *db, struct arena *a,
    const struct actor *who, const char *query, dl_date today,
    struct client_summary **out, size_t *n, struct err *e);

/* ---- trajectory ---- */
/* The open trajectory, else the most recent; ERR_NOT_FOUND if none. */
int store_trajectory_current(struct db *db, struct arena *a,
    const char *client_id, struct trajectory_rec *out, struct err *e);
int store_trajectory_insert(struct db *db, struct arena *a,
    struct trajectory_rec *t, struct err *e);
int store_trajectory_update(struct db *db, struct arena *a,
    const struct trajectory_rec *t, struct err *e);
int store_trajectory_load(struct db *db, struct arena *a,
    const struct trajectory_rec *t, struct trajectory_full *out,
    struct err *e);

/* ---- phases, bases, orders, team (all under one trajectory) ---- */
int store_phase_insert(struct db *db, struct arena *a, struct phase_rec *p,
    struct err *e);
int store_phase_update(struct db *db, struct arena *a,
    const struct phase_rec *p, struct err *e);
int store_basis_insert(struct db *db, struct arena *a, struct basis_rec *b,
    struct err *e);
int store_basis_update(struct db *db, const struct basis_rec *b,
    struct err *e);
int store_order_insert(struct db *db, struct arena *a, struct order_rec *o,
    struct err *e);
int store_order_update(struct db *db, const struct order_rec *o,
    struct err *e);
int store_member_insert(struct db *db, struct arena *a,
    struct member_rec *m, struct err *e);
int store_member_update(struct db *db, const struct member_rec *m,
    struct err *e);

/* ---- the access log of one client (NEN 7513), newest first ---- */
struct access_entry {
	char *at, *user, *role, *organisation, *action, *object_type;
	char *outcome, *purpose;
	bool break_glass;
};
int store_access_log(struct db *db, struct arena *a, const char *client_id,
    int limit, int offset, struct access_entry **out, size_t *n,
    int64_t *total, struct err *e);

/* ---- settings (setting.c) ---- */
/* A whole-number setting outside the alert thresholds: name, default, bounds. */
struct store_setting_info {
	const char *name;
	int dflt, min, max;
	const char *unit;
};
extern const struct store_setting_info store_setting_infos[];
extern const size_t store_nsettings;
const struct store_setting_info *store_setting_find(const char *name);
/* 0 and *out when value is a whole number within in's bounds, else -1. */
int store_setting_parse(const struct store_setting_info *in,
    const char *value, int *out);
/* The setting's value, its default when unset or out of bounds. */
int store_setting_int(struct db *db, struct arena *a, const char *name,
    int *out, struct err *e);
int store_setting_get(struct db *db, struct arena *a, const char *name,
    char **value, struct err *e);	/* *value NULL if unset */
int store_setting_put(struct db *db, const char *name, const char *value,
    struct err *e);
int store_setting_delete(struct db *db, const char *name, struct err *e);

#endif
