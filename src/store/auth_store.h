/*
 * auth_store.h - the SQL of authentication: users, organisations,
 * sessions, log-in throttles and the audit log.
 *
 * Every function runs one or a few statements on the caller's connection,
 * inside whatever transaction the caller opened (or in autocommit when it
 * opened none); none begins or commits.  Strings in records are allocated
 * in the caller's arena.  A "found" flag distinguishes an absent row from
 * a failure, which is -1 with e filled (ERR_CONFLICT for unique and check
 * violations, ERR_DB otherwise, never with a bound value in the message).
 */
#ifndef DOORLOOP_AUTH_STORE_H
#define DOORLOOP_AUTH_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crypto/crypto.h"
#include "util/err.h"
#include "util/mem.h"

struct db;

/* ---- users ---- */

struct store_user {
	char *id, *username, *display_name, *role;
	char *org_id, *client_id;	/* NULL when none */
	char *email, *phone;
	char *password_hash;
	bool active;
	char *created_at, *updated_at;
	bool access_pending;	/* client access waits for a second person */
};

int store_user_by_username(struct db *db, struct arena *a,
    const char *username, struct store_user *out, bool *found,
    struct err *e);
int store_user_insert(struct db *db, const struct store_user *u,
    struct err *e);
int store_user_set_password(struct db *db, const char *user_id,
    const char *password_hash, const char *now, struct err *e);

/* One account by id (without its password hash). */
int store_user_by_id(struct db *db, struct arena *a, const char *id,
    struct store_user *out, bool *found, struct err *e);
/* Deactivate (deactivated_at = now) or reactivate an account. */
int store_user_set_role(struct db *db, const char *user_id,
    const char *role, const char *org_id, const char *now, struct err *e);
int store_user_set_active(struct db *db, const char *user_id, bool active,
    const char *now, struct err *e);

struct store_user_filter {
	const char *role;	/* NULL: any */
	bool staff_only;	/* only coordinator, caregiver, partner */
	bool active_only;
};
/* Ordered by display name, then username; password_hash is not read. */
int store_user_list(struct db *db, struct arena *a,
    const struct store_user_filter *f, struct store_user **items,
    size_t *n, struct err *e);

/* ---- organisations ---- */

struct store_org {
	char *id, *name, *kind, *region, *created_at;
};

int store_org_insert(struct db *db, const struct store_org *o,
    struct err *e);
int store_org_get(struct db *db, struct arena *a, const char *id,
    struct store_org *out, bool *found, struct err *e);
int store_org_by_name(struct db *db, struct arena *a, const char *name,
    struct store_org *out, bool *found, struct err *e);
/* Ordered by name. */
int store_org_list(struct db *db, struct arena *a, struct store_org **items,
    size_t *n, struct err *e);
int store_client_exists(struct db *db, const char *client_id, bool *found,
    struct err *e);

/* ---- sessions ---- */

struct store_session {
	char *token_hash, *user_id, *csrf_token;
	char *created_at, *last_seen_at, *idle_expires_at, *expires_at;
	char *id;		/* public id, NULL for rows older than 015 */
	char *stage;		/* "full", "totp" or "enrol" */
	char *remote_addr, *user_agent;	/* NULL when unknown */
	struct store_user user;	/* the app_user row (without password hash) */
};

int store_session_insert(struct db *db, const struct store_session *s,
    struct err *e);
int store_session_lookup(struct db *db, struct arena *a,
    const char *token_hash, struct store_session *out, bool *found,
    struct err *e);
int store_session_touch(struct db *db, const char *token_hash,
    const char *last_seen_at, const char *idle_expires_at, struct err *e);
int store_session_delete(struct db *db, const char *token_hash,
    struct err *e);
int store_session_delete_user(struct db *db, const char *user_id,
    struct err *e);
/* Delete this user's sessions that expired before `now`. */
int store_session_purge_user(struct db *db, const char *user_id,
    const char *now, struct err *e);
/* The user's unexpired sessions, newest first (user is not filled). */
int store_session_list(struct db *db, struct arena *a, const char *user_id,
    const char *now, struct store_session **items, size_t *n, struct err *e);
/* Delete the user's session with public id `id`; *deleted tells whether
 * there was one (another user's id deletes nothing). */
int store_session_delete_id(struct db *db, const char *user_id,
    const char *id, bool *deleted, struct err *e);
/* Delete every session of the user but the one with keep_hash (NULL: all). */
int store_session_delete_others(struct db *db, const char *user_id,
    const char *keep_hash, int64_t *deleted, struct err *e);
/*
 * Move a session of stage `from` to stage "full" under a new token hash
 * and expiry, in one conditional statement: *moved is false when the row
 * is gone or no longer in `from` (a racing request took it).
 */
int store_session_promote(struct db *db, const char *old_hash,
    const char *from, const char *new_hash, const char *csrf,
    const char *now, const char *idle, const char *expires, bool *moved,
    struct err *e);

/* ---- two-factor log-in (TOTP) ---- */

struct store_totp {
	char *secret_enc;	/* still encrypted */
	char *created_at, *confirmed_at;	/* confirmed_at NULL: enrolling */
	int64_t last_step;
};

int store_totp_get(struct db *db, struct arena *a, const char *user_id,
    struct store_totp *out, bool *found, struct err *e);
/* Replace an unconfirmed row (or insert); *stored is false when a
 * confirmed one exists (and is kept). */
int store_totp_begin(struct db *db, const char *user_id,
    const char *secret_enc, const char *now, bool *stored, struct err *e);
/* Confirm an unconfirmed row, taking `step`; *done false when none. */
int store_totp_confirm(struct db *db, const char *user_id, int64_t step,
    const char *now, bool *done, struct err *e);
/* Take time step `step` for a confirmed row: *taken is false when it (or a
 * later one) was taken already - the code was used before. */
int store_totp_take_step(struct db *db, const char *user_id, int64_t step,
    bool *taken, struct err *e);
/* Remove the user's TOTP row and recovery codes; *removed counts rows. */
int store_totp_delete(struct db *db, const char *user_id, int64_t *removed,
    struct err *e);
int store_recovery_insert(struct db *db, const char *user_id,
    const char *code_hash, const char *now, struct err *e);
/* Mark an unused code used; *used false when absent or used already. */
int store_recovery_use(struct db *db, const char *user_id,
    const char *code_hash, const char *now, bool *used, struct err *e);
int store_recovery_count(struct db *db, const char *user_id,
    int64_t *unused, struct err *e);

/* ---- log-in throttles ---- */

struct store_throttle {
	int64_t failures;
	char *window_start;
	char *locked_until;	/* NULL when never locked */
};

int store_throttle_get(struct db *db, struct arena *a, const char *key,
    struct store_throttle *out, bool *found, struct err *e);
/*
 * Count one failure in one statement (safe against concurrent log-ins on
 * both databases): a row whose window started before window_cutoff starts
 * a new window at `now` with one failure.  *failures receives the count.
 */
int store_throttle_fail(struct db *db, const char *key, const char *now,
    const char *window_cutoff, int64_t *failures, struct err *e);
/* Refuse attempts until `until`, keeping the count (growing delays). */
int store_throttle_delay(struct db *db, const char *key, const char *until,
    struct err *e);
int store_throttle_clear(struct db *db, const char *key, struct err *e);

/* ---- accounts by activation code (activation_code) ---- */

/* kind "client": her own account, made on activation (client_id set);
 * kind "staff": the existing account user_id gets its password. */
struct store_activation {
	char *id, *kind, *client_id, *user_id, *username;
};
/* code_hash is the code's keyed hash under key hash_key_id. */
int store_activation_insert(struct db *db, const struct store_activation *c,
    const char *code_hash, int hash_key_id, const char *expires_at,
    const char *created_by, const char *now, struct err *e);
/* The unspent, unexpired code with any of the code's hashes (one per key
 * loaded): 1, or 0 if none. */
int store_activation_find(struct db *db, struct arena *a,
    const struct crypto_hashes *codes, const char *now,
    struct store_activation *out, struct err *e);
/* Spend it for user_id (conditional, once): ERR_CONFLICT when spent. */
int store_activation_spend(struct db *db, const char *id,
    const char *user_id, const char *now, struct err *e);
/* Spend every unspent code of the staff account user_id (a new one
 * replaces them). */
int store_activation_void_user(struct db *db, const char *user_id,
    const char *now, struct err *e);
/* True when an active account of her exists already. */
int store_client_has_account(struct db *db, const char *client_id,
    bool *has, struct err *e);

/* ---- four eyes on client access (access_grant) ---- */

struct store_grant {
	char *id, *user_id, *username, *display_name, *role, *org_id;
	char *org_name;		/* NULL when none */
	char *cause, *status;
	char *requested_by, *requested_by_name, *requested_at;
	char *decided_by, *decided_by_name, *decided_at;	/* NULL while pending */
};
/* Mark the account's client access pending (1) or approved (0). */
int store_user_set_access_pending(struct db *db, const char *user_id,
    bool pending, const char *now, struct err *e);
/* A pending request, unless the account has one already (then nothing). */
/* The account's request still pending, dropped (a new role asks anew). */
int store_grant_pending_drop(struct db *db, const char *user_id,
    struct err *e);
int store_grant_request(struct db *db, const char *id, const char *user_id,
    const char *role, const char *org_id, const char *cause,
    const char *requested_by, const char *now, struct err *e);
int store_grant_get(struct db *db, struct arena *a, const char *id,
    struct store_grant *out, bool *found, struct err *e);
/*
 * Decide a pending request in one conditional statement: *decided is
 * false when it was no longer pending (a racing decision took it) or when
 * decided_by asked for it or holds the account.
 */
int store_grant_decide(struct db *db, const char *id, const char *status,
    const char *decided_by, const char *now, bool *decided, struct err *e);
struct store_grant_filter {
	const char *org_id;	/* NULL: every organisation */
	const char *since;	/* decided ones from this instant; NULL: none */
	bool pending;		/* the pending ones too */
};
/* Newest request first; at most `limit`. */
int store_grant_list(struct db *db, struct arena *a,
    const struct store_grant_filter *f, int64_t limit,
    struct store_grant **items, size_t *n, struct err *e);

/* ---- audit log ---- */

struct store_audit_row {
	int64_t seq;
	const char *at, *user_id, *username, *role, *org_id, *client_id;
	const char *action, *object_type, *object_id, *outcome, *purpose;
	const char *request_id, *remote_addr, *hash;
};

/* Increment audit_head.seq (taking its row lock until the transaction
 * ends) and return the new seq and the previous hash (arena copy). */
int store_audit_head_bump(struct db *db, struct arena *a, int64_t *seq,
    char **prev_hash, struct err *e);
/* The same for n entries at once: *last_seq is the last of the n. */
int store_audit_head_advance(struct db *db, struct arena *a, int64_t n,
    int64_t *last_seq, char **prev_hash, struct err *e);
int store_audit_head_get(struct db *db, struct arena *a, int64_t *seq,
    char **hash, struct err *e);
int store_audit_head_set_hash(struct db *db, const char *hash,
    struct err *e);
int store_audit_insert(struct db *db, const struct store_audit_row *r,
    struct err *e);
/* One chain check's result (audit_check); reason NULL when intact. */
int store_audit_check_insert(struct db *db, const char *at, bool ok,
    int64_t checked, int64_t bad_seq, const char *reason, struct err *e);
/*
 * Call fn for every audit_log row in ascending seq, reading in batches so
 * memory stays flat.  fn must not use db; a non-zero return from fn stops
 * the walk and is returned (-1 is reserved for failures of the walk).
 */
int store_audit_iterate(struct db *db,
    int (*fn)(void *arg, const struct store_audit_row *r), void *arg,
    struct err *e);

#endif
