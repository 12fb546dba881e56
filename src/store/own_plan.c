/*
 * own_plan.c - her own plan in her own words (DOMAIN.md R10), per life
 * domain or as a whole ("general").
 *
 * Invariants:
 *   1. Append-only: a save is version n + 1 of its domain; the unique
 *      (client_id, domain, version) index turns two saves racing for the
 *      same number into ERR_CONFLICT rather than a silent overwrite.
 *   2. The text is encrypted, bound to own_plan|body|row id.
 */
#include "store/voice.h"

#include "core/alerts.h"

#include <string.h>

#include "db/db.h"
#include "store/common.h"
#include "util/id.h"

static int
plan_read(struct db_stmt *st, struct arena *a, struct own_plan_rec *p,
    struct err *e)
{
	memset(p, 0, sizeof *p);
	p->id = store_col_str(st, a, 0);
	if (own_section_parse(db_col_text(st, 1), &p->section) != 0)
		p->section = OWN_GENERAL;
	p->version = (int)db_col_int64(st, 2);
	p->created_at = store_col_str(st, a, 4);
	p->written_by.id = store_col_str(st, a, 5);
	p->written_by.display_name = store_col_str(st, a, 6);
	p->written_by.role = store_col_str(st, a, 7);
	return store_col_dec(st, 3, a, "own_plan", "body", p->id, &p->text, e);
}

#define PLAN_SELECT "SELECT p.id, p.domain, p.version, p.body_enc, " \
	"p.created_at, p.written_by, u.display_name, u.role FROM own_plan p " \
	"JOIN app_user u ON u.id = p.written_by "

int
store_own_plan_list(struct db *db, struct arena *a, const char *client_id,
    int section, struct own_plan_rec **out, size_t *n, struct err *e)
{
	bool all = section == OWN_PLAN_ALL;
	struct db_stmt *st = NULL;
	struct own_plan_rec *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (db_prepare(db, !all ?
	    PLAN_SELECT "WHERE p.client_id = ? AND p.domain = ? ORDER BY "
	    "p.version DESC" :
	    PLAN_SELECT "WHERE p.client_id = ? AND p.version = (SELECT "
	    "MAX(q.version) FROM own_plan q WHERE q.client_id = p.client_id "
	    "AND q.domain = p.domain)", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, client_id);
	if (!all)
		db_bind_text(st, 2, own_section_name(section));
	while ((rc = db_step(st, e)) == 1) {
		if (plan_read(st, a, store_grow(a, (void **)&v, &len, &cap,
		    sizeof *v), e) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(st);
	if (rc < 0)
		return -1;
	if (all) {
		/* "general" (-1) first, then the domains in the enum's order. */
		for (size_t i = 1; i < len; i++)
			for (size_t j = i; j > 0 && v[j].section < v[j - 1].section; j--) {
				struct own_plan_rec t = v[j];

				v[j] = v[j - 1];
				v[j - 1] = t;
			}
	}
	*out = v;
	*n = len;
	return 0;
}

int
store_own_plan_insert(struct db *db, struct arena *a, const char *client_id,
    int section, const char *text, const char *written_by,
    struct own_plan_rec *out, struct err *e)
{
	char id[ID_LEN + 1], now[INSTANT_LEN + 1];
	struct db_stmt *st = NULL;
	int64_t version = 0;
	int rc;

	if (db_prepare(db, "SELECT MAX(version) FROM own_plan WHERE "
	    "client_id = ? AND domain = ?", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, client_id);
	db_bind_text(st, 2, own_section_name(section));
	rc = db_step(st, e);
	if (rc == 1)
		version = db_col_int64(st, 0);
	db_finalize(st);
	if (rc < 0)
		return -1;
	id_new(id);
	instant_now(now);
	if (db_prepare(db, "INSERT INTO own_plan (id, client_id, domain, "
	    "version, body_enc, written_by, created_at) VALUES (?, ?, ?, ?, "
	    "?, ?, ?)", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, client_id);
	db_bind_text(st, 3, own_section_name(section));
	db_bind_int64(st, 4, version + 1);
	store_bind_enc(st, 5, a, "own_plan", "body", id, text);
	db_bind_text(st, 6, written_by);
	db_bind_text(st, 7, now);
	rc = db_step(st, e);
	db_finalize(st);
	if (rc < 0)
		return -1;
	memset(out, 0, sizeof *out);
	out->id = arena_strdup(a, id);
	out->section = section;
	out->version = (int)version + 1;
	out->text = arena_strdup(a, text);
	out->created_at = arena_strdup(a, now);
	out->written_by.id = arena_strdup(a, written_by);
	return 0;
}
