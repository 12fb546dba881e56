/*
 * climate.c - SQL for group climate (store/climate.h).
 *
 * Invariants:
 *   1. A code's `spent` moves from 0 to 1 once, by "UPDATE ... WHERE
 *      spent = 0": of two racing submissions (or a submission racing a
 *      draft answer) exactly one finds the row unspent; PostgreSQL makes
 *      the second wait on the row lock and re-check, SQLite serialises
 *      writers with BEGIN IMMEDIATE.
 *   2. A response carries a random id, its round and its audience only:
 *      no code, no time, no user.  Its draft is deleted in the same
 *      transaction that writes it.
 */
#include "store/climate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "store/common.h"
#include "store/store.h"

int
store_climate_thresholds(struct db *db, struct arena *a, int *girls,
    int *staff, struct err *e)
{
	if (store_setting_int(db, a, "climate.min_respondents", girls, e) != 0)
		return -1;
	return store_setting_int(db, a, "climate.min_staff_respondents", staff,
	    e);
}

/* A random identifier in the shape id_valid accepts, with no time in it
 * (a UUIDv7 would tell when a response was given). */
static void
random_id(char out[ID_LEN + 1])
{
	unsigned char b[16];
	static const char hex[] = "0123456789abcdef";
	int k = 0;

	random_bytes(b, sizeof b);
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[k++] = '-';
		out[k++] = hex[b[i] >> 4];
		out[k++] = hex[b[i] & 15];
	}
	out[k] = '\0';
}

/* ---- questionnaires ---- */

int
store_climate_q_insert(struct db *db, struct arena *a,
    const struct climate_qdef *q, const char *loaded_by,
    char id_out[ID_LEN + 1], struct err *e)
{
	char now[INSTANT_LEN + 1];
	const char *id = store_new_id(a, now);

	if (store_exec(db, a, e, "INSERT INTO climate_questionnaire (id, name, "
	    "version, source, scale_points, loaded_by, loaded_at) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?)", "ssssiss", id, q->name, q->version,
	    q->source, (int64_t)q->points, loaded_by, now) < 0) {
		if (e->code == ERR_CONFLICT)
			return err_setr(e, ERR_CONFLICT, "name",
			    R_CLIMATE_QUESTIONNAIRE_EXISTS,
			    "a questionnaire with this name and version exists");
		return -1;
	}
	for (int v = 1; v <= q->points; v++) {
		if (store_exec(db, a, e, "INSERT INTO climate_scale_label "
		    "(questionnaire_id, value, label_nl, label_en) VALUES "
		    "(?, ?, ?, ?)", "siss", id, (int64_t)v, q->label_nl[v],
		    q->label_en[v]) < 0)
			return -1;
	}
	for (size_t i = 0; i < q->nitems; i++) {
		const struct climate_qitem *it = &q->items[i];
		char iid[ID_LEN + 1];

		id_new(iid);
		if (store_exec(db, a, e, "INSERT INTO climate_item (id, "
		    "questionnaire_id, variant, position, theme, reverse, "
		    "text_nl, text_en) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		    "sssisbss", iid, id, climate_variant_name(it->variant),
		    (int64_t)it->position, climate_theme_name(it->theme),
		    (int)it->reverse, it->text_nl, it->text_en) < 0)
			return -1;
	}
	memcpy(id_out, id, ID_LEN + 1);
	return 0;
}

#define Q_COLS "q.id, q.name, q.version, q.source, q.scale_points, " \
	"(SELECT COUNT(*) FROM climate_item i WHERE i.questionnaire_id = q.id)"

static void
q_read(struct db_stmt *st, struct arena *a, struct climate_q_brief *q)
{
	q->id = store_col_str(st, a, 0);
	q->name = store_col_str(st, a, 1);
	q->version = store_col_str(st, a, 2);
	q->source = store_col_str(st, a, 3);
	q->points = (int)db_col_int64(st, 4);
	q->nitems = (int)db_col_int64(st, 5);
}

static int
q_row(struct db_stmt *st, void *ctx, struct err *e)
{
	struct store_list *l = ctx;

	q_read(st, l->a, store_list_add(l));
	return 0;
}

int
store_climate_q_list(struct db *db, struct arena *a,
    struct climate_q_brief **out, size_t *n, struct err *e)
{
	return STORE_LIST_ROWS(db, a, out, n, e, q_row,
	    "SELECT " Q_COLS " FROM "
	    "climate_questionnaire q ORDER BY q.loaded_at, q.id", "");
}

int
store_climate_q_get(struct db *db, struct arena *a, const char *id,
    struct climate_q_rec *out, struct err *e)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int rc;

	memset(out, 0, sizeof *out);
	if (db_prepare(db, "SELECT " Q_COLS " FROM climate_questionnaire q "
	    "WHERE q.id = ?", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, id);
	rc = db_step(st, e);
	if (rc == 1)
		q_read(st, a, &out->q);
	db_finalize(st);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return err_setr(e, ERR_NOT_FOUND, "questionnaire_id",
		    R_CLIMATE_QUESTIONNAIRE_UNKNOWN, "no such questionnaire");
	if (db_prepare(db, "SELECT value, label_nl, label_en FROM "
	    "climate_scale_label WHERE questionnaire_id = ?", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, id);
	while ((rc = db_step(st, e)) == 1) {
		int64_t v = db_col_int64(st, 0);

		if (v >= 1 && v <= CLIMATE_SCALE_MAX) {
			out->label_nl[v] = store_col_str(st, a, 1);
			out->label_en[v] = store_col_str(st, a, 2);
		}
	}
	db_finalize(st);
	if (rc < 0)
		return -1;
	if (db_prepare(db, "SELECT id, variant, theme, reverse, position, "
	    "text_nl, text_en FROM climate_item WHERE questionnaire_id = ? "
	    "ORDER BY variant, position", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, id);
	while ((rc = db_step(st, e)) == 1) {
		struct climate_item_rec *it = store_grow(a,
		    (void **)&out->items, &out->nitems, &cap, sizeof *it);

		it->id = store_col_str(st, a, 0);
		(void)climate_variant_parse(db_col_text(st, 1), &it->variant);
		(void)climate_theme_parse(db_col_text(st, 2), &it->theme);
		it->reverse = db_col_int64(st, 3) != 0;
		it->position = (int)db_col_int64(st, 4);
		it->text_nl = store_col_str(st, a, 5);
		it->text_en = store_col_str(st, a, 6);
	}
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

/* ---- living groups ---- */

int
store_climate_group_create(struct db *db, struct arena *a, const char *org_id,
    const char *name, const char *location, const char *by,
    char id_out[ID_LEN + 1], struct err *e)
{
	char now[INSTANT_LEN + 1];
	const char *id = store_new_id(a, now);

	if (store_exec(db, a, e, "INSERT INTO living_group (id, org_id, name, "
	    "location, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
	    "ssssss", id, org_id, name, location, by, now) < 0) {
		if (e->code == ERR_CONFLICT)
			return err_setr(e, ERR_CONFLICT, "name",
			    R_CLIMATE_GROUP_EXISTS,
			    "your institution has a living group of this name");
		return -1;
	}
	memcpy(id_out, id, ID_LEN + 1);
	return 0;
}

#define GROUP_COLS "id, org_id, name, location, created_at"

STORE_ROW_FN(group_row, struct climate_group_rec, g, "sssss", &g->id,
    &g->org_id, &g->name, &g->location, &g->created_at)

STORE_LIST_FN(store_climate_groups, struct climate_group_rec, group_row,
    const char *, org_id, "SELECT " GROUP_COLS " FROM living_group WHERE "
    "org_id = ? ORDER BY name, id", "s", org_id)

int
store_climate_group_get(struct db *db, struct arena *a, const char *id,
    struct climate_group_rec *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	return store_get_row(db, a, e, group_row, out, sizeof *out,
	    R_CLIMATE_GROUP_UNKNOWN, "living group", "SELECT " GROUP_COLS
	    " FROM living_group WHERE id = ?", "s", id);
}

/* ---- rounds ---- */

int
store_climate_round_create(struct db *db, struct arena *a,
    const char *group_id, const char *questionnaire_id, dl_date opens_on,
    dl_date closes_on, const char *by, char id_out[ID_LEN + 1],
    struct err *e)
{
	char now[INSTANT_LEN + 1];
	const char *id = store_new_id(a, now);

	if (store_exec(db, a, e, "INSERT INTO climate_round (id, group_id, "
	    "questionnaire_id, opens_on, closes_on, opened_by, created_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?)", "sssddss", id, group_id,
	    questionnaire_id, opens_on, closes_on, by, now) < 0)
		return -1;
	memcpy(id_out, id, ID_LEN + 1);
	return 0;
}

#define ROUND_COLS \
	"r.id, r.group_id, g.name, g.org_id, r.questionnaire_id, q.name, " \
	"r.opens_on, r.closes_on, " \
	"(SELECT COUNT(*) FROM climate_code c WHERE c.round_id = r.id), " \
	"(SELECT COUNT(*) FROM climate_code c WHERE c.round_id = r.id AND " \
	"c.spent = 1), " \
	"(SELECT COUNT(*) FROM climate_response s WHERE s.round_id = r.id " \
	"AND s.audience = 'girls'), " \
	"(SELECT COUNT(*) FROM climate_response s WHERE s.round_id = r.id " \
	"AND s.audience = 'staff')"
#define ROUND_FROM \
	" FROM climate_round r JOIN living_group g ON g.id = r.group_id " \
	"JOIN climate_questionnaire q ON q.id = r.questionnaire_id "

static int
round_row(struct db_stmt *st, void *ctx, struct err *e)
{
	struct store_list *l = ctx;
	struct arena *a = l->a;
	struct climate_round_rec *r = store_list_add(l);

	r->id = store_col_str(st, a, 0);
	r->group_id = store_col_str(st, a, 1);
	r->group_name = store_col_str(st, a, 2);
	r->org_id = store_col_str(st, a, 3);
	r->questionnaire_id = store_col_str(st, a, 4);
	r->questionnaire_name = store_col_str(st, a, 5);
	r->opens_on = store_col_date(st, 6);
	r->closes_on = store_col_date(st, 7);
	r->codes_issued = (int)db_col_int64(st, 8);
	r->codes_spent = (int)db_col_int64(st, 9);
	r->responses_girls = (int)db_col_int64(st, 10);
	r->responses_staff = (int)db_col_int64(st, 11);
	return 0;
}

int
store_climate_rounds(struct db *db, struct arena *a, const char *group_id,
    const char *org_id, struct climate_round_rec **out, size_t *n,
    struct err *e)
{
	return STORE_LIST_ROWS(db, a, out, n, e, round_row, group_id != NULL ?
	    "SELECT " ROUND_COLS ROUND_FROM "WHERE r.group_id = ? "
	    "ORDER BY r.opens_on, r.id" :
	    "SELECT " ROUND_COLS ROUND_FROM "WHERE g.org_id = ? "
	    "ORDER BY g.name, r.opens_on, r.id", "s",
	    group_id != NULL ? group_id : org_id);
}

int
store_climate_round_get(struct db *db, struct arena *a, const char *id,
    struct climate_round_rec *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	return store_get_row(db, a, e, round_row, out, sizeof *out,
	    R_CLIMATE_ROUND_UNKNOWN, "round", "SELECT " ROUND_COLS ROUND_FROM
	    "WHERE r.id = ?", "s", id);
}

/* ---- codes, drafts, responses ---- */

int
store_climate_code_add(struct db *db, struct arena *a, const char *round_id,
    enum climate_variant variant, const struct crypto_hashes *hs,
    struct err *e)
{
	char now[INSTANT_LEN + 1];
	const char *id = store_new_id(a, now);

	return store_exec(db, a, e, "INSERT INTO climate_code (id, round_id, "
	    "variant, code_hash, spent, hash_key_id) VALUES (?, ?, ?, ?, 0, ?)",
	    "ssssi", id, round_id, climate_variant_name(variant), hs->v[0],
	    (int64_t)hs->id[0]) < 0 ? -1 : 0;
}

int
store_climate_code_find(struct db *db, struct arena *a,
    const struct crypto_hashes *hs, struct climate_code_rec *out,
    struct err *e)
{
	struct db_stmt *st = NULL;
	int rc;

	memset(out, 0, sizeof *out);
	if (db_prepare(db, arena_printf(a, "SELECT id, round_id, variant, "
	    "spent FROM climate_code WHERE code_hash IN %s",
	    store_in_list(a, hs->n)), &st, e) != 0)
		return -1;
	for (size_t i = 0; i < hs->n; i++)
		db_bind_text(st, (int)i + 1, hs->v[i]);
	rc = db_step(st, e);
	if (rc == 1) {
		out->id = store_col_str(st, a, 0);
		out->round_id = store_col_str(st, a, 1);
		(void)climate_variant_parse(db_col_text(st, 2), &out->variant);
		out->spent = db_col_int64(st, 3) != 0;
	}
	db_finalize(st);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return err_setr(e, ERR_NOT_FOUND, "code", R_CLIMATE_CODE_UNKNOWN,
		    "this code is not known");
	return store_climate_round_get(db, a, out->round_id, &out->round, e);
}

int
store_climate_draft_get(struct db *db, struct arena *a, const char *code_id,
    const struct climate_q_rec *q, int *values, struct err *e)
{
	struct db_stmt *st = NULL;
	int rc;

	(void)a;
	for (size_t i = 0; i < q->nitems; i++)
		values[i] = 0;
	if (db_prepare(db, "SELECT item_id, value FROM climate_draft WHERE "
	    "code_id = ?", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, code_id);
	while ((rc = db_step(st, e)) == 1) {
		const char *item = db_col_text(st, 0);

		for (size_t i = 0; i < q->nitems; i++)
			if (strcmp(q->items[i].id, item) == 0)
				values[i] = (int)db_col_int64(st, 1);
	}
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

/* Lock the code's row while it is unspent: 0 if it is, ERR_CONFLICT if
 * it was spent meanwhile.  "SET spent = spent" changes nothing but makes
 * PostgreSQL wait for a racing submission and re-check. */
static int
code_hold(struct db *db, const char *code_id, int to, struct err *e)
{
	int changed = store_exec(db, NULL, e, to ? "UPDATE climate_code SET "
	    "spent = 1 WHERE id = ? AND spent = 0" : "UPDATE climate_code SET "
	    "spent = spent WHERE id = ? AND spent = 0", "s", code_id);

	if (changed < 0)
		return -1;
	if (changed != 1)
		return err_setr(e, ERR_CONFLICT, "code", R_CLIMATE_CODE_SPENT,
		    "this code has been used already");
	return 0;
}

int
store_climate_draft_put(struct db *db, const char *code_id,
    const char *item_id, int value, struct err *e)
{
	if (code_hold(db, code_id, 0, e) != 0)
		return -1;
	if (store_exec(db, NULL, e, "DELETE FROM climate_draft WHERE "
	    "code_id = ? AND item_id = ?", "ss", code_id, item_id) < 0)
		return -1;
	if (value == 0)
		return 0;
	return store_exec(db, NULL, e, "INSERT INTO climate_draft (code_id, "
	    "item_id, value) VALUES (?, ?, ?)", "ssi", code_id, item_id,
	    (int64_t)value) < 0 ? -1 : 0;
}

int
store_climate_submit(struct db *db, struct arena *a, const char *code_id,
    const char *round_id, bool staff, struct err *e)
{
	char rid[ID_LEN + 1];
	int64_t answered = 0;

	if (code_hold(db, code_id, 1, e) != 0)
		return -1;
	if (store_one(db, a, e, "SELECT COUNT(*) FROM climate_draft WHERE "
	    "code_id = ?", "s", "i", code_id, &answered) < 0)
		return -1;
	if (answered == 0)
		return err_setr(e, ERR_INVALID, "code",
		    R_CLIMATE_NOTHING_ANSWERED,
		    "answer at least one question first");
	random_id(rid);
	if (store_exec(db, a, e, "INSERT INTO climate_response (id, round_id, "
	    "audience) VALUES (?, ?, ?)", "sss", rid, round_id,
	    staff ? "staff" : "girls") < 0 ||
	    store_exec(db, a, e, "INSERT INTO climate_answer (response_id, "
	    "item_id, value) SELECT ?, item_id, value FROM climate_draft "
	    "WHERE code_id = ?", "ss", rid, code_id) < 0 ||
	    store_exec(db, a, e, "DELETE FROM climate_draft WHERE code_id = ?",
	    "s", code_id) < 0)
		return -1;
	return 0;
}

int
store_climate_answers(struct db *db, struct arena *a, const char *round_id,
    struct climate_answer_rec **out, size_t *n, struct err *e)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (db_prepare(db, "SELECT s.id, s.audience, a.item_id, a.value FROM "
	    "climate_response s JOIN climate_answer a ON a.response_id = s.id "
	    "WHERE s.round_id = ? ORDER BY s.id, a.item_id", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, round_id);
	while ((rc = db_step(st, e)) == 1) {
		struct climate_answer_rec *r = store_grow(a, (void **)out, n,
		    &cap, sizeof *r);

		r->response_id = store_col_str(st, a, 0);
		r->staff = strcmp(db_col_text(st, 1), "staff") == 0;
		r->item_id = store_col_str(st, a, 2);
		r->value = (int)db_col_int64(st, 3);
	}
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}
