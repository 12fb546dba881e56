/*
 * trajectory.c - a trajectory and the events inside it: phases, legal
 * bases, court orders and team memberships (DOMAIN.md R1, R3).
 *
 * Invariants:
 *   1. A client has at most one open trajectory; the database enforces it
 *      with a partial unique index (trajectory_one_open), and an attempt
 *      to open a second comes back as ERR_CONFLICT.
 *   2. Lists come back ascending by start date, then id, so the rules in
 *      core/ and the timeline see them in time order.
 *   3. Free text (location, reasons) is encrypted with its row id bound in.
 */
#include "store/store.h"

#include <string.h>

#include "db/db.h"
#include "store/common.h"

#define TRAJ_COLS "t.id, t.client_id, t.coordinator_org, o.name, " \
	"t.start_date, t.end_date, t.end_reason_enc"

static int
trajectory_read(struct db_stmt *st, struct arena *a, struct trajectory_rec *t,
    struct err *e)
{
	memset(t, 0, sizeof *t);
	t->id = store_col_str(st, a, 0);
	t->client_id = store_col_str(st, a, 1);
	t->coordinator_org = store_col_str(st, a, 2);
	t->coordinator_name = store_col_str(st, a, 3);
	t->start = store_col_date(st, 4);
	t->end = store_col_date(st, 5);
	return store_col_dec(st, 6, a, "trajectory", "end_reason", t->id,
	    &t->end_reason, e);
}

int
store_trajectory_current(struct db *db, struct arena *a,
    const char *client_id, struct trajectory_rec *out, struct err *e)
{
	struct db_stmt *st = NULL;
	int rc;

	if (db_prepare(db, "SELECT " TRAJ_COLS " FROM trajectory t JOIN "
	    "organisation o ON o.id = t.coordinator_org WHERE t.client_id = ? "
	    "ORDER BY CASE WHEN t.end_date IS NULL THEN 0 ELSE 1 END, "
	    "t.end_date DESC LIMIT 1", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, client_id);
	rc = db_step(st, e);
	if (rc == 1)
		rc = trajectory_read(st, a, out, e) == 0 ? 1 : -1;
	db_finalize(st);
	if (rc == 0)
		return err_setr(e, ERR_NOT_FOUND, NULL,
		    R_TRAJECTORY_NONE, "no trajectory");
	return rc < 0 ? -1 : 0;
}

int
store_trajectory_insert(struct db *db, struct arena *a,
    struct trajectory_rec *t, struct err *e)
{
	char id[ID_LEN + 1], now[INSTANT_LEN + 1];
	struct db_stmt *st = NULL;
	int rc;

	id_new(id);
	instant_now(now);
	t->id = arena_strdup(a, id);
	if (db_prepare(db, "INSERT INTO trajectory (id, client_id, "
	    "coordinator_org, start_date, end_date, end_reason_enc, created_at, "
	    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, t->client_id);
	db_bind_text(st, 3, t->coordinator_org);
	store_bind_date(st, 4, t->start);
	store_bind_date(st, 5, t->end);
	store_bind_enc(st, 6, a, "trajectory", "end_reason", id, t->end_reason);
	db_bind_text(st, 7, now);
	db_bind_text(st, 8, now);
	rc = db_step(st, e);
	db_finalize(st);
	if (rc < 0 && e->code == ERR_CONFLICT)
		return err_setr(e, ERR_CONFLICT, NULL, R_TRAJECTORY_OPEN_EXISTS,
		    "this client already has an open trajectory");
	return rc < 0 ? -1 : 0;
}

int
store_trajectory_update(struct db *db, struct arena *a,
    const struct trajectory_rec *t, struct err *e)
{
	char now[INSTANT_LEN + 1];
	struct db_stmt *st = NULL;
	int rc;

	instant_now(now);
	if (db_prepare(db, "UPDATE trajectory SET coordinator_org = ?, "
	    "start_date = ?, end_date = ?, end_reason_enc = ?, updated_at = ? "
	    "WHERE id = ?", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, t->coordinator_org);
	store_bind_date(st, 2, t->start);
	store_bind_date(st, 3, t->end);
	store_bind_enc(st, 4, a, "trajectory", "end_reason", t->id,
	    t->end_reason);
	db_bind_text(st, 5, now);
	db_bind_text(st, 6, t->id);
	rc = db_step(st, e);
	db_finalize(st);
	if (rc < 0 && e->code == ERR_CONFLICT)
		return err_setr(e, ERR_CONFLICT, NULL, R_TRAJECTORY_OPEN_EXISTS,
		    "this client already has an open trajectory");
	return rc < 0 ? -1 : 0;
}

static int
load_phases(struct db *db, struct arena *a, const char *tid,
    struct trajectory_full *f, struct err *e)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int rc;

	if (db_prepare(db, "SELECT p.id, p.form, p.provider_org, o.name, "
	    "p.location_enc, p.location_shielded, p.start_date, p.end_date, "
	    "p.change_reason_enc, p.out_of_region, p.safety_reason_enc FROM "
	    "phase p JOIN organisation o ON o.id = p.provider_org WHERE "
	    "p.trajectory_id = ? ORDER BY p.start_date, p.id", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, tid);
	while ((rc = db_step(st, e)) == 1) {
		struct phase_rec *p = store_grow(a, (void **)&f->phases, &f->nphases,
		    &cap, sizeof *p);

		p->id = store_col_str(st, a, 0);
		p->trajectory_id = arena_strdup(a, tid);
		if (care_form_parse(db_col_text(st, 1), &p->form) != 0)
			p->form = FORM_AMBULANT;
		p->provider_id = store_col_str(st, a, 2);
		p->provider_name = store_col_str(st, a, 3);
		p->location_shielded = db_col_int64(st, 5) != 0;
		p->start = store_col_date(st, 6);
		p->end = store_col_date(st, 7);
		p->out_of_region = db_col_int64(st, 9) != 0;
		if (store_col_dec(st, 4, a, "phase", "location", p->id,
		    &p->location, e) != 0 ||
		    store_col_dec(st, 8, a, "phase", "change_reason", p->id,
		    &p->change_reason, e) != 0 ||
		    store_col_dec(st, 10, a, "phase", "safety_reason", p->id,
		    &p->safety_reason, e) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

static int
load_bases(struct db *db, struct arena *a, const char *tid,
    struct trajectory_full *f, struct err *e)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int rc;

	if (db_prepare(db, "SELECT b.id, b.kind, b.paying_municipality, o.name, "
	    "b.start_date, b.end_date FROM legal_basis b LEFT JOIN "
	    "organisation o ON o.id = b.paying_municipality WHERE "
	    "b.trajectory_id = ? ORDER BY b.start_date, b.id", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, tid);
	while ((rc = db_step(st, e)) == 1) {
		struct basis_rec *b = store_grow(a, (void **)&f->bases, &f->nbases,
		    &cap, sizeof *b);

		b->id = store_col_str(st, a, 0);
		b->trajectory_id = arena_strdup(a, tid);
		if (basis_kind_parse(db_col_text(st, 1), &b->kind) != 0)
			b->kind = BASIS_OTHER;
		b->paying_id = store_col_str(st, a, 2);
		b->paying_name = store_col_str(st, a, 3);
		b->start = store_col_date(st, 4);
		b->end = store_col_date(st, 5);
	}
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

static int
load_orders(struct db *db, struct arena *a, const char *tid,
    struct trajectory_full *f, struct err *e)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int rc;

	if (db_prepare(db, "SELECT id, kind, start_date, end_date FROM "
	    "court_order WHERE trajectory_id = ? ORDER BY start_date, id", &st,
	    e) != 0)
		return -1;
	db_bind_text(st, 1, tid);
	while ((rc = db_step(st, e)) == 1) {
		struct order_rec *o = store_grow(a, (void **)&f->orders, &f->norders,
		    &cap, sizeof *o);

		o->id = store_col_str(st, a, 0);
		o->trajectory_id = arena_strdup(a, tid);
		if (order_kind_parse(db_col_text(st, 1), &o->kind) != 0)
			o->kind = ORDER_MACHTIGING;
		o->start = store_col_date(st, 2);
		o->end = store_col_date(st, 3);
	}
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

static int
load_members(struct db *db, struct arena *a, const char *tid,
    struct trajectory_full *f, struct err *e)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int rc;

	if (db_prepare(db, "SELECT m.id, m.user_id, u.display_name, u.role, "
	    "m.role, m.from_date, m.to_date FROM team_member m JOIN app_user u "
	    "ON u.id = m.user_id WHERE m.trajectory_id = ? ORDER BY "
	    "m.from_date, m.id", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, tid);
	while ((rc = db_step(st, e)) == 1) {
		struct member_rec *m = store_grow(a, (void **)&f->members,
		    &f->nmembers, &cap, sizeof *m);

		m->id = store_col_str(st, a, 0);
		m->trajectory_id = arena_strdup(a, tid);
		m->user_id = store_col_str(st, a, 1);
		m->user_name = store_col_str(st, a, 2);
		m->user_role = store_col_str(st, a, 3);
		if (team_role_parse(db_col_text(st, 4), &m->role) != 0)
			m->role = TEAM_OTHER;
		m->from = store_col_date(st, 5);
		m->to = store_col_date(st, 6);
	}
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

int
store_trajectory_load(struct db *db, struct arena *a,
    const struct trajectory_rec *t, struct trajectory_full *out,
    struct err *e)
{
	memset(out, 0, sizeof *out);
	out->t = *t;
	if (load_phases(db, a, t->id, out, e) != 0 ||
	    load_bases(db, a, t->id, out, e) != 0 ||
	    load_orders(db, a, t->id, out, e) != 0 ||
	    load_members(db, a, t->id, out, e) != 0)
		return -1;
	return 0;
}

int
store_phase_insert(struct db *db, struct arena *a, struct phase_rec *p,
    struct err *e)
{
	char id[ID_LEN + 1], now[INSTANT_LEN + 1];
	struct db_stmt *st = NULL;

	id_new(id);
	instant_now(now);
	p->id = arena_strdup(a, id);
	if (db_prepare(db, "INSERT INTO phase (id, trajectory_id, form, "
	    "provider_org, location_enc, location_shielded, start_date, "
	    "end_date, change_reason_enc, out_of_region, safety_reason_enc, "
	    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?)", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, p->trajectory_id);
	db_bind_text(st, 3, care_form_name(p->form));
	db_bind_text(st, 4, p->provider_id);
	store_bind_enc(st, 5, a, "phase", "location", id, p->location);
	db_bind_int64(st, 6, p->location_shielded);
	store_bind_date(st, 7, p->start);
	store_bind_date(st, 8, p->end);
	store_bind_enc(st, 9, a, "phase", "change_reason", id, p->change_reason);
	db_bind_int64(st, 10, p->out_of_region);
	store_bind_enc(st, 11, a, "phase", "safety_reason", id, p->safety_reason);
	db_bind_text(st, 12, now);
	db_bind_text(st, 13, now);
	return store_step_done(st, e);
}

int
store_phase_update(struct db *db, struct arena *a,
    const struct phase_rec *p, struct err *e)
{
	char now[INSTANT_LEN + 1];
	struct db_stmt *st = NULL;

	instant_now(now);
	if (db_prepare(db, "UPDATE phase SET form = ?, provider_org = ?, "
	    "location_enc = ?, location_shielded = ?, start_date = ?, "
	    "end_date = ?, change_reason_enc = ?, out_of_region = ?, "
	    "safety_reason_enc = ?, updated_at = ? WHERE id = ?", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, care_form_name(p->form));
	db_bind_text(st, 2, p->provider_id);
	store_bind_enc(st, 3, a, "phase", "location", p->id, p->location);
	db_bind_int64(st, 4, p->location_shielded);
	store_bind_date(st, 5, p->start);
	store_bind_date(st, 6, p->end);
	store_bind_enc(st, 7, a, "phase", "change_reason", p->id,
	    p->change_reason);
	db_bind_int64(st, 8, p->out_of_region);
	store_bind_enc(st, 9, a, "phase", "safety_reason", p->id,
	    p->safety_reason);
	db_bind_text(st, 10, now);
	db_bind_text(st, 11, p->id);
	return store_step_done(st, e);
}

int
store_basis_insert(struct db *db, struct arena *a, struct basis_rec *b,
    struct err *e)
{
	char now[INSTANT_LEN + 1];
	struct db_stmt *st = NULL;

	b->id = store_new_id(a, now);
	if (db_prepare(db, "INSERT INTO legal_basis (id, trajectory_id, kind, "
	    "paying_municipality, start_date, end_date, created_at, updated_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, b->id);
	db_bind_text(st, 2, b->trajectory_id);
	db_bind_text(st, 3, basis_kind_name(b->kind));
	db_bind_text(st, 4, b->paying_id);
	store_bind_date(st, 5, b->start);
	store_bind_date(st, 6, b->end);
	db_bind_text(st, 7, now);
	db_bind_text(st, 8, now);
	return store_step_done(st, e);
}

int
store_basis_update(struct db *db, const struct basis_rec *b, struct err *e)
{
	char now[INSTANT_LEN + 1];
	struct db_stmt *st = NULL;

	instant_now(now);
	if (db_prepare(db, "UPDATE legal_basis SET kind = ?, "
	    "paying_municipality = ?, start_date = ?, end_date = ?, "
	    "updated_at = ? WHERE id = ?", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, basis_kind_name(b->kind));
	db_bind_text(st, 2, b->paying_id);
	store_bind_date(st, 3, b->start);
	store_bind_date(st, 4, b->end);
	db_bind_text(st, 5, now);
	db_bind_text(st, 6, b->id);
	return store_step_done(st, e);
}

int
store_order_insert(struct db *db, struct arena *a, struct order_rec *o,
    struct err *e)
{
	char now[INSTANT_LEN + 1];
	struct db_stmt *st = NULL;

	o->id = store_new_id(a, now);
	if (db_prepare(db, "INSERT INTO court_order (id, trajectory_id, kind, "
	    "start_date, end_date, created_at, updated_at) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?)", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, o->id);
	db_bind_text(st, 2, o->trajectory_id);
	db_bind_text(st, 3, order_kind_name(o->kind));
	store_bind_date(st, 4, o->start);
	store_bind_date(st, 5, o->end);
	db_bind_text(st, 6, now);
	db_bind_text(st, 7, now);
	return store_step_done(st, e);
}

int
store_order_update(struct db *db, const struct order_rec *o, struct err *e)
{
	char now[INSTANT_LEN + 1];
	struct db_stmt *st = NULL;

	instant_now(now);
	if (db_prepare(db, "UPDATE court_order SET kind = ?, start_date = ?, "
	    "end_date = ?, updated_at = ? WHERE id = ?", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, order_kind_name(o->kind));
	store_bind_date(st, 2, o->start);
	store_bind_date(st, 3, o->end);
	db_bind_text(st, 4, now);
	db_bind_text(st, 5, o->id);
	return store_step_done(st, e);
}

int
store_member_insert(struct db *db, struct arena *a, struct member_rec *m, struct err *e)
{
	char now[INSTANT_LEN + 1];
	struct db_stmt *st = NULL;

	m->id = store_new_id(a, now);
	if (db_prepare(db, "INSERT INTO team_member (id, trajectory_id, "
	    "user_id, role, from_date, to_date, created_at, updated_at) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?)", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, m->id);
	db_bind_text(st, 2, m->trajectory_id);
	db_bind_text(st, 3, m->user_id);
	db_bind_text(st, 4, team_role_name(m->role));
	store_bind_date(st, 5, m->from);
	store_bind_date(st, 6, m->to);
	db_bind_text(st, 7, now);
	db_bind_text(st, 8, now);
	return store_step_done(st, e);
}

int
store_member_update(struct db *db, const struct member_rec *m,
    struct err *e)
{
	char now[INSTANT_LEN + 1];
	struct db_stmt *st = NULL;

	instant_now(now);
	if (db_prepare(db, "UPDATE team_member SET role = ?, from_date = ?, "
	    "to_date = ?, updated_at = ? WHERE id = ?", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, team_role_name(m->role));
	store_bind_date(st, 2, m->from);
	store_bind_date(st, 3, m->to);
	db_bind_text(st, 4, now);
	db_bind_text(st, 5, m->id);
	return store_step_done(st, e);
}
