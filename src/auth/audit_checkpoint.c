/*
 * audit_checkpoint.c - the audit chain's head, signed and kept outside the
 * database, and the chain check that serve runs on start and daily.
 *
 * The chain (audit.c) proves that no entry was changed; it cannot prove
 * that the last entries are still there when whoever cut them also rewound
 * audit_head.  So the head is copied, from time to time, into an
 * append-only text file beside the database (a checkpoint), one line per
 * head:
 *
 *   SEQ TAB HASH TAB AT TAB MAC LF
 *
 * MAC = keyed BLAKE2b-256 (the installation's audit subkey) of
 * "doorloop-audit-checkpoint-v1" || F(SEQ) || F(HASH) || F(AT), in hex
 * (the encoding F of audit.c).  Verification (auth_audit_verify_full)
 * requires every checkpoint to name an entry that is still in the chain
 * with that very hash: a wiped log, or one cut below its last checkpoint,
 * fails.  The file's lines cannot be forged without the key; removing the
 * file itself is reported too (a log with entries but no checkpoint).
 *
 * Invariants:
 *   1. A checkpoint is written only for a head read after its commit, so
 *      it never names an entry that a crash could still take back.
 *   2. One write(2) per line with O_APPEND: lines of several threads or
 *      processes never interleave; their order does not matter.
 *   3. A process writes a line only when the head moved past the last one
 *      it wrote (`cp.last`), so an idle server does not grow the file.
 *
 * Limit: entries appended after the last checkpoint can still be cut
 * unseen; the audit writer checkpoints after every batch and serve's
 * watch every CHECKPOINT_EVERY seconds, so that window is seconds wide.
 */
#include "auth/auth.h"
#include "auth/auth_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "db/db.h"
#include "store/auth_store.h"
#include "store/store.h"

#define CP_DOMAIN "doorloop-audit-checkpoint-v1"
#define CP_LINE_MAX 256
#define CP_MAX_LINES 1000000	/* a longer file is read in part: the newest count */
#define CHECKPOINT_EVERY 5	/* seconds between the watch's checkpoints */
#define CHECK_EVERY (24 * 60 * 60)	/* seconds between chain checks */

static struct {
	pthread_mutex_t	 mu;
	char		*path;		/* NULL: no checkpoints */
	int64_t		 last;		/* invariant 3 */
} cp = { .mu = PTHREAD_MUTEX_INITIALIZER };

static void
cp_mac(const char *seq, const char *hash, const char *at, char out[65])
{
	const char *const v[] = { seq, hash, at };

	auth_audit_mac(CP_DOMAIN, v, 3, out);
}

void
auth_audit_checkpoint_path(const char *path)
{
	pthread_mutex_lock(&cp.mu);
	free(cp.path);
	cp.path = path != NULL && *path != '\0' ? xstrdup(path) : NULL;
	cp.last = 0;
	pthread_mutex_unlock(&cp.mu);
}

const char *
auth_audit_checkpoint_file(void)
{
	return cp.path;
}

int
auth_audit_checkpoint(struct db *db, struct err *e)
{
	struct arena a;
	char *hash = NULL, seq[24], at[INSTANT_LEN + 1], mac[65];
	char line[CP_LINE_MAX];
	int64_t head = 0;
	int fd = -1, n, rc = -1;

	if (cp.path == NULL)
		return 0;
	arena_init(&a);
	if (store_audit_head_get(db, &a, &head, &hash, e) != 0)
		goto out;
	pthread_mutex_lock(&cp.mu);
	if (head <= cp.last || hash == NULL || strlen(hash) != 64) {
		pthread_mutex_unlock(&cp.mu);
		rc = 0;
		goto out;
	}
	snprintf(seq, sizeof seq, "%" PRId64, head);
	instant_now(at);
	cp_mac(seq, hash, at, mac);
	n = snprintf(line, sizeof line, "%s\t%s\t%s\t%s\n", seq, hash, at, mac);
	fd = open(cp.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd == -1 || write(fd, line, (size_t)n) != n) {
		pthread_mutex_unlock(&cp.mu);
		err_set(e, ERR_INTERNAL, NULL, "cannot append the audit "
		    "checkpoint: %s", strerror(errno));
		goto out;
	}
	cp.last = head;
	pthread_mutex_unlock(&cp.mu);
	rc = 0;
out:
	if (fd != -1)
		close(fd);
	arena_cleanup(&a);
	return rc;
}

static int
cp_cmp(const void *x, const void *y)
{
	const struct audit_checkpoint *p = x, *q = y;

	return p->seq < q->seq ? -1 : p->seq > q->seq;
}

int
auth_audit_checkpoints_load(struct audit_checkpoint **out, size_t *n,
    int64_t *bad_line, struct err *e)
{
	char buf[CP_LINE_MAX + 2], mac[65];
	struct audit_checkpoint *v = NULL;
	size_t cap = 0, len = 0;
	int64_t lineno = 0;
	FILE *f;

	*out = NULL;
	*n = 0;
	*bad_line = 0;
	if (cp.path == NULL)
		return 0;
	if ((f = fopen(cp.path, "re")) == NULL) {
		if (errno == ENOENT)
			return 1;	/* no file */
		return err_set(e, ERR_INTERNAL, NULL, "cannot read the audit "
		    "checkpoints: %s", strerror(errno));
	}
	while (fgets(buf, sizeof buf, f) != NULL) {
		char *seq = buf, *hash, *at, *m, *nl, *end;
		struct audit_checkpoint c;

		lineno++;
		if ((nl = strchr(buf, '\n')) == NULL ||
		    (hash = strchr(seq, '\t')) == NULL ||
		    (at = strchr(hash + 1, '\t')) == NULL ||
		    (m = strchr(at + 1, '\t')) == NULL)
			goto bad;
		*nl = *hash++ = *at++ = *m++ = '\0';
		memset(&c, 0, sizeof c);
		c.seq = strtoll(seq, &end, 10);
		if (*end != '\0' || c.seq <= 0 || strlen(hash) != 64 ||
		    strlen(m) != 64)
			goto bad;
		cp_mac(seq, hash, at, mac);
		if (sodium_memcmp(mac, m, 64) != 0)
			goto bad;
		memcpy(c.hash, hash, 65);
		if (len == cap) {
			if (cap >= CP_MAX_LINES)
				len = 0;	/* keep the newest */
			else {
				cap = cap ? cap * 2 : 64;
				v = xrealloc(v, cap * sizeof *v);
			}
		}
		v[len++] = c;
	}
	fclose(f);
	qsort(v, len, sizeof *v, cp_cmp);
	*out = v;
	*n = len;
	return 0;
bad:
	fclose(f);
	free(v);
	*bad_line = lineno;
	return 2;
}

/* ---- the chain check: on start and daily ---- */

int
auth_audit_check_run(struct db *db, const char *when, struct err *e)
{
	struct audit_verdict v;
	char at[INSTANT_LEN + 1];
	int r;

	if ((r = auth_audit_verify_full(db, &v, e)) < 0)
		return -1;
	instant_now(at);
	if (r == 0) {
		fprintf(stderr, "{\"level\":\"info\",\"msg\":\"audit chain "
		    "intact\",\"check\":\"%s\",\"entries\":%" PRId64 "}\n",
		    when, v.checked);
	} else {
		fprintf(stderr, "{\"level\":\"alert\",\"msg\":\"AUDIT CHAIN "
		    "BROKEN: %s\",\"check\":\"%s\",\"entry\":%" PRId64 "}\n",
		    v.reason, when, v.bad_seq);
		syslog(LOG_ALERT, "doorloop: AUDIT CHAIN BROKEN at entry %"
		    PRId64 ": %s", v.bad_seq, v.reason);
	}
	if (db_begin_write(db, e) != 0)
		return -1;
	if (store_tx_end(db, store_audit_check_insert(db, at, r == 0,
	    v.checked, v.bad_seq, r == 0 ? NULL : v.reason, e), e) != 0)
		return -1;
	if (r == 0 && auth_audit_checkpoint(db, e) == 0 && cp.path != NULL)
		syslog(LOG_INFO, "doorloop: audit chain intact, %" PRId64
		    " entries, head checkpointed", v.checked);
	return r;
}

static struct {
	pthread_mutex_t	 mu;
	pthread_cond_t	 wake;
	bool		 running, stop;
	pthread_t	 thread;
	struct db	*db;
} watch = { .mu = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER };

static void *
watch_main(void *arg)
{
	struct timespec until;
	time_t next_check = time(NULL) + CHECK_EVERY;
	struct err e;

	(void)arg;
	pthread_mutex_lock(&watch.mu);
	while (!watch.stop) {
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += CHECKPOINT_EVERY;
		pthread_cond_timedwait(&watch.wake, &watch.mu, &until);
		if (watch.stop)
			break;
		pthread_mutex_unlock(&watch.mu);
		err_init(&e);
		if (time(NULL) >= next_check) {
			next_check = time(NULL) + CHECK_EVERY;
			if (auth_audit_check_run(watch.db, "daily", &e) < 0)
				fprintf(stderr, "{\"level\":\"error\",\"msg\":"
				    "\"audit chain check failed\",\"code\":"
				    "\"%s\"}\n", err_code_name(e.code));
		} else if (auth_audit_checkpoint(watch.db, &e) != 0) {
			fprintf(stderr, "{\"level\":\"error\",\"msg\":\"audit "
			    "checkpoint failed\",\"code\":\"%s\"}\n",
			    err_code_name(e.code));
		}
		pthread_mutex_lock(&watch.mu);
	}
	pthread_mutex_unlock(&watch.mu);
	return NULL;
}

int
auth_audit_watch_start(const char *db_url, struct err *e)
{
	if (watch.running)
		return 0;
	watch.stop = false;
	if (auth_thread_start_db(&watch.thread, watch_main, db_url, &watch.db,
	    "audit watch", e) != 0)
		return -1;
	watch.running = true;
	return 0;
}

void
auth_audit_watch_stop(void)
{
	struct err e;

	if (!watch.running)
		return;
	auth_thread_stop(watch.thread, &watch.mu, &watch.wake, &watch.stop);
	err_init(&e);
	(void)auth_audit_checkpoint(watch.db, &e);
	db_close(watch.db);
	watch.db = NULL;
	watch.running = false;
}
