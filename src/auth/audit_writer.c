/*
 * audit_writer.c - group commit of audit entries.
 *
 * Owns: one thread with its own database connection, and the queue of
 * entries waiting for it.  A request thread that must log a read or a
 * refusal puts its entry (on its own stack) at the end of the queue and
 * sleeps; the writer takes the whole queue, appends it to the hash chain
 * in one write transaction (auth_audit_append_many: audit_head advanced
 * once, one flush for all) and wakes every caller of that batch with the
 * outcome.  While one batch commits, the next one gathers, so under load
 * many requests share one fdatasync, and an idle server writes at once.
 *
 * Invariants:
 *   1. A caller returns only after the transaction holding its entry has
 *      committed, or with an error (and then the request is not answered
 *      with the data it asked for).  A crash therefore never leaves an
 *      answered request without its entry.
 *   2. The queue is only touched under `mu`; an entry belongs to its
 *      caller again as soon as its `state` is no longer pending, so the
 *      writer reads `next` before it sets `state`.
 *   3. At most AUDIT_BATCH_MAX entries go in one transaction, so a burst
 *      does not build one unbounded transaction.
 *   4. A failed batch is retried once as a whole in a fresh transaction;
 *      if it fails again every caller of the batch gets the error.
 */
#include "auth/audit_writer.h"
#include "auth/auth_impl.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "util/mem.h"

#define AUDIT_BATCH_MAX 512

enum { JOB_PENDING, JOB_DONE, JOB_FAILED };

struct audit_job {
	struct audit_job		*next;
	const struct audit_entry	*en;
	int				 state;
	struct err			 err;
};

static struct {
	pthread_mutex_t		 mu;
	pthread_cond_t		 work;	/* the writer waits for entries */
	pthread_cond_t		 done;	/* callers wait for their batch */
	struct audit_job	*head, **tail;
	bool			 running, stop;
	pthread_t		 thread;
	struct db		*db;
} aw = {
	.mu = PTHREAD_MUTEX_INITIALIZER,
	.work = PTHREAD_COND_INITIALIZER,
	.done = PTHREAD_COND_INITIALIZER,
};

static int
write_batch(struct audit_job *batch, size_t n, struct err *e)
{
	const struct audit_entry *ens[AUDIT_BATCH_MAX];
	struct audit_job *j;
	struct err ce;
	size_t i = 0;

	err_init(&ce);
	for (j = batch; j != NULL && i < n; j = j->next)
		ens[i++] = j->en;
	if (db_begin_write(aw.db, e) != 0)
		return -1;
	if (auth_audit_append_many(aw.db, ens, n, e) != 0 ||
	    db_commit(aw.db, e) != 0) {
		db_rollback(aw.db);
		return -1;
	}
	/* The committed head, outside the database (audit_checkpoint.c). */
	if (auth_audit_checkpoint(aw.db, &ce) != 0)
		fprintf(stderr, "{\"level\":\"error\",\"msg\":\"audit "
		    "checkpoint failed\",\"code\":\"%s\"}\n",
		    err_code_name(ce.code));
	return 0;
}

static void *
writer_main(void *arg)
{
	struct audit_job *batch, *j, *next;
	struct err e;
	size_t n;
	int rc;

	(void)arg;
	pthread_mutex_lock(&aw.mu);
	for (;;) {
		while (aw.head == NULL && !aw.stop)
			pthread_cond_wait(&aw.work, &aw.mu);
		if (aw.head == NULL)
			break;
		/* Take up to AUDIT_BATCH_MAX entries off the queue. */
		batch = aw.head;
		for (n = 1, j = batch; j->next != NULL && n < AUDIT_BATCH_MAX;
		    j = j->next)
			n++;
		aw.head = j->next;
		j->next = NULL;
		if (aw.head == NULL)
			aw.tail = &aw.head;
		pthread_mutex_unlock(&aw.mu);

		err_init(&e);
		if ((rc = write_batch(batch, n, &e)) != 0) {
			err_init(&e);
			rc = write_batch(batch, n, &e);
		}
		if (rc != 0)
			fprintf(stderr, "{\"level\":\"error\",\"msg\":\"audit "
			    "batch failed\",\"entries\":%zu,\"code\":\"%s\"}\n",
			    n, err_code_name(e.code));

		pthread_mutex_lock(&aw.mu);
		for (j = batch; j != NULL; j = next) {
			next = j->next;		/* invariant 2 */
			if (rc != 0)
				j->err = e;
			j->state = rc == 0 ? JOB_DONE : JOB_FAILED;
		}
		pthread_cond_broadcast(&aw.done);
	}
	pthread_mutex_unlock(&aw.mu);
	return NULL;
}

int
auth_audit_writer_start(const char *db_url, struct err *e)
{
	int rc;

	if (aw.running)
		return 0;
	if (db_open(db_url, &aw.db, e) != 0)
		return -1;
	aw.head = NULL;
	aw.tail = &aw.head;
	aw.stop = false;
	rc = auth_thread_start(&aw.thread, writer_main);
	if (rc != 0) {
		db_close(aw.db);
		aw.db = NULL;
		return err_set(e, ERR_INTERNAL, NULL, "cannot start the audit "
		    "writer: %s", strerror(rc));
	}
	pthread_mutex_lock(&aw.mu);
	aw.running = true;
	pthread_mutex_unlock(&aw.mu);
	return 0;
}

void
auth_audit_writer_stop(void)
{
	pthread_mutex_lock(&aw.mu);
	if (!aw.running) {
		pthread_mutex_unlock(&aw.mu);
		return;
	}
	aw.stop = true;
	pthread_cond_signal(&aw.work);
	pthread_mutex_unlock(&aw.mu);
	pthread_join(aw.thread, NULL);	/* the queue is empty then */
	pthread_mutex_lock(&aw.mu);
	aw.running = false;
	pthread_mutex_unlock(&aw.mu);
	db_close(aw.db);
	aw.db = NULL;
}

int
auth_audit_record(struct db *db, const struct audit_entry *en,
    struct err *e)
{
	return auth_audit_record_many(db, &en, 1, e);
}

/*
 * The n entries go on the queue together, one after the other, so the
 * writer takes them in one batch (two when they straddle AUDIT_BATCH_MAX):
 * a list of n girls costs one flush, not n.
 */
int
auth_audit_record_many(struct db *db, const struct audit_entry *const *ens,
    size_t n, struct err *e)
{
	struct audit_job one, *jobs;
	size_t i;
	int rc = 0;

	for (i = 0; i < n; i++)
		if (auth_audit_check(ens[i], e) != 0)
			return -1;
	if (n == 0)
		return 0;
	if (db_in_write_transaction(db))
		return auth_audit_append_many(db, ens, n, e);
	pthread_mutex_lock(&aw.mu);
	if (!aw.running || aw.stop) {
		pthread_mutex_unlock(&aw.mu);
		if (db_begin_write(db, e) != 0)
			return -1;
		if (auth_audit_append_many(db, ens, n, e) != 0 ||
		    db_commit(db, e) != 0) {
			db_rollback(db);
			return -1;
		}
		return 0;
	}
	jobs = n == 1 ? &one : xcalloc(n, sizeof *jobs);
	memset(jobs, 0, n * sizeof *jobs);
	for (i = 0; i < n; i++) {
		jobs[i].en = ens[i];
		jobs[i].state = JOB_PENDING;
		*aw.tail = &jobs[i];
		aw.tail = &jobs[i].next;
	}
	pthread_cond_signal(&aw.work);
	for (i = 0; i < n; i++)
		while (jobs[i].state == JOB_PENDING)
			pthread_cond_wait(&aw.done, &aw.mu);
	pthread_mutex_unlock(&aw.mu);
	for (i = 0; i < n && rc == 0; i++)
		if (jobs[i].state == JOB_FAILED) {
			*e = jobs[i].err;
			rc = -1;
		}
	if (jobs != &one)
		free(jobs);
	return rc;
}
