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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api/api.h"
#include "auth/audit_writer.h"
#include "auth/auth.h"
#include "auth/purge.h"
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
/*
 * Connections: the overall cap, and per client address a share small
 * enough that one address (one attacker) leaves room for everyone else; a
 * whole request head within SERVE_HEADER_TIMEOUT seconds, a body within
 * SERVE_BODY_TIMEOUT (a 1 MiB body at 20 KiB/s), idle keep-alive
 * SERVE_IDLE_TIMEOUT.
 */
#define SERVE_MAX_CONNECTIONS 1024
#define SERVE_PER_ADDRESS 64
#define SERVE_HEADER_TIMEOUT 10
#define SERVE_BODY_TIMEOUT 60
#define SERVE_IDLE_TIMEOUT 30

static int	serve_usage(FILE *);

static int
serve_usage(FILE *f)
{
	fprintf(f, "usage: doorloop serve [--db URL] [--key-file PATH] "
	    "[--listen HOST:PORT]\n"
	    "                      [--web DIR] [--vendor DIR] [--threads N]\n"
	    "                      [--tls-cert FILE --tls-key FILE] [--trusted-proxy ADDR,...]\n"
	    "                      [--max-connections N] [--per-address N]\n"
	    "                      [--header-timeout S] [--body-timeout S] [--idle-timeout S]\n\n"
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
	    "  --threads N        worker threads, 1 to %d (default: %d per online core)\n"
	    "  --tls-cert FILE    HTTPS: PEM certificate chain (with --tls-key); adds HSTS\n"
	    "                     and the Secure cookie flag\n"
	    "  --tls-key FILE     HTTPS: PEM private key\n"
	    "  --trusted-proxy ADDR,...  reverse proxies (numeric addresses) whose\n"
	    "                     X-Forwarded-For and X-Forwarded-Proto are believed and\n"
	    "                     which the per-address limit does not count (DOORLOOP_TRUSTED_PROXY)\n"
	    "  --max-connections N  open connections at most (default %d)\n"
	    "  --per-address N    open connections per client address (default %d, 0: no limit)\n"
	    "  --header-timeout S seconds to send a whole request head (default %d, 0: none)\n"
	    "  --body-timeout S   seconds to send a request body (default %d, 0: none)\n"
	    "  --idle-timeout S   seconds a silent connection is kept (default %d)\n",
	    CLI_DEFAULT_DB, CLI_DEFAULT_KEY, SERVE_DEFAULT_LISTEN,
	    SERVE_MAX_THREADS,
	    SERVE_THREADS_PER_CORE, SERVE_MAX_CONNECTIONS, SERVE_PER_ADDRESS,
	    SERVE_HEADER_TIMEOUT, SERVE_BODY_TIMEOUT, SERVE_IDLE_TIMEOUT);
	return f == stdout ? EXIT_OK : EXIT_USAGE;
}

int
cli_serve(int argc, char **argv)
{
	struct api_config cfg;
	const char *db_opt = NULL, *key_opt = NULL, *listen = NULL, *s;
	const struct cli_opt opts[] = {
		CLI_OPT_STR("listen", &listen),
		CLI_OPT_STR("web", &cfg.web_root),
		CLI_OPT_STR("vendor", &cfg.vendor_root),
		CLI_OPT_COUNT("threads", &cfg.threads, 1, SERVE_MAX_THREADS),
		CLI_OPT_STR("tls-cert", &cfg.tls_cert),
		CLI_OPT_STR("tls-key", &cfg.tls_key),
		CLI_OPT_STR("trusted-proxy", &cfg.trusted_proxies),
		CLI_OPT_COUNT("max-connections", &cfg.max_connections, 16, 65536),
		CLI_OPT_COUNT("per-address", &cfg.per_address, 0, 65536),
		CLI_OPT_COUNT("header-timeout", &cfg.header_timeout, 0, 3600),
		CLI_OPT_COUNT("body-timeout", &cfg.body_timeout, 0, 3600),
		CLI_OPT_COUNT("idle-timeout", &cfg.idle_timeout, 1, 3600),
		CLI_DB_OPTS(&db_opt, &key_opt)
	};
	struct db *db = NULL;
	struct err e;
	long n;
	int r, version = 0, rc = EXIT_FAIL;

	err_init(&e);
	memset(&cfg, 0, sizeof cfg);
	cli_web_roots(&cfg.web_root, &cfg.vendor_root);
	cfg.max_connections = SERVE_MAX_CONNECTIONS;
	cfg.per_address = SERVE_PER_ADDRESS;
	cfg.header_timeout = SERVE_HEADER_TIMEOUT;
	cfg.body_timeout = SERVE_BODY_TIMEOUT;
	cfg.idle_timeout = SERVE_IDLE_TIMEOUT;
	if ((s = getenv("DOORLOOP_TRUSTED_PROXY")) != NULL && *s != '\0')
		cfg.trusted_proxies = s;
	if ((r = cli_options(argc, argv, opts, 0, serve_usage)) >= 0)
		return r;
	if ((cfg.tls_cert == NULL) != (cfg.tls_key == NULL)) {
		fprintf(stderr, "doorloop: --tls-cert and --tls-key go together\n");
		return EXIT_USAGE;
	}
	if (cfg.trusted_proxies != NULL &&
	    api_check_trusted_proxies(cfg.trusted_proxies, &e) != 0) {
		fprintf(stderr, "doorloop: %s\n", e.msg);
		return EXIT_USAGE;
	}
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
	/* The chain is checked before the first request, and loudly reported
	 * when broken; serving goes on (the log must keep growing). */
	if (auth_audit_check_run(db, "start", &e) < 0)
		goto fail;
	db_close(db);
	db = NULL;
	/* Reads and refusals are audited by group commit (audit_writer.c);
	 * the writer drains its queue after the last request is answered.
	 * Destruction by law runs daily inside the server (auth/purge.c).
	 * Each stop does nothing for a thread that did not start. */
	rc = auth_audit_watch_start(cfg.db_url, &e) == -1 ||
	    auth_audit_writer_start(cfg.db_url, &e) == -1 ||
	    auth_purge_daily_start(cfg.db_url, &e) == -1 ||
	    api_serve(&cfg, &e) == -1 ? -1 : EXIT_OK;
	auth_purge_daily_stop();
	auth_audit_writer_stop();
	auth_audit_watch_stop();
	if (rc == EXIT_OK)
		goto out;
fail:
	rc = cli_fail(&e);
out:
	return cli_close(db, rc);
}
