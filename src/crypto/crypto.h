/*
 * crypto.h - the installation key, field encryption and keyed hashes.
 *
 * Owns: the key file of an installation (numbered keys, the highest
 * current) and the subkeys derived from each key (field encryption, BSN
 * hash, indicators) and the audit chain's subkey, the format of every
 * encrypted column (_enc, naming its key) and the keyed hashes.  Both store/
 * (which encrypts free text on the way into the database) and auth/ (which
 * chains the audit log) use it; it needs only util/.
 *
 * Keys live only in sodium_malloc'ed, read-only memory between
 * crypto_key_load and crypto_key_unload (a reload keeps the keys it
 * replaces readable until then); nothing here logs key material,
 * plaintext or ciphertext.
 */
#ifndef DOORLOOP_CRYPTO_H
#define DOORLOOP_CRYPTO_H

#include "util/err.h"
#include "util/mem.h"

#define CRYPTO_KEY_BYTES 32
#define CRYPTO_MAX_KEYS 8	/* keys one key file holds at most */
#define CRYPTO_KEY_ID_MAX 255	/* a key id is the first byte of a ciphertext */

enum crypto_subkey {
	CRYPTO_SUBKEY_FIELD = 1,	/* field encryption (XChaCha20-Poly1305) */
	CRYPTO_SUBKEY_BSN = 2,		/* keyed BLAKE2b of a BSN */
	CRYPTO_SUBKEY_AUDIT = 3,	/* keyed BLAKE2b of the audit chain */
	CRYPTO_SUBKEY_INDICATOR = 4	/* keyed BLAKE2b of exploiter indicators */
};

/* A value's keyed hashes under every key loaded, newest (current) first;
 * v[i] points at hex[i] (or is NULL for an absent value), ready to bind
 * as a list: "hash IN (?, ...)" finds a row hashed under any of them. */
struct crypto_hashes {
	size_t n;
	int id[CRYPTO_MAX_KEYS];
	char hex[CRYPTO_MAX_KEYS][65];
	const char *v[CRYPTO_MAX_KEYS];
};

/* sodium_init; idempotent and thread-safe.  Called by crypto_key_*. */
int crypto_init(struct err *e);
/* Create a new key file (mode 0600, refuses to overwrite). */
int crypto_key_create(const char *path, struct err *e);
/* Load the key file and derive subkeys; must precede any other call below. */
int crypto_key_load(const char *path, struct err *e);
/* Wipe and free the subkeys (no-op when none are loaded). */
void crypto_key_unload(void);
/* The current key's subkey (the audit chain's for CRYPTO_SUBKEY_AUDIT), or
 * abort() when no key was loaded: calling crypto before crypto_key_load is
 * a programming error, not bad input. */
const unsigned char *crypto_subkey(enum crypto_subkey which);
/* Key id's subkey (not the audit one), NULL when that key is not loaded. */
const unsigned char *crypto_subkey_of(int id, enum crypto_subkey which);
/* The current key's id: the highest in the key file. */
int crypto_key_current(void);
/* The ids of the keys loaded, newest first; their number. */
size_t crypto_key_ids(int ids[CRYPTO_MAX_KEYS]);
/* Re-read the key file crypto_key_load read when it changed since (its
 * inode, size or modification time): one stat.  serve calls it before
 * every request, so a rotation's new key is used from the next request. */
int crypto_key_refresh(struct err *e);
/* Add a new key to the key file (id one above the highest), written
 * atomically (temporary file, fsync, rename; mode 0600) with the audit
 * chain's subkey written down, and load it: it is the current key. */
int crypto_key_add(const char *path, int *new_id, struct err *e);
/* Remove key id from the key file (atomically) and reload: ERR_NOT_FOUND
 * when the file holds no such key, ERR_INVALID for the current key.  The
 * caller has made sure nothing names it any more. */
int crypto_key_remove(const char *path, int id, struct err *e);
/* The ids of the keys in a key file, without loading them. */
int crypto_key_file_ids(const char *path, int ids[CRYPTO_MAX_KEYS],
    size_t *n, struct err *e);

/* ---- field encryption (XChaCha20-Poly1305, bound to table|column|row) ---- */

/* Returns base64 of key_id || nonce || ciphertext, allocated in `a`; NULL plaintext gives NULL. */
char *crypto_field_encrypt(struct arena *a, const char *table,
    const char *column, const char *row_id, const char *plaintext);
/* Decrypts into `a`; ERR_CRYPTO if tampered, moved to another row, or wrong key. */
int crypto_field_decrypt(struct arena *a, const char *table,
    const char *column, const char *row_id, const char *enc,
    char **plaintext, struct err *e);
/* The key id a ciphertext names (its first byte), -1 if malformed. */
int crypto_field_key_id(const char *enc);

/*
 * Keyed hashes, 64 hex characters, under key `id` (0: the current key).
 * Each returns the id of the key it used, -1 when that key is not loaded.
 *   bsn: keyed BLAKE2b of a BSN, for duplicate detection (also of the
 *     codes of climate rounds and invitations, each with its own prefix);
 *   indicator: of an exploiter indicator's kind and normal form (its own
 *     subkey), for matching across trajectories;
 *   name: (the BSN subkey) of a normalised name and a birth date
 *     (YYYY-MM-DD): "name" NUL name NUL date, never the hash of a BSN.
 */
int crypto_bsn_hash(int id, const char *bsn, char out[65]);
int crypto_indicator_hash(int id, const char *kind, const char *normal,
    char out[65]);
int crypto_name_hash(int id, const char *name, const char *birth,
    char out[65]);
/* The same under every key loaded (see struct crypto_hashes); a NULL
 * value gives one NULL entry, which matches nothing. */
void crypto_bsn_hashes(const char *bsn, struct crypto_hashes *out);
void crypto_name_hashes(const char *name, const char *birth,
    struct crypto_hashes *out);

#endif
