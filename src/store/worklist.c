/*
 * worklist.c - the bulk load behind the worklist: everything the alert
 * rules of core/alerts.c read, for every trajectory in a scope, in one
 * query per table (not one per trajectory), so a coordinator's worklist
 * over thousands of trajectories costs a dozen statements.
 *
 * Invariants:
 *   1. The scope clauses mirror store_access_client(): a coordinator's
 *      scope is her institution's trajectories, a caregiver's the ones
 *      whose team she is on today (plus those she is asked to take over).
 *   2. No free text is read here: the rules need none, and nothing is
 *      decrypted that the answer does not show.
 *   3. Open ends become DATE_OPEN, as the rules expect.
 */
#include "store/cont_impl.h"

#include <stdio.h>
#include <stdlib.h>

static const char *
scope_clause(enum cont_scope scope)
{
	switch (scope) {
	case SCOPE_ORG:
		return "t.coordinator_org = ? AND (t.end_date IS NULL OR EXISTS "
		    "(SELECT 1 FROM aftercare f WHERE f.trajectory_id = t.id AND "
		    "f.status = 'planned'))";
	case SCOPE_TEAM:
		return "t.end_date IS NULL AND (EXISTS (SELECT 1 FROM "
		    "team_member m WHERE m.trajectory_id = t.id AND m.user_id = ? "
		    "AND (m.to_date IS NULL OR m.to_date >= ?)) OR EXISTS (SELECT "
		    "1 FROM handover h WHERE h.trajectory_id = t.id AND "
		    "h.incoming_user_id = ? AND h.status = 'proposed'))";
	case SCOPE_TRAJECTORY:
		return "t.id = ?";
	}
	abort();
}

static void
scope_bind(struct db_stmt *st, enum cont_scope scope, const char *key,
    const char *day)
{
	db_bind_text(st, 1, key);
	if (scope == SCOPE_TEAM) {
		db_bind_text(st, 2, day);
		db_bind_text(st, 3, key);
	}
}

#define OPEN(d) ((d) == DATE_NONE ? DATE_OPEN : (d))

typedef void (*row_fn)(struct cont_bundle *b, struct db_stmt *st,
    struct arena *a);

static void
row_basis(struct cont_bundle *b, struct db_stmt *st, struct arena *a)
{
	struct rules_basis *x = store_grow(a, (void **)&b->bases, &b->nbases,
	    &b->cbases, sizeof *x);

	x->id = store_col_str(st, a, 1);
	if (basis_kind_parse(db_col_text(st, 2), &x->kind) != 0)
		x->kind = BASIS_OTHER;
	x->start = store_col_date(st, 3);
	x->end = OPEN(store_col_date(st, 4));
}

static void
row_order(struct cont_bundle *b, struct db_stmt *st, struct arena *a)
{
	struct rules_order *x = store_grow(a, (void **)&b->orders, &b->norders,
	    &b->corders, sizeof *x);

	x->id = store_col_str(st, a, 1);
	if (order_kind_parse(db_col_text(st, 2), &x->kind) != 0)
		x->kind = ORDER_MACHTIGING;
	x->start = store_col_date(st, 3);
	x->end = OPEN(store_col_date(st, 4));
}

static void
row_phase(struct cont_bundle *b, struct db_stmt *st, struct arena *a)
{
	struct rules_phase *x = store_grow(a, (void **)&b->phases, &b->nphases,
	    &b->cphases, sizeof *x);

	x->provider = store_col_str(st, a, 1);
	if (care_form_parse(db_col_text(st, 2), &x->form) != 0)
		x->form = FORM_AMBULANT;
	x->start = store_col_date(st, 3);
	x->end = OPEN(store_col_date(st, 4));
}

static void
row_member(struct cont_bundle *b, struct db_stmt *st, struct arena *a)
{
	struct rules_member *x = store_grow(a, (void **)&b->members,
	    &b->nmembers, &b->cmembers, sizeof *x);

	x->user = store_col_str(st, a, 1);
	if (team_role_parse(db_col_text(st, 2), &x->role) != 0)
		x->role = TEAM_OTHER;
	x->from = store_col_date(st, 3);
	x->to = OPEN(store_col_date(st, 4));
}

static void
row_item(struct cont_bundle *b, struct db_stmt *st, struct arena *a)
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
row_handover(struct cont_bundle *b, struct db_stmt *st, struct arena *a)
{
	struct alert_handover *x = store_grow(a, (void **)&b->handovers,
	    &b->nhandovers, &b->chandovers, sizeof *x);
	const char *s = db_col_text(st, 4);

	x->id = store_col_str(st, a, 1);
	x->proposed_on = store_col_date(st, 2);
	x->accepted_on = store_col_date(st, 3);
	x->withdrawn = s != NULL && strcmp(s, "withdrawn") == 0;
	x->incoming = store_col_str(st, a, 5);
}

static void
row_domain(struct cont_bundle *b, struct db_stmt *st, struct arena *a)
{
	enum life_domain d;
	enum domain_status s;

	(void)a;
	if (life_domain_parse(db_col_text(st, 1), &d) == 0 &&
	    domain_status_parse(db_col_text(st, 2), &s) == 0)
		b->domains[d] = s;
}

static void
row_review(struct cont_bundle *b, struct db_stmt *st, struct arena *a)
{
	struct alert_review *x = store_grow(a, (void **)&b->reviews,
	    &b->nreviews, &b->creviews, sizeof *x);

	x->held_on = store_col_date(st, 1);
	x->next_date = store_col_date(st, 2);
}

static void
row_aftercare(struct cont_bundle *b, struct db_stmt *st, struct arena *a)
{
	struct alert_aftercare *x = store_grow(a, (void **)&b->aftercare,
	    &b->naftercare, &b->caftercare, sizeof *x);
	const char *s = db_col_text(st, 4);

	x->id = store_col_str(st, a, 1);
	x->due = store_col_date(st, 2);
	x->done_on = store_col_date(st, 3);
	x->cancelled = s != NULL && strcmp(s, "cancelled") == 0;
}

static void
row_closure(struct cont_bundle *b, struct db_stmt *st, struct arena *a)
{
	struct alert_interruption *x = store_grow(a, (void **)&b->interruptions,
	    &b->ninterruptions, &b->cinterruptions, sizeof *x);

	x->closed_on = store_col_date(st, 1);
	x->reopened_on = store_col_date(st, 2);
}

static void
row_promise(struct cont_bundle *b, struct db_stmt *st, struct arena *a)
{
	struct alert_promise *x = store_grow(a, (void **)&b->promises,
	    &b->npromises, &b->cpromises, sizeof *x);

	x->id = store_col_str(st, a, 1);
	x->due = store_col_date(st, 2);
}

/* Column 0 is always the trajectory id. */
static const struct {
	const char *select_from;
	row_fn fn;
	int ncols;
} child_queries[] = {
	{ "SELECT x.trajectory_id, x.id, x.kind, x.start_date, x.end_date "
	  "FROM legal_basis x", row_basis, 5 },
	{ "SELECT x.trajectory_id, x.id, x.kind, x.start_date, x.end_date "
	  "FROM court_order x", row_order, 5 },
	{ "SELECT x.trajectory_id, x.provider_org, x.form, x.start_date, "
	  "x.end_date FROM phase x", row_phase, 5 },
	{ "SELECT x.trajectory_id, x.user_id, x.role, x.from_date, x.to_date "
	  "FROM team_member x", row_member, 5 },
	{ "SELECT x.trajectory_id, i.id, i.kind, i.status, i.due_date FROM "
	  "transition_plan x LEFT JOIN transition_item i ON i.plan_id = x.id",
	  row_item, 5 },
	{ "SELECT x.trajectory_id, x.id, x.proposed_on, x.accepted_on, x.status, "
	  "x.incoming_user_id FROM handover x", row_handover, 6 },
	{ "SELECT x.trajectory_id, x.domain, x.status FROM life_domain x",
	  row_domain, 3 },
	{ "SELECT x.trajectory_id, x.held_on, x.next_date FROM review x",
	  row_review, 3 },
	{ "SELECT x.trajectory_id, x.id, x.due_date, x.done_on, x.status FROM "
	  "aftercare x", row_aftercare, 5 },
	{ "SELECT x.trajectory_id, x.closed_on, x.reopened_on FROM "
	  "trajectory_closure x", row_closure, 3 },
	/* Promises belong to her, not to a trajectory: her open one takes them. */
	{ "SELECT x.trajectory_id, x.id, x.due_date FROM (SELECT y.id AS "
	  "trajectory_id, p.id, p.due_date FROM promise p JOIN trajectory y ON "
	  "y.client_id = p.client_id AND y.end_date IS NULL WHERE "
	  "p.status = 'open') x", row_promise, 3 },
};
#define NCHILD (sizeof child_queries / sizeof child_queries[0])

static const char *const traj_sql = "SELECT t.id, t.client_id, c.pseudonym, "
    "c.birth_date, t.start_date, t.end_date FROM trajectory t JOIN client c "
    "ON c.id = t.client_id WHERE ";

static int
bundle_cmp(const void *pa, const void *pb)
{
	const struct cont_bundle *a = pa, *b = pb;

	return strcmp(a->trajectory_id, b->trajectory_id);
}

int
store_continuity_load(struct db *db, struct arena *a, enum cont_scope scope,
    const char *key, dl_date today, struct cont_bundle **out, size_t *n,
    struct err *e)
{
	char day[DATE_STR_LEN + 1];
	const char *where = scope_clause(scope);
	struct db_stmt *st = NULL;
	struct cont_bundle *v = NULL, *last = NULL;
	size_t len = 0, cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	date_format(today, day);
	if (db_prepare(db, arena_printf(a, "%s%s", traj_sql, where), &st,
	    e) != 0)
		return -1;
	scope_bind(st, scope, key, day);
	while ((rc = db_step(st, e)) == 1) {
		struct cont_bundle *b = store_grow(a, (void **)&v, &len, &cap,
		    sizeof *b);

		memset(b, 0, sizeof *b);
		b->trajectory_id = store_col_str(st, a, 0);
		b->client_id = store_col_str(st, a, 1);
		b->pseudonym = store_col_str(st, a, 2);
		b->birth = store_col_date(st, 3);
		b->start = store_col_date(st, 4);
		b->end = store_col_date(st, 5);
	}
	db_finalize(st);
	if (rc < 0)
		return -1;
	if (len > 1)
		qsort(v, len, sizeof *v, bundle_cmp);
	for (size_t q = 0; q < NCHILD && len > 0; q++) {
		if (db_prepare(db, arena_printf(a, "%s JOIN trajectory t ON t.id "
		    "= x.trajectory_id WHERE %s ORDER BY x.trajectory_id",
		    child_queries[q].select_from, where), &st, e) != 0)
			return -1;
		scope_bind(st, scope, key, day);
		last = NULL;
		while ((rc = db_step(st, e)) == 1) {
			const char *tid = db_col_text(st, 0);
			struct cont_bundle k;

			if (last == NULL || strcmp(last->trajectory_id, tid) != 0) {
				k.trajectory_id = (char *)tid;
				last = bsearch(&k, v, len, sizeof *v, bundle_cmp);
			}
			if (last != NULL)
				child_queries[q].fn(last, st, a);
		}
		db_finalize(st);
		if (rc < 0)
			return -1;
	}
	*out = v;
	*n = len;
	return 0;
}

int
store_continuity_scan(struct db *db, enum cont_scope scope, const char *key,
    dl_date today, long *rows, struct err *e)
{
	char day[DATE_STR_LEN + 1], sql[1024];
	const char *where = scope_clause(scope);
	struct db_stmt *st = NULL;
	volatile size_t sink = 0;
	int rc;

	*rows = 0;
	date_format(today, day);
	for (size_t q = 0; q <= NCHILD; q++) {
		if (q == 0)
			snprintf(sql, sizeof sql, "%s%s", traj_sql, where);
		else
			snprintf(sql, sizeof sql, "%s JOIN trajectory t ON t.id = "
			    "x.trajectory_id WHERE %s ORDER BY x.trajectory_id",
			    child_queries[q - 1].select_from, where);
		if (db_prepare(db, sql, &st, e) != 0)
			return -1;
		scope_bind(st, scope, key, day);
		while ((rc = db_step(st, e)) == 1) {
			int ncols = q == 0 ? 6 : child_queries[q - 1].ncols;

			for (int c = 0; c < ncols; c++) {
				const char *s = db_col_text(st, c);

				sink += s != NULL ? (size_t)s[0] : 0;
			}
			(*rows)++;
		}
		db_finalize(st);
		if (rc < 0)
			return -1;
	}
	(void)sink;
	return 0;
}

void
store_bundle_input(const struct cont_bundle *b, dl_date as_of,
    struct alert_input *in)
{
	memset(in, 0, sizeof *in);
	in->r.birth = b->birth;
	in->r.start = b->start;
	in->r.end = OPEN(b->end);
	in->r.as_of = as_of;
	in->r.leap = date_leap_rule();
	in->r.bases = b->bases;
	in->r.nbases = b->nbases;
	in->r.orders = b->orders;
	in->r.norders = b->norders;
	in->r.phases = b->phases;
	in->r.nphases = b->nphases;
	in->r.members = b->members;
	in->r.nmembers = b->nmembers;
	in->client_id = b->client_id;
	in->trajectory_id = b->trajectory_id;
	in->has_plan = b->has_plan;
	in->items = b->items;
	in->nitems = b->nitems;
	in->handovers = b->handovers;
	in->nhandovers = b->nhandovers;
	memcpy(in->domains, b->domains, sizeof in->domains);
	in->reviews = b->reviews;
	in->nreviews = b->nreviews;
	in->aftercare = b->aftercare;
	in->naftercare = b->naftercare;
	in->interruptions = b->interruptions;
	in->ninterruptions = b->ninterruptions;
	in->promises = b->promises;
	in->npromises = b->npromises;
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
