/*
 * purge.h - destruction by law (issue 15): the table of purge steps that
 * `doorloop purge` and the daily run inside `serve` go through.
 */
#ifndef DOORLOOP_AUTH_PURGE_H
#define DOORLOOP_AUTH_PURGE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

struct db;

/*
 * One step: her files that a rule of purge.c finds due on `asof`
 * (YYYY-MM-DD), each destroyed with its audit entry in its own
 * transaction; or, for another part's step (one more row), run destroys
 * what is due and adds their number to *n, and count only counts them,
 * for --dry-run.
 */
struct purge_files;
struct purge_step {
	const char *name;
	const struct purge_files *files;	/* NULL: run and count */
	int (*run)(struct db *db, const char *asof, long *n, struct err *e);
	int (*count)(struct db *db, const char *asof, long *n, struct err *e);
};
extern const struct purge_step purge_steps[];
extern const size_t purge_nsteps;

/* Called after each step with its count. */
typedef void purge_report_fn(void *ctx, const char *step, long n, bool dry);
/* Every step in order; stops at the first that fails. */
int auth_purge_run(struct db *db, const char *asof, bool dry,
    purge_report_fn *report, void *ctx, struct err *e);

/* The daily run inside serve: a thread with its own connection running
 * every step for today once at start and then every 24 hours. */
int auth_purge_daily_start(const char *db_url, struct err *e);
void auth_purge_daily_stop(void);

#endif
