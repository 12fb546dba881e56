/*
 * signal.c - SQL for early signals (store/signal.h).
 *
 * Invariants:
 *   1. Who she is is written only as keyed hashes (bsn_hash, name_hash)
 *      and encrypted (name_enc, bsn_enc, birth_enc, bound to the row); the
 *      reporter's text likewise (note_enc).  No readable identity of a
 *      signal is in the database.
 *   2. Matching is one hop through what is known of her: a BSN and a
 *      name + birth date belong together when one signal or one client
 *      holds both, so a signal by BSN and one by name + birth date match
 *      as soon as anyone recorded both (R12, as the Verwijsindex does).
 *   3. A match notice names the other reporter, her organisation and how
 *      to reach her; nothing of the other signal's content is ever read
 *      for it.
 *   4. Only signals of another organisation match: colleagues talk anyway.
 *   5. A signal that shows two earlier ones to be about her (BSN in one,
 *      name and birth date in the other) matches them with each other too.
 */
#include "store/signal.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/signal.h"
#include "crypto/crypto.h"
#include "db/db.h"
#include "store/common.h"
#include "store/store.h"

char *
store_name_normalise(struct arena *a, const char *name)
{
	char *f = store_fold(a, name), *o;

	if (f == NULL)
		return NULL;
	o = f;
	for (const char *p = f; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c >= 0x80)
			*o++ = *p;
	}
	*o = '\0';
	return f;
}

/* The normalised name and the date as hashed, or false when either is
 * missing. */
static bool
name_parts(struct arena *a, const char *name, dl_date birth, const char **n,
    char date[DATE_STR_LEN + 1])
{
	if (name == NULL || birth == DATE_NONE)
		return false;
	*n = store_name_normalise(a, name);
	if (**n == '\0')
		return false;
	date_format(birth, date);
	return true;
}

char *
store_name_hash(struct arena *a, int id, const char *name, dl_date birth)
{
	char date[DATE_STR_LEN + 1], *out;
	const char *n;

	if (!name_parts(a, name, birth, &n, date))
		return NULL;
	out = arena_alloc(a, 65);
	if (crypto_name_hash(id, n, date, out) < 0)
		return NULL;
	return out;
}

void
store_name_hashes(struct arena *a, const char *name, dl_date birth,
    struct crypto_hashes *out)
{
	char date[DATE_STR_LEN + 1];
	const char *n = NULL;

	if (!name_parts(a, name, birth, &n, date))
		crypto_name_hashes(NULL, NULL, out);
	else
		crypto_name_hashes(n, date, out);
}

/* ---- recording and matching ---- */

/* Invariant 2: what is known of her through one signal or client; %1$s
 * the list of her name's hashes, %2$s of her BSN's (one per key). */
#define KNOWN_BSN \
	"(SELECT x.bsn_hash FROM signal x WHERE x.name_hash IN %1$s " \
	"UNION SELECT c.bsn_hash FROM client c WHERE c.name_hash IN %1$s)"
#define KNOWN_NAME \
	"(SELECT x.name_hash FROM signal x WHERE x.bsn_hash IN %2$s " \
	"UNION SELECT c.name_hash FROM client c WHERE c.bsn_hash IN %2$s)"

int
store_signal_insert(struct db *db, struct arena *a,
    const struct signal_in *in, char **id_out, size_t *nmatched,
    struct err *e)
{
	char now[INSTANT_LEN + 1], birth[DATE_STR_LEN + 1];
	struct crypto_hashes bs, ns;
	const char *bh, *nh, *b, *n;
	char **sigv = NULL, **cliv = NULL;
	size_t nsig = 0, ncli = 0;
	char *id = store_new_id(a, now);

	*nmatched = 0;
	date_format(in->birth, birth);
	/* Written under the current key; matched under every key loaded. */
	crypto_bsn_hashes(in->bsn, &bs);
	store_name_hashes(a, in->name, in->birth, &ns);
	bh = bs.v[0];
	nh = ns.v[0];
	b = store_in_list(a, bs.n);
	n = store_in_list(a, ns.n);
	if (store_exec(db, a, e, "INSERT INTO signal (id, reporter_id, "
	    "reporter_org, bsn_hash, name_hash, name_enc, bsn_enc, birth_enc, "
	    "indicators, certainty, note_enc, contact_phone, contact_email, "
	    "referred_org, referred_at, municipality_id, created_on, "
	    "created_at, hash_key_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?)", "ssssseeessesssssdsi",
	    id, in->reporter_id, in->reporter_org, bh, nh,
	    "signal", "name", id, nh ? in->name : NULL,
	    "signal", "bsn", id, in->bsn,
	    "signal", "birth", id, in->birth != DATE_NONE ? birth : NULL,
	    in->indicators, in->certainty, "signal", "note", id, in->note,
	    in->contact_phone, in->contact_email, in->referred_org,
	    in->referred_org ? now : NULL, in->municipality_id, in->created_on,
	    now, (int64_t)bs.id[0]) < 0)
		return -1;
	if (STORE_LIST_ROWS(db, a, &sigv, &nsig, e, store_text_row,
	    arena_printf(a, "SELECT s.id "
	    "FROM signal s WHERE s.id <> ? AND s.reporter_org <> ? AND "
	    "(s.bsn_hash IN %2$s OR s.name_hash IN %1$s OR s.bsn_hash IN "
	    KNOWN_BSN " OR s.name_hash IN " KNOWN_NAME ")", n, b),
	    "ssvvvvvv", id, in->reporter_org, bs.n, bs.v, ns.n, ns.v, ns.n,
	    ns.v, ns.n, ns.v, bs.n, bs.v, bs.n, bs.v) != 0)
		return -1;
	/* Every pair of the young person's signals from two organisations:
	 * the new one with each, and those this one shows to be hers too. */
	for (size_t i = 0; i < nsig; i++)
		if (store_exec(db, a, e, "INSERT INTO signal_match (signal_id, "
		    "other_id, created_at) VALUES (?, ?, ?), (?, ?, ?)",
		    "ssssss", id, sigv[i], now, sigv[i], id, now) < 0)
			return -1;
	for (size_t i = 0; i < nsig; i++)
		for (size_t j = 0; j < nsig; j++)
			if (i != j && store_exec(db, a, e, "INSERT INTO "
			    "signal_match (signal_id, other_id, created_at) "
			    "SELECT s.id, o.id, ? FROM signal s, signal o "
			    "WHERE s.id = ? AND o.id = ? AND s.reporter_org <> "
			    "o.reporter_org AND NOT EXISTS (SELECT 1 FROM "
			    "signal_match m WHERE m.signal_id = s.id AND "
			    "m.other_id = o.id)", "sss", now, sigv[i],
			    sigv[j]) < 0)
				return -1;
	if (STORE_LIST_ROWS(db, a, &cliv, &ncli, e, store_text_row,
	    arena_printf(a, "SELECT c.id "
	    "FROM client c WHERE c.bsn_hash IN %2$s OR c.name_hash IN %1$s OR "
	    "c.bsn_hash IN (SELECT x.bsn_hash FROM signal x WHERE x.name_hash "
	    "IN %1$s) OR c.name_hash IN (SELECT x.name_hash FROM signal x "
	    "WHERE x.bsn_hash IN %2$s)", n, b), "vvvv", bs.n, bs.v, ns.n, ns.v,
	    ns.n, ns.v, bs.n, bs.v) != 0)
		return -1;
	for (size_t i = 0; i < ncli; i++)
		if (store_exec(db, a, e, "INSERT INTO signal_client_match "
		    "(signal_id, client_id, created_at) VALUES (?, ?, ?)", "sss",
		    id, cliv[i], now) < 0)
			return -1;
	*id_out = id;
	*nmatched = nsig;
	return 0;
}

/* ---- reading ---- */

/* The columns signal_read reads; IDENTITY or NO_IDENTITY in between. */
#define SIGNAL_HEAD "SELECT s.id, s.reporter_id, u.display_name, " \
	"s.reporter_org, o.name, "
#define IDENTITY "s.name_enc, s.bsn_enc, s.birth_enc, "
#define NO_IDENTITY "NULL, NULL, NULL, "
#define SIGNAL_TAIL "s.indicators, s.certainty, s.note_enc, " \
	"s.contact_phone, s.contact_email, s.referred_org, r.name, " \
	"s.referred_at, s.screening, s.screened_at, s.client_id, " \
	"s.municipality_id, s.created_on, s.created_at FROM signal s " \
	"JOIN app_user u ON u.id = s.reporter_id " \
	"JOIN organisation o ON o.id = s.reporter_org " \
	"LEFT JOIN organisation r ON r.id = s.referred_org "

static int
signal_read(struct db_stmt *st, void *ctx, struct err *e)
{
	struct signal_rec *r = store_list_add(ctx);
	struct arena *a = ((struct store_list *)ctx)->a;
	char *birth = NULL;

	if (store_row(st, a, e, "ssssseeessesssssssssds", &r->id,
	    &r->reporter_id, &r->reporter_name, &r->reporter_org, &r->org_name,
	    "signal", "name", &r->id, &r->name, "signal", "bsn", &r->id,
	    &r->bsn, "signal", "birth", &r->id, &birth, &r->indicators,
	    &r->certainty, "signal", "note", &r->id, &r->note,
	    &r->contact_phone, &r->contact_email, &r->referred_org,
	    &r->referred_name, &r->referred_at, &r->screening,
	    &r->screened_at, &r->client_id, &r->municipality_id,
	    &r->created_on,
	    &r->created_at) != 0)
		return -1;
	r->birth = DATE_NONE;
	if (birth != NULL && date_parse(birth, &r->birth) != 0)
		r->birth = DATE_NONE;
	return 0;
}

int
store_signal_get(struct db *db, struct arena *a, const char *id,
    bool with_identity, struct signal_rec *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	return store_get_row(db, a, e, signal_read, out, sizeof *out,
	    R_SIGNAL_NOT_FOUND, "signal", with_identity ?
	    SIGNAL_HEAD IDENTITY SIGNAL_TAIL "WHERE s.id = ?" :
	    SIGNAL_HEAD NO_IDENTITY SIGNAL_TAIL "WHERE s.id = ?", "s", id);
}

STORE_ROW_FN(contact_read, struct signal_contact, c, "ssssssss", &c->signal_id,
    &c->reporter_name, &c->org_name, &c->phone, &c->email, &c->at,
    &c->client_id, &c->pseudonym)

int
store_signals_of_reporter(struct db *db, struct arena *a,
    const char *user_id, struct signal_rec **out, size_t *n, struct err *e)
{
	struct signal_contact *m = NULL;
	size_t nm = 0;
	struct store_list l = STORE_LIST(a, out, n);
	struct store_list lm = STORE_LIST(a, &m, &nm);

	if (store_list_rows(db, &l, e, signal_read, SIGNAL_HEAD NO_IDENTITY
	    SIGNAL_TAIL "WHERE s.reporter_id = ? ORDER BY s.created_at DESC, "
	    "s.id DESC", "s", user_id) != 0)
		return -1;
	/* Invariant 3: the other signal's reporter and contact only. */
	if (store_list_rows(db, &lm, e, contact_read, "SELECT m.signal_id, "
	    "u.display_name, o.name, s.contact_phone, s.contact_email, "
	    "m.created_at, NULL, NULL FROM signal_match m "
	    "JOIN signal mine ON mine.id = m.signal_id "
	    "JOIN signal s ON s.id = m.other_id "
	    "JOIN app_user u ON u.id = s.reporter_id "
	    "JOIN organisation o ON o.id = s.reporter_org "
	    "WHERE mine.reporter_id = ? ORDER BY m.created_at, m.other_id",
	    "s", user_id) != 0)
		return -1;
	for (size_t i = 0; i < *n; i++) {
		struct signal_rec *r = &(*out)[i];

		for (size_t j = 0; j < nm; j++) {
			if (strcmp(m[j].signal_id, r->id) != 0)
				continue;
			if (r->matches == NULL)
				r->matches = &m[j];
			r->nmatches++;
		}
	}
	return 0;
}

STORE_LIST_FN(store_signals_referred, struct signal_rec, signal_read,
    const char *, org, SIGNAL_HEAD NO_IDENTITY SIGNAL_TAIL "WHERE "
    "s.referred_org = ? ORDER BY s.created_at DESC, s.id DESC", "s", org)

STORE_LIST_FN(store_signal_notices, struct signal_contact, contact_read,
    const char *, org, "SELECT s.id, u.display_name, o.name, s.contact_phone, "
    "s.contact_email, s.created_at, c.id, c.pseudonym FROM "
    "signal_client_match m JOIN signal s ON s.id = m.signal_id JOIN client c "
    "ON c.id = m.client_id JOIN trajectory t ON t.client_id = c.id AND "
    "t.end_date IS NULL JOIN app_user u ON u.id = s.reporter_id JOIN "
    "organisation o ON o.id = s.reporter_org WHERE t.coordinator_org = ? "
    "ORDER BY s.created_at DESC, s.id", "s", org)

/* ---- the way to care ---- */

static int
changed_one(int rc, struct err *e)
{
	return store_found(rc, e, ERR_NOT_FOUND, NULL, R_SIGNAL_NOT_FOUND,
	    "signal not found");
}

int
store_signal_refer(struct db *db, struct arena *a, const char *id,
    const char *org, struct err *e)
{
	char now[INSTANT_LEN + 1];

	instant_now(now);
	return changed_one(store_exec(db, a, e, "UPDATE signal SET "
	    "referred_org = ?, referred_at = ? WHERE id = ?", "sss", org, now,
	    id), e);
}

int
store_signal_screen(struct db *db, struct arena *a, const char *id,
    const char *outcome, const char *user_id, struct err *e)
{
	char now[INSTANT_LEN + 1];

	instant_now(now);
	return changed_one(store_exec(db, a, e, "UPDATE signal SET "
	    "screening = ?, screened_by = ?, screened_at = ? WHERE id = ?",
	    "ssss", outcome, user_id, now, id), e);
}

int
store_signal_link_client(struct db *db, struct arena *a, const char *id,
    const char *client_id, struct err *e)
{
	char now[INSTANT_LEN + 1];

	instant_now(now);
	/* Once: a signal leads to one registration (a racing intake finds it
	 * linked and changes nothing). */
	if (changed_one(store_exec(db, a, e, "UPDATE signal SET client_id = ? "
	    "WHERE id = ? AND client_id IS NULL", "ss", client_id, id), e) != 0)
		return e->code == ERR_NOT_FOUND ? err_setr(e, ERR_CONFLICT,
		    NULL, R_SIGNAL_REGISTERED_ALREADY,
		    "this signal already led to a registration") : -1;
	return store_exec(db, a, e, "INSERT INTO signal_client_match "
	    "(signal_id, client_id, created_at) SELECT ?, ?, ? WHERE NOT EXISTS "
	    "(SELECT 1 FROM signal_client_match WHERE signal_id = ? AND "
	    "client_id = ?)", "sssss", id, client_id, now, id, client_id) < 0 ?
	    -1 : 0;
}

/* ---- retention ---- */

struct purge_row {
	char *id, *birth;
	dl_date made;
};

STORE_ROW_FN(purge_read, struct purge_row, r, "sde", &r->id, &r->made, "signal",
    "birth", &r->id, &r->birth)

/* Destroy (or with dry, only count) the signals due on asof. */
static int
purge_in(struct db *db, struct arena *a, dl_date asof, bool dry,
    long *n_destroyed, struct err *e)
{
	struct purge_row *v = NULL;
	size_t n = 0;
	struct store_list l = STORE_LIST(a, &v, &n);
	/* Her birth date is decrypted here only, to find her 23rd birthday. */
	if (store_list_rows(db, &l, e, purge_read, "SELECT id, created_on, "
	    "birth_enc FROM signal WHERE client_id IS NULL ORDER BY id", "") != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		dl_date birth = DATE_NONE;

		if (v[i].birth != NULL && date_parse(v[i].birth, &birth) != 0)
			birth = DATE_NONE;
		if (v[i].made == DATE_NONE ||
		    signal_destroy_on(v[i].made, birth) > asof)
			continue;
		if (dry) {
			(*n_destroyed)++;
			continue;
		}
		if (store_exec(db, a, e, "DELETE FROM signal_match WHERE "
		    "signal_id = ? OR other_id = ?", "ss", v[i].id, v[i].id) < 0 ||
		    store_exec(db, a, e, "DELETE FROM signal_client_match WHERE "
		    "signal_id = ?", "s", v[i].id) < 0 ||
		    store_exec(db, a, e, "DELETE FROM signal WHERE id = ?", "s",
		    v[i].id) < 0 ||
		    store_audit_system(db, "destroy", "signal", v[i].id, e) != 0)
			return -1;
		(*n_destroyed)++;
	}
	return 0;
}

static int
signals_purge(struct db *db, const char *asof_date, bool dry,
    long *n_destroyed, struct err *e)
{
	struct arena a;
	dl_date asof;
	bool own = !db_in_write_transaction(db);
	int rc = -1;

	*n_destroyed = 0;
	if (asof_date == NULL || date_parse(asof_date, &asof) != 0)
		return err_setr(e, ERR_INVALID, "asof", R_FIELD_NOT_A_DATE,
		    "the as-of date must be YYYY-MM-DD");
	arena_init(&a);
	if (own && db_begin_write(db, e) != 0)
		goto out;
	rc = purge_in(db, &a, asof, dry, n_destroyed, e);
	if (own)
		rc = store_tx_end(db, rc, e);
	if (rc != 0)
		*n_destroyed = 0;
out:
	arena_cleanup(&a);
	return rc;
}

int
store_signals_purge(struct db *db, const char *asof_date, long *n_destroyed,
    struct err *e)
{
	return signals_purge(db, asof_date, false, n_destroyed, e);
}

int
store_signals_due(struct db *db, const char *asof_date, long *n_due,
    struct err *e)
{
	return signals_purge(db, asof_date, true, n_due, e);
}
