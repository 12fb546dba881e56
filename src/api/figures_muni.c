/*
 * figures_muni.c - GET /api/v1/figures/municipality (role municipality:
 * its own girls) and GET /api/v1/figures/monitor (role monitor: every
 * municipality, region and the nation), ?year=YYYY (default this year).
 *
 * Invariants:
 *   1. Both answers are projections of one published set per year, counted
 *      over the whole country and suppressed once (core/figures_table.c),
 *      so what a municipality sees is exactly its row of the monitor.
 *   2. A suppressed cell is the string "suppressed": its value never
 *      leaves the server.  null means "does not apply" (a quarter not yet
 *      begun, a stock figure's year, open demand outside today's quarter).
 *   3. No person, id or pseudonym of a girl is in either answer; every
 *      request is audited (no client id), refusals too.
 */
#include "api/figures.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/care.h"
#include "api/gate.h"
#include "store/continuity.h"
#include "store/figures.h"

static const char *const period_names[FIG_PERIODS] = {
	"Q1", "Q2", "Q3", "Q4", "year"
};

static json_t *
catalogue_json(void)
{
	json_t *a = json_array();

	for (int f = 0; f < F__COUNT; f++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:s}",
		    "key", fig_defs[f].key, "group", fig_defs[f].group,
		    "kind", fig_defs[f].kind == FK_STOCK ? "stock" :
		    fig_defs[f].kind == FK_NOW ? "now" : "flow"));
	return a;
}

static json_t *
values_json(const struct fig_table *t, size_t area)
{
	json_t *o = json_object();

	for (int f = 0; f < F__COUNT; f++) {
		json_t *v = json_array();

		for (int p = 0; p < FIG_PERIODS; p++) {
			bool pub;
			int64_t x;

			if (!fig_value(t, area, p, (enum fig)f, &pub, &x))
				json_array_append_new(v, json_null());
			else if (!pub)
				json_array_append_new(v,
				    json_string("suppressed"));
			else
				json_array_append_new(v, json_integer(x));
		}
		json_object_set_new(o, fig_defs[f].key, v);
	}
	return o;
}

static json_t *
area_json(const struct fig_data *d, size_t area)
{
	const struct fig_table *t = &d->t;

	if (area < d->nmuni) {
		const struct fig_muni *m = &d->munis[area];

		return json_pack("{s:s, s:s, s:s, s:s, s:{s:b, s:b}, s:o}",
		    "kind", "municipality", "id", m->id, "name", m->name,
		    "region", d->regions[m->region], "flags",
		    "turned18_gap", t->flag_gap[area],
		    "no_institution_in_region",
		    !d->reg_institution[m->region], "values",
		    values_json(t, area));
	}
	if (area < d->nmuni + d->nreg) {
		size_t r = area - d->nmuni;
		bool gap = false;

		for (size_t m = 0; m < d->nmuni; m++)
			if ((size_t)d->munis[m].region == r && t->flag_gap[m])
				gap = true;
		return json_pack("{s:s, s:n, s:s, s:s, s:{s:b, s:b}, s:o}",
		    "kind", "region", "id", "name", d->regions[r], "region",
		    d->regions[r], "flags", "turned18_gap", gap,
		    "no_institution_in_region", !d->reg_institution[r],
		    "values", values_json(t, area));
	}
	return json_pack("{s:s, s:n, s:s, s:n, s:o}", "kind", "nation", "id",
	    "name", "Nederland", "region", "values", values_json(t, area));
}

/* Role check, year, one published set for the year; on success the
 * transaction is still open for the audit entry. */
static int
figures_begin(struct api_req *req, enum gate_act act, struct care_ctx *cx,
    struct fig_data *d, int *k, struct err *e)
{
	struct alert_thresholds th;
	const char *ys = api_query(req, "year");
	dl_date today = date_today();
	int ty, tm, td;
	long year;

	if (gate_role(req, act, e) != 0)
		return -1;
	date_to_ymd(today, &ty, &tm, &td);
	year = ty;
	if (ys != NULL) {
		char *end;

		year = strtol(ys, &end, 10);
		if (*ys == '\0' || *end != '\0' || year < 2000 || year > ty)
			return err_setr(e, ERR_INVALID, "year", R_FIGURES_YEAR,
			    "year is a year from 2000 up to this year");
	}
	if (gate_open(req, act, cx, e) != 0)
		return -1;
	if (store_thresholds_load(req->db, req->a, &th, e) != 0 ||
	    store_figures_min_cell(req->db, req->a, k, e) != 0 ||
	    store_figures_load(req->db, req->a, (int)year, today,
	    th.handover_wait_days, d, e) != 0)
		return gate_fail(req);
	fig_table_finish(&d->t, *k);
	return 0;
}

static int
figures_respond(struct api_req *req, struct api_resp *resp,
    struct care_ctx *cx, struct fig_data *d, int k, const char *object_id,
    json_t *areas, struct err *e)
{
	json_t *periods = json_array();

	fig_table_free(&d->t);
	if (gate_finish(req, cx, object_id, e) != 0) {
		json_decref(areas);
		json_decref(periods);
		return -1;
	}
	for (int p = 0; p < FIG_PERIODS; p++)
		json_array_append_new(periods, json_string(period_names[p]));
	resp->body = json_pack("{s:i, s:o, s:i, s:o, s:o, s:o}",
	    "year", d->year, "as_of", api_date(d->as_of), "min_cell", k,
	    "periods", periods, "figures", catalogue_json(), "areas", areas);
	return 0;
}

int
api_figures_municipality(API_ARGS)
{
	struct care_ctx cx;
	struct fig_data d;
	json_t *areas;
	size_t m;
	int k;

	if (figures_begin(req, G_FIGURES_MUNICIPALITY, &cx, &d, &k, e) != 0)
		return -1;
	for (m = 0; m < d.nmuni; m++)
		if (strcmp(d.munis[m].id, req->who->org_id) == 0)
			break;
	if (m == d.nmuni) {
		fig_table_free(&d.t);
		return gate_refuse(req, &cx, ERR_FORBIDDEN,
		    R_FIGURES_NO_MUNICIPALITY,
		    "the account does not belong to a municipality", e);
	}
	areas = json_array();
	json_array_append_new(areas, area_json(&d, m));
	return figures_respond(req, resp, &cx, &d, k, d.munis[m].id, areas, e);
}

int
api_figures_monitor(API_ARGS)
{
	struct care_ctx cx;
	struct fig_data d;
	json_t *areas;
	int k;

	if (figures_begin(req, G_FIGURES_MONITOR, &cx, &d, &k, e) != 0)
		return -1;
	areas = json_array();
	for (size_t a = 0; a < d.t.narea; a++)
		json_array_append_new(areas, area_json(&d, a));
	return figures_respond(req, resp, &cx, &d, k, NULL, areas, e);
}
