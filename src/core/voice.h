/*
 * voice.h - the pure rules of her voice (DOMAIN.md R9, R10 and the
 * consent facts): life domains, whose consent a sharing rests on by age,
 * and the share of promises kept.  No I/O.
 */
#ifndef DOORLOOP_CORE_VOICE_H
#define DOORLOOP_CORE_VOICE_H

#include <stdbool.h>

#include "core/date.h"

/*
 * Her own plan's sections: the whole plan ("general", OWN_GENERAL) or one
 * of the life domains of DOMAIN.md (enum life_domain of core/alerts.h, the
 * one list of them).
 */
#define OWN_GENERAL (-1)
const char *own_section_name(int section);	/* "general", "safety", ... */
int own_section_parse(const char *s, int *out);	/* 0 / -1 */

/* Whose consent: hers, her parents' (or guardian's), or both. */
enum consent_party { CONSENT_CLIENT = 0, CONSENT_PARENTS, CONSENT_BOTH };
const char *consent_party_name(enum consent_party p);	/* "client", "parents", "both" */
int consent_party_parse(const char *s, enum consent_party *out);

/* Ages at which the deciding party changes (DOMAIN.md, legal facts). */
#define CONSENT_AGE_TOGETHER 12		/* from 12: parents and she together */
#define CONSENT_AGE_ALONE 16		/* from 16: she alone */

/*
 * The party whose consent is needed for someone born on `birth`, on `on`.
 * A registration as a victim (CoMensha) is signed by her parents or
 * guardian below 16 and by herself from 16: no joint step at 12.
 */
enum consent_party consent_required(dl_date birth, dl_date on,
    bool registration, enum leap_rule rule);

/* Counts behind the promise figure. */
struct promise_tally {
	int kept, broken, overdue, open, changed, disputed;
};
/*
 * The share kept: kept / (kept + broken + overdue), a promise still open
 * past its date counting as not kept; a change agreed with her counts
 * neither way (its successor does).  -1 when nothing has fallen due.
 */
double promise_share_kept(const struct promise_tally *t);

#endif
