/*
 * password.c - Argon2id password hashes.
 *
 * Owns the cost parameters of password hashing (libsodium's INTERACTIVE
 * limits, or the minimum in tests) and the dummy hash that makes a log-in
 * for an unknown username as slow as one with a wrong password.
 *
 * The hashing pool.  Every crypto_pwhash_str and crypto_pwhash_str_verify
 * runs on one of HASH_THREADS threads of its own (half the online cores,
 * at least 1, at most HASH_THREADS_MAX), started on first use; the calling
 * thread queues the job and waits for it.  So at most HASH_THREADS hashes
 * run at once, and hashing takes at most HASH_THREADS x the memory limit
 * (64 MiB with libsodium's INTERACTIVE limits: 64 MiB on a 2-core machine),
 * and at least one core stays with the request threads during a log-in
 * storm.
 *
 * Invariants:
 *   1. Every crypto_pwhash_str and crypto_pwhash_str_verify runs on a pool
 *      thread, and there also holds a slot of the hashing semaphore
 *      (keys.c), so a burst of log-ins cannot take all memory and cores.
 *   2. The dummy hash is made with the parameters in force, so it costs
 *      what a real verification costs.
 *   3. Password length is counted in characters (UTF-8 code points):
 *      PASSWORD_MIN..PASSWORD_MAX (policy.c, with the rest of the policy).
 *
 * Never: log, print or keep a password beyond the call that received it.
 */
#include "auth/auth.h"
#include "auth/auth_impl.h"

#include <pthread.h>
#include <string.h>
#include <unistd.h>

#define HASH_THREADS_MAX 4

static unsigned long long ops_limit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
static size_t mem_limit = crypto_pwhash_MEMLIMIT_INTERACTIVE;

static pthread_mutex_t dummy_lock = PTHREAD_MUTEX_INITIALIZER;
static char dummy_hash[crypto_pwhash_STRBYTES];

/* ---- the hashing pool ---- */

struct hash_job {
	struct hash_job		*next;
	const char		*password;
	const char		*hash;		/* verify: the stored hash */
	char			*out;		/* hash: crypto_pwhash_STRBYTES */
	unsigned long long	 ops;
	size_t			 mem;
	int			 rc;
	bool			 done;
};

static struct {
	pthread_once_t		 once;
	pthread_mutex_t		 mu;
	pthread_cond_t		 work, done;
	struct hash_job		*head, **tail;
} pool = {
	.once = PTHREAD_ONCE_INIT,
	.mu = PTHREAD_MUTEX_INITIALIZER,
	.work = PTHREAD_COND_INITIALIZER,
	.done = PTHREAD_COND_INITIALIZER,
};

static void *
pool_main(void *arg)
{
	struct hash_job *j;
	int r;

	(void)arg;
	for (;;) {
		pthread_mutex_lock(&pool.mu);
		while (pool.head == NULL)
			pthread_cond_wait(&pool.work, &pool.mu);
		j = pool.head;
		pool.head = j->next;
		if (pool.head == NULL)
			pool.tail = &pool.head;
		pthread_mutex_unlock(&pool.mu);

		auth_hash_slot_acquire();
		if (j->hash != NULL)
			r = crypto_pwhash_str_verify(j->hash, j->password,
			    strlen(j->password));
		else
			r = crypto_pwhash_str(j->out, j->password,
			    strlen(j->password), j->ops, j->mem);
		auth_hash_slot_release();

		pthread_mutex_lock(&pool.mu);
		j->rc = r;
		j->done = true;	/* j belongs to its caller again */
		pthread_cond_broadcast(&pool.done);
		pthread_mutex_unlock(&pool.mu);
	}
	return NULL;
}

static void
pool_start(void)
{
	pthread_attr_t attr;
	pthread_t t;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int i, n;

	n = cores > 1 ? (int)(cores / 2) : 1;
	if (n > HASH_THREADS_MAX)
		n = HASH_THREADS_MAX;
	pool.tail = &pool.head;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	for (i = 0; i < n; i++)
		if (pthread_create(&t, &attr, pool_main, NULL) != 0)
			abort();	/* no hashing means no log-in at all */
	pthread_attr_destroy(&attr);
}

/* Run one job on the pool and wait for it. */
static int
pool_run(struct hash_job *j)
{
	pthread_once(&pool.once, pool_start);
	j->next = NULL;
	j->done = false;
	pthread_mutex_lock(&pool.mu);
	*pool.tail = j;
	pool.tail = &j->next;
	pthread_cond_signal(&pool.work);
	while (!j->done)
		pthread_cond_wait(&pool.done, &pool.mu);
	pthread_mutex_unlock(&pool.mu);
	return j->rc;
}

static int
pool_hash(char out[crypto_pwhash_STRBYTES], const char *password,
    unsigned long long ops, size_t mem)
{
	struct hash_job j;

	memset(&j, 0, sizeof j);
	j.password = password;
	j.out = out;
	j.ops = ops;
	j.mem = mem;
	return pool_run(&j);
}

static int
pool_verify(const char *hash, const char *password)
{
	struct hash_job j;

	memset(&j, 0, sizeof j);
	j.password = password;
	j.hash = hash;
	return pool_run(&j);
}

void
auth_password_cheap_for_tests(void)
{
	pthread_mutex_lock(&dummy_lock);
	ops_limit = crypto_pwhash_OPSLIMIT_MIN;
	mem_limit = crypto_pwhash_MEMLIMIT_MIN;
	dummy_hash[0] = '\0';
	pthread_mutex_unlock(&dummy_lock);
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
	r = pool_hash(buf, password, ops, mem);
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
	r = pool_verify(hash, password);
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
		if (pool_hash(dummy_hash, random_pw, ops_limit,
		    mem_limit) != 0)
			dummy_hash[0] = '\0';
		sodium_memzero(random_pw, sizeof random_pw);
	}
	memcpy(hash, dummy_hash, sizeof hash);
	pthread_mutex_unlock(&dummy_lock);
	if (hash[0] != '\0')
		(void)auth_password_verify(hash, password);
}
