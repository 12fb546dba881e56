/*
 * init.c - start-up and shut-down of auth/, the hashing semaphore, and the
 * start of auth's background threads.
 *
 * Invariant: the semaphore has one slot per online core; every Argon2id
 * hash and verification holds one slot while it runs (each takes tens of
 * megabytes).  The keys themselves are crypto/'s (crypto/keys.c).
 */
#include "auth/auth.h"
#include "auth/auth_impl.h"

#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/db.h"
#include "store/store.h"

static pthread_mutex_t init_lock = PTHREAD_MUTEX_INITIALIZER;
static bool initialised;
static sem_t hash_slots;

int
auth_init(struct err *e)
{
	long cores;
	int rc = -1;

	pthread_mutex_lock(&init_lock);
	if (initialised) {
		rc = 0;
		goto out;
	}
	if (crypto_init(e) != 0)
		goto out;
	cores = sysconf(_SC_NPROCESSORS_ONLN);
	if (cores < 1)
		cores = 1;
	if (cores > 256)
		cores = 256;
	if (sem_init(&hash_slots, 0, (unsigned)cores) != 0) {
		err_set(e, ERR_INTERNAL, NULL, "semaphore: %s", strerror(errno));
		goto out;
	}
	store_audit_sink_set(auth_audit_system);
	initialised = true;
	rc = 0;
out:
	pthread_mutex_unlock(&init_lock);
	return rc;
}

void
auth_shutdown(void)
{
	crypto_key_unload();
	pthread_mutex_lock(&init_lock);
	if (initialised) {
		sem_destroy(&hash_slots);
		initialised = false;
	}
	pthread_mutex_unlock(&init_lock);
}

void
auth_hash_slot_acquire(void)
{
	if (!initialised)
		abort();	/* auth_init was not called */
	while (sem_wait(&hash_slots) != 0) {
		if (errno != EINTR)
			abort();
	}
}

void
auth_hash_slot_release(void)
{
	if (sem_post(&hash_slots) != 0)
		abort();
}

int
auth_thread_start(pthread_t *thread, void *(*fn)(void *))
{
	sigset_t all, old;
	int rc;

	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	rc = pthread_create(thread, NULL, fn, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc;
}

int
auth_thread_start_db(pthread_t *thread, void *(*fn)(void *),
    const char *db_url, struct db **db, const char *what, struct err *e)
{
	int rc;

	if (db_open(db_url, db, e) != 0)
		return -1;
	rc = auth_thread_start(thread, fn);
	if (rc != 0) {
		db_close(*db);
		*db = NULL;
		return err_set(e, ERR_INTERNAL, NULL, "cannot start the %s: %s",
		    what, strerror(rc));
	}
	return 0;
}

void
auth_thread_stop(pthread_t thread, pthread_mutex_t *mu, pthread_cond_t *wake,
    bool *stop)
{
	pthread_mutex_lock(mu);
	*stop = true;
	pthread_cond_broadcast(wake);
	pthread_mutex_unlock(mu);
	pthread_join(thread, NULL);
}
