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
 *   5. A deferred entry (struct audit_defer, set on the request's thread)
 *      is a copy owned by its job; the job belongs to the deferral and is
 *      freed only by auth_audit_defer_finish, which runs once `pending`
 *      is 0.  The writer calls a deferral's wake only when it set `wake`
 *      under `mu` (the request is suspended then), after leaving `mu`,
 *      and touches neither the deferral nor its jobs afterwards.
 */
#include "auth/audit_writer.h"
#include "auth/auth_impl.h"

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "store/store.h"
#include "util/mem.h"

#define AUDIT_BATCH_MAX 512

enum { JOB_PENDING, JOB_DONE, JOB_FAILED };

struct audit_job {
	struct audit_job		*next;
	const struct audit_entry	*en;
	int				 state;
	struct err			 err;
	/* Deferred jobs only (invariant 5). */
	struct audit_defer		*defer;
	struct audit_job		*dnext;	/* the deferral's list */
	bool				 soft;	/* a refusal: logged, not failed */
	struct audit_entry		 copy;	/* en points here */
};

/* The deferral of the request this thread is answering, or NULL. */
static __thread struct audit_defer *cur_defer;

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

static int record(struct db *, const struct audit_entry *const *, size_t,
    bool, struct err *);

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
	if (store_tx_end(aw.db, auth_audit_append_many(aw.db, ens, n, e),
	    e) != 0)
		return -1;
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
	static struct audit_defer *wake[AUDIT_BATCH_MAX];
	struct audit_job *batch, *j, *next;
	struct audit_defer *d;
	struct err e;
	size_t n, nwake;
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
		nwake = 0;
		for (j = batch; j != NULL; j = next) {
			next = j->next;		/* invariant 2 */
			if (rc != 0)
				j->err = e;
			j->state = rc == 0 ? JOB_DONE : JOB_FAILED;
			if ((d = j->defer) != NULL && --d->pending == 0 &&
			    d->wake != NULL)
				wake[nwake++] = d;
		}
		pthread_cond_broadcast(&aw.done);
		if (nwake > 0) {	/* invariant 5 */
			pthread_mutex_unlock(&aw.mu);
			for (size_t i = 0; i < nwake; i++)
				wake[i]->wake(wake[i]->ctx);
			pthread_mutex_lock(&aw.mu);
		}
	}
	pthread_mutex_unlock(&aw.mu);
	return NULL;
}

int
auth_audit_writer_start(const char *db_url, struct err *e)
{
	if (aw.running)
		return 0;
	aw.head = NULL;
	aw.tail = &aw.head;
	aw.stop = false;
	if (auth_thread_start_db(&aw.thread, writer_main, db_url, &aw.db,
	    "audit writer", e) != 0)
		return -1;
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
	return record(db, &en, 1, false, e);
}

int
auth_audit_record_refusal(struct db *db, const struct audit_entry *en,
    struct err *e)
{
	return record(db, &en, 1, true, e);
}

int
auth_audit_record_many(struct db *db, const struct audit_entry *const *ens,
    size_t n, struct err *e)
{
	return record(db, ens, n, false, e);
}

/* The texts of an audit entry, copied with it. */
#define TEXT(f) offsetof(struct audit_entry, f)
static const size_t entry_texts[] = {
	TEXT(user_id), TEXT(username), TEXT(role), TEXT(org_id),
	TEXT(client_id), TEXT(action), TEXT(object_type), TEXT(object_id),
	TEXT(outcome), TEXT(purpose), TEXT(request_id), TEXT(remote_addr),
};
#undef TEXT
#define NTEXTS (sizeof entry_texts / sizeof entry_texts[0])

/* Text k of en. */
static const char **
entry_text(const struct audit_entry *en, size_t k)
{
	return (const char **)((const char *)en + entry_texts[k]);
}

/* A job owning a copy of en and its strings, in one allocation. */
static struct audit_job *
job_copy(const struct audit_entry *en, struct audit_defer *d, bool soft)
{
	struct audit_job *j;
	size_t len = 0, k;
	char *p;

	for (k = 0; k < NTEXTS; k++)
		len += *entry_text(en, k) != NULL ?
		    strlen(*entry_text(en, k)) + 1 : 0;
	j = xcalloc(1, sizeof *j + len);
	p = (char *)(j + 1);
	for (k = 0; k < NTEXTS; k++) {
		const char *s = *entry_text(en, k);

		if (s == NULL)
			continue;
		len = strlen(s) + 1;
		memcpy(p, s, len);
		*entry_text(&j->copy, k) = p;
		p += len;
	}
	j->en = &j->copy;
	j->defer = d;
	j->soft = soft;
	j->state = JOB_PENDING;
	return j;
}

/*
 * The n entries go on the queue together, one after the other, so the
 * writer takes them in one batch (two when they straddle AUDIT_BATCH_MAX):
 * a list of n girls costs one flush, not n.  Under a deferral they are
 * copied, queued, and not waited for here (auth_audit_defer_wait).
 */
static int
record(struct db *db, const struct audit_entry *const *ens, size_t n,
    bool soft, struct err *e)
{
	struct audit_job one, *jobs, *j;
	struct audit_defer *d = cur_defer;
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
		return store_tx_end(db, auth_audit_append_many(db, ens, n, e),
		    e);
	}
	if (d != NULL) {
		for (i = 0; i < n; i++) {
			j = job_copy(ens[i], d, soft);
			j->dnext = d->jobs;
			d->jobs = j;
			d->pending++;
			*aw.tail = j;
			aw.tail = &j->next;
		}
		pthread_cond_signal(&aw.work);
		pthread_mutex_unlock(&aw.mu);
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

void
auth_audit_defer_begin(struct audit_defer *d)
{
	memset(d, 0, sizeof *d);
	cur_defer = d;
}

void
auth_audit_defer_end(void)
{
	cur_defer = NULL;
}

int
auth_audit_defer_wait(struct audit_defer *d, void (*suspend)(void *),
    void (*wake)(void *), void *ctx)
{
	pthread_mutex_lock(&aw.mu);
	if (d->pending == 0) {
		pthread_mutex_unlock(&aw.mu);
		return 1;
	}
	d->wake = wake;
	d->ctx = ctx;
	suspend(ctx);
	pthread_mutex_unlock(&aw.mu);
	return 0;
}

void
auth_audit_defer_block(struct audit_defer *d)
{
	pthread_mutex_lock(&aw.mu);
	while (d->pending > 0)
		pthread_cond_wait(&aw.done, &aw.mu);
	pthread_mutex_unlock(&aw.mu);
}

int
auth_audit_defer_finish(struct audit_defer *d, struct err *e)
{
	struct audit_job *j, *next;
	int rc = 0;

	auth_audit_defer_block(d);
	for (j = d->jobs; j != NULL; j = j->dnext)
		if (j->state == JOB_FAILED && j->soft)
			fprintf(stderr, "{\"level\":\"error\",\"request_id\":"
			    "\"%s\",\"msg\":\"audit of a refusal failed\","
			    "\"code\":\"%s\"}\n", j->copy.request_id != NULL ?
			    j->copy.request_id : "", err_code_name(j->err.code));
		else if (j->state == JOB_FAILED) {
			*e = j->err;
			rc = -1;
		}
	for (j = d->jobs; j != NULL; j = next) {
		next = j->dnext;
		free(j);
	}
	memset(d, 0, sizeof *d);
	return rc;
}
