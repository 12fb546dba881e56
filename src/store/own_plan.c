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

#include "store/common.h"

STORE_KIND(section_col, own_section_parse, int, OWN_GENERAL)

STORE_ROW_FN(plan_row, struct own_plan_rec, p, "skIessss", &p->id, section_col,
    &p->section, &p->version, "own_plan", "body", &p->id, &p->text,
    &p->created_at, &p->written_by.id, &p->written_by.display_name,
    &p->written_by.role)

#define PLAN_SELECT "SELECT p.id, p.domain, p.version, p.body_enc, " \
	"p.created_at, p.written_by, u.display_name, u.role FROM own_plan p " \
	"JOIN app_user u ON u.id = p.written_by "

int
store_own_plan_list(struct db *db, struct arena *a, const char *client_id,
    int section, struct own_plan_rec **out, size_t *n, struct err *e)
{
	struct store_list l = STORE_LIST(a, out, n);
	struct own_plan_rec *v;
	int rc;

	*out = NULL;
	*n = 0;
	if (section != OWN_PLAN_ALL)
		return store_each(db, a, e, plan_row, &l, PLAN_SELECT "WHERE "
		    "p.client_id = ? AND p.domain = ? ORDER BY p.version DESC",
		    "ss", client_id, own_section_name(section)) < 0 ? -1 : 0;
	rc = store_each(db, a, e, plan_row, &l, PLAN_SELECT "WHERE "
	    "p.client_id = ? AND p.version = (SELECT MAX(q.version) FROM "
	    "own_plan q WHERE q.client_id = p.client_id AND "
	    "q.domain = p.domain)", "s", client_id);
	if (rc < 0)
		return -1;
	/* "general" (-1) first, then the domains in the enum's order. */
	v = *out;
	for (size_t i = 1; i < *n; i++)
		for (size_t j = i; j > 0 && v[j].section < v[j - 1].section; j--) {
			struct own_plan_rec t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	return 0;
}

int
store_own_plan_insert(struct db *db, struct arena *a, const char *client_id,
    int section, const char *text, const char *written_by,
    struct own_plan_rec *out, struct err *e)
{
	char now[INSTANT_LEN + 1], *id;
	int64_t version = 0;

	if (store_one(db, a, e, "SELECT MAX(version) FROM own_plan WHERE "
	    "client_id = ? AND domain = ?", "ss", "i", client_id,
	    own_section_name(section), &version) < 0)
		return -1;
	id = store_new_id(a, now);
	if (store_exec(db, a, e, "INSERT INTO own_plan (id, client_id, domain, "
	    "version, body_enc, written_by, created_at) VALUES (?, ?, ?, ?, "
	    "?, ?, ?)", "sssiess", id, client_id, own_section_name(section),
	    version + 1, "own_plan", "body", id, text, written_by, now) < 0)
		return -1;
	memset(out, 0, sizeof *out);
	out->id = id;
	out->section = section;
	out->version = (int)version + 1;
	out->text = arena_strdup(a, text);
	out->created_at = arena_strdup(a, now);
	out->written_by.id = arena_strdup(a, written_by);
	return 0;
}
