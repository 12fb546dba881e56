/*
 * demo.h - the demo data's shared state, so that later capabilities can
 * add their part of the demo in files of their own (demo_*.c), called
 * from demo_load() after the girls exist, inside the same transaction.
 */
#ifndef DOORLOOP_DEMO_H
#define DOORLOOP_DEMO_H

#include "auth/auth.h"
#include "core/date.h"
#include "store/store.h"
#include "util/err.h"
#include "util/mem.h"

#define DEMO_GIRLS_MAX 16

enum { ORG_OVERSTAP, ORG_LINDE, ORG_AMBULANT, ORG_BAKEN, ORG_LINDEVEEN,
	ORG_WESTERHAVEN, ORG_SCHOOL, ORG_POLICE, ORG_GP, ORG__COUNT };

enum { U_ADMIN, U_COORDINATOR, U_CAREGIVER, U_PARTNER, U_CLIENT,
	U_MUNICIPALITY, U_MONITOR, U_MENTOR2, U_MENTOR3, U_TEACHER, U_POLICE,
	U_GP, U_SECURITY, U__COUNT };

struct demo {
	struct db *db;
	struct arena *a;
	dl_date today;
	char org[ORG__COUNT][ID_LEN + 1];
	char user[U__COUNT][ID_LEN + 1];
	struct trajectory_rec t;	/* the girl being written */
	dl_date birth;
	int bsn_seq;
	/* Client ids by pseudonym, for the demo's extensions. */
	struct demo_girl {
		const char *pseudonym;
		char id[ID_LEN + 1];
		char trajectory_id[ID_LEN + 1];
		dl_date birth;
	} girls[DEMO_GIRLS_MAX];
	int ngirls;
};

/* The girl with this pseudonym (NULL if none). */
const struct demo_girl *demo_girl(const struct demo *d, const char *pseudonym);

/* The continuity engine (demo_continuity.c): every alert at least once. */
int demo_continuity(struct demo *d, struct err *e);

/* Her voice (demo_voice.c): the staff's records, in demo_parts[]; and what
 * Mila wrote herself, after her log-in exists, in a transaction of its own. */
int demo_voice(struct demo *d, struct err *e);
int demo_voice_hers(struct demo *d, struct err *e);
/* Girls for the municipality figures (demo_figures.c). */
int demo_figures(struct demo *d, struct err *e);

/* Recognition (demo_recognition.c): victim registrations and exploiter
 * indicators shared between girls; after demo_figures (a girl of it). */
int demo_recognition(struct demo *d, struct err *e);

/* Group climate (demo_climate.c): two living groups and their rounds. */
int demo_climate(struct demo *d, struct err *e);

/* Early signals (demo_signal.c): a teacher, a police officer and a GP. */
int demo_signal(struct demo *d, struct err *e);

#endif
