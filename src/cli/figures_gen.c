/*
 * figures_gen.c - rows of fictitious girls for the figures
 * (cli/figures_gen.h).  One INSERT per row, each prepared when written.
 */
#include "cli/figures_gen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alerts.h"
#include "store/common.h"

enum { G_CLIENT, G_TRAJ, G_PHASE, G_BASIS, G_DOMAIN, G_REVIEW, G_CLOSURE,
	G_AFTERCARE, G_MEMBER, G__COUNT };

static const char *const sql[G__COUNT] = {
	"INSERT INTO client (id, pseudonym, birth_date, municipality_id, "
	"shielded, created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?)",
	"INSERT INTO trajectory (id, client_id, coordinator_org, start_date, "
	"end_date, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
	"INSERT INTO phase (id, trajectory_id, form, provider_org, start_date, "
	"end_date, out_of_region, created_at, updated_at) VALUES "
	"(?, ?, ?, ?, ?, ?, ?, ?, ?)",
	"INSERT INTO legal_basis (id, trajectory_id, kind, paying_municipality, "
	"start_date, end_date, created_at, updated_at) VALUES "
	"(?, ?, ?, ?, ?, ?, ?, ?)",
	"INSERT INTO life_domain (id, trajectory_id, domain, status, "
	"updated_at) VALUES (?, ?, ?, ?, ?)",
	"INSERT INTO review (id, trajectory_id, held_on, she_attended, "
	"next_date, created_at) VALUES (?, ?, ?, 1, ?, ?)",
	"INSERT INTO trajectory_closure (id, trajectory_id, closed_on, "
	"created_at) VALUES (?, ?, ?, ?)",
	"INSERT INTO aftercare (id, trajectory_id, closure_id, due_date, "
	"months_after, status, done_on, needs_help, created_at, updated_at) "
	"VALUES (?, ?, ?, ?, 3, ?, ?, ?, ?, ?)",
	"INSERT INTO team_member (id, trajectory_id, user_id, role, from_date, "
	"to_date, created_at, updated_at) VALUES (?, ?, ?, 'main_caregiver', "
	"?, ?, ?, ?)",
};

struct figgen {
	struct db *db;
	struct db_stmt *st[G__COUNT];
	struct err *e;
	bool failed;
};

int
figgen_open(struct db *db, struct figgen **out, struct err *e)
{
	struct figgen *g = xcalloc(1, sizeof *g);

	g->db = db;
	*out = g;
	return 0;
}

void
figgen_close(struct figgen *g)
{
	free(g);
}

/* Prepare statement i; on failure later binds go to a statement that
 * is never run. */
static struct db_stmt *
prep(struct figgen *g, int i)
{
	g->st[i] = NULL;
	if (db_prepare(g->db, sql[i], &g->st[i], g->e) != 0)
		g->failed = true;
	return g->st[i];
}

static int
run(struct figgen *g, int i, struct err *e)
{
	int rc;

	if (g->failed)
		return -1;
	rc = store_step_done(g->st[i], e);
	g->st[i] = NULL;
	return rc;
}

int
figgen_write(struct figgen *g, struct arena *a,
    const struct figgen_girl *x, struct err *e)
{
	char now[INSTANT_LEN + 1];
	char *cid = store_new_id(a, now), *tid = store_new_id(a, now);
	struct db_stmt *s;

	g->e = e;
	g->failed = false;
	if ((s = prep(g, G_CLIENT)) == NULL)
		return -1;
	db_bind_text(s, 1, cid);
	db_bind_text(s, 2, x->pseudonym);
	store_bind_date(s, 3, x->birth);
	db_bind_text(s, 4, x->municipality);
	db_bind_text(s, 5, now);
	db_bind_text(s, 6, now);
	if (run(g, G_CLIENT, e) != 0)
		return -1;
	if ((s = prep(g, G_TRAJ)) == NULL)
		return -1;
	db_bind_text(s, 1, tid);
	db_bind_text(s, 2, cid);
	db_bind_text(s, 3, x->coordinator);
	store_bind_date(s, 4, x->start);
	store_bind_date(s, 5, x->end);
	db_bind_text(s, 6, now);
	db_bind_text(s, 7, now);
	if (run(g, G_TRAJ, e) != 0)
		return -1;
	for (int i = 0; i < 4 && x->phases[i].kind != NULL; i++) {
		if ((s = prep(g, G_PHASE)) == NULL)
			return -1;
		db_bind_text(s, 1, store_new_id(a, now));
		db_bind_text(s, 2, tid);
		db_bind_text(s, 3, x->phases[i].kind);
		db_bind_text(s, 4, x->provider);
		store_bind_date(s, 5, x->phases[i].start);
		store_bind_date(s, 6, x->phases[i].end);
		db_bind_int64(s, 7, x->phases[i].out_of_region);
		db_bind_text(s, 8, now);
		db_bind_text(s, 9, now);
		if (run(g, G_PHASE, e) != 0)
			return -1;
	}
	for (int i = 0; i < 4 && x->bases[i].kind != NULL; i++) {
		if ((s = prep(g, G_BASIS)) == NULL)
			return -1;
		db_bind_text(s, 1, store_new_id(a, now));
		db_bind_text(s, 2, tid);
		db_bind_text(s, 3, x->bases[i].kind);
		db_bind_text(s, 4, x->municipality);
		store_bind_date(s, 5, x->bases[i].start);
		store_bind_date(s, 6, x->bases[i].end);
		db_bind_text(s, 7, now);
		db_bind_text(s, 8, now);
		if (run(g, G_BASIS, e) != 0)
			return -1;
	}
	for (int d = 0; d < DOM__COUNT; d++) {
		if ((s = prep(g, G_DOMAIN)) == NULL)
			return -1;
		db_bind_text(s, 1, store_new_id(a, now));
		db_bind_text(s, 2, tid);
		db_bind_text(s, 3, life_domain_name((enum life_domain)d));
		db_bind_text(s, 4, x->settled & (1u << d) ? "settled" :
		    "needs_work");
		db_bind_text(s, 5, now);
		if (run(g, G_DOMAIN, e) != 0)
			return -1;
	}
	for (int i = 0; i < 4 && x->reviews[i] != DATE_NONE; i++) {
		if ((s = prep(g, G_REVIEW)) == NULL)
			return -1;
		db_bind_text(s, 1, store_new_id(a, now));
		db_bind_text(s, 2, tid);
		store_bind_date(s, 3, x->reviews[i]);
		store_bind_date(s, 4, date_add_months(x->reviews[i],
		    x->review_months));
		db_bind_text(s, 5, now);
		if (run(g, G_REVIEW, e) != 0)
			return -1;
	}
	/* One main caregiver after another, each to the day before the next. */
	for (int i = 0; i < 3 && x->caregiver && x->mains[i] != DATE_NONE;
	    i++) {
		dl_date to = i < 2 && x->mains[i + 1] != DATE_NONE ?
		    x->mains[i + 1] - 1 : x->end;

		if ((s = prep(g, G_MEMBER)) == NULL)
			return -1;
		db_bind_text(s, 1, store_new_id(a, now));
		db_bind_text(s, 2, tid);
		db_bind_text(s, 3, x->caregiver);
		store_bind_date(s, 4, x->mains[i]);
		store_bind_date(s, 5, to);
		db_bind_text(s, 6, now);
		db_bind_text(s, 7, now);
		if (run(g, G_MEMBER, e) != 0)
			return -1;
	}
	if (x->end != DATE_NONE && x->aftercare_due != DATE_NONE) {
		static const char *const st[4] = { "done", "done", "planned",
			"cancelled" };
		char *clid = store_new_id(a, now);

		if ((s = prep(g, G_CLOSURE)) == NULL)
			return -1;
		db_bind_text(s, 1, clid);
		db_bind_text(s, 2, tid);
		store_bind_date(s, 3, x->end);
		db_bind_text(s, 4, now);
		if (run(g, G_CLOSURE, e) != 0)
			return -1;
		if ((s = prep(g, G_AFTERCARE)) == NULL)
			return -1;
		db_bind_text(s, 1, store_new_id(a, now));
		db_bind_text(s, 2, tid);
		db_bind_text(s, 3, clid);
		store_bind_date(s, 4, x->aftercare_due);
		db_bind_text(s, 5, st[x->aftercare_state & 3]);
		store_bind_date(s, 6, x->aftercare_state < 2 ?
		    x->aftercare_due : DATE_NONE);
		if (x->aftercare_state < 2)
			db_bind_int64(s, 7, x->aftercare_state);
		else
			db_bind_null(s, 7);
		db_bind_text(s, 8, now);
		db_bind_text(s, 9, now);
		if (run(g, G_AFTERCARE, e) != 0)
			return -1;
	}
	return 0;
}
