/*
 * notification.c - what waits for a member of staff (notification.h).
 *
 * Invariants:
 *   1. A notification holds ids and a kind, never text about her.
 *   2. It is written inside the caller's transaction, so it exists exactly
 *      when the act that caused it was committed.
 *   3. Nobody is notified of her own act, and nobody twice for one act.
 *   4. Only its recipient reads or marks it: every read names the user.
 */
#include "store/notification.h"

#include <stdio.h>
#include <string.h>

#include "store/common.h"

static const char *const kind_names[NOTICE__COUNT] = {
	"handover_proposed", "journal_statement", "promise_disputed",
	"glass_used"
};

const char *
notice_kind_name(enum notice_kind k)
{
	return kind_names[k];
}

int
store_notice_user(struct db *db, struct arena *a, enum notice_kind kind,
    const char *user_id, const char *client_id, const char *object_id,
    const char *actor_id, struct err *e)
{
	char now[INSTANT_LEN + 1];
	char *id;

	if (user_id == NULL || (actor_id != NULL &&
	    strcmp(user_id, actor_id) == 0))
		return 0;
	id = store_new_id(a, now);
	return store_exec(db, a, e, "INSERT INTO notification (id, user_id, "
	    "kind, client_id, object_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
	    "ssssss", id, user_id, kind_names[kind], client_id, object_id,
	    now) < 0 ? -1 : 0;
}

/* Her coordinators and current main caregivers, active, not the actor. */
#define CARE_RECIPIENTS \
	"SELECT u.id FROM app_user u WHERE u.active = 1 AND u.id <> ? AND " \
	"((u.role = 'coordinator' AND u.org_id IN (SELECT t.coordinator_org " \
	"FROM trajectory t WHERE t.client_id = ? AND t.end_date IS NULL " \
	"UNION SELECT c.registered_by_org FROM client c WHERE c.id = ? AND " \
	"NOT EXISTS (SELECT 1 FROM trajectory t2 WHERE t2.client_id = c.id " \
	"AND t2.end_date IS NULL))) OR EXISTS (SELECT 1 FROM team_member m " \
	"JOIN trajectory y ON y.id = m.trajectory_id WHERE y.client_id = ? " \
	"AND m.user_id = u.id AND m.role = 'main_caregiver' AND " \
	"m.from_date <= ? AND (m.to_date IS NULL OR m.to_date >= ?))) " \
	"ORDER BY u.id"

int
store_notice_care(struct db *db, struct arena *a, enum notice_kind kind,
    const char *client_id, const char *object_id, const char *actor_id,
    dl_date today, int *n, struct err *e)
{
	char **v = NULL;
	size_t nv = 0;

	if (n != NULL)
		*n = 0;
	if (STORE_LIST_ROWS(db, a, &v, &nv, e, store_text_row, CARE_RECIPIENTS,
	    "ssssdd", actor_id != NULL ? actor_id : "", client_id, client_id,
	    client_id, today, today) != 0)
		return -1;
	for (size_t i = 0; i < nv; i++)
		if (store_notice_user(db, a, kind, v[i], client_id,
		    object_id, actor_id, e) != 0)
			return -1;
	if (n != NULL)
		*n = (int)nv;
	return 0;
}

static int
client_row(struct db_stmt *st, void *ctx, struct err *e)
{
	struct store_list *l = ctx;

	return store_row(st, l->a, e, "s", (char **)store_list_add(l));
}

int
store_notice_clients(struct db *db, struct arena *a, const char *user_id,
    char ***out, size_t *n, struct err *e)
{
	struct store_list l = STORE_LIST(a, out, n);

	return store_list_rows(db, &l, e, client_row, "SELECT DISTINCT "
	    "client_id FROM notification WHERE user_id = ? ORDER BY client_id",
	    "s", user_id);
}

#define NOTICE_COLS "n.id, n.kind, n.client_id, c.pseudonym, n.object_id, " \
	"n.created_at, n.read_at FROM notification n JOIN client c ON " \
	"c.id = n.client_id"

STORE_ROW_FN(notice_row, struct notice_rec, r, "sssssss", &r->id, &r->kind,
    &r->client_id, &r->pseudonym, &r->object_id, &r->created_at, &r->read_at)

/* " AND n.client_id NOT IN (?, ?, ...)" for the hidden clients, or "". */
static const char *
not_in(struct arena *a, size_t nhidden)
{
	char *s, *p;

	if (nhidden == 0)
		return "";
	s = arena_alloc(a, 32 + 3 * nhidden);
	p = s + sprintf(s, " AND n.client_id NOT IN (");
	for (size_t i = 0; i < nhidden; i++)
		p += sprintf(p, i ? ",?" : "?");
	strcpy(p, ")");
	return s;
}

int
store_notice_list(struct db *db, struct arena *a, const char *user_id,
    const char *const *hidden, size_t nhidden, int limit, int offset,
    struct notice_rec **out, size_t *n, int64_t *total, int64_t *unread,
    struct err *e)
{
	struct store_list l = STORE_LIST(a, out, n);
	const char *where = not_in(a, nhidden);

	*total = *unread = 0;
	if (store_one(db, a, e, arena_printf(a, "SELECT COUNT(*), "
	    "COALESCE(SUM(CASE WHEN n.read_at IS NULL THEN 1 ELSE 0 END), 0) "
	    "FROM notification n WHERE n.user_id = ?%s", where), "sv", "ii",
	    user_id, nhidden, hidden, total, unread) < 0)
		return -1;
	return store_list_rows(db, &l, e, notice_row, arena_printf(a,
	    "SELECT " NOTICE_COLS " WHERE n.user_id = ?%s ORDER BY "
	    "n.created_at DESC, n.id DESC LIMIT %d OFFSET %d", where, limit,
	    offset), "sv", user_id, nhidden, hidden);
}

STORE_GET_FN(store_notice_get, struct notice_rec, notice_row, user_id,
    R_NOTIFICATION_NOT_FOUND, "notification", "SELECT " NOTICE_COLS
    " WHERE n.user_id = ? AND n.id = ?", "ss", user_id, id)

int
store_notice_mark_read(struct db *db, struct arena *a, const char *id,
    struct err *e)
{
	char now[INSTANT_LEN + 1];

	instant_now(now);
	return store_exec(db, a, e, "UPDATE notification SET read_at = ? "
	    "WHERE id = ? AND read_at IS NULL", "ss", now, id) < 0 ? -1 : 0;
}

int
store_notice_mark_all(struct db *db, struct arena *a, const char *user_id,
    int64_t *n, struct err *e)
{
	char now[INSTANT_LEN + 1];
	int changed;

	instant_now(now);
	changed = store_exec(db, a, e, "UPDATE notification SET read_at = ? "
	    "WHERE user_id = ? AND read_at IS NULL", "ss", now, user_id);
	if (changed < 0)
		return -1;
	*n = changed;
	return 0;
}
