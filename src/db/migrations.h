/*
 * migrations.h - the schema migrations embedded in the program
 * (generated from src/db/migrations/NNN_name.sql by
 * scripts/embed-migrations.sh), ascending by version.
 */
#ifndef DOORLOOP_MIGRATIONS_H
#define DOORLOOP_MIGRATIONS_H

#include <stddef.h>

struct migration {
	int version;
	const char *name;
	const char *sql;
};

extern const struct migration db_migrations[];
extern const size_t db_nmigrations;

#endif
