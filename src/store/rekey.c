/*
 * rekey.c - SQL of key rotation; see rekey.h.
 *
 * Invariants:
 *   1. rekey_places names every encrypted column of the schema and every
 *      table with hash_key_id; a column another part adds must be added
 *      here, or `key retire` would remove a key it still needs (the key
 *      test compares this list with the schema).
 *   2. A ciphertext is re-encrypted for the same table|column|row it was
 *      bound to: the additional data is taken from the one of the two
 *      spellings of the column in use ("name" or "name_enc") that opens it.
 *   3. Each batch is its own short write transaction: a running serve
 *      waits at most one batch for its own writes, and reads never wait.
 *
 * Never: put a value, plaintext or ciphertext, in an error message.
 */
#include "store/rekey.h"

#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "crypto/crypto.h"
#include "db/db.h"
#include "store/common.h"
#include "store/signal.h"

#define ENC(t, c) { t, c, "id", NULL, false }
#define HASHES(t, live, rk) { t, "hash_key_id", "id", live, rk }

const struct rekey_place rekey_places[] = {
	ENC("client", "name_enc"), ENC("client", "bsn_enc"),
	ENC("trajectory", "end_reason_enc"),
	ENC("phase", "location_enc"), ENC("phase", "change_reason_enc"),
	ENC("phase", "safety_reason_enc"),
	ENC("transition_plan", "her_view_enc"),
	ENC("transition_item", "notes_enc"),
	ENC("handover", "meeting_notes_enc"),
	ENC("life_domain", "her_words_enc"),
	ENC("domain_goal", "text_enc"),
	ENC("domain_history", "value_enc"),
	ENC("review", "participants_enc"), ENC("review", "outcome_enc"),
	ENC("trajectory_closure", "end_reason_enc"),
	ENC("trajectory_closure", "sign_off_reason_enc"),
	ENC("trajectory_closure", "reopen_reason_enc"),
	ENC("aftercare", "outcome_enc"),
	ENC("promise", "what_enc"), ENC("promise", "agreement_enc"),
	ENC("promise", "close_note_enc"),
	ENC("promise_view", "note_enc"),
	ENC("journal_entry", "body_enc"),
	ENC("journal_entry", "correction_reason_enc"),
	ENC("journal_withhold", "reason_enc"),
	ENC("journal_statement", "body_enc"),
	ENC("own_plan", "body_enc"),
	ENC("consent", "recipient_enc"), ENC("consent", "purpose_enc"),
	ENC("consent", "exception_enc"),
	ENC("signal", "name_enc"), ENC("signal", "bsn_enc"),
	ENC("signal", "birth_enc"), ENC("signal", "note_enc"),
	ENC("exploiter_indicator", "value_enc"),
	ENC("exploiter_indicator", "normal_enc"),
	ENC("exploiter_indicator", "note_enc"),
	ENC("indicator_export", "reference_enc"),
	ENC("indicator_export", "recipient_enc"),
	{ "user_totp", "secret_enc", "user_id", NULL, false },
	ENC("destruction_request", "refusal_reason_enc"),
	ENC("legal_hold", "reason_enc"), ENC("legal_hold", "lift_reason_enc"),
	HASHES("client", NULL, true),
	HASHES("signal", NULL, true),
	HASHES("exploiter_indicator", NULL, true),
	/* A code can be used while unspent in an open round, an activation
	 * code while unused and unexpired; after that its hash matters no more. */
	HASHES("climate_code", "spent = 0 AND EXISTS (SELECT 1 FROM "
	    "climate_round r WHERE r.id = round_id AND r.closes_on >= ?)",
	    false),
	HASHES("activation_code", "used_at IS NULL AND expires_at > ?",
	    false),
};
const size_t rekey_nplaces = sizeof rekey_places / sizeof rekey_places[0];

static const char B64URL[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static bool
is_hashes(const struct rekey_place *p)
{
	return strcmp(p->column, "hash_key_id") == 0;
}

/* The key id the first two base64 characters of a ciphertext encode. */
static int
prefix_key(const char *s)
{
	const char *c0, *c1;

	if (s == NULL || s[0] == '\0' || s[1] == '\0' ||
	    (c0 = strchr(B64URL, s[0])) == NULL ||
	    (c1 = strchr(B64URL, s[1])) == NULL)
		return 0;
	return (int)(((c0 - B64URL) << 2) | ((c1 - B64URL) >> 4));
}

struct count_ctx {
	struct arena *a;
	int64_t *counts;
	bool hashes;
};

static int
count_row(struct db_stmt *st, void *ctx, struct err *e)
{
	struct count_ctx *cx = ctx;
	char *prefix = NULL;
	int64_t id = 0, n = 0;

	if (cx->hashes) {
		if (store_row(st, cx->a, e, "ii", &id, &n) != 0)
			return -1;
		if (id < 0 || id > 255)
			id = 0;
	} else {
		if (store_row(st, cx->a, e, "si", &prefix, &n) != 0)
			return -1;
		id = prefix_key(prefix);
	}
	cx->counts[id] += n;
	return 0;
}

int
store_rekey_count(struct db *db, struct arena *a,
    const struct rekey_place *p, int64_t counts[256], struct err *e)
{
	struct count_ctx cx = { a, counts, is_hashes(p) };
	char today[DATE_STR_LEN + 1], now[INSTANT_LEN + 1];

	if (!cx.hashes)
		return store_each(db, a, e, count_row, &cx, arena_printf(a,
		    "SELECT SUBSTR(%s, 1, 2), COUNT(*) FROM %s WHERE %s IS NOT "
		    "NULL GROUP BY SUBSTR(%s, 1, 2)", p->column, p->table,
		    p->column, p->column), "") < 0 ? -1 : 0;
	if (p->live == NULL)
		return store_each(db, a, e, count_row, &cx, arena_printf(a,
		    "SELECT hash_key_id, COUNT(*) FROM %s GROUP BY hash_key_id",
		    p->table), "") < 0 ? -1 : 0;
	date_format(date_today(), today);
	instant_now(now);
	return store_each(db, a, e, count_row, &cx, arena_printf(a,
	    "SELECT hash_key_id, COUNT(*) FROM %s WHERE %s GROUP BY "
	    "hash_key_id", p->table, p->live), "s",
	    strcmp(p->table, "climate_code") == 0 ? today : now) < 0 ? -1 : 0;
}

/* ---- re-encryption ---- */

struct enc_row {
	char *id, *enc;
};

STORE_ROW_FN(enc_row, struct enc_row, r, "ss", &r->id, &r->enc)

/* The 16 two-character prefixes of a ciphertext under key id. */
static void
key_prefixes(int id, char buf[16][3], const char *v[16])
{
	for (int k = 0; k < 16; k++) {
		buf[k][0] = B64URL[id >> 2];
		buf[k][1] = B64URL[((id & 3) << 4) | k];
		buf[k][2] = '\0';
		v[k] = buf[k];
	}
}

/* Decrypt r's value (either spelling of the column, invariant 2) and
 * encrypt it under the current key for the same binding. */
static int
reseal(struct arena *a, const struct rekey_place *p, const struct enc_row *r,
    char **out, struct err *e)
{
	size_t len = strlen(p->column) - 4;	/* without "_enc" */
	const char *names[2] = { arena_printf(a, "%.*s", (int)len, p->column),
		p->column };
	char *plain = NULL;

	for (int i = 0; i < 2; i++) {
		struct err ignored;

		err_init(&ignored);
		if (crypto_field_decrypt(a, p->table, names[i], r->id, r->enc,
		    &plain, &ignored) == 0) {
			*out = crypto_field_encrypt(a, p->table, names[i], r->id,
			    plain);
			return 0;
		}
	}
	return err_set(e, ERR_CRYPTO, NULL, "%s.%s of row %s does not open "
	    "with key %d of the key file (or that key is missing)", p->table,
	    p->column, r->id, crypto_field_key_id(r->enc));
}

int
store_rekey_batch(struct db *db, const struct rekey_place *p, int batch,
    int64_t *found, int64_t *done, struct err *e)
{
	char prefix[16][3];
	const char *v[16];
	struct enc_row *rows = NULL;
	size_t n = 0;
	struct arena a;
	struct store_list l = STORE_LIST(&a, &rows, &n);
	int rc = -1;

	*found = *done = 0;
	arena_init(&a);
	key_prefixes(crypto_key_current(), prefix, v);
	if (db_begin_write(db, e) != 0)
		goto out;
	if (store_list_rows(db, &l, e, enc_row, arena_printf(&a, "SELECT %s, "
	    "%s FROM %s WHERE %s IS NOT NULL AND SUBSTR(%s, 1, 2) NOT IN %s "
	    "ORDER BY %s LIMIT %d", p->row, p->column, p->table, p->column,
	    p->column, store_in_list(&a, 16), p->row, batch), "v",
	    (size_t)16, v) != 0)
		goto fail;
	for (size_t i = 0; i < n; i++) {
		char *enc = NULL;
		int ch;

		if (reseal(&a, p, &rows[i], &enc, e) != 0)
			goto fail;
		ch = store_exec(db, &a, e, arena_printf(&a, "UPDATE %s SET %s = "
		    "? WHERE %s = ? AND %s = ?", p->table, p->column, p->row,
		    p->column), "sss", enc, rows[i].id, rows[i].enc);
		if (ch < 0)
			goto fail;
		*done += ch;
	}
	rc = 0;
fail:
	if ((rc = store_tx_end(db, rc, e)) == 0)
		*found = (int64_t)n;
	else
		*done = 0;
out:
	arena_cleanup(&a);
	return rc;
}

/* ---- keyed hashes ---- */

struct id_rows {
	char *id, *a, *b, *c;	/* the row's id and up to three values */
};

STORE_ROW_FN(client_read, struct id_rows, r, "sees", &r->id, "client", "name",
    &r->id, &r->a, "client", "bsn", &r->id, &r->b, &r->c)

STORE_ROW_FN(signal_read, struct id_rows, r, "seee", &r->id, "signal", "name",
    &r->id, &r->a, "signal", "bsn", &r->id, &r->b, "signal", "birth", &r->id,
    &r->c)

STORE_ROW_FN(indicator_read, struct id_rows, r, "sse", &r->id, &r->a,
    "exploiter_indicator", "normal", &r->id, &r->b)

/* Rows of a table whose hashes name another key than `key`. */
static int
stale(struct db *db, struct arena *a, store_row_fn *fn, const char *cols,
    const char *table, int key, struct id_rows **rows, size_t *n,
    struct err *e)
{
	struct store_list l = STORE_LIST(a, rows, n);

	return store_list_rows(db, &l, e, fn, arena_printf(a, "SELECT %s FROM "
	    "%s WHERE hash_key_id <> ? ORDER BY id", cols, table), "i",
	    (int64_t)key);
}

static dl_date
parse_date(const char *s)
{
	dl_date d = DATE_NONE;

	if (s == NULL || date_parse(s, &d) != 0)
		return DATE_NONE;
	return d;
}

/* The tables that hold her identity's hashes: how a row is read and how
 * its hashes are written anew.  A signal's hash with no identity stored
 * beside it (the figures' synthetic signals) matches nobody under any
 * key: kept. */
static const struct identity_place {
	store_row_fn *read;
	const char *cols, *table, *update;
} identity_places[] = {
	{ client_read, "id, name_enc, bsn_enc, birth_date", "client",
	  "UPDATE client SET bsn_hash = ?, name_hash = CASE WHEN name_hash IS "
	  "NULL THEN NULL ELSE ? END, hash_key_id = ? WHERE id = ?" },
	{ signal_read, "id, name_enc, bsn_enc, birth_enc", "signal",
	  "UPDATE signal SET bsn_hash = COALESCE(?, bsn_hash), name_hash = "
	  "COALESCE(?, name_hash), hash_key_id = ? WHERE id = ?" },
};

/* Her identity's hashes: client and signal, under key. */
static int
identity_family(struct db *db, struct arena *a, int key, int64_t *done,
    struct err *e)
{
	char bh[65];

	for (size_t t = 0; t < sizeof identity_places /
	    sizeof identity_places[0]; t++) {
		const struct identity_place *p = &identity_places[t];
		struct id_rows *r = NULL;
		size_t n = 0;

		if (stale(db, a, p->read, p->cols, p->table, key, &r, &n,
		    e) != 0)
			return -1;
		for (size_t i = 0; i < n; i++) {
			int ch = store_exec(db, a, e, p->update, "ssis",
			    r[i].b != NULL && crypto_bsn_hash(key, r[i].b,
			    bh) > 0 ? bh : NULL, store_name_hash(a, key,
			    r[i].a, parse_date(r[i].c)), (int64_t)key,
			    r[i].id);

			if (ch < 0)
				return -1;
			*done += ch;
		}
	}
	return 0;
}

static int
indicator_family(struct db *db, struct arena *a, int key, int64_t *done,
    struct err *e)
{
	struct id_rows *r = NULL;
	size_t n = 0;
	char h[65];

	if (stale(db, a, indicator_read, "id, kind, normal_enc",
	    "exploiter_indicator", key, &r, &n, e) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int ch;

		if (r[i].a == NULL || r[i].b == NULL ||
		    crypto_indicator_hash(key, r[i].a, r[i].b, h) < 0)
			return err_set(e, ERR_INTERNAL, NULL, "indicator %s "
			    "cannot be re-keyed", r[i].id);
		ch = store_exec(db, a, e, "UPDATE exploiter_indicator SET "
		    "match_hash = ?, hash_key_id = ? WHERE id = ?", "sis", h,
		    (int64_t)key, r[i].id);
		if (ch < 0)
			return -1;
		*done += ch;
	}
	return 0;
}

int
store_rekey_hashes(struct db *db, int64_t *done, struct err *e)
{
	typedef int family_fn(struct db *, struct arena *, int, int64_t *,
	    struct err *);
	static family_fn *const families[] = { identity_family,
		indicator_family };
	int key = crypto_key_current();

	*done = 0;
	for (size_t i = 0; i < sizeof families / sizeof families[0]; i++) {
		struct arena a;
		int rc;

		arena_init(&a);
		rc = db_begin_write(db, e);
		if (rc == 0)
			rc = store_tx_end(db, families[i](db, &a, key, done, e),
			    e);
		arena_cleanup(&a);
		if (rc != 0)
			return -1;
	}
	return 0;
}
