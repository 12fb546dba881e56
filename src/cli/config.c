/*
 * config.c - `doorloop config list | set NAME VALUE | unset NAME`: the
 * installation's settings that the rules read, for now the alert
 * thresholds of the continuity engine (core/alerts.h), stored as
 * "threshold.NAME" in the setting table so that every server process
 * reads the same values on its next request.
 *
 * Exit 0 done, 1 failure, 2 bad usage or a name or value the rules refuse
 * (nothing is stored then).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/auth.h"
#include "cli/cli.h"
#include "core/alerts.h"
#include "db/db.h"
#include "store/continuity.h"
#include "store/store.h"

static int
config_usage(FILE *f)
{
	fprintf(f, "usage: doorloop config list [--db URL]\n"
	    "       doorloop config set NAME VALUE [--db URL]\n"
	    "       doorloop config unset NAME [--db URL]\n\n"
	    "The thresholds of the worklist's alerts (DOMAIN.md R3-R8, R11), the partner's\n"
	    "access after her last placement (access.partner_grace_days), the fewest\n"
	    "respondents of a group-climate score (climate.*) and the smallest figure a\n"
	    "municipality or the monitor is shown (figures.min_cell), and log-in:\n"
	    "two-step log-in for staff (auth.totp_required 1, or 0 to make it\n"
	    "optional) and the sessions a user may have at once (auth.max_sessions).\n"
	    "NAME is\n"
	    "one of the names 'config list' shows (with or without 'threshold.');\n"
	    "VALUE a whole number within its bounds.  Servers use a new value from\n"
	    "their next request on.  Every change is written to the audit log.\n"
	    "Retention (retention.*), the 29-February birthday (date.leap_feb28) and\n"
	    "break-the-glass minutes (glass.minutes) are settings too (docs/SETTINGS.md).\n\n"
	    "  --db URL          database (DOORLOOP_DB, default %s)\n"
	    "  --key-file PATH   key file, for the audit entry of a change\n\n"
	    "Exit codes: 0 done, 1 failure, 2 bad usage, unknown name or value out of bounds.\n",
	    CLI_DEFAULT_DB);
	return f == stdout ? EXIT_OK : EXIT_USAGE;
}

static const struct alert_threshold_info *
config_find(const char *name)
{
	if (strncmp(name, "threshold.", 10) == 0)
		name += 10;
	return alert_threshold_find(name);
}

static int
config_list(struct db *db, struct arena *a, struct err *e)
{
	struct alert_thresholds th;

	if (store_thresholds_load(db, a, &th, e) != 0)
		return -1;
	printf("%-34s %6s %8s  %s\n", "setting", "value", "default", "bounds");
	for (size_t i = 0; i < store_nsettings; i++) {
		const struct store_setting_info *in = &store_setting_infos[i];
		int v;

		if (store_setting_int(db, a, in->name, &v, e) != 0)
			return -1;
		printf("%-34s %6d %8d  %d..%d %s\n", in->name, v, in->dflt,
		    in->min, in->max, in->unit);
	}
	for (size_t i = 0; i < alert_nthresholds; i++) {
		const struct alert_threshold_info *in = &alert_threshold_infos[i];
		char name[64];

		snprintf(name, sizeof name, "threshold.%s", in->name);
		printf("%-34s %6d %8d  %d..%d %s\n", name,
		    alert_threshold_get(&th, in->name), in->dflt, in->min,
		    in->max, in->unit);
	}
	return 0;
}

int
cli_config(int argc, char **argv)
{
	const struct alert_threshold_info *in = NULL;
	const struct store_setting_info *st = NULL;
	const char *db_opt = NULL, *key_opt = NULL, *verb;
	const char *name = NULL, *value = NULL;
	struct alert_thresholds probe;
	struct audit_entry en;
	struct db *db = NULL;
	struct arena a;
	struct err e;
	char key[64], *end = NULL;
	long v = 0;
	int r, rc = EXIT_FAIL, nargs;

	if (argc < 2)
		return config_usage(stderr);
	verb = argv[1];
	if (strcmp(verb, "--help") == 0 || strcmp(verb, "-h") == 0)
		return config_usage(stdout);
	if ((r = cli_db_options(argc - 1, argv + 1, true, true, &db_opt,
	    &key_opt)) != CLI_OPTS_RUN)
		return config_usage(CLI_USAGE_TO(r));
	nargs = argc - 1 - optind;
	if (strcmp(verb, "list") == 0 && nargs == 0) {
		/* nothing more to check */
	} else if (strcmp(verb, "set") == 0 && nargs == 2) {
		name = argv[1 + optind];
		value = argv[2 + optind];
	} else if (strcmp(verb, "unset") == 0 && nargs == 1) {
		name = argv[1 + optind];
	} else {
		return config_usage(stderr);
	}
	if (name != NULL && (st = store_setting_find(name)) != NULL) {
		int iv;

		if (value != NULL && store_setting_parse(st, value, &iv) != 0) {
			fprintf(stderr, "doorloop: config: %s takes a whole number "
			    "from %d to %d\n", st->name, st->min, st->max);
			return EXIT_USAGE;
		}
	} else if (name != NULL && (in = config_find(name)) == NULL) {
		fprintf(stderr, "doorloop: config: unknown setting '%s' "
		    "(see 'doorloop config list')\n", name);
		return EXIT_USAGE;
	}
	if (value != NULL && in != NULL) {
		alert_thresholds_default(&probe);
		v = strtol(value, &end, 10);
		if (end == value || *end != '\0' ||
		    alert_threshold_set(&probe, in->name, v) != 0) {
			fprintf(stderr, "doorloop: config: %s takes a whole number "
			    "from %d to %d (%s)\n", in->name, in->min, in->max,
			    in->unit);
			return EXIT_USAGE;
		}
	}

	err_init(&e);
	arena_init(&a);
	/* A change is audited, which needs the key; a list does not. */
	if ((in == NULL && st == NULL ? db_open(cli_db_url(db_opt), &db, &e) :
	    cli_open(db_opt, key_opt, &db, &e)) != 0)
		goto fail;
	if (in == NULL && st == NULL) {
		if (config_list(db, &a, &e) != 0)
			goto fail;
		rc = EXIT_OK;
		goto out;
	}
	if (st != NULL)
		snprintf(key, sizeof key, "%s", st->name);
	else
		snprintf(key, sizeof key, "threshold.%s", in->name);
	if (db_begin_write(db, &e) != 0)
		goto fail;
	cli_audit_entry(&en, value != NULL ? "config_set" : "config_unset",
	    "setting", key);
	en.purpose = value;	/* the new value; settings hold no personal data */
	if ((value != NULL ? store_setting_put(db, key, value, &e) :
	    store_setting_delete(db, key, &e)) != 0 ||
	    auth_audit_append(db, &en, &e) != 0 || db_commit(db, &e) != 0) {
		db_rollback(db);
		goto fail;
	}
	if (value != NULL && in != NULL)
		printf("%s = %ld\n", key, v);
	else if (value != NULL)
		printf("%s = %s\n", key, value);
	else
		printf("%s = %d (default)\n", key, st ? st->dflt : in->dflt);
	rc = EXIT_OK;
	goto out;
fail:
	rc = cli_fail(&e);
out:
	arena_cleanup(&a);
	return cli_close(db, rc);
}
