/*
 * audit_writer.h - the server's one audit writer: entries of reads and
 * refusals from many requests, appended to the chain by one thread in one
 * transaction per batch (group commit), each caller answered only after
 * its entry is durable.
 */
#ifndef DOORLOOP_AUTH_AUDIT_WRITER_H
#define DOORLOOP_AUTH_AUDIT_WRITER_H

#include <stddef.h>

#include "auth/auth.h"
#include "db/db.h"
#include "util/err.h"

/* Validate an entry as the chain will (action, outcome). */
int auth_audit_check(const struct audit_entry *en, struct err *e);
/* Append n entries inside the caller's write transaction, touching
 * audit_head once. */
int auth_audit_append_many(struct db *db, const struct audit_entry *const *ens,
    size_t n, struct err *e);

/* Start the writer thread on its own connection to db_url; stop waits for
 * every queued entry to be written.  Without a started writer
 * auth_audit_record writes in a transaction of its own. */
int auth_audit_writer_start(const char *db_url, struct err *e);
void auth_audit_writer_stop(void);

/*
 * Record one entry durably and return only then:
 *   - inside a write transaction on db: appended to it (it commits with
 *     the caller's change);
 *   - otherwise, with the writer running: queued, and this thread waits
 *     until the batch holding it has committed (synchronous=FULL / fsync
 *     on PostgreSQL);
 *   - otherwise: in a write transaction of its own on db.
 * The caller must not hold the write mutex through another connection.
 */
int auth_audit_record(struct db *db, const struct audit_entry *en,
    struct err *e);
/* The same for n entries submitted at once: the writer takes them in one
 * batch, so they cost one flush. */
int auth_audit_record_many(struct db *db, const struct audit_entry *const *ens,
    size_t n, struct err *e);
/* The same for a refusal, whose answer does not depend on its entry: under
 * a deferral its failure is logged, not turned into the request's error. */
int auth_audit_record_refusal(struct db *db, const struct audit_entry *en,
    struct err *e);

/*
 * Deferral: a request that reads waits for its entries without holding
 * its thread.  Between auth_audit_defer_begin and auth_audit_defer_end on
 * one thread, auth_audit_record* (outside a write transaction, writer
 * running) copies the entries, queues them and returns 0 at once.  The
 * request then holds its answer and calls auth_audit_defer_wait: 1 when
 * every entry is already written; otherwise suspend(ctx) is called (under
 * the writer's lock, so wake cannot come first), 0 is returned, and the
 * writer calls wake(ctx) from its own thread once all are written.
 * auth_audit_defer_finish (which blocks until then) frees the copies and
 * returns -1 with the error of a failed entry: the request must then not
 * be answered with what it asked for.
 */
struct audit_job;
struct audit_defer {
	struct audit_job	*jobs;		/* newest first */
	size_t			 pending;	/* not yet written */
	void			(*wake)(void *);
	void			*ctx;
};
void auth_audit_defer_begin(struct audit_defer *d);
void auth_audit_defer_end(void);
int auth_audit_defer_wait(struct audit_defer *d, void (*suspend)(void *),
    void (*wake)(void *), void *ctx);
void auth_audit_defer_block(struct audit_defer *d);
int auth_audit_defer_finish(struct audit_defer *d, struct err *e);

#endif
