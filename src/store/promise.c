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

#include "store/common.h"

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
promise_row(struct db_stmt *st, void *ctx, struct err *e)
{
	struct store_list *l = ctx;
	struct promise_rec *p = store_list_add(l);
	char *status = NULL;

	if (store_row(st, l->a, e, "sssssse" "dsseds" "ssssssses", &p->id,
	    &p->client_id, &p->promised_by.id, &p->promised_by.display_name,
	    &p->promised_by.role, &p->promised_by_org, "promise", "what", &p->id,
	    &p->what, &p->due, &status, &p->replaces_id, "promise", "agreement",
	    &p->id, &p->agreement, &p->agreed_on, &p->recorded_by.id,
	    &p->recorded_by.display_name, &p->recorded_by.role, &p->created_at,
	    &p->closed_at, &p->closed_by.id, &p->closed_by.display_name,
	    &p->closed_by.role, "promise", "close_note", &p->id, &p->close_note,
	    &p->replaced_by_id) != 0)
		return -1;
	p->status = status_parse(status);
	return 0;
}

struct views_ctx {
	struct arena *a;
	struct promise_rec *v;
	size_t n, *caps;
};

static int
view_row(struct db_stmt *st, void *ctx, struct err *e)
{
	struct views_ctx *cx = ctx;
	struct promise_view_rec x;
	char *pid = NULL;
	size_t i;

	memset(&x, 0, sizeof x);
	if (store_row(st, cx->a, e, "ssses", &x.id, &pid, &x.verdict,
	    "promise_view", "note", &x.id, &x.note, &x.created_at) != 0)
		return -1;
	for (i = 0; i < cx->n; i++)
		if (strcmp(cx->v[i].id, pid) == 0)
			break;
	if (i < cx->n)
		*(struct promise_view_rec *)store_grow(cx->a,
		    (void **)&cx->v[i].views, &cx->v[i].nviews, &cx->caps[i],
		    sizeof x) = x;
	return 0;
}

/* Attach her views (oldest first) to each promise of the list. */
static int
load_views(struct db *db, struct arena *a, const char *client_id,
    struct promise_rec *v, size_t n, struct err *e)
{
	struct views_ctx cx = { a, v, n, NULL };

	if (n == 0)
		return 0;
	cx.caps = arena_alloc(a, n * sizeof *cx.caps);
	return store_each(db, a, e, view_row, &cx, "SELECT id, promise_id, "
	    "verdict, note_enc, created_at FROM promise_view WHERE "
	    "client_id = ? ORDER BY created_at, id", "s", client_id) < 0 ?
	    -1 : 0;
}

int
store_promise_list(struct db *db, struct arena *a, const char *client_id,
    struct promise_rec **out, size_t *n, struct err *e)
{
	struct store_list l = STORE_LIST(a, out, n);

	if (store_list_rows(db, &l, e, promise_row, "SELECT " PROMISE_COLS
	    PROMISE_FROM "WHERE p.client_id = ? ORDER BY p.due_date, "
	    "p.created_at, p.id", "s", client_id) != 0)
		return -1;
	return load_views(db, a, client_id, *out, *n, e);
}

int
store_promise_get(struct db *db, struct arena *a, const char *client_id,
    const char *id, struct promise_rec *out, struct err *e)
{
	if (!id_valid(id))
		return err_setr(e, ERR_NOT_FOUND, NULL,
		    R_PROMISE_NOT_FOUND, "promise not found");
	if (store_get_row(db, a, e, promise_row, out, sizeof *out,
	    R_PROMISE_NOT_FOUND, "promise", "SELECT " PROMISE_COLS PROMISE_FROM
	    "WHERE p.client_id = ? AND p.id = ?", "ss", client_id, id) != 0)
		return -1;
	return load_views(db, a, client_id, out, 1, e);
}

int
store_promise_insert(struct db *db, struct arena *a, struct promise_rec *p,
    const char *recorded_by, struct err *e)
{
	char now[INSTANT_LEN + 1];

	p->id = store_new_id(a, now);
	p->status = PROMISE_OPEN;
	p->created_at = arena_strdup(a, now);
	if (store_exec(db, a, e, "INSERT INTO promise (id, client_id, "
	    "promised_by, promised_by_org, what_enc, due_date, status, "
	    "replaces_id, agreement_enc, agreed_on, recorded_by, created_at) "
	    "VALUES (?, ?, ?, (SELECT org_id FROM app_user WHERE id = ?), ?, ?, "
	    "'open', ?, ?, ?, ?, ?)", "sssseds" "edss", p->id, p->client_id,
	    p->promised_by.id, p->promised_by.id, "promise", "what", p->id,
	    p->what, p->due, p->replaces_id, "promise", "agreement", p->id,
	    p->agreement, p->agreed_on, recorded_by, now) >= 0)
		return 0;
	if (e->code == ERR_CONFLICT)
		return err_setr(e, ERR_CONFLICT, NULL,
		    R_PROMISE_CHANGED_ALREADY,
		    "this promise has been changed already");
	return -1;
}

int
store_promise_close(struct db *db, struct arena *a, const char *id,
    enum promise_status status, const char *closed_by, const char *note,
    struct err *e)
{
	char now[INSTANT_LEN + 1];
	int changed;

	instant_now(now);
	changed = store_exec(db, a, e, "UPDATE promise SET status = ?, "
	    "closed_at = ?, closed_by = ?, close_note_enc = ? WHERE id = ? AND "
	    "status = 'open'", "ssses", promise_status_name(status), now,
	    closed_by, "promise", "close_note", id, note, id);
	if (changed < 0)
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
	char now[INSTANT_LEN + 1];
	char *id = store_new_id(a, now);

	return store_exec(db, a, e, "INSERT INTO promise_view (id, promise_id, "
	    "client_id, verdict, note_enc, written_by, created_at) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?)", "ssssess", id, promise_id, client_id,
	    verdict, "promise_view", "note", id, note, written_by, now) < 0 ?
	    -1 : 0;
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

struct figures_ctx {
	struct arena *a;
	dl_date as_of;
	struct promise_tally *institution;
	struct promise_figure_row **caregivers, **teams;
	size_t *ncaregivers, *nteams, ccap, tcap;
};

static int
figure_row(struct db_stmt *st, void *ctx, struct err *e)
{
	struct figures_ctx *cx = ctx;
	char *status = NULL, *user = NULL, *user_name = NULL, *client = NULL;
	char *pseudonym = NULL, *verdict = NULL;
	enum promise_status s;
	dl_date due;
	bool disputed;

	if (store_row(st, cx->a, e, "sdssss" "s", &status, &due, &user,
	    &user_name, &client, &pseudonym, &verdict) != 0)
		return -1;
	s = status_parse(status);
	disputed = verdict != NULL && strcmp(verdict, "not_kept") == 0;
	tally_add(cx->institution, s, due, disputed, cx->as_of);
	tally_add(&row_for(cx->a, cx->caregivers, cx->ncaregivers, &cx->ccap,
	    user, user_name)->t, s, due, disputed, cx->as_of);
	tally_add(&row_for(cx->a, cx->teams, cx->nteams, &cx->tcap, client,
	    pseudonym)->t, s, due, disputed, cx->as_of);
	return 0;
}

int
store_promise_figures(struct db *db, struct arena *a, const char *org_id,
    dl_date as_of, struct promise_tally *institution,
    struct promise_figure_row **caregivers, size_t *ncaregivers,
    struct promise_figure_row **teams, size_t *nteams, struct err *e)
{
	struct figures_ctx cx = { a, as_of, institution, caregivers, teams,
	    ncaregivers, nteams, 0, 0 };

	memset(institution, 0, sizeof *institution);
	*caregivers = *teams = NULL;
	*ncaregivers = *nteams = 0;
	/* Disputed: kept by the staff, "not kept" in her latest view. */
	return store_each(db, a, e, figure_row, &cx, "SELECT p.status, "
	    "p.due_date, p.promised_by, u.display_name, c.id, c.pseudonym, "
	    "(SELECT v.verdict FROM promise_view v WHERE v.promise_id = p.id "
	    "ORDER BY v.created_at DESC, v.id DESC LIMIT 1) FROM promise p JOIN "
	    "client c ON c.id = p.client_id JOIN app_user u ON "
	    "u.id = p.promised_by WHERE c.registered_by_org = ? OR EXISTS "
	    "(SELECT 1 FROM trajectory t WHERE t.client_id = c.id AND "
	    "t.coordinator_org = ?) ORDER BY u.display_name, c.pseudonym", "ss",
	    org_id, org_id) < 0 ? -1 : 0;
}
