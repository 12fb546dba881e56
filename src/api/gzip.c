/*
 * gzip.c - gzip-compressed static files, compressed once and kept.
 *
 * The web app's files do not change while the server runs (and when they
 * do, their size or modification time changes and the entry is redone),
 * so each is compressed once and kept in a small cache shared by the
 * worker threads.  The Utrecht stylesheet alone shrinks from about 400 KB
 * to about 40 KB on the wire.
 *
 * Invariants:
 *   1. The cache holds at most GZIP_CACHE_MAX entries of at most
 *      GZIP_FILE_MAX bytes each; larger files are served uncompressed.
 *   2. Callers get their own copy (MHD_RESPMEM_MUST_COPY); the cache owns
 *      its buffers and lives until exit.
 */
#include "api/api.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#define GZIP_CACHE_MAX 128
#define GZIP_FILE_MAX (4 * 1024 * 1024)

struct gz_entry {
	char *path;
	off_t size;
	struct timespec mtime;
	unsigned char *data;
	size_t len;
};

static struct gz_entry cache[GZIP_CACHE_MAX];
static size_t cache_next;
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

static bool
same_file(const struct gz_entry *c, const char *path, const struct stat *st)
{
	return c->path != NULL && strcmp(c->path, path) == 0 &&
	    c->size == st->st_size &&
	    c->mtime.tv_sec == st->st_mtim.tv_sec &&
	    c->mtime.tv_nsec == st->st_mtim.tv_nsec;
}

/* Compress `len` bytes at `in` into a new gzip buffer. */
static int
gz_compress(const unsigned char *in, size_t len, unsigned char **out,
    size_t *outlen)
{
	z_stream z;
	uLong bound;
	unsigned char *buf;

	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	bound = deflateBound(&z, (uLong)len) + 32;
	buf = xmalloc(bound);
	z.next_in = (Bytef *)in;
	z.avail_in = (uInt)len;
	z.next_out = buf;
	z.avail_out = (uInt)bound;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END) {
		deflateEnd(&z);
		free(buf);
		return -1;
	}
	*outlen = z.total_out;
	*out = buf;
	deflateEnd(&z);
	return 0;
}

int
api_gzip_file(int fd, const struct stat *st, const char *path,
    struct arena *a, void **out, size_t *outlen)
{
	unsigned char *raw, *gz;
	size_t got = 0, gzlen;
	struct gz_entry *c;
	int ret = -1;

	if (st->st_size <= 0 || st->st_size > GZIP_FILE_MAX)
		return -1;
	pthread_mutex_lock(&cache_lock);
	for (size_t i = 0; i < GZIP_CACHE_MAX; i++) {
		if (same_file(&cache[i], path, st)) {
			*out = arena_alloc(a, cache[i].len);
			memcpy(*out, cache[i].data, cache[i].len);
			*outlen = cache[i].len;
			pthread_mutex_unlock(&cache_lock);
			return 0;
		}
	}
	pthread_mutex_unlock(&cache_lock);

	raw = xmalloc((size_t)st->st_size);
	while (got < (size_t)st->st_size) {
		ssize_t n = pread(fd, raw + got, (size_t)st->st_size - got,
		    (off_t)got);

		if (n <= 0)
			goto out;
		got += (size_t)n;
	}
	if (gz_compress(raw, got, &gz, &gzlen) != 0)
		goto out;
	*out = arena_alloc(a, gzlen);
	memcpy(*out, gz, gzlen);
	*outlen = gzlen;

	pthread_mutex_lock(&cache_lock);
	c = &cache[cache_next];
	cache_next = (cache_next + 1) % GZIP_CACHE_MAX;
	free(c->path);
	free(c->data);
	c->path = xstrdup(path);
	c->size = st->st_size;
	c->mtime = st->st_mtim;
	c->data = gz;
	c->len = gzlen;
	pthread_mutex_unlock(&cache_lock);
	ret = 0;
out:
	free(raw);
	return ret;
}
