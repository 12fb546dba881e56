/*
 * promise.c - promises made to her (DOMAIN.md R9) and her own view on
 * them, the overdue list for the worklist and the figures for the
 * coordinator.
 *
 * Invariants:
 *   1. A promise is written once; only its closing columns are set, once,
 *      from open to kept, broken or changed (the UPDATE says
 *      "AND status = 'open'", so a second close is ERR_CONFLICT).
 *   2. A change with her agreement is a new promise pointing back at the
 *      old one (replaces_id, unique), so the old version stays.
 *   3. Her view is a row of her own; the staff's status is never touched
 *      by it, and her earlier views stay.
 */
#include "store/voice.h"

#include <string.h>

#include "db/db.h"
#include "store/common.h"
#include "util/id.h"

static const char *const status_names[] = { "open", "kept", "broken",
	"changed" };

const char *
promise_status_name(enum promise_status s)
{
	return (unsigned)s <= PROMISE_CHANGED ? status_names[s] : "open";
}

static enum promise_status
status_parse(const char *s)
{
	for (int i = 0; s != NULL && i <= (int)PROMISE_CHANGED; i++)
		if (strcmp(s, status_names[i]) == 0)
			return (enum promise_status)i;
	return PROMISE_OPEN;
}

#define PROMISE_COLS \
	"p.id, p.client_id, p.promised_by, pu.display_name, pu.role, " \
	"p.promised_by_org, p.what_enc, p.due_date, p.status, p.replaces_id, " \
	"p.agreement_enc, p.agreed_on, p.recorded_by, ru.display_name, " \
	"ru.role, p.created_at, p.closed_at, p.closed_by, cu.display_name, " \
	"cu.role, p.close_note_enc, (SELECT s.id FROM promise s WHERE " \
	"s.replaces_id = p.id)"
#define PROMISE_FROM \
	" FROM promise p JOIN app_user pu ON pu.id = p.promised_by " \
	"JOIN app_user ru ON ru.id = p.recorded_by " \
	"LEFT JOIN app_user cu ON cu.id = p.closed_by "

static int
promise_read(struct db_stmt *st, struct arena *a, struct promise_rec *p,
    bool decrypt, struct err *e)
{
	memset(p, 0, sizeof *p);
	p->id = store_col_str(st, a, 0);
	p->client_id = store_col_str(st, a, 1);
	p->promised_by.id = store_col_str(st, a, 2);
	p->promised_by.display_name = store_col_str(st, a, 3);
	p->promised_by.role = store_col_str(st, a, 4);
	p->promised_by_org = store_col_str(st, a, 5);
	p->due = store_col_date(st, 7);
	p->status = status_parse(db_col_text(st, 8));
	p->replaces_id = store_col_str(st, a, 9);
	p->agreed_on = store_col_date(st, 11);
	p->recorded_by.id = store_col_str(st, a, 12);
	p->recorded_by.display_name = store_col_str(st, a, 13);
	p->recorded_by.role = store_col_str(st, a, 14);
	p->created_at = store_col_str(st, a, 15);
	p->closed_at = store_col_str(st, a, 16);
	p->closed_by.id = store_col_str(st, a, 17);
	p->closed_by.display_name = store_col_str(st, a, 18);
	p->closed_by.role = store_col_str(st, a, 19);
	p->replaced_by_id = store_col_str(st, a, 21);
	if (!decrypt)
		return 0;
	if (store_col_dec(st, 6, a, "promise", "what", p->id, &p->what,
	    e) != 0 ||
	    store_col_dec(st, 10, a, "promise", "agreement", p->id,
	    &p->agreement, e) != 0 ||
	    store_col_dec(st, 20, a, "promise", "close_note", p->id,
	    &p->close_note, e) != 0)
		return -1;
	return 0;
}

/* Attach her views (oldest first) to each promise of the list. */
static int
load_views(struct db *db, struct arena *a, const char *client_id,
    struct promise_rec *v, size_t n, struct err *e)
{
	struct db_stmt *st = NULL;
	size_t *caps;
	int rc;

	if (n == 0)
		return 0;
	caps = arena_alloc(a, n * sizeof *caps);
	if (db_prepare(db, "SELECT id, promise_id, verdict, note_enc, "
	    "created_at FROM promise_view WHERE client_id = ? ORDER BY "
	    "created_at, id", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, client_id);
	while ((rc = db_step(st, e)) == 1) {
		const char *pid = db_col_text(st, 1);
		struct promise_view_rec *x;
		size_t i;

		for (i = 0; i < n; i++)
			if (strcmp(v[i].id, pid) == 0)
				break;
		if (i == n)
			continue;
		x = store_grow(a, (void **)&v[i].views, &v[i].nviews, &caps[i],
		    sizeof *x);
		x->id = store_col_str(st, a, 0);
		x->verdict = store_col_str(st, a, 2);
		x->created_at = store_col_str(st, a, 4);
		if (store_col_dec(st, 3, a, "promise_view", "note", x->id,
		    &x->note, e) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

int
store_promise_list(struct db *db, struct arena *a, const char *client_id,
    struct promise_rec **out, size_t *n, struct err *e)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (db_prepare(db, "SELECT " PROMISE_COLS PROMISE_FROM "WHERE "
	    "p.client_id = ? ORDER BY p.due_date, p.created_at, p.id", &st,
	    e) != 0)
		return -1;
	db_bind_text(st, 1, client_id);
	while ((rc = db_step(st, e)) == 1) {
		struct promise_rec *p = store_grow(a, (void **)out, n, &cap,
		    sizeof *p);

		if (promise_read(st, a, p, true, e) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(st);
	if (rc < 0)
		return -1;
	return load_views(db, a, client_id, *out, *n, e);
}

int
store_promise_get(struct db *db, struct arena *a, const char *client_id,
    const char *id, struct promise_rec *out, struct err *e)
{
	struct db_stmt *st = NULL;
	int rc;

	if (!id_valid(id))
		return err_setr(e, ERR_NOT_FOUND, NULL,
		    R_PROMISE_NOT_FOUND, "promise not found");
	if (db_prepare(db, "SELECT " PROMISE_COLS PROMISE_FROM "WHERE "
	    "p.client_id = ? AND p.id = ?", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, client_id);
	db_bind_text(st, 2, id);
	rc = db_step(st, e);
	if (rc == 1)
		rc = promise_read(st, a, out, true, e) == 0 ? 1 : -1;
	db_finalize(st);
	if (rc == 0)
		return err_setr(e, ERR_NOT_FOUND, NULL,
		    R_PROMISE_NOT_FOUND, "promise not found");
	if (rc < 0)
		return -1;
	return load_views(db, a, client_id, out, 1, e);
}

int
store_promise_insert(struct db *db, struct arena *a, struct promise_rec *p,
    const char *recorded_by, struct err *e)
{
	char id[ID_LEN + 1], now[INSTANT_LEN + 1];
	struct db_stmt *st = NULL;
	int rc;

	id_new(id);
	instant_now(now);
	p->id = arena_strdup(a, id);
	p->status = PROMISE_OPEN;
	p->created_at = arena_strdup(a, now);
	if (db_prepare(db, "INSERT INTO promise (id, client_id, promised_by, "
	    "promised_by_org, what_enc, due_date, status, replaces_id, "
	    "agreement_enc, agreed_on, recorded_by, created_at) VALUES "
	    "(?, ?, ?, (SELECT org_id FROM app_user WHERE id = ?), ?, ?, "
	    "'open', ?, ?, ?, ?, ?)", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, p->client_id);
	db_bind_text(st, 3, p->promised_by.id);
	db_bind_text(st, 4, p->promised_by.id);
	store_bind_enc(st, 5, a, "promise", "what", id, p->what);
	store_bind_date(st, 6, p->due);
	db_bind_text(st, 7, p->replaces_id);
	store_bind_enc(st, 8, a, "promise", "agreement", id, p->agreement);
	store_bind_date(st, 9, p->agreed_on);
	db_bind_text(st, 10, recorded_by);
	db_bind_text(st, 11, now);
	rc = db_step(st, e);
	db_finalize(st);
	if (rc < 0 && e->code == ERR_CONFLICT)
		return err_setr(e, ERR_CONFLICT, NULL,
		    R_PROMISE_CHANGED_ALREADY,
		    "this promise has been changed already");
	return rc < 0 ? -1 : 0;
}

int
store_promise_close(struct db *db, struct arena *a, const char *id,
    enum promise_status status, const char *closed_by, const char *note,
    struct err *e)
{
	char now[INSTANT_LEN + 1];
	struct db_stmt *st = NULL;
	int rc, changed;

	instant_now(now);
	if (db_prepare(db, "UPDATE promise SET status = ?, closed_at = ?, "
	    "closed_by = ?, close_note_enc = ? WHERE id = ? AND "
	    "status = 'open'", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, promise_status_name(status));
	db_bind_text(st, 2, now);
	db_bind_text(st, 3, closed_by);
	store_bind_enc(st, 4, a, "promise", "close_note", id, note);
	db_bind_text(st, 5, id);
	rc = db_step(st, e);
	changed = rc < 0 ? 0 : db_changes(st);
	db_finalize(st);
	if (rc < 0)
		return -1;
	if (changed != 1)
		return err_setr(e, ERR_CONFLICT, NULL, R_PROMISE_CLOSED_ALREADY,
		    "this promise is closed already");
	return 0;
}

int
store_promise_view_insert(struct db *db, struct arena *a,
    const char *promise_id, const char *client_id, const char *verdict,
    const char *note, const char *written_by, struct err *e)
{
	char id[ID_LEN + 1], now[INSTANT_LEN + 1];
	struct db_stmt *st = NULL;
	int rc;

	id_new(id);
	instant_now(now);
	if (db_prepare(db, "INSERT INTO promise_view (id, promise_id, "
	    "client_id, verdict, note_enc, written_by, created_at) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?)", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, promise_id);
	db_bind_text(st, 3, client_id);
	db_bind_text(st, 4, verdict);
	store_bind_enc(st, 5, a, "promise_view", "note", id, note);
	db_bind_text(st, 6, written_by);
	db_bind_text(st, 7, now);
	rc = db_step(st, e);
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

/* Add one row's status to a tally. */
static void
tally_add(struct promise_tally *t, enum promise_status s, dl_date due,
    bool disputed, dl_date as_of)
{
	switch (s) {
	case PROMISE_KEPT:
		t->kept++;
		if (disputed)
			t->disputed++;
		break;
	case PROMISE_BROKEN:
		t->broken++;
		break;
	case PROMISE_CHANGED:
		t->changed++;
		break;
	case PROMISE_OPEN:
		if (due < as_of)
			t->overdue++;
		else
			t->open++;
		break;
	}
}

static struct promise_figure_row *
row_for(struct arena *a, struct promise_figure_row **v, size_t *n,
    size_t *cap, const char *id, const char *name)
{
	struct promise_figure_row *r;

	for (size_t i = 0; i < *n; i++)
		if (strcmp((*v)[i].id, id) == 0)
			return &(*v)[i];
	r = store_grow(a, (void **)v, n, cap, sizeof *r);
	memset(r, 0, sizeof *r);
	r->id = arena_strdup(a, id);
	r->name = arena_strdup(a, name);
	return r;
}

int
store_promise_figures(struct db *db, struct arena *a, const char *org_id,
    dl_date as_of, struct promise_tally *institution,
    struct promise_figure_row **caregivers, size_t *ncaregivers,
    struct promise_figure_row **teams, size_t *nteams, struct err *e)
{
	struct db_stmt *st = NULL;
	size_t ccap = 0, tcap = 0;
	int rc;

	memset(institution, 0, sizeof *institution);
	*caregivers = *teams = NULL;
	*ncaregivers = *nteams = 0;
	/* Disputed: kept by the staff, "not kept" in her latest view. */
	if (db_prepare(db, "SELECT p.status, p.due_date, p.promised_by, "
	    "u.display_name, c.id, c.pseudonym, (SELECT v.verdict FROM "
	    "promise_view v WHERE v.promise_id = p.id ORDER BY v.created_at "
	    "DESC, v.id DESC LIMIT 1) FROM promise p JOIN client c ON "
	    "c.id = p.client_id JOIN app_user u ON u.id = p.promised_by WHERE "
	    "c.registered_by_org = ? OR EXISTS (SELECT 1 FROM trajectory t "
	    "WHERE t.client_id = c.id AND t.coordinator_org = ?) "
	    "ORDER BY u.display_name, c.pseudonym", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, org_id);
	db_bind_text(st, 2, org_id);
	while ((rc = db_step(st, e)) == 1) {
		enum promise_status s = status_parse(db_col_text(st, 0));
		dl_date due = store_col_date(st, 1);
		const char *verdict = db_col_text(st, 6);
		bool disputed = verdict != NULL &&
		    strcmp(verdict, "not_kept") == 0;

		tally_add(institution, s, due, disputed, as_of);
		tally_add(&row_for(a, caregivers, ncaregivers, &ccap,
		    db_col_text(st, 2), db_col_text(st, 3))->t, s, due,
		    disputed, as_of);
		tally_add(&row_for(a, teams, nteams, &tcap, db_col_text(st, 4),
		    db_col_text(st, 5))->t, s, due, disputed, as_of);
	}
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}
