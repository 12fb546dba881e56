/*
 * json.c - turning request input into validated C values, and C values
 * back into JSON.
 *
 * Owns: strict object parsing (api_parse_object), route pattern matching
 * (api_route_match), the error-code-to-status mapping and the error body,
 * and the small builders handlers use for strings and dates.  Everything
 * here is pure: no libmicrohttpd, no database, no global state, so the unit
 * tests link it without the server or the route table.
 *
 * Invariants:
 *   1. A request body reaches a handler only through api_parse_object, which
 *      accepts exactly the members its spec names, each with the declared
 *      type; the first violation is reported as ERR_INVALID naming the member.
 *   2. Strings handed to a handler are arena copies: they live exactly as
 *      long as the request, independent of the jansson document.
 *   3. A route parameter is one non-empty path segment; a pattern and a path
 *      match only segment for segment (no trailing slash, no prefixes).
 *
 * Must never: log or echo a member's value (only its name), or accept a
 * value that does not round-trip to what the handler will store.
 */
#include "api/api.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/id.h"
#include "util/mem.h"

static int	 parse_field(struct api_req *, const struct api_field *,
		    json_t *, struct err *);
static int	 parse_enum_set(const struct api_field *, json_t *,
		    struct err *);
static int	 parse_string(struct api_req *, const struct api_field *,
		    json_t *, struct err *);
static size_t	 utf8_length(const char *, size_t);
static bool	 blank(const char *);
static const char *segment_end(const char *);

int
api_parse_object(struct api_req *req, const struct api_field *fields,
    size_t nfields, struct err *e)
{
	const char *key;
	json_t *val;
	size_t i;
	int rc = -1;

	if (req->body == NULL || !json_is_object(req->body)) {
		err_setr(e, ERR_INVALID, "", R_BODY_NOT_OBJECT,
		    "the body must be a JSON object");
		goto out;
	}

	/* Reject what the spec does not name before looking at values. */
	json_object_foreach(req->body, key, val) {
		for (i = 0; i < nfields; i++)
			if (strcmp(fields[i].name, key) == 0)
				break;
		if (i == nfields) {
			/* A name too long for err.field is named as the body's:
			 * cut, it would name no member (or cut a character). */
			err_setr(e, ERR_INVALID,
			    strlen(key) < ERR_FIELD_MAX ? key : "",
			    R_FIELD_NOT_ALLOWED, "unknown field");
			goto out;
		}
	}

	for (i = 0; i < nfields; i++) {
		const struct api_field *f = &fields[i];

		if (f->out == NULL)
			abort();	/* a spec without a destination is a bug */
		val = json_object_get(req->body, f->name);
		if (f->present != NULL)
			*f->present = val != NULL;
		if (val == NULL || json_is_null(val)) {
			if (val == NULL && f->required) {
				err_setr(e, ERR_INVALID, f->name,
				    R_FIELD_REQUIRED,
				    "is required");
				goto out;
			}
			if (val != NULL && !f->nullable) {
				err_setr(e, ERR_INVALID, f->name,
				    R_FIELD_NOT_NULL,
				    "must not be null");
				goto out;
			}
			/* Absent or null: pointers and dates are cleared, the
			 * rest keep the caller's default. */
			if (f->type == F_STRING || f->type == F_ID)
				*(const char **)f->out = NULL;
			else if (f->type == F_DATE)
				*(dl_date *)f->out = DATE_NONE;
			continue;
		}
		if (parse_field(req, f, val, e) == -1)
			goto out;
	}
	rc = 0;
out:
	return rc;
}

/* What a value of each of these types must be: the reason and message
 * when the JSON value is not of that kind. */
static const struct {
	enum err_reason reason;
	const char *msg;
} field_kinds[] = {
	[F_DATE] = { R_FIELD_NOT_A_DATE, "must be a date (YYYY-MM-DD)" },
	[F_BOOL] = { R_FIELD_NOT_A_BOOLEAN, "must be a boolean" },
	[F_INT] = { R_FIELD_NOT_AN_INTEGER, "must be an integer" },
	[F_ID] = { R_FIELD_NOT_A_STRING, "must be a string" },
	[F_ENUM] = { R_FIELD_NOT_A_STRING, "must be a string" },
};

static int
wrong_type(const struct api_field *f, struct err *e)
{
	return err_setr(e, ERR_INVALID, f->name, field_kinds[f->type].reason,
	    "%s", field_kinds[f->type].msg);
}

static int
parse_field(struct api_req *req, const struct api_field *f, json_t *val,
    struct err *e)
{
	const char *s;
	dl_date d;
	int v;

	switch (f->type) {
	case F_STRING:
		return parse_string(req, f, val, e);
	case F_DATE:
		if (!json_is_string(val) ||
		    date_parse(json_string_value(val), &d) == -1)
			return wrong_type(f, e);
		*(dl_date *)f->out = d;
		return 0;
	case F_BOOL:
		if (!json_is_boolean(val))
			return wrong_type(f, e);
		*(bool *)f->out = json_is_true(val);
		return 0;
	case F_INT:
		if (!json_is_integer(val))
			return wrong_type(f, e);
		*(int64_t *)f->out = (int64_t)json_integer_value(val);
		return 0;
	case F_ID:
		if (!json_is_string(val))
			return wrong_type(f, e);
		s = json_string_value(val);
		if (!id_valid(s))
			return err_setr(e, ERR_INVALID, f->name,
			    R_FIELD_NOT_AN_ID,
			    "must be an id");
		*(const char **)f->out = arena_strdup(req->a, s);
		return 0;
	case F_ENUM:
		if (f->enum_parse == NULL)
			abort();	/* F_ENUM without a parser is a bug */
		if (!json_is_string(val))
			return wrong_type(f, e);
		if (f->enum_parse(json_string_value(val), &v) == -1)
			return err_setr(e, ERR_INVALID, f->name,
			    R_FIELD_NOT_ALLOWED_VALUE,
			    "is not one of the allowed values");
		*(int *)f->out = v;
		return 0;
	case F_ENUM_SET:
		return parse_enum_set(f, val, e);
	}
	abort();
}

/* An array of allowed strings as a set of bits; a repeat is harmless. */
static int
parse_enum_set(const struct api_field *f, json_t *val, struct err *e)
{
	unsigned bits = 0;
	size_t i;
	json_t *x;
	int v;

	if (f->enum_parse == NULL)
		abort();	/* F_ENUM_SET without a parser is a bug */
	if (!json_is_array(val))
		return err_setr(e, ERR_INVALID, f->name, R_FIELD_NOT_AN_ARRAY,
		    "must be an array");
	json_array_foreach(val, i, x) {
		if (!json_is_string(x))
			return err_setr(e, ERR_INVALID, f->name,
			    R_FIELD_NOT_A_STRING,
			    "must hold strings only");
		if (f->enum_parse(json_string_value(x), &v) == -1 || v < 0 ||
		    v > 31)
			return err_setr(e, ERR_INVALID, f->name,
			    R_FIELD_NOT_ALLOWED_VALUE,
			    "holds a value that is not allowed");
		bits |= 1u << v;
	}
	*(unsigned *)f->out = bits;
	return 0;
}

/*
 * A string must be valid text: no NUL inside (the parser already refuses
 * \u0000, but a document built in code might not), not empty or blank,
 * and at most max_len characters (code points, not bytes).
 */
static int
parse_string(struct api_req *req, const struct api_field *f, json_t *val,
    struct err *e)
{
	size_t max = f->max_len ? f->max_len : API_MAX_STRING;
	const char *s;
	size_t len;

	if (!json_is_string(val))
		return err_setr(e, ERR_INVALID, f->name, R_FIELD_NOT_A_STRING,
		    "must be a string");
	s = json_string_value(val);
	len = json_string_length(val);
	if (strlen(s) != len)
		return err_setr(e, ERR_INVALID, f->name,
		    R_FIELD_CONTROL_CHARACTERS,
		    "must not contain NUL characters");
	if (blank(s))
		return err_setr(e, ERR_INVALID, f->name, R_FIELD_EMPTY,
		    "must not be empty");
	if (utf8_length(s, len) > max)
		return err_setr(e, ERR_INVALID, f->name, R_FIELD_TOO_LONG,
		    "must be at most %zu characters", max);
	*(const char **)f->out = arena_strndup(req->a, s, len);
	return 0;
}

/* Code points in valid UTF-8 (jansson guarantees validity). */
static size_t
utf8_length(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

/* True for "" and for strings of ASCII white space only. */
static bool
blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (strchr(" \t\r\n\f\v", *s) == NULL)
			return false;
	return true;
}

json_t *
api_str(const char *s)
{
	json_t *j;

	if (s == NULL)
		return json_null();
	/* Stored text came in through the JSON parser, so it is valid UTF-8;
	 * should it not be, null is safer than a response that cannot be built. */
	j = json_string(s);
	return j != NULL ? j : json_null();
}

int
api_enum_index(const char *const *names, size_t n, const char *s, int *out)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (int)i;
			return 0;
		}
	return -1;
}

int
api_answer(struct api_resp *resp, json_t *body, struct err *e)
{
	resp->body = body;
	if (body == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "cannot build JSON");
	return 0;
}

json_t *
api_date(dl_date d)
{
	char buf[DATE_STR_LEN + 1];

	if (d == DATE_NONE || d == DATE_OPEN)
		return json_null();
	date_format(d, buf);
	return json_string(buf);
}

int
api_status_for(enum err_code code)
{
	switch (code) {
	case ERR_OK:
		return 200;
	case ERR_INVALID:
		return 400;
	case ERR_UNAUTHORIZED:
		return 401;
	case ERR_FORBIDDEN:
		return 403;
	case ERR_NOT_FOUND:
		return 404;
	case ERR_CONFLICT:
		return 409;
	case ERR_TOO_LARGE:
		return 413;
	case ERR_LOCKED:
		return 423;
	case ERR_RATE_LIMITED:
		return 429;
	case ERR_UNAVAILABLE:
		return 503;
	case ERR_IO:
	case ERR_DB:
	case ERR_CRYPTO:
	case ERR_INTERNAL:
		break;
	}
	return 500;
}

json_t *
api_error_body(const struct err *e)
{
	int status = api_status_for(e->code);
	const char *code, *msg, *reason;
	json_t *field, *body;

	if (status == 503) {
		/* Our own words (db drivers never put the server's text in an
		 * ERR_UNAVAILABLE): the client may try again shortly. */
		code = err_code_name(e->code);
		reason = err_reason_of(e);
		msg = "the service is briefly unavailable; try again shortly";
		field = json_null();
	} else if (status >= 500) {
		/* The detail is for the log; the client learns only that we failed. */
		code = "internal";
		reason = "internal";
		msg = "internal error";
		field = json_null();
	} else {
		code = err_code_name(e->code);
		reason = err_reason_of(e);
		msg = e->msg[0] != '\0' ? e->msg : code;
		field = e->field[0] != '\0' ? api_str(e->field) : json_null();
	}
	body = json_pack("{s:{s:s, s:s, s:s, s:o}}", "error", "code", code,
	    "reason", reason, "message", msg, "field", field);
	if (status < 500 && e->detail[0] != '\0') {
		json_t *details = json_array();
		const char *p = e->detail;

		while (*p != '\0') {
			size_t n = strcspn(p, ",");
			const char *q = p;

			while (*q == ' ' && n > 0) {
				q++;
				n--;
			}
			json_array_append_new(details, json_stringn(q, n));
			p = q + n;
			if (*p == ',')
				p++;
		}
		json_object_set_new(json_object_get(body, "error"), "details",
		    details);
	}
	return body;
}

/* The end of the path segment that starts at p. */
static const char *
segment_end(const char *p)
{
	const char *q = strchr(p, '/');

	return q != NULL ? q : p + strlen(p);
}

int
api_route_match(const char *pattern, const char *path, struct arena *a,
    const char **params, int *nparams)
{
	const char *p = pattern, *s = path, *pe, *se;
	const char *found[API_MAX_PARAMS];
	size_t flen[API_MAX_PARAMS];
	int i, n = 0;

	if (*p != '/' || *s != '/')
		return 0;
	while (*p == '/' && *s == '/') {
		p++;
		s++;
		pe = segment_end(p);
		se = segment_end(s);
		if (pe - p >= 2 && *p == '{' && pe[-1] == '}') {
			if (se == s || n == API_MAX_PARAMS)
				return 0;
			found[n] = s;
			flen[n] = (size_t)(se - s);
			n++;
		} else if (pe - p != se - s ||
		    memcmp(p, s, (size_t)(pe - p)) != 0)
			return 0;
		p = pe;
		s = se;
	}
	if (*p != '\0' || *s != '\0')
		return 0;
	for (i = 0; i < n; i++)
		params[i] = arena_strndup(a, found[i], flen[i]);
	*nparams = n;
	return 1;
}

/*
 * ---- serialising ----
 *
 * The bytes json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY) gives, in one
 * pass into one growing buffer (jansson's own dump costs about a fifth of
 * a timeline read's instructions).  Strings are valid UTF-8 already
 * (jansson checks them when they are made); escaped as jansson does: the
 * quote, the backslash, \b \f \n \r \t, other controls as \u00XX in upper
 * case hex, everything else as is.  A real is left to jansson: NULL.
 */
struct dump_buf {
	char	*p;
	size_t	 len, cap;
};

static void
dump_put(struct dump_buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t c = b->cap != 0 ? b->cap : 4096;

		while (b->len + n + 1 > c)
			c *= 2;
		b->p = xrealloc(b->p, c);
		b->cap = c;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
}

static void
dump_string(struct dump_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i, run = 0;
	char u[6] = { '\\', 'u', '0', '0', 0, 0 };

	dump_put(b, "\"", 1);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		dump_put(b, s + run, i - run);
		run = i + 1;
		switch (c) {
		case '"':	dump_put(b, "\\\"", 2); break;
		case '\\':	dump_put(b, "\\\\", 2); break;
		case '\b':	dump_put(b, "\\b", 2); break;
		case '\f':	dump_put(b, "\\f", 2); break;
		case '\n':	dump_put(b, "\\n", 2); break;
		case '\r':	dump_put(b, "\\r", 2); break;
		case '\t':	dump_put(b, "\\t", 2); break;
		default:
			u[4] = hex[c >> 4];
			u[5] = hex[c & 15];
			dump_put(b, u, 6);
		}
	}
	dump_put(b, s + run, n - run);
	dump_put(b, "\"", 1);
}

static int
dump_value(struct dump_buf *b, json_t *v)
{
	char num[32];
	const char *key;
	json_t *x;
	size_t i;
	void *it;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		dump_put(b, "{", 1);
		for (it = json_object_iter(v), i = 0; it != NULL;
		    it = json_object_iter_next(v, it), i++) {
			key = json_object_iter_key(it);
			if (i > 0)
				dump_put(b, ",", 1);
			dump_string(b, key, json_object_iter_key_len(it));
			dump_put(b, ":", 1);
			if (dump_value(b, json_object_iter_value(it)) != 0)
				return -1;
		}
		dump_put(b, "}", 1);
		return 0;
	case JSON_ARRAY:
		dump_put(b, "[", 1);
		json_array_foreach(v, i, x) {
			if (i > 0)
				dump_put(b, ",", 1);
			if (dump_value(b, x) != 0)
				return -1;
		}
		dump_put(b, "]", 1);
		return 0;
	case JSON_STRING:
		dump_string(b, json_string_value(v), json_string_length(v));
		return 0;
	case JSON_INTEGER:
		dump_put(b, num, (size_t)snprintf(num, sizeof num, "%" PRId64,
		    (int64_t)json_integer_value(v)));
		return 0;
	case JSON_TRUE:
		dump_put(b, "true", 4);
		return 0;
	case JSON_FALSE:
		dump_put(b, "false", 5);
		return 0;
	case JSON_NULL:
		dump_put(b, "null", 4);
		return 0;
	default:
		return -1;	/* a real: jansson's own formatting */
	}
}

char *
api_json_dump(json_t *v, size_t *len)
{
	struct dump_buf b = { NULL, 0, 0 };

	if (dump_value(&b, v) != 0) {
		free(b.p);
		return NULL;
	}
	dump_put(&b, "", 0);
	b.p[b.len] = '\0';
	*len = b.len;
	return b.p;
}
