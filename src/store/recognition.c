/*
 * recognition.c - the SQL of recognition (store/recognition.h).
 *
 * Invariants:
 *   1. A trajectory has at most one registration as a victim (a unique
 *      index), and its registration with CoMensha is written once, by a
 *      conditional update, so of two racing requests one records it.
 *   2. An indicator's value, normal form and note are encrypted bound to
 *      their row; match_hash (crypto_indicator_hash of kind and normal
 *      form) is the only column compared across trajectories.
 *   3. A match is another girl's trajectory (another client_id), so her
 *      own earlier trajectory never counts as another case.
 */
#include "store/recognition.h"

#include <string.h>

#include "crypto/crypto.h"
#include "store/common.h"

/* ================= registration as a victim ================= */

#define VICTIM_SELECT "SELECT v.id, v.trajectory_id, v.client_id, v.status, " \
	"v.recognised_on, v.municipality_id, o.name, v.recorded_by, " \
	"u.display_name, u.role, v.created_at, v.comensha_on, " \
	"v.comensha_consent_id, v.comensha_basis, v.comensha_age, " \
	"v.comensha_by, cu.display_name, cu.role FROM victim_registration v " \
	"JOIN organisation o ON o.id = v.municipality_id JOIN app_user u ON " \
	"u.id = v.recorded_by LEFT JOIN app_user cu ON cu.id = v.comensha_by "

STORE_KIND(victim_col, victim_status_parse, enum victim_status,
    VICTIM_POSSIBLE)
STORE_KIND(party_col, consent_party_parse, enum consent_party, CONSENT_CLIENT)

STORE_ROW_FN(victim_row, struct victim_rec, v, "ssskdssssssdskIsss", &v->id,
    &v->trajectory_id, &v->client_id, victim_col, &v->status,
    &v->recognised_on, &v->municipality_id, &v->municipality_name,
    &v->recorded_by.id, &v->recorded_by.display_name, &v->recorded_by.role,
    &v->created_at, &v->comensha_on, &v->comensha_consent_id, party_col,
    &v->comensha_basis, &v->comensha_age, &v->comensha_by.id,
    &v->comensha_by.display_name, &v->comensha_by.role)

struct form_ctx {
	struct arena *a;
	unsigned forms;
};

static int
form_row(struct db_stmt *st, void *ctx, struct err *e)
{
	struct form_ctx *c = ctx;
	enum exploitation_form f;
	char *name = NULL;

	if (store_row(st, c->a, e, "s", &name) != 0)
		return -1;
	if (exploitation_form_parse(name, &f) == 0)
		c->forms |= 1u << f;
	return 0;
}

int
store_victim_get(struct db *db, struct arena *a, const char *trajectory_id,
    struct victim_rec *out, struct err *e)
{
	if (store_get_row(db, a, e, victim_row, out, sizeof *out,
	    R_VICTIM_NOT_REGISTERED, "registration", VICTIM_SELECT
	    "WHERE v.trajectory_id = ?", "s", trajectory_id) != 0)
		return -1;
	struct form_ctx c = { a, 0 };

	if (store_each(db, a, e, form_row, &c, "SELECT form FROM victim_form "
	    "WHERE registration_id = ?", "s", out->id) < 0)
		return -1;
	out->forms = c.forms;
	return 0;
}

int
store_victim_insert(struct db *db, struct arena *a, struct victim_rec *v,
    const char *user_id, struct err *e)
{
	char now[INSTANT_LEN + 1];

	v->id = store_new_id(a, now);
	v->created_at = arena_strdup(a, now);
	if (store_exec(db, a, e, "INSERT INTO victim_registration (id, "
	    "trajectory_id, client_id, status, recognised_on, municipality_id, "
	    "recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	    "ssssdsss", v->id, v->trajectory_id, v->client_id,
	    victim_status_name(v->status), v->recognised_on, v->municipality_id,
	    user_id, now) < 0) {
		if (e->code == ERR_CONFLICT)
			return err_setr(e, ERR_CONFLICT, NULL,
			    R_VICTIM_REGISTERED_ALREADY,
			    "she is registered as a victim in this trajectory "
			    "already");
		return -1;
	}
	for (int f = 0; f < EXPL__COUNT; f++)
		if ((v->forms & (1u << f)) && store_exec(db, a, e, "INSERT INTO "
		    "victim_form (registration_id, form) VALUES (?, ?)", "ss",
		    v->id, exploitation_form_name((enum exploitation_form)f)) < 0)
			return -1;
	return 0;
}

int
store_victim_comensha(struct db *db, const char *id, dl_date on,
    const char *consent_id, enum consent_party basis, int age,
    const char *user_id, struct err *e)
{
	return store_found(store_exec(db, NULL, e, "UPDATE "
	    "victim_registration SET comensha_on = ?, comensha_consent_id = ?, "
	    "comensha_basis = ?, comensha_age = ?, comensha_by = ? WHERE id = ? "
	    "AND comensha_on IS NULL", "dssiss", on, consent_id,
	    consent_party_name(basis), (int64_t)age, user_id, id), e,
	    ERR_CONFLICT, NULL, R_VICTIM_COMENSHA_ALREADY,
	    "the registration with CoMensha has been recorded already");
}

/* ================= exploiter indicators ================= */

#define INDICATOR_SELECT "SELECT i.id, i.trajectory_id, i.client_id, " \
	"i.kind, i.value_enc, i.normal_enc, i.note_enc, i.recorded_by, " \
	"u.display_name, u.role, i.created_at, (SELECT COUNT(*) FROM " \
	"indicator_export x WHERE x.indicator_id = i.id), (SELECT " \
	"MAX(x.exported_at) FROM indicator_export x WHERE x.indicator_id = " \
	"i.id) FROM exploiter_indicator i JOIN app_user u ON u.id = " \
	"i.recorded_by WHERE i.trajectory_id = ? AND i.removed_at IS NULL "

STORE_KIND(indicator_col, indicator_kind_parse, enum indicator_kind,
    IND_ALIAS)

STORE_ROW_FN(indicator_row, struct indicator_rec, i, "ssskeeessssIs", &i->id,
    &i->trajectory_id, &i->client_id, indicator_col, &i->kind,
    "exploiter_indicator", "value", &i->id, &i->value,
    "exploiter_indicator", "normal", &i->id, &i->normal,
    "exploiter_indicator", "note", &i->id, &i->note, &i->recorded_by.id,
    &i->recorded_by.display_name, &i->recorded_by.role, &i->created_at,
    &i->exports, &i->last_export_at)

/* One match row: the indicator of this trajectory it belongs to, then the
 * other girl's trajectory. */
struct match_ctx {
	struct arena *a;
	struct indicator_rec *v;
	size_t n;
	size_t *cap;		/* per indicator */
};

static int
match_row(struct db_stmt *st, void *ctx, struct err *e)
{
	struct match_ctx *m = ctx;
	struct indicator_match x;
	char *mine = NULL;

	memset(&x, 0, sizeof x);
	if (store_row(st, m->a, e, "ssssss_", &mine, &x.trajectory_id,
	    &x.client_id, &x.coordinator_org, &x.coordinator_name,
	    &x.recorded_at) != 0)
		return -1;
	for (size_t i = 0; i < m->n; i++) {
		struct indicator_rec *v = &m->v[i];

		if (strcmp(v->id, mine) != 0)
			continue;
		*(struct indicator_match *)store_grow(m->a,
		    (void **)&v->matches, &v->nmatches, &m->cap[i],
		    sizeof x) = x;
		break;
	}
	return 0;
}

/* The open flag separately: store_row reads a NULL date as DATE_NONE. */
static int
match_open_row(struct db_stmt *st, void *ctx, struct err *e)
{
	struct match_ctx *m = ctx;
	char *mine = NULL, *traj = NULL;
	dl_date end = DATE_NONE;

	if (store_row(st, m->a, e, "ss____d", &mine, &traj, &end) != 0)
		return -1;
	for (size_t i = 0; i < m->n; i++)
		for (size_t k = 0; strcmp(m->v[i].id, mine) == 0 &&
		    k < m->v[i].nmatches; k++)
			if (strcmp(m->v[i].matches[k].trajectory_id, traj) == 0)
				m->v[i].matches[k].open = end == DATE_NONE;
	return 0;
}

#define MATCH_SQL "SELECT i.id, m.trajectory_id, m.client_id, " \
	"t.coordinator_org, o.name, m.created_at, t.end_date FROM " \
	"exploiter_indicator i JOIN exploiter_indicator m ON m.match_hash = " \
	"i.match_hash AND m.client_id <> i.client_id AND m.removed_at IS NULL " \
	"JOIN trajectory t ON t.id = m.trajectory_id JOIN organisation o ON " \
	"o.id = t.coordinator_org WHERE i.trajectory_id = ? AND i.removed_at " \
	"IS NULL"

static int
attach_matches(struct db *db, struct arena *a, const char *trajectory_id,
    const char *only_id, struct indicator_rec *v, size_t n, struct err *e)
{
	struct match_ctx m = { a, v, n, NULL };

	if (n == 0)
		return 0;
	m.cap = arena_alloc(a, n * sizeof *m.cap);
	memset(m.cap, 0, n * sizeof *m.cap);
	if (only_id != NULL) {
		if (store_each(db, a, e, match_row, &m, MATCH_SQL " AND i.id = ? "
		    "ORDER BY o.name, m.created_at", "ss", trajectory_id,
		    only_id) < 0 || store_each(db, a, e, match_open_row, &m,
		    MATCH_SQL " AND i.id = ?", "ss", trajectory_id, only_id) < 0)
			return -1;
		return 0;
	}
	if (store_each(db, a, e, match_row, &m, MATCH_SQL " ORDER BY o.name, "
	    "m.created_at", "s", trajectory_id) < 0 ||
	    store_each(db, a, e, match_open_row, &m, MATCH_SQL, "s",
	    trajectory_id) < 0)
		return -1;
	return 0;
}

int
store_indicator_list(struct db *db, struct arena *a,
    const char *trajectory_id, struct indicator_rec **out, size_t *n,
    struct err *e)
{
	struct store_list l = STORE_LIST(a, out, n);

	if (store_list_rows(db, &l, e, indicator_row, INDICATOR_SELECT
	    "ORDER BY i.created_at DESC, i.id DESC", "s", trajectory_id) != 0)
		return -1;
	return attach_matches(db, a, trajectory_id, NULL, *out, *n, e);
}

int
store_indicator_get(struct db *db, struct arena *a,
    const char *trajectory_id, const char *id, struct indicator_rec *out,
    struct err *e)
{
	if (!id_valid(id))
		return err_setr(e, ERR_NOT_FOUND, NULL, R_INDICATOR_NOT_FOUND,
		    "indicator not found");
	if (store_get_row(db, a, e, indicator_row, out, sizeof *out,
	    R_INDICATOR_NOT_FOUND, "indicator", INDICATOR_SELECT
	    "AND i.id = ?", "ss", trajectory_id, id) != 0)
		return -1;
	out->matches = NULL;
	out->nmatches = 0;
	return attach_matches(db, a, trajectory_id, id, out, 1, e);
}

int
store_indicator_insert(struct db *db, struct arena *a,
    struct indicator_rec *i, const char *user_id, struct err *e)
{
	const char *kind = indicator_kind_name(i->kind);
	char now[INSTANT_LEN + 1], hash[65];
	int key;

	/* An alias is folded like a search: "Zoë" and "zoe" are one name. */
	if (i->kind == IND_ALIAS)
		i->normal = store_fold(a, i->normal);
	key = crypto_indicator_hash(0, kind, i->normal, hash);
	i->id = store_new_id(a, now);
	i->created_at = arena_strdup(a, now);
	if (store_exec(db, a, e, "INSERT INTO exploiter_indicator (id, "
	    "trajectory_id, client_id, kind, value_enc, normal_enc, match_hash, "
	    "note_enc, recorded_by, created_at, hash_key_id) VALUES (?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?)", "sssseesessi", i->id, i->trajectory_id,
	    i->client_id, kind,
	    "exploiter_indicator", "value", i->id, i->value,
	    "exploiter_indicator", "normal", i->id, i->normal, hash,
	    "exploiter_indicator", "note", i->id, i->note, user_id, now,
	    (int64_t)key) < 0) {
		if (e->code == ERR_CONFLICT)
			return err_setr(e, ERR_CONFLICT, "value",
			    R_INDICATOR_RECORDED_ALREADY,
			    "this trajectory holds this indicator already");
		return -1;
	}
	return 0;
}

int
store_indicator_export_insert(struct db *db, struct arena *a,
    struct indicator_export_rec *x, const char *user_id, struct err *e)
{
	char now[INSTANT_LEN + 1];

	x->id = store_new_id(a, now);
	x->exported_at = arena_strdup(a, now);
	return store_exec(db, a, e, "INSERT INTO indicator_export (id, "
	    "indicator_id, legal_basis, reference_enc, recipient_enc, format, "
	    "exported_by, exported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	    "ssseesss", x->id, x->indicator_id,
	    export_basis_name(x->basis), "indicator_export", "reference", x->id,
	    x->reference, "indicator_export", "recipient", x->id, x->recipient,
	    x->format, user_id, now) < 0 ? -1 : 0;
}
