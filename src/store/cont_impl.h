/*
 * cont_impl.h - small helpers shared by the continuity store files
 * (transition.c, handover.c, domain.c, review.c, aftercare.c,
 * worklist.c).  Private to src/store/.
 */
#ifndef DOORLOOP_STORE_CONT_IMPL_H
#define DOORLOOP_STORE_CONT_IMPL_H

#include <string.h>

#include "db/db.h"
#include "store/common.h"
#include "store/continuity.h"
#include "util/id.h"

/* Grow an arena-backed array by one element; returns the new element. */
static inline void *
cont_grow(struct arena *a, void **v, size_t *len, size_t *cap, size_t size)
{
	if (*len == *cap) {
		size_t ncap = *cap ? *cap * 2 : 8;
		void *nv = arena_alloc(a, ncap * size);

		if (*len)
			memcpy(nv, *v, *len * size);
		*v = nv;
		*cap = ncap;
	}
	return (char *)*v + (*len)++ * size;
}

/* Step a statement that returns no rows, then finalize it. */
static inline int
cont_step_done(struct db_stmt *st, struct err *e)
{
	int rc = db_step(st, e);

	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

/* A fresh id (arena copy) and the current instant. */
static inline char *
cont_new_id(struct arena *a, char now[INSTANT_LEN + 1])
{
	char id[ID_LEN + 1];

	id_new(id);
	instant_now(now);
	return arena_strdup(a, id);
}

#endif
