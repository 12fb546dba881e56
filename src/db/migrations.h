/*
 * migrations.h - the schema migrations embedded in the program
 * (generated from src/db/migrations/NNN_name.sql by
 * scripts/embed-migrations.sh), ascending by version.
 *
 * A migration is one SQL text both engines run.  What only one engine can
 * say (a PostgreSQL trigger in PL/pgSQL, a SQLite trigger with RAISE) lives
 * in a companion file NNN_name.pg.sql or NNN_name.sqlite.sql beside it; the
 * runner executes the companion of its engine right after the common text,
 * in the same transaction.  The companions must say the same rule in each
 * engine's words, so both engines refuse the same rows.
 */
#ifndef DOORLOOP_MIGRATIONS_H
#define DOORLOOP_MIGRATIONS_H

#include <stddef.h>

struct migration {
	int version;
	const char *name;
	const char *sql;
	const char *sql_pg;	/* NNN_name.pg.sql, or NULL */
	const char *sql_sqlite;	/* NNN_name.sqlite.sql, or NULL */
};

extern const struct migration db_migrations[];
extern const size_t db_nmigrations;

#endif
