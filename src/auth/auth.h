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

/* How far a session got: a password alone opens only the next step. */
enum auth_stage {
	AUTH_STAGE_FULL = 0,	/* logged in */
	AUTH_STAGE_TOTP,	/* password right; a code (or recovery code) is due */
	AUTH_STAGE_ENROL	/* password right; must set up two-factor log-in first */
};
const char *auth_stage_name(enum auth_stage s);	/* "full", "totp", "enrol" */

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
	char session_id[ID_LEN + 1];	/* public id of the session ("" if none) */
	enum auth_stage stage;
};

/* ---- start-up ---- */

/* crypto_init, semaphore for hashing (size: online cores). Call once.
 * The key file itself is crypto/'s (crypto_key_create, crypto_key_load). */
int auth_init(struct err *e);
void auth_shutdown(void);	/* wipes keys (crypto_key_unload) */

/* ---- passwords ---- */

#define PASSWORD_MIN 12		/* NIST SP 800-63B asks at least 8; we ask 12 */
#define PASSWORD_MAX 256
#define PRODUCT_NAME "doorloop"	/* no password may contain it */
/* Argon2id string (crypto_pwhash_STRBYTES max) into `a`; waits on the hashing semaphore. */
int auth_password_hash(struct arena *a, const char *password, char **out,
    struct err *e);
/*
 * The policy for a password a person chooses (NIST SP 800-63B): length
 * (PASSWORD_MIN..PASSWORD_MAX characters), not on the list of common
 * passwords (data/common-passwords.txt, built in; also with digits and
 * signs at its ends removed, and no one repeated character or straight
 * run like "123456789012"), not containing the username (when given) or
 * the product's name, in any case.  ERR_INVALID, field "password", with
 * R_PASSWORD_TOO_SHORT, _TOO_LONG, _COMMON, _CONTAINS_USERNAME or
 * _CONTAINS_PRODUCT.
 */
int auth_password_policy(const char *password, const char *username,
    struct err *e);
/* 0 on match, -1 otherwise (also waits on the semaphore). */
int auth_password_verify(const char *hash, const char *password);
/* Tests only: switch Argon2id to its minimum cost (never in production). */
void auth_password_cheap_for_tests(void);

/* ---- log-in and sessions ---- */

/* Limits (seconds / counts); defaults documented in docs/ARCHITECTURE.md. */
#define SESSION_IDLE_SECONDS (30 * 60)
#define SESSION_ABSOLUTE_SECONDS (12 * 60 * 60)
#define SESSION_STEP_SECONDS (10 * 60)	/* a session waiting for its code */
#define SESSION_ENROL_SECONDS (30 * 60)	/* a session that must enrol first */
/*
 * Throttling without locks (NIST SP 800-63B 5.2.2): failures are counted
 * per key in a window; past a key's free failures each further failure
 * makes the key wait 2, 4, 8 ... seconds (at most LOGIN_DELAY_MAX) before
 * the next attempt is even looked at.  Keys: the account at one address
 * (few free failures), the account from anywhere (more), the address for
 * every account (many: a proxy's users share it), and the second factor
 * of one account.
 */
#define LOGIN_FREE_PAIR 5		/* account + address */
#define LOGIN_FREE_USER 20		/* account, every address */
#define LOGIN_FREE_ADDR 100		/* address, every account */
#define LOGIN_FREE_TOTP 5		/* codes of one account */
#define LOGIN_DELAY_MAX (15 * 60)
#define LOGIN_WINDOW_SECONDS (60 * 60)
#define USER_AGENT_MAX 256		/* longer is cut */

struct login_result {
	char token[TOKEN_LEN + 1];	/* give to the client once; only its hash is stored */
	struct principal who;		/* who.stage: what the session may do */
};

/*
 * Check throttles, verify the password, create a session: "full", or
 * "totp" when the user has two-factor log-in, or "enrol" when the setting
 * auth.totp_required asks it of this staff role and the user has none.
 * Errors: ERR_INVALID (missing fields), ERR_UNAUTHORIZED (wrong user or
 * password: one message for both), ERR_RATE_LIMITED (a throttle's delay
 * runs).  Failures are counted in the database.  user_agent may be NULL.
 */
int auth_login(struct db *db, const char *username, const char *password,
    const char *remote_addr, const char *user_agent, struct login_result *out,
    struct err *e);
/*
 * Second step: a session of stage "totp" (token) with a code of the
 * authenticator app or an unused recovery code becomes a "full" session
 * under a new token (out).  A code works once (its time step is taken by
 * a conditional update); a recovery code once.  ERR_UNAUTHORIZED with
 * R_TOTP_CODE_WRONG, ERR_RATE_LIMITED, ERR_FORBIDDEN when the session is
 * not at this step.  *used_recovery tells which kind was used.
 */
int auth_login_totp(struct db *db, const struct principal *who,
    const char *token, const char *code, const char *remote_addr,
    struct login_result *out, bool *used_recovery, struct err *e);
/* Resolve a token to its principal, sliding the idle expiry.
 * ERR_UNAUTHORIZED if unknown, idle-expired or past its absolute expiry. */
int auth_session_lookup(struct db *db, const char *token,
    struct principal *out, struct err *e);
/* The same without sliding the idle expiry: for a request the browser makes
 * on its own (a poll), which is no sign that anybody is there. */
int auth_session_peek(struct db *db, const char *token,
    struct principal *out, struct err *e);
int auth_logout(struct db *db, const char *token, struct err *e);

/* ---- a user's sessions ---- */

struct auth_session_info {
	char *id, *created_at, *last_seen_at, *remote_addr, *user_agent;
	const char *stage;
	bool current;
};
/* The user's live sessions, newest first; `current` marks the one whose
 * public id is current_id. */
int auth_sessions_list(struct db *db, struct arena *a, const char *user_id,
    const char *current_id, struct auth_session_info **items, size_t *n,
    struct err *e);
/* End one of the user's sessions: ERR_NOT_FOUND when it is not one of hers. */
int auth_session_end(struct db *db, const char *user_id, const char *id,
    struct err *e);
/* End the user's sessions except keep_token's (NULL: all); *ended counts. */
int auth_sessions_end_others(struct db *db, const char *user_id,
    const char *keep_token, int64_t *ended, struct err *e);
/* End every session of a user (deactivation, password reset), in the
 * caller's transaction if one is open. */
int auth_sessions_end_user(struct db *db, const char *user_id,
    struct err *e);

/* ---- two-factor log-in (TOTP, RFC 6238: HMAC-SHA1, 30 s, 6 digits) ---- */

#define TOTP_SECRET_BYTES 20
#define TOTP_SECRET_B32 32		/* base32 of 20 bytes, no padding */
#define TOTP_DIGITS 6
#define TOTP_STEP 30
#define TOTP_ISSUER "Doorloop"
#define RECOVERY_CODES 10
#define RECOVERY_CODE_LEN 19		/* "abcd-efgh-ijkl-mnop": 80 bits */

/* Whether this role may and must enrol: every role but client. */
bool auth_totp_role(enum role r);
/* Whether the setting auth.totp_required asks two-factor log-in now. */
int auth_totp_required(struct db *db, bool *required, struct err *e);
/*
 * Start enrolment: a new secret (replacing an unconfirmed one), stored
 * encrypted; out receives its base32 text and the otpauth:// URI for a QR
 * code.  ERR_CONFLICT (R_TOTP_ALREADY_ENROLLED) when one is confirmed,
 * ERR_FORBIDDEN (R_TOTP_ROLE) for a client account.
 */
int auth_totp_begin(struct db *db, const struct principal *who,
    char secret[TOTP_SECRET_B32 + 1], char **uri, struct arena *a,
    struct err *e);
/*
 * Confirm with a first code: the secret counts from now on and
 * RECOVERY_CODES new codes are made (codes receives them, to be shown
 * once; only hashes are stored).  A session of stage "enrol" becomes
 * "full" under a new token (out; out->token is empty when the session
 * was full already).
 */
int auth_totp_confirm(struct db *db, const struct principal *who,
    const char *token, const char *code,
    char codes[RECOVERY_CODES][RECOVERY_CODE_LEN + 1],
    struct login_result *out, struct err *e);
struct auth_totp_status {
	bool enrolled, pending, required;
	int64_t recovery_left;
};
int auth_totp_status(struct db *db, const struct principal *who,
    struct auth_totp_status *out, struct err *e);
/* Remove a user's two-factor log-in (lost device) and end her sessions;
 * *had tells whether there was one. */
int auth_totp_reset(struct db *db, const char *user_id, bool *had,
    struct err *e);
/* The code for unix time t (tests and the demo). */
int auth_totp_code(const unsigned char *secret, size_t len, int64_t t,
    char out[TOTP_DIGITS + 1]);

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
	/* Demo fixtures only: the password is checked for length, not
	 * against the policy (the demo's is printed for all to read). */
	bool fixture;
	/* A staff account by activation code: password is NULL, and the
	 * code's keyed hash and expiry are stored in the same transaction;
	 * its holder sets her own password (auth_user_activate). */
	const char *code_hash, *code_expires;
	/* Who asked for the account: for a role_needs_approval role its
	 * client access waits for a second person (auth_grant_decide).
	 * NULL (command line, demo): approved. */
	const char *requested_by;
};
/* Creates the user in its own write transaction; id_out receives its id. */
int auth_user_create(struct db *db, const struct user_new *u,
    char id_out[ID_LEN + 1], struct err *e);
int auth_user_set_password(struct db *db, const char *username,
    const char *password, struct err *e);
/* Deactivate (ending the user's sessions) or reactivate an account, with
 * the audit entry (action from `audit`, may be NULL) in one transaction.
 * ERR_NOT_FOUND, or ERR_CONFLICT when it is in that state already. */
struct audit_entry;
int auth_user_set_active_audited(struct db *db, const char *user_id,
    bool active, const struct audit_entry *audit, struct err *e);
/* A staff account's new role and organisation (org_id NULL: none), its
 * sessions ended and, for a role that reads client data, its access
 * waiting for approval again (requested_by asked), with the audit entry,
 * in one transaction.  A girl's account keeps its role (ERR_FORBIDDEN). */
int auth_user_set_role_audited(struct db *db, struct arena *a,
    const char *user_id, enum role role, const char *org_id,
    const char *requested_by, const struct audit_entry *audit,
    struct err *e);
struct store_activation;
/* A staff account's holder sets her own password with its activation
 * code (c, found by the code's hash): policy-checked, the code spent once
 * (ERR_CONFLICT "invitation.invalid" for a racing second), her sessions
 * ended, with the audit entry, in one transaction. */
int auth_user_activate(struct db *db, const struct store_activation *c,
    const char *password, const struct audit_entry *audit, struct err *e);
/*
 * The administrator's reset of a staff account: no password is set; the
 * account's password is made unusable, its sessions end, earlier codes
 * are voided and a new one (code_hash, expires) is stored; for a
 * role_needs_approval role its client access waits for a second person
 * again.  A girl's account is refused (her coordinator invites her).
 * *username receives the account's username (arena a).
 */
int auth_user_reset_audited(struct db *db, struct arena *a,
    const char *user_id, const char *code_hash, const char *expires,
    const char *requested_by, const struct audit_entry *audit,
    char **username, struct err *e);
/* One's own new password: current must be right, the policy holds, every
 * session but keep_token's ends; with the audit entry, in one commit. */
int auth_password_change(struct db *db, const struct principal *who,
    const char *keep_token, const char *current, const char *password,
    const struct audit_entry *audit, struct err *e);

/* ---- four eyes on client access (grant.c) ---- */

struct store_grant;
/*
 * Approve or refuse a pending access request as `who`: the security
 * officer (of the account's organisation, or of none) or an active,
 * approved coordinator of the account's organisation - never the one who
 * asked, nor the account's holder.  Of racing decisions exactly one
 * succeeds (ERR_CONFLICT "grant.decided" for the others).  The decision
 * and its audit entry (purpose naming who asked) commit together; out
 * receives the decided request (arena a).
 */
int auth_grant_decide(struct db *db, struct arena *a,
    const struct principal *who, const char *grant_id, bool approve,
    const struct audit_entry *audit, struct store_grant *out,
    struct err *e);
/* Whether who may decide requests at all (role and own approval). */
bool auth_grant_decider(const struct principal *who);

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
