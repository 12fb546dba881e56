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
#include <getopt.h>
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

static int
audit_report(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		CLI_DB_OPTIONS
	};
	const char *db_opt = NULL, *key_opt = NULL;
	dl_date from = DATE_NONE, to = date_today();
	struct db *db = NULL;
	struct arena a;
	struct err e;
	json_t *j = NULL;
	int c, rc = EXIT_FAIL;

	err_init(&e);
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
		case 't':
			if (date_parse(optarg, c == 'f' ? &from : &to) != 0) {
				fprintf(stderr, "doorloop: audit report: --%s "
				    "is a date YYYY-MM-DD\n", c == 'f' ? "from" :
				    "to");
				return EXIT_USAGE;
			}
			break;
		case 'd':
			db_opt = optarg;
			break;
		case 'k':
			key_opt = optarg;
			break;
		case 'h':
			return audit_usage(stdout);
		default:
			return audit_usage(stderr);
		}
	}
	if (optind != argc)
		return audit_usage(stderr);
	if (from == DATE_NONE)
		from = to - 30;
	if (from > to || to - from > OVERSIGHT_MAX_DAYS) {
		fprintf(stderr, "doorloop: audit report: --from must lie before "
		    "--to, and at most %d days before it\n", OVERSIGHT_MAX_DAYS);
		return EXIT_USAGE;
	}
	arena_init(&a);
	if (cli_open(db_opt, key_opt, &db, &e) != 0 ||
	    (j = oversight_report_json(db, &a, from, to, &e)) == NULL) {
		rc = cli_fail(&e);
		goto out;
	}
	if (json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0) {
		putchar('\n');
		rc = EXIT_OK;
	}
	json_decref(j);
out:
	arena_cleanup(&a);
	return cli_close(db, rc);
}

int
cli_audit(int argc, char **argv)
{
	const char *db_opt = NULL, *key_opt = NULL;
	struct db *db = NULL;
	struct err e;
	struct audit_verdict v;
	int r, rc = EXIT_FAIL;

	err_init(&e);
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
	switch (cli_db_options(argc - 1, argv + 1, true, false, &db_opt,
	    &key_opt)) {
	case CLI_OPTS_HELP:
		return audit_usage(stdout);
	case CLI_OPTS_BAD:
		return audit_usage(stderr);
	}
	if (cli_open(db_opt, key_opt, &db, &e) != 0)
		goto fail;
	if ((r = auth_audit_verify_full(db, &v, &e)) < 0)
		goto fail;
	if (r == 0) {
		printf("audit chain intact: %" PRId64 " entries, %" PRId64
		    " checkpoints\n", v.checked, v.checkpoints);
		rc = EXIT_OK;
	} else {
		printf("audit chain broken at entry %" PRId64 ": %s\n",
		    v.bad_seq, v.reason);
		rc = EXIT_FAIL;
	}
	goto out;
fail:
	rc = cli_fail(&e);
out:
	return cli_close(db, rc);
}
