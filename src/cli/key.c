/*
 * key.c - `doorloop key rotate | status | retire ID`: the installation's
 * keys over its life (issue 15; docs/OPERATIONS.md "Key rotation").
 *
 *   rotate   adds a key to the key file (the new current key), then, while
 *            serve keeps answering, re-keys the keyed identity hashes (one
 *            transaction per family) and re-encrypts every encrypted
 *            column in batches of small transactions.  --continue does the
 *            second part only, for a rotation that was interrupted.
 *   status   the keys of the key file and the rows naming each.
 *   retire   removes a key from the key file, refused while a row names it.
 *
 * A running serve re-reads the key file when it changes (one stat per
 * request), so it encrypts with the new key from its next request on; the
 * rotation waits a moment after writing the file before it touches a row.
 * Each rotation and retirement is audited ("key_rotate", "key_retire";
 * object the key's id, nothing else).
 *
 * Exit 0 done, 1 failure, 2 bad usage, an unknown key, the current key, or
 * a key still in use.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth/auth.h"
#include "cli/cli.h"
#include "crypto/crypto.h"
#include "db/db.h"
#include "store/rekey.h"

#define BATCH_DEFAULT 200
#define BATCH_MAX 10000
#define SETTLE_MS 1500	/* serve's requests in flight finish with the old key */

static int
key_usage(FILE *f)
{
	fprintf(f, "usage: doorloop key rotate [--continue] [--batch N] [--db URL] [--key-file PATH]\n"
	    "       doorloop key status [--db URL] [--key-file PATH]\n"
	    "       doorloop key retire ID [--db URL] [--key-file PATH]\n\n"
	    "rotate  add a new key to the key file and make it current, then re-key\n"
	    "        the identity hashes and re-encrypt every encrypted field under it,\n"
	    "        in batches of N rows (default %d), each its own transaction, while\n"
	    "        doorloop serve keeps answering (it picks up the new key file at\n"
	    "        its next request).  --continue re-encrypts what still names an\n"
	    "        older key without adding one (after an interrupted rotation).\n"
	    "status  the keys of the key file and how many rows name each.\n"
	    "retire  remove key ID from the key file once no row names it (refused\n"
	    "        while any does, and for the current key).  Keep a copy of the\n"
	    "        old key file as long as you keep backups made before the\n"
	    "        rotation: restoring one needs it (docs/OPERATIONS.md).\n\n"
	    "  --db URL        database (DOORLOOP_DB, default %s)\n"
	    "  --key-file PATH key file (DOORLOOP_KEY_FILE, default %s)\n\n"
	    "Every rotation and retirement is written to the audit log.\n"
	    "Exit codes: 0 done, 1 failure, 2 bad usage, an unknown or current key,\n"
	    "or a key still in use.\n", BATCH_DEFAULT, CLI_DEFAULT_DB,
	    CLI_DEFAULT_KEY);
	return f == stdout ? EXIT_OK : EXIT_USAGE;
}

/* One audit entry of a key act, in its own transaction. */
static int
key_audit(struct db *db, const char *action, int id, const char *what,
    struct err *e)
{
	struct audit_entry en;
	char obj[16];

	snprintf(obj, sizeof obj, "%d", id);
	memset(&en, 0, sizeof en);
	en.action = action;
	en.object_type = "key";
	en.object_id = obj;
	en.purpose = what;	/* counts only: keys hold no personal data */
	en.outcome = "ok";
	en.remote_addr = "local:cli";
	if (db_begin_write(db, e) != 0)
		return -1;
	if (auth_audit_append(db, &en, e) != 0 || db_commit(db, e) != 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

/* Rows naming each key id, summed over every place; per place in
 * per[place][id] when per is not NULL. */
static int
key_counts(struct db *db, int64_t total[256], int64_t (*per)[256],
    struct err *e)
{
	struct arena a;
	int rc = 0;

	memset(total, 0, 256 * sizeof total[0]);
	arena_init(&a);
	for (size_t i = 0; i < rekey_nplaces && rc == 0; i++) {
		int64_t c[256] = { 0 };

		rc = store_rekey_count(db, &a, &rekey_places[i], c, e);
		for (int k = 0; k < 256; k++) {
			total[k] += c[k];
			if (per != NULL)
				per[i][k] = c[k];
		}
	}
	arena_cleanup(&a);
	return rc;
}

static int
key_status(struct db *db, struct err *e)
{
	int64_t total[256], (*per)[256] = calloc(rekey_nplaces, sizeof *per);
	int ids[CRYPTO_MAX_KEYS];
	size_t n = crypto_key_ids(ids);
	bool in_file[256] = { false };
	int rc = -1;

	if (per == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if (key_counts(db, total, per, e) != 0)
		goto out;
	for (size_t i = 0; i < n; i++)
		in_file[ids[i]] = true;
	for (int k = 255; k >= 0; k--) {
		if (!in_file[k] && total[k] == 0)
			continue;
		printf("key %d%s: %lld rows\n", k, k == ids[0] ? " (current)" :
		    in_file[k] ? "" : " (not in the key file)",
		    (long long)total[k]);
		for (size_t p = 0; p < rekey_nplaces; p++)
			if (per[p][k] > 0)
				printf("  %s.%s: %lld\n", rekey_places[p].table,
				    rekey_places[p].column, (long long)per[p][k]);
	}
	rc = 0;
out:
	free(per);
	return rc;
}

/* Re-key the hashes, then re-encrypt every place in batches. */
static int
key_reencrypt(struct db *db, int batch, int64_t *values, int64_t *hashes,
    struct err *e)
{
	int64_t found, done, again = 0;

	*values = *hashes = 0;
	if (store_rekey_hashes(db, hashes, e) != 0)
		return -1;
	for (size_t i = 0; i < rekey_nplaces; i++) {
		if (strcmp(rekey_places[i].column, "hash_key_id") == 0)
			continue;	/* store_rekey_hashes did these */
		do {
			if (store_rekey_batch(db, &rekey_places[i], batch,
			    &found, &done, e) != 0)
				return -1;
			*values += done;
		} while (found > 0);
	}
	/* A row a request wrote with the old key just before it saw the new
	 * key file is re-keyed here. */
	if (store_rekey_hashes(db, &again, e) != 0)
		return -1;
	*hashes += again;
	return 0;
}

/* A whole number from 1 to max, or -1. */
static int
parse_num(const char *s, long max, int *out)
{
	char *end = NULL;
	long v = strtol(s, &end, 10);

	if (end == s || *end != '\0' || v < 1 || v > max)
		return -1;
	*out = (int)v;
	return 0;
}

static int
key_retire(struct db *db, const char *key_file, int id, struct err *e)
{
	int64_t total[256], (*per)[256] = calloc(rekey_nplaces, sizeof *per);
	int ids[CRYPTO_MAX_KEYS];
	size_t n = crypto_key_ids(ids);
	bool known = false;
	int rc = -1;

	if (per == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	for (size_t i = 0; i < n; i++)
		known = known || ids[i] == id;
	if (!known) {
		err_set(e, ERR_INVALID, "id", "the key file holds no key %d "
		    "(doorloop key status lists the keys)", id);
		goto out;
	}
	if (id == ids[0]) {
		err_set(e, ERR_INVALID, "id", "key %d is the current key; "
		    "doorloop key rotate makes a new one first", id);
		goto out;
	}
	if (key_counts(db, total, per, e) != 0)
		goto out;
	if (total[id] > 0) {
		char msg[512];
		size_t off = 0;

		for (size_t p = 0; p < rekey_nplaces && off < sizeof msg - 64;
		    p++)
			if (per[p][id] > 0)
				off += (size_t)snprintf(msg + off, sizeof msg - off,
				    "%s%s.%s %lld", off ? ", " : "",
				    rekey_places[p].table, rekey_places[p].column,
				    (long long)per[p][id]);
		err_set(e, ERR_INVALID, "id", "key %d is still named by %lld "
		    "rows (%s); doorloop key rotate --continue re-encrypts them "
		    "(codes of open climate rounds and unused invitations wait "
		    "until they close or expire)", id, (long long)total[id], msg);
		goto out;
	}
	if (crypto_key_remove(key_file, id, e) != 0) {
		if (e->code == ERR_NOT_FOUND)
			e->code = ERR_INVALID;
		goto out;
	}
	if (key_audit(db, "key_retire", id, NULL, e) != 0)
		goto out;
	fprintf(stderr, "doorloop: key %d removed from %s\n", id, key_file);
	rc = 0;
out:
	free(per);
	return rc;
}

/* Take --continue and --batch N out of argv[2..] into rest (rest[0] the
 * verb), leaving what cli_db_options parses; -1 for a bad --batch. */
static int
key_options(int argc, char **argv, char **rest, int *nrest, bool *cont,
    int *batch)
{
	*nrest = 0;
	rest[(*nrest)++] = argv[1];
	for (int i = 2; i < argc; i++) {
		const char *v = NULL;

		if (strcmp(argv[i], "--continue") == 0)
			*cont = true;
		else if (strcmp(argv[i], "--batch") == 0 && i + 1 < argc)
			v = argv[++i];
		else if (strncmp(argv[i], "--batch=", 8) == 0)
			v = argv[i] + 8;
		else
			rest[(*nrest)++] = argv[i];
		if (v != NULL && parse_num(v, BATCH_MAX, batch) != 0) {
			fprintf(stderr, "doorloop: key: --batch takes a number "
			    "from 1 to %d\n", BATCH_MAX);
			return -1;
		}
	}
	rest[*nrest] = NULL;
	return 0;
}

struct key_args {
	const char *verb, *key_file;
	int id, batch;
	bool cont;		/* rotate: re-encrypt under the current key */
};

static int
key_run(struct db *db, void *ctx, struct err *e)
{
	struct key_args *p = ctx;
	int64_t values = 0, hashes = 0;
	char what[96];
	int id = p->id;

	if (strcmp(p->verb, "status") == 0)
		return key_status(db, e) != 0 ? -1 : EXIT_OK;
	if (strcmp(p->verb, "retire") == 0)
		return key_retire(db, p->key_file, id, e) != 0 ? -1 : EXIT_OK;
	if (!p->cont) {
		if (crypto_key_add(p->key_file, &id, e) != 0 ||
		    key_audit(db, "key_rotate", id, NULL, e) != 0)
			return -1;
		fprintf(stderr, "doorloop: key %d added to %s and current; "
		    "re-encrypting\n", id, p->key_file);
		usleep(SETTLE_MS * 1000);
	}
	id = crypto_key_current();
	if (key_reencrypt(db, p->batch, &values, &hashes, e) != 0)
		return -1;
	snprintf(what, sizeof what, "%lld values re-encrypted, %lld "
	    "hashes re-keyed", (long long)values, (long long)hashes);
	if (key_audit(db, "key_reencrypt", id, what, e) != 0)
		return -1;
	printf("key %d is current: %s\n", id, what);
	return EXIT_OK;
}

int
cli_key(int argc, char **argv)
{
	const char *db_opt = NULL, *key_opt = NULL, *verb;
	struct key_args p = { .batch = BATCH_DEFAULT };
	char **rest;
	int nargs, nrest = 0;

	if (argc < 2)
		return key_usage(stderr);
	verb = argv[1];
	if (strcmp(verb, "--help") == 0 || strcmp(verb, "-h") == 0)
		return key_usage(stdout);
	rest = calloc((size_t)argc + 1, sizeof *rest);
	if (rest == NULL || key_options(argc, argv, rest, &nrest, &p.cont,
	    &p.batch) != 0) {
		free(rest);
		return EXIT_USAGE;
	}
	switch (cli_db_options(nrest, rest, true, true, &db_opt, &key_opt)) {
	case CLI_OPTS_HELP:
		free(rest);
		return key_usage(stdout);
	case CLI_OPTS_BAD:
		free(rest);
		return key_usage(stderr);
	}
	nargs = nrest - optind;
	if (strcmp(verb, "retire") == 0 && nargs == 1 &&
	    parse_num(rest[optind], CRYPTO_KEY_ID_MAX, &p.id) != 0) {
		fprintf(stderr, "doorloop: key retire: '%s' is no key id (1 to "
		    "%d)\n", rest[optind], CRYPTO_KEY_ID_MAX);
		free(rest);
		return EXIT_USAGE;
	}
	free(rest);
	if ((strcmp(verb, "retire") == 0 && nargs != 1) ||
	    (strcmp(verb, "retire") != 0 && nargs != 0) ||
	    (strcmp(verb, "rotate") != 0 && strcmp(verb, "status") != 0 &&
	    strcmp(verb, "retire") != 0) ||
	    (p.cont && strcmp(verb, "rotate") != 0))
		return key_usage(stderr);
	p.verb = verb;
	p.key_file = cli_key_file(key_opt);
	return cli_run(db_opt, key_opt, key_run, &p);
}
