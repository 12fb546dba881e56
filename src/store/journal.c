/*
 * journal.c - journal entries about her (DOMAIN.md R10): versions,
 * withholdings and her statements.
 *
 * Invariants:
 *   1. No UPDATE ever touches journal_entry or journal_statement: a
 *      correction is a new version (thread_id, version + 1, previous_id),
 *      the unique (thread_id, version) index refusing two corrections of
 *      the same version.
 *   2. An entry is visible to her unless a withholding without
 *      released_at exists; at most one such row per entry (partial unique
 *      index).  Releasing sets released_* once; the row stays as history.
 *   3. Her statements belong to the thread, so a correction never moves or
 *      hides them; each records the version she answered.
 */
#include "store/voice.h"

#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "store/common.h"
#include "util/id.h"

static struct journal_rec *
find(struct journal_rec *v, size_t n, const char *thread)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].id, thread) == 0)
			return &v[i];
	return NULL;
}

static int
by_date_desc(const void *pa, const void *pb)
{
	const struct journal_rec *x = pa, *y = pb;
	dl_date dx = x->versions[x->nversions - 1].entry_date;
	dl_date dy = y->versions[y->nversions - 1].entry_date;

	if (dx != dy)
		return dx < dy ? 1 : -1;
	return -strcmp(x->id, y->id);
}

/*
 * Load the entries of one client (or of one thread when `thread` is not
 * NULL): versions first, then withholdings and statements attached.
 */
static int
load(struct db *db, struct arena *a, const char *client_id,
    const char *thread, bool with_withheld, struct journal_rec **out,
    size_t *n, struct err *e)
{
	struct db_stmt *st = NULL;
	size_t cap = 0, *vcaps = NULL, *scaps = NULL;
	struct journal_rec *v = NULL;
	size_t len = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (db_prepare(db, thread != NULL ?
	    "SELECT j.id, j.thread_id, j.version, j.author_id, u.display_name, "
	    "u.role, j.entry_date, j.body_enc, j.correction_reason_enc, "
	    "j.created_at FROM journal_entry j JOIN app_user u ON u.id = "
	    "j.author_id WHERE j.client_id = ? AND j.thread_id = ? ORDER BY "
	    "j.version" :
	    "SELECT j.id, j.thread_id, j.version, j.author_id, u.display_name, "
	    "u.role, j.entry_date, j.body_enc, j.correction_reason_enc, "
	    "j.created_at FROM journal_entry j JOIN app_user u ON u.id = "
	    "j.author_id WHERE j.client_id = ? ORDER BY j.thread_id, j.version",
	    &st, e) != 0)
		return -1;
	db_bind_text(st, 1, client_id);
	if (thread != NULL)
		db_bind_text(st, 2, thread);
	while ((rc = db_step(st, e)) == 1) {
		const char *tid = db_col_text(st, 1);
		struct journal_rec *r = find(v, len, tid);
		struct journal_version *x;

		if (r == NULL) {
			size_t old = cap;

			r = store_grow(a, (void **)&v, &len, &cap, sizeof *r);
			if (cap != old) {
				size_t *nv = arena_alloc(a, cap * sizeof *nv);

				if (old)
					memcpy(nv, vcaps, old * sizeof *nv);
				vcaps = nv;
			}
			memset(r, 0, sizeof *r);
			vcaps[len - 1] = 0;
			r->id = arena_strdup(a, tid);
			r->client_id = arena_strdup(a, client_id);
		}
		x = store_grow(a, (void **)&r->versions, &r->nversions,
		    &vcaps[r - v], sizeof *x);
		memset(x, 0, sizeof *x);
		x->id = store_col_str(st, a, 0);
		x->version = (int)db_col_int64(st, 2);
		x->author.id = store_col_str(st, a, 3);
		x->author.display_name = store_col_str(st, a, 4);
		x->author.role = store_col_str(st, a, 5);
		x->entry_date = store_col_date(st, 6);
		x->created_at = store_col_str(st, a, 9);
		if (store_col_dec(st, 7, a, "journal_entry", "body", x->id,
		    &x->text, e) != 0 ||
		    store_col_dec(st, 8, a, "journal_entry", "correction_reason",
		    x->id, &x->correction_reason, e) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(st);
	if (rc < 0)
		return -1;
	if (len == 0)
		goto done;

	/* Current withholdings. */
	if (db_prepare(db, "SELECT w.id, w.thread_id, w.reason_enc, "
	    "w.withheld_by, u.display_name, u.role, w.withheld_at FROM "
	    "journal_withhold w JOIN app_user u ON u.id = w.withheld_by WHERE "
	    "w.client_id = ? AND w.released_at IS NULL", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, client_id);
	while ((rc = db_step(st, e)) == 1) {
		struct journal_rec *r = find(v, len, db_col_text(st, 1));

		if (r == NULL)
			continue;
		r->withheld = true;
		r->withhold.id = store_col_str(st, a, 0);
		r->withhold.withheld_by.id = store_col_str(st, a, 3);
		r->withhold.withheld_by.display_name = store_col_str(st, a, 4);
		r->withhold.withheld_by.role = store_col_str(st, a, 5);
		r->withhold.withheld_at = store_col_str(st, a, 6);
		if (store_col_dec(st, 2, a, "journal_withhold", "reason",
		    r->withhold.id, &r->withhold.reason, e) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(st);
	if (rc < 0)
		return -1;

	/* Her statements, oldest first. */
	scaps = arena_alloc(a, len * sizeof *scaps);
	if (db_prepare(db, "SELECT s.id, s.thread_id, s.entry_id, j.version, "
	    "s.body_enc, s.created_at FROM journal_statement s JOIN "
	    "journal_entry j ON j.id = s.entry_id WHERE s.client_id = ? "
	    "ORDER BY s.created_at, s.id", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, client_id);
	while ((rc = db_step(st, e)) == 1) {
		struct journal_rec *r = find(v, len, db_col_text(st, 1));
		struct journal_statement_rec *s;

		if (r == NULL)
			continue;
		s = store_grow(a, (void **)&r->statements, &r->nstatements,
		    &scaps[r - v], sizeof *s);
		s->id = store_col_str(st, a, 0);
		s->entry_id = store_col_str(st, a, 2);
		s->version = (int)db_col_int64(st, 3);
		s->created_at = store_col_str(st, a, 5);
		if (store_col_dec(st, 4, a, "journal_statement", "body", s->id,
		    &s->text, e) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(st);
	if (rc < 0)
		return -1;

	if (!with_withheld) {
		size_t k = 0;

		for (size_t i = 0; i < len; i++)
			if (!v[i].withheld)
				v[k++] = v[i];
		len = k;
	}
	/* Newest first: by the date of the latest version, then by id. */
	qsort(v, len, sizeof *v, by_date_desc);
done:
	*out = v;
	*n = len;
	return 0;
}

int
store_journal_list(struct db *db, struct arena *a, const char *client_id,
    bool with_withheld, struct journal_rec **out, size_t *n, struct err *e)
{
	return load(db, a, client_id, NULL, with_withheld, out, n, e);
}

int
store_journal_get(struct db *db, struct arena *a, const char *client_id,
    const char *thread_id, bool with_withheld, struct journal_rec *out,
    struct err *e)
{
	struct journal_rec *v;
	size_t n;

	if (!id_valid(thread_id))
		return err_setr(e, ERR_NOT_FOUND, NULL,
		    R_JOURNAL_NOT_FOUND, "journal entry not found");
	if (load(db, a, client_id, thread_id, with_withheld, &v, &n, e) != 0)
		return -1;
	if (n == 0)
		return err_setr(e, ERR_NOT_FOUND, NULL,
		    R_JOURNAL_NOT_FOUND, "journal entry not found");
	*out = v[0];
	return 0;
}

static int
insert_version(struct db *db, struct arena *a, const char *id,
    const char *thread_id, int version, const char *previous_id,
    const char *client_id, const char *author_id, dl_date entry_date,
    const char *text, const char *reason, struct err *e)
{
	char now[INSTANT_LEN + 1];
	struct db_stmt *st = NULL;
	int rc;

	instant_now(now);
	if (db_prepare(db, "INSERT INTO journal_entry (id, thread_id, version, "
	    "previous_id, client_id, author_id, entry_date, body_enc, "
	    "correction_reason_enc, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?)", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, thread_id);
	db_bind_int64(st, 3, version);
	db_bind_text(st, 4, previous_id);
	db_bind_text(st, 5, client_id);
	db_bind_text(st, 6, author_id);
	store_bind_date(st, 7, entry_date);
	store_bind_enc(st, 8, a, "journal_entry", "body", id, text);
	store_bind_enc(st, 9, a, "journal_entry", "correction_reason", id,
	    reason);
	db_bind_text(st, 10, now);
	rc = db_step(st, e);
	db_finalize(st);
	if (rc < 0 && e->code == ERR_CONFLICT)
		return err_setr(e, ERR_CONFLICT, NULL,
		    R_JOURNAL_CORRECTED_ALREADY,
		    "this version has been corrected already; correct the latest");
	return rc < 0 ? -1 : 0;
}

int
store_journal_insert(struct db *db, struct arena *a, const char *client_id,
    const char *author_id, dl_date entry_date, const char *text,
    char **thread_id, struct err *e)
{
	char id[ID_LEN + 1];

	id_new(id);
	*thread_id = arena_strdup(a, id);
	return insert_version(db, a, id, id, 1, NULL, client_id, author_id,
	    entry_date, text, NULL, e);
}

int
store_journal_correct(struct db *db, struct arena *a, const char *client_id,
    const char *thread_id, const struct journal_version *prev,
    const char *author_id, dl_date entry_date, const char *text,
    const char *reason, struct err *e)
{
	char id[ID_LEN + 1];

	id_new(id);
	return insert_version(db, a, id, thread_id, prev->version + 1, prev->id,
	    client_id, author_id, entry_date, text, reason, e);
}

int
store_journal_withhold(struct db *db, struct arena *a, const char *client_id,
    const char *thread_id, const char *reason, const char *user_id,
    struct err *e)
{
	char id[ID_LEN + 1], now[INSTANT_LEN + 1];
	struct db_stmt *st = NULL;
	int rc;

	id_new(id);
	instant_now(now);
	if (db_prepare(db, "INSERT INTO journal_withhold (id, thread_id, "
	    "client_id, reason_enc, withheld_by, withheld_at) VALUES "
	    "(?, ?, ?, ?, ?, ?)", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, thread_id);
	db_bind_text(st, 3, client_id);
	store_bind_enc(st, 4, a, "journal_withhold", "reason", id, reason);
	db_bind_text(st, 5, user_id);
	db_bind_text(st, 6, now);
	rc = db_step(st, e);
	db_finalize(st);
	if (rc < 0 && e->code == ERR_CONFLICT)
		return err_setr(e, ERR_CONFLICT, NULL,
		    R_JOURNAL_WITHHELD_ALREADY,
		    "this entry is withheld from her already");
	return rc < 0 ? -1 : 0;
}

int
store_journal_release(struct db *db, const char *thread_id,
    const char *user_id, struct err *e)
{
	char now[INSTANT_LEN + 1];
	struct db_stmt *st = NULL;
	int rc, changed;

	instant_now(now);
	if (db_prepare(db, "UPDATE journal_withhold SET released_by = ?, "
	    "released_at = ? WHERE thread_id = ? AND released_at IS NULL",
	    &st, e) != 0)
		return -1;
	db_bind_text(st, 1, user_id);
	db_bind_text(st, 2, now);
	db_bind_text(st, 3, thread_id);
	rc = db_step(st, e);
	changed = rc < 0 ? 0 : db_changes(st);
	db_finalize(st);
	if (rc < 0)
		return -1;
	if (changed == 0)
		return err_setr(e, ERR_CONFLICT, NULL, R_JOURNAL_NOT_WITHHELD,
		    "this entry is not withheld from her");
	return 0;
}

int
store_journal_statement_insert(struct db *db, struct arena *a,
    const char *client_id, const char *thread_id, const char *entry_id,
    const char *text, const char *written_by, char **out_id, struct err *e)
{
	char id[ID_LEN + 1], now[INSTANT_LEN + 1];
	struct db_stmt *st = NULL;
	int rc;

	id_new(id);
	instant_now(now);
	*out_id = arena_strdup(a, id);
	if (db_prepare(db, "INSERT INTO journal_statement (id, thread_id, "
	    "entry_id, client_id, body_enc, written_by, created_at) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?)", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, thread_id);
	db_bind_text(st, 3, entry_id);
	db_bind_text(st, 4, client_id);
	store_bind_enc(st, 5, a, "journal_statement", "body", id, text);
	db_bind_text(st, 6, written_by);
	db_bind_text(st, 7, now);
	rc = db_step(st, e);
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

int
store_journal_withheld(struct db *db, struct arena *a, const char *org_id,
    struct withheld_row **out, size_t *n, struct err *e)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (db_prepare(db, "SELECT w.id, w.client_id, c.pseudonym, "
	    "w.thread_id, (SELECT j.entry_date FROM journal_entry j WHERE "
	    "j.thread_id = w.thread_id AND j.version = 1), w.reason_enc, "
	    "w.withheld_by, u.display_name, u.role, w.withheld_at FROM "
	    "journal_withhold w JOIN client c ON c.id = w.client_id JOIN "
	    "app_user u ON u.id = w.withheld_by WHERE w.released_at IS NULL "
	    "AND (c.registered_by_org = ? OR EXISTS (SELECT 1 FROM trajectory "
	    "t WHERE t.client_id = c.id AND t.coordinator_org = ?)) ORDER BY "
	    "w.withheld_at DESC, w.id", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, org_id);
	db_bind_text(st, 2, org_id);
	while ((rc = db_step(st, e)) == 1) {
		struct withheld_row *r = store_grow(a, (void **)out, n, &cap,
		    sizeof *r);

		memset(r, 0, sizeof *r);
		r->w.id = store_col_str(st, a, 0);
		r->client_id = store_col_str(st, a, 1);
		r->pseudonym = store_col_str(st, a, 2);
		r->thread_id = store_col_str(st, a, 3);
		r->entry_date = store_col_date(st, 4);
		r->w.withheld_by.id = store_col_str(st, a, 6);
		r->w.withheld_by.display_name = store_col_str(st, a, 7);
		r->w.withheld_by.role = store_col_str(st, a, 8);
		r->w.withheld_at = store_col_str(st, a, 9);
		if (store_col_dec(st, 5, a, "journal_withhold", "reason",
		    r->w.id, &r->w.reason, e) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}
