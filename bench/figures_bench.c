/*
 * figures_bench.c - the municipality figures' benchmark (issue 12).
 *
 *   figures_bench --db URL [--year Y] [--runs N]
 *       times the national figures of year Y (default this year) as the
 *       API computes them - every aggregate statement of store/figures_muni.c,
 *       the sums and the suppression of core/figures_table.c - against the
 *       same aggregate statements alone, run by the database's own command
 *       line client (sqlite3 or psql, output discarded), in N interleaved
 *       rounds (default 5), and prints both medians and their ratio.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/alerts.h"
#include "db/db.h"
#include "store/figures.h"

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_d);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "year", required_argument, NULL, 'y' },
		{ "runs", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	const char *url = NULL, **sql;
	char path[] = "/tmp/figures-bench-XXXXXX", cmd[4096];
	int c, runs = 5, year, y, m, d, fd;
	size_t n;
	double *ta, *tb;
	struct db *db;
	struct err e;
	struct arena a;
	FILE *f;

	date_to_ymd(date_today(), &y, &m, &d);
	year = y;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': url = optarg; break;
		case 'y': year = atoi(optarg); break;
		case 'r': runs = atoi(optarg); break;
		default: return 2;
		}
	}
	if (url == NULL || runs < 3 || runs > 99) {
		fprintf(stderr, "usage: figures_bench --db URL [--year Y] [--runs 3..99]\n");
		return 2;
	}
	err_init(&e);
	arena_init(&a);
	if (db_open(url, &db, &e) != 0) {
		fprintf(stderr, "figures_bench: cannot open the database\n");
		return 1;
	}
	store_figures_sql(db_kind(db), &a, year, date_today(), 14, &sql, &n);
	if ((fd = mkstemp(path)) < 0 || (f = fdopen(fd, "w")) == NULL)
		return 1;
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s;\n", sql[i]);
	fclose(f);
	if (db_kind(db) == DB_SQLITE)
		snprintf(cmd, sizeof cmd, "sqlite3 -batch '%s' < %s > /dev/null",
		    url + strlen("sqlite:"), path);
	else
		snprintf(cmd, sizeof cmd, "psql -X -q -At -d '%s' -f %s > /dev/null",
		    url, path);
	ta = calloc((size_t)runs, sizeof *ta);
	tb = calloc((size_t)runs, sizeof *tb);
	for (int r = 0; r < runs; r++) {
		struct fig_data fd2;
		struct arena ra;
		double t0 = now_ms();
		int k;

		arena_init(&ra);
		if (db_begin_read(db, &e) != 0 ||
		    store_figures_min_cell(db, &ra, &k, &e) != 0 ||
		    store_figures_load(db, &ra, year, date_today(), 14, &fd2,
		    &e) != 0) {
			fprintf(stderr, "figures_bench: the figures failed\n");
			return 1;
		}
		fig_table_finish(&fd2.t, k);
		fig_table_free(&fd2.t);
		db_rollback(db);
		arena_cleanup(&ra);
		ta[r] = now_ms() - t0;
		t0 = now_ms();
		if (system(cmd) != 0) {
			fprintf(stderr, "figures_bench: %s failed\n", cmd);
			return 1;
		}
		tb[r] = now_ms() - t0;
	}
	{
		double fa = median(ta, runs), fb = median(tb, runs);

		printf("figures %d (%s): %.1f ms; aggregate SQL alone in the %s CLI: "
		    "%.1f ms; ratio %.2f (goal <= 1.5), median of %d interleaved "
		    "rounds\n", year, db_kind(db) == DB_SQLITE ? "sqlite" :
		    "postgres", fa, db_kind(db) == DB_SQLITE ? "sqlite3" : "psql",
		    fb, fa / fb, runs);
	}
	unlink(path);
	db_close(db);
	arena_cleanup(&a);
	free(ta);
	free(tb);
	return 0;
}
