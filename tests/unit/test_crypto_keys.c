/*
 * test_crypto_keys.c - numbered keys (issue 15): a key added to the key
 * file becomes current while the older key still opens what it sealed;
 * ciphertexts and hashes name their key; hashes under every key for a
 * lookup; the audit chain's key survives the retirement of the key it came
 * from; the key file rewritten whole with mode 0600; a changed key file
 * picked up by crypto_key_refresh; malformed key files refused.  Needs no
 * database.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>

#include "crypto/crypto.h"

static char tmpdir[] = "/tmp/doorloop-keys.XXXXXX";
static const char *ROW = "01890a5d-ac96-774b-bcce-b302099a8057";

static int
setup(void **state)
{
	struct err e;

	(void)state;
	err_init(&e);
	if (mkdtemp(tmpdir) == NULL || crypto_init(&e) != 0)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	char cmd[512];

	(void)state;
	crypto_key_unload();
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Write text as a key file at path (mode 0600), replacing it whole. */
static void
write_keys(const char *path, const char *text)
{
	char tmp[512];
	FILE *f;

	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	f = fopen(tmp, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_int_equal(chmod(tmp, 0600), 0);
	assert_int_equal(rename(tmp, path), 0);
}

static void
test_rotate_and_retire(void **state)
{
	unsigned char audit[CRYPTO_KEY_BYTES];
	char path[256], h1[65], h2[65], *v1, *v2, *pt = NULL;
	struct crypto_hashes hs;
	int ids[CRYPTO_MAX_KEYS], id = 0;
	struct stat st;
	struct arena a;
	struct err e;
	size_t n = 0;

	(void)state;
	arena_init(&a);
	err_init(&e);
	snprintf(path, sizeof path, "%s/rot.key", tmpdir);
	assert_int_equal(crypto_key_create(path, &e), 0);
	assert_int_equal(crypto_key_load(path, &e), 0);
	assert_int_equal(crypto_key_current(), 1);
	memcpy(audit, crypto_subkey(CRYPTO_SUBKEY_AUDIT), sizeof audit);
	v1 = crypto_field_encrypt(&a, "client", "name", ROW, "Anna");
	assert_int_equal(crypto_field_key_id(v1), 1);
	assert_int_equal(crypto_bsn_hash(0, "111222333", h1), 1);

	/* A new key is current; the old one still opens what it sealed. */
	assert_int_equal(crypto_key_add(path, &id, &e), 0);
	assert_int_equal(id, 2);
	assert_int_equal(crypto_key_current(), 2);
	assert_int_equal(crypto_key_ids(ids), 2);
	assert_int_equal(ids[0], 2);
	assert_int_equal(ids[1], 1);
	v2 = crypto_field_encrypt(&a, "client", "name", ROW, "Anna");
	assert_int_equal(crypto_field_key_id(v2), 2);
	assert_int_equal(crypto_field_decrypt(&a, "client", "name", ROW, v1, &pt,
	    &e), 0);
	assert_string_equal(pt, "Anna");
	assert_int_equal(crypto_field_decrypt(&a, "client", "name", ROW, v2, &pt,
	    &e), 0);
	assert_string_equal(pt, "Anna");
	assert_memory_equal(crypto_subkey(CRYPTO_SUBKEY_AUDIT), audit,
	    sizeof audit);

	/* Hashes: the current key by default, any loaded key on request, and
	 * every key for a lookup, the current first. */
	assert_int_equal(crypto_bsn_hash(0, "111222333", h2), 2);
	assert_string_not_equal(h1, h2);
	assert_int_equal(crypto_bsn_hash(1, "111222333", h2), 1);
	assert_string_equal(h1, h2);
	assert_int_equal(crypto_bsn_hash(7, "111222333", h2), -1);
	crypto_bsn_hashes("111222333", &hs);
	assert_int_equal(hs.n, 2);
	assert_int_equal(hs.id[0], 2);
	assert_int_equal(hs.id[1], 1);
	assert_string_equal(hs.v[1], h1);
	assert_ptr_equal(hs.v[0], hs.hex[0]);
	crypto_bsn_hashes(NULL, &hs);
	assert_int_equal(hs.n, 1);
	assert_null(hs.v[0]);
	crypto_name_hashes("anna", "2010-01-01", &hs);
	assert_int_equal(hs.n, 2);
	assert_int_equal(crypto_name_hash(1, "anna", "2010-01-01", h2), 1);
	assert_string_equal(hs.v[1], h2);

	/* The file: both keys and the audit chain's key, mode 0600. */
	assert_int_equal(crypto_key_file_ids(path, ids, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);

	/* Never the current key, never a key the file lacks. */
	err_init(&e);
	assert_int_equal(crypto_key_remove(path, 2, &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	err_init(&e);
	assert_int_equal(crypto_key_remove(path, 5, &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);

	/* Retired: what key 1 sealed no longer opens; the audit key stays. */
	err_init(&e);
	assert_int_equal(crypto_key_remove(path, 1, &e), 0);
	assert_int_equal(crypto_key_ids(ids), 1);
	assert_int_equal(crypto_field_decrypt(&a, "client", "name", ROW, v1, &pt,
	    &e), -1);
	assert_int_equal(e.code, ERR_CRYPTO);
	assert_int_equal(crypto_field_decrypt(&a, "client", "name", ROW, v2, &pt,
	    &e), 0);
	assert_memory_equal(crypto_subkey(CRYPTO_SUBKEY_AUDIT), audit,
	    sizeof audit);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	/* Reloaded from the file alone, the same. */
	assert_int_equal(crypto_key_load(path, &e), 0);
	assert_int_equal(crypto_key_current(), 2);
	assert_memory_equal(crypto_subkey(CRYPTO_SUBKEY_AUDIT), audit,
	    sizeof audit);
	arena_cleanup(&a);
}

static void
test_refresh(void **state)
{
	const char *k1 = "1 1111111111111111111111111111111111111111111111111111111111111111\n";
	char path[256], text[512], *v, *pt = NULL;
	struct arena a;
	struct err e;

	(void)state;
	arena_init(&a);
	err_init(&e);
	snprintf(path, sizeof path, "%s/refresh.key", tmpdir);
	write_keys(path, k1);
	assert_int_equal(crypto_key_load(path, &e), 0);
	assert_int_equal(crypto_key_refresh(&e), 0);
	assert_int_equal(crypto_key_current(), 1);
	v = crypto_field_encrypt(&a, "t", "c", ROW, "x");

	/* Another process adds key 3: the next refresh uses it. */
	snprintf(text, sizeof text, "# comment\n%s3 "
	    "3333333333333333333333333333333333333333333333333333333333333333\n",
	    k1);
	write_keys(path, text);
	assert_int_equal(crypto_key_refresh(&e), 0);
	assert_int_equal(crypto_key_current(), 3);
	assert_int_equal(crypto_field_key_id(crypto_field_encrypt(&a, "t", "c",
	    ROW, "x")), 3);
	assert_int_equal(crypto_field_decrypt(&a, "t", "c", ROW, v, &pt, &e), 0);
	assert_string_equal(pt, "x");

	/* A file gone unreadable leaves the keys loaded. */
	write_keys(path, "not a key\n");
	assert_int_equal(crypto_key_refresh(&e), -1);
	assert_int_equal(crypto_key_current(), 3);
	arena_cleanup(&a);
}

static void
test_malformed(void **state)
{
	static const char *const bad[] = {
		"",
		"# only a comment\n",
		"0 1111111111111111111111111111111111111111111111111111111111111111\n",
		"256 1111111111111111111111111111111111111111111111111111111111111111\n",
		"1 1111111111111111111111111111111111111111111111111111111111111111\n"
		"1 2222222222222222222222222222222222222222222222222222222222222222\n",
		"1 11111111\n",
		"one 1111111111111111111111111111111111111111111111111111111111111111\n",
		"audit 1111111111111111111111111111111111111111111111111111111111111111\n",
		"1 1111111111111111111111111111111111111111111111111111111111111111\n"
		"audit 11\n",
	};
	char path[256];
	struct err e;

	(void)state;
	snprintf(path, sizeof path, "%s/bad.key", tmpdir);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		write_keys(path, bad[i]);
		err_init(&e);
		assert_int_equal(crypto_key_load(path, &e), -1);
		assert_int_equal(e.code, ERR_CRYPTO);
		assert_null(strstr(e.msg, "1111111111"));
	}
	/* The one-line file of an installation that never rotated is key 1. */
	write_keys(path,
	    "1111111111111111111111111111111111111111111111111111111111111111\n");
	assert_int_equal(crypto_key_load(path, &e), 0);
	assert_int_equal(crypto_key_current(), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rotate_and_retire),
		cmocka_unit_test(test_refresh),
		cmocka_unit_test(test_malformed),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
