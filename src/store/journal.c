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

#include "store/common.h"

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

/* The entries being loaded: threads, and per thread its capacities. */
struct load_ctx {
	struct arena *a;
	const char *client_id;
	struct journal_rec *v;
	size_t len, cap;
	size_t *vcaps, *scaps;	/* per thread: versions', statements' capacity */
};

static int
version_row(struct db_stmt *st, void *ctx, struct err *e)
{
	struct load_ctx *cx = ctx;
	struct journal_version x;
	struct journal_rec *r;
	char *tid = NULL;
	int64_t version = 0;

	memset(&x, 0, sizeof x);
	if (store_row(st, cx->a, e, "ssisssdees", &x.id, &tid, &version,
	    &x.author.id, &x.author.display_name, &x.author.role, &x.entry_date,
	    "journal_entry", "body", &x.id, &x.text, "journal_entry",
	    "correction_reason", &x.id, &x.correction_reason,
	    &x.created_at) != 0)
		return -1;
	x.version = (int)version;
	if ((r = find(cx->v, cx->len, tid)) == NULL) {
		size_t old = cx->cap;

		r = store_grow(cx->a, (void **)&cx->v, &cx->len, &cx->cap,
		    sizeof *r);
		if (cx->cap != old) {
			size_t *nv = arena_alloc(cx->a, cx->cap * sizeof *nv);

			if (old)
				memcpy(nv, cx->vcaps, old * sizeof *nv);
			cx->vcaps = nv;
		}
		memset(r, 0, sizeof *r);
		cx->vcaps[cx->len - 1] = 0;
		r->id = tid;
		r->client_id = arena_strdup(cx->a, cx->client_id);
	}
	*(struct journal_version *)store_grow(cx->a, (void **)&r->versions,
	    &r->nversions, &cx->vcaps[r - cx->v], sizeof x) = x;
	return 0;
}

static int
withhold_row(struct db_stmt *st, void *ctx, struct err *e)
{
	struct load_ctx *cx = ctx;
	struct journal_withhold_rec w;
	struct journal_rec *r;
	char *tid = NULL;

	memset(&w, 0, sizeof w);
	if (store_row(st, cx->a, e, "ssessss", &w.id, &tid, "journal_withhold",
	    "reason", &w.id, &w.reason, &w.withheld_by.id,
	    &w.withheld_by.display_name, &w.withheld_by.role,
	    &w.withheld_at) != 0)
		return -1;
	if ((r = find(cx->v, cx->len, tid)) != NULL) {
		r->withheld = true;
		r->withhold = w;
	}
	return 0;
}

static int
statement_row(struct db_stmt *st, void *ctx, struct err *e)
{
	struct load_ctx *cx = ctx;
	struct journal_statement_rec s;
	struct journal_rec *r;
	char *tid = NULL;
	int64_t version = 0;

	memset(&s, 0, sizeof s);
	if (store_row(st, cx->a, e, "sssies", &s.id, &tid, &s.entry_id,
	    &version, "journal_statement", "body", &s.id, &s.text,
	    &s.created_at) != 0)
		return -1;
	s.version = (int)version;
	if ((r = find(cx->v, cx->len, tid)) != NULL)
		*(struct journal_statement_rec *)store_grow(cx->a,
		    (void **)&r->statements, &r->nstatements,
		    &cx->scaps[r - cx->v], sizeof s) = s;
	return 0;
}

#define VERSION_SELECT "SELECT j.id, j.thread_id, j.version, j.author_id, " \
	"u.display_name, u.role, j.entry_date, j.body_enc, " \
	"j.correction_reason_enc, j.created_at FROM journal_entry j JOIN " \
	"app_user u ON u.id = j.author_id WHERE j.client_id = ? "

/*
 * Load the entries of one client (or of one thread when `thread` is not
 * NULL): versions first, then withholdings and statements attached.
 */
static int
load(struct db *db, struct arena *a, const char *client_id,
    const char *thread, bool with_withheld, struct journal_rec **out,
    size_t *n, struct err *e)
{
	struct load_ctx cx = { .a = a, .client_id = client_id };
	int rc;

	*out = NULL;
	*n = 0;
	if (thread != NULL)
		rc = store_each(db, a, e, version_row, &cx, VERSION_SELECT
		    "AND j.thread_id = ? ORDER BY j.version", "ss", client_id,
		    thread);
	else
		rc = store_each(db, a, e, version_row, &cx, VERSION_SELECT
		    "ORDER BY j.thread_id, j.version", "s", client_id);
	if (rc < 0)
		return -1;
	if (cx.len == 0)
		return 0;
	/* Current withholdings; her statements, oldest first. */
	cx.scaps = arena_alloc(a, cx.len * sizeof *cx.scaps);
	if (store_each(db, a, e, withhold_row, &cx, "SELECT w.id, w.thread_id, "
	    "w.reason_enc, w.withheld_by, u.display_name, u.role, "
	    "w.withheld_at FROM journal_withhold w JOIN app_user u ON "
	    "u.id = w.withheld_by WHERE w.client_id = ? AND w.released_at IS "
	    "NULL", "s", client_id) < 0 ||
	    store_each(db, a, e, statement_row, &cx, "SELECT s.id, s.thread_id, "
	    "s.entry_id, j.version, s.body_enc, s.created_at FROM "
	    "journal_statement s JOIN journal_entry j ON j.id = s.entry_id "
	    "WHERE s.client_id = ? ORDER BY s.created_at, s.id", "s",
	    client_id) < 0)
		return -1;
	if (!with_withheld) {
		size_t k = 0;

		for (size_t i = 0; i < cx.len; i++)
			if (!cx.v[i].withheld)
				cx.v[k++] = cx.v[i];
		cx.len = k;
	}
	/* Newest first: by the date of the latest version, then by id. */
	qsort(cx.v, cx.len, sizeof *cx.v, by_date_desc);
	*out = cx.v;
	*n = cx.len;
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
    const char *text, const char *reason, const char *now, struct err *e)
{
	if (store_exec(db, a, e, "INSERT INTO journal_entry (id, thread_id, "
	    "version, previous_id, client_id, author_id, entry_date, body_enc, "
	    "correction_reason_enc, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?)", "ssisssdees", id, thread_id, (int64_t)version, previous_id,
	    client_id, author_id, entry_date, "journal_entry", "body", id, text,
	    "journal_entry", "correction_reason", id, reason, now) >= 0)
		return 0;
	if (e->code == ERR_CONFLICT)
		return err_setr(e, ERR_CONFLICT, NULL,
		    R_JOURNAL_CORRECTED_ALREADY,
		    "this version has been corrected already; correct the latest");
	return -1;
}

int
store_journal_insert(struct db *db, struct arena *a, const char *client_id,
    const char *author_id, dl_date entry_date, const char *text,
    char **thread_id, struct err *e)
{
	char now[INSTANT_LEN + 1];
	char *id = store_new_id(a, now);

	*thread_id = id;
	return insert_version(db, a, id, id, 1, NULL, client_id, author_id,
	    entry_date, text, NULL, now, e);
}

int
store_journal_correct(struct db *db, struct arena *a, const char *client_id,
    const char *thread_id, const struct journal_version *prev,
    const char *author_id, dl_date entry_date, const char *text,
    const char *reason, struct err *e)
{
	char now[INSTANT_LEN + 1];
	char *id = store_new_id(a, now);

	return insert_version(db, a, id, thread_id, prev->version + 1, prev->id,
	    client_id, author_id, entry_date, text, reason, now, e);
}

int
store_journal_withhold(struct db *db, struct arena *a, const char *client_id,
    const char *thread_id, const char *reason, const char *user_id,
    struct err *e)
{
	char now[INSTANT_LEN + 1];
	char *id = store_new_id(a, now);

	if (store_exec(db, a, e, "INSERT INTO journal_withhold (id, thread_id, "
	    "client_id, reason_enc, withheld_by, withheld_at) VALUES "
	    "(?, ?, ?, ?, ?, ?)", "sssess", id, thread_id, client_id,
	    "journal_withhold", "reason", id, reason, user_id, now) >= 0)
		return 0;
	if (e->code == ERR_CONFLICT)
		return err_setr(e, ERR_CONFLICT, NULL,
		    R_JOURNAL_WITHHELD_ALREADY,
		    "this entry is withheld from her already");
	return -1;
}

int
store_journal_release(struct db *db, const char *thread_id,
    const char *user_id, struct err *e)
{
	char now[INSTANT_LEN + 1];

	instant_now(now);
	return store_found(store_exec(db, NULL, e, "UPDATE journal_withhold "
	    "SET released_by = ?, released_at = ? WHERE thread_id = ? AND "
	    "released_at IS NULL", "sss", user_id, now, thread_id), e,
	    ERR_CONFLICT, NULL, R_JOURNAL_NOT_WITHHELD,
	    "this entry is not withheld from her");
}

int
store_journal_statement_insert(struct db *db, struct arena *a,
    const char *client_id, const char *thread_id, const char *entry_id,
    const char *text, const char *written_by, char **out_id, struct err *e)
{
	char now[INSTANT_LEN + 1];
	char *id = store_new_id(a, now);

	*out_id = id;
	return store_exec(db, a, e, "INSERT INTO journal_statement (id, "
	    "thread_id, entry_id, client_id, body_enc, written_by, created_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?)", "ssssess", id, thread_id, entry_id,
	    client_id, "journal_statement", "body", id, text, written_by,
	    now) < 0 ? -1 : 0;
}

STORE_ROW_FN(withheld_row, struct withheld_row, r, "ssssdessss", &r->w.id,
    &r->client_id, &r->pseudonym, &r->thread_id, &r->entry_date,
    "journal_withhold", "reason", &r->w.id, &r->w.reason, &r->w.withheld_by.id,
    &r->w.withheld_by.display_name, &r->w.withheld_by.role, &r->w.withheld_at)

STORE_LIST_FN(store_journal_withheld, struct withheld_row, withheld_row,
    const char *, org_id, "SELECT w.id, w.client_id, c.pseudonym, "
    "w.thread_id, (SELECT j.entry_date FROM journal_entry j WHERE "
    "j.thread_id = w.thread_id AND j.version = 1), w.reason_enc, "
    "w.withheld_by, u.display_name, u.role, w.withheld_at FROM "
    "journal_withhold w JOIN client c ON c.id = w.client_id JOIN app_user u "
    "ON u.id = w.withheld_by WHERE w.released_at IS NULL AND "
    "(c.registered_by_org = ? OR EXISTS (SELECT 1 FROM trajectory t WHERE "
    "t.client_id = c.id AND t.coordinator_org = ?)) ORDER BY w.withheld_at "
    "DESC, w.id", "ss", org_id, org_id)
