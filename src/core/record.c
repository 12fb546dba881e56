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
	in->r.bases = b->bases;
	in->r.nbases = b->nbases;
	in->r.orders = b->orders;
	in->r.norders = b->norders;
	in->r.phases = b->phases;
	in->r.nphases = b->nphases;
	in->r.members = b->members;
	in->r.nmembers = b->nmembers;
	in->client_id = b->client_id;
	in->trajectory_id = b->trajectory_id;
	in->has_plan = b->has_plan;
	in->items = b->items;
	in->nitems = b->nitems;
	in->handovers = b->handovers;
	in->nhandovers = b->nhandovers;
	memcpy(in->domains, b->domains, sizeof in->domains);
	in->reviews = b->reviews;
	in->nreviews = b->nreviews;
	in->aftercare = b->aftercare;
	in->naftercare = b->naftercare;
	in->interruptions = b->interruptions;
	in->ninterruptions = b->ninterruptions;
	in->promises = b->promises;
	in->npromises = b->npromises;
	in->glass = b->glass;
	in->nglass = b->nglass;
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
