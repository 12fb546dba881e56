/*
 * api.h - the HTTP/JSON layer's internal interface.
 *
 * The server (server.c) turns bytes into a struct api_req: it enforces the
 * named limits below, parses the body with jansson (rejecting duplicates and
 * over-deep documents), resolves the session into a principal, checks CSRF
 * for cookie sessions, matches the route in the one static table
 * (routes.c) and calls its handler.  Handlers never see raw bytes or
 * libmicrohttpd; they read fields through api_parse_object() and answer
 * with a JSON body in struct api_resp, or return -1 with a struct err that
 * the server maps to {"error": {"code", "message", "field"}}:
 *   ERR_INVALID 400, ERR_UNAUTHORIZED 401, ERR_FORBIDDEN 403,
 *   ERR_NOT_FOUND 404, ERR_CONFLICT 409, ERR_TOO_LARGE 413, ERR_LOCKED 423,
 *   ERR_RATE_LIMITED 429, anything else 500 (message replaced by a generic
 *   one; the detail goes to the log without client data).
 */
#ifndef DOORLOOP_API_H
#define DOORLOOP_API_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "auth/auth.h"
#include "core/date.h"
#include "util/err.h"
#include "util/mem.h"

struct db;

/* ---- named limits ---- */
#define API_MAX_BODY (1024 * 1024)	/* 413 beyond */
#define API_MAX_JSON_DEPTH 16		/* 400 beyond */
#define API_MAX_STRING 4096		/* default max length of a JSON string field */
#define API_MAX_HEADER (16 * 1024)	/* libmicrohttpd memory limit per connection */
#define API_MAX_CONNECTIONS 512
#define API_CONNECTION_TIMEOUT 30	/* seconds */
#define API_MAX_PARAMS 4
#define API_PAGE_MAX 200		/* ?limit= beyond is 400 */
#define API_PAGE_DEFAULT 50

struct api_req {
	struct arena *a;		/* dies with the request */
	struct db *db;			/* this worker thread's connection */
	const char *method;
	const char *path;
	const char *route;		/* the matched pattern, for logs */
	const char *params[API_MAX_PARAMS];	/* {x} segments in order */
	int nparams;
	json_t *body;			/* NULL when no body; borrowed */
	const struct principal *who;	/* NULL only on public routes */
	const char *request_id;
	const char *remote_addr;
	void *impl;			/* server-private (query string access) */
	int gate_act;			/* act + 1 once the gate opened (gate.c) */
	unsigned flags;			/* the route's enum api_route_flags */
	bool refusal_audited;		/* a denied entry was written */
};

struct api_resp {
	int status;			/* 200 when left 0 */
	json_t *body;			/* owned by the response; NULL for 204 */
	const char *set_cookie;		/* arena string, or NULL */
	/* A body that is not JSON (a PDF export): bytes in the arena, its
	 * Content-Type and a download name; used when body is NULL. */
	const unsigned char *raw;
	size_t raw_len;
	const char *raw_type, *raw_filename;
};

/* A handler's type; headers declare handlers with it, one declaration for
 * the handlers of one resource: `api_handler api_x_list, api_x_get;`.  Its
 * parameters, once, for the definitions too:
 *   int
 *   api_x_list(API_ARGS)
 *   { ... req, resp and e ... } */
#define API_ARGS struct api_req *req, struct api_resp *resp, struct err *e
typedef int api_handler(API_ARGS);
typedef api_handler *api_handler_fn;

enum api_route_flags {
	API_PUBLIC = 1 << 0,		/* no session needed */
	API_PARTIAL = 1 << 1,		/* open to a session at a log-in step (auth_stage) */
	/* Which of its two routes one handler answers (req->flags): */
	API_END = 1 << 2,		/* POST .../end: end the record, not change it */
	API_REFUSE = 1 << 3,		/* refuse the request, not approve it */
	API_DEACTIVATE = 1 << 4,	/* deactivate the account, not reactivate it */
	/* Runs Argon2id: answered on a thread of its own (server.c), its
	 * connection suspended meanwhile, not the thread that received it. */
	API_HASHES = 1 << 5
};

struct api_route {
	const char *method;		/* "GET", "POST", "PUT", "PATCH", "DELETE" */
	const char *pattern;		/* "/api/v1/clients/{id}/phases/{pid}" */
	api_handler_fn fn;
	unsigned flags;
	size_t max_body;		/* 0 = API_MAX_BODY */
};

/* The one static route table (routes.c). */
extern const struct api_route api_routes[];
extern const size_t api_nroutes;

/* ---- server ---- */

struct api_config {
	const char *db_url;
	const char *listen;		/* "127.0.0.1:8080" */
	const char *web_root;		/* directory of the web app, or NULL */
	const char *vendor_root;	/* node_modules, served read-only under /vendor/ (allow-listed packages) */
	unsigned threads;		/* 0: number of online cores */
	/* Connections (conn.c): overall cap, per client address (0: none),
	 * seconds to send a request head and a body (0: no deadline), and
	 * libmicrohttpd's idle timeout. */
	unsigned max_connections;
	unsigned per_address;
	unsigned header_timeout;
	unsigned body_timeout;
	unsigned idle_timeout;
	/* Numeric addresses of reverse proxies, comma-separated, or NULL:
	 * only from these are X-Forwarded-For / -Proto believed. */
	const char *trusted_proxies;
	/* PEM certificate chain and private key: HTTPS when both are set. */
	const char *tls_cert;
	const char *tls_key;
};
/* A --trusted-proxy list: numeric addresses separated by commas (conn.c). */
int api_check_trusted_proxies(const char *list, struct err *e);
/* Serve until SIGINT/SIGTERM.  Returns 0 on clean shutdown. */
int api_serve(const struct api_config *cfg, struct err *e);

/* Match path against pattern; fills params (arena copies). 1 match, 0 no. */
int api_route_match(const char *pattern, const char *path, struct arena *a,
    const char **params, int *nparams);

/* gzip of a static file (cached per path, size and mtime), copied into
 * `a`; -1 when it cannot or should not be compressed. (gzip.c) */
struct stat;
int api_gzip_file(int fd, const struct stat *st, const char *path,
    struct arena *a, void **out, size_t *outlen);

/* ---- request helpers ---- */

/* The raw session token of this request (Bearer or cookie), or NULL. */
const char *api_token(struct api_req *req);
/* A request header's value, or NULL. */
const char *api_header(struct api_req *req, const char *name);
/* Query-string value (decoded), or NULL. */
const char *api_query(struct api_req *req, const char *name);
/* ?limit=&offset= with API_PAGE_DEFAULT/API_PAGE_MAX; ERR_INVALID naming the field. */
int api_page(struct api_req *req, int *limit, int *offset, struct err *e);

/*
 * Strict object parsing.  Each field spec names a JSON member, its type,
 * whether it is required and whether null is allowed, and where to put
 * the value.  Members not in the spec are rejected ("unknown field"),
 * wrong types and invalid values give ERR_INVALID naming the field, and a
 * body that is not an object gives ERR_INVALID with field "".
 *
 *   F_STRING: const char ** (arena copy; trimmed length 1..max_len unless
 *             max_len is 0 = API_MAX_STRING; empty string is invalid)
 *   F_DATE:   dl_date * (DATE_NONE when null/absent)
 *   F_BOOL:   bool *
 *   F_INT:    int64_t *
 *   F_ID:     const char ** (must satisfy id_valid)
 *   F_ENUM:   int * via enum_parse (e.g. care_form_parse cast)
 *   F_ENUM_SET: unsigned * bits (1u << value) of an array of strings, each
 *             by enum_parse (values 0..31); [] gives 0
 * `present` (optional) is set to true when the member appeared (even as
 * null), so PATCH handlers can tell "absent" from "null".
 */
enum api_field_type { F_STRING, F_DATE, F_BOOL, F_INT, F_ID, F_ENUM,
	F_ENUM_SET };

struct api_field {
	const char *name;
	enum api_field_type type;
	bool required;
	bool nullable;
	void *out;
	size_t max_len;
	int (*enum_parse)(const char *s, int *out);
	bool *present;
};

int api_parse_object(struct api_req *req, const struct api_field *fields,
    size_t nfields, struct err *e);
/* The number of fields in a field table (an array, not a pointer). */
#define API_NFIELDS(f) (sizeof (f) / sizeof (f)[0])

/*
 * An F_ENUM parser from a typed one: API_ENUM_PARSER(fn, enum care_form,
 * care_form_parse) defines `int fn(const char *, int *)` (prefix it with
 * `static` for a file's own).
 */
#define API_ENUM_PARSER(fn, type, parse)				\
	int fn(const char *s_, int *out_)				\
	{								\
		type v_;						\
									\
		if (parse(s_, &v_) != 0)				\
			return -1;					\
		*out_ = (int)v_;					\
		return 0;						\
	}

/*
 * An F_ENUM parser from its names, the n-th name giving n:
 * API_ENUM_NAMES(fn, "granted", "refused") defines `int fn(const char *,
 * int *)` (prefix it with `static` for a file's own).
 */
int api_enum_index(const char *const *names, size_t n, const char *s,
    int *out);
#define API_ENUM_NAMES(fn, ...)						\
	int fn(const char *s_, int *out_)				\
	{								\
		static const char *const names_[] = { __VA_ARGS__ };	\
									\
		return api_enum_index(names_,				\
		    sizeof names_ / sizeof names_[0], s_, out_);	\
	}

/* JSON building helpers: NULL-safe strings and dates (DATE_NONE/DATE_OPEN -> null). */
json_t *api_str(const char *s);
json_t *api_date(dl_date d);
/* The text json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY) gives, malloc'd
 * (*len bytes, NUL-terminated), or NULL for a value holding a real. */
char *api_json_dump(json_t *v, size_t *len);
/* Answer with `body` (resp->body); a body that could not be built (NULL)
 * is an internal error. */
int api_answer(struct api_resp *resp, json_t *body, struct err *e);

/* ---- error mapping (json.c; pure, also used by tests) ---- */

/* The HTTP status for an error code, as in the table at the top of this file. */
int api_status_for(enum err_code code);
/* {"error": {"code", "message", "field"}}; field null when e->field is "";
 * for 5xx the code is "internal" and the message generic (never e->msg). */
json_t *api_error_body(const struct err *e);

#endif
