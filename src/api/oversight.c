/*
 * oversight.c - the security officer's report: break-the-glass uses,
 * refused acts, unusual reading and the audit chain's checks, across all
 * girls, for a period.
 *
 * Invariants:
 *   1. Only the role security_officer reads it; any other role is refused
 *      (403) and the refusal audited.  Reading it is audited too.
 *   2. It carries no client content: user names and roles, acts, times
 *      and pseudonymous client ids, never a name, BSN, free text or the
 *      break-the-glass reason (store/oversight.c selects no such column).
 *   3. The web page, the API and `doorloop audit report` show the same
 *      JSON (oversight_report_json).
 *   4. Requests for client access (four eyes, grants.c): every pending
 *      one and those decided in the period, with who asked and who
 *      decided.
 */
#include "api/oversight.h"
#include "api/admin.h"
#include "api/gate.h"

#include <string.h>

#include "auth/audit_writer.h"
#include "db/db.h"
#include "store/auth_store.h"
#include "store/store.h"


#define OVERSIGHT_GRANTS_MAX 500

static json_t *
events_json(const struct oversight_event *v, size_t n, int64_t total)
{
	json_t *items = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, json_pack("{s:s, s:o, s:o, s:o, "
		    "s:o, s:s, s:o, s:o}", "at", v[i].at,
		    "user_id", api_str(v[i].user_id),
		    "username", api_str(v[i].username),
		    "role", api_str(v[i].role),
		    "org_id", api_str(v[i].org_id),
		    "action", v[i].action,
		    "object_type", api_str(v[i].object_type),
		    "client_id", api_str(v[i].client_id)));
	return json_pack("{s:I, s:o}", "total", (json_int_t)total, "items",
	    items);
}

json_t *
oversight_report_json(struct db *db, struct arena *a, dl_date from,
    dl_date to, struct err *e)
{
	struct oversight_event *glass, *refused;
	struct oversight_check *checks;
	struct oversight_reader *readers;
	struct store_grant_filter gf;
	struct store_grant *grants = NULL;
	size_t nglass, nrefused, nchecks, nreaders, ngrants = 0;
	int64_t tglass = 0, trefused = 0;
	int reads = 0, minutes = 0;
	char f[DATE_STR_LEN + 1], t[DATE_STR_LEN + 1];
	char *lo, *hi;
	json_t *cj, *rj, *gj, *last = json_null(), *out;
	json_error_t jerr;

	date_format(from, f);
	date_format(to, t);
	lo = arena_printf(a, "%sT00:00:00.000Z", f);
	date_format(to + 1, t);
	hi = arena_printf(a, "%sT00:00:00.000Z", t);
	date_format(to, t);
	if (store_setting_int(db, a, "audit.unusual_reads", &reads, e) != 0 ||
	    store_setting_int(db, a, "audit.unusual_minutes", &minutes,
	    e) != 0 ||
	    store_oversight_events(db, a, lo, hi, false, &glass, &nglass,
	    &tglass, e) != 0 ||
	    store_oversight_events(db, a, lo, hi, true, &refused, &nrefused,
	    &trefused, e) != 0 ||
	    store_oversight_readers(db, a, lo, hi, reads, minutes, &readers,
	    &nreaders, e) != 0 ||
	    store_oversight_checks(db, a, lo, hi, &checks, &nchecks, e) != 0)
		return NULL;
	memset(&gf, 0, sizeof gf);
	gf.pending = true;
	gf.since = lo;
	if (store_grant_list(db, a, &gf, OVERSIGHT_GRANTS_MAX, &grants,
	    &ngrants, e) != 0)
		return NULL;
	gj = json_array();
	for (size_t i = 0; i < ngrants; i++)
		json_array_append_new(gj, api_grant_json(&grants[i]));
	cj = json_array();
	for (size_t i = 0; i < nchecks; i++) {
		json_t *c = json_pack("{s:s, s:b, s:I, s:o, s:o}",
		    "at", checks[i].at, "intact", checks[i].ok,
		    "entries", (json_int_t)checks[i].checked,
		    "broken_at", checks[i].ok ? json_null() :
		    json_integer(checks[i].bad_seq),
		    "reason", api_str(checks[i].reason));

		if (i == 0)
			last = json_incref(c);
		json_array_append_new(cj, c);
	}
	rj = json_array();
	for (size_t i = 0; i < nreaders; i++)
		json_array_append_new(rj, json_pack("{s:s, s:o, s:o, s:I, s:s, "
		    "s:s}", "user_id", readers[i].user_id,
		    "username", api_str(readers[i].username),
		    "role", api_str(readers[i].role),
		    "girls", (json_int_t)readers[i].girls,
		    "from", readers[i].from, "to", readers[i].to));
	out = json_pack_ex(&jerr, 0, "{s:s, s:s, s:o, s:o, s:{s:i, s:i, s:o}, "
	    "s:{s:o, s:o}, s:o}", "from", f, "to", t,
	    "break_glass", events_json(glass, nglass, tglass),
	    "refused", events_json(refused, nrefused, trefused),
	    "unusual_reading", "threshold_girls", reads, "window_minutes",
	    minutes, "users", rj,
	    "chain", "last_check", last, "checks", cj,
	    "access_grants", gj);
	if (out == NULL)
		err_set(e, ERR_INTERNAL, NULL, "report: %s", jerr.text);
	return out;
}

static int
report_dates(struct api_req *req, dl_date *from, dl_date *to,
    struct err *e)
{
	const char *f = api_query(req, "from"), *t = api_query(req, "to");

	*to = date_today();
	if (t != NULL && date_parse(t, to) != 0)
		return err_setr(e, ERR_INVALID, "to", R_FIELD_NOT_A_DATE,
		    "to is a date YYYY-MM-DD");
	*from = *to - 30;
	if (f != NULL && date_parse(f, from) != 0)
		return err_setr(e, ERR_INVALID, "from", R_FIELD_NOT_A_DATE,
		    "from is a date YYYY-MM-DD");
	if (*from > *to)
		return err_setr(e, ERR_INVALID, "to", R_END_BEFORE_START,
		    "to lies before from");
	if (*to - *from > OVERSIGHT_MAX_DAYS)
		return err_setr(e, ERR_INVALID, "from", R_REPORT_PERIOD_TOO_LONG,
		    "at most %d days at once", OVERSIGHT_MAX_DAYS);
	return 0;
}

int
api_audit_report(API_ARGS)
{
	struct audit_entry en;
	dl_date from, to;
	json_t *body;

	if (req->who->role != ROLE_SECURITY_OFFICER) {
		care_audit_denied(req, NULL, "read", "audit_report");
		return err_setr(e, ERR_FORBIDDEN, NULL, R_REPORT_OFFICER_ONLY,
		    "only the security officer reads this report");
	}
	if (report_dates(req, &from, &to, e) != 0)
		return -1;
	if (db_begin_read(req->db, e) != 0)
		return -1;
	body = oversight_report_json(req->db, req->a, from, to, e);
	db_rollback(req->db);
	if (body == NULL)
		return -1;
	gate_audit_fill(req, &en, NULL, "read", "audit_report", NULL, "ok",
	    NULL);
	if (auth_audit_record(req->db, &en, e) != 0) {
		json_decref(body);
		return -1;
	}
	resp->body = body;
	return 0;
}
