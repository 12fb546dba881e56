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

struct life_args {
	const char *username;
	bool active;
};

static int
life_run(struct db *db, void *ctx, struct err *e)
{
	struct life_args *p = ctx;
	struct audit_entry en;
	struct store_user u;
	struct arena a;
	int rc = -1;

	arena_init(&a);
	if (cli_user_find(db, &a, p->username, &u, e) != 0)
		goto out;
	cli_audit_entry(&en, p->active ? "reactivate" : "deactivate", NULL,
	    NULL);
	if (auth_user_set_active_audited(db, u.id, p->active, &en, e) != 0)
		goto out;
	printf(p->active ? "user reactivated\n" :
	    "user deactivated; their sessions have ended\n");
	rc = EXIT_OK;
out:
	/* An unknown user or one in that state already is bad input here. */
	if (rc != EXIT_OK && (e->code == ERR_CONFLICT ||
	    e->code == ERR_NOT_FOUND))
		e->code = ERR_INVALID;
	arena_cleanup(&a);
	return rc;
}

int
cli_user_lifecycle(int argc, char **argv)
{
	const char *db_opt = NULL, *key_opt = NULL;
	struct life_args p = { NULL, strcmp(argv[1], "reactivate") == 0 };
	const struct cli_opt opts[] = {
		CLI_OPT_STR("username", &p.username),
		CLI_DB_OPTS(&db_opt, &key_opt)
	};
	int r;

	if ((r = cli_options(argc - 1, argv + 1, opts, 0, life_usage)) >= 0)
		return r;
	if (p.username == NULL)
		return life_usage(stderr);
	return cli_run(db_opt, key_opt, life_run, &p);
}
