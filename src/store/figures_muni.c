/*
 * figures_muni.c - the municipality figures' aggregates (store/figures.h).
 *
 * Invariants:
 *   1. Every statement groups by municipality (and quarter, and class) in
 *      SQL: rows returned grow with municipalities, never with girls.
 *   2. Dates in the statements are literals this file formats from
 *      integers (never user text), so the bench can run the very same
 *      statements in the sqlite3 CLI.
 *   3. A girl's responsible municipality is client.municipality_id.
 *   4. The 18th birthday is the birth date's month and day 18 years on, 29
 *      February moving by the installation's leap rule (core/date.h); it is
 *      "with a gap" when no legal basis other than a Jeugdwet basis (whose
 *      legal end is the day before) is in force on it, as rules_evaluate
 *      decides gap_at_18; the gap days run from the birthday to the day
 *      before the next basis starts, the trajectory's end or today.
 *   5. A signal counts in the quarter it was made, for the municipality
 *      the reporter stated or else that of the client it is matched to
 *      (the registration it led to, or else the first girl it matched);
 *      it is matched when it is linked to a client at all.
 */
#include "store/figures.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alerts.h"
#include "core/rules.h"
#include "store/common.h"
#include "store/store.h"

enum stmt { ST_STOCK, ST_DEMAND, ST_TURNED18, ST_TRANSFERS, ST_CAREGIVERS,
	ST_HANDOVERS, ST_REVIEWS, ST_LEFT, ST_AFTERCARE, ST_SIGNALS };

struct q {
	enum stmt kind;
	int quarter;		/* ST_STOCK */
	const char *sql;
};

static const char *
fmt_day(struct arena *a, dl_date d)
{
	char s[DATE_STR_LEN + 1];

	date_format(d, s);
	return arena_strdup(a, s);
}

#define B18 "(CAST(CAST(substr(c.birth_date, 1, 4) AS INTEGER) + 18 AS TEXT) || " \
	"CASE WHEN substr(c.birth_date, 5) = '-02-29' THEN '%s' " \
	"ELSE substr(c.birth_date, 5) END)"
#define QOF(x) "((CAST(substr(" x ", 6, 2) AS INTEGER) + 2) / 3)"

/*
 * The count of events per municipality and quarter (and class, when CLS is
 * given): the rows of FROM (which joins trajectory t) whose date column DAY
 * lies in [LO, HI] and that meet COND (none when NULL).
 */
static const char *
per_event(struct arena *a, const char *from, const char *day,
    const char *cls, const char *cond, const char *lo, const char *hi)
{
	return arena_printf(a, "SELECT c.municipality_id, ((CAST(substr(%s, 6, "
	    "2) AS INTEGER) + 2) / 3)%s%s, COUNT(*) FROM %s JOIN client c ON "
	    "c.id = t.client_id WHERE %s BETWEEN '%s' AND '%s'%s%s GROUP BY 1, "
	    "2%s", day, cls ? ", " : "", cls ? cls : "", from, day, lo, hi,
	    cond ? " AND " : "", cond ? cond : "", cls ? ", 3" : "");
}

static size_t
build(enum db_kind kind, struct arena *a, int year, dl_date as_of,
    int wait_days, struct q *out)
{
	const char *least = kind == DB_POSTGRES ? "LEAST" : "MIN";
	const char *leap = date_leap_rule() == LEAP_FEB_28 ? "-02-28" : "-03-01";
	char b18[512];
	int ay, am, ad, nq;
	const char *first, *last, *asof, *qend;
	size_t n = 0;

#define DAYS(x, y) (kind == DB_POSTGRES ? \
	arena_printf(a, "(CAST(%s AS DATE) - CAST(%s AS DATE))", x, y) : \
	arena_printf(a, "CAST(julianday(%s) - julianday(%s) AS INTEGER)", x, y))

	snprintf(b18, sizeof b18, B18, leap);
	date_to_ymd(as_of, &ay, &am, &ad);
	nq = year < ay ? 4 : (am + 2) / 3;
	first = arena_printf(a, "%04d-01-01", year);
	asof = fmt_day(a, as_of);
	last = year < ay ? arena_printf(a, "%04d-12-31", year) : asof;
	qend = fmt_day(a, (date_add_months(date_from_ymd(year,
	    nq * 3, 1), 1) - 1));
	for (int q = 0; q < nq; q++) {
		dl_date e = (date_add_months(date_from_ymd(year,
		    q * 3 + 3, 1), 1) - 1);
		const char *d = fmt_day(a, e < as_of ? e : as_of);
		const char *inforce = arena_printf(a,
		    "x.start_date <= '%s' AND (x.end_date IS NULL OR "
		    "x.end_date >= '%s')", d, d);
		const char *pin = arena_printf(a, "FROM phase x WHERE "
		    "x.trajectory_id = t.id AND %s ORDER BY x.start_date DESC, "
		    "x.id DESC LIMIT 1", inforce);

		out[n].kind = ST_STOCK;
		out[n].quarter = q;
		out[n++].sql = arena_printf(a,
		    "SELECT y.muni, y.age, y.form, y.basis, y.outside, COUNT(*) "
		    "FROM (SELECT c.municipality_id AS muni, "
		    "CAST(substr('%s', 1, 4) AS INTEGER) - "
		    "CAST(substr(c.birth_date, 1, 4) AS INTEGER) - CASE WHEN "
		    "substr(c.birth_date, 6, 5) > substr('%s', 6, 5) THEN 1 "
		    "ELSE 0 END AS age, "
		    "(SELECT x.form %s) AS form, "
		    "(SELECT x.out_of_region %s) AS outside, "
		    "(SELECT x.kind FROM legal_basis x WHERE x.trajectory_id = "
		    "t.id AND %s AND NOT (x.kind = 'jeugdwet' AND '%s' >= %s) "
		    "ORDER BY x.start_date DESC, x.id DESC LIMIT 1) AS basis "
		    "FROM trajectory t JOIN client c ON c.id = t.client_id "
		    "WHERE t.start_date <= '%s' AND (t.end_date IS NULL OR "
		    "t.end_date >= '%s')) y "
		    "GROUP BY y.muni, y.age, y.form, y.basis, y.outside",
		    d, d, pin, pin, inforce, d, b18, d, d);
		if (q == nq - 1 && year == ay) {
			out[n].kind = ST_DEMAND;
			out[n++].sql = arena_printf(a,
			    "SELECT c.municipality_id, l.domain, COUNT(*) "
			    "FROM trajectory t JOIN client c ON c.id = "
			    "t.client_id JOIN life_domain l ON l.trajectory_id "
			    "= t.id AND l.status = 'settled' "
			    "WHERE t.start_date <= '%s' AND (t.end_date IS NULL "
			    "OR t.end_date >= '%s') GROUP BY c.municipality_id, "
			    "l.domain", d, d);
		}
	}
	out[n].kind = ST_TURNED18;
	out[n++].sql = arena_printf(a,
	    "SELECT y.muni, y.q, y.gap, COUNT(*), SUM(CASE WHEN y.gap = 1 THEN "
	    "%s(COALESCE(%s, 1000000), COALESCE(%s + 1, 1000000), %s + 1) "
	    "ELSE 0 END) FROM (SELECT z.muni, z.b18, z.tend, " QOF("z.b18")
	    " AS q, CASE WHEN EXISTS (SELECT 1 FROM legal_basis b WHERE "
	    "b.trajectory_id = z.tid AND b.kind <> 'jeugdwet' AND "
	    "b.start_date <= z.b18 AND (b.end_date IS NULL OR b.end_date >= "
	    "z.b18)) THEN 0 ELSE 1 END AS gap, (SELECT MIN(b.start_date) FROM "
	    "legal_basis b WHERE b.trajectory_id = z.tid AND b.kind <> "
	    "'jeugdwet' AND b.start_date > z.b18) AS nextb FROM (SELECT "
	    "c.municipality_id AS muni, t.id AS tid, t.end_date AS tend, %s AS "
	    "b18, t.start_date AS tstart FROM trajectory t JOIN client c ON "
	    "c.id = t.client_id WHERE c.birth_date BETWEEN '%04d-01-01' AND "
	    "'%04d-12-31') z WHERE z.b18 BETWEEN '%s' AND '%s' AND z.tstart "
	    "<= z.b18 AND (z.tend IS NULL OR z.tend >= z.b18)) y "
	    "GROUP BY y.muni, y.q, y.gap",
	    least, DAYS("y.nextb", "y.b18"), DAYS("y.tend", "y.b18"),
	    DAYS(arena_printf(a, "'%s'", asof), "y.b18"), b18, year - 18,
	    year - 18, first, last);
	out[n].kind = ST_TRANSFERS;
	out[n++].sql = per_event(a, "phase p JOIN trajectory t ON t.id = "
	    "p.trajectory_id", "p.start_date", NULL, "EXISTS (SELECT 1 FROM "
	    "phase o WHERE o.trajectory_id = p.trajectory_id AND o.start_date "
	    "< p.start_date)", first, last);
	out[n].kind = ST_CAREGIVERS;
	out[n++].sql = per_event(a, "team_member p JOIN trajectory t ON t.id = "
	    "p.trajectory_id", "p.from_date", NULL, "p.role = 'main_caregiver' "
	    "AND EXISTS (SELECT 1 FROM team_member o WHERE o.trajectory_id = "
	    "p.trajectory_id AND o.role = 'main_caregiver' AND o.from_date < "
	    "p.from_date)", first, last);
	out[n].kind = ST_HANDOVERS;
	out[n++].sql = per_event(a, "handover h JOIN trajectory t ON t.id = "
	    "h.trajectory_id", "h.accepted_on", arena_printf(a, "CASE WHEN %s "
	    "<= %d THEN 1 ELSE 0 END", DAYS("h.accepted_on", "h.proposed_on"),
	    wait_days), "h.status = 'accepted'", first, last);
	out[n].kind = ST_REVIEWS;
	out[n++].sql = arena_printf(a,
	    "SELECT y.muni, " QOF("y.held") ", CASE WHEN y.due IS NULL OR "
	    "y.held <= y.due THEN 1 ELSE 0 END, COUNT(*) FROM (SELECT "
	    "c.municipality_id AS muni, r.held_on AS held, (SELECT p.next_date "
	    "FROM review p WHERE p.trajectory_id = r.trajectory_id AND "
	    "p.held_on < r.held_on ORDER BY p.held_on DESC LIMIT 1) AS due "
	    "FROM review r JOIN trajectory t ON t.id = r.trajectory_id JOIN "
	    "client c ON c.id = t.client_id WHERE r.held_on BETWEEN '%s' AND "
	    "'%s') y GROUP BY 1, 2, 3", first, last);
	out[n].kind = ST_LEFT;
	out[n++].sql = per_event(a, "trajectory t", "t.end_date", NULL, NULL,
	    first, last);
	out[n].kind = ST_AFTERCARE;
	out[n++].sql = per_event(a, "aftercare f JOIN trajectory t ON t.id = "
	    "f.trajectory_id", "f.due_date", arena_printf(a, "CASE WHEN "
	    "f.status = 'cancelled' THEN 4 WHEN f.status = 'done' AND "
	    "f.needs_help = 1 THEN 1 WHEN f.status = 'done' THEN 0 WHEN "
	    "f.due_date < '%s' THEN 2 ELSE 3 END", asof), NULL, first, qend);
	out[n].kind = ST_SIGNALS;
	out[n++].sql = arena_printf(a,
	    "SELECT COALESCE(y.muni, (SELECT c.municipality_id FROM client c "
	    "WHERE c.id = y.cid)), " QOF("y.made") ", CASE WHEN y.cid IS NULL "
	    "THEN 0 ELSE 1 END, COUNT(*) FROM (SELECT s.municipality_id AS "
	    "muni, s.created_on AS made, COALESCE(s.client_id, (SELECT "
	    "MIN(m.client_id) FROM signal_client_match m WHERE m.signal_id = "
	    "s.id)) AS cid FROM signal s WHERE s.created_on BETWEEN '%s' AND "
	    "'%s') y GROUP BY 1, 2, 3", first, last);
#undef DAYS
	return n;
}

int
store_figures_sql(enum db_kind kind, struct arena *a, int year,
    dl_date as_of, int handover_wait_days, const char ***out, size_t *n)
{
	struct q qs[16];

	*n = build(kind, a, year, as_of, handover_wait_days, qs);
	*out = arena_alloc(a, *n * sizeof **out);
	for (size_t i = 0; i < *n; i++)
		(*out)[i] = qs[i].sql;
	return 0;
}

static int
cmp_muni(const void *x, const void *y)
{
	return strcmp(((const struct fig_muni *)x)->id,
	    ((const struct fig_muni *)y)->id);
}

static long
muni_index(const struct fig_data *d, const char *id)
{
	struct fig_muni key = { .id = id };
	const struct fig_muni *m;

	if (id == NULL)
		return -1;
	m = bsearch(&key, d->munis, d->nmuni, sizeof key, cmp_muni);
	return m == NULL ? -1 : (long)(m - d->munis);
}

static int
load_areas(struct db *db, struct arena *a, struct fig_data *d, struct err *e)
{
	struct db_stmt *st;
	size_t cm = 0, cr = 0;
	int rc;

	if (db_prepare(db, "SELECT id, name, COALESCE(region, '') FROM "
	    "organisation WHERE kind = 'municipality' ORDER BY id", &st, e) != 0)
		return -1;
	while ((rc = db_step(st, e)) == 1) {
		struct fig_muni *m = store_grow(a, (void **)&d->munis,
		    &d->nmuni, &cm, sizeof *m);
		const char *reg = db_col_text(st, 2);
		size_t r;

		m->id = store_col_str(st, a, 0);
		m->name = store_col_str(st, a, 1);
		for (r = 0; r < d->nreg; r++)
			if (strcmp(d->regions[r], reg) == 0)
				break;
		if (r == d->nreg) {
			const char **x = store_grow(a, (void **)&d->regions,
			    &d->nreg, &cr, sizeof *x);

			*x = arena_strdup(a, reg);
		}
		m->region = (int)r;
	}
	db_finalize(st);
	if (rc < 0)
		return -1;
	d->reg_institution = arena_alloc(a, d->nreg + 1);
	if (db_prepare(db, "SELECT DISTINCT COALESCE(region, '') FROM "
	    "organisation WHERE kind = 'institution'", &st, e) != 0)
		return -1;
	while ((rc = db_step(st, e)) == 1)
		for (size_t r = 0; r < d->nreg; r++)
			if (strcmp(d->regions[r], db_col_text(st, 0)) == 0)
				d->reg_institution[r] = true;
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

static int
quarter_of(struct db_stmt *st, int col, int nq)
{
	int64_t q = db_col_int64(st, col);

	return q >= 1 && q <= nq ? (int)q - 1 : -1;
}

static void
take_row(struct fig_data *d, const struct q *q, struct db_stmt *st)
{
	struct fig_table *t = &d->t;
	long m = muni_index(d, db_col_text(st, 0));
	int p;
	int64_t k;
	enum care_form form;
	enum basis_kind basis;

	if (m < 0)
		return;
	switch (q->kind) {
	case ST_STOCK:
		k = db_col_int64(st, 5);
		p = q->quarter;
		*fig_at(t, (size_t)m, p, F_IN_CARE) += k;
		*fig_at(t, (size_t)m, p, fig_age_band((int)db_col_int64(st, 1)))
		    += k;
		/* An unknown form or basis counts as none. */
		*fig_at(t, (size_t)m, p, care_form_parse(db_col_text(st, 2),
		    &form) == 0 ? (enum fig)(F_FORM_AMBULANT + form) :
		    F_FORM_NONE) += k;
		*fig_at(t, (size_t)m, p, basis_kind_parse(db_col_text(st, 3),
		    &basis) == 0 ? (enum fig)(F_BASIS_JEUGDWET + basis) :
		    F_BASIS_NONE) += k;
		*fig_at(t, (size_t)m, p, db_col_int64(st, 4) == 1 ?
		    F_PLACED_OUTSIDE_REGION : F_PLACED_INSIDE_REGION) += k;
		return;
	case ST_DEMAND: {
		enum life_domain dom;

		if (life_domain_parse(db_col_text(st, 1), &dom) == 0)
			*fig_at(t, (size_t)m, t->now_quarter,
			    (enum fig)(F_SETTLED_FIRST + dom)) +=
			    db_col_int64(st, 2);
		return;
	}
	case ST_TURNED18:
		if ((p = quarter_of(st, 1, t->nquarters)) < 0)
			return;
		k = db_col_int64(st, 3);
		*fig_at(t, (size_t)m, p, F_TURNED18) += k;
		if (db_col_int64(st, 2) == 1) {
			*fig_at(t, (size_t)m, p, F_TURNED18_GAP) += k;
			*fig_at(t, (size_t)m, p, F_GAP_DAYS) += db_col_int64(st, 4);
		} else {
			*fig_at(t, (size_t)m, p, F_TURNED18_NO_GAP) += k;
		}
		return;
	case ST_TRANSFERS:
	case ST_CAREGIVERS:
	case ST_LEFT:
		if ((p = quarter_of(st, 1, t->nquarters)) < 0)
			return;
		*fig_at(t, (size_t)m, p, q->kind == ST_LEFT ? F_LEFT_CARE :
		    q->kind == ST_CAREGIVERS ? F_CAREGIVER_CHANGES :
		    F_TRANSFERS) += db_col_int64(st, 2);
		return;
	case ST_SIGNALS:
		if ((p = quarter_of(st, 1, t->nquarters)) < 0)
			return;
		k = db_col_int64(st, 3);
		*fig_at(t, (size_t)m, p, F_SIGNALS) += k;
		if (db_col_int64(st, 2) == 1)
			*fig_at(t, (size_t)m, p, F_SIGNALS_MATCHED) += k;
		return;
	case ST_HANDOVERS:
	case ST_REVIEWS: {
		bool h = q->kind == ST_HANDOVERS, ok;

		if ((p = quarter_of(st, 1, t->nquarters)) < 0)
			return;
		k = db_col_int64(st, 3);
		ok = db_col_int64(st, 2) == 1;
		*fig_at(t, (size_t)m, p, h ? F_HANDOVERS : F_REVIEWS) += k;
		*fig_at(t, (size_t)m, p, h ? (ok ? F_HANDOVERS_IN_TIME :
		    F_HANDOVERS_LATE) : (ok ? F_REVIEWS_ON_TIME :
		    F_REVIEWS_LATE)) += k;
		return;
	}
	case ST_AFTERCARE: {
		int64_t c = db_col_int64(st, 2);

		if ((p = quarter_of(st, 1, t->nquarters)) < 0 || c < 0 || c > 4)
			return;
		k = db_col_int64(st, 3);
		*fig_at(t, (size_t)m, p, F_AFTERCARE) += k;
		*fig_at(t, (size_t)m, p, (enum fig)(F_AFTERCARE_OK + c)) += k;
		return;
	}
	}
}

int
store_figures_load(struct db *db, struct arena *a, int year,
    dl_date as_of, int handover_wait_days, struct fig_data *out,
    struct err *e)
{
	struct q qs[16];
	size_t n;
	int *reg_of, ay, am, ad, nq;

	memset(out, 0, sizeof *out);
	out->year = year;
	out->as_of = as_of;
	if (load_areas(db, a, out, e) != 0)
		return -1;
	date_to_ymd(as_of, &ay, &am, &ad);
	nq = year < ay ? 4 : (am + 2) / 3;
	reg_of = arena_alloc(a, (out->nmuni + 1) * sizeof *reg_of);
	for (size_t i = 0; i < out->nmuni; i++)
		reg_of[i] = out->munis[i].region;
	fig_table_init(&out->t, out->nmuni, out->nreg, reg_of, nq,
	    year == ay ? nq - 1 : -1);
	n = build(db_kind(db), a, year, as_of, handover_wait_days, qs);
	for (size_t i = 0; i < n; i++) {
		struct db_stmt *st;
		int rc;

		if (db_prepare(db, qs[i].sql, &st, e) != 0)
			goto fail;
		while ((rc = db_step(st, e)) == 1)
			take_row(out, &qs[i], st);
		db_finalize(st);
		if (rc < 0)
			goto fail;
	}
	/* open demand: in care today and the domain not settled */
	if (out->t.now_quarter >= 0)
		for (size_t m = 0; m < out->nmuni; m++)
			for (int dm = 0; dm < DOM__COUNT; dm++) {
				int p = out->t.now_quarter;

				*fig_at(&out->t, m, p, (enum fig)(F_DEMAND_FIRST +
				    dm)) = *fig_at(&out->t, m, p, F_IN_CARE) -
				    *fig_at(&out->t, m, p,
				    (enum fig)(F_SETTLED_FIRST + dm));
			}
	return 0;
fail:
	fig_table_free(&out->t);
	return -1;
}

int
store_figures_min_cell(struct db *db, struct arena *a, int *k, struct err *e)
{
	return store_setting_int(db, a, "figures.min_cell", k, e);
}
