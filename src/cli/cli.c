/*
 * cli.c - the doorloop command: dispatch, shared option resolution, and the
 * init and migrate subcommands.
 *
 * Owns: the table of subcommands and the top-level help; how a database URL
 * and a key file are found (option, then DOORLOOP_DB / DOORLOOP_KEY_FILE,
 * then the laptop defaults in cli.h); turning a struct err into a message
 * and an exit code; opening the database with the key loaded (cli_open).
 *
 * Invariants:
 *   1. Every subcommand returns EXIT_OK, EXIT_FAIL or EXIT_USAGE; bad usage
 *      and bad input are EXIT_USAGE, everything else that fails EXIT_FAIL.
 *   2. init never overwrites an existing key file: losing the key loses
 *      every encrypted field.
 *
 * Must never: print a secret, or write anything to stdout except what the
 * user asked for (help text, counts), so output can be piped.
 */
#include "cli/cli.h"
#include "cli/figures_gen.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "auth/auth.h"
#include "db/db.h"

static void	usage(FILE *);
static int	init_usage(FILE *, const char *);
static int	mkdir_parents(const char *, struct err *);

static const struct {
	const char *name;
	int (*fn)(int, char **);
	const char *help;
} commands[] = {
	{ "init", cli_init, "create the key file (if missing) and the database schema" },
	{ "migrate", cli_init, "apply the database migrations that are not applied yet" },
	{ "serve", cli_serve, "serve the JSON API and the web app over HTTP" },
	{ "demo", cli_demo, "fill the database with fictitious demo data and users" },
	{ "user", cli_user, "staff accounts (user add | passwd | deactivate | reactivate | totp-reset)" },
	{ "audit", cli_audit, "verify the audit log, or the security officer's report (audit verify | report)" },
	{ "config", cli_config, "show or change the settings: log-in, access, alerts, retention, figures (config list | set | unset)" },
	{ "climate", cli_climate, "load a group-climate questionnaire (climate load FILE | example)" },
	{ "purge", cli_purge, "destroy the files the law says must go (purge [--as-of DATE] [--dry-run])" },
	{ "export", cli_export, "her file for her (JSON or PDF) or a trajectory for a transfer (export CLIENT_ID)" },
	{ "backup", cli_backup, "write an encrypted backup of the database while it serves (backup FILE)" },
	{ "restore", cli_backup, "check a backup, then restore it into an empty installation (restore FILE)" },
	{ "backup-key", cli_backup_key, "create the key backups are encrypted with (backup-key create)" },
	{ "key", cli_key, "the installation's keys: rotate, list, retire an old one (key rotate | status | retire ID)" },
	{ "indicator", cli_indicator, "the normal form an exploiter indicator is matched by (indicator normalise KIND VALUE)" },
	{ "figures-generate", cli_figures_generate, "fill a database with a national synthetic data set (figures benchmark)" },
};

static void
usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: doorloop COMMAND [OPTIONS]\n\n"
	    "Continuity of care for girls who are victims of sexual exploitation.\n\n"
	    "Commands:\n");
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-17s %s\n", commands[i].name, commands[i].help);
	fprintf(f, "\n'doorloop COMMAND --help' describes a command's options.\n\n"
	    "Environment:\n"
	    "  DOORLOOP_DB        database URL (default %s;\n"
	    "                     or postgres://... for PostgreSQL)\n"
	    "  DOORLOOP_KEY_FILE  installation key file (default %s)\n"
	    "  DOORLOOP_LISTEN    HOST:PORT for serve (default 127.0.0.1:8080)\n"
	    "  DOORLOOP_WEB_ROOT, DOORLOOP_VENDOR_ROOT  the web app and its CSS for serve\n"
	    "                     (default: beside the binary)\n"
	    "  DOORLOOP_TRUSTED_PROXY  reverse proxies whose X-Forwarded-For counts\n"
	    "  DOORLOOP_AUDIT_CHECKPOINT  the audit checkpoint file (default beside the\n"
	    "                     SQLite database, or the key file for PostgreSQL)\n"
	    "  DOORLOOP_BACKUP_KEY_FILE  the key backups are encrypted with (no default)\n\n"
	    "Exit codes:\n"
	    "  %d  done\n"
	    "  %d  failure (database, file, crypto)\n"
	    "  %d  bad usage or bad input\n",
	    CLI_DEFAULT_DB, CLI_DEFAULT_KEY, EXIT_OK, EXIT_FAIL, EXIT_USAGE);
}

int
cli_main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return EXIT_OK;
	}
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "doorloop: unknown command '%s' (see doorloop --help)\n",
	    argv[1]);
	return EXIT_USAGE;
}

/* Option > environment variable env > dflt; an empty one counts as unset. */
static const char *
option_env_default(const char *opt, const char *env, const char *dflt)
{
	const char *s;

	if (opt != NULL && *opt != '\0')
		return opt;
	if ((s = getenv(env)) != NULL && *s != '\0')
		return s;
	return dflt;
}

const char *
cli_db_url(const char *opt)
{
	return option_env_default(opt, "DOORLOOP_DB", CLI_DEFAULT_DB);
}

const char *
cli_key_file(const char *opt)
{
	return option_env_default(opt, "DOORLOOP_KEY_FILE", CLI_DEFAULT_KEY);
}

int
cli_fail(const struct err *e)
{
	if (e->field[0] != '\0')
		fprintf(stderr, "doorloop: %s: %s\n", e->field, e->msg);
	else
		fprintf(stderr, "doorloop: %s\n", e->msg[0] != '\0' ? e->msg :
		    err_code_name(e->code));
	return e->code == ERR_INVALID ? EXIT_USAGE : EXIT_FAIL;
}

int
cli_open(const char *db_opt, const char *key_opt, struct db **out,
    struct err *e)
{
	if (auth_init(e) == -1)
		return -1;
	if (crypto_key_load(cli_key_file(key_opt), e) == -1)
		return -1;
	auth_audit_checkpoint_path(cli_checkpoint_file(cli_db_url(db_opt),
	    cli_key_file(key_opt)));
	return db_open(cli_db_url(db_opt), out, e);
}

/*
 * The audit checkpoint file (audit_checkpoint.c): DOORLOOP_AUDIT_CHECKPOINT,
 * else beside a SQLite database ("PATH.audit-checkpoints"), else beside the
 * key file for PostgreSQL.  Static storage, valid until the next call.
 */
const char *
cli_checkpoint_file(const char *db_url, const char *key_file)
{
	static char buf[4096];
	const char *env = getenv("DOORLOOP_AUDIT_CHECKPOINT");

	if (env != NULL && *env != '\0')
		return env;
	if (strncmp(db_url, "sqlite:", 7) == 0)
		snprintf(buf, sizeof buf, "%s.audit-checkpoints", db_url + 7);
	else
		snprintf(buf, sizeof buf, "%s.audit-checkpoints", key_file);
	return buf;
}

int
cli_close(struct db *db, int rc)
{
	struct err e;

	err_init(&e);
	/* Whatever this command appended to the log is checkpointed. */
	if (db != NULL && !db_in_transaction(db) &&
	    auth_audit_checkpoint(db, &e) != 0)
		fprintf(stderr, "doorloop: %s\n", e.msg);
	if (db != NULL)
		db_close(db);
	auth_shutdown();
	return rc;
}

/* The vals getopt_long returns for the entries of a cli_opt table. */
#define OPT_VAL 256
/* Entries a cli_opt table holds at the most, its end included. */
#define OPTS_MAX 24

int
cli_options(int argc, char **argv, const struct cli_opt *opts,
    int operands, cli_usage_fn *usage_fn)
{
	struct option lo[OPTS_MAX];
	const struct cli_opt *o;
	const char *shorts = "";
	size_t n;
	int c;

	for (n = 0; opts[n].name != NULL; n++) {
		if (n + 1 >= OPTS_MAX)
			abort();	/* a table longer than OPTS_MAX */
		lo[n] = (struct option){ opts[n].name, opts[n].flag ?
		    no_argument : required_argument, NULL, OPT_VAL + (int)n };
		if (opts[n].to == NULL && opts[n].take == NULL)
			shorts = "h";
	}
	lo[n] = (struct option){ NULL, 0, NULL, 0 };
	optind = 1;
	while ((c = getopt_long(argc, argv, shorts, lo, NULL)) != -1) {
		if (c == 'h')
			return usage_fn(stdout);
		if (c < OPT_VAL)
			return usage_fn(stderr);
		o = &opts[c - OPT_VAL];
		if (o->take != NULL) {
			if (o->take(o, o->flag ? NULL : optarg) != 0)
				return EXIT_USAGE;
		} else if (o->to == NULL) {
			return usage_fn(stdout);
		} else if (o->flag) {
			*(bool *)o->to = true;
		} else {
			*(const char **)o->to = optarg;
		}
	}
	if (operands >= 0 && argc - optind != operands)
		return usage_fn(stderr);
	return -1;
}

int
cli_take_count(const struct cli_opt *o, const char *arg)
{
	char *end;
	long n = strtol(arg, &end, 10);

	if (*arg == '\0' || *end != '\0' || n < o->lo || n > o->hi) {
		fprintf(stderr, "doorloop: --%s must be %ld to %ld\n", o->name,
		    o->lo, o->hi);
		return -1;
	}
	*(unsigned *)o->to = (unsigned)n;
	return 0;
}

int
cli_db_options(int argc, char **argv, bool with_key, bool operands,
    const char **db_opt, const char **key_opt)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "key-file", required_argument, NULL, 'k' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'd')
			*db_opt = optarg;
		else if (c == 'k' && with_key)
			*key_opt = optarg;
		else
			return c == 'h' ? CLI_OPTS_HELP : CLI_OPTS_BAD;
	}
	return operands || optind == argc ? CLI_OPTS_RUN : CLI_OPTS_BAD;
}

int
cli_run(const char *db_opt, const char *key_opt, cli_fn *fn, void *ctx)
{
	struct db *db = NULL;
	struct err e;
	int rc;

	err_init(&e);
	if (cli_open(db_opt, key_opt, &db, &e) != 0 || (rc = fn(db, ctx, &e)) < 0)
		rc = cli_fail(&e);
	return cli_close(db, rc);
}

void
cli_audit_entry(struct audit_entry *en, const char *action,
    const char *object_type, const char *object_id)
{
	memset(en, 0, sizeof *en);
	en->action = action;
	en->object_type = object_type;
	en->object_id = object_id;
	en->outcome = "ok";
	en->remote_addr = "local:cli";
}

static int
init_usage(FILE *f, const char *cmd)
{
	if (strcmp(cmd, "migrate") == 0)
		fprintf(f, "usage: doorloop migrate [--db URL]\n\n"
		    "Apply every database migration that is not applied yet and print\n"
		    "how many were applied.\n\n"
		    "  --db URL         database (DOORLOOP_DB, default %s)\n",
		    CLI_DEFAULT_DB);
	else
		fprintf(f, "usage: doorloop init [--db URL] [--key-file PATH]\n\n"
		    "Create the installation key file if it does not exist (it is never\n"
		    "overwritten), create the database's directory for a SQLite file,\n"
		    "apply the migrations and print how many were applied.\n\n"
		    "  --db URL         database (DOORLOOP_DB, default %s)\n"
		    "  --key-file PATH  key file (DOORLOOP_KEY_FILE, default %s)\n",
		    CLI_DEFAULT_DB, CLI_DEFAULT_KEY);
	return f == stdout ? EXIT_OK : EXIT_USAGE;
}

/* mkdir -p of the directory that holds path (mode 0700 for new ones). */
static int
mkdir_parents(const char *path, struct err *e)
{
	char buf[4096], *p, c;

	if (strlen(path) >= sizeof buf)
		return err_set(e, ERR_INVALID, "", "path too long: %s", path);
	snprintf(buf, sizeof buf, "%s", path);
	if ((p = strrchr(buf, '/')) == NULL || p == buf)
		return 0;
	*p = '\0';
	for (p = buf + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		c = *p;
		*p = '\0';
		if (mkdir(buf, 0700) == -1 && errno != EEXIST)
			return err_set(e, ERR_IO, "", "cannot create directory %s: %s",
			    buf, strerror(errno));
		*p = c;
		if (c == '\0')
			break;
	}
	return 0;
}

/* init and migrate: argv[0] tells which. */
int
cli_init(int argc, char **argv)
{
	const char *cmd = argv[0], *db_opt = NULL, *key_opt = NULL;
	const char *url, *key;
	bool init = strcmp(cmd, "init") == 0;
	struct db *db = NULL;
	struct err e;
	int applied = 0, r, rc = EXIT_FAIL;

	err_init(&e);
	if ((r = cli_db_options(argc, argv, init, false, &db_opt,
	    &key_opt)) != CLI_OPTS_RUN)
		return init_usage(CLI_USAGE_TO(r), cmd);
	url = cli_db_url(db_opt);
	key = cli_key_file(key_opt);

	if (auth_init(&e) == -1)
		goto fail;
	if (init) {
		if (mkdir_parents(key, &e) == -1)
			goto fail;
		if (access(key, F_OK) == 0)
			fprintf(stderr, "doorloop: key file %s exists; keeping it\n", key);
		else if (crypto_key_create(key, &e) == -1)
			goto fail;
		else
			fprintf(stderr, "doorloop: created key file %s\n", key);
	}
	if (strncmp(url, "sqlite:", 7) == 0 && mkdir_parents(url + 7, &e) == -1)
		goto fail;
	if (db_open(url, &db, &e) == -1 || db_migrate(db, &applied, &e) == -1)
		goto fail;
	printf("%d migration%s applied\n", applied, applied == 1 ? "" : "s");
	rc = EXIT_OK;
	goto out;
fail:
	rc = cli_fail(&e);
out:
	return cli_close(db, rc);
}
