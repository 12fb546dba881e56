/*
 * loader.c - the one trajectory loader (loader.h): everything the rules of
 * core/rules.c and core/alerts.c read, for every trajectory in a scope, in
 * one query per table (not one per trajectory).
 *
 * Invariants:
 *   1. The scope clauses mirror store_access_client(): a coordinator's
 *      scope is her institution's trajectories, a caregiver's the ones
 *      whose team she is on today (plus those she is asked to take over).
 *   2. No free text is read here: the rules need none, and nothing is
 *      decrypted that the answer does not show.
 *   3. Rows become record fields here and nowhere else; the ends of
 *      phases, bases, orders and team become DATE_OPEN, as the rules
 *      expect.  core/record.c turns a record into the rules' input.
 *   4. A batch is a run of trajectories ascending by id: the scope's
 *      trajectory query stays open, and each table's query reads the rows
 *      of the batch's ids (the index on trajectory_id), so memory is one
 *      batch's and time is linear, whatever the scope.
 */
#include "store/loader.h"

#include "store/cont_impl.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

/* Ids of a LOAD_IDS scope in one query: more become several batches. */
#define IDS_PER_QUERY 1000

/* The scope's WHERE clause over trajectory t (ids: the batch's slice). */
static const char *
scope_clause(struct arena *a, const struct load_scope *s, size_t nids)
{
	char *q;

	switch (s->kind) {
	case LOAD_ORG:
		return "t.coordinator_org = ? AND (t.end_date IS NULL OR EXISTS "
		    "(SELECT 1 FROM aftercare f WHERE f.trajectory_id = t.id AND "
		    "f.status = 'planned'))";
	case LOAD_TEAM:
		return "t.end_date IS NULL AND (EXISTS (SELECT 1 FROM "
		    "team_member m WHERE m.trajectory_id = t.id AND m.user_id = ? "
		    "AND (m.to_date IS NULL OR m.to_date >= ?)) OR EXISTS (SELECT "
		    "1 FROM handover h WHERE h.trajectory_id = t.id AND "
		    "h.incoming_user_id = ? AND h.status = 'proposed'))";
	case LOAD_TRAJECTORY:
		return "t.id = ?";
	case LOAD_IDS:
		q = arena_alloc(a, 2 * nids + 16);
		strcpy(q, "t.id IN (");
		for (size_t i = 0; i < nids; i++)
			strcat(q, i ? ",?" : "?");
		strcat(q, ")");
		return q;
	}
	abort();
}

/* Bind the scope's parameters; returns the next free index. */
static int
scope_bind(struct db_stmt *st, const struct load_scope *s,
    const char *const *ids, size_t nids, const char *day)
{
	if (s->kind == LOAD_IDS) {
		for (size_t i = 0; i < nids; i++)
			db_bind_text(st, (int)i + 1, ids[i]);
		return (int)nids + 1;
	}
	db_bind_text(st, 1, s->key);
	if (s->kind == LOAD_TEAM) {
		db_bind_text(st, 2, day);
		db_bind_text(st, 3, s->key);
		return 4;
	}
	return 2;
}

#define OPEN(d) ((d) == DATE_NONE ? DATE_OPEN : (d))

/* Whether column col holds the text name. */
static bool
col_is(struct db_stmt *st, int col, const char *name)
{
	const char *s = db_col_text(st, col);

	return s != NULL && strcmp(s, name) == 0;
}

/* The day of the instant in column col, or DATE_NONE. */
static dl_date
col_day(struct db_stmt *st, int col)
{
	const char *at = db_col_text(st, col);
	char day[DATE_STR_LEN + 1];
	dl_date d;

	snprintf(day, sizeof day, "%.10s", at != NULL ? at : "");
	return date_parse(day, &d) == 0 ? d : DATE_NONE;
}

typedef void (*row_fn)(struct traj_record *b, struct db_stmt *st,
    struct arena *a);

/*
 * ROW_SPAN(name, type, list, id, kind, parse, dflt, from, to) defines the
 * row_fn that adds a `type` to b->list (counted by n<list>, with capacity
 * c<list>) from an "id, kind, from, to" row: its kind by parse (dflt when
 * the text names none), an open end as DATE_OPEN.
 */
#define ROW_SPAN(name, type, list, id, kind, parse, dflt, from, to)	\
static void								\
name(struct traj_record *b, struct db_stmt *st, struct arena *a)	\
{									\
	type *x = store_grow(a, (void **)&b->list, &b->n##list,		\
	    &b->c##list, sizeof *x);					\
									\
	x->id = store_col_str(st, a, 1);				\
	if (parse(db_col_text(st, 2), &x->kind) != 0)			\
		x->kind = (dflt);					\
	x->from = store_col_date(st, 3);				\
	x->to = OPEN(store_col_date(st, 4));				\
}

ROW_SPAN(row_basis, struct rules_basis, bases, id, kind, basis_kind_parse,
    BASIS_OTHER, start, end)
ROW_SPAN(row_order, struct rules_order, orders, id, kind, order_kind_parse,
    ORDER_MACHTIGING, start, end)
ROW_SPAN(row_phase, struct rules_phase, phases, provider, form,
    care_form_parse, FORM_AMBULANT, start, end)
ROW_SPAN(row_member, struct rules_member, members, user, role,
    team_role_parse, TEAM_OTHER, from, to)

static void
row_item(struct traj_record *b, struct db_stmt *st, struct arena *a)
{
	struct alert_item *x;

	b->has_plan = true;
	if (db_col_null(st, 1))
		return;
	x = store_grow(a, (void **)&b->items, &b->nitems, &b->citems, sizeof *x);
	x->id = store_col_str(st, a, 1);
	if (plan_item_parse(db_col_text(st, 2), &x->kind) != 0)
		x->kind = ITEM_HOUSING;
	if (item_status_parse(db_col_text(st, 3), &x->status) != 0)
		x->status = ITEM_OPEN;
	x->due = store_col_date(st, 4);
}

static void
row_handover(struct traj_record *b, struct db_stmt *st, struct arena *a)
{
	struct alert_handover *x = store_grow(a, (void **)&b->handovers,
	    &b->nhandovers, &b->chandovers, sizeof *x);

	x->id = store_col_str(st, a, 1);
	x->proposed_on = store_col_date(st, 2);
	x->accepted_on = store_col_date(st, 3);
	x->withdrawn = col_is(st, 4, "withdrawn");
	x->incoming = store_col_str(st, a, 5);
	x->approval_pending = col_is(st, 6, "pending");
}

static void
row_domain(struct traj_record *b, struct db_stmt *st, struct arena *a)
{
	enum life_domain d;
	enum domain_status s;

	(void)a;
	if (life_domain_parse(db_col_text(st, 1), &d) == 0 &&
	    domain_status_parse(db_col_text(st, 2), &s) == 0)
		b->domains[d] = s;
}

static void
row_review(struct traj_record *b, struct db_stmt *st, struct arena *a)
{
	struct alert_review *x = store_grow(a, (void **)&b->reviews,
	    &b->nreviews, &b->creviews, sizeof *x);

	x->held_on = store_col_date(st, 1);
	x->next_date = store_col_date(st, 2);
}

static void
row_aftercare(struct traj_record *b, struct db_stmt *st, struct arena *a)
{
	struct alert_aftercare *x = store_grow(a, (void **)&b->aftercare,
	    &b->naftercare, &b->caftercare, sizeof *x);

	x->id = store_col_str(st, a, 1);
	x->due = store_col_date(st, 2);
	x->done_on = store_col_date(st, 3);
	x->cancelled = col_is(st, 4, "cancelled");
}

static void
row_closure(struct traj_record *b, struct db_stmt *st, struct arena *a)
{
	struct alert_interruption *x = store_grow(a, (void **)&b->interruptions,
	    &b->ninterruptions, &b->cinterruptions, sizeof *x);

	x->closed_on = store_col_date(st, 1);
	x->reopened_on = store_col_date(st, 2);
}

static void
row_glass(struct traj_record *b, struct db_stmt *st, struct arena *a)
{
	struct alert_glass *x = store_grow(a, (void **)&b->glass, &b->nglass,
	    &b->cglass, sizeof *x);

	x->id = store_col_str(st, a, 1);
	x->used_on = col_day(st, 2);
}

static void
row_promise(struct traj_record *b, struct db_stmt *st, struct arena *a)
{
	struct alert_promise *x = store_grow(a, (void **)&b->promises,
	    &b->npromises, &b->cpromises, sizeof *x);

	x->id = store_col_str(st, a, 1);
	x->due = store_col_date(st, 2);
	x->disputed_on = col_is(st, 3, "not_kept") ? col_day(st, 4) :
	    DATE_NONE;
}

/* Column 0 is always the trajectory id.  The first four are the tables
 * store_trajectory_load also reads (`shown`), which a single trajectory's
 * full load takes from there. */
static const struct {
	const char *cols;	/* "x.a, x.b, ...": plain columns of x */
	const char *from;
	row_fn fn;
	int ncols;
	bool shown;
} child_queries[] = {
	{ "x.trajectory_id, x.id, x.kind, x.start_date, x.end_date",
	  "legal_basis x", row_basis, 5, true },
	{ "x.trajectory_id, x.id, x.kind, x.start_date, x.end_date",
	  "court_order x", row_order, 5, true },
	{ "x.trajectory_id, x.provider_org, x.form, x.start_date, x.end_date",
	  "phase x", row_phase, 5, true },
	{ "x.trajectory_id, x.user_id, x.role, x.from_date, x.to_date",
	  "team_member x", row_member, 5, true },
	{ "x.trajectory_id, i.id, i.kind, i.status, i.due_date",
	  "transition_plan x LEFT JOIN transition_item i ON i.plan_id = x.id",
	  row_item, 5, false },
	{ "x.trajectory_id, x.id, x.proposed_on, x.accepted_on, x.status, "
	  "x.incoming_user_id, x.approval", "handover x", row_handover, 7,
	  false },
	{ "x.trajectory_id, x.domain, x.status", "life_domain x",
	  row_domain, 3, false },
	{ "x.trajectory_id, x.held_on, x.next_date", "review x", row_review, 3,
	  false },
	{ "x.trajectory_id, x.id, x.due_date, x.done_on, x.status",
	  "aftercare x", row_aftercare, 5, false },
	{ "x.trajectory_id, x.closed_on, x.reopened_on", "trajectory_closure x",
	  row_closure, 3, false },
	/* Promises belong to her, not to a trajectory: her open one takes them. */
	/* With her latest view of each (a "not kept" disputes it). */
	{ "x.trajectory_id, x.id, x.due_date, x.verdict, x.view_at",
	  "(SELECT y.id AS trajectory_id, p.id, p.due_date, (SELECT v.verdict "
	  "FROM promise_view v WHERE v.promise_id = p.id ORDER BY "
	  "v.created_at DESC, v.id DESC LIMIT 1) AS verdict, (SELECT "
	  "MAX(w.created_at) FROM promise_view w WHERE w.promise_id = p.id) AS "
	  "view_at FROM promise p JOIN trajectory y ON y.client_id = "
	  "p.client_id AND y.end_date IS NULL WHERE p.status = 'open') x",
	  row_promise, 5, false },
	/* Break-the-glass uses belong to her too, until acknowledged. */
	{ "x.trajectory_id, x.id, x.started_at",
	  "(SELECT y.id AS trajectory_id, g.id, g.started_at FROM glass_access g "
	  "JOIN trajectory y ON y.client_id = g.client_id AND y.end_date IS NULL "
	  "WHERE g.acknowledged_at IS NULL) x", row_glass, 3, false },
};
#define NCHILD (sizeof child_queries / sizeof child_queries[0])
_Static_assert(NCHILD + 1 == LOAD_STATEMENTS, "one statement per table");

static const char *const traj_sql = "SELECT t.id, t.client_id, c.pseudonym, "
    "c.birth_date, t.start_date, t.end_date, t.coordinator_org FROM "
    "trajectory t JOIN client c ON c.id = t.client_id WHERE ";

static int
record_cmp(const void *pa, const void *pb)
{
	const struct traj_record *a = pa, *b = pb;

	return strcmp(a->trajectory_id, b->trajectory_id);
}

/* One batch being loaded. */
struct batch {
	const struct load_scope *s;
	const char *const *ids;	/* LOAD_IDS: this query's slice */
	size_t nids;
	const char *day;
	bool by_id;		/* children by the batch's ids, not by the scope */
	long *scan;		/* store_records_scan: count rows, build nothing */
	struct traj_record *v;
	size_t len, cap;
};

static int
prepare_trajectories(struct db *db, struct arena *a, struct batch *b,
    const char *where, struct db_stmt **st, struct err *e)
{
	if (db_prepare(db, arena_printf(a, "%s%s ORDER BY t.id", traj_sql,
	    where), st, e) != 0)
		return -1;
	scope_bind(*st, b->s, b->ids, b->nids, b->day);
	return 0;
}

/* The current row of the trajectory query, appended to b->v. */
static void
trajectory_row(struct db_stmt *st, struct arena *a, struct batch *b)
{
	struct traj_record *r = store_grow(a, (void **)&b->v, &b->len, &b->cap,
	    sizeof *r);

	r->trajectory_id = store_col_str(st, a, 0);
	r->client_id = store_col_str(st, a, 1);
	r->pseudonym = store_col_str(st, a, 2);
	r->birth = store_col_date(st, 3);
	r->start = store_col_date(st, 4);
	r->end = store_col_date(st, 5);
	r->coordinator_org = store_col_str(st, a, 6);
}

/* The plain read: every column touched once, the row counted. */
static void
touch(struct db_stmt *st, int ncols, long *rows)
{
	static volatile size_t sink;

	for (int c = 0; c < ncols; c++) {
		const char *x = db_col_text(st, c);

		sink += x != NULL ? (size_t)x[0] : 0;
	}
	(*rows)++;
}

/* Every trajectory of the scope (or of this slice of ids) into b->v. */
static int
load_trajectories(struct db *db, struct arena *a, struct batch *b,
    const char *where, struct err *e)
{
	struct db_stmt *st = NULL;
	int rc;

	if (prepare_trajectories(db, a, b, where, &st, e) != 0)
		return -1;
	while ((rc = db_step(st, e)) == 1)
		trajectory_row(st, a, b);
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

/* The rows of every table for v[from..len): by the scope's clause, or
 * (by_id) by the ids of the batch, which the index on trajectory_id finds
 * without visiting the rest of the scope. */
static int
load_children(struct db *db, struct arena *a, struct batch *b, size_t from,
    const char *where, struct err *e)
{
	struct traj_record *v = b->v + from;
	size_t n = b->len - from;
	struct db_stmt *st = NULL;
	const char *clause = where;
	char *json = NULL;
	bool ids_json = db_kind(db) == DB_SQLITE;
	int rc;

	if (n == 0)
		return 0;
	if (n > 1)
		qsort(v, n, sizeof *v, record_cmp);
	/*
	 * On SQLite the batch's ids go in as one JSON array that drives the
	 * join (json_each: each id, then its rows by the index on
	 * trajectory_id); an IN list of a thousand parameters made SQLite
	 * build a b-tree of them for every statement, a twelfth of the time
	 * of a whole institution's figures.  The ids are our UUIDs: nothing
	 * in them needs escaping.
	 */
	if (b->by_id && ids_json) {
		size_t len = 2;
		char *o;

		for (size_t i = 0; i < n; i++)
			len += strlen(v[i].trajectory_id) + 3;
		json = o = arena_alloc(a, len + 1);
		*o++ = '[';
		for (size_t i = 0; i < n; i++)
			o += sprintf(o, "%s\"%s\"", i ? "," : "",
			    v[i].trajectory_id);
		strcpy(o, "]");
	} else if (b->by_id) {
		struct load_scope ids = { LOAD_IDS, NULL, NULL, n };

		clause = scope_clause(a, &ids, n);
		clause = arena_printf(a, "x.trajectory_id%s", clause + 4);
	}
	for (size_t q = 0; q < NCHILD; q++) {
		struct traj_record *last = NULL;

		if (db_prepare(db, json != NULL ? arena_printf(a, "SELECT %s FROM "
		    "json_each(?) j, %s WHERE x.trajectory_id = j.value",
		    child_queries[q].cols, child_queries[q].from) :
		    b->by_id ? arena_printf(a, "SELECT %s FROM %s "
		    "WHERE %s ORDER BY x.trajectory_id", child_queries[q].cols,
		    child_queries[q].from, clause) :
		    arena_printf(a, "SELECT %s FROM %s JOIN trajectory t ON "
		    "t.id = x.trajectory_id WHERE %s ORDER BY x.trajectory_id",
		    child_queries[q].cols, child_queries[q].from, clause), &st,
		    e) != 0)
			return -1;
		if (json != NULL)
			db_bind_text(st, 1, json);
		else if (b->by_id)
			for (size_t i = 0; i < n; i++)
				db_bind_text(st, (int)i + 1, v[i].trajectory_id);
		else
			scope_bind(st, b->s, b->ids, b->nids, b->day);
		while ((rc = db_step(st, e)) == 1) {
			const char *tid = db_col_text(st, 0);
			struct traj_record key;

			if (b->scan != NULL) {
				touch(st, child_queries[q].ncols, b->scan);
				continue;
			}
			if (last == NULL || strcmp(last->trajectory_id, tid) != 0) {
				key.trajectory_id = (char *)tid;
				last = bsearch(&key, v, n, sizeof *v, record_cmp);
			}
			if (last != NULL)
				child_queries[q].fn(last, st, a);
		}
		db_finalize(st);
		if (rc < 0)
			return -1;
	}
	return 0;
}

static int
load_batch(struct db *db, struct arena *a, struct batch *b, struct err *e)
{
	const char *where = scope_clause(a, b->s, b->nids);
	size_t from = b->len;

	if (b->s->kind == LOAD_IDS && b->nids == 0)
		return 0;
	if (load_trajectories(db, a, b, where, e) != 0)
		return -1;
	return load_children(db, a, b, from, where, e);
}

int
store_records_load(struct db *db, struct arena *a, const struct load_scope *s,
    dl_date today, struct traj_record **out, size_t *n, struct err *e)
{
	char day[DATE_STR_LEN + 1];
	struct batch b;

	memset(&b, 0, sizeof b);
	*out = NULL;
	*n = 0;
	date_format(today, day);
	b.s = s;
	b.day = day;
	if (s->kind != LOAD_IDS) {
		if (load_batch(db, a, &b, e) != 0)
			return -1;
	} else {
		for (size_t i = 0; i < s->nids; i += IDS_PER_QUERY) {
			b.ids = s->ids + i;
			b.nids = s->nids - i < IDS_PER_QUERY ? s->nids - i :
			    IDS_PER_QUERY;
			if (load_batch(db, a, &b, e) != 0)
				return -1;
		}
		if (b.len > 1)
			qsort(b.v, b.len, sizeof *b.v, record_cmp);
	}
	*out = b.v;
	*n = b.len;
	return 0;
}

/*
 * One slice of the scope (LOAD_IDS: up to IDS_PER_QUERY ids; otherwise
 * the whole scope): the trajectory query stays open and is read `batch`
 * rows at a time; each batch's tables are read by its ids, handed to fn
 * and dropped.
 */
static int
each_slice(struct db *db, const struct load_scope *s, const char *const *ids,
    size_t nids, const char *day, size_t batch, load_fn fn, void *ctx,
    long *scan, struct err *e)
{
	struct arena a, qa;
	struct db_stmt *st = NULL;
	struct batch b;
	int rc = 0, step = 1;

	memset(&b, 0, sizeof b);
	b.s = s;
	b.ids = ids;
	b.nids = nids;
	b.day = day;
	b.scan = scan;
	arena_init(&qa);
	if (prepare_trajectories(db, &qa, &b, scope_clause(&qa, s, nids), &st,
	    e) != 0) {
		arena_cleanup(&qa);
		return -1;
	}
	while (rc == 0 && step == 1) {
		arena_init(&a);
		b.v = NULL;
		b.len = b.cap = 0;
		b.by_id = true;
		while (b.len < batch && (step = db_step(st, e)) == 1) {
			if (scan != NULL) {	/* only the id is kept */
				struct traj_record *r = store_grow(&a,
				    (void **)&b.v, &b.len, &b.cap, sizeof *r);

				touch(st, 7, scan);
				r->trajectory_id = store_col_str(st, &a, 0);
			} else {
				trajectory_row(st, &a, &b);
			}
		}
		if (step < 0)
			rc = -1;
		else if (b.len > 0 &&
		    (rc = load_children(db, &a, &b, 0, NULL, e)) == 0 &&
		    fn != NULL)
			rc = fn(ctx, b.v, b.len, e);
		arena_cleanup(&a);
	}
	db_finalize(st);
	arena_cleanup(&qa);
	return rc;
}

static int
each(struct db *db, const struct load_scope *s, dl_date today, size_t batch,
    load_fn fn, void *ctx, long *scan, struct err *e)
{
	char day[DATE_STR_LEN + 1];

	date_format(today, day);
	if (batch == 0)
		batch = 1;
	if (batch > IDS_PER_QUERY)
		batch = IDS_PER_QUERY;
	if (s->kind != LOAD_IDS)
		return each_slice(db, s, NULL, 0, day, batch, fn, ctx, scan, e);
	for (size_t i = 0; i < s->nids; i += IDS_PER_QUERY)
		if (each_slice(db, s, s->ids + i, s->nids - i < IDS_PER_QUERY ?
		    s->nids - i : IDS_PER_QUERY, day, batch, fn, ctx, scan,
		    e) != 0)
			return -1;
	return 0;
}

int
store_records_each(struct db *db, const struct load_scope *s, dl_date today,
    size_t batch, load_fn fn, void *ctx, struct err *e)
{
	return each(db, s, today, batch, fn, ctx, NULL, e);
}

/* The displayed rows of the four shared tables, as the rules read them. */
static void
record_from_full(struct arena *a, const struct trajectory_full *f,
    struct traj_record *r)
{
	r->bases = arena_alloc(a, (f->nbases + 1) * sizeof *r->bases);
	r->orders = arena_alloc(a, (f->norders + 1) * sizeof *r->orders);
	r->phases = arena_alloc(a, (f->nphases + 1) * sizeof *r->phases);
	r->members = arena_alloc(a, (f->nmembers + 1) * sizeof *r->members);
	for (size_t i = 0; i < f->nbases; i++)
		r->bases[i] = (struct rules_basis){ f->bases[i].kind,
		    f->bases[i].start, OPEN(f->bases[i].end), f->bases[i].id };
	for (size_t i = 0; i < f->norders; i++)
		r->orders[i] = (struct rules_order){ f->orders[i].kind,
		    f->orders[i].start, OPEN(f->orders[i].end), f->orders[i].id };
	for (size_t i = 0; i < f->nphases; i++)
		r->phases[i] = (struct rules_phase){ f->phases[i].form,
		    f->phases[i].provider_id, f->phases[i].start,
		    OPEN(f->phases[i].end) };
	for (size_t i = 0; i < f->nmembers; i++)
		r->members[i] = (struct rules_member){ f->members[i].user_id,
		    f->members[i].role, f->members[i].from,
		    OPEN(f->members[i].to) };
	r->nbases = r->cbases = f->nbases;
	r->norders = r->corders = f->norders;
	r->nphases = r->cphases = f->nphases;
	r->nmembers = r->cmembers = f->nmembers;
}

/*
 * One trajectory's row and the rows of every table its record reads but
 * store_trajectory_load does not, in one statement: a UNION ALL of one arm
 * per table, each column as text (the types differ between arms), padded to
 * UNION_COLS, the arm's index last (the trajectory's arm is -1 and comes
 * first).  A read of one file is then a handful of statements, which on
 * PostgreSQL are as many round trips.
 */
#define UNION_COLS 7
static char union_sql[4096];
static int union_params;	/* one per arm: each binds the trajectory id */
static pthread_once_t union_once = PTHREAD_ONCE_INIT;

static void
union_arm(char *o, size_t cap, const char *cols, int ncols, const char *from,
    const char *where, int q)
{
	size_t len = strlen(o);
	const char *c = cols;

	len += (size_t)snprintf(o + len, cap - len, "%sSELECT ",
	    len > 0 ? " UNION ALL " : "");
	for (int i = 0; i < UNION_COLS; i++) {
		const char *next = i < ncols ? strstr(c, ", ") : NULL;
		int w = next != NULL ? (int)(next - c) : (int)strlen(c);

		if (i < ncols)
			len += (size_t)snprintf(o + len, cap - len,
			    "CAST(%.*s AS TEXT), ", w, c);
		else
			len += (size_t)snprintf(o + len, cap - len,
			    "CAST(NULL AS TEXT), ");
		if (next != NULL)
			c = next + 2;
	}
	len += (size_t)snprintf(o + len, cap - len, "%d FROM %s WHERE %s", q,
	    from, where);
	if (len >= cap)
		abort();
}

static void
union_build(void)
{
	union_arm(union_sql, sizeof union_sql, "t.id, t.client_id, c.pseudonym, "
	    "c.birth_date, t.start_date, t.end_date, t.coordinator_org", 7,
	    "trajectory t JOIN client c ON c.id = t.client_id", "t.id = ?", -1);
	union_params = 1;
	for (size_t q = 0; q < NCHILD; q++)
		if (!child_queries[q].shown) {
			union_arm(union_sql, sizeof union_sql,
			    child_queries[q].cols, child_queries[q].ncols,
			    child_queries[q].from, "x.trajectory_id = ?", (int)q);
			union_params++;
		}
	if (strlen(union_sql) + sizeof " ORDER BY 8" > sizeof union_sql)
		abort();
	strcat(union_sql, " ORDER BY 8");
}

int
store_record_load_full(struct db *db, struct arena *a,
    const struct trajectory_rec *t, struct trajectory_full *full,
    struct traj_record *out, struct err *e)
{
	struct db_stmt *st = NULL;
	struct batch b;
	int rc;

	memset(&b, 0, sizeof b);
	memset(out, 0, sizeof *out);
	if (store_trajectory_load(db, a, t, full, e) != 0)
		return -1;
	pthread_once(&union_once, union_build);
	if (db_prepare(db, union_sql, &st, e) != 0)
		return -1;
	for (int i = 1; i <= union_params; i++)
		db_bind_text(st, i, t->id);
	while ((rc = db_step(st, e)) == 1) {
		int64_t q = db_col_int64(st, UNION_COLS);

		if (q < 0)
			trajectory_row(st, a, &b);
		else if (b.len == 1 && (size_t)q < NCHILD)
			child_queries[q].fn(&b.v[0], st, a);
	}
	db_finalize(st);
	if (rc < 0)
		return -1;
	if (b.len != 1)
		return err_set(e, ERR_NOT_FOUND, NULL, "no such trajectory");
	record_from_full(a, full, &b.v[0]);
	*out = b.v[0];
	return 0;
}

int
store_records_scan(struct db *db, const struct load_scope *s, dl_date today,
    size_t batch, long *rows, struct err *e)
{
	*rows = 0;
	return each(db, s, today, batch, NULL, NULL, rows, e);
}

int
store_thresholds_load(struct db *db, struct arena *a,
    struct alert_thresholds *th, struct err *e)
{
	struct db_stmt *st = NULL;
	int rc;

	alert_thresholds_default(th);
	if (db_prepare(db, "SELECT name, value FROM setting WHERE name LIKE "
	    "'threshold.%'", &st, e) != 0)
		return -1;
	while ((rc = db_step(st, e)) == 1) {
		const char *name = db_col_text(st, 0) + strlen("threshold.");
		const char *value = db_col_text(st, 1);
		char *end = NULL;
		long v = value != NULL ? strtol(value, &end, 10) : 0;

		if (value == NULL || end == value || *end != '\0' ||
		    alert_threshold_set(th, name, v) != 0) {
			err_set(e, ERR_INTERNAL, NULL, "setting threshold.%s is "
			    "not valid; run doorloop config", name);
			rc = -1;
			break;
		}
	}
	db_finalize(st);
	(void)a;
	return rc < 0 ? -1 : 0;
}
