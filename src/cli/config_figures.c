/*
 * config_figures.c - the setting figures.min_cell of `doorloop config`:
 * the smallest count the municipality figures publish (core/suppress.h,
 * bounds SUP_MIN_CELL_MIN..SUP_MIN_CELL_MAX, default 5).  Read per request
 * by store_figures_min_cell, so every server process agrees at once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/suppress.h"
#include "store/figures.h"
#include "store/store.h"

#define NAME "figures.min_cell"

bool
config_figures_is(const char *name)
{
	return name != NULL && strcmp(name, NAME) == 0;
}

int
config_figures_list(struct db *db, struct arena *a, struct err *e)
{
	int k;

	if (store_figures_min_cell(db, a, &k, e) != 0)
		return -1;
	printf("%-34s %6d %8d  %d..%d %s\n", NAME, k, SUP_MIN_CELL_DEFAULT,
	    SUP_MIN_CELL_MIN, SUP_MIN_CELL_MAX, "girls");
	return 0;
}

/* set (value != NULL) or unset */
int
config_figures(const char *db_opt, const char *value)
{
	struct db *db = NULL;
	struct arena a;
	struct err e;
	char *end;
	long v = 0;
	int rc = EXIT_OK;

	if (value != NULL) {
		v = strtol(value, &end, 10);
		if (end == value || *end != '\0' || v < SUP_MIN_CELL_MIN ||
		    v > SUP_MIN_CELL_MAX) {
			fprintf(stderr, "doorloop: config: %s takes a whole "
			    "number from %d to %d\n", NAME, SUP_MIN_CELL_MIN,
			    SUP_MIN_CELL_MAX);
			return EXIT_USAGE;
		}
	}
	err_init(&e);
	arena_init(&a);
	if (db_open(cli_db_url(db_opt), &db, &e) != 0 ||
	    db_begin_write(db, &e) != 0 ||
	    (value != NULL ? store_setting_put(db, NAME, value, &e) :
	    store_setting_delete(db, NAME, &e)) != 0 ||
	    db_commit(db, &e) != 0) {
		if (db != NULL)
			db_rollback(db);
		rc = cli_fail(&e);
	} else if (value != NULL) {
		printf("%s = %ld\n", NAME, v);
	} else {
		printf("%s = %d (default)\n", NAME, SUP_MIN_CELL_DEFAULT);
	}
	if (db != NULL)
		db_close(db);
	arena_cleanup(&a);
	return rc;
}
