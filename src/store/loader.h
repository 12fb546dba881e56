/*
 * loader.h - the one trajectory loader: every row the rules read
 * (core/record.h), for one trajectory or for many, in one query per table
 * whatever the number of trajectories.
 *
 * A scope names the trajectories: an institution's, a caregiver's, one,
 * or a list of ids.  store_records_load returns them all at once, in
 * LOAD_STATEMENTS statements; store_records_each reads the scope's
 * trajectories with one statement kept open and hands them over in
 * batches of at most `batch` (each batch's tables read by its ids: one
 * statement per table per batch), so a scope of any size is evaluated in
 * bounded memory and linear time.  store_record_load_full loads one trajectory together
 * with the displayed rows of its phases, bases, orders and team
 * (store_trajectory_load), reading those four tables once for both, and
 * the rest in one statement.
 *
 * Same contract as store.h: inside the caller's transaction; strings in
 * the caller's arena (store_records_each: in an arena of its own, valid
 * during the callback only).
 */
#ifndef DOORLOOP_STORE_LOADER_H
#define DOORLOOP_STORE_LOADER_H

#include "core/record.h"
#include "store/store.h"

enum load_kind {
	LOAD_ORG,		/* key: org id; open trajectories it coordinates and closed ones with planned aftercare */
	LOAD_TEAM,		/* key: user id; open trajectories whose team she is on (on `today`), or that she is to take over */
	LOAD_TRAJECTORY,	/* key: trajectory id */
	LOAD_IDS		/* ids[0..nids): trajectory ids */
};

struct load_scope {
	enum load_kind kind;
	const char *key;
	const char *const *ids;
	size_t nids;
};

/* The statements one batch takes: the trajectories and one per table. */
#define LOAD_STATEMENTS 13
/* store_record_load_full's: the four shown tables (store_trajectory_load)
 * and one UNION ALL for the trajectory and the rest. */
#define LOAD_FULL_STATEMENTS 5

/* Records ascending by trajectory id (strcmp); ids not found are absent. */
int store_records_load(struct db *db, struct arena *a,
    const struct load_scope *s, dl_date today, struct traj_record **out,
    size_t *n, struct err *e);

/* The same records, `batch` at a time (at most 1,000; ascending by id),
 * each batch handed to fn; fn's -1 stops the load and is returned. */
typedef int (*load_fn)(void *ctx, struct traj_record *v, size_t n,
    struct err *e);
int store_records_each(struct db *db, const struct load_scope *s,
    dl_date today, size_t batch, load_fn fn, void *ctx, struct err *e);

/* One trajectory's record and its displayed rows (full, as
 * store_trajectory_load gives them). */
int store_record_load_full(struct db *db, struct arena *a,
    const struct trajectory_rec *t, struct trajectory_full *full,
    struct traj_record *out, struct err *e);

/* The same rows by the same statements as store_records_each, each column
 * touched once, no record built: the benchmark's baseline.  *rows counts
 * them. */
int store_records_scan(struct db *db, const struct load_scope *s,
    dl_date today, size_t batch, long *rows, struct err *e);

#endif
