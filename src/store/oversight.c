/*
 * oversight.c - SQL for the security officer's report: the audit log read
 * by time, never a client's record.
 *
 * Owns what the report may see: who, when, which act, which pseudonymous
 * client id, the outcome; never a name, BSN, free text or the
 * break-the-glass reason (that is her coordinator's to judge).
 *
 * Unusual reading is decided here, in C over the rows of one period: per
 * user, a sliding window of `minutes` over her successful file reads
 * (action 'read' with a client), and the most different girls any one
 * window held; a user reaches the report when that is at least `reads`.
 */
#include "store/store.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/common.h"

#define OVERSIGHT_LIST_MAX 500	/* rows of each list; totals count all */

STORE_ROW_FN(event_row, struct oversight_event, x, "ssssssss", &x->at,
    &x->user_id, &x->username, &x->role, &x->org_id, &x->action,
    &x->object_type, &x->client_id)

#define EVENT_COLS "at, user_id, username, role, org_id, action, " \
	"object_type, client_id"

int
store_oversight_events(struct db *db, struct arena *a, const char *from,
    const char *to, bool refusals, struct oversight_event **out, size_t *n,
    int64_t *total, struct err *e)
{
	struct store_list l = STORE_LIST(a, out, n);
	const char *where = refusals ? "outcome = 'denied'" :
	    "action = 'break_glass' AND outcome = 'ok'";

	if (store_one(db, a, e, arena_printf(a, "SELECT COUNT(*) FROM "
	    "audit_log WHERE %s AND at >= ? AND at < ?", where), "ss", "i",
	    from, to, total) < 0)
		return -1;
	return store_list_rows(db, &l, e, event_row, arena_printf(a,
	    "SELECT " EVENT_COLS " FROM audit_log WHERE %s AND at >= ? AND "
	    "at < ? ORDER BY seq DESC LIMIT %d", where, OVERSIGHT_LIST_MAX),
	    "ss", from, to);
}

STORE_ROW_FN(check_row, struct oversight_check, x, "sbiis", &x->at, &x->ok,
    &x->checked, &x->bad_seq, &x->reason)

int
store_oversight_checks(struct db *db, struct arena *a, const char *from,
    const char *to, struct oversight_check **out, size_t *n,
    struct err *e)
{
	struct store_list l = STORE_LIST(a, out, n);

	/* The checks of the period, and the last one before it started. */
	return store_list_rows(db, &l, e, check_row, "SELECT at, ok, checked, "
	    "bad_seq, reason FROM audit_check WHERE (at >= ? AND at < ?) OR "
	    "at = (SELECT MAX(at) FROM audit_check WHERE at < ?) ORDER BY at "
	    "DESC", "sss", from, to, from);
}

/* ---- unusual reading ---- */

struct read_row {
	char *user_id, *username, *role, *at, *client_id;
	time_t t;
};

struct reads {
	struct arena *a;
	struct read_row *v;
	size_t n, cap;
};

static time_t
instant_seconds(const char *s)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	if (s == NULL || strptime(s, "%Y-%m-%dT%H:%M:%S", &tm) == NULL)
		return 0;
	return timegm(&tm);
}

static int
read_row(struct db_stmt *st, void *ctx, struct err *e)
{
	struct reads *r = ctx;
	struct read_row *x = store_grow(r->a, (void **)&r->v, &r->n, &r->cap,
	    sizeof *x);

	if (store_row(st, r->a, e, "sssss", &x->user_id, &x->username,
	    &x->role, &x->at, &x->client_id) != 0)
		return -1;
	x->t = instant_seconds(x->at);
	return 0;
}

/* Distinct girls in a window: counts per client id, open addressing. */
struct slot {
	const char *key;
	int count;
};

static struct slot *
slot_of(struct slot *tab, size_t mask, const char *key)
{
	size_t h = 5381;

	for (const char *p = key; *p != '\0'; p++)
		h = h * 33 + (unsigned char)*p;
	for (size_t i = h & mask;; i = (i + 1) & mask)
		if (tab[i].key == NULL || strcmp(tab[i].key, key) == 0)
			return &tab[i];
}

int
store_oversight_readers(struct db *db, struct arena *a, const char *from,
    const char *to, int reads, int minutes, struct oversight_reader **out,
    size_t *n, struct err *e)
{
	struct reads r = { a, NULL, 0, 0 };
	size_t cap = 0;

	*out = NULL;
	*n = 0;
	if (store_each(db, a, e, read_row, &r, "SELECT user_id, username, "
	    "role, at, client_id FROM audit_log WHERE action = 'read' AND "
	    "outcome = 'ok' AND client_id IS NOT NULL AND user_id IS NOT NULL "
	    "AND at >= ? AND at < ? ORDER BY user_id, seq", "ss", from,
	    to) < 0)
		return -1;
	for (size_t s = 0; s < r.n;) {
		size_t end = s, size = 16, mask, i = s, best_i = s, best_j = s;
		int distinct = 0, best = 0;
		struct slot *tab;

		while (end < r.n && strcmp(r.v[end].user_id, r.v[s].user_id) == 0)
			end++;
		while (size < 2 * (end - s))
			size *= 2;
		mask = size - 1;
		tab = arena_alloc(a, size * sizeof *tab);
		memset(tab, 0, size * sizeof *tab);
		for (size_t j = s; j < end; j++) {
			struct slot *sl = slot_of(tab, mask, r.v[j].client_id);

			sl->key = r.v[j].client_id;
			if (sl->count++ == 0)
				distinct++;
			while (r.v[j].t - r.v[i].t > (time_t)minutes * 60) {
				sl = slot_of(tab, mask, r.v[i].client_id);
				if (--sl->count == 0)
					distinct--;
				i++;
			}
			if (distinct > best) {
				best = distinct;
				best_i = i;
				best_j = j;
			}
		}
		if (best >= reads) {
			struct oversight_reader *x = store_grow(a, (void **)out,
			    n, &cap, sizeof *x);

			x->user_id = r.v[s].user_id;
			x->username = r.v[s].username;
			x->role = r.v[s].role;
			x->girls = best;
			x->from = r.v[best_i].at;
			x->to = r.v[best_j].at;
		}
		s = end;
	}
	return 0;
}
