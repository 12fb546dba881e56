/* err.c - filling and naming errors; see err.h. */
#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void
err_init(struct err *e)
{
	e->code = ERR_OK;
	e->field[0] = '\0';
	e->msg[0] = '\0';
	e->detail[0] = '\0';
	e->reason = R_NONE;
}

static void
err_fill(struct err *e, enum err_code code, const char *field,
    enum err_reason reason, const char *fmt, va_list ap)
{
	e->code = code;
	snprintf(e->field, sizeof e->field, "%s", field ? field : "");
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	e->detail[0] = '\0';
	e->reason = reason;
}

int
err_setr(struct err *e, enum err_code code, const char *field,
    enum err_reason reason, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return -1;
	va_start(ap, fmt);
	err_fill(e, code, field, reason, fmt, ap);
	va_end(ap);
	return -1;
}

static const char *const reason_keys[R__COUNT] = {
	[R_NONE] = NULL,
#define REASON(id, key) [id] = key,
#include "util/reasons.def"
#undef REASON
};

const char *
err_reason_key(enum err_reason r)
{
	if ((unsigned)r >= R__COUNT)
		return NULL;
	return reason_keys[r];
}

const char *
err_reason_of(const struct err *e)
{
	const char *k = err_reason_key(e->reason);

	return k != NULL ? k : err_code_name(e->code);
}

int
err_detail(struct err *e, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return -1;
	va_start(ap, fmt);
	vsnprintf(e->detail, sizeof e->detail, fmt, ap);
	va_end(ap);
	return -1;
}

const char *
err_code_name(enum err_code code)
{
	switch (code) {
	case ERR_OK: return "ok";
	case ERR_INVALID: return "invalid";
	case ERR_UNAUTHORIZED: return "unauthorized";
	case ERR_FORBIDDEN: return "forbidden";
	case ERR_NOT_FOUND: return "not_found";
	case ERR_CONFLICT: return "conflict";
	case ERR_TOO_LARGE: return "too_large";
	case ERR_RATE_LIMITED: return "rate_limited";
	case ERR_LOCKED: return "locked";
	case ERR_UNAVAILABLE: return "unavailable";
	case ERR_IO: return "io";
	case ERR_DB: return "db";
	case ERR_CRYPTO: return "crypto";
	case ERR_INTERNAL: return "internal";
	}
	return "internal";
}
