/*
 * password.c - Argon2id password hashes.
 *
 * Owns the cost parameters of password hashing (libsodium's INTERACTIVE
 * limits, or the minimum in tests) and the dummy hash that makes a log-in
 * for an unknown username as slow as one with a wrong password.
 *
 * Invariants:
 *   1. Every crypto_pwhash_str and crypto_pwhash_str_verify runs while
 *      holding a slot of the hashing semaphore (keys.c), so a burst of
 *      log-ins cannot take all memory and cores.
 *   2. The dummy hash is made with the parameters in force, so it costs
 *      what a real verification costs.
 *   3. Password length is counted in characters (UTF-8 code points):
 *      PASSWORD_MIN..PASSWORD_MAX.
 *
 * Never: log, print or keep a password beyond the call that received it.
 */
#include "auth/auth.h"
#include "auth/auth_impl.h"

#include <pthread.h>
#include <string.h>

static unsigned long long ops_limit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
static size_t mem_limit = crypto_pwhash_MEMLIMIT_INTERACTIVE;

static pthread_mutex_t dummy_lock = PTHREAD_MUTEX_INITIALIZER;
static char dummy_hash[crypto_pwhash_STRBYTES];

void
auth_password_cheap_for_tests(void)
{
	pthread_mutex_lock(&dummy_lock);
	ops_limit = crypto_pwhash_OPSLIMIT_MIN;
	mem_limit = crypto_pwhash_MEMLIMIT_MIN;
	dummy_hash[0] = '\0';
	pthread_mutex_unlock(&dummy_lock);
}

static size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

int
auth_password_check(const char *password, struct err *e)
{
	size_t n;

	if (password == NULL || *password == '\0')
		return err_set(e, ERR_INVALID, "password", "password is required");
	n = utf8_chars(password);
	if (n < PASSWORD_MIN)
		return err_set(e, ERR_INVALID, "password",
		    "password must have at least %d characters", PASSWORD_MIN);
	if (n > PASSWORD_MAX)
		return err_set(e, ERR_INVALID, "password",
		    "password must have at most %d characters", PASSWORD_MAX);
	return 0;
}

int
auth_password_hash(struct arena *a, const char *password, char **out,
    struct err *e)
{
	char buf[crypto_pwhash_STRBYTES];
	unsigned long long ops;
	size_t mem;
	int r;

	*out = NULL;
	if (auth_password_check(password, e) != 0)
		return -1;
	pthread_mutex_lock(&dummy_lock);
	ops = ops_limit;
	mem = mem_limit;
	pthread_mutex_unlock(&dummy_lock);
	auth_hash_slot_acquire();
	r = crypto_pwhash_str(buf, password, strlen(password), ops, mem);
	auth_hash_slot_release();
	if (r != 0)
		return err_set(e, ERR_INTERNAL, NULL,
		    "password hashing ran out of memory");
	*out = arena_strdup(a, buf);
	return 0;
}

int
auth_password_verify(const char *hash, const char *password)
{
	int r;

	if (hash == NULL || password == NULL)
		return -1;
	/* A far too long password is refused before it costs anything. */
	if (strlen(password) > (size_t)PASSWORD_MAX * 4)
		return -1;
	auth_hash_slot_acquire();
	r = crypto_pwhash_str_verify(hash, password, strlen(password));
	auth_hash_slot_release();
	return r == 0 ? 0 : -1;
}

bool
auth_password_needs_rehash(const char *hash)
{
	unsigned long long ops;
	size_t mem;

	pthread_mutex_lock(&dummy_lock);
	ops = ops_limit;
	mem = mem_limit;
	pthread_mutex_unlock(&dummy_lock);
	return crypto_pwhash_str_needs_rehash(hash, ops, mem) != 0;
}

void
auth_password_dummy_verify(const char *password)
{
	char hash[crypto_pwhash_STRBYTES];
	char random_pw[33];
	unsigned char raw[16];

	pthread_mutex_lock(&dummy_lock);
	if (dummy_hash[0] == '\0') {
		/* A password nobody knows; hashed once per parameter set. */
		randombytes_buf(raw, sizeof raw);
		sodium_bin2hex(random_pw, sizeof random_pw, raw, sizeof raw);
		auth_hash_slot_acquire();
		if (crypto_pwhash_str(dummy_hash, random_pw, strlen(random_pw),
		    ops_limit, mem_limit) != 0)
			dummy_hash[0] = '\0';
		auth_hash_slot_release();
		sodium_memzero(random_pw, sizeof random_pw);
	}
	memcpy(hash, dummy_hash, sizeof hash);
	pthread_mutex_unlock(&dummy_lock);
	if (hash[0] != '\0')
		(void)auth_password_verify(hash, password);
}
