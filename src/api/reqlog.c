/*
 * reqlog.c - the request log: one JSON line on stderr per request
 * (method, route pattern, status, duration, request id, user id) and
 * libmicrohttpd's own diagnostics in the same form.
 *
 * Must never: log a body, a query string, a raw path, a token, a name or a
 * BSN; a 5xx's detail goes here and never to the client.
 */
#include "api/server.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/id.h"

static const char *log_method(const char *);

/* One line per request: never a body, raw path, query, token or name. */
void
srv_log_request(struct request *r)
{
	char ts[INSTANT_LEN + 1];
	int64_t now = instant_now_ms();
	json_t *j;

	instant_format(now, ts);
	j = json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:I, s:o}",
	    "ts", ts,
	    "level", r->status >= 500 ? "error" : "info",
	    "request_id", r->request_id,
	    "method", log_method(r->req.method),
	    "route", api_str(r->log_route),
	    "status", r->status != 0 ? json_integer(r->status) : json_null(),
	    "duration_ms", (json_int_t)(now - r->start_ms),
	    "user_id", api_str(r->req.who != NULL ? r->who.user_id : NULL));
	if (j != NULL && r->log_error != NULL)
		json_object_set_new(j, "error", api_str(r->log_error));
	srv_log_line(j);
}

/* Writes j as one line on stderr and releases it. */
void
srv_log_line(json_t *j)
{
	char *s;

	if (j == NULL)
		return;
	s = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	if (s == NULL)
		return;
	fprintf(stderr, "%s\n", s);
	srv_json_free(s);
}

/* The method as logged: known ones verbatim, anything else as "other". */
static const char *
log_method(const char *m)
{
	static const char *const known[] = {
		"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"
	};
	size_t i;

	for (i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strcmp(m, known[i]) == 0)
			return known[i];
	return "other";
}

/* libmicrohttpd's own diagnostics, as JSON lines like ours. */
void
srv_mhd_log(void *cls, const char *fmt, va_list ap)
{
	char msg[512];
	size_t n;
	json_t *j;

	vsnprintf(msg, sizeof msg, fmt, ap);
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
		msg[--n] = '\0';
	j = json_pack("{s:s, s:s}", "level", "warn", "msg", msg);
	if (j == NULL)	/* not UTF-8: say so rather than lose the line */
		j = json_pack("{s:s, s:s}", "level", "warn", "msg",
		    "libmicrohttpd diagnostic (not printable)");
	srv_log_line(j);
}
