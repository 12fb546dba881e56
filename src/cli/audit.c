/*
 * audit.c - `doorloop audit verify`: recompute the audit log's hash chain
 * and compare it with the signed checkpoints outside the database;
 * `doorloop audit report --from --to`: the security officer's report
 * (api/oversight.c) as JSON on stdout.
 *
 * Exit 0 with "audit chain intact: N entries", exit 1 with "audit chain
 * broken at entry SEQ" (the first entry changed, removed or inserted; see
 * auth_audit_verify), exit 2 for bad usage.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "api/oversight.h"
#include "core/date.h"

#include "auth/auth.h"
#include "cli/cli.h"
#include "db/db.h"

static int
audit_usage(FILE *f)
{
	fprintf(f, "usage: doorloop audit verify [--db URL] [--key-file PATH]\n"
	    "       doorloop audit report [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n"
	    "           [--db URL] [--key-file PATH]\n\n"
	    "verify recomputes the keyed hash chain of the audit log, compares it\n"
	    "with the signed checkpoints of its head kept outside the database\n"
	    "(DOORLOOP_AUDIT_CHECKPOINT, default the database file's name plus\n"
	    ".audit-checkpoints, or the key file's for PostgreSQL) and reports the\n"
	    "first entry that was changed, removed or inserted, or a log that was\n"
	    "cut or wiped.\n"
	    "report prints the security officer's report for the days from..to\n"
	    "(default the last 30 days) as JSON: break-the-glass uses, refused\n"
	    "acts, unusual reading, the chain checks; no client content.\n\n"
	    "  --db URL         database (DOORLOOP_DB, default %s)\n"
	    "  --key-file PATH  key file (DOORLOOP_KEY_FILE, default %s)\n\n"
	    "Exit codes: 0 intact, 1 broken or failure, 2 bad usage.\n",
	    CLI_DEFAULT_DB, CLI_DEFAULT_KEY);
	return f == stdout ? EXIT_OK : EXIT_USAGE;
}

struct report_args {
	dl_date from, to;
};

static int
report_run(struct db *db, void *ctx, struct err *e)
{
	struct report_args *p = ctx;
	struct arena a;
	json_t *j;
	int rc = -1;

	arena_init(&a);
	if ((j = oversight_report_json(db, &a, p->from, p->to, e)) != NULL) {
		rc = EXIT_FAIL;
		if (json_dumpf(j, stdout, JSON_INDENT(2) |
		    JSON_PRESERVE_ORDER) == 0) {
			putchar('\n');
			rc = EXIT_OK;
		}
		json_decref(j);
	}
	arena_cleanup(&a);
	return rc;
}

/* --from and --to of the report: a date, into the dl_date at o->to. */
static int
report_date(const struct cli_opt *o, const char *arg)
{
	if (date_parse(arg, o->to) == 0)
		return 0;
	fprintf(stderr, "doorloop: audit report: --%s is a date YYYY-MM-DD\n",
	    o->name);
	return -1;
}

static int
audit_report(int argc, char **argv)
{
	const char *db_opt = NULL, *key_opt = NULL;
	struct report_args p = { DATE_NONE, date_today() };
	const struct cli_opt opts[] = {
		CLI_OPT_TAKE("from", &p.from, report_date),
		CLI_OPT_TAKE("to", &p.to, report_date),
		CLI_DB_OPTS(&db_opt, &key_opt)
	};
	int r;

	if ((r = cli_options(argc, argv, opts, 0, audit_usage)) >= 0)
		return r;
	if (p.from == DATE_NONE)
		p.from = p.to - 30;
	if (p.from > p.to || p.to - p.from > OVERSIGHT_MAX_DAYS) {
		fprintf(stderr, "doorloop: audit report: --from must lie before "
		    "--to, and at most %d days before it\n", OVERSIGHT_MAX_DAYS);
		return EXIT_USAGE;
	}
	return cli_run(db_opt, key_opt, report_run, &p);
}

static int
verify_run(struct db *db, void *ctx, struct err *e)
{
	struct audit_verdict v;
	int r;

	if ((r = auth_audit_verify_full(db, &v, e)) < 0)
		return -1;
	if (r == 0) {
		printf("audit chain intact: %" PRId64 " entries, %" PRId64
		    " checkpoints\n", v.checked, v.checkpoints);
		return EXIT_OK;
	}
	printf("audit chain broken at entry %" PRId64 ": %s\n", v.bad_seq,
	    v.reason);
	return EXIT_FAIL;
}

int
cli_audit(int argc, char **argv)
{
	const char *db_opt = NULL, *key_opt = NULL;
	int r;

	if (argc < 2)
		return audit_usage(stderr);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return audit_usage(stdout);
	if (strcmp(argv[1], "report") == 0)
		return audit_report(argc - 1, argv + 1);
	if (strcmp(argv[1], "verify") != 0) {
		fprintf(stderr, "doorloop: audit: unknown subcommand '%s'\n",
		    argv[1]);
		return audit_usage(stderr);
	}
	if ((r = cli_db_options(argc - 1, argv + 1, true, false, &db_opt,
	    &key_opt)) != CLI_OPTS_RUN)
		return audit_usage(CLI_USAGE_TO(r));
	return cli_run(db_opt, key_opt, verify_run, NULL);
}
