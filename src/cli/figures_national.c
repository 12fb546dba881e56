/*
 * figures_national.c - the national synthetic data set for the figures
 * benchmark (cli/figures_gen.h) and `doorloop figures-generate`.
 * Fictional: no names, no BSNs, no free text; commits every 20,000 girls.
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/auth.h"
#include "cli/cli.h"
#include "cli/figures_gen.h"
#include "core/alerts.h"
#include "store/common.h"

static unsigned long long rng;

static int
rnd(int n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (int)(rng % (unsigned long long)n);
}

static const char *const forms[4] = { "ambulant", "family_home",
	"open_residential", "secure_residential" };

int
figgen_national(struct db *db, int girls, int years, unsigned seed,
    struct err *e)
{
	size_t nm = figgen_nmunis, nreg = 0;
	char (*mid)[ID_LEN + 1] = xcalloc(nm, sizeof *mid);
	char (*inst)[ID_LEN + 1] = xcalloc(nm, sizeof *inst);
	const char **regions = xcalloc(nm, sizeof *regions);
	int *reg_of = xcalloc(nm, sizeof *reg_of);
	dl_date today = date_today(), first = today - 365 * years;
	struct figgen *g = NULL;
	char school[ID_LEN + 1], now[INSTANT_LEN + 1];
	const char *reporter;
	struct arena a;
	int rc = -1;

	/* Keep freed memory: trimming and regrowing the heap for every
	 * batch of rows costs more than writing them. */
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	mallopt(M_TOP_PAD, 16 << 20);
	rng = 88172645463325252ULL ^ seed;
	arena_init(&a);
	for (size_t i = 0; i < nm; i++) {
		size_t r;

		for (r = 0; r < nreg; r++)
			if (strcmp(regions[r], figgen_munis[i].region) == 0)
				break;
		if (r == nreg)
			regions[nreg++] = figgen_munis[i].region;
		reg_of[i] = (int)r;
		if (auth_org_create(db, arena_printf(&a, "Gemeente %s",
		    figgen_munis[i].name), "municipality", figgen_munis[i].region,
		    mid[i], e) != 0)
			goto out;
	}
	/* an institution per region, but for the last two regions */
	for (size_t r = 0; r < nreg; r++) {
		if (r + 2 >= nreg) {
			memcpy(inst[r], inst[0], sizeof inst[r]);
			continue;
		}
		if (auth_org_create(db, arena_printf(&a, "Jeugdzorg %s",
		    regions[r]), "institution", regions[r], inst[r], e) != 0)
			goto out;
	}
	/* the reporter of every signal: a school's account without a password */
	reporter = store_new_id(&a, now);
	if (auth_org_create(db, "Scholengroep Nederland", "school", NULL,
	    school, e) != 0 || db_begin_write(db, e) != 0 ||
	    store_exec(db, &a, e, "INSERT INTO app_user (id, username, "
	    "display_name, role, org_id, password_hash, created_at, "
	    "updated_at) VALUES (?, 'bench.reporter', 'Meldcode', 'reporter', "
	    "?, '!', ?, ?)", "ssss", reporter, school, now, now) < 0 ||
	    db_commit(db, e) != 0)
		goto out;
	if (figgen_open(db, &g, e) != 0)
		goto out;
	for (int i = 0; i < girls; i++) {
		struct figgen_girl x;
		int m = rnd((int)nm), np, age;
		dl_date b18, end;

		if (i % 20000 == 0) {
			if (i > 0 && (figgen_flush(g, e) != 0 ||
			    db_commit(db, e) != 0))
				goto out;
			if (db_begin_write(db, e) != 0)
				goto out;
		}
		memset(&x, 0, sizeof x);
		x.pseudonym = arena_printf(&a, "N%07d", i + 1);
		x.municipality = mid[m];
		x.coordinator = x.provider = inst[reg_of[m]];
		x.start = first + rnd(today - first - 30);
		age = 12 + rnd(6);
		x.birth = date_add_months(x.start, -12 * age - rnd(12));
		b18 = date_birthday(x.birth, 18, date_leap_rule());
		end = x.start + 180 + rnd(2300);
		x.end = end >= today ? DATE_NONE : end;
		np = 1 + rnd(3);
		for (int p = 0; p < np; p++) {
			dl_date ps = x.start + (end - x.start) * p / np;
			dl_date pe = p == np - 1 ? x.end : x.start +
			    (end - x.start) * (p + 1) / np - 1;

			x.phases[p] = (struct figgen_span){ forms[rnd(4)], ps, pe,
				rnd(100) < 15 };
		}
		x.bases[0] = (struct figgen_span){ "jeugdwet", x.start,
		    end < b18 ? x.end : b18 - 1, false };
		if (end >= b18) {
			int k = rnd(100);

			if (k < 65)
				x.bases[1] = (struct figgen_span){
				    "verlengde_jeugdhulp", b18, x.end, false };
			else if (k < 75 && b18 + 200 < end)
				x.bases[1] = (struct figgen_span){ "wmo",
				    b18 + 30 + rnd(170), x.end, false };
		}
		x.settled = (unsigned)rnd(512);
		for (int r = 0; r < 4; r++)
			x.reviews[r] = DATE_NONE;
		x.reviews[0] = x.start + 90 + rnd(90);
		if (x.reviews[0] > today || (x.end != DATE_NONE &&
		    x.reviews[0] > x.end))
			x.reviews[0] = DATE_NONE;
		x.review_months = 6;
		x.aftercare_due = x.end == DATE_NONE ? DATE_NONE : x.end + 90;
		x.aftercare_state = x.aftercare_due != DATE_NONE &&
		    x.aftercare_due > today ? 2 : rnd(4);
		/* a signal about two girls in five, up to two months before her
		 * trajectory starts; two in three led to her registration */
		if (rnd(5) < 2) {
			x.reporter = reporter;
			x.reporter_org = school;
			x.signal_on = x.start - rnd(60);
			x.signal_linked = rnd(3) > 0;
		}
		if (figgen_write(g, &a, &x, e) != 0)
			goto out;
	}
	if (figgen_flush(g, e) != 0 || db_commit(db, e) != 0)
		goto out;
	rc = 0;
out:
	if (rc != 0)
		db_rollback(db);
	figgen_close(g);
	arena_cleanup(&a);
	free(mid);
	free(inst);
	free(regions);
	free(reg_of);
	return rc;
}

static int
generate_usage(FILE *f)
{
	fprintf(f, "usage: doorloop figures-generate [--db URL] "
	    "[--girls N] [--years Y] [--seed S]\n");
	return f == stdout ? EXIT_OK : EXIT_USAGE;
}

int
cli_figures_generate(int argc, char **argv)
{
	const char *db_opt = NULL, *girls_opt = NULL, *years_opt = NULL;
	const char *seed_opt = NULL;
	const struct cli_opt opts[] = {
		CLI_OPT_STR("db", &db_opt),
		CLI_OPT_STR("girls", &girls_opt),
		CLI_OPT_STR("years", &years_opt),
		CLI_OPT_STR("seed", &seed_opt),
		CLI_OPT_END
	};
	int girls, years, rc;
	unsigned seed;
	struct db *db;
	struct err e;

	if ((rc = cli_options(argc, argv, opts, -1, generate_usage)) >= 0)
		return rc;
	girls = girls_opt != NULL ? atoi(girls_opt) : 100000;
	years = years_opt != NULL ? atoi(years_opt) : 20;
	seed = seed_opt != NULL ? (unsigned)strtoul(seed_opt, NULL, 10) : 1;
	if (girls < 1 || girls > 10000000 || years < 1 || years > 50) {
		fprintf(stderr, "doorloop: figures-generate: --girls 1..10000000, "
		    "--years 1..50\n");
		return EXIT_USAGE;
	}
	err_init(&e);
	if (db_open(cli_db_url(db_opt), &db, &e) != 0)
		return cli_fail(&e);
	rc = figgen_national(db, girls, years, seed, &e) != 0 ? cli_fail(&e) :
	    EXIT_OK;
	db_close(db);
	return rc;
}
