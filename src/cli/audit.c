/*
 * audit.c - `doorloop audit verify`: recompute the audit log's hash chain.
 *
 * Exit 0 with "audit chain intact: N entries", exit 1 with "audit chain
 * broken at entry SEQ" (the first entry changed, removed or inserted; see
 * auth_audit_verify), exit 2 for bad usage.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "cli/cli.h"
#include "db/db.h"

static int
audit_usage(FILE *f)
{
	fprintf(f, "usage: doorloop audit verify [--db URL] [--key-file PATH]\n\n"
	    "Recompute the keyed hash chain of the audit log and report the first\n"
	    "entry that was changed, removed or inserted.\n\n"
	    "  --db URL         database (DOORLOOP_DB, default %s)\n"
	    "  --key-file PATH  key file (DOORLOOP_KEY_FILE, default %s)\n\n"
	    "Exit codes: 0 intact, 1 broken or failure, 2 bad usage.\n",
	    CLI_DEFAULT_DB, CLI_DEFAULT_KEY);
	return f == stdout ? EXIT_OK : EXIT_USAGE;
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
