/*
 * backup.c - sealing and opening the encrypted backup stream (backup.h).
 *
 * Owns: the backup key file format (read only; it is created with
 * crypto_key_create like the installation key), the backup file's header,
 * its key check and its framing of secretstream messages.
 *
 * Invariants:
 *   1. Every message is authenticated before a byte of it is written out;
 *      the last message carries the FINAL tag, so a truncated file is
 *      refused, and bytes after it are refused too.
 *   2. The header's first 32 bytes are additional data of the first
 *      message: changing the version or the key check breaks it.
 *
 * Never: write key material or plaintext anywhere but out_fd; accept a
 * message longer than CRYPTO_BACKUP_CHUNK (or the metadata limit).
 */
#include "crypto/backup.h"

#include <sodium.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crypto/crypto.h"

#define MAGIC "DLBACKUP"
#define VERSION 1
#define PREFIX_LEN 32		/* magic 8, version 1, zeros 7, key check 16 */
#define CHECK_LEN 16
#define HEADER_LEN (PREFIX_LEN + crypto_secretstream_xchacha20poly1305_HEADERBYTES)
#define ABYTES crypto_secretstream_xchacha20poly1305_ABYTES
#define KEY_HEX (CRYPTO_BACKUP_KEY_BYTES * 2)

static const char check_text[] = "doorloop backup key check";

static void
key_check(const unsigned char *key, unsigned char out[CHECK_LEN])
{
	crypto_generichash(out, CHECK_LEN, (const unsigned char *)check_text,
	    sizeof check_text - 1, key, CRYPTO_BACKUP_KEY_BYTES);
}

/* Read exactly n bytes; returns n, fewer at end of file, -1 on error. */
static ssize_t
read_full(int fd, void *buf, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = read(fd, (char *)buf + got, n - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

static int
write_full(int fd, const void *buf, size_t n, struct err *e)
{
	size_t off = 0;

	while (off < n) {
		ssize_t w = write(fd, (const char *)buf + off, n - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return err_set(e, ERR_IO, NULL, "cannot write: %s",
			    strerror(errno));
		off += (size_t)w;
	}
	return 0;
}

int
crypto_backup_key_read(const char *path,
    unsigned char key[CRYPTO_BACKUP_KEY_BYTES], struct err *e)
{
	char buf[KEY_HEX + 8];
	struct stat st;
	size_t len, binlen = 0;
	ssize_t n;
	int fd, rc = -1;

	if (crypto_init(e) != 0)
		return -1;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0)
		return err_set(e, errno == ENOENT ? ERR_INVALID : ERR_IO,
		    "backup_key", "cannot open backup key file %s: %s (make one "
		    "with doorloop backup-key create)", path, strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		err_set(e, ERR_INVALID, "backup_key",
		    "backup key file %s is not a regular file", path);
		goto out;
	}
	if ((st.st_mode & 077) != 0) {
		err_set(e, ERR_INVALID, "backup_key",
		    "backup key file %s is accessible by group or others (mode "
		    "%03o); it must be mode 0600", path,
		    (unsigned)(st.st_mode & 0777));
		goto out;
	}
	if ((n = read_full(fd, buf, sizeof buf - 1)) < 0) {
		err_set(e, ERR_IO, "backup_key", "cannot read %s: %s", path,
		    strerror(errno));
		goto out;
	}
	len = (size_t)n;
	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
		len--;
	if (len != KEY_HEX || sodium_hex2bin(key, CRYPTO_BACKUP_KEY_BYTES, buf,
	    len, NULL, &binlen, NULL) != 0 || binlen != CRYPTO_BACKUP_KEY_BYTES) {
		err_set(e, ERR_INVALID, "backup_key",
		    "backup key file %s does not hold a key (64 hex characters)",
		    path);
		goto out;
	}
	rc = 0;
out:
	sodium_memzero(buf, sizeof buf);
	close(fd);
	return rc;
}

/* One message: 4-byte big-endian ciphertext length, then the ciphertext. */
static int
put_message(crypto_secretstream_xchacha20poly1305_state *st, int out_fd,
    const unsigned char *m, size_t mlen, const unsigned char *ad,
    size_t adlen, unsigned char tag, unsigned char *c, struct err *e)
{
	unsigned long long clen;
	unsigned char len[4];

	crypto_secretstream_xchacha20poly1305_push(st, c, &clen, m, mlen, ad,
	    adlen, tag);
	len[0] = (unsigned char)(clen >> 24);
	len[1] = (unsigned char)(clen >> 16);
	len[2] = (unsigned char)(clen >> 8);
	len[3] = (unsigned char)clen;
	if (write_full(out_fd, len, sizeof len, e) == -1)
		return -1;
	return write_full(out_fd, c, (size_t)clen, e);
}

int
crypto_backup_seal(int in_fd, int out_fd,
    const unsigned char key[CRYPTO_BACKUP_KEY_BYTES], const char *meta,
    size_t meta_len, struct err *e)
{
	crypto_secretstream_xchacha20poly1305_state st;
	unsigned char header[HEADER_LEN];
	unsigned char *m = NULL, *c = NULL;
	size_t cap = CRYPTO_BACKUP_CHUNK > CRYPTO_BACKUP_META_MAX ?
	    CRYPTO_BACKUP_CHUNK : CRYPTO_BACKUP_META_MAX;
	ssize_t n;
	int rc = -1;

	if (crypto_init(e) != 0)
		return -1;
	if (meta_len > CRYPTO_BACKUP_META_MAX)
		return err_set(e, ERR_INTERNAL, NULL, "backup metadata too long");
	memset(header, 0, sizeof header);
	memcpy(header, MAGIC, 8);
	header[8] = VERSION;
	key_check(key, header + 16);
	crypto_secretstream_xchacha20poly1305_init_push(&st, header + PREFIX_LEN,
	    key);
	m = malloc(CRYPTO_BACKUP_CHUNK);
	c = malloc(cap + ABYTES);
	if (m == NULL || c == NULL) {
		err_set(e, ERR_INTERNAL, NULL, "out of memory");
		goto out;
	}
	if (write_full(out_fd, header, sizeof header, e) == -1 ||
	    put_message(&st, out_fd, (const unsigned char *)meta, meta_len,
	    header, PREFIX_LEN, 0, c, e) == -1)
		goto out;
	/* Read one chunk ahead, so the last one can carry the FINAL tag. */
	if ((n = read_full(in_fd, m, CRYPTO_BACKUP_CHUNK)) < 0)
		goto rderr;
	for (;;) {
		unsigned char *next = NULL;
		ssize_t nn = 0;

		if (n == CRYPTO_BACKUP_CHUNK) {
			if ((next = malloc(CRYPTO_BACKUP_CHUNK)) == NULL) {
				err_set(e, ERR_INTERNAL, NULL, "out of memory");
				goto out;
			}
			if ((nn = read_full(in_fd, next, CRYPTO_BACKUP_CHUNK)) < 0) {
				free(next);
				goto rderr;
			}
		}
		if (put_message(&st, out_fd, m, (size_t)n, NULL, 0,
		    next == NULL || nn == 0 ?
		    crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0, c,
		    e) == -1) {
			free(next);
			goto out;
		}
		if (next == NULL || nn == 0) {
			free(next);
			break;
		}
		free(m);
		m = next;
		n = nn;
	}
	rc = 0;
	goto out;
rderr:
	err_set(e, ERR_IO, NULL, "cannot read the data to back up: %s",
	    strerror(errno));
out:
	sodium_memzero(&st, sizeof st);
	if (m != NULL)
		sodium_memzero(m, CRYPTO_BACKUP_CHUNK);
	free(m);
	free(c);
	return rc;
}

/* Read one message's ciphertext; 1 read, 0 clean end of file, -1 error. */
static int
get_message(int in_fd, unsigned char *c, size_t cap, size_t *clen,
    unsigned long index, struct err *e)
{
	unsigned char len[4];
	ssize_t n;
	size_t want;

	if ((n = read_full(in_fd, len, sizeof len)) < 0)
		return err_set(e, ERR_IO, NULL, "cannot read the backup: %s",
		    strerror(errno));
	if (n == 0)
		return 0;
	want = (size_t)len[0] << 24 | (size_t)len[1] << 16 |
	    (size_t)len[2] << 8 | (size_t)len[3];
	if (n != sizeof len || want < ABYTES || want > cap + ABYTES)
		return err_set(e, ERR_INVALID, NULL, "the backup is damaged: "
		    "message %lu has a bad length", index);
	if ((n = read_full(in_fd, c, want)) < 0)
		return err_set(e, ERR_IO, NULL, "cannot read the backup: %s",
		    strerror(errno));
	if ((size_t)n != want)
		return err_set(e, ERR_INVALID, NULL, "the backup is damaged: "
		    "it ends inside message %lu (truncated)", index);
	*clen = want;
	return 1;
}

int
crypto_backup_open(int in_fd, int out_fd,
    const unsigned char key[CRYPTO_BACKUP_KEY_BYTES], char **meta,
    struct err *e)
{
	crypto_secretstream_xchacha20poly1305_state st;
	unsigned char header[HEADER_LEN], check[CHECK_LEN], tag = 0;
	unsigned char *c = NULL, *m = NULL;
	unsigned long long mlen;
	unsigned long index = 0;
	size_t cap = CRYPTO_BACKUP_CHUNK > CRYPTO_BACKUP_META_MAX ?
	    CRYPTO_BACKUP_CHUNK : CRYPTO_BACKUP_META_MAX, clen = 0;
	ssize_t n;
	int r, rc = -1;

	*meta = NULL;
	if (crypto_init(e) != 0)
		return -1;
	if ((n = read_full(in_fd, header, sizeof header)) < 0)
		return err_set(e, ERR_IO, NULL, "cannot read the backup: %s",
		    strerror(errno));
	if ((size_t)n < PREFIX_LEN || memcmp(header, MAGIC, 8) != 0)
		return err_set(e, ERR_INVALID, NULL,
		    "not a Doorloop backup (no DLBACKUP header)");
	if (header[8] != VERSION)
		return err_set(e, ERR_INVALID, NULL,
		    "backup format version %u is not known to this doorloop",
		    header[8]);
	key_check(key, check);
	if (sodium_memcmp(check, header + 16, CHECK_LEN) != 0)
		return err_set(e, ERR_INVALID, "backup_key",
		    "the backup was made with another backup key");
	if ((size_t)n != sizeof header ||
	    crypto_secretstream_xchacha20poly1305_init_pull(&st,
	    header + PREFIX_LEN, key) != 0)
		return err_set(e, ERR_INVALID, NULL,
		    "the backup is damaged: its header is incomplete");
	c = malloc(cap + ABYTES);
	m = malloc(cap + 1);
	if (c == NULL || m == NULL) {
		err_set(e, ERR_INTERNAL, NULL, "out of memory");
		goto out;
	}
	for (;;) {
		if ((r = get_message(in_fd, c, index == 0 ?
		    CRYPTO_BACKUP_META_MAX : CRYPTO_BACKUP_CHUNK, &clen, index,
		    e)) == -1)
			goto out;
		if (r == 0) {
			err_set(e, ERR_INVALID, NULL, "the backup is damaged: "
			    "it ends after message %lu, before its last (truncated)",
			    index);
			goto out;
		}
		if (crypto_secretstream_xchacha20poly1305_pull(&st, m, &mlen,
		    &tag, c, clen, index == 0 ? header : NULL,
		    index == 0 ? PREFIX_LEN : 0) != 0) {
			err_set(e, ERR_INVALID, NULL, "the backup is damaged: "
			    "message %lu fails its authentication", index);
			goto out;
		}
		if (index == 0) {
			if (tag != 0) {
				err_set(e, ERR_INVALID, NULL,
				    "the backup is damaged: it holds no data");
				goto out;
			}
			m[mlen] = '\0';
			if ((*meta = malloc((size_t)mlen + 1)) == NULL) {
				err_set(e, ERR_INTERNAL, NULL, "out of memory");
				goto out;
			}
			memcpy(*meta, m, (size_t)mlen + 1);
		} else if (out_fd >= 0 && mlen > 0 &&
		    write_full(out_fd, m, (size_t)mlen, e) == -1)
			goto out;
		index++;
		if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL)
			break;
	}
	if ((n = read_full(in_fd, c, 1)) != 0) {
		err_set(e, ERR_INVALID, NULL, n < 0 ? "cannot read the backup" :
		    "the backup is damaged: bytes follow its last message");
		goto out;
	}
	rc = 0;
out:
	sodium_memzero(&st, sizeof st);
	if (m != NULL)
		sodium_memzero(m, cap + 1);
	free(m);
	free(c);
	if (rc != 0) {
		free(*meta);
		*meta = NULL;
	}
	return rc;
}
