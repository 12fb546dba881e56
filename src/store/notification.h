/*
 * notification.h - what waits for a member of staff (issue 10): a row per
 * recipient, written in the transaction of the act that causes it, with
 * ids and a kind only (the web app words it).
 *
 * Same contract as store.h: every function runs inside the caller's
 * transaction and never commits; strings live in the caller's arena.
 */
#ifndef DOORLOOP_STORE_NOTIFICATION_H
#define DOORLOOP_STORE_NOTIFICATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "util/err.h"
#include "util/mem.h"

struct db;

enum notice_kind {
	NOTICE_HANDOVER_PROPOSED = 0,	/* to the incoming person */
	NOTICE_JOURNAL_STATEMENT,	/* her statement on an entry */
	NOTICE_PROMISE_DISPUTED,	/* her "not kept" on a promise */
	NOTICE_GLASS_USED,		/* someone broke the glass on her file */
	NOTICE__COUNT
};
/* "handover_proposed", "journal_statement", "promise_disputed", "glass_used" */
const char *notice_kind_name(enum notice_kind k);

/* Notify one user, unless she is `actor_id` (nobody is told of her own act). */
int store_notice_user(struct db *db, struct arena *a, enum notice_kind kind,
    const char *user_id, const char *client_id, const char *object_id,
    const char *actor_id, struct err *e);
/*
 * Notify the girl's coordinators (active coordinators of the institution
 * coordinating her open trajectory, or of the one that registered her when
 * none is open) and her main caregivers on `today`, each once, but not
 * `actor_id`.  *n (may be NULL) receives the number notified.
 */
int store_notice_care(struct db *db, struct arena *a, enum notice_kind kind,
    const char *client_id, const char *object_id, const char *actor_id,
    dl_date today, int *n, struct err *e);

struct notice_rec {
	char *id, *kind, *client_id, *pseudonym, *object_id, *created_at,
	    *read_at;
};

/* The distinct clients of a user's notifications. */
int store_notice_clients(struct db *db, struct arena *a, const char *user_id,
    char ***out, size_t *n, struct err *e);
/*
 * A user's notifications, newest first, leaving out those about the
 * `nhidden` clients in `hidden`: one page, the total and the unread count.
 */
int store_notice_list(struct db *db, struct arena *a, const char *user_id,
    const char *const *hidden, size_t nhidden, int limit, int offset,
    struct notice_rec **out, size_t *n, int64_t *total, int64_t *unread,
    struct err *e);
/* One notification of this user (ERR_NOT_FOUND notification.not_found
 * otherwise). */
int store_notice_get(struct db *db, struct arena *a, const char *user_id,
    const char *id, struct notice_rec *out, struct err *e);
/* Mark one read (a notification read already stays as it was). */
int store_notice_mark_read(struct db *db, struct arena *a, const char *id,
    struct err *e);
/* Mark every unread notification of a user read; *n receives how many. */
int store_notice_mark_all(struct db *db, struct arena *a, const char *user_id,
    int64_t *n, struct err *e);

#endif
