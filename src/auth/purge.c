/*
 * purge.c - destruction by law (issue 15; DOMAIN.md legal facts): the
 * table of purge steps, the file steps (the retention term and her
 * written request), and the daily run inside serve.
 *
 * Rules:
 *   - A file is destroyed retention.years (default 20, the Jeugdwet's
 *     minimum, never fewer) after her care ended: the end of her last
 *     trajectory, when none is open.  A girl registered who never had a
 *     trajectory had no care to end: her file's term runs from her
 *     registration.  A file that held a court order follows
 *     retention.court_order_years when that is longer.
 *   - A dry run counts every step's items, signals included.
 *   - Her written request (herself from 12, her parents below 12) is
 *     carried out once her coordinator granted it, or when it is still
 *     undecided on its due date (retention.request_months after the
 *     request; the law says "within three months" unless refused).
 *   - Nothing is destroyed while a legal hold is active or a trajectory of
 *     hers is open.
 *
 * Invariants:
 *   1. Each file is destroyed in its own write transaction together with
 *      its audit entry (action "destroy", her id, the ground as purpose;
 *      nothing about her), re-checked for holds inside it; a failure rolls
 *      that file back and stops the run.
 *   2. The audit log itself is never purged.
 */
#include "auth/purge.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/auth.h"
#include "auth/auth_impl.h"
#include "core/date.h"
#include "db/db.h"
#include "store/retention.h"
#include "store/signal.h"
#include "store/store.h"

#define ACCESS_POINT "local:purge"
#define DAY_SECONDS (24 * 60 * 60)


/* Destroy her file with its audit entry in one transaction; *done false
 * when a hold or an open trajectory arrived meanwhile. */
static int
destroy_one(struct db *db, struct arena *a, const char *client_id,
    const char *ground, const char *request_id, bool *done, struct err *e)
{
	struct audit_entry en;
	char now[INSTANT_LEN + 1];
	bool ok = false;
	int rc = -1;

	*done = false;
	instant_now(now);
	if (db_begin_write(db, e) != 0)
		return -1;
	if (store_file_destroyable(db, a, client_id, &ok, e) != 0)
		goto end;
	if (!ok) {
		db_rollback(db);
		return 0;
	}
	memset(&en, 0, sizeof en);
	en.client_id = client_id;
	en.action = "destroy";
	en.object_type = "client";
	en.object_id = client_id;
	en.outcome = "ok";
	en.purpose = ground;
	en.remote_addr = ACCESS_POINT;
	if (store_client_destroy(db, client_id, e) != 0 ||
	    (request_id != NULL &&
	    store_request_carried_out(db, request_id, now, e) != 0) ||
	    auth_audit_append(db, &en, e) != 0)
		goto end;
	rc = 0;
end:
	if (store_tx_end(db, rc, e) != 0)
		return -1;
	*done = true;
	return 0;
}

/* A file that is due, and the request it answers (NULL: the term). */
struct due {
	char *client_id, *request_id;
};
typedef int due_fn(struct db *, struct arena *, dl_date, struct due **,
    size_t *, struct err *);

/* The files whose retention term has passed on day. */
static int
retention_due(struct db *db, struct arena *a, dl_date day, struct due **due,
    size_t *ndue, struct err *e)
{
	struct retention_file *f = NULL;
	size_t n = 0;
	int years, order_years;

	*ndue = 0;
	if (store_setting_int(db, a, "retention.years", &years, e) != 0 ||
	    store_setting_int(db, a, "retention.court_order_years",
	    &order_years, e) != 0)
		return -1;
	if (order_years < years)
		order_years = years;
	/* A few days of slack against month-end clamping; exact below. */
	if (store_retention_candidates(db, a,
	    date_add_months(day, -12 * years) + 3, &f, &n, e) != 0)
		return -1;
	*due = arena_alloc(a, (n ? n : 1) * sizeof **due);
	for (size_t i = 0; i < n; i++) {
		int term = f[i].court_order ? order_years : years;

		if (f[i].care_ended != DATE_NONE &&
		    date_add_months(f[i].care_ended, 12 * term) <= day)
			(*due)[(*ndue)++].client_id = f[i].client_id;
	}
	return 0;
}

/* Her requests that are due on day. */
static int
requests_due(struct db *db, struct arena *a, dl_date day, struct due **due,
    size_t *ndue, struct err *e)
{
	struct retention_request *r = NULL;
	size_t n = 0;

	*ndue = 0;
	if (store_requests_due(db, a, day, &r, &n, e) != 0)
		return -1;
	*due = arena_alloc(a, (n ? n : 1) * sizeof **due);
	for (size_t i = 0; i < n; i++) {
		(*due)[i].client_id = r[i].client_id;
		(*due)[i].request_id = r[i].id;
	}
	*ndue = n;
	return 0;
}

/* Count (dry) or destroy what `fn` finds due, each file on its own. */
static int
files_due(struct db *db, const char *asof, due_fn *fn, const char *ground,
    bool dry, long *n, struct err *e)
{
	struct due *due = NULL;
	struct arena a;
	size_t ndue = 0;
	dl_date day;
	bool done;
	int rc = -1;

	if (date_parse(asof, &day) != 0)
		return err_set(e, ERR_INVALID, "as-of", "not a date: use YYYY-MM-DD");
	arena_init(&a);
	if (fn(db, &a, day, &due, &ndue, e) != 0)
		goto out;
	for (size_t i = 0; i < ndue; i++) {
		if (dry) {
			*n += 1;
			continue;
		}
		if (destroy_one(db, &a, due[i].client_id, ground,
		    due[i].request_id, &done, e) != 0)
			goto out;
		*n += done;
	}
	rc = 0;
out:
	arena_cleanup(&a);
	return rc;
}

/* Her files due by a rule, and the ground their audit entries name. */
struct purge_files {
	due_fn *due;
	const char *ground;
};
static const struct purge_files by_request = { requests_due, "request" };
static const struct purge_files by_term = { retention_due, "retention" };

const struct purge_step purge_steps[] = {
	{ "requests", &by_request, NULL, NULL },
	{ "retention", &by_term, NULL, NULL },
	/* R12: a signal that led to nothing, two years on or at her 23rd */
	{ "signals", NULL, store_signals_purge, store_signals_due },
};
const size_t purge_nsteps = sizeof purge_steps / sizeof purge_steps[0];

int
auth_purge_run(struct db *db, const char *asof, bool dry,
    purge_report_fn *report, void *ctx, struct err *e)
{
	dl_date day;

	if (date_parse(asof, &day) != 0)
		return err_set(e, ERR_INVALID, "as-of", "not a date: use YYYY-MM-DD");
	for (size_t i = 0; i < purge_nsteps; i++) {
		const struct purge_step *s = &purge_steps[i];
		long n = 0;

		if ((s->files != NULL ? files_due(db, asof, s->files->due,
		    s->files->ground, dry, &n, e) : (dry ? s->count :
		    s->run)(db, asof, &n, e)) != 0)
			return -1;
		if (report != NULL)
			report(ctx, s->name, n, dry);
	}
	return 0;
}

/* ---- the daily run inside serve ---- */

static struct {
	pthread_mutex_t mu;
	pthread_cond_t wake;
	pthread_t thread;
	bool running, stop;
	char *db_url;
} daily = { .mu = PTHREAD_MUTEX_INITIALIZER,
	.wake = PTHREAD_COND_INITIALIZER };

static void
daily_report(void *ctx, const char *step, long n, bool dry)
{
	(void)ctx;
	(void)dry;
	if (n > 0)
		fprintf(stderr, "{\"level\":\"info\",\"msg\":\"purge\","
		    "\"step\":\"%s\",\"destroyed\":%ld}\n", step, n);
}

static void
daily_once(void)
{
	char asof[DATE_STR_LEN + 1];
	struct db *db = NULL;
	struct err e;

	err_init(&e);
	date_format(date_today(), asof);
	if (db_open(daily.db_url, &db, &e) != 0 ||
	    auth_purge_run(db, asof, false, daily_report, NULL, &e) != 0)
		fprintf(stderr, "{\"level\":\"error\",\"msg\":\"purge failed\","
		    "\"code\":\"%s\"}\n", err_code_name(e.code));
	if (db != NULL)
		db_close(db);
}

static void *
daily_main(void *arg)
{
	struct timespec until;

	(void)arg;
	pthread_mutex_lock(&daily.mu);
	while (!daily.stop) {
		pthread_mutex_unlock(&daily.mu);
		daily_once();
		pthread_mutex_lock(&daily.mu);
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += DAY_SECONDS;
		while (!daily.stop &&
		    pthread_cond_timedwait(&daily.wake, &daily.mu, &until) == 0)
			;
	}
	pthread_mutex_unlock(&daily.mu);
	return NULL;
}

int
auth_purge_daily_start(const char *db_url, struct err *e)
{
	int rc;

	daily.db_url = strdup(db_url);
	if (daily.db_url == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	daily.stop = false;
	rc = auth_thread_start(&daily.thread, daily_main);
	if (rc != 0)
		return err_set(e, ERR_INTERNAL, NULL,
		    "cannot start the daily purge");
	daily.running = true;
	return 0;
}

void
auth_purge_daily_stop(void)
{
	if (!daily.running)
		return;
	auth_thread_stop(daily.thread, &daily.mu, &daily.wake, &daily.stop);
	daily.running = false;
	free(daily.db_url);
	daily.db_url = NULL;
}
