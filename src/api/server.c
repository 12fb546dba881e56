/*
 * server.c - the HTTP machinery: libmicrohttpd in, struct api_req out.
 *
 * Owns: the daemon and its thread pool, one database connection per worker
 * thread, the life of one request (struct request), the named input limits,
 * session resolution and CSRF checks, routing over api_routes[], the
 * mapping of a handler's result to a response.  The static files live in
 * static.c (with gzip.c), the per-request log line in reqlog.c; the three
 * share server.h.
 *
 * One request, in the order libmicrohttpd calls us (on_request):
 *   0. first call, headers only (request_new): a request id, an arena and
 *      the start time.
 *   1. the checks (request_begin), for /api/: route match (404, 405 with
 *      Allow), Content-Length over the route's limit (413), session (401),
 *      CSRF for cookie sessions on unsafe methods (403), Content-Type of a
 *      body (400).  For a request that announces a body they run on the
 *      first call, so everything that can be refused is refused before a
 *      byte of the body is read; for the others on the last call, because a
 *      response queued on the first call makes libmicrohttpd close the
 *      connection.  Other paths are static files (static.c).
 *   2. body calls (request_body): bytes are counted as they arrive, so a
 *      chunked body cannot exceed the limit either.  Past the limit the body
 *      is discarded and 413 follows at its end; a client that keeps sending
 *      far beyond it (API_DRAIN_MAX) loses its connection.
 *   3. last call (request_finish): JSON parsing (duplicates and NUL refused,
 *      depth capped at API_MAX_JSON_DEPTH), the handler, the response.
 *   4. completion (on_completed): the log line (reqlog.c), then the
 *      request's memory.
 *
 * Shutdown (SIGINT, SIGTERM): stop accepting, let the requests in progress
 * finish for up to SHUTDOWN_GRACE_MS, stop the daemon, close the worker
 * connections.
 *
 * Invariants:
 *   1. Every response carries the security headers (add_common_headers);
 *      every /api/ response also carries Cache-Control: no-store.
 *   2. A worker thread's database connection is used only by that thread;
 *      connections are registered so api_serve can close them after the
 *      daemon has stopped (and only then).
 *   3. A handler never leaves a transaction open: if it does, the server
 *      rolls it back and answers 500.
 *   4. A body that is not valid JSON (or too deep) never reaches a handler.
 *
 * Must never: log a body, a query string, a raw path, a token, a name or a
 * BSN; show an internal error message to a client (5xx bodies are generic);
 * serve a file outside web_root or an allow-listed vendor package.
 *
 * Content-Type: a request body must be declared application/json; anything
 * else is answered 400 (code "invalid", field null) rather than 415, so
 * every client error maps onto one of the documented error codes.
 */
#include "api/api.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>
#include <sodium.h>

#include "api/gate.h"
#include "api/server.h"
#include "core/date.h"
#include "crypto/crypto.h"
#include "db/db.h"
#include "store/store.h"
#include "util/id.h"

/*
 * libmicrohttpd (0.9.75) cannot answer while a body is still arriving, so a
 * chunked body past its limit is read and thrown away, to answer 413 at its
 * end; past this many bytes the connection is dropped instead.
 */
#define API_DRAIN_MAX ((uint64_t)4 * API_MAX_BODY)
/*
 * Per-connection memory: libmicrohttpd's read and write buffers and the
 * request head.  Well above our own limits on the head (API_MAX_URI,
 * API_MAX_HEADER), so that an oversized head is refused here, with the
 * security headers (request_oversized); only a head beyond this memory gets
 * libmicrohttpd's own bare 414 or 431.  Pages are touched only as used.
 */
#define API_CONNECTION_MEMORY ((size_t)128 * 1024)
#define API_MAX_URI (8 * 1024)
#define HSTS_VALUE "max-age=31536000; includeSubDomains"
#define SESSION_COOKIE "doorloop_session"
#define TOKEN_MAX 256
/* On SIGINT/SIGTERM, requests in progress get this long to finish. */
#define SHUTDOWN_GRACE_MS 10000

static const char *const security_headers[][2] = {
	{ "Content-Security-Policy", "default-src 'self'; script-src 'self'; "
	    "style-src 'self'; img-src 'self' data:; object-src 'none'; "
	    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'" },
	{ "X-Content-Type-Options", "nosniff" },
	{ "Referrer-Policy", "no-referrer" },
	{ "X-Frame-Options", "DENY" },
};

const struct api_config *srv_cfg;
/* Requests begun and not yet completed, for the shutdown grace period. */
static atomic_int inflight;
/* Set at shutdown: from then on a held answer waits on its thread, so no
 * connection is suspended when libmicrohttpd stops. */
static atomic_bool stopping;

/*
 * The slow pool: requests that run Argon2id (route flag API_HASHES) are
 * answered on these threads, with their connection suspended, so that the
 * thread of libmicrohttpd that received one keeps serving its other
 * connections while the hashing pool (auth/password.c) is busy: a log-in
 * storm does not stall the reads that share a thread with a log-in.  Each
 * thread has a database connection of its own (worker_db).  More log-ins
 * than threads wait in the queue, as they would for the hashing pool.
 */
#define SLOW_THREADS 4
static struct {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct request *head, **tail;
	pthread_t t[SLOW_THREADS];
	int n;
	bool stop;
} slow = { .mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER,
    .tail = &slow.head };

/* Worker connections: one per thread, registered for closing at shutdown. */
static _Thread_local struct db *thread_db;
static pthread_mutex_t dbs_lock = PTHREAD_MUTEX_INITIALIZER;
static struct db **dbs;
static size_t ndbs;

static enum MHD_Result	 on_request(void *, struct MHD_Connection *,
			    const char *, const char *, const char *,
			    const char *, size_t *, void **);
static void		 on_completed(void *, struct MHD_Connection *,
			    void **, enum MHD_RequestTerminationCode);
static struct request	*request_new(struct MHD_Connection *, const char *,
			    const char *);
static void		 request_free(struct request *);
static enum MHD_Result	 request_begin(struct request *);
static enum MHD_Result	 request_body(struct request *, const char *,
			    size_t);
static enum MHD_Result	 request_finish(struct request *);
static enum MHD_Result	 request_answer(struct request *);
static enum MHD_Result	 queue_held(struct request *);
static int		 request_session(struct request *, struct err *);
static const char	*request_token(struct request *, bool *);
static bool		 csrf_ok(const char *, const char *);
static bool		 request_json_type(struct request *);
static enum MHD_Result	 route_request(struct request *);
static struct db	*worker_db(struct err *);
static void		 worker_dbs_close(void);
static bool		 json_depth_ok(json_t *, int);
static int		 run_handler(struct request *, struct api_resp *,
			    struct err *);
static enum MHD_Result	 respond_raw(struct request *, const struct api_resp *);
static enum MHD_Result	 respond_err(struct request *, const struct err *,
			    const char *);
static enum MHD_Result	 respond_error(struct request *, enum err_code,
			    const char *, enum err_reason, const char *);
static void		 add_common_headers(struct request *,
			    struct MHD_Response *);
static void		 slow_start(void);
static bool		 slow_queue(struct request *);
static void		 slow_stop(void);
static int		 parse_listen(const char *, struct sockaddr_storage *,
			    char *, size_t, struct err *);
static int		 parse_uint(const char *, long, long *);
static int		 read_pem(const char *, const char *, char **,
			    struct err *);
static void		 raise_fd_limit(const struct api_config *);
static void		 request_client(struct request *, const char *);
static enum MHD_Result	 request_oversized(struct request *);
static bool		 expects_continue(struct request *);

/* ---- the daemon ---- */

int
api_serve(const struct api_config *cfg, struct err *e)
{
	struct sockaddr_storage ss;
	struct MHD_Daemon *d = NULL;
	const union MHD_DaemonInfo *info;
	struct sigaction sa;
	sigset_t set, oset;
	char host[320];
	unsigned threads = cfg->threads;
	unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG |
	    MHD_USE_ITC | MHD_ALLOW_SUSPEND_RESUME;
	struct timespec pause = { 0, 20 * 1000 * 1000 };
	struct MHD_OptionItem extra[4] = {
		{ MHD_OPTION_END, 0, NULL }, { MHD_OPTION_END, 0, NULL },
		{ MHD_OPTION_END, 0, NULL }, { MHD_OPTION_END, 0, NULL }
	};
	char *tls_cert = NULL, *tls_key = NULL;
	size_t nextra = 0;
	MHD_socket lsock;
	long cores, waited;
	int sig, rc = -1;
	bool masked = false, conns = false;

	/* Fault injection is decided once, before any JSON is allocated. */
	fault_init();
	if (fault_enabled())
		json_set_alloc_funcs(fault_malloc, fault_free);

	if (parse_listen(cfg->listen, &ss, host, sizeof host, e) == -1)
		goto out;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	if (threads == 0) {
		cores = sysconf(_SC_NPROCESSORS_ONLN);
		threads = cores > 0 ? (unsigned)cores : 1;
	}
	srv_cfg = cfg;

	/* Fixed before any thread exists, as jansson requires. */
	json_object_seed(0);

	/* A peer that goes away must not kill the process. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);

	/* Worker threads inherit this mask; only sigwait below sees the signals. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	if (pthread_sigmask(SIG_BLOCK, &set, &oset) != 0) {
		err_set(e, ERR_INTERNAL, "", "cannot block signals");
		goto out;
	}
	masked = true;

	/* One thread is the daemon's own: a pool of one is refused. */
	if (threads > 1) {
		extra[nextra].option = MHD_OPTION_THREAD_POOL_SIZE;
		extra[nextra++].value = (intptr_t)threads;
	}
	if (cfg->tls_cert != NULL && cfg->tls_key != NULL) {
		/* libmicrohttpd over GnuTLS; the key stays in this memory only. */
		if (read_pem(cfg->tls_cert, "tls-cert", &tls_cert, e) == -1 ||
		    read_pem(cfg->tls_key, "tls-key", &tls_key, e) == -1)
			goto out;
		flags |= MHD_USE_TLS;
		extra[nextra].option = MHD_OPTION_HTTPS_MEM_CERT;
		extra[nextra++].ptr_value = tls_cert;
		extra[nextra].option = MHD_OPTION_HTTPS_MEM_KEY;
		extra[nextra++].ptr_value = tls_key;
	}
	raise_fd_limit(cfg);
	if (conn_start(cfg, e) == -1)
		goto out;
	conns = true;
	slow_start();
	/* The logger comes first so that no message escapes it. */
	d = MHD_start_daemon(flags, 0, conn_accept, NULL, on_request, NULL,
	    MHD_OPTION_EXTERNAL_LOGGER, srv_mhd_log, NULL,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	    MHD_OPTION_ARRAY, extra,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)(cfg->idle_timeout ?
	    cfg->idle_timeout : API_CONNECTION_TIMEOUT),
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned int)(cfg->max_connections ?
	    cfg->max_connections : API_MAX_CONNECTIONS),
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)API_CONNECTION_MEMORY,
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
	    MHD_OPTION_NOTIFY_CONNECTION, conn_notify, NULL,
	    MHD_OPTION_END);
	if (d == NULL) {
		err_set(e, ERR_IO, "", "cannot listen on %s", cfg->listen);
		goto out;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	if (ss.ss_family == AF_INET6)
		fprintf(stderr, "doorloop: serving %s://[%s]:%u\n",
		    tls_cert != NULL ? "https" : "http", host,
		    info != NULL ? (unsigned)info->port : 0);
	else
		fprintf(stderr, "doorloop: serving %s://%s:%u\n",
		    tls_cert != NULL ? "https" : "http", host,
		    info != NULL ? (unsigned)info->port : 0);
	fflush(stderr);

	for (;;) {
		if (sigwait(&set, &sig) == 0 && (sig == SIGINT || sig == SIGTERM))
			break;
	}
	/*
	 * Stop accepting, give the requests in progress the grace period to
	 * finish (idle keep-alive connections do not count), then close
	 * everything and join the workers.
	 */
	atomic_store(&stopping, true);
	lsock = MHD_quiesce_daemon(d);
	for (waited = 0; atomic_load(&inflight) > 0 && waited < SHUTDOWN_GRACE_MS;
	    waited += 20)
		nanosleep(&pause, NULL);
	slow_stop();
	MHD_stop_daemon(d);
	d = NULL;
	if (lsock != MHD_INVALID_SOCKET)
		close(lsock);
	rc = 0;
out:
	slow_stop();
	if (d != NULL)
		MHD_stop_daemon(d);
	if (conns)
		conn_stop();
	if (tls_key != NULL)
		sodium_memzero(tls_key, strlen(tls_key));
	free(tls_key);
	free(tls_cert);
	worker_dbs_close();
	if (masked)
		pthread_sigmask(SIG_SETMASK, &oset, NULL);
	srv_cfg = NULL;
	return rc;
}

/* A PEM file whole, NUL-terminated (libmicrohttpd takes PEM text). */
static int
read_pem(const char *path, const char *field, char **out, struct err *e)
{
	FILE *f;
	char *buf;
	size_t n = 0, cap = 4096, got;

	*out = NULL;
	if ((f = fopen(path, "rb")) == NULL)
		return err_set(e, ERR_IO, field, "cannot read %s", path);
	buf = xmalloc(cap);
	while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (n + 1 == cap) {
			if (cap >= 1024 * 1024)
				break;
			buf = xrealloc(buf, cap *= 2);
		}
	}
	fclose(f);
	buf[n] = '\0';
	if (strstr(buf, "-----BEGIN ") == NULL) {
		sodium_memzero(buf, n);
		free(buf);
		return err_set(e, ERR_INVALID, field, "%s is not a PEM file",
		    path);
	}
	*out = buf;
	return 0;
}

/* Every connection is a descriptor: lift the soft limit to the hard one,
 * so that the connection cap, not the descriptor table, is what holds. */
static void
raise_fd_limit(const struct api_config *cfg)
{
	struct rlimit rl;
	rlim_t want = (rlim_t)(cfg->max_connections ? cfg->max_connections :
	    API_MAX_CONNECTIONS) + 256;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur >= want)
		return;
	rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > want ?
	    want : rl.rlim_max;
	(void)setrlimit(RLIMIT_NOFILE, &rl);
}

/*
 * "HOST:PORT", "[IPv6]:PORT"; HOST may be a name.  The first address
 * getaddrinfo offers is used; host receives the printable address.
 */
static int
parse_listen(const char *listen, struct sockaddr_storage *ss, char *host,
    size_t hostlen, struct err *e)
{
	struct addrinfo hints, *res = NULL;
	char buf[300], *h, *p, *colon;
	long port;
	int rc = -1;

	if (listen == NULL || strlen(listen) >= sizeof buf) {
		err_set(e, ERR_INVALID, "listen", "listen address must be HOST:PORT");
		goto out;
	}
	snprintf(buf, sizeof buf, "%s", listen);
	if (buf[0] == '[') {
		h = buf + 1;
		if ((p = strchr(h, ']')) == NULL || p[1] != ':') {
			err_set(e, ERR_INVALID, "listen", "listen address must be [IPv6]:PORT");
			goto out;
		}
		*p = '\0';
		p += 2;
	} else {
		if ((colon = strrchr(buf, ':')) == NULL) {
			err_set(e, ERR_INVALID, "listen", "listen address must be HOST:PORT");
			goto out;
		}
		*colon = '\0';
		h = buf;
		p = colon + 1;
	}
	if (*h == '\0' || parse_uint(p, 65535, &port) == -1) {
		err_set(e, ERR_INVALID, "listen", "listen address must be HOST:PORT with a port of 0 to 65535");
		goto out;
	}
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV;
	if (getaddrinfo(h, p, &hints, &res) != 0 || res == NULL) {
		err_set(e, ERR_INVALID, "listen", "cannot resolve listen host %s", h);
		goto out;
	}
	memset(ss, 0, sizeof *ss);
	memcpy(ss, res->ai_addr, res->ai_addrlen);
	if (getnameinfo(res->ai_addr, res->ai_addrlen, host, (socklen_t)hostlen,
	    NULL, 0, NI_NUMERICHOST) != 0)
		snprintf(host, hostlen, "%s", h);
	rc = 0;
out:
	if (res != NULL)
		freeaddrinfo(res);
	return rc;
}

/* Decimal digits only, at most max; 0 / -1. */
static int
parse_uint(const char *s, long max, long *out)
{
	long v = 0;

	if (s == NULL || *s == '\0' || strlen(s) > 10)
		return -1;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	if (v > max)
		return -1;
	*out = v;
	return 0;
}

/* ---- worker database connections ---- */

static struct db *
worker_db(struct err *e)
{
	struct db *db;

	if (thread_db != NULL)
		return thread_db;
	if (db_open(srv_cfg->db_url, &db, e) == -1)
		return NULL;
	pthread_mutex_lock(&dbs_lock);
	dbs = xrealloc(dbs, (ndbs + 1) * sizeof *dbs);
	dbs[ndbs++] = db;
	pthread_mutex_unlock(&dbs_lock);
	thread_db = db;
	return db;
}

/* Only after MHD_stop_daemon: no worker can use a connection any more. */
static void
worker_dbs_close(void)
{
	size_t i;

	pthread_mutex_lock(&dbs_lock);
	for (i = 0; i < ndbs; i++)
		db_close(dbs[i]);
	free(dbs);
	dbs = NULL;
	ndbs = 0;
	pthread_mutex_unlock(&dbs_lock);
}

/* ---- one request ---- */

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_data_size, void **con_cls)
{
	struct request *r = *con_cls;
	enum MHD_Result ret;
	size_t n;

	if (r != NULL && r->slow) {	/* resumed: answered by the slow pool */
		r->slow = false;
		return r->held != NULL ? queue_held(r) : r->slow_ret;
	}
	if (r != NULL && r->held != NULL)
		return queue_held(r);	/* resumed: its entries are written */
	if (r == NULL) {
		r = request_new(conn, url, method);
		*con_cls = r;
		if ((ret = request_oversized(r)) == MHD_NO || r->status != 0)
			return ret;
		/*
		 * A response queued now makes libmicrohttpd close the
		 * connection (the body is never read), so only requests that
		 * announce a body are checked this early.
		 */
		if (!r->has_body)
			return MHD_YES;
		return request_begin(r);
	}
	if (*upload_data_size != 0) {
		n = *upload_data_size;
		*upload_data_size = 0;
		return request_body(r, upload_data, n);
	}
	if (r->status != 0)
		return MHD_YES;	/* answered early; nothing more to do */
	conn_phase(conn, CONN_BUSY);
	if (!r->checked) {
		ret = request_begin(r);
		if (ret == MHD_NO || r->status != 0)
			return ret;
	}
	return request_finish(r);
}

static void
on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct request *r = *con_cls;

	if (r == NULL)
		return;
	/* A kept-alive connection has idle_timeout for its next head. */
	conn_phase(conn, CONN_IDLE);
	srv_log_request(r);
	request_free(r);
	*con_cls = NULL;
}

static struct request *
request_new(struct MHD_Connection *conn, const char *url, const char *method)
{
	unsigned char rnd[REQUEST_ID_BYTES];
	const union MHD_ConnectionInfo *ci;
	struct request *r;
	const char *cl;
	char addr[64];
	size_t i;

	r = xcalloc(1, sizeof *r);
	atomic_fetch_add(&inflight, 1);
	/* One stat: a key rotation's new key is used from this request on.
	 * A key file that cannot be read now leaves the keys loaded. */
	(void)crypto_key_refresh(&(struct err){ 0 });
	arena_init(&r->a);
	r->conn = conn;
	r->start_ms = instant_now_ms();
	random_bytes(rnd, sizeof rnd);
	for (i = 0; i < sizeof rnd; i++)
		snprintf(r->request_id + 2 * i, 3, "%02x", rnd[i]);
	r->req.a = &r->a;
	r->req.method = arena_strdup(&r->a, method);
	r->req.path = arena_strdup(&r->a, url);
	r->req.request_id = r->request_id;
	r->req.impl = r;
	ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci != NULL && ci->client_addr != NULL &&
	    getnameinfo(ci->client_addr,
	    ci->client_addr->sa_family == AF_INET6 ?
	    sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in),
	    addr, sizeof addr, NULL, 0, NI_NUMERICHOST) == 0)
		request_client(r, addr);
	else
		r->req.remote_addr = "";
	r->secure = r->secure || (srv_cfg != NULL && srv_cfg->tls_cert != NULL);
	r->is_api = strncmp(url, "/api/", 5) == 0 || strcmp(url, "/api") == 0;
	cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_CONTENT_LENGTH);
	r->has_body = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_TRANSFER_ENCODING) != NULL ||
	    (cl != NULL && strspn(cl, "0") != strlen(cl));
	conn_phase(conn, r->has_body ? CONN_BODY : CONN_BUSY);
	return r;
}

/*
 * The client's address: the peer's, unless the peer is a trusted proxy
 * (conn.c); then the nearest address in X-Forwarded-For that is not a
 * trusted proxy itself (the proxy appends the address it saw, so the
 * right-most entries are the ones a client cannot forge), and whether the
 * proxy received the request over TLS (X-Forwarded-Proto: https).
 */
static void
request_client(struct request *r, const char *peer)
{
	const char *xff, *proto, *end;
	unsigned char bin[sizeof(struct in6_addr)];
	char one[64];

	r->req.remote_addr = arena_strdup(&r->a, peer);
	if (!conn_trusted_proxy(peer))
		return;
	proto = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
	    "X-Forwarded-Proto");
	r->secure = proto != NULL && strcasecmp(proto, "https") == 0;
	xff = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
	    "X-Forwarded-For");
	if (xff == NULL)
		return;
	end = xff + strlen(xff);
	while (end > xff) {
		const char *start = end;
		size_t n;

		while (start > xff && start[-1] != ',')
			start--;
		n = (size_t)(end - start);
		while (n > 0 && (*start == ' ' || *start == '\t')) {
			start++;
			n--;
		}
		while (n > 0 && (start[n - 1] == ' ' || start[n - 1] == '\t'))
			n--;
		end = start > xff ? start - 1 : xff;
		while (end > xff && end[0] != ',')
			end--;
		if (n == 0 || n >= sizeof one)
			return;	/* malformed: keep the proxy's own address */
		memcpy(one, start, n);
		one[n] = '\0';
		if (inet_pton(AF_INET, one, bin) != 1 &&
		    inet_pton(AF_INET6, one, bin) != 1)
			return;
		r->req.remote_addr = arena_strdup(&r->a, one);
		if (!conn_trusted_proxy(one))
			return;
	}
}

static enum MHD_Result
sum_lengths(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	size_t *sum = cls;

	(void)kind;
	*sum += strlen(key) + (value != NULL ? strlen(value) : 0) + 4;
	return MHD_YES;
}

/*
 * A head over our limits is answered here, with the security headers,
 * instead of by libmicrohttpd: 414 for the path and query, 431 for the
 * header lines.  MHD_YES with r->status 0 when the head is fine.
 */
static enum MHD_Result
request_oversized(struct request *r)
{
	size_t uri = strlen(r->req.path), head = 0;
	struct err e;

	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, sum_lengths,
	    &uri);
	MHD_get_connection_values(r->conn, MHD_HEADER_KIND, sum_lengths,
	    &head);
	MHD_get_connection_values(r->conn, MHD_FOOTER_KIND, sum_lengths,
	    &head);
	err_init(&e);
	if (uri > API_MAX_URI) {
		err_setr(&e, ERR_TOO_LARGE, "", R_URI_TOO_LONG,
		    "request URI too long");
		return srv_respond_json(r, 414, api_error_body(&e), NULL, NULL);
	}
	if (head > API_MAX_HEADER) {
		err_setr(&e, ERR_TOO_LARGE, "", R_HEADERS_TOO_LARGE,
		    "request header fields too large");
		return srv_respond_json(r, 431, api_error_body(&e), NULL, NULL);
	}
	return MHD_YES;
}

static void
request_free(struct request *r)
{
	struct err e;

	if (r->held != NULL)
		MHD_destroy_response(r->held);
	if (r->audit.jobs != NULL) {
		err_init(&e);
		(void)auth_audit_defer_finish(&r->audit, &e);
	}
	json_decref(r->req.body);
	free(r->buf);
	arena_cleanup(&r->a);
	free(r);
	atomic_fetch_sub(&inflight, 1);
}

static enum MHD_Result
request_begin(struct request *r)
{
	const char *cl;
	enum MHD_Result ret;
	struct err e;
	long n;

	if (!r->is_api)
		return srv_static(r, r->req.path);

	cl = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_CONTENT_LENGTH);
	ret = route_request(r);
	if (r->route == NULL)
		return ret;	/* 404 or 405 queued (or the connection failed) */

	r->limit = r->route->max_body ? r->route->max_body : API_MAX_BODY;
	if (cl != NULL) {
		if (parse_uint(cl, LONG_MAX, &n) == 0 && (size_t)n > r->limit &&
		    !r->too_large && (uint64_t)n <= API_DRAIN_MAX &&
		    !expects_continue(r)) {
			/*
			 * The client sends the body anyway: read and throw it
			 * away (request_body), then answer 413 at its end
			 * (request_finish).  Answering now would close the
			 * socket with its bytes unread, which the client sees
			 * as a reset instead of the answer.
			 */
			r->too_large = true;
			return MHD_YES;
		}
		if (parse_uint(cl, LONG_MAX, &n) == -1 || (size_t)n > r->limit)
			return respond_error(r, ERR_TOO_LARGE, "",
			    R_BODY_TOO_LARGE, "request body too large");
		r->cap = (size_t)n;	/* the body fits in one allocation */
	}
	if (!(r->route->flags & API_PUBLIC) && request_session(r, &e) == -1)
		return respond_err(r, &e, NULL);
	if (r->has_body && !request_json_type(r))
		return respond_error(r, ERR_INVALID, "",
		    R_BODY_NOT_JSON_TYPE,
		    "Content-Type must be application/json");
	r->checked = true;
	return MHD_YES;
}

/* Whether the client waits for "100 Continue" before it sends the body. */
static bool
expects_continue(struct request *r)
{
	const char *x = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_EXPECT);

	return x != NULL && strcasecmp(x, "100-continue") == 0;
}

/*
 * Find the route for (method, path): 404 when no pattern matches the path,
 * 405 with Allow when patterns match but none for this method.
 */
static enum MHD_Result
route_request(struct request *r)
{
	const char *params[API_MAX_PARAMS], *allow = NULL;
	const struct api_route *rt;
	int nparams;
	size_t i;

	for (i = 0; i < api_nroutes; i++) {
		rt = &api_routes[i];
		if (!api_route_match(rt->pattern, r->req.path, &r->a, params,
		    &nparams))
			continue;
		if (strcmp(rt->method, r->req.method) == 0) {
			r->route = rt;
			r->log_route = rt->pattern;
			r->req.route = rt->pattern;
			r->req.flags = rt->flags;
			memcpy(r->req.params, params, sizeof params);
			r->req.nparams = nparams;
			return MHD_YES;
		}
		if (allow == NULL)
			allow = rt->method;
		else if (strstr(allow, rt->method) == NULL)
			allow = arena_printf(&r->a, "%s, %s", allow, rt->method);
	}
	if (allow != NULL) {
		struct err e;

		err_init(&e);
		err_setr(&e, ERR_INVALID, "", R_METHOD_NOT_ALLOWED,
		    "method not allowed");
		return srv_respond_json(r, 405, api_error_body(&e), NULL, allow);
	}
	return respond_error(r, ERR_NOT_FOUND, "", R_RESOURCE_NOT_FOUND,
	    "no such resource");
}

static int
request_leap_rule(struct db *db, struct request *r, struct err *e)
{
	int v;

	if (store_setting_int(db, r->req.a, "date.leap_feb28", &v, e) != 0)
		return -1;
	date_set_leap_rule(v ? LEAP_FEB_28 : LEAP_MARCH_1);
	return 0;
}

/*
 * Resolve the session of a non-public route into r->who; cookie sessions
 * must echo their CSRF token on every method that changes something.
 */
static int
request_session(struct request *r, struct err *e)
{
	const char *m = r->req.method, *csrf;
	bool cookie = false;
	struct db *db;

	r->token = request_token(r, &cookie);
	if (r->token == NULL)
		return err_setr(e, ERR_UNAUTHORIZED, "", R_SESSION_LOG_IN_FIRST,
		    "log in first");
	if ((db = worker_db(e)) == NULL)
		return -1;
	r->req.db = db;
	/* A request the web app makes by itself (X-Doorloop-Background: the
	 * unread count's poll) keeps no idle session alive. */
	if ((MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
	    "X-Doorloop-Background") != NULL ? auth_session_peek(db, r->token,
	    &r->who, e) : auth_session_lookup(db, r->token, &r->who, e)) == -1) {
		if (e->code == ERR_UNAUTHORIZED || e->code == ERR_NOT_FOUND)
			return err_setr(e, ERR_UNAUTHORIZED, "",
			    R_SESSION_EXPIRED,
			    "session expired or unknown; log in again");
		return -1;
	}
	/* The 29-February rule is a setting (date.leap_feb28), read by every
	 * request so a change reaches every process without a restart. */
	if (request_leap_rule(db, r, e) != 0)
		return -1;
	r->who.via_cookie = cookie;
	/* A password alone opens only the routes of the next step. */
	if (r->who.stage != AUTH_STAGE_FULL &&
	    !(r->route->flags & API_PARTIAL))
		return r->who.stage == AUTH_STAGE_TOTP ?
		    err_setr(e, ERR_FORBIDDEN, "", R_LOGIN_SECOND_FACTOR_DUE,
		    "enter the code of your authenticator app first") :
		    err_setr(e, ERR_FORBIDDEN, "", R_LOGIN_ENROLMENT_DUE,
		    "set up two-step log-in first");
	if (cookie && strcmp(m, "GET") != 0 && strcmp(m, "HEAD") != 0) {
		csrf = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
		    "X-CSRF-Token");
		if (!csrf_ok(csrf, r->who.csrf_token))
			return err_setr(e, ERR_FORBIDDEN, "",
			    R_SESSION_CSRF_WRONG,
			    "missing or wrong X-CSRF-Token");
	}
	r->req.who = &r->who;
	return 0;
}

/*
 * The CSRF token sent against the session's, in constant time for tokens
 * of the session's length (sodium_memcmp); a length that differs says
 * nothing about the token, only that it is wrong.
 */
static bool
csrf_ok(const char *sent, const char *expected)
{
	size_t n = strlen(expected);

	if (sent == NULL || n == 0 || strlen(sent) != n)
		return false;
	return sodium_memcmp(sent, expected, n) == 0;
}

/* Bearer first (API clients), then the session cookie (browsers). */
static const char *
request_token(struct request *r, bool *cookie)
{
	const char *h, *t;
	size_t n;

	*cookie = false;
	h = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_AUTHORIZATION);
	if (h != NULL && strncasecmp(h, "Bearer ", 7) == 0) {
		for (t = h + 7; *t == ' '; t++)
			;
		n = strlen(t);
		while (n > 0 && t[n - 1] == ' ')
			n--;
		if (n == 0 || n > TOKEN_MAX)
			return NULL;
		return arena_strndup(&r->a, t, n);
	}
	t = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND,
	    SESSION_COOKIE);
	if (t == NULL || *t == '\0' || strlen(t) > TOKEN_MAX)
		return NULL;
	*cookie = true;
	return t;
}

/* "application/json", any case, optionally with parameters. */
static bool
request_json_type(struct request *r)
{
	const char *ct;
	size_t n = strlen("application/json");

	ct = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_CONTENT_TYPE);
	if (ct == NULL)
		return false;
	while (*ct == ' ' || *ct == '\t')
		ct++;
	if (strncasecmp(ct, "application/json", n) != 0)
		return false;
	ct += n;
	while (*ct == ' ' || *ct == '\t')
		ct++;
	return *ct == '\0' || *ct == ';';
}

static enum MHD_Result
request_body(struct request *r, const char *data, size_t n)
{
	r->seen += n;
	if (r->status != 0)
		return MHD_YES;	/* answered already; discard */
	if (r->too_large || r->len + n > r->limit) {
		if (!r->too_large) {
			r->too_large = true;
			free(r->buf);
			r->buf = NULL;
			r->len = r->cap = 0;
		}
		if (r->seen > API_DRAIN_MAX)
			return MHD_NO;	/* stop reading: drop the connection */
		return MHD_YES;
	}
	if (r->len + n > r->cap || r->buf == NULL) {
		size_t cap = r->cap > r->len + n ? r->cap : r->len + n;

		if (r->buf != NULL && cap < 2 * r->cap)
			cap = 2 * r->cap;
		if (cap > r->limit)
			cap = r->limit;
		r->buf = xrealloc(r->buf, cap);
		r->cap = cap;
	}
	memcpy(r->buf + r->len, data, n);
	r->len += n;
	return MHD_YES;
}

/*
 * A GET's audit entries are queued without waiting (auth_audit_defer_*):
 * its answer is held in srv_queue until they are durable, with the
 * connection suspended, so the thread serves other connections meanwhile
 * and one flush covers the reads of every connection, not of every thread.
 */
/*
 * On.  It was off for a while because a file's alerts were seen stale
 * right after a write; the cause was the web app storing the alerts it
 * read in an object a parallel reload had replaced (web/js/continuity.js),
 * not this path.
 */
static const bool srv_defer_reads = true;

static enum MHD_Result
request_finish(struct request *r)
{
	enum MHD_Result ret;
	struct db *db;
	struct err e;

	if (r->route != NULL && (r->route->flags & API_HASHES) &&
	    !atomic_load(&stopping) && slow_queue(r))
		return MHD_YES;	/* on_request queues its answer when resumed */

	/*
	 * Only on SQLite: on PostgreSQL a read takes its thread much longer
	 * (a round trip per statement), and a resumed answer would wait for
	 * the thread's next read to finish; measured slower there.
	 */
	err_init(&e);
	if (!srv_defer_reads || strcmp(r->req.method, "GET") != 0 ||
	    (db = worker_db(&e)) == NULL || db_kind(db) != DB_SQLITE)
		return request_answer(r);
	auth_audit_defer_begin(&r->audit);
	ret = request_answer(r);
	auth_audit_defer_end();
	return ret;
}

static void *
slow_main(void *arg)
{
	struct request *r;

	(void)arg;
	for (;;) {
		pthread_mutex_lock(&slow.mu);
		while (slow.head == NULL && !slow.stop)
			pthread_cond_wait(&slow.cv, &slow.mu);
		if ((r = slow.head) == NULL) {	/* stopping, queue empty */
			pthread_mutex_unlock(&slow.mu);
			return NULL;
		}
		if ((slow.head = r->slow_next) == NULL)
			slow.tail = &slow.head;
		pthread_mutex_unlock(&slow.mu);
		r->slow_ret = request_answer(r);
		MHD_resume_connection(r->conn);
	}
}

/* Hands r to the slow pool with its connection suspended; false when the
 * pool is stopping or has no thread (then r is answered here). */
static bool
slow_queue(struct request *r)
{
	bool queued = false;

	pthread_mutex_lock(&slow.mu);
	if (slow.n > 0 && !slow.stop) {
		r->slow = true;
		MHD_suspend_connection(r->conn);
		*slow.tail = r;
		slow.tail = &r->slow_next;
		pthread_cond_signal(&slow.cv);
		queued = true;
	}
	pthread_mutex_unlock(&slow.mu);
	return queued;
}

/* After the signal mask is set: the threads inherit it.  Fewer threads
 * than asked (none) only means more (all) such requests answered where
 * they arrive. */
static void
slow_start(void)
{
	for (slow.n = 0; slow.n < SLOW_THREADS; slow.n++)
		if (pthread_create(&slow.t[slow.n], NULL, slow_main, NULL) != 0)
			break;
}

/* Before MHD_stop_daemon: the queue is answered (and its connections
 * resumed) first. */
static void
slow_stop(void)
{
	int n;

	pthread_mutex_lock(&slow.mu);
	slow.stop = true;
	n = slow.n;
	pthread_cond_broadcast(&slow.cv);
	pthread_mutex_unlock(&slow.mu);
	for (int i = 0; i < n; i++)
		pthread_join(slow.t[i], NULL);
	pthread_mutex_lock(&slow.mu);
	slow.n = 0;
	slow.stop = false;
	pthread_mutex_unlock(&slow.mu);
}

static void
suspend_conn(void *ctx)
{
	MHD_suspend_connection(((struct request *)ctx)->conn);
}

static void
resume_conn(void *ctx)
{
	MHD_resume_connection(((struct request *)ctx)->conn);
}

/* The held answer once its entries are durable; if one failed, the
 * error instead. */
static enum MHD_Result
queue_held(struct request *r)
{
	struct MHD_Response *resp = r->held;
	enum MHD_Result ret;
	struct err e;

	r->held = NULL;
	err_init(&e);
	if (auth_audit_defer_finish(&r->audit, &e) != 0) {
		MHD_destroy_response(resp);
		return respond_err(r, &e, NULL);
	}
	ret = MHD_queue_response(r->conn, (unsigned int)r->held_status, resp);
	MHD_destroy_response(resp);
	if (ret == MHD_YES)
		r->status = r->held_status;
	return ret;
}

static enum MHD_Result
request_answer(struct request *r)
{
	struct api_resp resp;
	json_error_t jerr;
	struct err e;
	struct db *db;
	int status;

	if (r->too_large)
		return respond_error(r, ERR_TOO_LARGE, "",
		    R_BODY_TOO_LARGE, "request body too large");
	if (r->len > 0) {
		/* Without JSON_ALLOW_NUL, jansson refuses \u0000 in strings. */
		r->req.body = json_loadb(r->buf, r->len,
		    JSON_REJECT_DUPLICATES, &jerr);
		if (r->req.body == NULL)
			return respond_error(r, ERR_INVALID, "",
			    R_BODY_MALFORMED, "malformed JSON");
		if (!json_depth_ok(r->req.body, 1))
			return respond_error(r, ERR_INVALID, "",
			    R_BODY_TOO_DEEP, "JSON nested too deeply");
	}
	free(r->buf);
	r->buf = NULL;

	err_init(&e);
	if ((db = worker_db(&e)) == NULL)
		return respond_err(r, &e, NULL);
	r->req.db = db;
	memset(&resp, 0, sizeof resp);
	if (run_handler(r, &resp, &e) == -1) {
		json_decref(resp.body);
		if (db_in_transaction(db))
			db_rollback(db);
		gate_audit_refusal(&r->req, &e);
		if (e.code == ERR_OK)
			err_set(&e, ERR_INTERNAL, "", "handler failed without an error");
		return respond_err(r, &e, NULL);
	}
	if (db_in_transaction(db)) {
		/* A broken invariant of the handler, but one we can contain. */
		db_rollback(db);
		json_decref(resp.body);
		err_set(&e, ERR_INTERNAL, "", "handler left a transaction open");
		return respond_err(r, &e, NULL);
	}
	if (resp.body == NULL && resp.raw != NULL)
		return respond_raw(r, &resp);
	status = resp.status != 0 ? resp.status : resp.body != NULL ? 200 : 204;
	return srv_respond_json(r, status, resp.body, resp.set_cookie, NULL);
}

/* A handler's non-JSON body (a PDF), as an attachment. */
static enum MHD_Result
respond_raw(struct request *r, const struct api_resp *ar)
{
	struct MHD_Response *resp;
	char *disp;

	resp = MHD_create_response_from_buffer(ar->raw_len, (void *)ar->raw,
	    MHD_RESPMEM_MUST_COPY);
	if (resp == NULL)
		return MHD_NO;
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
	    ar->raw_type);
	if (ar->raw_filename != NULL) {
		disp = arena_printf(&r->a, "attachment; filename=\"%s\"",
		    ar->raw_filename);
		MHD_add_response_header(resp, "Content-Disposition", disp);
	}
	return srv_queue(r, resp, ar->status != 0 ? ar->status : 200);
}

/*
 * The handler, inside this request's recovery point when faults are
 * injected (util/mem.h): X-Doorloop-Fault: "alloc=N" or "step=N" (only
 * honoured when the server started with DOORLOOP_FAULTS=1) makes the N-th
 * allocation from the request's arena, or the N-th database step, fail.
 * A failed allocation jumps back here: what the handler held is released,
 * its transaction rolled back, and the answer is a plain 500.
 */
static int
run_handler(struct request *r, struct api_resp *resp, struct err *e)
{
	const char *h;
	jmp_buf jb;
	volatile long alloc_at = 0, step_at = 0;
	int rc;

	if (!fault_enabled())
		return r->route->fn(&r->req, resp, e);
	h = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
	    "X-Doorloop-Fault");
	if (h != NULL && strncmp(h, "alloc=", 6) == 0)
		alloc_at = strtol(h + 6, NULL, 10);
	else if (h != NULL && strncmp(h, "step=", 5) == 0)
		step_at = strtol(h + 5, NULL, 10);
	if (setjmp(jb) != 0) {
		/* Only the locals set before setjmp are read here (r). */
		fault_recovery(NULL);
		fault_arm(NULL, 0, 0);
		fault_release();
		db_abandon_open();
		memset(resp, 0, sizeof *resp);
		err_set(e, ERR_INTERNAL, "", "injected allocation failure");
		return -1;
	}
	fault_arm(r->req.a, alloc_at, step_at);
	fault_recovery(&jb);
	rc = r->route->fn(&r->req, resp, e);
	fault_recovery(NULL);
	fault_arm(NULL, 0, 0);
	return rc;
}

/* Free what jansson allocated (json_dumps): with its own free function,
 * which is not free() while faults are injected. */
void
srv_json_free(void *p)
{
	json_free_t jfree = NULL;

	json_get_alloc_funcs(NULL, &jfree);
	(jfree != NULL ? jfree : free)(p);
}

/* Objects and arrays nest at most API_MAX_JSON_DEPTH deep (the root is 1). */
static bool
json_depth_ok(json_t *j, int depth)
{
	const char *key;
	json_t *v;
	size_t i;

	if (depth > API_MAX_JSON_DEPTH)
		return false;
	if (json_is_object(j)) {
		json_object_foreach(j, key, v)
			if ((json_is_object(v) || json_is_array(v)) &&
			    !json_depth_ok(v, depth + 1))
				return false;
	} else if (json_is_array(j)) {
		json_array_foreach(j, i, v)
			if ((json_is_object(v) || json_is_array(v)) &&
			    !json_depth_ok(v, depth + 1))
				return false;
	}
	return true;
}

/* ---- responses ---- */

/* Takes ownership of body (may be NULL). */
enum MHD_Result
srv_respond_json(struct request *r, int status, json_t *body,
    const char *set_cookie, const char *allow)
{
	struct MHD_Response *resp;
	char *text = NULL;
	size_t len = 0;

	if (body != NULL) {
		/* Our own dump is jansson's bytes, faster; not while faults
		 * are injected into jansson's allocations. */
		if (!fault_enabled() &&
		    (text = api_json_dump(body, &len)) != NULL) {
			json_decref(body);
			resp = MHD_create_response_from_buffer(len, text,
			    MHD_RESPMEM_MUST_FREE);
			if (resp == NULL) {
				free(text);
				return MHD_NO;
			}
			goto headers;
		}
		text = json_dumps(body, JSON_COMPACT | JSON_ENCODE_ANY);
		json_decref(body);
		if (text == NULL) {
			struct err e;

			err_init(&e);
			err_set(&e, ERR_INTERNAL, "", "response not serialisable");
			return respond_err(r, &e, NULL);
		}
		len = strlen(text);
	}
	resp = MHD_create_response_from_buffer(len, text, MHD_RESPMEM_MUST_COPY);
	srv_json_free(text);
	if (resp == NULL)
		return MHD_NO;
headers:
	if (body != NULL)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
		    "application/json");
	/* Over TLS (here or at a trusted proxy) a cookie is never sent back
	 * over plain HTTP. */
	if (set_cookie != NULL && r->secure &&
	    strstr(set_cookie, "; Secure") == NULL)
		set_cookie = arena_printf(&r->a, "%s; Secure", set_cookie);
	if (set_cookie != NULL &&
	    MHD_add_response_header(resp, MHD_HTTP_HEADER_SET_COOKIE,
	    set_cookie) == MHD_NO) {
		MHD_destroy_response(resp);
		r->log_error = "Set-Cookie value refused";
		return respond_error(r, ERR_INTERNAL, "", R_NONE,
		    "internal error");
	}
	if (allow != NULL)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, allow);
	return srv_queue(r, resp, status);
}

/* The error of e; 5xx keep their detail for the log only. */
static enum MHD_Result
respond_err(struct request *r, const struct err *e, const char *allow)
{
	int status = api_status_for(e->code);

	if (status >= 500 && r->log_error == NULL)
		r->log_error = arena_printf(&r->a, "%s: %s",
		    err_code_name(e->code), e->msg);
	return srv_respond_json(r, status, api_error_body(e), NULL, allow);
}

static enum MHD_Result
respond_error(struct request *r, enum err_code code, const char *field,
    enum err_reason reason, const char *msg)
{
	struct err e;

	err_init(&e);
	err_setr(&e, code, field, reason, "%s", msg);
	return respond_err(r, &e, NULL);
}

enum MHD_Result
srv_respond_text(struct request *r, int status, const char *text)
{
	struct MHD_Response *resp;

	resp = MHD_create_response_from_buffer(strlen(text), (void *)text,
	    MHD_RESPMEM_PERSISTENT);
	if (resp == NULL)
		return MHD_NO;
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
	    "text/plain; charset=utf-8");
	return srv_queue(r, resp, status);
}

/* Adds the headers every response carries, queues and releases resp. */
enum MHD_Result
srv_queue(struct request *r, struct MHD_Response *resp, int status)
{
	enum MHD_Result ret;

	add_common_headers(r, resp);
	if (r->slow) {		/* on a slow pool thread: held until resumed */
		r->held = resp;
		r->held_status = status;
		return MHD_YES;
	}
	if (r->audit.jobs != NULL) {
		r->held = resp;
		r->held_status = status;
		if (!atomic_load(&stopping) && auth_audit_defer_wait(&r->audit,
		    suspend_conn, resume_conn, r) == 0)
			return MHD_YES;	/* on_request queues it when resumed */
		return queue_held(r);
	}
	ret = MHD_queue_response(r->conn, (unsigned int)status, resp);
	MHD_destroy_response(resp);
	if (ret == MHD_YES)
		r->status = status;
	return ret;
}

static void
add_common_headers(struct request *r, struct MHD_Response *resp)
{
	size_t i;

	for (i = 0; i < sizeof security_headers / sizeof security_headers[0]; i++)
		MHD_add_response_header(resp, security_headers[i][0],
		    security_headers[i][1]);
	if (r->secure)
		MHD_add_response_header(resp,
		    MHD_HTTP_HEADER_STRICT_TRANSPORT_SECURITY, HSTS_VALUE);
	MHD_add_response_header(resp, "X-Request-Id", r->request_id);
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL,
	    r->is_api ? "no-store" : "no-cache");
}

/* ---- request helpers for handlers ---- */

const char *
api_token(struct api_req *req)
{
	struct request *r = req->impl;
	bool cookie;

	if (r == NULL)
		return NULL;
	if (r->token == NULL)
		r->token = request_token(r, &cookie);
	return r->token;
}

/* A value of the request (a query argument, a header); NULL outside a
 * connection (unit tests) or when absent. */
static const char *
request_value(struct api_req *req, enum MHD_ValueKind kind, const char *name)
{
	struct request *r = req->impl;

	if (r == NULL)
		return NULL;
	return MHD_lookup_connection_value(r->conn, kind, name);
}

const char *
api_query(struct api_req *req, const char *name)
{
	return request_value(req, MHD_GET_ARGUMENT_KIND, name);
}

const char *
api_header(struct api_req *req, const char *name)
{
	return request_value(req, MHD_HEADER_KIND, name);
}

int
api_page(struct api_req *req, int *limit, int *offset, struct err *e)
{
	const char *s;
	long v;

	*limit = API_PAGE_DEFAULT;
	*offset = 0;
	if ((s = api_query(req, "limit")) != NULL) {
		if (parse_uint(s, API_PAGE_MAX, &v) == -1 || v < 1)
			return err_setr(e, ERR_INVALID, "limit",
			    R_FIELD_NOT_AN_INTEGER,
			    "must be an integer from 1 to %d", API_PAGE_MAX);
		*limit = (int)v;
	}
	if ((s = api_query(req, "offset")) != NULL) {
		if (parse_uint(s, INT_MAX, &v) == -1)
			return err_setr(e, ERR_INVALID, "offset",
			    R_FIELD_NOT_AN_INTEGER,
			    "must be an integer of 0 or more");
		*offset = (int)v;
	}
	return 0;
}
