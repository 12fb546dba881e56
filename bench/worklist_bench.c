/*
 * worklist_bench.c - the continuity engine's benchmark (make bench).
 *
 *   worklist_bench generate --db URL --key-file PATH [--trajectories N]
 *       fills an initialised database with one institution, its staff and
 *       N (default 10,000) open trajectories with realistic histories:
 *       one to five placements, Jeugdwet and (after 18) verlengde
 *       jeugdhulp or Wmo with the odd gap, court orders for secure
 *       placements, changing main caregivers, assessed domains, reviews,
 *       handovers, transition plans for those near 18.  Seeded: every run
 *       makes the same data.
 *   worklist_bench run --db URL --key-file PATH [--runs N]
 *       times the coordinator's worklist (the bulk load, every rule on
 *       every trajectory, the sort: what GET /api/v1/worklist computes)
 *       against a plain read of the same rows without rules, N times each
 *       (default 15), and prints both medians and their ratio.
 *
 * Fictional data only: no names, no BSNs.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/auth.h"
#include "cli/cli.h"
#include "core/alerts.h"
#include "db/db.h"
#include "store/continuity.h"
#include "store/store.h"

#define STAFF 24
#define ORG_NAME "Bench institution"

static unsigned long long rng = 88172645463325252ULL;

static unsigned
rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

#define TRY(x) do { if ((x) != 0) goto fail; } while (0)

static int
generate(struct db *db, int n, struct err *e)
{
	char org[ID_LEN + 1], mun[ID_LEN + 1], staff[STAFF][ID_LEN + 1];
	struct arena a;
	dl_date today = date_today();
	int alerts_seed = 0;

	TRY(auth_org_create(db, ORG_NAME, "institution", "Midden", org, e));
	TRY(auth_org_create(db, "Bench municipality", "municipality", "Midden",
	    mun, e));
	for (int i = 0; i < STAFF; i++) {
		struct user_new u;
		char name[32];

		memset(&u, 0, sizeof u);
		snprintf(name, sizeof name, "bench.staff%02d", i);
		u.username = name;
		u.display_name = name;
		u.role = i == 0 ? ROLE_COORDINATOR : ROLE_CAREGIVER;
		u.org_id = org;
		u.password = "bench-password-not-for-use";
		TRY(auth_user_create(db, &u, staff[i], e));
	}
	arena_init(&a);
	TRY(db_begin_write(db, e));
	for (int i = 0; i < n; i++) {
		struct client_rec c;
		struct trajectory_rec t;
		char pseudo[32];
		int age_days = 365 * 13 + (int)rnd(365 * 8);	/* 13 to 21 */
		dl_date birth = today - age_days, b18, start, d;
		int nph = 1 + (int)rnd(5), span = 90 + (int)rnd(900);

		if (i % 500 == 0 && i > 0) {
			TRY(db_commit(db, e));
			arena_cleanup(&a);
			arena_init(&a);
			TRY(db_begin_write(db, e));
		}
		b18 = date_birthday(birth, 18, date_leap_rule());
		start = today - span;
		if (start < birth + 365 * 12)
			start = birth + 365 * 12;
		memset(&c, 0, sizeof c);
		snprintf(pseudo, sizeof pseudo, "B%05d", i);
		c.pseudonym = pseudo;
		c.birth = birth;
		c.municipality_id = mun;
		c.registered_by_org = org;
		TRY(store_client_insert(db, &a, &c, e));
		memset(&t, 0, sizeof t);
		t.client_id = c.id;
		t.coordinator_org = org;
		t.start = start;
		t.end = DATE_NONE;
		TRY(store_trajectory_insert(db, &a, &t, e));
		/* Placements back to back; secure ones with a court order. */
		d = start;
		for (int k = 0; k < nph; k++) {
			struct phase_rec p;
			dl_date end = k == nph - 1 ? DATE_NONE :
			    d + (today - start) / nph;

			memset(&p, 0, sizeof p);
			p.trajectory_id = t.id;
			p.form = (enum care_form)rnd(FORM__COUNT);
			p.provider_id = org;
			p.start = d;
			p.end = end;
			TRY(store_phase_insert(db, &a, &p, e));
			if (p.form == FORM_SECURE_RESIDENTIAL) {
				struct order_rec o;

				memset(&o, 0, sizeof o);
				o.trajectory_id = t.id;
				o.kind = ORDER_MACHTIGING;
				o.start = d + (rnd(10) == 0 ? 9 : 0);
				o.end = end != DATE_NONE ? end :
				    today + (int)rnd(200);
				TRY(store_order_insert(db, &a, &o, e));
			}
			if (end == DATE_NONE)
				break;
			d = end + 1;
		}
		/* Jeugdwet until 18, then mostly something after it. */
		{
			struct basis_rec b;

			memset(&b, 0, sizeof b);
			b.trajectory_id = t.id;
			b.kind = BASIS_JEUGDWET;
			b.paying_id = mun;
			b.start = start;
			b.end = rnd(20) == 0 ? today - (int)rnd(30) : DATE_NONE;
			TRY(store_basis_insert(db, &a, &b, e));
			if (rnd(3) != 0 && b18 > start) {
				memset(&b, 0, sizeof b);
				b.trajectory_id = t.id;
				b.kind = rnd(2) ? BASIS_VERLENGDE_JEUGDHULP : BASIS_WMO;
				b.paying_id = mun;
				b.start = b18 + (rnd(8) == 0 ? 20 : 0);
				b.end = DATE_NONE;
				TRY(store_basis_insert(db, &a, &b, e));
			}
		}
		/* Main caregivers, one after another; now and then nobody. */
		{
			int nm = 1 + (int)rnd(3);
			dl_date from = start;

			for (int k = 0; k < nm; k++) {
				struct member_rec m;

				memset(&m, 0, sizeof m);
				m.trajectory_id = t.id;
				m.user_id = staff[1 + rnd(STAFF - 1)];
				m.role = TEAM_MAIN_CAREGIVER;
				m.from = from;
				m.to = k == nm - 1 ? (rnd(15) == 0 ? today - 3 :
				    DATE_NONE) : from + (today - start) / nm;
				TRY(store_member_insert(db, &a, &m, e));
				if (m.to == DATE_NONE)
					break;
				from = m.to + 1;
			}
		}
		/* Domains assessed for most, reviews, a handover now and then. */
		if (rnd(6) != 0)
			for (int dd = 0; dd < DOM__COUNT; dd++) {
				enum domain_status st = (enum domain_status)(1 + rnd(3));

				TRY(store_domain_put(db, &a, t.id, (enum life_domain)dd,
				    &st, NULL, false, staff[0], e));
			}
		for (dl_date r = start + 120; r < today; r += 150 + (int)rnd(60)) {
			struct review_rec rv;

			memset(&rv, 0, sizeof rv);
			rv.held_on = r;
			rv.she_attended = rnd(4) != 0;
			TRY(store_review_insert(db, &a, t.id, &rv, staff[0], e));
		}
		if (rnd(5) == 0) {
			struct handover_rec h;

			memset(&h, 0, sizeof h);
			h.trajectory_id = t.id;
			h.incoming_id = staff[1 + rnd(STAFF - 1)];
			h.role = TEAM_CAREGIVER;
			h.proposed_on = today - (int)rnd(40);
			h.planned_date = h.proposed_on + 14;
			h.meeting_date = DATE_NONE;
			h.accepted_on = rnd(2) ? h.proposed_on + (int)rnd(20) : DATE_NONE;
			h.status = h.accepted_on != DATE_NONE ? HO_ACCEPTED : HO_PROPOSED;
			TRY(store_handover_insert(db, &a, &h, staff[0], e));
		}
		if (today >= date_add_months(b18, -12) && today < b18 && rnd(2)) {
			struct plan_rec p;

			memset(&p, 0, sizeof p);
			p.trajectory_id = t.id;
			p.opened_on = today - (int)rnd(100) > start ?
			    today - (int)rnd(100) : start;
			TRY(store_plan_insert(db, &a, &p, staff[0], b18, e));
		}
		alerts_seed++;
	}
	TRY(db_commit(db, e));
	arena_cleanup(&a);
	printf("generated %d trajectories\n", alerts_seed);
	return 0;
fail:
	db_rollback(db);
	arena_cleanup(&a);
	return -1;
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double
median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, dbl_cmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static int
run(struct db *db, int runs, struct err *e)
{
	char org[ID_LEN + 1];
	struct alert_thresholds th;
	struct db_stmt *st = NULL;
	double *tw = calloc((size_t)runs, sizeof *tw);
	double *tp = calloc((size_t)runs, sizeof *tp);
	dl_date today = date_today();
	size_t ntraj = 0, nalerts = 0;
	long rows = 0;
	int rc = -1;

	if (tw == NULL || tp == NULL)
		abort();
	if (db_prepare(db, "SELECT id FROM organisation WHERE name = ?", &st,
	    e) != 0)
		goto out;
	db_bind_text(st, 1, ORG_NAME);
	if (db_step(st, e) != 1) {
		db_finalize(st);
		err_set(e, ERR_INVALID, NULL, "no bench data: run generate first");
		goto out;
	}
	snprintf(org, sizeof org, "%s", db_col_text(st, 0));
	db_finalize(st);
	alert_thresholds_default(&th);
	for (int r = 0; r < runs + 1; r++) {
		struct arena a;
		struct cont_bundle *v;
		struct alert_list l = { 0 };
		double t0, t1, t2;

		arena_init(&a);
		t0 = now_ms();
		if (db_begin_read(db, e) != 0 ||
		    store_continuity_load(db, &a, SCOPE_ORG, org, today, &v,
		    &ntraj, e) != 0)
			goto fail;
		for (size_t i = 0; i < ntraj; i++) {
			struct alert_input in;

			store_bundle_input(&v[i], today, &in);
			alerts_evaluate(&in, &th, &l);
		}
		alerts_sort(&l);
		db_rollback(db);
		t1 = now_ms();
		nalerts = l.n;
		alert_list_cleanup(&l);
		arena_cleanup(&a);
		if (db_begin_read(db, e) != 0 ||
		    store_continuity_scan(db, SCOPE_ORG, org, today, &rows, e) != 0)
			goto fail2;
		db_rollback(db);
		t2 = now_ms();
		if (r > 0) {	/* the first run warms the caches */
			tw[r - 1] = t1 - t0;
			tp[r - 1] = t2 - t1;
		}
		continue;
fail:
		db_rollback(db);
		arena_cleanup(&a);
		goto out;
fail2:
		db_rollback(db);
		goto out;
	}
	{
		double mw = median(tw, runs), mp = median(tp, runs);

		printf("trajectories        %zu\n", ntraj);
		printf("rows read           %ld\n", rows);
		printf("alerts              %zu\n", nalerts);
		printf("runs                %d (after one warm-up)\n", runs);
		printf("worklist median     %.1f ms\n", mw);
		printf("plain read median   %.1f ms\n", mp);
		printf("ratio               %.2f\n", mw / mp);
	}
	rc = 0;
out:
	free(tw);
	free(tp);
	return rc;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "key-file", required_argument, NULL, 'k' },
		{ "trajectories", required_argument, NULL, 't' },
		{ "runs", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	const char *dbu = NULL, *key = NULL, *cmd;
	int c, n = 10000, runs = 15, rc;
	struct db *db = NULL;
	struct err e;

	if (argc < 2) {
		fprintf(stderr, "usage: worklist_bench generate|run --db URL "
		    "--key-file PATH [--trajectories N] [--runs N]\n");
		return 2;
	}
	cmd = argv[1];
	optind = 2;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': dbu = optarg; break;
		case 'k': key = optarg; break;
		case 't': n = atoi(optarg); break;
		case 'r': runs = atoi(optarg); break;
		default: return 2;
		}
	}
	if (n < 1 || runs < 1)
		return 2;
	err_init(&e);
	if (cli_open(dbu, key, &db, &e) != 0)
		return cli_fail(&e);
	if (strcmp(cmd, "generate") == 0)
		rc = generate(db, n, &e);
	else if (strcmp(cmd, "run") == 0)
		rc = run(db, runs, &e);
	else {
		db_close(db);
		return 2;
	}
	if (rc != 0)
		rc = cli_fail(&e);
	db_close(db);
	return rc;
}
