/*
 * client.c - the client row, the list of clients a user may see (with
 * search), access decisions and break-the-glass records.
 *
 * Invariants:
 *   1. Visibility is decided in one place, store_access_client(), from the
 *      relation between the user and the client (DOMAIN.md R16): the
 *      coordinating institution, a current team membership, a partner's
 *      phase, the client herself, or an unexpired break-the-glass record.
 *      store_client_list() applies the same relations in SQL; both use
 *      TEAM_CLAUSE and PARTNER_CLAUSE, so the two cannot drift apart.
 *      A team membership counts from its from_date to its to_date; a
 *      partner's access lasts while a phase of hers there is open or
 *      ended no more than access.partner_grace_days ago.
 *   2. Name and BSN are stored only encrypted, bound to client|column|id;
 *      the BSN's keyed hash is stored for duplicate detection.
 */
#include "store/store.h"

#include <string.h>

#include "crypto/crypto.h"
#include "db/db.h"
#include "store/auth_store.h"
#include "store/common.h"
#include "store/signal.h"

#define CLIENT_COLS \
	"c.id, c.pseudonym, c.name_enc, c.bsn_enc, c.birth_date, " \
	"c.municipality_id, m.name, c.shielded, c.registered_by_org, " \
	"c.created_at, c.updated_at"

/*
 * Relations in SQL over client c, the same in store_access_client and
 * store_client_list.  TEAM_CLAUSE binds: today, today, user id, user id
 * (a current membership, or the incoming person of a warm handover still
 * waiting for acceptance).  PARTNER_CLAUSE binds: organisation id, the
 * first day a phase may have ended on and still count (today - grace).
 */
#define TEAM_CLAUSE \
	"(EXISTS (SELECT 1 FROM team_member m JOIN trajectory y ON " \
	"y.id = m.trajectory_id WHERE y.client_id = c.id AND " \
	"m.from_date <= ? AND (m.to_date IS NULL OR m.to_date >= ?) AND " \
	"m.user_id = ?) OR EXISTS (SELECT 1 FROM handover h JOIN trajectory " \
	"z ON z.id = h.trajectory_id WHERE z.client_id = c.id AND " \
	"h.incoming_user_id = ? AND h.status = 'proposed' AND " \
	"(h.approval IS NULL OR h.approval = 'approved')))"
#define PARTNER_CLAUSE \
	"EXISTS (SELECT 1 FROM phase p JOIN trajectory y ON " \
	"y.id = p.trajectory_id WHERE y.client_id = c.id AND " \
	"p.provider_org = ? AND (p.end_date IS NULL OR p.end_date >= ?))"

/* The first day a partner's ended phase still grants access. */
static int
partner_since(struct db *db, struct arena *a, dl_date today, dl_date *out,
    struct err *e)
{
	int grace = 0;

	if (store_setting_int(db, a, "access.partner_grace_days", &grace,
	    e) != 0)
		return -1;
	*out = today - grace;
	return 0;
}

/* Columns 0..10 of CLIENT_COLS into c; name and BSN only if `decrypt`. */
static int
client_read(struct db_stmt *st, struct arena *a, struct client_rec *c,
    bool decrypt, struct err *e)
{
	memset(c, 0, sizeof *c);
	if (decrypt)
		return store_row(st, a, e, "sseedssbsss", &c->id, &c->pseudonym,
		    "client", "name", &c->id, &c->name,
		    "client", "bsn", &c->id, &c->bsn, &c->birth,
		    &c->municipality_id, &c->municipality_name, &c->shielded,
		    &c->registered_by_org, &c->created_at, &c->updated_at);
	return store_row(st, a, e, "ss__dssbsss", &c->id, &c->pseudonym,
	    &c->birth, &c->municipality_id, &c->municipality_name, &c->shielded,
	    &c->registered_by_org, &c->created_at, &c->updated_at);
}

int
store_access_client(struct db *db, struct arena *a,
    const struct actor *who, const char *client_id, dl_date today,
    struct access *out, struct err *e)
{
	char now[INSTANT_LEN + 1];
	dl_date since;
	int rc;

	memset(out, 0, sizeof *out);
	out->level = ACCESS_NONE;
	/* Before a second person approved her access: none at all. */
	if (!id_valid(client_id) || who->access_pending)
		return 0;

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
		if (partner_since(db, a, today, &since, e) != 0)
			return -1;
		rc = store_one(db, a, e, "SELECT 1 FROM client c WHERE c.id = ? "
		    "AND " PARTNER_CLAUSE, "ssd", "", client_id, who->org_id,
		    since);
		if (rc < 0)
			return -1;
		if (rc == 1)
			out->level = ACCESS_PARTNER;
		return 0;
	case ROLE_COORDINATOR:
		rc = store_one(db, a, e, "SELECT 1 FROM client c WHERE c.id = ? AND "
		    "(c.registered_by_org = ? OR EXISTS (SELECT 1 FROM "
		    "trajectory t WHERE t.client_id = c.id AND "
		    "t.coordinator_org = ?))", "sss", "", client_id, who->org_id,
		    who->org_id);
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
		rc = store_one(db, a, e, "SELECT 1 FROM client c WHERE c.id = ? "
		    "AND " TEAM_CLAUSE, "sddss", "", client_id, today, today,
		    who->user_id, who->user_id);
		if (rc < 0)
			return -1;
		if (rc == 1) {
			out->level = ACCESS_TEAM;
			return 0;
		}
		instant_now(now);
		rc = store_one(db, a, e, "SELECT reason, expires_at FROM "
		    "glass_access WHERE user_id = ? AND client_id = ? AND "
		    "expires_at > ? ORDER BY expires_at DESC LIMIT 1", "sss", "ss",
		    who->user_id, client_id, now, &out->glass_reason,
		    &out->glass_expires_at);
		if (rc == 1)
			out->level = ACCESS_GLASS;
		return rc < 0 ? -1 : 0;
	default:
		return 0;	/* admin, municipality, monitor: no client data */
	}
}

int
store_glass_insert(struct db *db, struct arena *a, const struct actor *who,
    const char *client_id, const char *reason, int minutes,
    char expires_at[INSTANT_LEN + 1], char **id_out, struct err *e)
{
	char now[INSTANT_LEN + 1];
	char *id = store_new_id(a, now);

	*id_out = id;
	instant_after((int64_t)minutes * 60, expires_at);
	return store_exec(db, a, e, "INSERT INTO glass_access (id, user_id, "
	    "client_id, reason, started_at, expires_at) VALUES (?, ?, ?, ?, ?, "
	    "?)", "ssssss", id, who->user_id, client_id, reason, now,
	    expires_at) < 0 ? -1 : 0;
}

int
store_glass_open_count(struct db *db, struct arena *a,
    const struct actor *who, const char *client_id, int64_t *n,
    struct err *e)
{
	*n = 0;
	return store_one(db, a, e, "SELECT COUNT(*) FROM glass_access WHERE "
	    "user_id = ? AND client_id = ? AND acknowledged_at IS NULL", "ss",
	    "i", who->user_id, client_id, n) < 0 ? -1 : 0;
}

int
store_glass_acknowledge(struct db *db, struct arena *a,
    const struct actor *who, const char *client_id, const char *glass_id,
    struct err *e)
{
	char now[INSTANT_LEN + 1];
	int64_t one = 0;
	int changed, rc;

	instant_now(now);
	changed = store_exec(db, a, e, "UPDATE glass_access SET "
	    "acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND "
	    "client_id = ? AND acknowledged_at IS NULL", "ssss", now,
	    who->user_id, glass_id, client_id);
	if (changed < 0)
		return -1;
	if (changed == 1)
		return 0;
	rc = store_one(db, a, e, "SELECT 1 FROM glass_access WHERE id = ? AND "
	    "client_id = ?", "ss", "i", glass_id, client_id, &one);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return err_setr(e, ERR_NOT_FOUND, NULL, R_GLASS_NOT_FOUND,
		    "no such emergency access on her file");
	return err_setr(e, ERR_CONFLICT, NULL, R_GLASS_ALREADY_ACKNOWLEDGED,
	    "this emergency access has already been acknowledged");
}

int
store_org_kind(struct db *db, struct arena *a, const char *org_id,
    char **kind, struct err *e)
{
	*kind = NULL;
	if (org_id == NULL || *org_id == '\0')
		return 0;
	return store_one(db, a, e, "SELECT kind FROM organisation WHERE id = ?",
	    "s", "s", org_id, kind) < 0 ? -1 : 0;
}

/* A client's insert or update met the unique pseudonym or BSN hash. */
static int
client_conflict(const struct client_rec *c, struct err *e)
{
	if (c->bsn != NULL)
		return err_setr(e, ERR_CONFLICT, "bsn", R_CLIENT_DUPLICATE,
		    "a client with this pseudonym or BSN already exists");
	return err_setr(e, ERR_CONFLICT, "pseudonym", R_CLIENT_DUPLICATE,
	    "a client with this pseudonym or BSN already exists");
}

/* The BSN's keyed hash under key id into buf, or NULL without a BSN. */
static const char *
bsn_hash(int id, const char *bsn, char buf[65])
{
	if (bsn == NULL)
		return NULL;
	crypto_bsn_hash(id, bsn, buf);
	return buf;
}

/* A BSN held by another client, whichever key her hash was made with
 * (during a rotation the unique index alone sees only one key). */
static int
bsn_taken(struct db *db, struct arena *a, const struct client_rec *c,
    struct err *e)
{
	struct crypto_hashes hs;
	int64_t n = 0;

	if (c->bsn == NULL)
		return 0;
	crypto_bsn_hashes(c->bsn, &hs);
	if (store_one(db, a, e, arena_printf(a, "SELECT COUNT(*) FROM client "
	    "WHERE bsn_hash IN %s AND id <> ?", store_in_list(a, hs.n)), "vs",
	    "i", hs.n, hs.v, c->id != NULL ? c->id : "", &n) < 0)
		return -1;
	return n > 0 ? client_conflict(c, e) : 0;
}

int
store_client_insert(struct db *db, struct arena *a, struct client_rec *c,
    struct err *e)
{
	char now[INSTANT_LEN + 1], hash[65];
	int key = crypto_key_current();

	c->id = NULL;
	if (bsn_taken(db, a, c, e) != 0)
		return -1;
	c->id = store_new_id(a, now);
	c->created_at = c->updated_at = arena_strdup(a, now);
	if (store_exec(db, a, e, "INSERT INTO client (id, pseudonym, name_enc, "
	    "bsn_enc, bsn_hash, birth_date, municipality_id, shielded, "
	    "registered_by_org, created_at, updated_at, search_key, name_hash, "
	    "hash_key_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    "sseesdsbsssssi",
	    c->id, c->pseudonym, "client", "name", c->id, c->name, "client",
	    "bsn", c->id, c->bsn, bsn_hash(key, c->bsn, hash), c->birth,
	    c->municipality_id, c->shielded, c->registered_by_org, now, now,
	    store_fold(a, c->pseudonym), store_name_hash(a, key, c->name,
	    c->birth), (int64_t)key) < 0)
		return e->code == ERR_CONFLICT ? client_conflict(c, e) : -1;
	return 0;
}

static int
get_row(struct db_stmt *st, void *ctx, struct err *e)
{
	struct store_into *cx = ctx;

	return client_read(st, cx->a, cx->out, true, e);
}

int
store_client_get(struct db *db, struct arena *a, const char *id,
    struct client_rec *out, struct err *e)
{
	return store_found(store_each(db, a, e, get_row,
	    &(struct store_into){ a, out }, "SELECT " CLIENT_COLS
	    " FROM client c JOIN organisation m ON m.id = c.municipality_id "
	    "WHERE c.id = ?", "s", id), e, ERR_NOT_FOUND, NULL,
	    R_CLIENT_NOT_FOUND, "client not found");
}

int
store_client_update(struct db *db, struct arena *a,
    const struct client_rec *c, struct err *e)
{
	char now[INSTANT_LEN + 1], hash[65];
	int key = crypto_key_current();

	instant_now(now);
	if (bsn_taken(db, a, c, e) != 0)
		return -1;
	if (store_exec(db, a, e, "UPDATE client SET pseudonym = ?, name_enc = ?, "
	    "bsn_enc = ?, bsn_hash = ?, birth_date = ?, municipality_id = ?, "
	    "shielded = ?, updated_at = ?, search_key = ?, name_hash = ?, "
	    "hash_key_id = ? WHERE id = ?", "seesdsbsssis", c->pseudonym,
	    "client", "name", c->id, c->name, "client", "bsn", c->id, c->bsn,
	    bsn_hash(key, c->bsn, hash), c->birth, c->municipality_id,
	    c->shielded, now, store_fold(a, c->pseudonym),
	    store_name_hash(a, key, c->name, c->birth), (int64_t)key,
	    c->id) < 0)
		return e->code == ERR_CONFLICT ? client_conflict(c, e) : -1;
	return 0;
}

struct list_ctx {
	struct arena *a;
	struct client_summary *v;
	size_t len, cap;
};

static int
list_row(struct db_stmt *st, void *ctx, struct err *e)
{
	struct list_ctx *cx = ctx;
	struct client_summary *s;
	dl_date end;

	s = store_grow(cx->a, (void **)&cx->v, &cx->len, &cx->cap, sizeof *s);
	if (client_read(st, cx->a, &s->c, false, e) != 0)
		return -1;
	if (store_row(st, cx->a, e, "___________sdss", &s->trajectory_id, &end,
	    &s->coordinator_org, &s->coordinator_name) != 0)
		return -1;
	s->trajectory_open = s->trajectory_id != NULL && end == DATE_NONE;
	return 0;
}

/* Add TEAM_CLAUSE's binds to binds[nb..]; the new count. */
static size_t
bind_team(const char **binds, size_t nb, const char *day,
    const char *user_id)
{
	binds[nb++] = day;
	binds[nb++] = day;
	binds[nb++] = user_id;
	binds[nb++] = user_id;
	return nb;
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
	char day[DATE_STR_LEN + 1], since_day[DATE_STR_LEN + 1];
	const char *binds[8];
	dl_date since;
	struct list_ctx cx = { a, NULL, 0, 0 };
	const char *where;
	char *sql;
	size_t nb = 0;

	*out = NULL;
	*n = 0;
	/* Before a second person approved her access: nobody. */
	if (who->access_pending && who->role != ROLE_CLIENT)
		return 0;
	date_format(today, day);
	switch (who->role) {
	case ROLE_COORDINATOR:
		where = "(c.registered_by_org = ? OR EXISTS "
		    "(SELECT 1 FROM trajectory x WHERE x.client_id = c.id AND "
		    "x.coordinator_org = ?) OR " TEAM_CLAUSE ")";
		binds[nb++] = who->org_id;
		binds[nb++] = who->org_id;
		nb = bind_team(binds, nb, day, who->user_id);
		break;
	case ROLE_CAREGIVER:
		where = TEAM_CLAUSE;
		nb = bind_team(binds, nb, day, who->user_id);
		break;
	case ROLE_PARTNER:
		if (partner_since(db, a, today, &since, e) != 0)
			return -1;
		date_format(since, since_day);
		where = PARTNER_CLAUSE;
		binds[nb++] = who->org_id;
		binds[nb++] = since_day;
		break;
	case ROLE_CLIENT:
		where = "c.id = ?";
		binds[nb++] = who->client_id;
		break;
	default:
		return err_setr(e, ERR_FORBIDDEN, NULL, R_CLIENT_ROLE_NO_ACCESS,
		    "this role has no access to client records");
	}
	if (query != NULL && query[0] != '\0') {
		where = arena_printf(a, "%s AND c.search_key LIKE ? ESCAPE '\\'",
		    where);
		binds[nb++] = store_like_pattern(a, query);
	}
	/* The trajectory shown: the open one, else the one that ended last. */
	sql = arena_printf(a, "SELECT " CLIENT_COLS ", t.id, t.end_date, "
	    "t.coordinator_org, o.name FROM client c JOIN organisation m ON "
	    "m.id = c.municipality_id LEFT JOIN trajectory t ON t.id = (SELECT "
	    "t2.id FROM trajectory t2 WHERE t2.client_id = c.id ORDER BY "
	    "CASE WHEN t2.end_date IS NULL THEN 0 ELSE 1 END, t2.end_date DESC "
	    "LIMIT 1) LEFT JOIN organisation o ON o.id = t.coordinator_org "
	    "WHERE %s ORDER BY c.pseudonym", where);
	if (store_each(db, a, e, list_row, &cx, sql, "v", nb, binds) < 0)
		return -1;
	*out = cx.v;
	*n = cx.len;
	return 0;
}
