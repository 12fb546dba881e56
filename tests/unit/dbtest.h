/*
 * dbtest.h - the database a store or auth unit test runs against: the URL
 * in DOORLOOP_TEST_DB (scripts/test.sh sets SQLite and PostgreSQL in turn),
 * else a SQLite file in a fresh temporary directory; a new installation key
 * in that directory, loaded; every migration applied.
 */
#ifndef DOORLOOP_TEST_DBTEST_H
#define DOORLOOP_TEST_DBTEST_H

#include <stdio.h>
#include <stdlib.h>

#include "auth/auth.h"
#include "crypto/crypto.h"
#include "db/db.h"
#include "util/err.h"

#define DBTEST_URL_MAX 512

/* tmpdir: a mkdtemp template ("/tmp/doorloop-x-XXXXXX"), filled in; url
 * (DBTEST_URL_MAX bytes, or NULL) receives the database's URL, for tests
 * that open more connections. */
static inline int
dbtest_open(char *tmpdir, char *url_out, struct db **db, struct err *e)
{
	const char *env = getenv("DOORLOOP_TEST_DB");
	char url[DBTEST_URL_MAX], key[300];
	int applied = 0;

	if (mkdtemp(tmpdir) == NULL)
		return err_set(e, ERR_INTERNAL, "", "mkdtemp %s failed", tmpdir);
	if (env != NULL && *env != '\0')
		snprintf(url, sizeof url, "%s", env);
	else
		snprintf(url, sizeof url, "sqlite:%s/test.db", tmpdir);
	snprintf(key, sizeof key, "%s/test.key", tmpdir);
	if (url_out != NULL)
		snprintf(url_out, DBTEST_URL_MAX, "%s", url);
	if (auth_init(e) != 0 || crypto_key_create(key, e) != 0 ||
	    crypto_key_load(key, e) != 0 || db_open(url, db, e) != 0 ||
	    db_migrate(*db, &applied, e) != 0)
		return -1;
	return 0;
}

#endif
