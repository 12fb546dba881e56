/*
 * auth_impl.h - what the files of src/auth share and nobody else sees.
 *
 * The derived keys live in one sodium_malloc'ed, read-only block owned by
 * crypto/keys.c; the files here borrow pointers into it for the length of
 * one call and never copy a key.  The hashing semaphore bounds how many
 * Argon2id computations run at once (each takes tens of megabytes).
 */
#ifndef DOORLOOP_AUTH_IMPL_H
#define DOORLOOP_AUTH_IMPL_H

#include <pthread.h>
#include <stdbool.h>

#include <sodium.h>

#include "core/role.h"
#include "crypto/crypto.h"
#include "util/err.h"
#include "util/mem.h"

struct db;

struct db;
struct login_result;
struct principal;

/* The keys are crypto/'s; these names are what audit.c borrows them by. */
#define AUTH_KEY_BYTES CRYPTO_KEY_BYTES
#define AUTH_SUBKEY_AUDIT CRYPTO_SUBKEY_AUDIT
#define auth_subkey(which) crypto_subkey(which)

/* Wait for and release a slot of the hashing semaphore. */
void auth_hash_slot_acquire(void);
void auth_hash_slot_release(void);

/* Start a background thread fn(NULL) that takes no signal: SIGINT and
 * SIGTERM stay with the thread that waits for them (api_serve).  0 or
 * pthread_create's error number. */
int auth_thread_start(pthread_t *thread, void *(*fn)(void *));
/* auth_thread_start for a thread with a connection of its own: *db is
 * opened on db_url first and closed again (NULL) when the thread does not
 * start, which is said as "cannot start the WHAT".  0 or -1. */
int auth_thread_start_db(pthread_t *thread, void *(*fn)(void *),
    const char *db_url, struct db **db, const char *what, struct err *e);
/* Ask a background thread to end (*stop set under mu, wake broadcast)
 * and wait until it has. */
void auth_thread_stop(pthread_t thread, pthread_mutex_t *mu,
    pthread_cond_t *wake, bool *stop);

/* Verify against a hash of no real account, so that an unknown username
 * costs as much time as a wrong password.  Always fails. */
void auth_password_dummy_verify(const char *password);
/* True when hash was made with other parameters than today's. */
bool auth_password_needs_rehash(const char *hash);
/* Checks PASSWORD_MIN/MAX: ERR_INVALID with field "password". */
int auth_password_check(const char *password, struct err *e);

/* ERR_RATE_LIMITED (with `reason`) while key's delay runs; else 0. */
int auth_throttle_check(struct db *db, struct arena *a, const char *key,
    enum err_reason reason, struct err *e);
/* Count a failure against key in a transaction of its own; past `free`
 * failures the key waits a growing delay.  0 or -1. */
int auth_throttle_fail(struct db *db, const char *key, int64_t free_failures,
    struct err *e);
/*
 * Inside the caller's write transaction: the session of `token` at stage
 * `from` becomes "full" under a new token and CSRF token, with fresh
 * expiries; the oldest of the user's full sessions beyond auth.max_sessions
 * end.  out->who is who at stage full.  ERR_UNAUTHORIZED when the session
 * left that stage meanwhile (a racing request promoted it).
 */
int auth_session_promote(struct db *db, const struct principal *who,
    const char *token, const char *from, struct login_result *out,
    struct err *e);

/* Unkeyed BLAKE2b-256 of a session token as 64 hex characters. */
void auth_token_hash(const char *token, char out[65]);

/* The BLAKE2b-256 keyed with the audit subkey of domain and then the n
 * values, each framed so that no two lists feed the same bytes (NULL: 0;
 * else 1, its length in 4 bytes big endian, its bytes), as 64 hex
 * characters.  The audit chain and its checkpoints are hashed so. */
void auth_audit_mac(const char *domain, const char *const *v, size_t n,
    char out[65]);
struct audit_entry;
/* Append `audit` (NULL: nothing) for object_type/id inside the caller's
 * write transaction. */
int auth_audit_object(struct db *db, const struct audit_entry *audit,
    const char *object_type, const char *id, struct err *e);
/* The password hash of an account whose holder has not set one yet: no
 * verification accepts it. */
extern const char auth_no_password[];
/* Inside the caller's write transaction: for a role_needs_approval role
 * and an account someone asked for (requested_by not NULL), its client
 * access waits for a second person (cause "new", "reset" or "role"). */
int auth_grant_request(struct db *db, struct arena *a, const char *user_id,
    enum role role, const char *org_id, const char *cause,
    const char *requested_by, const char *now, struct err *e);
/* Inside the caller's write transaction: a staff account's activation
 * code (its keyed hash) made by created_by. */
int auth_staff_code_store(struct db *db, const char *user_id,
    const char *username, const char *code_hash, const char *expires,
    const char *created_by, const char *now, struct err *e);

/* The store's audit sink (store.h store_audit_sink_set), set by auth_init. */
int auth_audit_system(struct db *db, const char *action,
    const char *object_type, const char *object_id, struct err *e);

#endif
