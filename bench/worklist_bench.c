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
 *       [--cli sqlite3 --file PATH]
 *       times the coordinator's worklist (the batched load, every rule on
 *       every trajectory, the first page: what GET /api/v1/worklist
 *       computes) against a plain read of the same rows without rules;
 *       with --cli also the institution's figures (GET
 *       /api/v1/figures/institution) against the sqlite3 CLI aggregating
 *       the same rows of the same file.  N interleaved rounds (default 5)
 *       after one warm-up; medians, ratios and the process's peak memory
 *       (VmHWM).
 *
 * Fictional data only: no names, no BSNs.
 */
#include <getopt.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "auth/auth.h"
#include "cli/cli.h"
#include "core/alerts.h"
#include "db/db.h"
#include "core/worklist.h"
#include "store/continuity.h"
#include "store/loader.h"
#include "store/common.h"
#include "store/store.h"
#include "util/id.h"

/* The first page the worklist keeps (the API's default page). */
#define API_PAGE_DEFAULT_BENCH 50

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

	/* Keep freed memory: trimming and regrowing the heap for every
	 * trajectory cost more than the inserts themselves. */
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	mallopt(M_TOP_PAD, 16 << 20);
	TRY(auth_org_create(db, ORG_NAME, "institution", "Midden", org, e));
	TRY(auth_org_create(db, "Bench municipality", "municipality", "Midden",
	    mun, e));
	{
		struct user_new u;

		memset(&u, 0, sizeof u);
		u.username = u.display_name = "bench.staff00";
		u.role = ROLE_COORDINATOR;
		u.org_id = org;
		u.password = "bench-password-not-for-use";
		TRY(auth_user_create(db, &u, staff[0], e));
	}
	arena_init(&a);
	TRY(db_begin_write(db, e));
	/* The caregivers share the coordinator's password hash: one Argon2id
	 * rather than one per account (nobody logs in as them). */
	for (int i = 1; i < STAFF; i++) {
		char name[32];

		snprintf(name, sizeof name, "bench.staff%02d", i);
		id_new(staff[i]);
		TRY(store_exec(db, &a, e, "INSERT INTO app_user (id, username, "
		    "display_name, role, org_id, password_hash, active, "
		    "created_at, updated_at) SELECT ?, ?, ?, 'caregiver', "
		    "org_id, password_hash, 1, created_at, updated_at FROM "
		    "app_user WHERE id = ?", "ssss", staff[i], name, name,
		    staff[0]) < 0 ? -1 : 0);
	}
	for (int i = 0; i < n; i++) {
		struct client_rec c;
		struct trajectory_rec t;
		char pseudo[32];
		int age_days = 365 * 13 + (int)rnd(365 * 8);	/* 13 to 21 */
		dl_date birth = today - age_days, b18, start, d;
		int nph = 1 + (int)rnd(5), span = 90 + (int)rnd(900);

		if (i % 5000 == 0 && i > 0) {
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

/* This process's peak resident memory (VmHWM) in MiB. */
static double
vm_hwm_mib(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	double kib = -1;

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL)
		if (sscanf(line, "VmHWM: %lf kB", &kib) == 1)
			break;
	fclose(f);
	return kib / 1024;
}

/* The institution the generated data belongs to. */
static int
bench_org(struct db *db, char org[ID_LEN + 1], struct err *e)
{
	struct db_stmt *st = NULL;

	if (db_prepare(db, "SELECT id FROM organisation WHERE name = ?", &st,
	    e) != 0)
		return -1;
	db_bind_text(st, 1, ORG_NAME);
	if (db_step(st, e) != 1) {
		db_finalize(st);
		return err_set(e, ERR_INVALID, NULL,
		    "no bench data: run generate first");
	}
	snprintf(org, ID_LEN + 1, "%s", db_col_text(st, 0));
	db_finalize(st);
	return 0;
}

/* What GET /api/v1/worklist and GET /api/v1/figures/institution compute
 * (api/worklist.c): the scope in batches, every rule, the first page or
 * the sums. */
static size_t BATCH = 1000;

static int
worklist_once(struct db *db, const char *org, size_t *ntraj, size_t *nalerts,
    struct err *e)
{
	struct alert_thresholds th;
	struct load_scope s = { LOAD_ORG, org, NULL, 0 };
	struct wl_page page;
	struct wl_eval ev;
	dl_date today = date_today();
	int rc;

	wl_page_init(&page, API_PAGE_DEFAULT_BENCH, ALERT__COUNT);
	ev = (struct wl_eval){ &th, today, &page, NULL };
	if (db_begin_read(db, e) != 0) {
		wl_page_cleanup(&page);
		return -1;
	}
	rc = store_thresholds_load(db, NULL, &th, e) != 0 ||
	    store_records_each(db, &s, today, BATCH, wl_eval_batch, &ev, e) != 0 ?
	    -1 : 0;
	db_rollback(db);
	*ntraj = page.trajectories;
	*nalerts = page.matching;
	wl_page_cleanup(&page);
	return rc;
}

static int
figures_once(struct db *db, const char *org, struct inst_figures *f,
    struct err *e)
{
	struct alert_thresholds th;
	struct load_scope s = { LOAD_ORG, org, NULL, 0 };
	struct wl_eval ev;
	dl_date today = date_today();
	int rc;

	memset(f, 0, sizeof *f);
	ev = (struct wl_eval){ &th, today, NULL, f };
	if (db_begin_read(db, e) != 0)
		return -1;
	rc = store_thresholds_load(db, NULL, &th, e) != 0 ||
	    store_records_each(db, &s, today, BATCH, wl_eval_batch, &ev, e) != 0 ?
	    -1 : 0;
	db_rollback(db);
	return rc;
}

static int
plain_once(struct db *db, const char *org, long *rows, struct err *e)
{
	struct load_scope s = { LOAD_ORG, org, NULL, 0 };
	int rc;

	if (db_begin_read(db, e) != 0)
		return -1;
	rc = store_records_scan(db, &s, date_today(), BATCH, rows, e);
	db_rollback(db);
	return rc;
}

/*
 * The reference aggregate for the figures, for the sqlite3 CLI: the same
 * rows of the same scope, counted and summed per table in SQL.
 */
static void
write_aggregate(FILE *f, const char *org)
{
	static const char *const tables[][2] = {
		{ "legal_basis", "julianday(coalesce(x.end_date, '2100-01-01')) - julianday(x.start_date)" },
		{ "court_order", "julianday(coalesce(x.end_date, '2100-01-01')) - julianday(x.start_date)" },
		{ "phase", "julianday(coalesce(x.end_date, '2100-01-01')) - julianday(x.start_date)" },
		{ "team_member", "julianday(coalesce(x.to_date, '2100-01-01')) - julianday(x.from_date)" },
		{ "transition_plan", "0" },
		{ "handover", "julianday(coalesce(x.accepted_on, '2100-01-01')) - julianday(x.proposed_on)" },
		{ "life_domain", "length(x.status)" },
		{ "review", "julianday(x.held_on)" },
		{ "aftercare", "julianday(x.due_date)" },
		{ "trajectory_closure", "julianday(x.closed_on)" },
	};
	const char *scope = "t.coordinator_org = '%s' AND (t.end_date IS NULL "
	    "OR EXISTS (SELECT 1 FROM aftercare f WHERE f.trajectory_id = t.id "
	    "AND f.status = 'planned'))";

	fprintf(f, "SELECT count(*), sum(julianday('now') - julianday(c.birth_date)) "
	    "FROM trajectory t JOIN client c ON c.id = t.client_id WHERE ");
	fprintf(f, scope, org);
	fprintf(f, ";\n");
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		fprintf(f, "SELECT count(*), sum(%s) FROM %s x JOIN trajectory t "
		    "ON t.id = x.trajectory_id WHERE ", tables[i][1], tables[i][0]);
		fprintf(f, scope, org);
		fprintf(f, ";\n");
	}
	fprintf(f, "SELECT count(*) FROM transition_item i JOIN transition_plan x "
	    "ON x.id = i.plan_id JOIN trajectory t ON t.id = x.trajectory_id "
	    "WHERE ");
	fprintf(f, scope, org);
	fprintf(f, ";\nSELECT count(*) FROM promise p JOIN trajectory t ON "
	    "t.client_id = p.client_id AND t.end_date IS NULL WHERE "
	    "p.status = 'open' AND ");
	fprintf(f, scope, org);
	fprintf(f, ";\n");
}

static double
cli_once(const char *cli, const char *file, const char *sql)
{
	char cmd[1024];
	double t0 = now_ms();

	snprintf(cmd, sizeof cmd, "%s -readonly '%s' < '%s' > /dev/null", cli,
	    file, sql);
	if (system(cmd) != 0)
		return -1;
	return now_ms() - t0;
}

/*
 * Rounds interleave the measures (worklist, plain read, and with a CLI:
 * figures, the CLI's aggregate), after one warm-up round; medians.
 */
static int
run(struct db *db, int runs, const char *cli, const char *file,
    struct err *e)
{
	char org[ID_LEN + 1], sql[64] = "";
	double *tw = calloc((size_t)runs, sizeof *tw);
	double *tp = calloc((size_t)runs, sizeof *tp);
	double *tf = calloc((size_t)runs, sizeof *tf);
	double *tc = calloc((size_t)runs, sizeof *tc);
	size_t ntraj = 0, nalerts = 0;
	struct inst_figures fig;
	long rows = 0;
	int rc = -1;

	if (tw == NULL || tp == NULL || tf == NULL || tc == NULL)
		abort();
	if (bench_org(db, org, e) != 0)
		goto out;
	if (cli != NULL) {
		FILE *f;
		int fd;

		snprintf(sql, sizeof sql, "/tmp/doorloop-bench-sql.XXXXXX");
		if ((fd = mkstemp(sql)) < 0 || (f = fdopen(fd, "w")) == NULL) {
			err_set(e, ERR_INTERNAL, NULL, "cannot write the aggregate");
			goto out;
		}
		write_aggregate(f, org);
		fclose(f);
	}
	for (int r = 0; r < runs + 1; r++) {
		double t0, t1, t2, t3, t4;

		t0 = now_ms();
		if (worklist_once(db, org, &ntraj, &nalerts, e) != 0)
			goto out;
		t1 = now_ms();
		if (plain_once(db, org, &rows, e) != 0)
			goto out;
		t2 = now_ms();
		t3 = t4 = t2;
		if (cli != NULL) {
			if (figures_once(db, org, &fig, e) != 0)
				goto out;
			t3 = now_ms();
			if ((t4 = cli_once(cli, file, sql)) < 0) {
				err_set(e, ERR_INTERNAL, NULL, "%s failed", cli);
				goto out;
			}
		}
		if (r > 0) {	/* the first round warms the caches */
			tw[r - 1] = t1 - t0;
			tp[r - 1] = t2 - t1;
			tf[r - 1] = t3 - t2;
			tc[r - 1] = t4;
		}
	}
	{
		double mw = median(tw, runs), mp = median(tp, runs);

		printf("  trajectories %zu, rows %ld, alerts %zu; median of %d "
		    "interleaved rounds after one warm-up\n", ntraj, rows,
		    nalerts, runs);
		printf("  %-34s %9.1f ms\n", "worklist (batched, first page)", mw);
		printf("  %-34s %9.1f ms\n", "plain read of the same rows", mp);
		printf("  %-34s %9.2f x   (goal <= 1.50)\n", "ratio", mw / mp);
		if (cli != NULL) {
			double mf = median(tf, runs), mc = median(tc, runs);

			printf("  %-34s %9.1f ms   (%d trajectories)\n",
			    "institution figures", mf, fig.trajectories);
			printf("  %-34s %9.1f ms\n", "sqlite3 CLI, same rows aggregated",
			    mc);
			printf("  %-34s %9.2f x   (goal <= 1.50)\n", "ratio", mf / mc);
		}
		printf("  %-34s %9.1f MiB (goal <= 64)\n", "peak memory (VmHWM)",
		    vm_hwm_mib());
	}
	rc = 0;
out:
	if (sql[0] != '\0')
		unlink(sql);
	free(tw);
	free(tp);
	free(tf);
	free(tc);
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
		{ "cli", required_argument, NULL, 'c' },
		{ "file", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	const char *dbu = NULL, *key = NULL, *cmd, *cli = NULL, *file = NULL;
	int c, n = 10000, runs = 5, rc;
	struct db *db = NULL;
	struct err e;

	if (argc < 2) {
		fprintf(stderr, "usage: worklist_bench generate|run --db URL "
		    "--key-file PATH [--trajectories N] [--runs N] [--cli sqlite3 "
		    "--file PATH]\n");
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
		case 'c': cli = optarg; break;
		case 'f': file = optarg; break;
		default: return 2;
		}
	}
	if (n < 1 || runs < 1)
		return 2;
	if (getenv("BENCH_BATCH") != NULL)
		BATCH = (size_t)atol(getenv("BENCH_BATCH"));
	err_init(&e);
	if (cli_open(dbu, key, &db, &e) != 0)
		return cli_fail(&e);
	if (strcmp(cmd, "generate") == 0)
		/* Generating is not what is measured: a large page cache for
		 * the inserts into a growing file. */
		rc = (db_kind(db) == DB_SQLITE && db_exec(db, "PRAGMA cache_size "
		    "= -262144", &e) != 0) ? -1 : generate(db, n, &e);
	else if (strcmp(cmd, "run") == 0)
		rc = run(db, runs, cli, file, &e);
	else {
		db_close(db);
		return 2;
	}
	if (rc != 0)
		rc = cli_fail(&e);
	db_close(db);
	return rc;
}
