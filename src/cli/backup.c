/*
 * backup.c - doorloop backup FILE, doorloop restore FILE and doorloop
 * backup-key create.
 *
 * Owns: what a backup holds and how it is taken and put back.  A backup is
 * the whole database (SQLite: the online backup API, while serve keeps
 * writing; PostgreSQL: pg_dump) plus the installation key file's bytes,
 * sealed with the backup key (crypto/backup.h) into one file written as
 * FILE.part and renamed when complete.  The metadata names the engine, the
 * schema version and the time.
 *
 * Restore checks the whole file (every chunk authenticated) before it
 * touches anything, refuses a target that holds users or clients unless
 * --force, puts the installation key in place (an existing different one
 * is kept as KEY.before-restore), replaces the database in one step
 * (SQLite: the backup API into the target; PostgreSQL: pg_restore in one
 * transaction), applies the migrations this doorloop has beyond the
 * backup's, and starts a new audit checkpoint file at the restored head
 * (the old one kept as PATH.before-restore).
 *
 * Invariants:
 *   1. The backup key is never the installation key (same file or same
 *      bytes): refused, exit 2.
 *   2. A wrong backup key, a damaged or truncated file, a backup of the
 *      other engine and a non-empty target without --force are refused
 *      with exit 2 before the target changes.
 *   3. Plain copies of the database made on the way (SQLite only) live in
 *      mode 0600 files beside the backup or the target and are removed on
 *      every path.
 *
 * Must never: print a key, the database URL, or anything on stdout.
 */
#include "cli/cli.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "auth/auth.h"
#include "crypto/backup.h"
#include "crypto/crypto.h"
#include "db/db.h"
#include "db/migrations.h"
#include "util/id.h"

#define KEY_FILE_MAX 65536	/* the installation key file, read as bytes */
#define META_FORMAT "doorloop-backup 1\n"

struct backup_meta {
	char engine[16];
	int schema;
	char created[40];
	unsigned char *key;	/* the installation key file's bytes */
	size_t key_len;
};

/* The option lines of the three usage texts: --db and --key-file unless
 * for backup-key, --force for restore. */
static int
backup_usage_options(FILE *f, bool db, bool force)
{
	fprintf(f, "  --backup-key PATH  backup key file (DOORLOOP_BACKUP_KEY_FILE; no default)\n");
	if (db)
		fprintf(f, "  --db URL           database (DOORLOOP_DB, default %s)\n"
		    "  --key-file PATH    installation key file (DOORLOOP_KEY_FILE, default %s)\n",
		    CLI_DEFAULT_DB, CLI_DEFAULT_KEY);
	if (force)
		fprintf(f, "  --force            replace a database that holds data\n");
	return f == stdout ? EXIT_OK : EXIT_USAGE;
}

static int
restore_usage(FILE *f)
{
	fprintf(f, "usage: doorloop restore [--db URL] [--key-file PATH] "
	    "[--backup-key PATH] [--force] FILE\n\n"
	    "Check the backup FILE completely, then replace the database with it\n"
	    "and put its installation key at the key file (a different key there\n"
	    "is kept as PATH.before-restore).  Stop doorloop serve first.  A target\n"
	    "that holds users or clients is replaced only with --force.\n\n");
	return backup_usage_options(f, true, true);
}

static int
backup_key_usage(FILE *f)
{
	fprintf(f, "usage: doorloop backup-key create [--backup-key PATH]\n\n"
	    "Create a backup key file (mode 0600; never overwritten).  Keep it\n"
	    "apart from the database and from the backups, and a copy off this\n"
	    "machine: without it no backup can be restored.\n\n");
	return backup_usage_options(f, false, false);
}

static int
backup_usage(FILE *f)
{
	fprintf(f, "usage: doorloop backup [--db URL] [--key-file PATH] "
	    "[--backup-key PATH] FILE\n\n"
	    "Write an encrypted backup of the database and the installation key\n"
	    "to FILE (refused if it exists), while doorloop serve keeps running.\n"
	    "SQLite is copied with its online backup API; PostgreSQL with pg_dump\n"
	    "(package postgresql-client).\n\n");
	return backup_usage_options(f, true, false);
}

/* --force: restore's flag; for backup and backup-key bad usage where it
 * stands. */
struct force_opt {
	bool *force;	/* NULL: refused */
	cli_usage_fn *usage;
};

static int
force_take(const struct cli_opt *o, const char *arg)
{
	const struct force_opt *fo = o->to;

	if (fo->force == NULL) {
		fo->usage(stderr);
		return -1;
	}
	*fo->force = true;
	return 0;
}

/* Options of the three commands; returns -1 to go on, else an exit code. */
static int
backup_options(int argc, char **argv, int operands, const char **db,
    const char **key, const char **bkey, bool *force)
{
	bool restore = strcmp(argv[0], "restore") == 0;
	struct force_opt fo = { restore ? force : NULL, restore ? restore_usage :
	    strcmp(argv[0], "backup-key") == 0 ? backup_key_usage :
	    backup_usage };
	const struct cli_opt opts[] = {
		CLI_OPT_STR("backup-key", bkey),
		{ "force", &fo, true, force_take, 0, 0 },
		CLI_DB_OPTS(db, key)
	};
	const char *s;
	int rc;

	if ((rc = cli_options(argc, argv, opts, operands, fo.usage)) >= 0)
		return rc;
	if (*bkey == NULL && (s = getenv("DOORLOOP_BACKUP_KEY_FILE")) != NULL &&
	    *s != '\0')
		*bkey = s;
	if (*bkey == NULL) {
		fprintf(stderr, "doorloop: no backup key: give --backup-key PATH or "
		    "set DOORLOOP_BACKUP_KEY_FILE (doorloop backup-key create makes one)\n");
		return EXIT_USAGE;
	}
	return -1;
}

/* The whole of a small file; ERR_IO when it cannot be read. */
static int
read_small(const char *path, unsigned char **out, size_t *len, struct err *e)
{
	unsigned char *buf;
	size_t got = 0;
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0)
		return err_set(e, ERR_IO, "key_file", "cannot open %s: %s", path,
		    strerror(errno));
	if ((buf = sodium_malloc(KEY_FILE_MAX)) == NULL) {
		close(fd);
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	}
	while (got < KEY_FILE_MAX &&
	    ((n = read(fd, buf + got, KEY_FILE_MAX - got)) > 0 ||
	    (n < 0 && errno == EINTR)))
		got += n > 0 ? (size_t)n : 0;
	close(fd);
	if (got == 0 || got == KEY_FILE_MAX) {
		sodium_free(buf);
		return err_set(e, ERR_IO, "key_file", "%s is empty or too long",
		    path);
	}
	*out = buf;
	*len = got;
	return 0;
}

/* Whether a and b are the same file. */
static bool
same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	    sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Load the backup key; refuse the installation key in its place. */
static int
backup_key_load(const char *bkey, const char *key,
    unsigned char k[CRYPTO_BACKUP_KEY_BYTES], struct err *e)
{
	unsigned char *a = NULL, *b = NULL;
	size_t alen, blen;
	bool same;

	if (same_file(bkey, key))
		return err_set(e, ERR_INVALID, "backup_key", "the backup key must "
		    "be a key of its own, not the installation key file %s", key);
	if (crypto_backup_key_read(bkey, k, e) == -1)
		return -1;
	if (access(key, F_OK) != 0)
		return 0;
	if (read_small(bkey, &a, &alen, e) == -1 ||
	    read_small(key, &b, &blen, e) == -1) {
		if (a != NULL)
			sodium_free(a);
		return -1;
	}
	same = alen == blen && sodium_memcmp(a, b, alen) == 0;
	sodium_free(a);
	sodium_free(b);
	if (same)
		return err_set(e, ERR_INVALID, "backup_key", "the backup key must "
		    "be a key of its own, not a copy of the installation key");
	return 0;
}

static bool
is_sqlite(const char *url)
{
	return strncmp(url, "sqlite:", 7) == 0;
}

/* fsync the directory that holds path. */
static void
sync_dir(const char *path)
{
	char buf[PATH_MAX];
	int fd;

	snprintf(buf, sizeof buf, "%s", path);
	if ((fd = open(dirname(buf), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* A new mode 0600 file beside path: "<path>.<what>.XXXXXX". */
static int
temp_beside(const char *path, const char *what, char out[PATH_MAX],
    struct err *e)
{
	int fd;

	if ((size_t)snprintf(out, PATH_MAX, "%s.%s.XXXXXX", path, what) >=
	    PATH_MAX)
		return err_set(e, ERR_INVALID, "", "path too long: %s", path);
	if ((fd = mkostemp(out, O_CLOEXEC)) < 0)
		return err_set(e, ERR_IO, "", "cannot create a file beside %s: %s",
		    path, strerror(errno));
	return fd;
}

/* Remove a SQLite file and what SQLite may have left beside it. */
static void
unlink_sqlite(const char *path)
{
	static const char *const ext[] = { "", "-wal", "-shm", "-journal" };
	char buf[PATH_MAX + 16];
	size_t i;

	for (i = 0; i < sizeof ext / sizeof ext[0]; i++) {
		snprintf(buf, sizeof buf, "%s%s", path, ext[i]);
		unlink(buf);
	}
}

/* The metadata text of a backup. */
static char *
meta_text(const char *engine, int schema, const unsigned char *key,
    size_t key_len)
{
	char created[INSTANT_LEN + 1], *hex, *text;
	size_t hexlen = key_len * 2 + 1, len;

	instant_now(created);
	if ((hex = sodium_malloc(hexlen)) == NULL)
		return NULL;
	sodium_bin2hex(hex, hexlen, key, key_len);
	len = strlen(META_FORMAT) + hexlen + 256;
	if ((text = sodium_malloc(len)) != NULL)
		snprintf(text, len, META_FORMAT "engine %s\nschema %d\n"
		    "created %s\ninstallation-key %s\n", engine, schema, created,
		    hex);
	sodium_free(hex);
	return text;
}

static int
meta_parse(char *text, struct backup_meta *m, struct err *e)
{
	char *line, *save = NULL, *v;
	size_t hexlen, binlen;

	memset(m, 0, sizeof *m);
	if (strncmp(text, META_FORMAT, strlen(META_FORMAT)) != 0)
		return err_set(e, ERR_INVALID, NULL,
		    "the backup's contents are of an unknown format");
	for (line = strtok_r(text + strlen(META_FORMAT), "\n", &save);
	    line != NULL; line = strtok_r(NULL, "\n", &save)) {
		if ((v = strchr(line, ' ')) == NULL)
			continue;
		*v++ = '\0';
		if (strcmp(line, "engine") == 0)
			snprintf(m->engine, sizeof m->engine, "%s", v);
		else if (strcmp(line, "schema") == 0)
			m->schema = atoi(v);
		else if (strcmp(line, "created") == 0)
			snprintf(m->created, sizeof m->created, "%s", v);
		else if (strcmp(line, "installation-key") == 0 &&
		    (hexlen = strlen(v)) > 0 && hexlen % 2 == 0 &&
		    (m->key = sodium_malloc(hexlen / 2)) != NULL &&
		    sodium_hex2bin(m->key, hexlen / 2, v, hexlen, NULL, &binlen,
		    NULL) == 0)
			m->key_len = binlen;
	}
	if ((strcmp(m->engine, "sqlite") != 0 &&
	    strcmp(m->engine, "postgres") != 0) || m->schema <= 0 ||
	    m->key_len == 0)
		return err_set(e, ERR_INVALID, NULL,
		    "the backup's metadata is incomplete");
	return 0;
}

/* Wait for the pg_dump or psql child of a backup or restore, if there is
 * one (*pid > 0), and forget it.  Its failure is reported in e only when
 * nothing failed before (rc 0).  Returns rc, or -1 when the child failed. */
static int
tool_end(pid_t *pid, bool restore, int rc, struct err *e)
{
	struct err ignored;

	err_init(&ignored);
	if (*pid > 0 && db_pg_tool_wait(*pid, restore, rc == 0 ? e : &ignored) ==
	    -1)
		rc = -1;
	*pid = -1;
	return rc;
}

/* Whether the key file no longer holds the bytes read before the copy: a
 * key rotation or retirement ran meanwhile, and the copy may name a key
 * the sealed key file lacks (or the other way round). */
static bool
key_changed(const char *key, const unsigned char *before, size_t len,
    struct err *e)
{
	unsigned char *now = NULL;
	size_t now_len = 0;
	bool changed;

	if (read_small(key, &now, &now_len, e) == -1)
		return true;
	changed = now_len != len || sodium_memcmp(now, before, len) != 0;
	sodium_free(now);
	if (changed)
		err_set(e, ERR_IO, "key_file", "the installation key file changed "
		    "while the backup was taken (a key rotation?); take the "
		    "backup again");
	return changed;
}

/* doorloop backup FILE */
static int
backup_take(const char *url, const char *key, const unsigned char *bk,
    const char *file, struct err *e)
{
	char part[PATH_MAX] = "", tmp[PATH_MAX] = "", *meta = NULL;
	unsigned char *ikey = NULL;
	size_t ikey_len = 0;
	struct db *db = NULL;
	struct stat st;
	int version = 0, out = -1, in = -1, rc = -1;
	pid_t pid = -1;

	if (lstat(file, &st) == 0)
		return err_set(e, ERR_INVALID, "", "%s exists; a backup never "
		    "overwrites a file", file);
	if (read_small(key, &ikey, &ikey_len, e) == -1)
		return -1;
	if (db_open(url, &db, e) == -1 ||
	    db_schema_version(db, &version, e) == -1)
		goto out;
	db_close(db);
	db = NULL;
	if (version <= 0) {
		err_set(e, ERR_INVALID, "", "the database has no schema; "
		    "nothing to back up");
		goto out;
	}
	if ((meta = meta_text(is_sqlite(url) ? "sqlite" : "postgres", version,
	    ikey, ikey_len)) == NULL) {
		err_set(e, ERR_INTERNAL, NULL, "out of memory");
		goto out;
	}
	snprintf(part, sizeof part, "%s.part", file);
	if ((out = open(part, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0) {
		err_set(e, ERR_IO, "", "cannot create %s: %s", part,
		    strerror(errno));
		goto out;
	}
	if (is_sqlite(url)) {
		if ((in = temp_beside(file, "db", tmp, e)) == -1)
			goto out;
		close(in);
		in = -1;
		if (db_sqlite_copy(url + 7, tmp, e) == -1)
			goto out;
		if ((in = open(tmp, O_RDONLY | O_CLOEXEC)) < 0) {
			err_set(e, ERR_IO, "", "cannot open %s: %s", tmp,
			    strerror(errno));
			goto out;
		}
		unlink_sqlite(tmp);
		tmp[0] = '\0';
	} else if (db_pg_tool_start(url, false, &in, &pid, e) == -1)
		goto out;
	rc = crypto_backup_seal(in, out, bk, meta, strlen(meta), e);
	close(in);
	in = -1;
	rc = tool_end(&pid, false, rc, e);
	if (rc == 0 && key_changed(key, ikey, ikey_len, e))
		rc = -1;
	if (rc == 0 && (fsync(out) != 0 || fstat(out, &st) != 0))
		rc = err_set(e, ERR_IO, "", "cannot write %s: %s", part,
		    strerror(errno));
	if (rc == 0 && close(out) != 0)
		rc = err_set(e, ERR_IO, "", "cannot write %s: %s", part,
		    strerror(errno));
	out = -1;
	if (rc == 0 && rename(part, file) != 0)
		rc = err_set(e, ERR_IO, "", "cannot rename %s: %s", part,
		    strerror(errno));
	if (rc == 0) {
		sync_dir(file);
		fprintf(stderr, "doorloop: backup written to %s (%s, schema %d, "
		    "%lld bytes)\n", file, is_sqlite(url) ? "SQLite" :
		    "PostgreSQL", version, (long long)st.st_size);
	}
out:
	if (in >= 0)
		close(in);
	tool_end(&pid, false, -1, e);
	if (out >= 0)
		close(out);
	if (rc != 0 && part[0] != '\0')
		unlink(part);
	if (tmp[0] != '\0')
		unlink_sqlite(tmp);
	if (db != NULL)
		db_close(db);
	if (meta != NULL)
		sodium_free(meta);
	if (ikey != NULL)
		sodium_free(ikey);
	return rc;
}

/* Whether the target holds data: *users and *clients (0 without schema). */
static int
target_counts(const char *url, long *users, long *clients, struct err *e)
{
	struct db *db = NULL;
	struct db_stmt *st = NULL;
	int version = 0, rc = -1;

	*users = *clients = 0;
	if (db_open(url, &db, e) == -1 ||
	    db_schema_version(db, &version, e) == -1)
		goto out;
	if (version > 0) {
		if (db_prepare(db, "SELECT (SELECT COUNT(*) FROM app_user), "
		    "(SELECT COUNT(*) FROM client)", &st, e) == -1 ||
		    db_step(st, e) != 1)
			goto out;
		*users = (long)db_col_int64(st, 0);
		*clients = (long)db_col_int64(st, 1);
	}
	rc = 0;
out:
	db_finalize(st);
	if (db != NULL)
		db_close(db);
	return rc;
}

/* Keep what is at path as PATH.before-restore (into aside, PATH_MAX + 16
 * bytes): a link when the original stays (keep), else a rename.  Refused
 * when an earlier restore left one there; errors name field. */
static int
keep_aside(const char *path, bool keep, const char *field, char *aside,
    struct err *e)
{
	snprintf(aside, PATH_MAX + 16, "%s.before-restore", path);
	if (access(aside, F_OK) == 0)
		return err_set(e, ERR_INVALID, field, "%s exists from an earlier "
		    "restore; move it somewhere safe first", aside);
	if ((keep ? link(path, aside) : rename(path, aside)) != 0)
		return err_set(e, ERR_IO, field, "cannot keep %s as %s: %s", path,
		    aside, strerror(errno));
	return 0;
}

/* Put the backup's installation key at key (atomically); a different key
 * already there is kept as key.before-restore. */
static int
restore_key(const char *key, const struct backup_meta *m, struct err *e)
{
	char tmp[PATH_MAX], aside[PATH_MAX + 16];
	unsigned char *cur = NULL;
	size_t cur_len = 0;
	ssize_t w;
	int fd;

	if (access(key, F_OK) == 0) {
		if (read_small(key, &cur, &cur_len, e) == -1)
			return -1;
		if (cur_len == m->key_len &&
		    sodium_memcmp(cur, m->key, cur_len) == 0) {
			sodium_free(cur);
			return 0;
		}
		sodium_free(cur);
		if (keep_aside(key, true, "key_file", aside, e) != 0)
			return -1;
		fprintf(stderr, "doorloop: the installation key that was at %s "
		    "is kept as %s\n", key, aside);
	}
	if ((fd = temp_beside(key, "new", tmp, e)) == -1)
		return -1;
	w = write(fd, m->key, m->key_len);
	if (w != (ssize_t)m->key_len || fchmod(fd, 0600) != 0 ||
	    fsync(fd) != 0 || close(fd) != 0 || rename(tmp, key) != 0) {
		unlink(tmp);
		return err_set(e, ERR_IO, "key_file", "cannot write %s: %s", key,
		    strerror(errno));
	}
	sync_dir(key);
	return 0;
}

/*
 * The restored log is the one to vouch for from now on: its head is earlier
 * than what the old checkpoint file (audit_checkpoint.c) holds, which would
 * read as a cut log.  That file is kept aside as PATH.before-restore and a
 * first checkpoint of the restored head, signed with the restored key,
 * starts the new one.
 */
static int
restart_checkpoints(struct db *db, const char *url, const char *key,
    struct err *e)
{
	char path[PATH_MAX], aside[PATH_MAX + 16];

	snprintf(path, sizeof path, "%s", cli_checkpoint_file(url, key));
	if (access(path, F_OK) == 0) {
		if (keep_aside(path, false, "", aside, e) != 0)
			return -1;
		fprintf(stderr, "doorloop: the audit checkpoints of the "
		    "replaced log are kept as %s\n", aside);
	}
	if (auth_init(e) == -1 || crypto_key_load(key, e) == -1)
		return -1;
	auth_audit_checkpoint_path(path);
	return auth_audit_checkpoint(db, e);
}

/* doorloop restore FILE */
static int
backup_restore(const char *url, const char *key, const unsigned char *bk,
    const char *file, bool force, struct err *e)
{
	struct backup_meta m;
	char *meta = NULL, tmp[PATH_MAX] = "";
	long users = 0, clients = 0;
	struct db *db = NULL;
	int in = -1, out = -1, applied = 0, rc = -1;
	pid_t pid = -1;
	int latest = db_nmigrations > 0 ?
	    db_migrations[db_nmigrations - 1].version : 0;

	memset(&m, 0, sizeof m);
	if ((in = open(file, O_RDONLY | O_CLOEXEC)) < 0)
		return err_set(e, errno == ENOENT ? ERR_INVALID : ERR_IO, "",
		    "cannot open %s: %s", file, strerror(errno));
	/* First pass: every chunk authenticated, nothing written. */
	if (crypto_backup_open(in, -1, bk, &meta, e) == -1 ||
	    meta_parse(meta, &m, e) == -1)
		goto out;
	if (strcmp(m.engine, is_sqlite(url) ? "sqlite" : "postgres") != 0) {
		err_set(e, ERR_INVALID, "", "this is a backup of a %s database; "
		    "it restores only into %s", strcmp(m.engine, "sqlite") == 0 ?
		    "SQLite" : "PostgreSQL", strcmp(m.engine, "sqlite") == 0 ?
		    "SQLite" : "PostgreSQL");
		goto out;
	}
	if (m.schema > latest) {
		err_set(e, ERR_INVALID, "", "the backup has schema version %d; "
		    "this doorloop knows up to %d: restore it with a newer "
		    "doorloop", m.schema, latest);
		goto out;
	}
	if (target_counts(url, &users, &clients, e) == -1)
		goto out;
	if ((users > 0 || clients > 0) && !force) {
		err_set(e, ERR_INVALID, "", "the target database holds data "
		    "(%ld users, %ld clients); restore replaces it only with "
		    "--force", users, clients);
		goto out;
	}
	if (restore_key(key, &m, e) == -1)
		goto out;
	if (lseek(in, 0, SEEK_SET) != 0) {
		err_set(e, ERR_IO, "", "cannot read %s again: %s", file,
		    strerror(errno));
		goto out;
	}
	free(meta);
	meta = NULL;
	/* Second pass: the data into the target. */
	if (is_sqlite(url)) {
		if ((out = temp_beside(url + 7, "restore", tmp, e)) == -1 ||
		    crypto_backup_open(in, out, bk, &meta, e) == -1)
			goto out;
		if (fsync(out) != 0 || close(out) != 0) {
			out = -1;
			err_set(e, ERR_IO, "", "cannot write %s: %s", tmp,
			    strerror(errno));
			goto out;
		}
		out = -1;
		if (db_sqlite_copy(tmp, url + 7, e) == -1)
			goto out;
	} else {
		if (db_pg_tool_start(url, true, &out, &pid, e) == -1)
			goto out;
		rc = crypto_backup_open(in, out, bk, &meta, e);
		close(out);
		out = -1;
		rc = tool_end(&pid, true, rc, e);
		if (rc == -1)
			goto out;
		rc = -1;
	}
	if (db_open(url, &db, e) == -1 || db_migrate(db, &applied, e) == -1 ||
	    restart_checkpoints(db, url, key, e) == -1)
		goto out;
	fprintf(stderr, "doorloop: restored %s (%s, schema %d, made %s); "
	    "%d migration%s applied\n", file, is_sqlite(url) ? "SQLite" :
	    "PostgreSQL", m.schema, m.created, applied, applied == 1 ? "" : "s");
	rc = 0;
out:
	tool_end(&pid, true, -1, e);
	if (out >= 0)
		close(out);
	if (in >= 0)
		close(in);
	if (tmp[0] != '\0')
		unlink_sqlite(tmp);
	if (db != NULL)
		db_close(db);
	free(meta);
	if (m.key != NULL)
		sodium_free(m.key);
	return rc;
}

/* backup FILE and restore FILE: argv[0] tells which. */
int
cli_backup(int argc, char **argv)
{
	const char *db_opt = NULL, *key_opt = NULL, *bkey = NULL;
	unsigned char bk[CRYPTO_BACKUP_KEY_BYTES];
	bool force = false;
	struct err e;
	int rc;

	err_init(&e);
	if ((rc = backup_options(argc, argv, 1, &db_opt, &key_opt, &bkey,
	    &force)) != -1)
		return rc;
	if (backup_key_load(bkey, cli_key_file(key_opt), bk, &e) == -1)
		return cli_fail(&e);
	if (strcmp(argv[0], "restore") == 0)
		rc = backup_restore(cli_db_url(db_opt), cli_key_file(key_opt), bk,
		    argv[optind], force, &e);
	else
		rc = backup_take(cli_db_url(db_opt), cli_key_file(key_opt), bk,
		    argv[optind], &e);
	sodium_memzero(bk, sizeof bk);
	return rc == -1 ? cli_fail(&e) : EXIT_OK;
}

/* backup-key create */
int
cli_backup_key(int argc, char **argv)
{
	const char *db_opt = NULL, *key_opt = NULL, *bkey = NULL;
	bool force = false;
	struct err e;
	int rc;

	err_init(&e);
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0))
		return backup_key_usage(stdout);
	if (argc < 2 || strcmp(argv[1], "create") != 0)
		return backup_key_usage(stderr);
	/* The options after "create"; it takes no operand. */
	argv[1] = argv[0];
	if ((rc = backup_options(argc - 1, argv + 1, 0, &db_opt, &key_opt,
	    &bkey, &force)) != -1)
		return rc;
	if (crypto_key_create(bkey, &e) == -1)
		return cli_fail(&e);
	fprintf(stderr, "doorloop: created backup key file %s; keep a copy "
	    "apart from the database and the backups\n", bkey);
	return EXIT_OK;
}
