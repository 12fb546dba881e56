/*
 * serve.c - doorloop serve: check that everything is in place, then hand
 * over to the HTTP server (src/api/server.c) until SIGINT or SIGTERM.
 *
 * Owns: the serve options and their defaults, and the start-up checks: the
 * key loads, the database opens and carries a schema.  The check
 * connection is closed again before serving; every server thread opens its
 * own, and so does the audit writer, which runs from before the first
 * request until after the last.
 *
 * Invariant: the server never starts on an unmigrated database (it would
 * answer every request with 500); the operator is told to run init.
 *
 * Must never: print the key, the database password of a URL, or anything
 * but the one "serving" line (printed by api_serve once it listens) and
 * the per-request log lines on stderr.
 */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api/api.h"
#include "auth/audit_writer.h"
#include "auth/auth.h"
#include "db/db.h"

#define SERVE_DEFAULT_LISTEN "127.0.0.1:8080"
#define SERVE_MAX_THREADS 256
/*
 * Default worker threads: SERVE_THREADS_PER_CORE per online core, at most
 * SERVE_DEFAULT_THREADS_MAX.  A read waits for the audit writer's commit
 * (an fdatasync) before it is answered; the writer commits the entries of
 * all waiting threads at once, so the number of reads sharing one flush is
 * at most the number of threads.  A waiting thread uses no CPU.
 */
#define SERVE_THREADS_PER_CORE 8
#define SERVE_DEFAULT_THREADS_MAX 64

static int	serve_usage(FILE *);

static int
serve_usage(FILE *f)
{
	fprintf(f, "usage: doorloop serve [--db URL] [--key-file PATH] "
	    "[--listen HOST:PORT]\n"
	    "                      [--web DIR] [--vendor DIR] [--threads N]\n\n"
	    "Serve the JSON API under /api/v1/ and the web app until SIGINT or SIGTERM.\n"
	    "The database must be initialised first (doorloop init).\n\n"
	    "  --db URL           database (DOORLOOP_DB, default %s)\n"
	    "  --key-file PATH    key file (DOORLOOP_KEY_FILE, default %s)\n"
	    "  --listen HOST:PORT address (DOORLOOP_LISTEN, default %s)\n"
	    "  --web DIR          the web app's files (DOORLOOP_WEB_ROOT; default: beside\n"
	    "                     the binary, ../share/doorloop/web when installed,\n"
	    "                     the source tree's web/ when built there)\n"
	    "  --vendor DIR       the NL Design System CSS (DOORLOOP_VENDOR_ROOT; default:\n"
	    "                     ../share/doorloop/vendor, or the tree's node_modules)\n"
	    "  --threads N        worker threads, 1 to %d (default: %d per online core)\n",
	    CLI_DEFAULT_DB, CLI_DEFAULT_KEY, SERVE_DEFAULT_LISTEN,
	    SERVE_MAX_THREADS,
	    SERVE_THREADS_PER_CORE);
	return f == stdout ? EXIT_OK : EXIT_USAGE;
}

int
cli_serve(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "listen", required_argument, NULL, 'l' },
		{ "web", required_argument, NULL, 'w' },
		{ "vendor", required_argument, NULL, 'v' },
		{ "threads", required_argument, NULL, 't' },
		CLI_DB_OPTIONS
	};
	struct api_config cfg;
	const char *db_opt = NULL, *key_opt = NULL, *listen = NULL, *s;
	struct db *db = NULL;
	struct err e;
	char *end;
	long n;
	int c, version = 0, rc = EXIT_FAIL;

	err_init(&e);
	memset(&cfg, 0, sizeof cfg);
	cli_web_roots(&cfg.web_root, &cfg.vendor_root);
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db_opt = optarg;
			break;
		case 'k':
			key_opt = optarg;
			break;
		case 'l':
			listen = optarg;
			break;
		case 'w':
			cfg.web_root = optarg;
			break;
		case 'v':
			cfg.vendor_root = optarg;
			break;
		case 't':
			n = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || n < 1 ||
			    n > SERVE_MAX_THREADS) {
				fprintf(stderr, "doorloop: --threads must be 1 to %d\n",
				    SERVE_MAX_THREADS);
				return EXIT_USAGE;
			}
			cfg.threads = (unsigned)n;
			break;
		case 'h':
			return serve_usage(stdout);
		default:
			return serve_usage(stderr);
		}
	}
	if (optind != argc)
		return serve_usage(stderr);
	if (cfg.threads == 0) {
		long cores = sysconf(_SC_NPROCESSORS_ONLN);

		n = (cores > 0 ? cores : 1) * SERVE_THREADS_PER_CORE;
		cfg.threads = (unsigned)(n < SERVE_DEFAULT_THREADS_MAX ? n :
		    SERVE_DEFAULT_THREADS_MAX);
	}
	if (listen == NULL)
		listen = (s = getenv("DOORLOOP_LISTEN")) != NULL && *s != '\0' ?
		    s : SERVE_DEFAULT_LISTEN;
	cfg.listen = listen;
	cfg.db_url = cli_db_url(db_opt);

	if (cli_open(db_opt, key_opt, &db, &e) == -1 ||
	    db_schema_version(db, &version, &e) == -1)
		goto fail;
	if (version <= 0) {
		fprintf(stderr, "doorloop: the database has no schema; run doorloop init first\n");
		goto out;
	}
	db_close(db);
	db = NULL;
	/* Reads and refusals are audited by group commit (audit_writer.c);
	 * the writer drains its queue after the last request is answered. */
	if (auth_audit_writer_start(cfg.db_url, &e) == -1)
		goto fail;
	if (api_serve(&cfg, &e) == -1) {
		auth_audit_writer_stop();
		goto fail;
	}
	auth_audit_writer_stop();
	rc = EXIT_OK;
	goto out;
fail:
	rc = cli_fail(&e);
out:
	return cli_close(db, rc);
}
