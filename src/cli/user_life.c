/*
 * user_life.c - `doorloop user deactivate | reactivate --username U`: an
 * account's lifecycle from the command line.  Deactivating ends the user's
 * sessions in the same transaction; the account, and with it the name in
 * the audit log, the journal's authorship and team lists, stays.
 *
 * Each change leaves an audit entry with access point "local:cli".
 * Exit 0 done, 1 failure, 2 bad usage, an unknown user or a user who is
 * in that state already.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "cli/cli.h"
#include "db/db.h"
#include "store/auth_store.h"

static int
life_usage(FILE *f)
{
	fprintf(f, "usage: doorloop user deactivate --username U [--db URL] [--key-file PATH]\n"
	    "       doorloop user reactivate --username U [--db URL] [--key-file PATH]\n\n"
	    "deactivate refuses the account's log-ins and ends its sessions at once;\n"
	    "reactivate lets it log in again.  Its history keeps its name.\n");
	return f == stdout ? EXIT_OK : EXIT_USAGE;
}

int
cli_user_lifecycle(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "username", required_argument, NULL, 'u' },
		CLI_DB_OPTIONS
	};
	const char *username = NULL, *db_opt = NULL, *key_opt = NULL;
	bool active = strcmp(argv[1], "reactivate") == 0;
	struct audit_entry en;
	struct store_user u;
	struct db *db = NULL;
	struct arena a;
	struct err e;
	bool found = false;
	int c, rc = EXIT_FAIL;

	err_init(&e);
	optind = 1;
	while ((c = getopt_long(argc - 1, argv + 1, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'u':
			username = optarg;
			break;
		case 'd':
			db_opt = optarg;
			break;
		case 'k':
			key_opt = optarg;
			break;
		case 'h':
			return life_usage(stdout);
		default:
			return life_usage(stderr);
		}
	}
	if (optind != argc - 1 || username == NULL)
		return life_usage(stderr);
	arena_init(&a);
	if (cli_open(db_opt, key_opt, &db, &e) != 0)
		goto fail;
	if (store_user_by_username(db, &a, username, &u, &found, &e) != 0)
		goto fail;
	if (!found) {
		err_setr(&e, ERR_INVALID, "username", R_USER_UNKNOWN,
		    "no such user");
		goto fail;
	}
	memset(&en, 0, sizeof en);
	en.action = active ? "reactivate" : "deactivate";
	en.outcome = "ok";
	en.remote_addr = "local:cli";
	if (auth_user_set_active_audited(db, u.id, active, &en, &e) != 0)
		goto fail;
	printf(active ? "user reactivated\n" :
	    "user deactivated; their sessions have ended\n");
	rc = EXIT_OK;
	goto out;
fail:
	if (e.code == ERR_CONFLICT || e.code == ERR_NOT_FOUND)
		e.code = ERR_INVALID;
	rc = cli_fail(&e);
out:
	arena_cleanup(&a);
	return cli_close(db, rc);
}
