/*
 * backup.h - the encrypted backup file (crypto/backup.c).
 *
 * A backup is a stream sealed with libsodium's secretstream
 * (XChaCha20-Poly1305) under a backup key of its own: a key file like the
 * installation key (64 hex characters, mode 0600) that is never the
 * installation key, so whoever holds the backups without that key reads
 * nothing, and whoever holds the database does not hold the backups.
 *
 * File layout (docs/OPERATIONS.md):
 *   "DLBACKUP" | version 1 | 7 zero bytes | key check (16) | stream header (24)
 *   then messages, each a 4-byte big-endian length and that many bytes of
 *   ciphertext: first the metadata text (bound to the 32 bytes before the
 *   stream header as additional data), then the data in chunks of at most
 *   CRYPTO_BACKUP_CHUNK bytes, the last one tagged FINAL (possibly empty).
 * The key check is a keyed BLAKE2b of a fixed text under the backup key:
 * it tells "another backup key" apart from "damaged" before any decryption.
 */
#ifndef DOORLOOP_CRYPTO_BACKUP_H
#define DOORLOOP_CRYPTO_BACKUP_H

#include <stddef.h>

#include "util/err.h"

#define CRYPTO_BACKUP_KEY_BYTES 32
#define CRYPTO_BACKUP_CHUNK 65536
#define CRYPTO_BACKUP_META_MAX 65536

/* Read a backup key file (64 hex characters, mode 0600, regular file).
 * ERR_INVALID for a file that is not one (bad usage, exit 2). */
int crypto_backup_key_read(const char *path,
    unsigned char key[CRYPTO_BACKUP_KEY_BYTES], struct err *e);

/* Seal: write the header and meta, then everything read from in_fd until
 * its end, to out_fd. */
int crypto_backup_seal(int in_fd, int out_fd,
    const unsigned char key[CRYPTO_BACKUP_KEY_BYTES], const char *meta,
    size_t meta_len, struct err *e);

/* Open: check and decrypt in_fd; the data goes to out_fd (-1: only check
 * every chunk, write nothing).  *meta is malloc'ed, NUL-terminated; the
 * caller frees it.  A file that is not a backup, was made with another
 * backup key, or is damaged or truncated is ERR_INVALID with a message
 * saying which; nothing is written to out_fd after the first bad chunk. */
int crypto_backup_open(int in_fd, int out_fd,
    const unsigned char key[CRYPTO_BACKUP_KEY_BYTES], char **meta,
    struct err *e);

#endif
