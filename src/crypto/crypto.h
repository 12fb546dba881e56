/*
 * crypto.h - the installation key, field encryption and keyed hashes.
 *
 * Owns: the one key file of an installation and the subkeys derived from
 * it (field encryption, BSN hash, audit chain), the format of every
 * encrypted column (_enc) and the keyed BLAKE2b of a BSN.  Both store/
 * (which encrypts free text on the way into the database) and auth/ (which
 * chains the audit log) use it; it needs only util/.
 *
 * Keys live only in sodium_malloc'ed, read-only memory between
 * crypto_key_load and crypto_key_unload; nothing here logs key material,
 * plaintext or ciphertext.
 */
#ifndef DOORLOOP_CRYPTO_H
#define DOORLOOP_CRYPTO_H

#include "util/err.h"
#include "util/mem.h"

#define CRYPTO_KEY_BYTES 32
#define CRYPTO_FIELD_KEY_ID 1	/* the key_id byte written before every ciphertext */

enum crypto_subkey {
	CRYPTO_SUBKEY_FIELD = 1,	/* field encryption (XChaCha20-Poly1305) */
	CRYPTO_SUBKEY_BSN = 2,		/* keyed BLAKE2b of a BSN */
	CRYPTO_SUBKEY_AUDIT = 3,	/* keyed BLAKE2b of the audit chain */
	CRYPTO_SUBKEY_INDICATOR = 4	/* keyed BLAKE2b of exploiter indicators */
};

/* sodium_init; idempotent and thread-safe.  Called by crypto_key_*. */
int crypto_init(struct err *e);
/* Create a new key file (mode 0600, refuses to overwrite). */
int crypto_key_create(const char *path, struct err *e);
/* Load the key file and derive subkeys; must precede any other call below. */
int crypto_key_load(const char *path, struct err *e);
/* Wipe and free the subkeys (no-op when none are loaded). */
void crypto_key_unload(void);
/* The subkey, or abort() when no key was loaded: calling crypto before
 * crypto_key_load is a programming error, not bad input. */
const unsigned char *crypto_subkey(enum crypto_subkey which);

/* ---- field encryption (XChaCha20-Poly1305, bound to table|column|row) ---- */

/* Returns base64 of key_id || nonce || ciphertext, allocated in `a`; NULL plaintext gives NULL. */
char *crypto_field_encrypt(struct arena *a, const char *table,
    const char *column, const char *row_id, const char *plaintext);
/* Decrypts into `a`; ERR_CRYPTO if tampered, moved to another row, or wrong key. */
int crypto_field_decrypt(struct arena *a, const char *table,
    const char *column, const char *row_id, const char *enc,
    char **plaintext, struct err *e);
/* Keyed BLAKE2b of a BSN, 64 hex characters, for duplicate detection. */
void crypto_bsn_hash(const char *bsn, char out[65]);
/* Keyed BLAKE2b of an exploiter indicator's kind and normal form (its own
 * subkey), 64 hex characters, for matching across trajectories. */
void crypto_indicator_hash(const char *kind, const char *normal,
    char out[65]);
/* Keyed BLAKE2b (the BSN subkey) of a normalised name and a birth date
 * (YYYY-MM-DD), 64 hex characters: "name" NUL name NUL date, so it can
 * never equal the hash of a BSN. */
void crypto_name_hash(const char *name, const char *birth, char out[65]);

#endif
