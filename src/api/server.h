/*
 * server.h - the HTTP server's private interface, shared by its three
 * files: server.c (the daemon, one request's life, sessions, CSRF, routing,
 * responses), static.c (the web app's files and allow-listed vendor
 * packages, gzip from gzip.c) and reqlog.c (the one log line per request
 * and libmicrohttpd's diagnostics).  Handlers never include it (api.h).
 */
#ifndef DOORLOOP_API_SERVER_H
#define DOORLOOP_API_SERVER_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

#include <microhttpd.h>

#include "api/api.h"
#include "auth/audit_writer.h"

#define REQUEST_ID_BYTES 6

/* The life of one request; *con_cls of libmicrohttpd. */
struct request {
	struct arena a;
	struct MHD_Connection *conn;
	struct api_req req;
	struct principal who;
	const struct api_route *route;
	char request_id[2 * REQUEST_ID_BYTES + 1];
	int64_t start_ms;
	const char *token;	/* Bearer or cookie, or NULL */
	const char *log_route;	/* pattern, "static", "vendor" or NULL */
	const char *log_error;	/* 5xx detail for the log only */
	bool is_api;
	bool has_body;		/* Content-Length > 0 or chunked */
	bool checked;		/* request_begin found nothing to refuse */
	bool too_large;
	char *buf;		/* the body as it arrives (malloc) */
	size_t len, cap, limit;
	uint64_t seen;		/* body bytes received, kept or not */
	int status;		/* queued status, 0 while none */
	bool secure;		/* over TLS, here or at a trusted proxy */
	/* A GET's audit entries, and its answer held until they are durable
	 * (the connection is suspended meanwhile, not the thread). */
	struct audit_defer audit;
	struct MHD_Response *held;
	int held_status;
	/* An API_HASHES request answered on a thread of the slow pool: its
	 * answer is held, and what request_answer returned, until resumed. */
	bool slow;
	enum MHD_Result slow_ret;
	struct request *slow_next;
};

/* conn.c: connection admission and deadlines.  The phase of a connection:
 * sending its first head, its body, in our hands, or kept alive after an
 * answer (until its next head is complete). */
enum conn_phase { CONN_HEAD, CONN_BODY, CONN_BUSY, CONN_IDLE };
int conn_start(const struct api_config *cfg, struct err *e);
void conn_stop(void);
enum MHD_Result conn_accept(void *cls, const struct sockaddr *sa,
    socklen_t len);
void conn_notify(void *cls, struct MHD_Connection *mc, void **socket_context,
    enum MHD_ConnectionNotificationCode toe);
void conn_phase(struct MHD_Connection *mc, enum conn_phase phase);
bool conn_trusted_proxy(const char *addr);


/* The configuration api_serve runs with (NULL when not serving). */
extern const struct api_config *srv_cfg;

/* server.c: responses.  srv_queue adds the headers every response carries,
 * queues and releases resp; srv_respond_json takes ownership of body. */
enum MHD_Result srv_queue(struct request *r, struct MHD_Response *resp,
    int status);
enum MHD_Result srv_respond_text(struct request *r, int status,
    const char *text);
enum MHD_Result srv_respond_json(struct request *r, int status, json_t *body,
    const char *set_cookie, const char *allow);

/* free() for what jansson allocated (json_dumps). */
void srv_json_free(void *p);

/* static.c: a GET or HEAD of a path outside /api/. */
enum MHD_Result srv_static(struct request *r, const char *url);

/* reqlog.c */
void srv_log_request(struct request *r);
void srv_log_line(json_t *j);	/* one line on stderr; releases j */
void srv_mhd_log(void *cls, const char *fmt, va_list ap);

#endif
