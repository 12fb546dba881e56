/*
 * test_crypto_backup.c - the encrypted backup stream (src/crypto/backup.c):
 * round trips at the chunk boundaries (empty, one byte, exactly one chunk,
 * one chunk and a byte, several chunks), and the refusals: another backup
 * key, any flipped byte, truncation, bytes after the end, not a backup.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>

#include "crypto/backup.h"

static const char meta[] = "doorloop-backup 1\nengine sqlite\n";

/* A temporary file holding len bytes of buf, rewound. */
static FILE *
file_with(const void *buf, size_t len)
{
	FILE *f = tmpfile();

	assert_non_null(f);
	if (len > 0)
		assert_int_equal(fwrite(buf, 1, len, f), len);
	fflush(f);
	rewind(f);
	return f;
}

/* Seal n bytes with key; returns the sealed file's bytes in *out. */
static size_t
seal(const unsigned char *key, const unsigned char *data, size_t n,
    unsigned char **out)
{
	FILE *in = file_with(data, n), *sealed = tmpfile();
	struct err e;
	long len;

	err_init(&e);
	assert_int_equal(crypto_backup_seal(fileno(in), fileno(sealed), key,
	    meta, strlen(meta), &e), 0);
	len = lseek(fileno(sealed), 0, SEEK_END);
	*out = malloc((size_t)len);
	assert_int_equal(pread(fileno(sealed), *out, (size_t)len, 0), len);
	fclose(in);
	fclose(sealed);
	return (size_t)len;
}

/* Open sealed bytes; returns the result, the data in *data (n bytes). */
static int
open_bytes(const unsigned char *key, const unsigned char *sealed, size_t len,
    unsigned char **data, size_t *n, struct err *e)
{
	FILE *in = file_with(sealed, len), *out = tmpfile();
	char *m = NULL;
	int rc;
	long got;

	err_init(e);
	rc = crypto_backup_open(fileno(in), fileno(out), key, &m, e);
	if (rc == 0)
		assert_string_equal(m, meta);
	free(m);
	got = lseek(fileno(out), 0, SEEK_END);
	*data = malloc((size_t)got + 1);
	assert_int_equal(pread(fileno(out), *data, (size_t)got, 0), got);
	*n = (size_t)got;
	fclose(in);
	fclose(out);
	return rc;
}

static void
test_round_trips(void **state)
{
	const size_t sizes[] = { 0, 1, CRYPTO_BACKUP_CHUNK - 1,
	    CRYPTO_BACKUP_CHUNK, CRYPTO_BACKUP_CHUNK + 1,
	    3 * CRYPTO_BACKUP_CHUNK + 17 };
	unsigned char key[CRYPTO_BACKUP_KEY_BYTES], *data, *sealed, *back;
	size_t i, len, n;
	struct err e;

	(void)state;
	randombytes_buf(key, sizeof key);
	data = malloc(3 * CRYPTO_BACKUP_CHUNK + 17);
	randombytes_buf(data, 3 * CRYPTO_BACKUP_CHUNK + 17);
	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		len = seal(key, data, sizes[i], &sealed);
		assert_int_equal(open_bytes(key, sealed, len, &back, &n, &e), 0);
		assert_int_equal(n, sizes[i]);
		if (sizes[i] > 0)
			assert_memory_equal(back, data, sizes[i]);
		free(back);
		free(sealed);
	}
	free(data);
}

static void
test_refusals(void **state)
{
	unsigned char key[CRYPTO_BACKUP_KEY_BYTES], other[CRYPTO_BACKUP_KEY_BYTES];
	unsigned char data[2 * CRYPTO_BACKUP_CHUNK + 5], *sealed, *back, *copy;
	size_t len, n, pos;
	struct err e;

	(void)state;
	randombytes_buf(key, sizeof key);
	randombytes_buf(other, sizeof other);
	randombytes_buf(data, sizeof data);
	len = seal(key, data, sizeof data, &sealed);

	assert_int_equal(open_bytes(other, sealed, len, &back, &n, &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_non_null(strstr(e.msg, "another backup key"));
	assert_int_equal(n, 0);
	free(back);

	/* A flipped byte anywhere after the key check: damaged, nothing of the
	 * bad chunk written. */
	copy = malloc(len + 1);
	for (pos = 32; pos < len; pos += len / 37) {
		memcpy(copy, sealed, len);
		copy[pos] ^= 0x20;
		assert_int_equal(open_bytes(key, copy, len, &back, &n, &e), -1);
		assert_int_equal(e.code, ERR_INVALID);
		assert_true(n < sizeof data);
		free(back);
	}
	/* Truncated at a message boundary and inside one. */
	assert_int_equal(open_bytes(key, sealed, len - (CRYPTO_BACKUP_CHUNK / 2),
	    &back, &n, &e), -1);
	assert_non_null(strstr(e.msg, "truncated"));
	free(back);
	/* Bytes after the last message. */
	memcpy(copy, sealed, len);
	copy[len] = 0;
	assert_int_equal(open_bytes(key, copy, len + 1, &back, &n, &e), -1);
	assert_non_null(strstr(e.msg, "follow"));
	free(back);
	/* Not a backup at all. */
	assert_int_equal(open_bytes(key, (const unsigned char *)"hello", 5,
	    &back, &n, &e), -1);
	assert_non_null(strstr(e.msg, "not a Doorloop backup"));
	free(back);
	free(copy);
	free(sealed);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trips),
		cmocka_unit_test(test_refusals),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
