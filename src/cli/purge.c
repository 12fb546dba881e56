/*
 * purge.c - `doorloop purge [--as-of DATE] [--dry-run]`: destroy every file
 * the law says must go (auth/purge.c's steps), as the daily run inside
 * serve does.  --as-of looks at another day (default today, Amsterdam);
 * --dry-run counts without destroying.
 *
 * Prints one line per step: "STEP: N destroyed" (or "N due" in a dry run).
 * Exit 0 done, 1 failure, 2 bad usage or a malformed date.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "auth/purge.h"
#include "cli/cli.h"
#include "core/date.h"
#include "db/db.h"

static int
purge_usage(FILE *f)
{
	fprintf(f, "usage: doorloop purge [--as-of YYYY-MM-DD] [--dry-run] [--db URL] [--key-file PATH]\n\n"
	    "Destroy the files whose retention term has passed (retention.years after\n"
	    "care ended; retention.court_order_years for a file with a court order when\n"
	    "longer) and the files whose destruction she asked for (granted, or\n"
	    "undecided on the due date).  A legal hold or an open trajectory keeps a\n"
	    "file.  Each destruction leaves an audit entry without content.\n\n"
	    "  --as-of DATE   the day to judge (default today)\n"
	    "  --dry-run      count what is due, destroy nothing\n"
	    "  --db URL       database (DOORLOOP_DB, default %s)\n"
	    "  --key-file PATH key file (DOORLOOP_KEY_FILE, default %s)\n\n"
	    "Exit codes: 0 done, 1 failure, 2 bad usage.\n",
	    CLI_DEFAULT_DB, CLI_DEFAULT_KEY);
	return f == stdout ? EXIT_OK : EXIT_USAGE;
}

static void
purge_print(void *ctx, const char *step, long n, bool dry)
{
	(void)ctx;
	printf("%s: %ld %s\n", step, n, dry ? "due" : "destroyed");
}

struct purge_args {
	char asof[DATE_STR_LEN + 1];
	bool dry;
};

static int
purge_run(struct db *db, void *ctx, struct err *e)
{
	struct purge_args *p = ctx;

	return auth_purge_run(db, p->asof, p->dry, purge_print, NULL, e) != 0 ?
	    -1 : EXIT_OK;
}

int
cli_purge(int argc, char **argv)
{
	const char *db_opt = NULL, *key_opt = NULL, *asof_opt = NULL;
	struct purge_args p = { .dry = false };
	const struct cli_opt opts[] = {
		CLI_OPT_STR("as-of", &asof_opt),
		CLI_OPT_FLAG("dry-run", &p.dry),
		CLI_DB_OPTS(&db_opt, &key_opt)
	};
	dl_date day;
	int r;

	if ((r = cli_options(argc, argv, opts, 0, purge_usage)) >= 0)
		return r;
	if (asof_opt != NULL) {
		if (date_parse(asof_opt, &day) != 0) {
			fprintf(stderr, "doorloop: purge: --as-of takes a date "
			    "YYYY-MM-DD\n");
			return EXIT_USAGE;
		}
	} else {
		day = date_today();
	}
	date_format(day, p.asof);
	return cli_run(db_opt, key_opt, purge_run, &p);
}
