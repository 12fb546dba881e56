/*
 * keys.c - the installation's keys and their subkeys.
 *
 * Owns: the key file of an installation (mode 0600) and the subkeys derived
 * from each of its keys with crypto_kdf_derive_from_key under the context
 * "doorloop":
 *   1 field encryption, 2 BSN hash, 3 audit chain, 4 exploiter indicators
 *   (see crypto.h).
 *
 * The key file holds one key per line, "ID HEX" (ID 1..255, HEX 64
 * characters), the highest ID the current key; the one-line file of an
 * installation that never rotated ("HEX" alone) is key 1.  A line
 * "audit HEX" holds the audit chain's subkey itself: the chain keeps the
 * key it was started with (re-keying it would rewrite history), so a
 * rotation writes that subkey down and the key it came from can be
 * retired.  Without it the audit subkey is derived from the lowest key.
 * Lines starting with # are comments.
 *
 * Invariants:
 *   1. A master key exists in memory only while its subkeys are derived,
 *      in a sodium_malloc'ed buffer that is wiped and freed right after.
 *   2. The subkeys live in one sodium_malloc'ed ring that is read-only
 *      (sodium_mprotect_readonly) once built; a reload builds a new ring
 *      and keeps the old one until crypto_key_unload, so a thread still
 *      holding the old ring never reads freed memory.
 *   3. A key file that group or others may access is refused, never
 *      "fixed": whoever made it so must look at who copied it.
 *   4. The key file is only ever replaced whole (a temporary file beside
 *      it, fsync, rename): a reader sees the old file or the new one.
 *
 * Never: print or log key material, overwrite an existing key file on
 * create, or derive keys from anything but the file's bytes.
 */
#include "crypto/crypto.h"

#include <sodium.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define KDF_CONTEXT "doorloop"	/* exactly crypto_kdf_CONTEXTBYTES (8) */
#define KEY_HEX_LEN (CRYPTO_KEY_BYTES * 2)
#define KEY_FILE_MAX 8192	/* bytes read from a key file at most */
#define KEY_FILE_HEAD "# doorloop keys: one \"ID HEX\" per key, the highest " \
	"ID current; audit: the audit chain's key\n"

struct keyset {
	int id;
	unsigned char field[CRYPTO_KEY_BYTES];
	unsigned char bsn[CRYPTO_KEY_BYTES];
	unsigned char indicator[CRYPTO_KEY_BYTES];
};

/* Every key of one reading of the key file, newest first. */
struct keyring {
	size_t n;
	struct keyset k[CRYPTO_MAX_KEYS];
	unsigned char audit[CRYPTO_KEY_BYTES];
	struct keyring *older;	/* rings read before this one */
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;
};

/* The master keys as read from a file, for rewriting it. */
struct keyfile {
	size_t n;
	int id[CRYPTO_MAX_KEYS];
	unsigned char key[CRYPTO_MAX_KEYS][CRYPTO_KEY_BYTES];
	bool has_audit;
	unsigned char audit[CRYPTO_KEY_BYTES];
};

static pthread_mutex_t key_lock = PTHREAD_MUTEX_INITIALIZER;
static _Atomic(struct keyring *) ring;	/* read-only while loaded */
static char key_path[PATH_MAX];

static int mkdir_parents(const char *path, struct err *e);
static int write_all(int fd, const char *s, size_t len);

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
	struct keyring *r;

	pthread_mutex_lock(&key_lock);
	r = atomic_exchange(&ring, NULL);
	while (r != NULL) {
		struct keyring *older = r->older;

		/* sodium_free wipes the block before releasing it. */
		sodium_free(r);
		r = older;
	}
	pthread_mutex_unlock(&key_lock);
}

/* The ring, or abort() when no key was loaded: calling crypto before
 * crypto_key_load is a programming error, not bad input. */
static const struct keyring *
the_ring(void)
{
	const struct keyring *r = atomic_load(&ring);

	if (r == NULL)
		abort();
	return r;
}

static const struct keyset *
keyset_of(const struct keyring *r, int id)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->k[i].id == id)
			return &r->k[i];
	return NULL;
}

const unsigned char *
crypto_subkey(enum crypto_subkey which)
{
	const struct keyring *r = the_ring();

	switch (which) {
	case CRYPTO_SUBKEY_FIELD:
		return r->k[0].field;
	case CRYPTO_SUBKEY_BSN:
		return r->k[0].bsn;
	case CRYPTO_SUBKEY_AUDIT:
		return r->audit;
	case CRYPTO_SUBKEY_INDICATOR:
		return r->k[0].indicator;
	}
	abort();
}

const unsigned char *
crypto_subkey_of(int id, enum crypto_subkey which)
{
	const struct keyset *k = keyset_of(the_ring(), id);

	if (k == NULL)
		return NULL;
	switch (which) {
	case CRYPTO_SUBKEY_FIELD:
		return k->field;
	case CRYPTO_SUBKEY_BSN:
		return k->bsn;
	case CRYPTO_SUBKEY_INDICATOR:
		return k->indicator;
	case CRYPTO_SUBKEY_AUDIT:
		break;
	}
	abort();	/* the audit subkey is not per key */
}

int
crypto_key_current(void)
{
	return the_ring()->k[0].id;
}

size_t
crypto_key_ids(int ids[CRYPTO_MAX_KEYS])
{
	const struct keyring *r = the_ring();

	for (size_t i = 0; i < r->n; i++)
		ids[i] = r->k[i].id;
	return r->n;
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
	size_t len;
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
	if (write_all(fd, hex, len) != 0) {
		err_set(e, ERR_IO, "key_file", "cannot write key file %s: %s",
		    path, strerror(errno));
		goto out;
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


/* Read the key file (refusing one group or others may access) into buf,
 * NUL-terminated; its identity into st. */
static int
read_key_file(const char *path, char *buf, struct stat *st, struct err *e)
{
	size_t got = 0;
	int fd, rc = -1;

	if (path == NULL || *path == '\0')
		return err_set(e, ERR_INVALID, "key_file", "no key file path given");
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return err_set(e, ERR_IO, "key_file", "cannot open key file %s: %s",
		    path, strerror(errno));
	if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode)) {
		err_set(e, ERR_IO, "key_file", "key file %s is not a regular file",
		    path);
		goto out;
	}
	if ((st->st_mode & 077) != 0) {
		err_set(e, ERR_CRYPTO, "key_file",
		    "key file %s is accessible by group or others (mode %03o); "
		    "it must be mode 0600 (chmod 600) and its copies checked",
		    path, (unsigned)(st->st_mode & 0777));
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
	rc = 0;
out:
	close(fd);
	return rc;
}

static bool
hex_key(const char *hex, size_t len, unsigned char out[CRYPTO_KEY_BYTES])
{
	size_t binlen = 0;

	return len == KEY_HEX_LEN && sodium_hex2bin(out, CRYPTO_KEY_BYTES, hex,
	    len, NULL, &binlen, NULL) == 0 && binlen == CRYPTO_KEY_BYTES;
}

/* Parse the key file's text (see the file comment) into kf. */
static int
parse_keys(const char *path, char *text, struct keyfile *kf, struct err *e)
{
	char *save = NULL;

	memset(kf, 0, sizeof *kf);
	for (char *line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		char *p = line, *word, *hex;
		size_t len;
		long id;

		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		len = strlen(p);
		while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t' ||
		    p[len - 1] == '\r'))
			p[--len] = '\0';
		if (*p == '\0' || *p == '#')
			continue;
		word = p;
		hex = strpbrk(p, " \t");
		if (hex == NULL) {	/* the one-line file: key 1 */
			hex = word;
			word = "1";
		} else {
			*hex++ = '\0';
			while (*hex == ' ' || *hex == '\t')
				hex++;
		}
		if (strcmp(word, "audit") == 0) {
			if (kf->has_audit || !hex_key(hex, strlen(hex), kf->audit))
				goto bad;
			kf->has_audit = true;
			continue;
		}
		id = strtol(word, &p, 10);
		if (*p != '\0' || id < 1 || id > CRYPTO_KEY_ID_MAX ||
		    kf->n == CRYPTO_MAX_KEYS)
			goto bad;
		for (size_t i = 0; i < kf->n; i++)
			if (kf->id[i] == id)
				goto bad;
		if (!hex_key(hex, strlen(hex), kf->key[kf->n]))
			goto bad;
		kf->id[kf->n++] = (int)id;
	}
	if (kf->n == 0)
		goto bad;
	return 0;
bad:
	return err_set(e, ERR_CRYPTO, "key_file",
	    "key file %s does not hold keys (one \"ID HEX\" per line, at most "
	    "%d, HEX 64 characters)", path, CRYPTO_MAX_KEYS);
}

static int
derive(unsigned char *out, int which, const unsigned char *master)
{
	return crypto_kdf_derive_from_key(out, CRYPTO_KEY_BYTES,
	    (uint64_t)which, KDF_CONTEXT, master);
}

/* Build a read-only ring from kf, newest key first. */
static struct keyring *
build_ring(const struct keyfile *kf, const struct stat *st, struct err *e)
{
	struct keyring *r = sodium_malloc(sizeof *r);
	int lowest = 0;

	if (r == NULL) {
		err_set(e, ERR_INTERNAL, NULL, "cannot allocate key memory");
		return NULL;
	}
	memset(r, 0, sizeof *r);
	r->n = kf->n;
	for (size_t i = 0; i < kf->n; i++) {
		struct keyset *k = &r->k[i];

		/* insertion sort, newest first */
		size_t j = i;
		while (j > 0 && r->k[j - 1].id < kf->id[i]) {
			r->k[j] = r->k[j - 1];
			j--;
		}
		k = &r->k[j];
		k->id = kf->id[i];
		if (derive(k->field, CRYPTO_SUBKEY_FIELD, kf->key[i]) != 0 ||
		    derive(k->bsn, CRYPTO_SUBKEY_BSN, kf->key[i]) != 0 ||
		    derive(k->indicator, CRYPTO_SUBKEY_INDICATOR,
		    kf->key[i]) != 0)
			goto fail;
		if (lowest == 0 || kf->id[i] < kf->id[lowest - 1])
			lowest = (int)i + 1;
	}
	if (kf->has_audit)
		memcpy(r->audit, kf->audit, sizeof r->audit);
	else if (derive(r->audit, CRYPTO_SUBKEY_AUDIT,
	    kf->key[lowest - 1]) != 0)
		goto fail;
	r->dev = st->st_dev;
	r->ino = st->st_ino;
	r->size = st->st_size;
	r->mtime = st->st_mtim;
	if (sodium_mprotect_readonly(r) != 0) {
		err_set(e, ERR_CRYPTO, NULL, "cannot protect key memory");
		sodium_free(r);
		return NULL;
	}
	return r;
fail:
	err_set(e, ERR_CRYPTO, NULL, "key derivation failed");
	sodium_free(r);
	return NULL;
}

/* Read and parse the key file into a sodium_malloc'ed keyfile. */
static struct keyfile *
keyfile_read(const char *path, struct stat *st, struct err *e)
{
	char *buf = sodium_malloc(KEY_FILE_MAX + 1);
	struct keyfile *kf = sodium_malloc(sizeof *kf);
	int rc = -1;

	if (buf == NULL || kf == NULL)
		err_set(e, ERR_INTERNAL, NULL, "cannot allocate key memory");
	else if (read_key_file(path, buf, st, e) == 0 &&
	    parse_keys(path, buf, kf, e) == 0)
		rc = 0;
	if (buf != NULL)
		sodium_free(buf);
	if (rc != 0 && kf != NULL) {
		sodium_free(kf);
		kf = NULL;
	}
	return kf;
}

/* Load path's keys as the ring (the caller holds key_lock). */
static int
load_locked(const char *path, struct err *e)
{
	struct keyfile *kf;
	struct keyring *r;
	struct stat st;

	if ((kf = keyfile_read(path, &st, e)) == NULL)
		return -1;
	r = build_ring(kf, &st, e);
	sodium_free(kf);
	if (r == NULL)
		return -1;
	/* The old ring stays readable (invariant 2); only its link changes. */
	sodium_mprotect_readwrite(r);
	r->older = atomic_load(&ring);
	sodium_mprotect_readonly(r);
	atomic_store(&ring, r);
	if (path != key_path)
		snprintf(key_path, sizeof key_path, "%s", path);
	return 0;
}

int
crypto_key_load(const char *path, struct err *e)
{
	int rc;

	if (crypto_init(e) != 0)
		return -1;
	pthread_mutex_lock(&key_lock);
	rc = load_locked(path, e);
	pthread_mutex_unlock(&key_lock);
	return rc;
}

int
crypto_key_refresh(struct err *e)
{
	const struct keyring *r = atomic_load(&ring);
	struct stat st;
	int rc = 0;

	if (r == NULL || key_path[0] == '\0')
		return 0;
	if (stat(key_path, &st) != 0)
		return err_set(e, ERR_IO, "key_file", "cannot stat key file %s: %s",
		    key_path, strerror(errno));
	if (st.st_dev == r->dev && st.st_ino == r->ino &&
	    st.st_size == r->size && st.st_mtim.tv_sec == r->mtime.tv_sec &&
	    st.st_mtim.tv_nsec == r->mtime.tv_nsec)
		return 0;
	pthread_mutex_lock(&key_lock);
	r = atomic_load(&ring);
	/* Another thread may have reloaded it meanwhile. */
	if (st.st_ino != r->ino || st.st_dev != r->dev ||
	    st.st_size != r->size || st.st_mtim.tv_sec != r->mtime.tv_sec ||
	    st.st_mtim.tv_nsec != r->mtime.tv_nsec)
		rc = load_locked(key_path, e);
	pthread_mutex_unlock(&key_lock);
	return rc;
}

/* ---- rewriting the key file: rotate and retire ---- */

static int
write_all(int fd, const char *s, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, s, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		s += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Replace the key file by kf's keys (and the audit subkey): a temporary
 * file beside it (mode 0600), fsync, rename, fsync of the directory. */
static int
keyfile_write(const char *path, const struct keyfile *kf, struct err *e)
{
	char tmp[PATH_MAX], dir[PATH_MAX], *slash;
	char *line = sodium_malloc(KEY_HEX_LEN + 32);
	int fd = -1, rc = -1;

	if (line == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "cannot allocate key memory");
	if ((size_t)snprintf(tmp, sizeof tmp, "%s.new.XXXXXX", path) >=
	    sizeof tmp) {
		err_set(e, ERR_INVALID, "key_file", "key file path too long");
		goto out;
	}
	if ((fd = mkostemp(tmp, O_CLOEXEC)) < 0) {
		err_set(e, ERR_IO, "key_file", "cannot create a file beside %s: %s",
		    path, strerror(errno));
		goto out;
	}
	if (fchmod(fd, 0600) != 0 || write_all(fd, KEY_FILE_HEAD,
	    strlen(KEY_FILE_HEAD)) != 0)
		goto io;
	strcpy(line, "audit ");
	sodium_bin2hex(line + 6, KEY_HEX_LEN + 1, kf->audit, CRYPTO_KEY_BYTES);
	strcat(line, "\n");
	if (write_all(fd, line, strlen(line)) != 0)
		goto io;
	for (size_t i = 0; i < kf->n; i++) {
		int off = snprintf(line, 8, "%d ", kf->id[i]);

		sodium_bin2hex(line + off, KEY_HEX_LEN + 1, kf->key[i],
		    CRYPTO_KEY_BYTES);
		strcat(line, "\n");
		if (write_all(fd, line, strlen(line)) != 0)
			goto io;
	}
	if (fsync(fd) != 0)
		goto io;
	rc = close(fd);
	fd = -1;
	if (rc != 0 || rename(tmp, path) != 0) {
		rc = -1;
		goto io;
	}
	tmp[0] = '\0';
	snprintf(dir, sizeof dir, "%s", path);
	slash = strrchr(dir, '/');
	if (slash != NULL) {
		int dfd;

		if (slash == dir)
			slash[1] = '\0';
		else
			*slash = '\0';
		if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
			(void)fsync(dfd);
			close(dfd);
		}
	}
	rc = 0;
	goto out;
io:
	rc = err_set(e, ERR_IO, "key_file", "cannot write key file %s: %s",
	    path, strerror(errno));
out:
	sodium_free(line);
	if (fd >= 0)
		close(fd);
	if (tmp[0] != '\0' && rc != 0)
		unlink(tmp);
	return rc;
}

/* The audit subkey kf's ring would use, written down explicitly. */
static int
keyfile_pin_audit(struct keyfile *kf, struct err *e)
{
	size_t lowest = 0;

	if (kf->has_audit)
		return 0;
	for (size_t i = 1; i < kf->n; i++)
		if (kf->id[i] < kf->id[lowest])
			lowest = i;
	if (derive(kf->audit, CRYPTO_SUBKEY_AUDIT, kf->key[lowest]) != 0)
		return err_set(e, ERR_CRYPTO, NULL, "key derivation failed");
	kf->has_audit = true;
	return 0;
}

/* One change of the key file: fn changes the keys read from it (pinning
 * the audit key first), then the file is rewritten and loaded anew, all
 * under the key lock.  0 or -1. */
typedef int keyfile_change_fn(struct keyfile *kf, int top, void *ctx,
    struct err *e);

static int
keyfile_change(const char *path, keyfile_change_fn *fn, void *ctx,
    struct err *e)
{
	struct keyfile *kf;
	struct stat st;
	int top = 0, rc = -1;

	if (crypto_init(e) != 0)
		return -1;
	pthread_mutex_lock(&key_lock);
	if ((kf = keyfile_read(path, &st, e)) == NULL)
		goto out;
	for (size_t i = 0; i < kf->n; i++)
		if (kf->id[i] > top)
			top = kf->id[i];
	if (fn(kf, top, ctx, e) != 0 || keyfile_write(path, kf, e) != 0 ||
	    load_locked(path, e) != 0)
		goto out;
	rc = 0;
out:
	if (kf != NULL)
		sodium_free(kf);
	pthread_mutex_unlock(&key_lock);
	return rc;
}

/* A new key numbered one above the newest; ctx is the int for its id. */
static int
key_add(struct keyfile *kf, int top, void *ctx, struct err *e)
{
	if (top >= CRYPTO_KEY_ID_MAX || kf->n == CRYPTO_MAX_KEYS)
		return err_set(e, ERR_INVALID, "key_file", "the key file holds "
		    "%zu keys, the newest %d; retire old keys first (at most "
		    "%d keys, ids up to %d)", kf->n, top, CRYPTO_MAX_KEYS,
		    CRYPTO_KEY_ID_MAX);
	if (keyfile_pin_audit(kf, e) != 0)
		return -1;
	kf->id[kf->n] = top + 1;
	randombytes_buf(kf->key[kf->n], CRYPTO_KEY_BYTES);
	kf->n++;
	*(int *)ctx = top + 1;
	return 0;
}

int
crypto_key_add(const char *path, int *new_id, struct err *e)
{
	int id = 0;

	if (keyfile_change(path, key_add, &id, e) != 0)
		return -1;
	*new_id = id;
	return 0;
}

/* Key *(int *)ctx taken out; never the current one. */
static int
key_remove(struct keyfile *kf, int top, void *ctx, struct err *e)
{
	int id = *(int *)ctx;
	size_t at = CRYPTO_MAX_KEYS;

	for (size_t i = 0; i < kf->n; i++)
		if (kf->id[i] == id)
			at = i;
	if (at == CRYPTO_MAX_KEYS)
		return err_set(e, ERR_NOT_FOUND, "id", "the key file holds no "
		    "key %d", id);
	if (id == top)
		return err_set(e, ERR_INVALID, "id", "key %d is the current "
		    "key; rotate to a new key first", id);
	if (keyfile_pin_audit(kf, e) != 0)
		return -1;
	kf->n--;
	kf->id[at] = kf->id[kf->n];
	memcpy(kf->key[at], kf->key[kf->n], CRYPTO_KEY_BYTES);
	sodium_memzero(kf->key[kf->n], CRYPTO_KEY_BYTES);
	return 0;
}

int
crypto_key_remove(const char *path, int id, struct err *e)
{
	return keyfile_change(path, key_remove, &id, e);
}

int
crypto_key_file_ids(const char *path, int ids[CRYPTO_MAX_KEYS], size_t *n,
    struct err *e)
{
	struct keyfile *kf;
	struct stat st;

	if (crypto_init(e) != 0 || (kf = keyfile_read(path, &st, e)) == NULL)
		return -1;
	*n = kf->n;
	memcpy(ids, kf->id, kf->n * sizeof ids[0]);
	sodium_free(kf);
	return 0;
}
