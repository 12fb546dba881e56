/*
 * audit.c - the NEN 7513 access log as a keyed hash chain.
 *
 * Owns the meaning of audit_log.hash and audit_head.  Entry n carries
 *
 *   hash_n = BLAKE2b-256(key = audit subkey,
 *                        "doorloop-audit-v1" || F(hash_{n-1}) || F(seq) ||
 *                        F(at) || F(user_id) || F(username) || F(role) ||
 *                        F(org_id) || F(client_id) || F(action) ||
 *                        F(object_type) || F(object_id) || F(outcome) ||
 *                        F(purpose) || F(request_id) || F(remote_addr))
 *
 * as 64 hex characters, where hash_0 is the empty string, seq is its
 * decimal text, and F(NULL) = 0x00 and F(s) = 0x01 || 4-byte big-endian
 * length || the bytes of s.  Every column is in it, and the length prefix
 * and NULL marker make the encoding unambiguous ("ab","c" and "a","bc"
 * differ; NULL and "" differ).
 *
 * Invariants:
 *   1. audit_head holds the seq and hash of the last entry.  An append
 *      of n entries (one batch) advances audit_head.seq by n first: on
 *      PostgreSQL that row lock serialises appenders until their
 *      transaction ends, on SQLite the write transaction (BEGIN
 *      IMMEDIATE, after the process write mutex) already does.
 *   2. An entry and the change it records commit in one transaction
 *      (auth_audit_append), or reads and refusals hand their entry to the
 *      audit writer (audit_writer.c), which appends the entries of many
 *      requests in one transaction; without a writer (the command line)
 *      an entry has a transaction of its own (auth_audit_append_tx).
 *   3. seq runs 1, 2, 3, ... without holes; a hole is a removed entry.
 *   4. Without the key nobody can compute a valid hash, so an edited,
 *      inserted or re-numbered entry breaks the chain where it is.
 *
 * Limit: whoever holds both database and key file can rewrite the whole
 * chain.  Removing tail entries while also rewinding audit_head is not
 * visible in the database alone: the signed checkpoints of the head kept
 * outside it (audit_checkpoint.c) close that gap, and the database's
 * triggers (014_oversight.sql) refuse UPDATE and DELETE on the log.
 *
 * Never: put client data in an entry beyond ids (no names, no BSN, no
 * free text other than the break-the-glass purpose).
 */
#include "auth/auth.h"
#include "auth/auth_impl.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "store/auth_store.h"
#include "store/store.h"

#define AUDIT_DOMAIN "doorloop-audit-v1"
#define AUDIT_TEXT_MAX 1024	/* longest value kept in one column */

static void
feed(crypto_generichash_state *h, const char *s)
{
	unsigned char hdr[5];
	size_t n;

	if (s == NULL) {
		hdr[0] = 0;
		crypto_generichash_update(h, hdr, 1);
		return;
	}
	n = strlen(s);
	hdr[0] = 1;
	hdr[1] = (unsigned char)(n >> 24);
	hdr[2] = (unsigned char)(n >> 16);
	hdr[3] = (unsigned char)(n >> 8);
	hdr[4] = (unsigned char)n;
	crypto_generichash_update(h, hdr, sizeof hdr);
	crypto_generichash_update(h, (const unsigned char *)s, n);
}

void
auth_audit_mac(const char *domain, const char *const *v, size_t n,
    char out[65])
{
	crypto_generichash_state h;
	unsigned char bin[32];

	crypto_generichash_init(&h, auth_subkey(AUTH_SUBKEY_AUDIT),
	    AUTH_KEY_BYTES, sizeof bin);
	crypto_generichash_update(&h, (const unsigned char *)domain,
	    strlen(domain));
	for (size_t i = 0; i < n; i++)
		feed(&h, v[i]);
	crypto_generichash_final(&h, bin, sizeof bin);
	sodium_bin2hex(out, 65, bin, sizeof bin);
}

static void
entry_hash(const char *prev, const struct store_audit_row *r, char out[65])
{
	char seq[24];
	const char *const v[] = { prev, seq, r->at, r->user_id, r->username,
		r->role, r->org_id, r->client_id, r->action, r->object_type,
		r->object_id, r->outcome, r->purpose, r->request_id,
		r->remote_addr };

	snprintf(seq, sizeof seq, "%" PRId64, r->seq);
	auth_audit_mac(AUDIT_DOMAIN, v, sizeof v / sizeof v[0], out);
}

/* Empty strings are stored as NULL, so "" and absent mean the same. */
static const char *
opt(const char *s)
{
	return s != NULL && *s != '\0' ? s : NULL;
}

/* At most AUDIT_TEXT_MAX bytes, cut at a UTF-8 character boundary. */
static const char *
clip(struct arena *a, const char *s)
{
	size_t n;

	if (s == NULL)
		return NULL;
	n = strnlen(s, AUDIT_TEXT_MAX + 1);
	if (n <= AUDIT_TEXT_MAX)
		return s;
	n = AUDIT_TEXT_MAX;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return arena_strndup(a, s, n);
}

int
auth_audit_check(const struct audit_entry *en, struct err *e)
{
	if (en->action == NULL || *en->action == '\0' ||
	    strlen(en->action) > 64)
		return err_set(e, ERR_INTERNAL, NULL, "audit entry without action");
	if (en->outcome == NULL || (strcmp(en->outcome, "ok") != 0 &&
	    strcmp(en->outcome, "denied") != 0))
		return err_set(e, ERR_INTERNAL, NULL,
		    "audit outcome must be ok or denied");
	return 0;
}

int
auth_audit_append_many(struct db *db, const struct audit_entry *const *ens,
    size_t n, struct err *e)
{
	struct store_audit_row r;
	struct arena a;
	char at[INSTANT_LEN + 1], hash[65], prev[65];
	char *head = NULL;
	int64_t last = 0;
	size_t i;
	int rc = -1;

	arena_init(&a);
	if (!db_in_transaction(db))
		abort();	/* the caller's write transaction is required */
	for (i = 0; i < n; i++)
		if (auth_audit_check(ens[i], e) != 0)
			goto out;
	if (n == 0) {
		rc = 0;
		goto out;
	}
	/* The head row is touched twice per batch, not per entry. */
	if (store_audit_head_advance(db, &a, (int64_t)n, &last, &head, e) != 0)
		goto out;
	snprintf(prev, sizeof prev, "%s", head != NULL ? head : "");
	instant_now(at);
	for (i = 0; i < n; i++) {
		const struct audit_entry *en = ens[i];

		memset(&r, 0, sizeof r);
		r.seq = last - (int64_t)n + 1 + (int64_t)i;
		r.at = at;
		r.user_id = opt(en->user_id);
		r.username = opt(en->username);
		r.role = opt(en->role);
		r.org_id = opt(en->org_id);
		r.client_id = opt(en->client_id);
		r.action = en->action;
		r.object_type = opt(en->object_type);
		r.object_id = opt(en->object_id);
		r.outcome = en->outcome;
		r.purpose = clip(&a, opt(en->purpose));
		r.request_id = opt(en->request_id);
		r.remote_addr = opt(en->remote_addr);
		entry_hash(prev, &r, hash);
		r.hash = hash;
		if (store_audit_insert(db, &r, e) != 0)
			goto out;
		memcpy(prev, hash, sizeof prev);
	}
	if (store_audit_head_set_hash(db, prev, e) != 0)
		goto out;
	rc = 0;
out:
	arena_cleanup(&a);
	return rc;
}

int
auth_audit_append(struct db *db, const struct audit_entry *en, struct err *e)
{
	return auth_audit_append_many(db, &en, 1, e);
}

int
auth_audit_append_tx(struct db *db, const struct audit_entry *en,
    struct err *e)
{
	if (db_begin_write(db, e) != 0)
		return -1;
	return store_tx_end(db, auth_audit_append(db, en, e), e);
}

struct verify_state {
	const struct audit_checkpoint *cps;	/* ascending by seq */
	size_t ncps, cp;	/* the next checkpoint to meet */
	int64_t expect;		/* the seq the next row must have */
	int64_t bad;		/* first bad seq, 0 while intact */
	int64_t checked;
	int64_t head_seq;	/* audit_head.seq read before the walk */
	char prev[65];		/* hash of the last good row */
	char at_head[65];	/* hash computed for the row at head_seq */
};

static int
verify_row(void *arg, const struct store_audit_row *r)
{
	struct verify_state *vs = arg;
	char h[65];

	vs->checked++;
	if (r->seq != vs->expect) {
		/* seq is the primary key and rows come in order, so a gap is
		 * a removed entry; the first seq after it is reported. */
		vs->bad = r->seq;
		return 1;
	}
	entry_hash(vs->prev, r, h);
	if (r->hash == NULL || sodium_memcmp(h, r->hash, 64) != 0 ||
	    strlen(r->hash) != 64) {
		vs->bad = r->seq;
		return 1;
	}
	while (vs->cp < vs->ncps && vs->cps[vs->cp].seq == r->seq) {
		if (sodium_memcmp(vs->cps[vs->cp].hash, h, 64) != 0) {
			vs->bad = r->seq;	/* a rewritten entry */
			return 1;
		}
		vs->cp++;
	}
	memcpy(vs->prev, h, sizeof vs->prev);
	if (r->seq == vs->head_seq)
		memcpy(vs->at_head, h, sizeof vs->at_head);
	vs->expect++;
	return 0;
}

/* After the walk: the first bad seq it found, or that the head read before
 * it shows, or 0. */
static int64_t
head_bad(const struct verify_state *vs, int64_t head_seq,
    const char *head_hash)
{
	if (vs->bad != 0)
		return vs->bad;
	if (vs->expect - 1 < head_seq)
		return head_seq;	/* entries removed from the tail */
	if (head_seq > 0 && (head_hash == NULL ||
	    strcmp(head_hash, vs->at_head) != 0))
		return head_seq;	/* the head names another entry */
	if (head_seq == 0 && head_hash != NULL && *head_hash != '\0')
		return 1;
	return 0;
}

static int
chain_verify(struct db *db, const struct audit_checkpoint *cps, size_t ncps,
    int64_t *bad_seq, int64_t *checked, struct err *e)
{
	struct verify_state vs;
	struct arena a;
	char *head_hash = NULL, *end_hash = NULL;
	int64_t head_seq = 0, end_seq = 0;
	int rc = -1, r;

	arena_init(&a);
	*bad_seq = 0;
	*checked = 0;
	memset(&vs, 0, sizeof vs);
	vs.cps = cps;
	vs.ncps = ncps;
	vs.expect = 1;
	/*
	 * The head is read before the rows: an append commits its row and
	 * the head together, so every entry up to head_seq is visible to the
	 * walk that follows, and entries appended meanwhile are checked by
	 * the chain like any other.  It is read again afterwards, so that
	 * rows beyond even the later head (a rewound head, or rows added
	 * behind its back) are found too.
	 */
	if (store_audit_head_get(db, &a, &head_seq, &head_hash, e) != 0)
		goto out;
	vs.head_seq = head_seq;
	if ((r = store_audit_iterate(db, verify_row, &vs, e)) < 0)
		goto out;
	*checked = vs.checked;
	*bad_seq = head_bad(&vs, head_seq, head_hash);
	if (*bad_seq == 0) {
		if (store_audit_head_get(db, &a, &end_seq, &end_hash, e) != 0)
			goto out;
		if (vs.expect - 1 > end_seq)
			*bad_seq = end_seq + 1;	/* rows beyond the head */
		else if (vs.cp < vs.ncps)
			*bad_seq = vs.cps[vs.cp].seq;	/* cut below a checkpoint */
	}
	rc = *bad_seq != 0;
out:
	arena_cleanup(&a);
	return rc;
}

int
auth_audit_verify(struct db *db, int64_t *bad_seq, int64_t *checked,
    struct err *e)
{
	return chain_verify(db, NULL, 0, bad_seq, checked, e);
}

int
auth_audit_verify_full(struct db *db, struct audit_verdict *v,
    struct err *e)
{
	struct audit_checkpoint *cps = NULL;
	struct arena a;
	char *head_hash = NULL;
	int64_t bad_line = 0, head_seq = 0;
	size_t ncps = 0;
	int r;

	memset(v, 0, sizeof *v);
	r = auth_audit_checkpoints_load(&cps, &ncps, &bad_line, e);
	if (r < 0)
		return -1;
	if (r == 2) {
		snprintf(v->reason, sizeof v->reason, "the checkpoint file was "
		    "altered at line %" PRId64, bad_line);
		return 1;
	}
	v->checkpoints = (int64_t)ncps;
	r = chain_verify(db, cps, ncps, &v->bad_seq, &v->checked, e);
	if (r == 1) {
		int64_t last_cp = ncps > 0 ? cps[ncps - 1].seq : 0;

		bool at_cp = false;

		for (size_t i = 0; i < ncps && !at_cp; i++)
			at_cp = cps[i].seq == v->bad_seq;
		if (at_cp && v->checked < v->bad_seq)
			snprintf(v->reason, sizeof v->reason, "entries up to "
			    "%" PRId64 " were checkpointed but are gone (the log "
			    "was cut or wiped)", last_cp);
		else
			snprintf(v->reason, sizeof v->reason, "entry %" PRId64
			    " was changed, removed or inserted", v->bad_seq);
	}
	free(cps);
	if (r != 0)
		return r;
	/* Entries but no checkpoint file at all: it was removed. */
	arena_init(&a);
	r = store_audit_head_get(db, &a, &head_seq, &head_hash, e);
	arena_cleanup(&a);
	if (r != 0)
		return -1;
	if (auth_audit_checkpoint_file() != NULL && ncps == 0 && head_seq > 0) {
		v->bad_seq = head_seq;
		snprintf(v->reason, sizeof v->reason, "no checkpoint of the "
		    "head in %s: the log cannot be shown to be whole",
		    auth_audit_checkpoint_file());
		return 1;
	}
	return 0;
}

/* The store's audit sink (store.h): an act of the installation itself. */
int
auth_audit_system(struct db *db, const char *action, const char *object_type,
    const char *object_id, struct err *e)
{
	struct audit_entry en;

	memset(&en, 0, sizeof en);
	en.username = "system";
	en.action = action;
	en.object_type = object_type;
	en.object_id = object_id;
	en.outcome = "ok";
	return auth_audit_append(db, &en, e);
}
