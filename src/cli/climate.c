/*
 * climate.c - `doorloop climate load FILE | example`: an administrator
 * loads a (licensed) group-climate questionnaire from the documented file
 * format (docs/climate-questionnaire.md, core/climate.h), or prints the
 * example questionnaire that ships with Doorloop.  Loading is one
 * transaction with its audit entry; a file with an error loads nothing.
 *
 * Exit 0 done, 1 failure, 2 bad usage or a file the format refuses.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/auth.h"
#include "cli/cli.h"
#include "core/climate.h"
#include "db/db.h"
#include "store/climate.h"

#define FILE_MAX (1024 * 1024)

int
cli_climate_load_text(struct db *db, struct arena *a, const char *text,
    const char *by, char id_out[ID_LEN + 1], int *line, struct err *e)
{
	struct climate_qdef q;
	char msg[160], *copy = arena_strdup(a, text);
	int rc;

	if (climate_qdef_parse(copy, &q, line, msg, sizeof msg) != 0)
		return err_set(e, ERR_INVALID, "file", "%s", msg);
	rc = store_climate_q_insert(db, a, &q, by, id_out, e);
	climate_qdef_free(&q);
	return rc;
}

static int
climate_usage(FILE *f)
{
	fprintf(f, "usage: doorloop climate load FILE [--db URL] [--key-file PATH]\n"
	    "       doorloop climate example\n\n"
	    "Group climate (DOMAIN.md R15).  'load' adds a questionnaire from FILE in\n"
	    "the format of docs/climate-questionnaire.md (TAB-separated lines:\n"
	    "questionnaire, scale, label, item); a name and version loaded before is\n"
	    "refused.  'example' prints the example questionnaire in that format.\n\n"
	    "  --db URL         database (DOORLOOP_DB, default %s)\n"
	    "  --key-file PATH  key file (DOORLOOP_KEY_FILE, default %s)\n\n"
	    "Exit codes: 0 done, 1 failure, 2 bad usage or a file the format refuses.\n",
	    CLI_DEFAULT_DB, CLI_DEFAULT_KEY);
	return f == stdout ? EXIT_OK : EXIT_USAGE;
}

static char *
read_file(const char *path, struct err *e)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;

	if (f == NULL) {
		err_set(e, ERR_INVALID, "file", "cannot open %s: %s", path,
		    strerror(errno));
		return NULL;
	}
	buf = malloc(FILE_MAX + 1);
	if (buf == NULL)
		abort();
	n = fread(buf, 1, FILE_MAX + 1, f);
	fclose(f);
	if (n > FILE_MAX || memchr(buf, '\0', n) != NULL) {
		free(buf);
		err_set(e, ERR_INVALID, "file",
		    "the file is larger than 1 MiB or not text");
		return NULL;
	}
	buf[n] = '\0';
	return buf;
}

/* Load the questionnaire text (ctx) with its audit entry in one
 * transaction. */
static int
load_run(struct db *db, void *ctx, struct err *e)
{
	struct audit_entry en;
	struct arena a;
	char id[ID_LEN + 1];
	int line = 0, rc = -1;

	arena_init(&a);
	if (db_begin_write(db, e) != 0)
		goto out;
	if (cli_climate_load_text(db, &a, ctx, NULL, id, &line, e) != 0) {
		db_rollback(db);
		if (line > 0)
			fprintf(stderr, "doorloop: climate: line %d: %s\n", line,
			    e->msg);
		else
			fprintf(stderr, "doorloop: climate: %s\n", e->msg);
		rc = e->code == ERR_INVALID || e->code == ERR_CONFLICT ?
		    EXIT_USAGE : EXIT_FAIL;
		goto out;
	}
	cli_audit_entry(&en, "create", "climate_questionnaire", id);
	if (auth_audit_append(db, &en, e) != 0 || db_commit(db, e) != 0) {
		db_rollback(db);
		goto out;
	}
	printf("questionnaire loaded: %s\n", id);
	rc = EXIT_OK;
out:
	arena_cleanup(&a);
	return rc;
}

int
cli_climate(int argc, char **argv)
{
	const char *db_opt = NULL, *key_opt = NULL;
	struct err e;
	char *text;
	int r, rc;

	if (argc < 2)
		return climate_usage(stderr);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return climate_usage(stdout);
	if (strcmp(argv[1], "example") == 0 && argc == 2) {
		fputs(climate_example_questionnaire, stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "load") != 0)
		return climate_usage(stderr);
	if ((r = cli_db_options(argc - 1, argv + 1, true, true, &db_opt,
	    &key_opt)) != CLI_OPTS_RUN)
		return climate_usage(CLI_USAGE_TO(r));
	if (argc - 1 - optind != 1)
		return climate_usage(stderr);
	err_init(&e);
	if ((text = read_file(argv[1 + optind], &e)) == NULL)
		return cli_fail(&e);
	rc = cli_run(db_opt, key_opt, load_run, text);
	free(text);
	return rc;
}
