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

#include "store/common.h"

#define TRAJ_COLS "t.id, t.client_id, t.coordinator_org, o.name, " \
	"t.start_date, t.end_date, t.end_reason_enc"

int
store_trajectory_current(struct db *db, struct arena *a,
    const char *client_id, struct trajectory_rec *t, struct err *e)
{
	memset(t, 0, sizeof *t);
	return store_found(store_one(db, a, e, "SELECT " TRAJ_COLS " FROM trajectory t JOIN "
	    "organisation o ON o.id = t.coordinator_org WHERE t.client_id = ? "
	    "ORDER BY CASE WHEN t.end_date IS NULL THEN 0 ELSE 1 END, "
	    "t.end_date DESC LIMIT 1", "s", "ssssdde", client_id, &t->id,
	    &t->client_id, &t->coordinator_org, &t->coordinator_name, &t->start,
	    &t->end, "trajectory", "end_reason", &t->id, &t->end_reason), e,
	    ERR_NOT_FOUND, NULL, R_TRAJECTORY_NONE, "no trajectory");
}

static int
trajectory_conflict(struct err *e)
{
	if (e->code != ERR_CONFLICT)
		return -1;
	return err_setr(e, ERR_CONFLICT, NULL, R_TRAJECTORY_OPEN_EXISTS,
	    "this client already has an open trajectory");
}

int
store_trajectory_insert(struct db *db, struct arena *a,
    struct trajectory_rec *t, struct err *e)
{
	char now[INSTANT_LEN + 1];

	t->id = store_new_id(a, now);
	if (store_exec(db, a, e, "INSERT INTO trajectory (id, client_id, "
	    "coordinator_org, start_date, end_date, end_reason_enc, created_at, "
	    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "sssddess", t->id,
	    t->client_id, t->coordinator_org, t->start, t->end, "trajectory",
	    "end_reason", t->id, t->end_reason, now, now) < 0)
		return trajectory_conflict(e);
	return 0;
}

int
store_trajectory_update(struct db *db, struct arena *a,
    const struct trajectory_rec *t, struct err *e)
{
	char now[INSTANT_LEN + 1];

	instant_now(now);
	if (store_exec(db, a, e, "UPDATE trajectory SET coordinator_org = ?, "
	    "start_date = ?, end_date = ?, end_reason_enc = ?, updated_at = ? "
	    "WHERE id = ?", "sddess", t->coordinator_org, t->start, t->end,
	    "trajectory", "end_reason", t->id, t->end_reason, now, t->id) < 0)
		return trajectory_conflict(e);
	return 0;
}

/* Where a list of one trajectory grows while its rows are read. */
struct load_ctx {
	struct arena *a;
	struct trajectory_full *f;
	const char *tid;
	size_t cap;
};

/*
 * LOAD_ROW_FN(name, type, var, list, types, ...) defines the store_row_fn
 * `name` that adds a `type` *var of this trajectory to cx->f->list (counted
 * by n<list>) and reads it by store_row(types, ...), whose arguments name
 * var.
 */
#define LOAD_ROW_FN(name, type, var, list, types, ...)			\
static int								\
name(struct db_stmt *st, void *ctx, struct err *e)			\
{									\
	struct load_ctx *cx = ctx;					\
	type *var = store_grow(cx->a, (void **)&cx->f->list,		\
	    &cx->f->n##list, &cx->cap, sizeof *var);			\
									\
	var->trajectory_id = arena_strdup(cx->a, cx->tid);		\
	return store_row(st, cx->a, e, types, __VA_ARGS__);		\
}

STORE_KIND(form_col, care_form_parse, enum care_form, FORM_AMBULANT)
STORE_KIND(basis_col, basis_kind_parse, enum basis_kind, BASIS_OTHER)
STORE_KIND(order_col, order_kind_parse, enum order_kind, ORDER_MACHTIGING)

LOAD_ROW_FN(phase_row, struct phase_rec, p, phases, "skssebddebe", &p->id,
    form_col, &p->form, &p->provider_id, &p->provider_name, "phase",
    "location", &p->id, &p->location, &p->location_shielded, &p->start,
    &p->end, "phase", "change_reason", &p->id, &p->change_reason,
    &p->out_of_region, "phase", "safety_reason", &p->id, &p->safety_reason)
LOAD_ROW_FN(basis_row, struct basis_rec, b, bases, "skssdd", &b->id,
    basis_col, &b->kind, &b->paying_id, &b->paying_name, &b->start, &b->end)
LOAD_ROW_FN(order_row, struct order_rec, o, orders, "skdd", &o->id,
    order_col, &o->kind, &o->start, &o->end)

static int
member_row(struct db_stmt *st, void *ctx, struct err *e)
{
	struct load_ctx *cx = ctx;
	struct member_rec *m = store_grow(cx->a, (void **)&cx->f->members,
	    &cx->f->nmembers, &cx->cap, sizeof *m);
	char *role = NULL;

	m->trajectory_id = arena_strdup(cx->a, cx->tid);
	bool active = true;

	if (store_row(st, cx->a, e, "sssssddb", &m->id, &m->user_id,
	    &m->user_name, &m->user_role, &role, &m->from, &m->to,
	    &active) != 0)
		return -1;
	m->user_inactive = !active;
	if (team_role_parse(role, &m->role) != 0)
		m->role = TEAM_OTHER;
	return 0;
}

int
store_trajectory_load(struct db *db, struct arena *a,
    const struct trajectory_rec *t, struct trajectory_full *out,
    struct err *e)
{
	struct load_ctx p = { a, out, t->id, 0 }, b = p, o = p, m = p;

	memset(out, 0, sizeof *out);
	out->t = *t;
	if (store_each(db, a, e, phase_row, &p, "SELECT p.id, p.form, "
	    "p.provider_org, o.name, p.location_enc, p.location_shielded, "
	    "p.start_date, p.end_date, p.change_reason_enc, p.out_of_region, "
	    "p.safety_reason_enc FROM phase p JOIN organisation o ON "
	    "o.id = p.provider_org WHERE p.trajectory_id = ? ORDER BY "
	    "p.start_date, p.id", "s", t->id) < 0 ||
	    store_each(db, a, e, basis_row, &b, "SELECT b.id, b.kind, "
	    "b.paying_municipality, o.name, b.start_date, b.end_date FROM "
	    "legal_basis b LEFT JOIN organisation o ON "
	    "o.id = b.paying_municipality WHERE b.trajectory_id = ? ORDER BY "
	    "b.start_date, b.id", "s", t->id) < 0 ||
	    store_each(db, a, e, order_row, &o, "SELECT id, kind, start_date, "
	    "end_date FROM court_order WHERE trajectory_id = ? ORDER BY "
	    "start_date, id", "s", t->id) < 0 ||
	    store_each(db, a, e, member_row, &m, "SELECT m.id, m.user_id, "
	    "u.display_name, u.role, m.role, m.from_date, m.to_date, "
	    "u.active FROM team_member m JOIN app_user u ON u.id = m.user_id WHERE "
	    "m.trajectory_id = ? ORDER BY m.from_date, m.id", "s", t->id) < 0)
		return -1;
	return 0;
}

int
store_phase_insert(struct db *db, struct arena *a, struct phase_rec *p,
    struct err *e)
{
	char now[INSTANT_LEN + 1];

	p->id = store_new_id(a, now);
	return store_exec(db, a, e, "INSERT INTO phase (id, trajectory_id, "
	    "form, provider_org, location_enc, location_shielded, start_date, "
	    "end_date, change_reason_enc, out_of_region, safety_reason_enc, "
	    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?)", "ssssebddebess", p->id, p->trajectory_id,
	    care_form_name(p->form), p->provider_id, "phase", "location", p->id,
	    p->location, p->location_shielded, p->start, p->end, "phase",
	    "change_reason", p->id, p->change_reason, p->out_of_region, "phase",
	    "safety_reason", p->id, p->safety_reason, now, now) < 0 ? -1 : 0;
}

int
store_phase_update(struct db *db, struct arena *a,
    const struct phase_rec *p, struct err *e)
{
	char now[INSTANT_LEN + 1];

	instant_now(now);
	return store_exec(db, a, e, "UPDATE phase SET form = ?, "
	    "provider_org = ?, location_enc = ?, location_shielded = ?, "
	    "start_date = ?, end_date = ?, change_reason_enc = ?, "
	    "out_of_region = ?, safety_reason_enc = ?, updated_at = ? WHERE "
	    "id = ?", "ssebddebess", care_form_name(p->form), p->provider_id,
	    "phase", "location", p->id, p->location, p->location_shielded,
	    p->start, p->end, "phase", "change_reason", p->id, p->change_reason,
	    p->out_of_region, "phase", "safety_reason", p->id, p->safety_reason,
	    now, p->id) < 0 ? -1 : 0;
}

int
store_basis_insert(struct db *db, struct arena *a, struct basis_rec *b,
    struct err *e)
{
	char now[INSTANT_LEN + 1];

	b->id = store_new_id(a, now);
	return store_exec(db, a, e, "INSERT INTO legal_basis (id, "
	    "trajectory_id, kind, paying_municipality, start_date, end_date, "
	    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	    "ssssddss", b->id, b->trajectory_id, basis_kind_name(b->kind),
	    b->paying_id, b->start, b->end, now, now) < 0 ? -1 : 0;
}

int
store_basis_update(struct db *db, const struct basis_rec *b, struct err *e)
{
	char now[INSTANT_LEN + 1];

	instant_now(now);
	return store_exec(db, NULL, e, "UPDATE legal_basis SET kind = ?, "
	    "paying_municipality = ?, start_date = ?, end_date = ?, "
	    "updated_at = ? WHERE id = ?", "ssddss", basis_kind_name(b->kind),
	    b->paying_id, b->start, b->end, now, b->id) < 0 ? -1 : 0;
}

int
store_order_insert(struct db *db, struct arena *a, struct order_rec *o,
    struct err *e)
{
	char now[INSTANT_LEN + 1];

	o->id = store_new_id(a, now);
	return store_exec(db, a, e, "INSERT INTO court_order (id, "
	    "trajectory_id, kind, start_date, end_date, created_at, updated_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?)", "sssddss", o->id, o->trajectory_id,
	    order_kind_name(o->kind), o->start, o->end, now, now) < 0 ? -1 : 0;
}

int
store_order_update(struct db *db, const struct order_rec *o, struct err *e)
{
	char now[INSTANT_LEN + 1];

	instant_now(now);
	return store_exec(db, NULL, e, "UPDATE court_order SET kind = ?, "
	    "start_date = ?, end_date = ?, updated_at = ? WHERE id = ?",
	    "sddss", order_kind_name(o->kind), o->start, o->end, now,
	    o->id) < 0 ? -1 : 0;
}

int
store_member_insert(struct db *db, struct arena *a, struct member_rec *m,
    struct err *e)
{
	char now[INSTANT_LEN + 1];

	m->id = store_new_id(a, now);
	return store_exec(db, a, e, "INSERT INTO team_member (id, "
	    "trajectory_id, user_id, role, from_date, to_date, created_at, "
	    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "ssssddss", m->id,
	    m->trajectory_id, m->user_id, team_role_name(m->role), m->from,
	    m->to, now, now) < 0 ? -1 : 0;
}

int
store_member_update(struct db *db, const struct member_rec *m,
    struct err *e)
{
	char now[INSTANT_LEN + 1];

	instant_now(now);
	return store_exec(db, NULL, e, "UPDATE team_member SET role = ?, "
	    "from_date = ?, to_date = ?, updated_at = ? WHERE id = ?", "sddss",
	    team_role_name(m->role), m->from, m->to, now, m->id) < 0 ? -1 : 0;
}
