/*
 * keys.c - the installation key and its subkeys.
 *
 * Owns: the one master key file of an installation (32 random bytes as 64
 * hex characters and a newline, mode 0600) and the subkeys derived from it
 * with crypto_kdf_derive_from_key under the context "doorloop":
 *   1 field encryption, 2 BSN hash, 3 audit chain, 4 exploiter indicators
 *   (see crypto.h).
 *
 * Invariants:
 *   1. The master key exists in memory only while the subkeys are derived,
 *      in a sodium_malloc'ed buffer that is wiped and freed right after.
 *   2. The subkeys live in one sodium_malloc'ed block that is read-only
 *      (sodium_mprotect_readonly) between crypto_key_load and
 *      crypto_key_unload.
 *   3. A key file that group or others may access is refused, never
 *      "fixed": whoever made it so must look at who copied it.
 *
 * Never: print or log key material, overwrite an existing key file, or
 * derive keys from anything but the file's 32 bytes.
 */
#include "crypto/crypto.h"

#include <sodium.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define KDF_CONTEXT "doorloop"	/* exactly crypto_kdf_CONTEXTBYTES (8) */
#define KEY_HEX_LEN (CRYPTO_KEY_BYTES * 2)
#define KEY_FILE_MAX 256	/* bytes read from a key file at most */

struct subkeys {
	unsigned char field[CRYPTO_KEY_BYTES];
	unsigned char bsn[CRYPTO_KEY_BYTES];
	unsigned char audit[CRYPTO_KEY_BYTES];
	unsigned char indicator[CRYPTO_KEY_BYTES];
};

static pthread_mutex_t key_lock = PTHREAD_MUTEX_INITIALIZER;
static struct subkeys *keys;	/* read-only while loaded */

static int mkdir_parents(const char *path, struct err *e);

int
crypto_init(struct err *e)
{
	/* sodium_init is thread-safe and returns 1 when already done. */
	if (sodium_init() < 0)
		return err_set(e, ERR_CRYPTO, NULL,
		    "libsodium could not be initialised");
	return 0;
}

void
crypto_key_unload(void)
{
	pthread_mutex_lock(&key_lock);
	if (keys != NULL) {
		/* sodium_free wipes the block before releasing it. */
		sodium_free(keys);
		keys = NULL;
	}
	pthread_mutex_unlock(&key_lock);
}

const unsigned char *
crypto_subkey(enum crypto_subkey which)
{
	if (keys == NULL)
		abort();	/* crypto_key_load was not called */
	switch (which) {
	case CRYPTO_SUBKEY_FIELD:
		return keys->field;
	case CRYPTO_SUBKEY_BSN:
		return keys->bsn;
	case CRYPTO_SUBKEY_AUDIT:
		return keys->audit;
	case CRYPTO_SUBKEY_INDICATOR:
		return keys->indicator;
	}
	abort();
}

/* Create every missing directory above path, mode 0700. */
static int
mkdir_parents(const char *path, struct err *e)
{
	char buf[PATH_MAX];
	size_t len = strlen(path);

	if (len >= sizeof buf)
		return err_set(e, ERR_INVALID, "key_file", "key file path too long");
	memcpy(buf, path, len + 1);
	for (char *p = buf + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0700) != 0 && errno != EEXIST) {
			err_set(e, ERR_IO, NULL, "cannot create directory %s: %s",
			    buf, strerror(errno));
			return -1;
		}
		*p = '/';
	}
	return 0;
}

int
crypto_key_create(const char *path, struct err *e)
{
	unsigned char key[CRYPTO_KEY_BYTES];
	char hex[KEY_HEX_LEN + 2];
	size_t len, off = 0;
	int fd = -1, rc = -1;
	bool created = false;

	if (crypto_init(e) != 0)
		return -1;
	if (path == NULL || *path == '\0')
		return err_set(e, ERR_INVALID, "key_file", "no key file path given");
	if (mkdir_parents(path, e) != 0)
		goto out;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
	    0600);
	if (fd < 0) {
		if (errno == EEXIST)
			err_set(e, ERR_CONFLICT, "key_file",
			    "key file %s exists already; refusing to overwrite it",
			    path);
		else
			err_set(e, ERR_IO, "key_file", "cannot create key file %s: %s",
			    path, strerror(errno));
		goto out;
	}
	created = true;
	/* The umask may have removed bits, never added them; make sure. */
	if (fchmod(fd, 0600) != 0) {
		err_set(e, ERR_IO, "key_file", "cannot chmod key file %s: %s",
		    path, strerror(errno));
		goto out;
	}
	randombytes_buf(key, sizeof key);
	sodium_bin2hex(hex, sizeof hex, key, sizeof key);
	len = strlen(hex);
	hex[len++] = '\n';
	while (off < len) {
		ssize_t n = write(fd, hex + off, len - off);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			err_set(e, ERR_IO, "key_file", "cannot write key file %s: %s",
			    path, strerror(errno));
			goto out;
		}
		off += (size_t)n;
	}
	if (fsync(fd) != 0) {
		err_set(e, ERR_IO, "key_file", "cannot sync key file %s: %s",
		    path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	sodium_memzero(key, sizeof key);
	sodium_memzero(hex, sizeof hex);
	if (fd >= 0 && close(fd) != 0 && rc == 0)
		rc = err_set(e, ERR_IO, "key_file", "cannot close key file %s",
		    path);
	if (rc != 0 && created)
		unlink(path);
	return rc;
}

int
crypto_key_load(const char *path, struct err *e)
{
	char buf[KEY_FILE_MAX + 1];
	unsigned char *master = NULL;
	struct subkeys *fresh = NULL;
	struct stat st;
	size_t got = 0, binlen = 0;
	int fd = -1, rc = -1;

	if (crypto_init(e) != 0)
		return -1;
	if (path == NULL || *path == '\0')
		return err_set(e, ERR_INVALID, "key_file", "no key file path given");
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		err_set(e, ERR_IO, "key_file", "cannot open key file %s: %s",
		    path, strerror(errno));
		goto out;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		err_set(e, ERR_IO, "key_file", "key file %s is not a regular file",
		    path);
		goto out;
	}
	if ((st.st_mode & 077) != 0) {
		err_set(e, ERR_CRYPTO, "key_file",
		    "key file %s is accessible by group or others (mode %03o); "
		    "it must be mode 0600 (chmod 600) and its copies checked",
		    path, (unsigned)(st.st_mode & 0777));
		goto out;
	}
	while (got < KEY_FILE_MAX) {
		ssize_t n = read(fd, buf + got, KEY_FILE_MAX - got);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			err_set(e, ERR_IO, "key_file", "cannot read key file %s: %s",
			    path, strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	buf[got] = '\0';
	while (got > 0 && (buf[got - 1] == '\n' || buf[got - 1] == '\r' ||
	    buf[got - 1] == ' ' || buf[got - 1] == '\t'))
		buf[--got] = '\0';
	if ((master = sodium_malloc(CRYPTO_KEY_BYTES)) == NULL ||
	    (fresh = sodium_malloc(sizeof *fresh)) == NULL) {
		err_set(e, ERR_INTERNAL, NULL, "cannot allocate key memory");
		goto out;
	}
	if (got != KEY_HEX_LEN ||
	    sodium_hex2bin(master, CRYPTO_KEY_BYTES, buf, got, NULL, &binlen,
	    NULL) != 0 || binlen != CRYPTO_KEY_BYTES) {
		err_set(e, ERR_CRYPTO, "key_file",
		    "key file %s does not hold a key (64 hex characters)", path);
		goto out;
	}
	if (crypto_kdf_derive_from_key(fresh->field, CRYPTO_KEY_BYTES,
	    CRYPTO_SUBKEY_FIELD, KDF_CONTEXT, master) != 0 ||
	    crypto_kdf_derive_from_key(fresh->bsn, CRYPTO_KEY_BYTES,
	    CRYPTO_SUBKEY_BSN, KDF_CONTEXT, master) != 0 ||
	    crypto_kdf_derive_from_key(fresh->audit, CRYPTO_KEY_BYTES,
	    CRYPTO_SUBKEY_AUDIT, KDF_CONTEXT, master) != 0 ||
	    crypto_kdf_derive_from_key(fresh->indicator, CRYPTO_KEY_BYTES,
	    CRYPTO_SUBKEY_INDICATOR, KDF_CONTEXT, master) != 0) {
		err_set(e, ERR_CRYPTO, NULL, "key derivation failed");
		goto out;
	}
	if (sodium_mprotect_readonly(fresh) != 0) {
		err_set(e, ERR_CRYPTO, NULL, "cannot protect key memory");
		goto out;
	}
	pthread_mutex_lock(&key_lock);
	if (keys != NULL)
		sodium_free(keys);
	keys = fresh;
	fresh = NULL;
	pthread_mutex_unlock(&key_lock);
	rc = 0;
out:
	sodium_memzero(buf, sizeof buf);
	if (master != NULL)
		sodium_free(master);
	if (fresh != NULL)
		sodium_free(fresh);
	if (fd >= 0)
		close(fd);
	return rc;
}
