/*
 * client.c - the client row, the list of clients a user may see, access
 * decisions and break-the-glass records.
 *
 * Invariants:
 *   1. Visibility is decided in one place, store_access_client(), from the
 *      relation between the user and the client (DOMAIN.md R16): the
 *      coordinating institution, a current team membership, a partner's
 *      phase, the client herself, or an unexpired break-the-glass record.
 *      store_client_list() applies the same relations in SQL.
 *   2. Name and BSN are stored only encrypted, bound to client|column|id;
 *      the BSN's keyed hash is stored for duplicate detection.
 */
#include "store/store.h"

#include <string.h>

#include "db/db.h"
#include "store/auth_store.h"
#include "store/common.h"
#include "crypto/crypto.h"

#define CLIENT_COLS \
	"c.id, c.pseudonym, c.name_enc, c.bsn_enc, c.birth_date, " \
	"c.municipality_id, m.name, c.shielded, c.registered_by_org, " \
	"c.created_at, c.updated_at"

static int
client_read(struct db_stmt *st, struct arena *a, struct client_rec *c,
    bool decrypt, struct err *e)
{
	memset(c, 0, sizeof *c);
	c->id = store_col_str(st, a, 0);
	c->pseudonym = store_col_str(st, a, 1);
	if (decrypt) {
		if (store_col_dec(st, 2, a, "client", "name", c->id, &c->name, e) != 0 ||
		    store_col_dec(st, 3, a, "client", "bsn", c->id, &c->bsn, e) != 0)
			return -1;
	}
	c->birth = store_col_date(st, 4);
	c->municipality_id = store_col_str(st, a, 5);
	c->municipality_name = store_col_str(st, a, 6);
	c->shielded = db_col_int64(st, 7) != 0;
	c->registered_by_org = store_col_str(st, a, 8);
	c->created_at = store_col_str(st, a, 9);
	c->updated_at = store_col_str(st, a, 10);
	return 0;
}

/* 1 if the query, bound by up to four texts (NULL: unused), has a row. */
static int
exists_row(struct db *db, const char *sql, const char *p1, const char *p2,
    const char *p3, const char *p4, struct err *e)
{
	const char *p[4] = { p1, p2, p3, p4 };
	struct db_stmt *st = NULL;
	int rc;

	if (db_prepare(db, sql, &st, e) != 0)
		return -1;
	for (int i = 0; i < 4 && p[i] != NULL; i++)
		db_bind_text(st, i + 1, p[i]);
	rc = db_step(st, e);
	db_finalize(st);
	return rc;
}

int
store_access_client(struct db *db, struct arena *a,
    const struct actor *who, const char *client_id, dl_date today,
    struct access *out, struct err *e)
{
	char day[DATE_STR_LEN + 1], now[INSTANT_LEN + 1];
	struct db_stmt *st = NULL;
	int rc;

	memset(out, 0, sizeof *out);
	out->level = ACCESS_NONE;
	if (!id_valid(client_id))
		return 0;
	date_format(today, day);

	switch (who->role) {
	case ROLE_CLIENT:
		if (strcmp(who->client_id, client_id) == 0) {
			bool found = false;

			if (store_client_exists(db, client_id, &found, e) != 0)
				return -1;
			if (found)
				out->level = ACCESS_SELF;
		}
		return 0;
	case ROLE_PARTNER:
		rc = exists_row(db, "SELECT 1 FROM phase p JOIN trajectory t "
		    "ON t.id = p.trajectory_id WHERE t.client_id = ? AND "
		    "p.provider_org = ?", client_id, who->org_id, NULL, NULL, e);
		if (rc < 0)
			return -1;
		if (rc == 1)
			out->level = ACCESS_PARTNER;
		return 0;
	case ROLE_COORDINATOR:
		rc = exists_row(db, "SELECT 1 FROM client c WHERE c.id = ? AND "
		    "(c.registered_by_org = ? OR EXISTS (SELECT 1 FROM "
		    "trajectory t WHERE t.client_id = c.id AND "
		    "t.coordinator_org = ?))", client_id, who->org_id,
		    who->org_id, NULL, e);
		if (rc < 0)
			return -1;
		if (rc == 1) {
			out->level = ACCESS_COORDINATOR;
			return 0;
		}
		/* A coordinator may also be on a team of another institution. */
		__attribute__((fallthrough));
	case ROLE_CAREGIVER:
		/*
		 * The team: a current membership, or being the incoming person
		 * of a warm handover still waiting for acceptance (R5: she
		 * reads the file and meets the girl before she takes over;
		 * the main-caregiver role moves only on acceptance).
		 */
		rc = exists_row(db, "SELECT 1 FROM trajectory t WHERE t.client_id = ? "
		    "AND (EXISTS (SELECT 1 FROM team_member m WHERE "
		    "m.trajectory_id = t.id AND m.user_id = ? AND (m.to_date IS "
		    "NULL OR m.to_date >= ?)) OR EXISTS (SELECT 1 FROM handover h "
		    "WHERE h.trajectory_id = t.id AND h.incoming_user_id = ? AND "
		    "h.status = 'proposed'))", client_id, who->user_id, day,
		    who->user_id, e);
		if (rc < 0)
			return -1;
		if (rc == 1) {
			out->level = ACCESS_TEAM;
			return 0;
		}
		instant_now(now);
		if (db_prepare(db, "SELECT reason, expires_at FROM glass_access "
		    "WHERE user_id = ? AND client_id = ? AND expires_at > ? "
		    "ORDER BY expires_at DESC LIMIT 1", &st, e) != 0)
			return -1;
		db_bind_text(st, 1, who->user_id);
		db_bind_text(st, 2, client_id);
		db_bind_text(st, 3, now);
		rc = db_step(st, e);
		if (rc == 1) {
			out->level = ACCESS_GLASS;
			out->glass_reason = store_col_str(st, a, 0);
			out->glass_expires_at = store_col_str(st, a, 1);
		}
		db_finalize(st);
		return rc < 0 ? -1 : 0;
	default:
		return 0;	/* admin, municipality, monitor: no client data */
	}
}

int
store_glass_insert(struct db *db, const struct actor *who,
    const char *client_id, const char *reason, int minutes,
    char expires_at[INSTANT_LEN + 1], struct err *e)
{
	char id[ID_LEN + 1], now[INSTANT_LEN + 1];
	struct db_stmt *st = NULL;
	int rc;

	id_new(id);
	instant_now(now);
	instant_after((int64_t)minutes * 60, expires_at);
	if (db_prepare(db, "INSERT INTO glass_access (id, user_id, client_id, "
	    "reason, started_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
	    &st, e) != 0)
		return -1;
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, who->user_id);
	db_bind_text(st, 3, client_id);
	db_bind_text(st, 4, reason);
	db_bind_text(st, 5, now);
	db_bind_text(st, 6, expires_at);
	rc = db_step(st, e);
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

int
store_user_brief(struct db *db, struct arena *a, const char *id,
    struct user_brief *out, struct err *e)
{
	struct db_stmt *st = NULL;
	int rc;

	memset(out, 0, sizeof *out);
	if (db_prepare(db, "SELECT id, display_name, role, active FROM "
	    "app_user WHERE id = ?", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, id);
	rc = db_step(st, e);
	if (rc == 1) {
		out->id = store_col_str(st, a, 0);
		out->display_name = store_col_str(st, a, 1);
		out->role = store_col_str(st, a, 2);
		out->active = db_col_int64(st, 3) != 0;
	}
	db_finalize(st);
	if (rc == 0)
		return err_set(e, ERR_NOT_FOUND, "user_id", "unknown user");
	return rc < 0 ? -1 : 0;
}

int
store_client_insert(struct db *db, struct arena *a, struct client_rec *c,
    struct err *e)
{
	char id[ID_LEN + 1], now[INSTANT_LEN + 1], hash[65];
	struct db_stmt *st = NULL;
	int rc;

	id_new(id);
	instant_now(now);
	c->id = arena_strdup(a, id);
	c->created_at = c->updated_at = arena_strdup(a, now);
	if (db_prepare(db, "INSERT INTO client (id, pseudonym, name_enc, "
	    "bsn_enc, bsn_hash, birth_date, municipality_id, shielded, "
	    "registered_by_org, created_at, updated_at) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, c->pseudonym);
	store_bind_enc(st, 3, a, "client", "name", id, c->name);
	store_bind_enc(st, 4, a, "client", "bsn", id, c->bsn);
	if (c->bsn != NULL) {
		crypto_bsn_hash(c->bsn, hash);
		db_bind_text(st, 5, hash);
	} else {
		db_bind_null(st, 5);
	}
	store_bind_date(st, 6, c->birth);
	db_bind_text(st, 7, c->municipality_id);
	db_bind_int64(st, 8, c->shielded);
	db_bind_text(st, 9, c->registered_by_org);
	db_bind_text(st, 10, now);
	db_bind_text(st, 11, now);
	rc = db_step(st, e);
	db_finalize(st);
	if (rc < 0 && e->code == ERR_CONFLICT)
		return err_set(e, ERR_CONFLICT, c->bsn ? "bsn" : "pseudonym",
		    "a client with this pseudonym or BSN already exists");
	return rc < 0 ? -1 : 0;
}

int
store_client_get(struct db *db, struct arena *a, const char *id,
    struct client_rec *out, struct err *e)
{
	struct db_stmt *st = NULL;
	int rc;

	if (db_prepare(db, "SELECT " CLIENT_COLS " FROM client c JOIN "
	    "organisation m ON m.id = c.municipality_id WHERE c.id = ?",
	    &st, e) != 0)
		return -1;
	db_bind_text(st, 1, id);
	rc = db_step(st, e);
	if (rc == 1)
		rc = client_read(st, a, out, true, e) == 0 ? 1 : -1;
	db_finalize(st);
	if (rc == 0)
		return err_set(e, ERR_NOT_FOUND, NULL, "client not found");
	return rc < 0 ? -1 : 0;
}

int
store_client_update(struct db *db, struct arena *a,
    const struct client_rec *c, struct err *e)
{
	char now[INSTANT_LEN + 1], hash[65];
	struct db_stmt *st = NULL;
	int rc;

	instant_now(now);
	if (db_prepare(db, "UPDATE client SET pseudonym = ?, name_enc = ?, "
	    "bsn_enc = ?, bsn_hash = ?, birth_date = ?, municipality_id = ?, "
	    "shielded = ?, updated_at = ? WHERE id = ?", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, c->pseudonym);
	store_bind_enc(st, 2, a, "client", "name", c->id, c->name);
	store_bind_enc(st, 3, a, "client", "bsn", c->id, c->bsn);
	if (c->bsn != NULL) {
		crypto_bsn_hash(c->bsn, hash);
		db_bind_text(st, 4, hash);
	} else {
		db_bind_null(st, 4);
	}
	store_bind_date(st, 5, c->birth);
	db_bind_text(st, 6, c->municipality_id);
	db_bind_int64(st, 7, c->shielded);
	db_bind_text(st, 8, now);
	db_bind_text(st, 9, c->id);
	rc = db_step(st, e);
	db_finalize(st);
	if (rc < 0 && e->code == ERR_CONFLICT)
		return err_set(e, ERR_CONFLICT, c->bsn ? "bsn" : "pseudonym",
		    "a client with this pseudonym or BSN already exists");
	return rc < 0 ? -1 : 0;
}

/*
 * The visible clients, with the trajectory that matters (open first, then
 * the latest).  The WHERE clauses mirror store_access_client(): keep the
 * two together.
 */
int
store_client_list(struct db *db, struct arena *a,
    const struct actor *who, const char *query, dl_date today,
    struct client_summary **out, size_t *n, struct err *e)
{
	static const char *team_clause = "(EXISTS (SELECT 1 FROM team_member m "
	    "JOIN trajectory y ON y.id = m.trajectory_id WHERE "
	    "y.client_id = c.id AND m.user_id = ? AND (m.to_date IS NULL OR "
	    "m.to_date >= ?)) OR EXISTS (SELECT 1 FROM handover h JOIN "
	    "trajectory z ON z.id = h.trajectory_id WHERE z.client_id = c.id "
	    "AND h.incoming_user_id = ? AND h.status = 'proposed'))";
	char day[DATE_STR_LEN + 1];
	const char *binds[8];
	struct db_stmt *st = NULL;
	struct client_summary *v = NULL;
	size_t cap = 0, len = 0;
	const char *where;
	char *sql;
	int nb = 0, rc, ret = -1;

	*out = NULL;
	*n = 0;
	date_format(today, day);
	switch (who->role) {
	case ROLE_COORDINATOR:
		where = arena_printf(a, "(c.registered_by_org = ? OR EXISTS "
		    "(SELECT 1 FROM trajectory x WHERE x.client_id = c.id AND "
		    "x.coordinator_org = ?) OR %s)", team_clause);
		binds[nb++] = who->org_id;
		binds[nb++] = who->org_id;
		binds[nb++] = who->user_id;
		binds[nb++] = day;
		binds[nb++] = who->user_id;
		break;
	case ROLE_CAREGIVER:
		where = team_clause;
		binds[nb++] = who->user_id;
		binds[nb++] = day;
		binds[nb++] = who->user_id;
		break;
	case ROLE_PARTNER:
		where = "EXISTS (SELECT 1 FROM phase p JOIN trajectory y ON "
		    "y.id = p.trajectory_id WHERE y.client_id = c.id AND "
		    "p.provider_org = ?)";
		binds[nb++] = who->org_id;
		break;
	case ROLE_CLIENT:
		where = "c.id = ?";
		binds[nb++] = who->client_id;
		break;
	default:
		return err_set(e, ERR_FORBIDDEN, NULL,
		    "this role has no access to client records");
	}
	if (query != NULL && query[0] != '\0') {
		where = arena_printf(a, "%s AND LOWER(c.pseudonym) LIKE ?", where);
		binds[nb++] = arena_printf(a, "%%%s%%", query);
	}
	/* The trajectory shown: the open one, else the one that ended last. */
	sql = arena_printf(a, "SELECT " CLIENT_COLS ", t.id, t.end_date, "
	    "t.coordinator_org, o.name FROM client c JOIN organisation m ON "
	    "m.id = c.municipality_id LEFT JOIN trajectory t ON t.id = (SELECT "
	    "t2.id FROM trajectory t2 WHERE t2.client_id = c.id ORDER BY "
	    "CASE WHEN t2.end_date IS NULL THEN 0 ELSE 1 END, t2.end_date DESC "
	    "LIMIT 1) LEFT JOIN organisation o ON o.id = t.coordinator_org "
	    "WHERE %s ORDER BY c.pseudonym", where);
	if (db_prepare(db, sql, &st, e) != 0)
		return -1;
	for (int i = 0; i < nb; i++) {
		if (i == nb - 1 && query != NULL && query[0] != '\0') {
			char *lower = arena_strdup(a, binds[i]);

			for (char *p = lower; *p; p++)
				if (*p >= 'A' && *p <= 'Z')
					*p = (char)(*p - 'A' + 'a');
			db_bind_text(st, i + 1, lower);
		} else {
			db_bind_text(st, i + 1, binds[i]);
		}
	}
	while ((rc = db_step(st, e)) == 1) {
		struct client_summary *s;

		s = store_grow(a, (void **)&v, &len, &cap, sizeof *v);
		memset(s, 0, sizeof *s);
		if (client_read(st, a, &s->c, false, e) != 0)
			goto out;
		s->trajectory_id = store_col_str(st, a, 11);
		s->trajectory_open = s->trajectory_id != NULL &&
		    db_col_null(st, 12);
		s->coordinator_org = store_col_str(st, a, 13);
		s->coordinator_name = store_col_str(st, a, 14);
	}
	if (rc < 0)
		goto out;
	*out = v;
	*n = len;
	ret = 0;
out:
	db_finalize(st);
	return ret;
}

int
store_setting_get(struct db *db, struct arena *a, const char *name,
    char **value, struct err *e)
{
	struct db_stmt *st = NULL;
	int rc;

	*value = NULL;
	if (db_prepare(db, "SELECT value FROM setting WHERE name = ?", &st,
	    e) != 0)
		return -1;
	db_bind_text(st, 1, name);
	rc = db_step(st, e);
	if (rc == 1)
		*value = store_col_str(st, a, 0);
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

int
store_setting_delete(struct db *db, const char *name, struct err *e)
{
	struct db_stmt *st = NULL;

	if (db_prepare(db, "DELETE FROM setting WHERE name = ?", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, name);
	return store_step_done(st, e);
}

int
store_setting_put(struct db *db, const char *name, const char *value,
    struct err *e)
{
	struct db_stmt *st = NULL;
	int rc;

	if (store_setting_delete(db, name, e) != 0)
		return -1;
	if (db_prepare(db, "INSERT INTO setting (name, value) VALUES (?, ?)",
	    &st, e) != 0)
		return -1;
	db_bind_text(st, 1, name);
	db_bind_text(st, 2, value);
	rc = db_step(st, e);
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}
