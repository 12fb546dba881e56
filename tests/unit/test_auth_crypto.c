/*
 * test_auth_crypto.c - key file, field encryption, BSN hash and password
 * hashing.  Needs no database.
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

#include "auth/auth.h"

static char tmpdir[] = "/tmp/doorloop-crypto.XXXXXX";
static char key1[256], key2[256];

static int
setup(void **state)
{
	struct err e;

	(void)state;
	err_init(&e);
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	snprintf(key1, sizeof key1, "%s/sub/one.key", tmpdir);
	snprintf(key2, sizeof key2, "%s/two.key", tmpdir);
	if (auth_init(&e) != 0 || crypto_key_create(key1, &e) != 0 ||
	    crypto_key_create(key2, &e) != 0 || crypto_key_load(key1, &e) != 0)
		return -1;
	auth_password_cheap_for_tests();
	return 0;
}

static int
teardown(void **state)
{
	char cmd[512];

	(void)state;
	auth_shutdown();
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static void
test_key_file_mode(void **state)
{
	struct stat st;
	struct err e;
	char path[300];

	(void)state;
	err_init(&e);
	assert_int_equal(stat(key1, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	/* Never overwritten. */
	assert_int_equal(crypto_key_create(key1, &e), -1);
	assert_int_equal(e.code, ERR_CONFLICT);

	snprintf(path, sizeof path, "%s/open.key", tmpdir);
	assert_int_equal(crypto_key_create(path, &e), 0);
	assert_int_equal(chmod(path, 0644), 0);
	err_init(&e);
	assert_int_equal(crypto_key_load(path, &e), -1);
	assert_int_equal(e.code, ERR_CRYPTO);
	assert_non_null(strstr(e.msg, "group or others"));
	/* The loaded key is still the first one. */
	assert_int_equal(crypto_key_load(key1, &e), 0);
}

static void
test_key_file_garbage(void **state)
{
	struct err e;
	char path[300];
	FILE *f;

	(void)state;
	err_init(&e);
	snprintf(path, sizeof path, "%s/bad.key", tmpdir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("not a key\n", f);
	fclose(f);
	chmod(path, 0600);
	assert_int_equal(crypto_key_load(path, &e), -1);
	assert_int_equal(e.code, ERR_CRYPTO);
}

static void
test_roundtrip(void **state)
{
	struct arena a;
	struct err e;
	char *enc, *pt = NULL;
	const char *row = "01890a5d-ac96-774b-bcce-b302099a8057";

	(void)state;
	arena_init(&a);
	err_init(&e);
	enc = crypto_field_encrypt(&a, "client", "name_enc", row, "Lily de Vries");
	assert_non_null(enc);
	assert_null(strstr(enc, "Lily"));
	/* Base64url without padding. */
	assert_null(strpbrk(enc, "+/="));
	assert_int_equal(crypto_field_decrypt(&a, "client", "name_enc", row, enc,
	    &pt, &e), 0);
	assert_string_equal(pt, "Lily de Vries");
	/* Two encryptions of one value differ (fresh nonce). */
	assert_string_not_equal(enc, crypto_field_encrypt(&a, "client",
	    "name_enc", row, "Lily de Vries"));
	/* Empty string and NULL. */
	enc = crypto_field_encrypt(&a, "client", "name_enc", row, "");
	assert_int_equal(crypto_field_decrypt(&a, "client", "name_enc", row, enc,
	    &pt, &e), 0);
	assert_string_equal(pt, "");
	assert_null(crypto_field_encrypt(&a, "client", "name_enc", row, NULL));
	assert_int_equal(crypto_field_decrypt(&a, "client", "name_enc", row, NULL,
	    &pt, &e), 0);
	assert_null(pt);
	arena_cleanup(&a);
}

static void
test_tamper(void **state)
{
	struct arena a;
	struct err e;
	unsigned char bin[512];
	size_t binlen;
	char *enc, *pt = NULL, b64[1024];
	const char *row = "01890a5d-ac96-774b-bcce-b302099a8057";
	const int v = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

	(void)state;
	arena_init(&a);
	err_init(&e);
	enc = crypto_field_encrypt(&a, "phase", "location_enc", row, "Utrecht");
	assert_int_equal(sodium_base642bin(bin, sizeof bin, enc, strlen(enc),
	    NULL, &binlen, NULL, v), 0);
	bin[binlen - 3] ^= 0x01;
	sodium_bin2base64(b64, sizeof b64, bin, binlen, v);
	assert_int_equal(crypto_field_decrypt(&a, "phase", "location_enc", row,
	    b64, &pt, &e), -1);
	assert_int_equal(e.code, ERR_CRYPTO);
	assert_null(pt);
	assert_null(strstr(e.msg, "Utrecht"));

	/* Unknown key id. */
	bin[binlen - 3] ^= 0x01;
	bin[0] = 9;
	sodium_bin2base64(b64, sizeof b64, bin, binlen, v);
	err_init(&e);
	assert_int_equal(crypto_field_decrypt(&a, "phase", "location_enc", row,
	    b64, &pt, &e), -1);
	assert_int_equal(e.code, ERR_CRYPTO);

	/* Truncated and not base64 at all. */
	err_init(&e);
	assert_int_equal(crypto_field_decrypt(&a, "phase", "location_enc", row,
	    "AQID", &pt, &e), -1);
	assert_int_equal(e.code, ERR_CRYPTO);
	err_init(&e);
	assert_int_equal(crypto_field_decrypt(&a, "phase", "location_enc", row,
	    "!!!!", &pt, &e), -1);
	assert_int_equal(e.code, ERR_CRYPTO);
	arena_cleanup(&a);
}

static void
test_moved(void **state)
{
	struct arena a;
	struct err e;
	char *enc, *pt = NULL;
	const char *row = "01890a5d-ac96-774b-bcce-b302099a8057";
	const char *other = "01890a5d-ac96-774b-bcce-b302099a8058";

	(void)state;
	arena_init(&a);
	err_init(&e);
	enc = crypto_field_encrypt(&a, "client", "bsn_enc", row, "111222333");
	assert_int_equal(crypto_field_decrypt(&a, "client", "bsn_enc", other, enc,
	    &pt, &e), -1);
	assert_int_equal(e.code, ERR_CRYPTO);
	err_init(&e);
	assert_int_equal(crypto_field_decrypt(&a, "client", "name_enc", row, enc,
	    &pt, &e), -1);
	assert_int_equal(e.code, ERR_CRYPTO);
	err_init(&e);
	assert_int_equal(crypto_field_decrypt(&a, "phase", "bsn_enc", row, enc,
	    &pt, &e), -1);
	assert_int_equal(e.code, ERR_CRYPTO);
	arena_cleanup(&a);
}

static void
test_other_key(void **state)
{
	struct arena a;
	struct err e;
	char *enc, *pt = NULL;
	char h1[65], h1b[65], h2[65];
	const char *row = "01890a5d-ac96-774b-bcce-b302099a8057";

	(void)state;
	arena_init(&a);
	err_init(&e);
	enc = crypto_field_encrypt(&a, "client", "name_enc", row, "Anna");
	crypto_bsn_hash(0, "111222333", h1);
	crypto_bsn_hash(0, "111222333", h1b);
	assert_string_equal(h1, h1b);
	assert_int_equal(strlen(h1), 64);
	assert_int_equal(crypto_key_load(key2, &e), 0);
	crypto_bsn_hash(0, "111222333", h2);
	assert_string_not_equal(h1, h2);
	assert_int_equal(crypto_field_decrypt(&a, "client", "name_enc", row, enc,
	    &pt, &e), -1);
	assert_int_equal(e.code, ERR_CRYPTO);
	assert_int_equal(crypto_key_load(key1, &e), 0);
	crypto_bsn_hash(0, "111222333", h2);
	assert_string_equal(h1, h2);
	crypto_bsn_hash(0, "111222334", h2);
	assert_string_not_equal(h1, h2);
	arena_cleanup(&a);
}

static void
test_password(void **state)
{
	struct arena a;
	struct err e;
	char *h = NULL, *h2 = NULL;

	(void)state;
	arena_init(&a);
	err_init(&e);
	assert_int_equal(auth_password_hash(&a, "correct horse battery", &h,
	    &e), 0);
	assert_non_null(h);
	assert_non_null(strstr(h, "$argon2id$"));
	assert_null(strstr(h, "correct"));
	assert_int_equal(auth_password_verify(h, "correct horse battery"), 0);
	assert_int_equal(auth_password_verify(h, "correct horse batterx"), -1);
	assert_int_equal(auth_password_verify(h, ""), -1);
	assert_int_equal(auth_password_verify("garbage", "correct horse"), -1);
	/* Salted: the same password hashes differently. */
	assert_int_equal(auth_password_hash(&a, "correct horse battery", &h2,
	    &e), 0);
	assert_string_not_equal(h, h2);
	arena_cleanup(&a);
}

static void
test_password_limits(void **state)
{
	struct arena a;
	struct err e;
	char *h = NULL;
	char big[PASSWORD_MAX + 2];

	(void)state;
	arena_init(&a);
	err_init(&e);
	assert_int_equal(auth_password_hash(&a, "short", &h, &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_string_equal(e.field, "password");
	assert_null(h);
	err_init(&e);
	assert_int_equal(auth_password_hash(&a, "", &h, &e), -1);
	assert_string_equal(e.field, "password");
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	err_init(&e);
	assert_int_equal(auth_password_hash(&a, big, &h, &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_string_equal(e.field, "password");
	big[PASSWORD_MAX] = '\0';
	assert_int_equal(auth_password_hash(&a, big, &h, &e), 0);
	/* Twelve characters of two bytes each are twelve characters
	 * (PASSWORD_MIN), eleven are too few. */
	assert_int_equal(auth_password_hash(&a,
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", &h, &e), 0);
	assert_int_equal(auth_password_hash(&a,
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9", &h, &e), -1);
	arena_cleanup(&a);
}

static void
test_roles(void **state)
{
	enum role r;

	(void)state;
	for (int i = 0; i < ROLE__COUNT; i++) {
		assert_int_equal(role_parse(role_name((enum role)i), &r), 0);
		assert_int_equal(r, i);
	}
	assert_int_equal(role_parse("Admin", &r), -1);
	assert_int_equal(role_parse("", &r), -1);
	assert_int_equal(role_parse(NULL, &r), -1);
	assert_string_equal(role_name(ROLE_MONITOR), "monitor");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_file_mode),
		cmocka_unit_test(test_key_file_garbage),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_tamper),
		cmocka_unit_test(test_moved),
		cmocka_unit_test(test_other_key),
		cmocka_unit_test(test_password),
		cmocka_unit_test(test_password_limits),
		cmocka_unit_test(test_roles),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
