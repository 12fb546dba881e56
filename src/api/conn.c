/*
 * conn.c - who may hold a connection, and for how long.
 *
 * Owns: the table of open connections (address, socket, phase, since
 * when), the per-address limit applied when libmicrohttpd accepts, the
 * header and body deadlines and the reaper thread that enforces them, and
 * the trusted proxies (their addresses, and the client address a request
 * from one of them names in X-Forwarded-For).
 *
 * Why: libmicrohttpd's own timeout is an idle timeout, so a client that
 * sends one header line every few seconds keeps its connection for ever,
 * and a few hundred of them fill the server.  Here every connection must
 * have sent its whole request head within header_timeout of being opened
 * (within idle_timeout of its previous answer, on a kept-alive connection:
 * a browser keeps idle connections open for its next request) and its body
 * within body_timeout of its head; past that the reaper shuts the socket
 * down and libmicrohttpd closes it.  One address holds at most
 * per_address connections, so the overall cap (max_connections) keeps
 * room for everyone else.
 *
 * Behind a reverse proxy every connection comes from the proxy: an address
 * listed in trusted_proxies is exempt from the per-address limit (the proxy
 * limits per client itself, docs/DEPLOYMENT-TLS.md), and only a request
 * from such an address has its X-Forwarded-For and X-Forwarded-Proto
 * believed.  From anyone else these headers are ignored.
 *
 * Invariants:
 *   1. An entry lives from MHD_CONNECTION_NOTIFY_STARTED to
 *      MHD_CONNECTION_NOTIFY_CLOSED; libmicrohttpd calls the latter before it
 *      closes the socket, and the reaper shuts a socket down only while it
 *      holds the table's lock and finds the entry, so it never touches a
 *      descriptor that was closed and reused.
 *   2. A connection in the handler (CONN_BUSY) is never reaped: the
 *      deadlines are for what the client sends, not for our work.
 *   3. An accepted connection holds its place from the accept check on: the
 *      check leaves a pending entry that the connection's
 *      MHD_CONNECTION_NOTIFY_STARTED takes over (any pending entry of the
 *      same address will do; they only count), so accepts of one address
 *      on several threads at once never pass the limit together.  A pending
 *      entry libmicrohttpd never started (its own overall limit refused it)
 *      is dropped by the reaper after PENDING_MS.
 *   4. An address at its limit gets a new connection by giving up its
 *      oldest ones that are sending a head or body or idling between
 *      requests - never one in our hands - as many as it takes to get below
 *      the limit; only when every connection of the address is being served
 *      is the new one refused.  So slow clients cannot keep out a normal
 *      client of the same address (a colleague behind the same NAT): her
 *      head arrives at once and is read within milliseconds, while theirs
 *      are the oldest.  No minimum age protects a connection: after a burst
 *      of slow clients every one of them is young, and a floor would refuse
 *      her until they aged past it.  The price: a flood of new connections
 *      from her address faster than per_address in the time her head takes
 *      to be read can push her out before it is; she then sends it again.
 */
#include "api/server.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "util/id.h"

#define ADDR_MAX 64
#define REAP_EVERY_MS 250
/* A pending entry (invariant 3) libmicrohttpd did not start in this time. */
#define PENDING_MS 2000

struct conn {
	struct conn *prev, *next;
	int fd;
	char addr[ADDR_MAX];
	enum conn_phase phase;
	int64_t since_ms;
	bool reaped;
	bool pending;	/* accepted, not yet started (invariant 3) */
};

static pthread_mutex_t conn_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t conn_wake = PTHREAD_COND_INITIALIZER;
static struct conn *conns;
static pthread_t reaper;
static bool reaper_running, reaper_stop;
static const struct api_config *conn_cfg;

/* The numeric form of an address, "" when it has none. */
static void
addr_text(const struct sockaddr *sa, char *out, size_t n)
{
	socklen_t len = sa->sa_family == AF_INET6 ?
	    sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);

	if (getnameinfo(sa, len, out, (socklen_t)n, NULL, 0,
	    NI_NUMERICHOST) != 0)
		out[0] = '\0';
}

bool
conn_trusted_proxy(const char *addr)
{
	const char *p;
	size_t n = strlen(addr);

	if (conn_cfg == NULL || conn_cfg->trusted_proxies == NULL || n == 0)
		return false;
	for (p = conn_cfg->trusted_proxies; *p != '\0';) {
		size_t k = strcspn(p, ",");

		if (k == n && strncmp(p, addr, n) == 0)
			return true;
		p += k;
		if (*p == ',')
			p++;
	}
	return false;
}

int
api_check_trusted_proxies(const char *list, struct err *e)
{
	const char *p;
	char one[ADDR_MAX];
	unsigned char buf[sizeof(struct in6_addr)];

	for (p = list; *p != '\0';) {
		size_t k = strcspn(p, ",");

		if (k == 0 || k >= sizeof one)
			return err_set(e, ERR_INVALID, "trusted-proxy",
			    "--trusted-proxy takes numeric addresses separated by commas");
		memcpy(one, p, k);
		one[k] = '\0';
		if (inet_pton(AF_INET, one, buf) != 1 &&
		    inet_pton(AF_INET6, one, buf) != 1)
			return err_set(e, ERR_INVALID, "trusted-proxy",
			    "--trusted-proxy: %s is not a numeric address", one);
		p += k;
		if (*p == ',')
			p++;
	}
	return 0;
}

/* Unlink c from the table; the caller holds conn_lock and frees it. */
static void
conn_unlink(struct conn *c)
{
	if (c->prev != NULL)
		c->prev->next = c->next;
	else
		conns = c->next;
	if (c->next != NULL)
		c->next->prev = c->prev;
	c->prev = c->next = NULL;
}

static void
conn_link(struct conn *c)
{
	c->prev = NULL;
	c->next = conns;
	if (conns != NULL)
		conns->prev = c;
	conns = c;
}

/*
 * The oldest connection of addr that may give up its place (invariant 4),
 * or NULL; n gets how many places addr holds.
 */
static struct conn *
conn_evictable(const char *addr, int64_t now, unsigned *n)
{
	struct conn *c, *next, *oldest = NULL;

	*n = 0;
	for (c = conns; c != NULL; c = next) {
		next = c->next;
		if (strcmp(c->addr, addr) != 0 || c->reaped)
			continue;
		if (c->pending && now - c->since_ms > PENDING_MS) {
			conn_unlink(c);	/* invariant 3: never started */
			free(c);
			continue;
		}
		(*n)++;
		if (c->phase != CONN_BUSY && !c->pending && c->fd >= 0 &&
		    (oldest == NULL || c->since_ms < oldest->since_ms))
			oldest = c;
	}
	return oldest;
}

enum MHD_Result
conn_accept(void *cls, const struct sockaddr *sa, socklen_t len)
{
	char addr[ADDR_MAX];
	unsigned n;
	struct conn *c;
	int64_t now;
	bool room;

	(void)cls;
	(void)len;
	if (conn_cfg == NULL || conn_cfg->per_address == 0)
		return MHD_YES;
	addr_text(sa, addr, sizeof addr);
	if (conn_trusted_proxy(addr))
		return MHD_YES;
	now = instant_mono_ms();
	pthread_mutex_lock(&conn_lock);
	/* Invariant 4: make room by the slowest of this address. */
	while ((c = conn_evictable(addr, now, &n)) != NULL &&
	    n >= conn_cfg->per_address) {
		shutdown(c->fd, SHUT_RDWR);
		c->reaped = true;
	}
	room = n < conn_cfg->per_address;
	if (room) {
		/* Invariant 3: the place is held from now on. */
		c = xcalloc(1, sizeof *c);
		c->fd = -1;
		snprintf(c->addr, sizeof c->addr, "%s", addr);
		c->phase = CONN_HEAD;
		c->since_ms = now;
		c->pending = true;
		conn_link(c);
	}
	pthread_mutex_unlock(&conn_lock);
	return room ? MHD_YES : MHD_NO;
}

void
conn_notify(void *cls, struct MHD_Connection *mc, void **socket_context,
    enum MHD_ConnectionNotificationCode toe)
{
	const union MHD_ConnectionInfo *ci;
	char addr[ADDR_MAX] = "";
	struct conn *c, *p;
	int fd = -1;

	(void)cls;
	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		ci = MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CONNECTION_FD);
		if (ci != NULL)
			fd = ci->connect_fd;
		ci = MHD_get_connection_info(mc,
		    MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		if (ci != NULL && ci->client_addr != NULL)
			addr_text(ci->client_addr, addr, sizeof addr);
		pthread_mutex_lock(&conn_lock);
		/* Invariant 3: take over the place the accept check held. */
		for (c = NULL, p = conns; p != NULL; p = p->next)
			if (p->pending && strcmp(p->addr, addr) == 0) {
				c = p;
				break;
			}
		if (c == NULL) {
			c = xcalloc(1, sizeof *c);
			snprintf(c->addr, sizeof c->addr, "%s", addr);
			conn_link(c);
		}
		c->pending = false;
		c->fd = fd;
		c->phase = CONN_HEAD;
		c->since_ms = instant_mono_ms();
		pthread_mutex_unlock(&conn_lock);
		*socket_context = c;
		return;
	}
	if ((c = *socket_context) == NULL)
		return;
	pthread_mutex_lock(&conn_lock);
	conn_unlink(c);
	pthread_mutex_unlock(&conn_lock);
	free(c);
	*socket_context = NULL;
}

void
conn_phase(struct MHD_Connection *mc, enum conn_phase phase)
{
	const union MHD_ConnectionInfo *ci;
	struct conn *c;

	ci = MHD_get_connection_info(mc, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	if (ci == NULL || (c = ci->socket_context) == NULL)
		return;
	pthread_mutex_lock(&conn_lock);
	c->phase = phase;
	c->since_ms = instant_mono_ms();
	pthread_mutex_unlock(&conn_lock);
}

/* Invariant 1: shut down (never close) what overran its deadline. */
static void *
reaper_main(void *arg)
{
	struct timespec until;
	struct conn *c, *next;
	int64_t now, head_ms, body_ms, idle_ms;

	(void)arg;
	head_ms = (int64_t)conn_cfg->header_timeout * 1000;
	body_ms = (int64_t)conn_cfg->body_timeout * 1000;
	idle_ms = (int64_t)conn_cfg->idle_timeout * 1000;
	if (idle_ms > 0 && idle_ms < head_ms)
		idle_ms = head_ms;
	pthread_mutex_lock(&conn_lock);
	while (!reaper_stop) {
		now = instant_mono_ms();
		for (c = conns; c != NULL; c = next) {
			next = c->next;
			if (c->pending) {
				if (now - c->since_ms > PENDING_MS) {
					conn_unlink(c);
					free(c);
				}
				continue;
			}
			int64_t limit = c->phase == CONN_HEAD ? head_ms :
			    c->phase == CONN_BODY ? body_ms :
			    c->phase == CONN_IDLE && head_ms > 0 ? idle_ms : 0;

			if (limit > 0 && !c->reaped && c->fd >= 0 &&
			    now - c->since_ms > limit) {
				shutdown(c->fd, SHUT_RDWR);
				c->reaped = true;
			}
		}
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += REAP_EVERY_MS * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&conn_wake, &conn_lock, &until);
	}
	pthread_mutex_unlock(&conn_lock);
	return NULL;
}

int
conn_start(const struct api_config *cfg, struct err *e)
{
	conn_cfg = cfg;
	reaper_stop = false;
	if (cfg->header_timeout == 0 && cfg->body_timeout == 0)
		return 0;
	if (pthread_create(&reaper, NULL, reaper_main, NULL) != 0)
		return err_set(e, ERR_INTERNAL, "", "cannot start the reaper thread");
	reaper_running = true;
	return 0;
}

void
conn_stop(void)
{
	if (reaper_running) {
		pthread_mutex_lock(&conn_lock);
		reaper_stop = true;
		pthread_cond_signal(&conn_wake);
		pthread_mutex_unlock(&conn_lock);
		pthread_join(reaper, NULL);
		reaper_running = false;
	}
	conn_cfg = NULL;
}
