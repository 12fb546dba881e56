/*
 * rekey.h - SQL of key rotation (issue 15): which rows name which key, the
 * re-encryption of every encrypted column in small batches, and the
 * re-keying of the keyed identity hashes.
 *
 * Every encrypted column (suffix _enc) names its key in its ciphertext's
 * first byte (crypto/field.c); every keyed hash names it in the row's
 * hash_key_id (migration 017).  A rotation moves both to the current key;
 * nothing here touches the audit log's chain, which keeps its own key.
 */
#ifndef DOORLOOP_STORE_REKEY_H
#define DOORLOOP_STORE_REKEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"
#include "util/mem.h"

struct db;

/* One place rows name a key: an encrypted column, or a table's keyed
 * hashes (column "hash_key_id"). */
struct rekey_place {
	const char *table, *column;
	const char *row;	/* the row id the ciphertext is bound to */
	/* For hashes only: which rows still matter (NULL: all), and whether
	 * a rotation can re-key them (codes are stored only as hashes). */
	const char *live;
	bool rekeyable;
};
extern const struct rekey_place rekey_places[];
extern const size_t rekey_nplaces;

/* Rows naming each key id at place p: counts[id] += n for id 0..255
 * (a malformed ciphertext counts as id 0).  Hash places count only their
 * live rows. */
int store_rekey_count(struct db *db, struct arena *a,
    const struct rekey_place *p, int64_t counts[256], struct err *e);

/*
 * Re-encrypt up to `batch` values of encrypted place p that name another
 * key than the current one, in one write transaction of its own: each
 * decrypted with its key and encrypted with the current key, written only
 * if the value is still the one read (a request that changed it meanwhile
 * wrote it under the current key).  *found: the values read, 0 when none
 * is left; *done: those changed.  A value no key of the key file opens is
 * an error.
 */
int store_rekey_batch(struct db *db, const struct rekey_place *p,
    int batch, int64_t *found, int64_t *done, struct err *e);

/*
 * Re-key every keyed hash that names another key than the current one, in
 * one write transaction per family (her identity: client and signal; the
 * exploiter indicators), so that matching, which compares stored hashes
 * with each other, never sees two keys in one family.  *done: the rows
 * changed.  Codes (climate rounds, invitations) are not re-keyable.
 */
int store_rekey_hashes(struct db *db, int64_t *done, struct err *e);

#endif
