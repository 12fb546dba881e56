/*
 * record.c - the one conversion of a trajectory record into the rules'
 * input (see record.h).
 */
#include "core/record.h"

#include <stdlib.h>
#include <string.h>

void
record_input(const struct traj_record *b, dl_date as_of,
    struct alert_input *in)
{
	memset(in, 0, sizeof *in);
	in->r.birth = b->birth;
	in->r.start = b->start;
	in->r.end = b->end == DATE_NONE ? DATE_OPEN : b->end;
	in->r.as_of = as_of;
	in->r.leap = date_leap_rule();
	/* Each array of the record with its count, borrowed. */
#define BORROW(to, f) ((to)->f = b->f, (to)->n##f = b->n##f)
	BORROW(&in->r, bases);
	BORROW(&in->r, orders);
	BORROW(&in->r, phases);
	BORROW(&in->r, members);
	in->client_id = b->client_id;
	in->trajectory_id = b->trajectory_id;
	in->has_plan = b->has_plan;
	BORROW(in, items);
	BORROW(in, handovers);
	memcpy(in->domains, b->domains, sizeof in->domains);
	BORROW(in, reviews);
	BORROW(in, aftercare);
	BORROW(in, interruptions);
	BORROW(in, promises);
	BORROW(in, glass);
#undef BORROW
}

static int
id_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct traj_record *)elem)->trajectory_id);
}

const struct traj_record *
record_find(const struct traj_record *v, size_t n, const char *trajectory_id)
{
	if (v == NULL || n == 0 || trajectory_id == NULL)
		return NULL;
	return bsearch(trajectory_id, v, n, sizeof *v, id_cmp);
}
