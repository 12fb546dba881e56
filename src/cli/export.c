/*
 * export.c - `doorloop export CLIENT_ID [--format json|pdf] [--out FILE]`:
 * her file as she may see it (her right of access, AVG art. 15), the same
 * bundle and PDF the API gives her (api/export.c), written to FILE or
 * standard output.  The export is audited (action "export", access point
 * "local:cli") in the transaction that read it.
 *
 * Exit 0 done, 1 failure, 2 bad usage, an unknown client or format.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/export.h"
#include "auth/auth.h"
#include "cli/cli.h"
#include "db/db.h"

static int
export_usage(FILE *f)
{
	fprintf(f, "usage: doorloop export CLIENT_ID [--format json|pdf] [--out FILE]\n"
	    "                       [--db URL] [--key-file PATH]\n\n"
	    "Her file as she may see it: a JSON bundle (doorloop.file.v1, docs/EXPORT.md)\n"
	    "or the same as a PDF, on standard output or in FILE.\n");
	return f == stdout ? EXIT_OK : EXIT_USAGE;
}

static int
write_out(const char *path, const void *p, size_t n, struct err *e)
{
	FILE *f = path != NULL ? fopen(path, "wb") : stdout;

	if (f == NULL)
		return err_set(e, ERR_IO, "out", "cannot create %s", path);
	if (fwrite(p, 1, n, f) != n || (path != NULL ? fclose(f) :
	    fflush(f)) != 0)
		return err_set(e, ERR_IO, "out", "cannot write the export");
	return 0;
}

struct export_args {
	const char *id, *format, *out;
};

static int
export_run(struct db *db, void *ctx, struct err *e)
{
	struct export_args *p = ctx;
	struct audit_entry en;
	struct care_ctx cx;
	json_t *bundle = NULL;
	unsigned char *pdf = NULL;
	char *text = NULL;
	struct arena a;
	size_t len = 0;
	int rc = -1;

	arena_init(&a);
	memset(&cx, 0, sizeof cx);
	cx.client_id = p->id;
	cx.today = date_today();
	cx.acc.level = ACCESS_SELF;	/* her copy: what she may see */
	if (db_begin_write(db, e) != 0)
		goto out;
	if (!id_valid(p->id) || store_client_get(db, &a, p->id, &cx.client,
	    e) != 0) {
		db_rollback(db);
		err_setr(e, ERR_INVALID, "client_id", R_CLIENT_NOT_FOUND,
		    "no such client");
		goto out;
	}
	cli_audit_entry(&en, "export", "client", p->id);
	en.client_id = p->id;
	if (export_file_bundle(db, &a, &cx, &bundle, e) != 0 ||
	    auth_audit_append(db, &en, e) != 0 || db_commit(db, e) != 0) {
		db_rollback(db);
		goto out;
	}
	if (strcmp(p->format, "pdf") == 0) {
		pdf = export_file_pdf(bundle, &len);
		if (write_out(p->out, pdf, len, e) != 0)
			goto out;
	} else {
		text = json_dumps(bundle, JSON_INDENT(2) | JSON_SORT_KEYS);
		if (text == NULL || write_out(p->out, text, strlen(text),
		    e) != 0 || write_out(NULL, "", 0, e) != 0)
			goto out;
		if (p->out == NULL)
			putchar('\n');
	}
	rc = EXIT_OK;
out:
	json_decref(bundle);
	free(pdf);
	free(text);
	arena_cleanup(&a);
	return rc;
}

int
cli_export(int argc, char **argv)
{
	const char *db_opt = NULL, *key_opt = NULL;
	struct export_args p = { NULL, "json", NULL };
	const struct cli_opt opts[] = {
		CLI_OPT_STR("format", &p.format),
		CLI_OPT_STR("out", &p.out),
		CLI_DB_OPTS(&db_opt, &key_opt)
	};
	int r;

	if ((r = cli_options(argc, argv, opts, 1, export_usage)) >= 0)
		return r;
	p.id = argv[optind];
	if (strcmp(p.format, "json") != 0 && strcmp(p.format, "pdf") != 0) {
		fprintf(stderr, "doorloop: export: --format is json or pdf\n");
		return EXIT_USAGE;
	}
	return cli_run(db_opt, key_opt, export_run, &p);
}
