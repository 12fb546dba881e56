/*
 * backup.c - copying a whole database out and back in, for doorloop backup
 * and restore (src/cli/backup.c).
 *
 * Owns: SQLite's online backup API (a consistent copy of a database file
 * while a server keeps writing to it: the copy is one read transaction,
 * which in WAL mode never blocks a writer) and the PostgreSQL client tools
 * pg_dump and pg_restore run as children on a pipe.
 *
 * Invariants:
 *   1. db_sqlite_copy copies in one step (-1): a copy in several steps is
 *      restarted by every write of another connection and might never end
 *      under load.
 *   2. pg_restore runs in one transaction (--single-transaction,
 *      --exit-on-error): a restore that fails leaves the target as it was.
 *
 * Must never: put the database URL (it may hold a password) in a message.
 */
#include "db/db.h"

#include <sqlite3.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define COPY_BUSY_MS 5000

int
db_sqlite_copy(const char *from, const char *to, struct err *e)
{
	sqlite3 *src = NULL, *dst = NULL;
	sqlite3_backup *b;
	int rc = -1, r;

	if (sqlite3_open_v2(from, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		err_set(e, ERR_DB, NULL, "cannot open the database %s: %s", from,
		    src != NULL ? sqlite3_errmsg(src) : "out of memory");
		goto out;
	}
	if (sqlite3_open_v2(to, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
	    NULL) != SQLITE_OK) {
		err_set(e, ERR_DB, NULL, "cannot open the database %s: %s", to,
		    dst != NULL ? sqlite3_errmsg(dst) : "out of memory");
		goto out;
	}
	sqlite3_busy_timeout(src, COPY_BUSY_MS);
	sqlite3_busy_timeout(dst, COPY_BUSY_MS);
	if ((b = sqlite3_backup_init(dst, "main", src, "main")) == NULL) {
		err_set(e, ERR_DB, NULL, "cannot start the copy: %s",
		    sqlite3_errmsg(dst));
		goto out;
	}
	do {
		r = sqlite3_backup_step(b, -1);
		if (r == SQLITE_BUSY || r == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (r == SQLITE_BUSY || r == SQLITE_LOCKED || r == SQLITE_OK);
	sqlite3_backup_finish(b);
	if (r != SQLITE_DONE) {
		err_set(e, ERR_DB, NULL, "the copy failed: %s", sqlite3_errstr(r));
		goto out;
	}
	rc = 0;
out:
	if (src != NULL)
		sqlite3_close(src);
	if (dst != NULL && sqlite3_close(dst) != SQLITE_OK && rc == 0)
		rc = err_set(e, ERR_DB, NULL, "cannot close the copy");
	return rc;
}

int
db_pg_tool_start(const char *url, bool restore, int *fd, pid_t *pid,
    struct err *e)
{
	const char *tool = restore ? "pg_restore" : "pg_dump";
	int p[2];
	pid_t child;

	if (pipe2(p, O_CLOEXEC) == -1)
		return err_set(e, ERR_IO, NULL, "pipe: %s", strerror(errno));
	if ((child = fork()) == -1) {
		close(p[0]);
		close(p[1]);
		return err_set(e, ERR_IO, NULL, "fork: %s", strerror(errno));
	}
	if (child == 0) {
		/* The child's end becomes stdout (dump) or stdin (restore). */
		if (dup2(restore ? p[0] : p[1], restore ? 0 : 1) == -1)
			_exit(127);
		signal(SIGPIPE, SIG_DFL);
		if (restore)
			execlp(tool, tool, "--clean", "--if-exists", "--no-owner",
			    "--no-privileges", "--single-transaction",
			    "--exit-on-error", "-d", url, (char *)NULL);
		else
			execlp(tool, tool, "--format=custom", "--no-owner",
			    "--no-privileges", "-d", url, (char *)NULL);
		fprintf(stderr, "doorloop: cannot run %s: %s (install "
		    "postgresql-client)\n", tool, strerror(errno));
		_exit(127);
	}
	close(restore ? p[0] : p[1]);
	*fd = restore ? p[1] : p[0];
	*pid = child;
	return 0;
}

int
db_pg_tool_wait(pid_t pid, bool restore, struct err *e)
{
	const char *tool = restore ? "pg_restore" : "pg_dump";
	int status;

	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR)
			return err_set(e, ERR_IO, NULL, "waitpid: %s",
			    strerror(errno));
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return err_set(e, ERR_IO, NULL, "%s could not be run (install "
		    "postgresql-client)", tool);
	return err_set(e, ERR_DB, NULL, "%s failed (%s %d); see its messages "
	    "above", tool, WIFEXITED(status) ? "exit" : "signal",
	    WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
}
