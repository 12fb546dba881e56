/*
 * cli.h - the doorloop command line.
 *
 * Every subcommand is `int cli_<name>(int argc, char **argv)` with argv[0]
 * the subcommand's name, parses its own options from a table of them
 * (cli_options, or cli_db_options when they are only the three below),
 * answers --help on stdout, and returns one of the exit codes below.  Options come
 * first, then the environment, then defaults that work on a laptop:
 *   --db URL        DOORLOOP_DB        sqlite:var/doorloop.db
 *   --key-file PATH DOORLOOP_KEY_FILE  var/doorloop.key
 */
#ifndef DOORLOOP_CLI_H
#define DOORLOOP_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "util/err.h"

#define EXIT_OK 0	/* done */
#define EXIT_FAIL 1	/* failure: database, file, crypto */
#define EXIT_USAGE 2	/* bad usage or bad input */

#define CLI_DEFAULT_DB "sqlite:var/doorloop.db"
#define CLI_DEFAULT_KEY "var/doorloop.key"

int cli_main(int argc, char **argv);

/* Resolve option > environment > default. */
const char *cli_db_url(const char *opt);
const char *cli_key_file(const char *opt);
const char *cli_checkpoint_file(const char *db_url, const char *key_file);
/* Print "doorloop: MESSAGE" to stderr and return the exit code for e. */
int cli_fail(const struct err *e);
/* Open the database and load the key (auth_init + crypto_key_load). */
struct db;
int cli_open(const char *db_opt, const char *key_opt, struct db **out,
    struct err *e);
/* The end of every subcommand that opened the installation: close db (if
 * open), auth_shutdown() and return rc. */
int cli_close(struct db *db, int rc);

/*
 * A subcommand's options as a table: each entry is one long option and
 * where its value goes; CLI_DB_OPTS (--db, --key-file, --help) or
 * CLI_OPT_END ends it (23 entries at the most, the end included).  Without take, a string option's argument goes into the
 * const char * at to, and a flag sets the bool at to.  With take, the
 * option is handed to it as it comes (arg NULL for a flag): it converts
 * the argument into to and returns 0, or -1 after printing why.  An entry
 * without to and take is --help (-h too).
 */
struct cli_opt {
	const char *name;	/* without "--"; NULL ends the table */
	void *to;
	bool flag;		/* takes no argument */
	int (*take)(const struct cli_opt *o, const char *arg);
	long lo, hi;		/* bounds, for cli_take_count */
};
#define CLI_OPT_STR(name, to) { (name), (to), false, NULL, 0, 0 }
#define CLI_OPT_FLAG(name, to) { (name), (to), true, NULL, 0, 0 }
#define CLI_OPT_TAKE(name, to, take) { (name), (to), false, (take), 0, 0 }
#define CLI_OPT_COUNT(name, to, lo, hi) \
	{ (name), (to), false, cli_take_count, (lo), (hi) }
#define CLI_OPT_END { NULL, NULL, false, NULL, 0, 0 }
#define CLI_DB_OPTS(db, key) \
	CLI_OPT_STR("db", (db)), \
	CLI_OPT_STR("key-file", (key)), \
	CLI_OPT_FLAG("help", NULL), \
	CLI_OPT_END

/* A subcommand's usage text on f: EXIT_OK for stdout, else EXIT_USAGE. */
typedef int cli_usage_fn(FILE *f);

/* Parse argv[1..] (argv[0] the subcommand) against opts.  Unless operands
 * is -1, exactly that many operands must follow the options (getopt_long's
 * optind is left at the first).  Returns -1 to go on, else the exit code
 * after usage on stdout (--help), usage on stderr (an unknown option, a
 * missing argument, a wrong number of operands) or take's message. */
int cli_options(int argc, char **argv, const struct cli_opt *opts,
    int operands, cli_usage_fn *usage_fn);
/* A take for a whole number from o->lo to o->hi into the unsigned at
 * o->to; "doorloop: --NAME must be LO to HI" otherwise. */
int cli_take_count(const struct cli_opt *o, const char *arg);

/* Parse a subcommand's options when those are only --db, --key-file (refused
 * unless with_key) and --help, from argv[1] on (getopt_long's optind is left
 * at the first operand).  Unless operands, nothing may follow the options.
 * Returns CLI_OPTS_RUN, CLI_OPTS_HELP (print usage on stdout) or
 * CLI_OPTS_BAD (print usage on stderr). */
enum { CLI_OPTS_RUN, CLI_OPTS_HELP, CLI_OPTS_BAD };
int cli_db_options(int argc, char **argv, bool with_key, bool operands,
    const char **db_opt, const char **key_opt);
/* Where a usage text goes for a CLI_OPTS_HELP or CLI_OPTS_BAD answer. */
#define CLI_USAGE_TO(r) ((r) == CLI_OPTS_HELP ? stdout : stderr)

/* The body of a subcommand that works on the installation: cli_open, fn,
 * cli_close.  fn returns an exit code, or -1 with e set, which cli_fail
 * reports. */
typedef int cli_fn(struct db *db, void *ctx, struct err *e);
int cli_run(const char *db_opt, const char *key_opt, cli_fn *fn, void *ctx);

/* An audit entry of a change made at the command line: outcome "ok",
 * access point "local:cli", every other field zero. */
struct audit_entry;
void cli_audit_entry(struct audit_entry *en, const char *action,
    const char *object_type, const char *object_id);

/* The account of username (user.c): ERR_INVALID on field "username" when
 * there is none. */
struct arena;
struct store_user;
int cli_user_find(struct db *db, struct arena *a, const char *username,
    struct store_user *u, struct err *e);

/* Where serve finds the web app and the vendor CSS without --web/--vendor
 * (webroot.c): environment, then beside the binary, then the current
 * directory. */
void cli_web_roots(const char **web, const char **vendor);

/* Subcommands. */
int cli_init(int argc, char **argv);	/* init and migrate (cli.c) */
int cli_serve(int argc, char **argv);	/* serve.c */
int cli_demo(int argc, char **argv);	/* demo.c */
int cli_user(int argc, char **argv);	/* user.c: add, passwd */
int cli_user_lifecycle(int argc, char **argv);	/* user_life.c: deactivate, reactivate */
int cli_audit(int argc, char **argv);	/* audit.c: verify */
int cli_config(int argc, char **argv);	/* config.c: list, set, unset */
int cli_indicator(int argc, char **argv);	/* indicator.c: normalise */
int cli_climate(int argc, char **argv);	/* climate.c: load, example */
int cli_purge(int argc, char **argv);	/* purge.c */
int cli_export(int argc, char **argv);	/* export.c */
int cli_backup(int argc, char **argv);	/* backup.c: backup and restore */
int cli_backup_key(int argc, char **argv);	/* backup.c: backup-key create */
int cli_key(int argc, char **argv);	/* key.c: rotate, status, retire */

/* Parse a questionnaire (core/climate.h format) and store it, inside the
 * caller's transaction; *line is the failing line (0: whole file). */
struct arena;
int cli_climate_load_text(struct db *db, struct arena *a, const char *text,
    const char *by, char id_out[37], int *line, struct err *e);

#endif
