/*
 * user.c - `doorloop user add`, `doorloop user passwd` and
 * `doorloop user totp-reset`.
 *
 * Owns reading a password on the command line: from standard input with
 * --password-stdin (one line, the newline removed), or from the terminal
 * without echo, asked twice.  A password is never an argument (it would
 * show in ps and shell history).
 *
 * Invariants:
 *   1. The password buffer is wiped (sodium_memzero) on every path.
 *   2. Each change leaves an audit entry with access point "local:cli".
 *
 * Never: print a password, or a user's display name.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "auth/auth.h"
#include "cli/cli.h"
#include "db/db.h"
#include "store/auth_store.h"

#define PW_BUF (PASSWORD_MAX * 4 + 3)	/* UTF-8, newline, NUL */

static int
user_usage(FILE *f)
{
	fprintf(f,
	    "usage: doorloop user add --username U --display-name N --role R\n"
	    "           [--org ID | --org-name NAME]\n"
	    "           [--password-stdin] [--db URL] [--key-file PATH]\n"
	    "       doorloop user passwd --username U [--password-stdin]\n"
	    "           [--db URL] [--key-file PATH]\n"
	    "       doorloop user deactivate | reactivate --username U\n"
	    "       doorloop user totp-reset USER [--db URL] [--key-file PATH]\n\n"
	    "add creates an account; passwd sets a new password, ends the\n"
	    "user's sessions and lifts her log-in delay.  The password is read\n"
	    "from the terminal without echo (asked twice), or as one line\n"
	    "from standard input with --password-stdin; it must have 12\n"
	    "characters or more, not be a common one, and not contain the\n"
	    "username or the word doorloop.  totp-reset removes a user's\n"
	    "two-step log-in (a lost phone) and ends her sessions: her next\n"
	    "log-in sets it up anew.  Every change is in the audit log.\n\n"
	    "  --username U       2-64 characters of a-z 0-9 . _ -\n"
	    "  --display-name N   the name shown in the application\n"
	    "  --role R           admin, coordinator, caregiver, partner,\n"
	    "                     municipality, monitor or security_officer (a\n"
	    "                     girl's account is her coordinator's invitation)\n"
	    "  --org ID           organisation id (needed by all roles but admin,\n"
	    "                     monitor and security_officer)\n"
	    "  --org-name NAME    organisation by its exact name instead\n"

	    "  --password-stdin   read the password from standard input\n"
	    "  --db URL           database (DOORLOOP_DB, default %s)\n"
	    "  --key-file PATH    key file (DOORLOOP_KEY_FILE, default %s)\n",
	    CLI_DEFAULT_DB, CLI_DEFAULT_KEY);
	return f == stdout ? EXIT_OK : EXIT_USAGE;
}

/* One line into buf without its line end; ERR_INVALID when too long. */
static int
read_line(FILE *in, char *buf, size_t size, struct err *e)
{
	size_t n;

	if (fgets(buf, (int)size, in) == NULL)
		return err_set(e, ERR_INVALID, "password", "no password given");
	n = strlen(buf);
	if (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	else if (!feof(in))
		return err_set(e, ERR_INVALID, "password",
		    "password is longer than %d characters", PASSWORD_MAX);
	if (n > 0 && buf[n - 1] == '\r')
		buf[--n] = '\0';
	return 0;
}

static int
prompt(const char *question, char *buf, size_t size, struct err *e)
{
	struct termios old, quiet;
	int rc;

	fputs(question, stderr);
	fflush(stderr);
	if (tcgetattr(STDIN_FILENO, &old) != 0)
		return err_set(e, ERR_IO, NULL, "cannot read the terminal");
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	quiet.c_lflag |= ECHONL;
	if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) != 0)
		return err_set(e, ERR_IO, NULL, "cannot switch off echo");
	rc = read_line(stdin, buf, size, e);
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	return rc;
}

/* The password into buf (PW_BUF bytes). */
static int
read_password(bool from_stdin, char *buf, struct err *e)
{
	char again[PW_BUF];
	int rc = -1;

	if (from_stdin)
		return read_line(stdin, buf, PW_BUF, e);
	if (!isatty(STDIN_FILENO))
		return err_set(e, ERR_INVALID, "password",
		    "no terminal to ask for the password; use --password-stdin");
	if (prompt("Password: ", buf, PW_BUF, e) != 0 ||
	    prompt("Password again: ", again, sizeof again, e) != 0)
		goto out;
	if (strcmp(buf, again) != 0) {
		err_set(e, ERR_INVALID, "password", "the passwords differ");
		goto out;
	}
	rc = 0;
out:
	sodium_memzero(again, sizeof again);
	return rc;
}

int
cli_user_find(struct db *db, struct arena *a, const char *username,
    struct store_user *u, struct err *e)
{
	bool found = false;

	if (store_user_by_username(db, a, username, u, &found, e) != 0)
		return -1;
	if (!found)
		return err_setr(e, ERR_INVALID, "username", R_USER_UNKNOWN,
		    "no such user");
	return 0;
}

static int
user_add(struct db *db, const struct user_new *un, const char *org_name,
    struct err *e)
{
	struct user_new u = *un;
	struct audit_entry en;
	struct store_org org;
	struct arena a;
	char id[ID_LEN + 1];
	bool found = false;
	int rc = -1;

	arena_init(&a);
	if (org_name != NULL) {
		if (store_org_by_name(db, &a, org_name, &org, &found, e) != 0)
			goto out;
		if (!found) {
			err_set(e, ERR_INVALID, "org-name", "no such organisation");
			goto out;
		}
		u.org_id = org.id;
	}
	cli_audit_entry(&en, "create", NULL, NULL);
	if (auth_user_create_audited(db, &u, &en, id, e) != 0)
		goto out;
	printf("user created: %s\n", id);
	rc = 0;
out:
	arena_cleanup(&a);
	return rc;
}

static int
user_passwd(struct db *db, const char *username, const char *password,
    struct err *e)
{
	struct audit_entry en;
	struct store_user u;
	struct arena a;
	int rc = -1;

	arena_init(&a);
	if (auth_user_set_password(db, username, password, e) != 0 ||
	    cli_user_find(db, &a, username, &u, e) != 0)
		goto out;
	cli_audit_entry(&en, "set_password", "user", u.id);
	if (auth_audit_append_tx(db, &en, e) != 0)
		goto out;
	printf("password set; the user's sessions have ended\n");
	rc = 0;
out:
	arena_cleanup(&a);
	return rc;
}

static int
user_totp_reset(struct db *db, const char *username, struct err *e)
{
	struct audit_entry en;
	struct store_user u;
	struct arena a;
	bool had = false;
	int rc = -1;

	arena_init(&a);
	if (!auth_username_valid(username)) {
		err_set(e, ERR_INVALID, "username", "not a valid username");
		goto out;
	}
	if (cli_user_find(db, &a, username, &u, e) != 0 ||
	    auth_totp_reset(db, u.id, &had, e) != 0)
		goto out;
	cli_audit_entry(&en, "totp_reset", "user", u.id);
	if (auth_audit_append_tx(db, &en, e) != 0)
		goto out;
	printf(had ? "two-step log-in removed; the user's sessions have ended; "
	    "her next log-in sets it up anew\n" :
	    "this user had no two-step log-in; her sessions have ended\n");
	rc = 0;
out:
	arena_cleanup(&a);
	return rc;
}

struct user_args {
	struct user_new u;
	const char *cmd, *org_name;
};

static int
user_run(struct db *db, void *ctx, struct err *e)
{
	struct user_args *p = ctx;
	int rc = strcmp(p->cmd, "add") == 0 ?
	    user_add(db, &p->u, p->org_name, e) :
	    strcmp(p->cmd, "passwd") == 0 ?
	    user_passwd(db, p->u.username, p->u.password, e) :
	    user_totp_reset(db, p->u.username, e);

	/* A taken username or an unknown user is bad input here. */
	if (rc != 0 && (e->code == ERR_CONFLICT || e->code == ERR_NOT_FOUND))
		e->code = ERR_INVALID;
	return rc != 0 ? -1 : EXIT_OK;
}

int
cli_user(int argc, char **argv)
{
	struct user_args p = { .org_name = NULL };
	struct user_new *u = &p.u;
	const char *cmd, *role = NULL;
	const char *db_opt = NULL, *key_opt = NULL;
	char password[PW_BUF];
	bool from_stdin = false, add, reset;
	const struct cli_opt opts[] = {
		CLI_OPT_STR("username", &u->username),
		CLI_OPT_STR("display-name", &u->display_name),
		CLI_OPT_STR("role", &role),
		CLI_OPT_STR("org", &u->org_id),
		CLI_OPT_STR("org-name", &p.org_name),
		CLI_OPT_STR("client", &u->client_id),
		CLI_OPT_FLAG("password-stdin", &from_stdin),
		CLI_DB_OPTS(&db_opt, &key_opt)
	};
	struct err e;
	int r, rc;

	err_init(&e);
	password[0] = '\0';
	if (argc < 2) {
		if (argc == 1)
			return user_usage(stderr);
		return EXIT_USAGE;
	}
	cmd = p.cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0)
		return user_usage(stdout);
	if (strcmp(cmd, "deactivate") == 0 || strcmp(cmd, "reactivate") == 0)
		return cli_user_lifecycle(argc, argv);	/* user_life.c */
	if (strcmp(cmd, "add") != 0 && strcmp(cmd, "passwd") != 0 &&
	    strcmp(cmd, "totp-reset") != 0) {
		fprintf(stderr, "doorloop: user: unknown subcommand '%s'\n", cmd);
		return user_usage(stderr);
	}
	add = strcmp(cmd, "add") == 0;
	reset = strcmp(cmd, "totp-reset") == 0;
	if ((r = cli_options(argc - 1, argv + 1, opts, -1, user_usage)) >= 0)
		return r;
	/* totp-reset takes the user as its one argument (or --username). */
	if (reset && optind == argc - 2 && u->username == NULL)
		u->username = argv[1 + optind];
	else if (optind != argc - 1)
		return user_usage(stderr);
	if (reset) {
		if (u->username == NULL || u->display_name != NULL ||
		    role != NULL || u->org_id != NULL || p.org_name != NULL ||
		    u->client_id != NULL || from_stdin)
			return user_usage(stderr);
		return cli_run(db_opt, key_opt, user_run, &p);
	}
	if (u->username == NULL) {
		fprintf(stderr, "doorloop: user %s: --username is required\n", cmd);
		return EXIT_USAGE;
	}
	if (add) {
		if (u->display_name == NULL || role == NULL) {
			fprintf(stderr, "doorloop: user add: --display-name and "
			    "--role are required\n");
			return EXIT_USAGE;
		}
		if (role_parse(role, &u->role) != 0) {
			fprintf(stderr, "doorloop: user add: unknown role '%s'\n",
			    role);
			return EXIT_USAGE;
		}
		if (u->role == ROLE_CLIENT || u->client_id != NULL) {
			fprintf(stderr, "doorloop: user add: a girl's own "
			    "account is made by her coordinator as an invitation "
			    "(POST /api/v1/clients/ID/invitation); she chooses "
			    "her own password when she activates it\n");
			return EXIT_USAGE;
		}
		if (u->org_id != NULL && p.org_name != NULL) {
			fprintf(stderr, "doorloop: user add: give --org or "
			    "--org-name, not both\n");
			return EXIT_USAGE;
		}
	} else if (u->display_name != NULL || role != NULL ||
	    u->org_id != NULL || p.org_name != NULL || u->client_id != NULL) {
		return user_usage(stderr);
	}
	if (read_password(from_stdin, password, &e) != 0) {
		rc = cli_close(NULL, cli_fail(&e));
	} else {
		u->password = password;
		rc = cli_run(db_opt, key_opt, user_run, &p);
	}
	sodium_memzero(password, sizeof password);
	return rc;
}
