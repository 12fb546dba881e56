/*
 * signal.h - SQL for early signals (DOMAIN.md R12): recording one with its
 * keyed hashes, the Verwijsindex-style match, the reporter's list with
 * match notices, the coordinator's incoming signals and notices, screening,
 * the link to the registration it led to, and retention.
 *
 * Like store.h, every function but store_signals_purge runs inside the
 * caller's transaction.  Who she is reaches the database only as keyed
 * hashes (matching) and encrypted (for the coordinator it is referred to).
 */
#ifndef DOORLOOP_STORE_SIGNAL_H
#define DOORLOOP_STORE_SIGNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "util/err.h"
#include "util/mem.h"

#include "crypto/crypto.h"

struct db;

/* A name as matched: folded (store_fold), then only letters and digits
 * ("Anne-Marie  de Vries" and "annemarie devries" agree). */
char *store_name_normalise(struct arena *a, const char *name);
/* The keyed hash of her normalised name and birth date under key id (0:
 * the current key), or NULL when either is missing (client.name_hash,
 * signal.name_hash). */
char *store_name_hash(struct arena *a, int id, const char *name,
    dl_date birth);
/* The same under every key loaded, for a lookup (one NULL entry when
 * either is missing). */
void store_name_hashes(struct arena *a, const char *name, dl_date birth,
    struct crypto_hashes *out);

struct signal_in {
	const char *reporter_id, *reporter_org;
	const char *name, *bsn;		/* either may be NULL, not both */
	dl_date birth;			/* DATE_NONE when not given */
	const char *indicators;		/* comma list (core/signal.c) */
	const char *certainty;
	const char *note;		/* NULL when none */
	const char *contact_phone, *contact_email;
	const char *referred_org;	/* NULL when not referred */
	const char *municipality_id;	/* where she lives, as stated; NULL: not stated */
	dl_date created_on;
};

/* Another reporter's concern about the same young person: who and how to
 * reach them, never what they wrote. */
struct signal_contact {
	char *signal_id;		/* the signal this notice is on */
	char *reporter_name, *org_name, *phone, *email, *at;
	char *client_id, *pseudonym;	/* notices to a coordinator only */
};

struct signal_rec {
	char *id, *reporter_id, *reporter_name, *reporter_org, *org_name;
	char *name, *bsn;		/* with identity only, else NULL */
	dl_date birth;			/* with identity only, else DATE_NONE */
	char *indicators, *certainty, *note;
	char *contact_phone, *contact_email;
	char *referred_org, *referred_name, *referred_at;
	char *screening, *screened_at;
	char *client_id;
	char *municipality_id;		/* as the reporter stated it, or NULL */
	dl_date created_on;
	char *created_at;
	struct signal_contact *matches;
	size_t nmatches;
};

/* Record a signal and its matches: signal_match both ways with every
 * signal of another organisation about her, signal_client_match with
 * every client she is.  *nmatched: the signals matched. */
int store_signal_insert(struct db *db, struct arena *a,
    const struct signal_in *in, char **id_out, size_t *nmatched,
    struct err *e);
/* One signal (ERR_NOT_FOUND, signal.not_found); her identity decrypted
 * only when with_identity. */
int store_signal_get(struct db *db, struct arena *a, const char *id,
    bool with_identity, struct signal_rec *out, struct err *e);
/* A reporter's own signals, newest first, each with its match notices. */
int store_signals_of_reporter(struct db *db, struct arena *a,
    const char *user_id, struct signal_rec **out, size_t *n,
    struct err *e);
/* Signals referred to an institution, newest first (no identity). */
int store_signals_referred(struct db *db, struct arena *a, const char *org,
    struct signal_rec **out, size_t *n, struct err *e);
/* Notices for an institution: signals about girls whose open trajectory
 * it coordinates (reporter and contact, client and pseudonym). */
int store_signal_notices(struct db *db, struct arena *a, const char *org,
    struct signal_contact **out, size_t *n, struct err *e);
int store_signal_refer(struct db *db, struct arena *a, const char *id,
    const char *org, struct err *e);
int store_signal_screen(struct db *db, struct arena *a, const char *id,
    const char *outcome, const char *user_id, struct err *e);
/* The registration it led to; also a notice for her coordinator. */
int store_signal_link_client(struct db *db, struct arena *a, const char *id,
    const char *client_id, struct err *e);

/*
 * R12 retention: destroy every signal that did not lead to a registration
 * (client_id NULL) on or after two years from the day it was made or her
 * 23rd birthday, whichever comes first, as of asof_date (YYYY-MM-DD).
 * Each destruction is audited (action "destroy", object "signal", its id,
 * nothing of its content) through the store's audit sink, in the same
 * transaction.  Opens and commits its own write transaction, or runs in
 * the caller's when one is open.  *n_destroyed: the signals destroyed.
 */
int store_signals_purge(struct db *db, const char *asof_date,
    long *n_destroyed, struct err *e);
/* The same signals counted, nothing destroyed (purge --dry-run). */
int store_signals_due(struct db *db, const char *asof_date, long *n_due,
    struct err *e);

#endif
