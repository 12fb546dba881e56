/*
 * auth.h - who is this, and can we trust what we stored?
 *
 * Owns: password hashing (Argon2id, bounded by a semaphore), log-in with
 * rate limiting, database-backed sessions, users and organisations, and
 * the NEN 7513 audit chain.  Keys and field encryption are crypto/'s
 * (crypto/crypto.h), roles are core/'s (core/role.h).
 *
 * Secrets live only in sodium_malloc'ed memory and are wiped on exit; no
 * function here logs a password, token, name or BSN.  All SQL is in
 * src/store/ (auth_store.h); this layer adds the policy.  auth/ may include
 * store/, never the other way round.
 */
#ifndef DOORLOOP_AUTH_H
#define DOORLOOP_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/role.h"
#include "crypto/crypto.h"
#include "store/actor.h"
#include "util/err.h"
#include "util/id.h"
#include "util/mem.h"

struct db;

/* ---- the authenticated principal ---- */

#define USERNAME_MAX 64
#define DISPLAY_NAME_MAX 128
#define TOKEN_LEN 43		/* 32 random bytes, base64url without padding */

/*
 * The actor's fields (user_id, role, org_id, client_id) are reachable both
 * by name (p->role) and as one struct actor (&p->actor) to hand to the
 * store; the anonymous union makes the two one and the same memory.
 */
struct principal {
	union {
		struct actor actor;
		struct { ACTOR_FIELDS };
	};
	char username[USERNAME_MAX + 1];
	char display_name[DISPLAY_NAME_MAX + 1];
	char csrf_token[TOKEN_LEN + 1];
	bool via_cookie;		/* set by the API layer: cookie sessions need CSRF checks */
	char expires_at[INSTANT_LEN + 1];	/* the session's absolute expiry */
};

/* ---- start-up ---- */

/* crypto_init, semaphore for hashing (size: online cores). Call once.
 * The key file itself is crypto/'s (crypto_key_create, crypto_key_load). */
int auth_init(struct err *e);
void auth_shutdown(void);	/* wipes keys (crypto_key_unload) */

/* ---- passwords ---- */

#define PASSWORD_MIN 10
#define PASSWORD_MAX 256
/* Argon2id string (crypto_pwhash_STRBYTES max) into `a`; waits on the hashing semaphore. */
int auth_password_hash(struct arena *a, const char *password, char **out,
    struct err *e);
/* 0 on match, -1 otherwise (also waits on the semaphore). */
int auth_password_verify(const char *hash, const char *password);
/* Tests only: switch Argon2id to its minimum cost (never in production). */
void auth_password_cheap_for_tests(void);

/* ---- log-in and sessions ---- */

/* Limits (seconds / counts); defaults documented in docs/ARCHITECTURE.md. */
#define SESSION_IDLE_SECONDS (30 * 60)
#define SESSION_ABSOLUTE_SECONDS (12 * 60 * 60)
#define LOGIN_MAX_FAILURES_USER 5	/* then the account is locked ... */
#define LOGIN_LOCK_SECONDS (15 * 60)	/* ... for this long */
#define LOGIN_MAX_FAILURES_ADDR 20	/* per address per window */
#define LOGIN_WINDOW_SECONDS (15 * 60)

struct login_result {
	char token[TOKEN_LEN + 1];	/* give to the client once; only its hash is stored */
	struct principal who;
};

/*
 * Check throttles, verify the password, create a session.  Errors:
 * ERR_INVALID (missing fields), ERR_UNAUTHORIZED (wrong user or password:
 * one message for both), ERR_LOCKED (account locked), ERR_RATE_LIMITED
 * (address throttled).  Failures are counted in the database.
 */
int auth_login(struct db *db, const char *username, const char *password,
    const char *remote_addr, struct login_result *out, struct err *e);
/* Resolve a token to its principal, sliding the idle expiry.
 * ERR_UNAUTHORIZED if unknown, idle-expired or past its absolute expiry. */
int auth_session_lookup(struct db *db, const char *token,
    struct principal *out, struct err *e);
int auth_logout(struct db *db, const char *token, struct err *e);

/* ---- users ---- */

struct user_new {
	const char *username;		/* [a-z0-9._-]{2,64} */
	const char *display_name;
	enum role role;
	const char *org_id;		/* NULL allowed for admin/monitor */
	const char *client_id;		/* required for ROLE_CLIENT */
	const char *email, *phone;	/* optional contact details */
	const char *password;
	/* Her own account: the invitation it activates, spent in the same
	 * transaction (once: a second activation is ERR_CONFLICT). */
	const char *invitation_id;
};
/* Creates the user in its own write transaction; id_out receives its id. */
int auth_user_create(struct db *db, const struct user_new *u,
    char id_out[ID_LEN + 1], struct err *e);
int auth_user_set_password(struct db *db, const char *username,
    const char *password, struct err *e);
/* End every session of a user at once (deactivation, password reset). */
int auth_sessions_end_user(struct db *db, const char *user_id,
    struct err *e);
/* Deactivate (ending the user's sessions) or reactivate an account, with
 * the audit entry (action from `audit`, may be NULL) in one transaction.
 * ERR_NOT_FOUND, or ERR_CONFLICT when it is in that state already. */
struct audit_entry;
int auth_user_set_active_audited(struct db *db, const char *user_id,
    bool active, const struct audit_entry *audit, struct err *e);
/* Usernames are [a-z0-9._-]{2,64}. */
bool auth_username_valid(const char *username);

/* ---- organisations ---- */

/* kind: "institution", "municipality" or "other"; region may be NULL.
 * Duplicate name: ERR_CONFLICT with field "name". */
int auth_org_create(struct db *db, const char *name, const char *kind,
    const char *region, char id_out[ID_LEN + 1], struct err *e);

/* ---- audit (NEN 7513) ---- */

struct audit_entry {
	const char *user_id, *username, *role, *org_id;
	const char *client_id;		/* NULL for non-client events */
	const char *action;		/* "read", "create", "update", "end", "list", "login", "break_glass", ... */
	const char *object_type;	/* "client", "trajectory", "phase", ... */
	const char *object_id;
	const char *outcome;		/* "ok" or "denied" */
	const char *purpose;		/* break-the-glass reason, else NULL */
	const char *request_id, *remote_addr;
};
/* Append inside the caller's open write transaction (chains on audit_head). */
int auth_audit_append(struct db *db, const struct audit_entry *en,
    struct err *e);
/* Append in a transaction of its own (refused attempts, reads). */
int auth_audit_append_tx(struct db *db, const struct audit_entry *en,
    struct err *e);
/*
 * Variants that write the entry in the same transaction as the change, so
 * the change and its audit entry commit together or not at all; `audit`
 * may be NULL, its object_id is replaced by the new row's id.
 */
int auth_user_create_audited(struct db *db, const struct user_new *u,
    const struct audit_entry *audit, char id_out[ID_LEN + 1], struct err *e);
int auth_org_create_audited(struct db *db, const char *name, const char *kind,
    const char *region, const struct audit_entry *audit,
    char id_out[ID_LEN + 1], struct err *e);
/*
 * Recompute the chain.  Returns 0 when intact; 1 when broken, with
 * *bad_seq the first entry that was changed, removed or inserted (for a
 * removed entry: the first seq after the hole; for removed tail entries:
 * audit_head's seq); -1 on error.  *checked counts the entries read.
 */
int auth_audit_verify(struct db *db, int64_t *bad_seq, int64_t *checked,
    struct err *e);

/* What a verification found: when broken, the first bad entry and why. */
struct audit_verdict {
	int64_t bad_seq;	/* 0 while intact */
	int64_t checked;	/* entries read */
	int64_t checkpoints;	/* checkpoints compared with the chain */
	char reason[160];	/* no client data; "" while intact */
};
/* auth_audit_verify, and every checkpoint of the file (when a path is set,
 * audit_checkpoint.c) must name an entry still in the chain: 0 intact,
 * 1 broken (v says where and why), -1 error. */
int auth_audit_verify_full(struct db *db, struct audit_verdict *v,
    struct err *e);

/* ---- audit checkpoints outside the database (audit_checkpoint.c) ---- */

struct audit_checkpoint {
	int64_t seq;
	char hash[65];
};
/* The checkpoint file of this process (NULL or "": none, nothing checked). */
void auth_audit_checkpoint_path(const char *path);
const char *auth_audit_checkpoint_file(void);
/* Append the committed head to the file when it moved since this process
 * last did; 0 without a path. */
int auth_audit_checkpoint(struct db *db, struct err *e);
/* Every valid line, ascending by seq (caller frees *out): 0; 1 no file;
 * 2 a line was altered (*bad_line, 1-based); -1 error. */
int auth_audit_checkpoints_load(struct audit_checkpoint **out, size_t *n,
    int64_t *bad_line, struct err *e);
/* Verify the chain, say so on stderr (and syslog, loudly when broken),
 * record the result for the security officer and checkpoint the head:
 * 0 intact, 1 broken, -1 error.  `when` is "start" or "daily". */
int auth_audit_check_run(struct db *db, const char *when, struct err *e);
/* serve's watch: a thread checkpointing every few seconds and checking
 * the chain daily, on its own connection. */
int auth_audit_watch_start(const char *db_url, struct err *e);
void auth_audit_watch_stop(void);

#endif
