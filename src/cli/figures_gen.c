/*
 * figures_gen.c - rows of fictitious girls for the figures
 * (cli/figures_gen.h).  Rows are buffered and written ROWS to a statement
 * (multi-row VALUES), so a national data set takes a few thousand round
 * trips rather than a million; the statement of ROWS rows has one SQL text
 * and so is prepared once per connection (db.c's statement cache).
 */
#include "cli/figures_gen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alerts.h"
#include "store/common.h"

enum { G_CLIENT, G_TRAJ, G_PHASE, G_BASIS, G_DOMAIN, G_REVIEW, G_CLOSURE,
	G_AFTERCARE, G_MEMBER, G_SIGNAL, G_SIGMATCH, G__COUNT };

/* Each table: the head of its INSERT and one row of values. */
static const struct {
	const char *head, *row;
	int ncols;		/* the ?s in row */
} sql[G__COUNT] = {
	{ "INSERT INTO client (id, pseudonym, birth_date, municipality_id, "
	  "shielded, created_at, updated_at) VALUES ", "(?, ?, ?, ?, 0, ?, ?)",
	  6 },
	{ "INSERT INTO trajectory (id, client_id, coordinator_org, start_date, "
	  "end_date, created_at, updated_at) VALUES ", "(?, ?, ?, ?, ?, ?, ?)",
	  7 },
	{ "INSERT INTO phase (id, trajectory_id, form, provider_org, "
	  "start_date, end_date, out_of_region, created_at, updated_at) "
	  "VALUES ", "(?, ?, ?, ?, ?, ?, ?, ?, ?)", 9 },
	{ "INSERT INTO legal_basis (id, trajectory_id, kind, "
	  "paying_municipality, start_date, end_date, created_at, updated_at) "
	  "VALUES ", "(?, ?, ?, ?, ?, ?, ?, ?)", 8 },
	{ "INSERT INTO life_domain (id, trajectory_id, domain, status, "
	  "updated_at) VALUES ", "(?, ?, ?, ?, ?)", 5 },
	{ "INSERT INTO review (id, trajectory_id, held_on, she_attended, "
	  "next_date, created_at) VALUES ", "(?, ?, ?, 1, ?, ?)", 5 },
	{ "INSERT INTO trajectory_closure (id, trajectory_id, closed_on, "
	  "created_at) VALUES ", "(?, ?, ?, ?)", 4 },
	{ "INSERT INTO aftercare (id, trajectory_id, closure_id, due_date, "
	  "months_after, status, done_on, needs_help, created_at, updated_at) "
	  "VALUES ", "(?, ?, ?, ?, 3, ?, ?, ?, ?, ?)", 9 },
	{ "INSERT INTO team_member (id, trajectory_id, user_id, role, "
	  "from_date, to_date, created_at, updated_at) VALUES ",
	  "(?, ?, ?, 'main_caregiver', ?, ?, ?, ?)", 7 },
	{ "INSERT INTO signal (id, reporter_id, reporter_org, bsn_hash, "
	  "indicators, certainty, contact_phone, municipality_id, client_id, "
	  "created_on, created_at) VALUES ",
	  "(?, ?, ?, ?, 'missing', 'likely', '-', ?, ?, ?, ?)", 8 },
	{ "INSERT INTO signal_client_match (signal_id, client_id, created_at) "
	  "VALUES ", "(?, ?, ?)", 3 },
};

/* Rows per statement: at most 999 parameters, SQLite's oldest limit. */
#define ROWS 100
/* Girls buffered before the rows are written. */
#define GIRLS_PER_FLUSH 1000

struct val {
	const char *s;		/* NULL: NULL or an integer */
	int64_t i;
	bool is_int;
};

struct buf {
	struct val *v;		/* rows * ncols */
	size_t n, cap;		/* rows */
};

struct figgen {
	struct db *db;
	struct arena a;		/* the buffered rows' strings */
	struct buf b[G__COUNT];
	char *full[G__COUNT];	/* the SQL of a statement of ROWS rows */
	int girls;
};

static char *
statement(int t, size_t rows)
{
	size_t hl = strlen(sql[t].head), rl = strlen(sql[t].row);
	char *s = xmalloc(hl + rows * (rl + 2) + 1), *p = s;

	memcpy(p, sql[t].head, hl);
	p += hl;
	for (size_t r = 0; r < rows; r++) {
		if (r > 0) {
			*p++ = ',';
			*p++ = ' ';
		}
		memcpy(p, sql[t].row, rl);
		p += rl;
	}
	*p = '\0';
	return s;
}

int
figgen_open(struct db *db, struct figgen **out, struct err *e)
{
	struct figgen *g = xcalloc(1, sizeof *g);

	(void)e;
	g->db = db;
	arena_init(&g->a);
	for (int t = 0; t < G__COUNT; t++)
		g->full[t] = statement(t, ROWS);
	*out = g;
	return 0;
}

void
figgen_close(struct figgen *g)
{
	if (g == NULL)
		return;
	for (int t = 0; t < G__COUNT; t++) {
		free(g->b[t].v);
		free(g->full[t]);
	}
	arena_cleanup(&g->a);
	free(g);
}

/* Write rows [from, from + n) of table t as one statement. */
static int
insert(struct figgen *g, int t, size_t from, size_t n, struct err *e)
{
	char *own = n == ROWS ? NULL : statement(t, n);
	struct db_stmt *st;
	int k = 1, rc;

	rc = db_prepare(g->db, own ? own : g->full[t], &st, e);
	free(own);
	if (rc != 0)
		return -1;
	for (size_t r = from; r < from + n; r++)
		for (int c = 0; c < sql[t].ncols; c++) {
			const struct val *v = &g->b[t].v[r * (size_t)sql[t].ncols +
			    (size_t)c];

			if (v->s != NULL)
				db_bind_text(st, k++, v->s);
			else if (v->is_int)
				db_bind_int64(st, k++, v->i);
			else
				db_bind_null(st, k++);
		}
	return store_step_done(st, e);
}

int
figgen_flush(struct figgen *g, struct err *e)
{
	for (int t = 0; t < G__COUNT; t++) {
		struct buf *b = &g->b[t];

		for (size_t r = 0; r < b->n; r += ROWS)
			if (insert(g, t, r, b->n - r < ROWS ? b->n - r : ROWS,
			    e) != 0)
				return -1;
		b->n = 0;
	}
	arena_cleanup(&g->a);
	arena_init(&g->a);
	g->girls = 0;
	return 0;
}

/* A new row of table t: its values, to be filled by put. */
static struct val *
row(struct figgen *g, int t)
{
	struct buf *b = &g->b[t];
	size_t nc = (size_t)sql[t].ncols;

	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 256;
		b->v = xrealloc(b->v, b->cap * nc * sizeof *b->v);
	}
	memset(&b->v[b->n * nc], 0, nc * sizeof *b->v);
	return &b->v[b->n++ * nc];
}

static struct val
txt(struct figgen *g, const char *s)
{
	return (struct val){ s ? arena_strdup(&g->a, s) : NULL, 0, false };
}

static struct val
day(struct figgen *g, dl_date d)
{
	char buf[DATE_STR_LEN + 1];

	if (d == DATE_NONE || d == DATE_OPEN)
		return (struct val){ NULL, 0, false };
	date_format(d, buf);
	return txt(g, buf);
}

static struct val
num(int64_t i)
{
	return (struct val){ NULL, i, true };
}

static struct val
new_id(struct figgen *g, char now[INSTANT_LEN + 1])
{
	return (struct val){ store_new_id(&g->a, now), 0, false };
}

int
figgen_write(struct figgen *g, struct arena *a,
    const struct figgen_girl *x, struct err *e)
{
	char now[INSTANT_LEN + 1];
	struct val cid = new_id(g, now), tid = new_id(g, now), ts = txt(g, now);
	struct val muni = txt(g, x->municipality), *v;

	(void)a;
	v = row(g, G_CLIENT);
	v[0] = cid; v[1] = txt(g, x->pseudonym); v[2] = day(g, x->birth);
	v[3] = muni; v[4] = ts; v[5] = ts;
	v = row(g, G_TRAJ);
	v[0] = tid; v[1] = cid; v[2] = txt(g, x->coordinator);
	v[3] = day(g, x->start); v[4] = day(g, x->end); v[5] = ts; v[6] = ts;
	for (int i = 0; i < 4 && x->phases[i].kind != NULL; i++) {
		v = row(g, G_PHASE);
		v[0] = new_id(g, now); v[1] = tid; v[2] = txt(g, x->phases[i].kind);
		v[3] = txt(g, x->provider); v[4] = day(g, x->phases[i].start);
		v[5] = day(g, x->phases[i].end);
		v[6] = num(x->phases[i].out_of_region); v[7] = ts; v[8] = ts;
	}
	for (int i = 0; i < 4 && x->bases[i].kind != NULL; i++) {
		v = row(g, G_BASIS);
		v[0] = new_id(g, now); v[1] = tid; v[2] = txt(g, x->bases[i].kind);
		v[3] = muni; v[4] = day(g, x->bases[i].start);
		v[5] = day(g, x->bases[i].end); v[6] = ts; v[7] = ts;
	}
	for (int d = 0; d < DOM__COUNT; d++) {
		v = row(g, G_DOMAIN);
		v[0] = new_id(g, now); v[1] = tid;
		v[2] = txt(g, life_domain_name((enum life_domain)d));
		v[3] = txt(g, x->settled & (1u << d) ? "settled" : "needs_work");
		v[4] = ts;
	}
	for (int i = 0; i < 4 && x->reviews[i] != DATE_NONE; i++) {
		v = row(g, G_REVIEW);
		v[0] = new_id(g, now); v[1] = tid; v[2] = day(g, x->reviews[i]);
		v[3] = day(g, date_add_months(x->reviews[i], x->review_months));
		v[4] = ts;
	}
	/* One main caregiver after another, each to the day before the next. */
	for (int i = 0; i < 3 && x->caregiver && x->mains[i] != DATE_NONE;
	    i++) {
		dl_date to = i < 2 && x->mains[i + 1] != DATE_NONE ?
		    x->mains[i + 1] - 1 : x->end;

		v = row(g, G_MEMBER);
		v[0] = new_id(g, now); v[1] = tid; v[2] = txt(g, x->caregiver);
		v[3] = day(g, x->mains[i]); v[4] = day(g, to); v[5] = ts;
		v[6] = ts;
	}
	if (x->end != DATE_NONE && x->aftercare_due != DATE_NONE) {
		static const char *const st[4] = { "done", "done", "planned",
			"cancelled" };
		struct val clid = new_id(g, now);

		v = row(g, G_CLOSURE);
		v[0] = clid; v[1] = tid; v[2] = day(g, x->end); v[3] = ts;
		v = row(g, G_AFTERCARE);
		v[0] = new_id(g, now); v[1] = tid; v[2] = clid;
		v[3] = day(g, x->aftercare_due);
		v[4] = txt(g, st[x->aftercare_state & 3]);
		v[5] = day(g, x->aftercare_state < 2 ? x->aftercare_due :
		    DATE_NONE);
		v[6] = x->aftercare_state < 2 ? num(x->aftercare_state) :
		    (struct val){ NULL, 0, false };
		v[7] = ts; v[8] = ts;
	}
	/* Her signal: no identity but a hash that matches nobody; linked to
	 * her registration, or with only the municipality the reporter
	 * stated. */
	if (x->reporter != NULL && x->signal_on != DATE_NONE) {
		struct val sid = new_id(g, now);

		v = row(g, G_SIGNAL);
		v[0] = sid; v[1] = txt(g, x->reporter);
		v[2] = txt(g, x->reporter_org); v[3] = new_id(g, now);
		v[4] = x->signal_linked ? (struct val){ NULL, 0, false } : muni;
		v[5] = x->signal_linked ? cid : (struct val){ NULL, 0, false };
		v[6] = day(g, x->signal_on); v[7] = ts;
		if (x->signal_linked) {
			v = row(g, G_SIGMATCH);
			v[0] = sid; v[1] = cid; v[2] = ts;
		}
	}
	if (++g->girls >= GIRLS_PER_FLUSH)
		return figgen_flush(g, e);
	return 0;
}
