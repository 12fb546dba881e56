/*
 * record.h - one trajectory as the rules read it: the trajectory with
 * her birth date, its phases, legal bases, court orders and team, and the
 * continuity records (transition plan items, handovers, life-domain
 * statuses, reviews, aftercare, closures) and her open promises.  No free
 * text: the rules need none.
 *
 * store/loader.c fills records, for one trajectory or for a whole scope;
 * record_input() is the one conversion of a record into the rules' input
 * (core/rules.h and core/alerts.h).  Pure C, no I/O.
 *
 * Invariants:
 *   1. The trajectory's end is as stored (DATE_NONE while open); the
 *      ends of phases, bases, orders and team are already the rules'
 *      (DATE_OPEN while open); record_input() gives the rules DATE_OPEN.
 *   2. The arrays belong to whoever filled the record (an arena); the
 *      input borrows them.
 */
#ifndef DOORLOOP_RECORD_H
#define DOORLOOP_RECORD_H

#include <stdbool.h>
#include <stddef.h>

#include "core/alerts.h"
#include "core/date.h"
#include "core/rules.h"

struct traj_record {
	char *trajectory_id, *client_id, *pseudonym, *coordinator_org;
	dl_date birth, start, end;	/* end DATE_NONE while open */
	struct rules_basis *bases; size_t nbases, cbases;	/* ends DATE_OPEN while open */
	struct rules_order *orders; size_t norders, corders;
	struct rules_phase *phases; size_t nphases, cphases;
	struct rules_member *members; size_t nmembers, cmembers;
	bool has_plan;
	struct alert_item *items; size_t nitems, citems;
	struct alert_handover *handovers; size_t nhandovers, chandovers;
	enum domain_status domains[DOM__COUNT];
	struct alert_review *reviews; size_t nreviews, creviews;
	struct alert_aftercare *aftercare; size_t naftercare, caftercare;
	struct alert_interruption *interruptions; size_t ninterruptions, cinterruptions;
	struct alert_promise *promises; size_t npromises, cpromises;	/* open, made to her */
	struct alert_glass *glass; size_t nglass, cglass;	/* unacknowledged break-the-glass uses */
};

/* The rules' input of a record for the day `as_of` (borrows its arrays). */
void record_input(const struct traj_record *r, dl_date as_of,
    struct alert_input *in);

/* The record of `trajectory_id` in v[0..n), ascending by trajectory id
 * (strcmp) as the loader gives them; NULL if absent. */
const struct traj_record *record_find(const struct traj_record *v, size_t n,
    const char *trajectory_id);

#endif
