/*
 * err.h - the one error convention of Doorloop.
 *
 * Functions return 0 on success and -1 on failure (or a pointer / NULL) and
 * fill a caller-owned struct err with a stable code, the offending field (if
 * any) and a human message.  The API layer maps codes to HTTP statuses; the
 * CLI maps ERR_INVALID to exit 2 and everything else to exit 1.
 *
 * Broken invariants are not errors: they abort() loudly.
 */
#ifndef DOORLOOP_ERR_H
#define DOORLOOP_ERR_H

enum err_code {
	ERR_OK = 0,
	ERR_INVALID,		/* bad input: 400, CLI exit 2 */
	ERR_UNAUTHORIZED,	/* no or expired credentials: 401 */
	ERR_FORBIDDEN,		/* role may not do this at all: 403 */
	ERR_NOT_FOUND,		/* absent, or present but not visible: 404 */
	ERR_CONFLICT,		/* state conflict, unique violation: 409 */
	ERR_TOO_LARGE,		/* input over a named limit: 413 */
	ERR_RATE_LIMITED,	/* too many attempts: 429 */
	ERR_LOCKED,		/* account locked: 423 */
	ERR_UNAVAILABLE,	/* the database is out of reach for now: 503 */
	ERR_IO,			/* file or network failure: 500 / exit 1 */
	ERR_DB,			/* database failure: 500 / exit 1 */
	ERR_CRYPTO,		/* decryption or key failure: 500 / exit 1 */
	ERR_INTERNAL		/* anything else: 500 / exit 1 */
};

#define ERR_FIELD_MAX 64
#define ERR_MSG_MAX 256

/*
 * Reason keys: the stable, machine-readable "why" of an error that reaches a
 * user ("birth_date.in_future").  Every key is declared once in
 * util/reasons.def; the web app translates by key from one Dutch and one
 * English table (tests/api/reasons.test.mjs walks the list), never by the
 * English message.  R_NONE means "no specific reason": the API then answers
 * the generic key of the code ("invalid", "not_found", ...).
 */
enum err_reason {
	R_NONE = 0,
#define REASON(id, key) id,
#include "util/reasons.def"
#undef REASON
	R__COUNT
};

struct err {
	enum err_code code;
	char field[ERR_FIELD_MAX];	/* JSON field name, "" when none */
	char msg[ERR_MSG_MAX];
	/* Optional machine-readable names behind the message, comma-separated
	 * (e.g. the unsettled life domains of a refused closure); the API
	 * answers them as "details": [...].  err_set clears it. */
	char detail[ERR_MSG_MAX];
	enum err_reason reason;		/* R_NONE unless err_setr named one */
};

void err_init(struct err *e);
/* Fill e and return -1, so callers can write: return err_setr(...).  The
 * reason key is one of util/reasons.def, or R_NONE. */
int err_setr(struct err *e, enum err_code code, const char *field,
    enum err_reason reason, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* err_setr without a reason key: the API answers the code's name. */
#define err_set(e, code, field, ...) \
	err_setr((e), (code), (field), R_NONE, __VA_ARGS__)
/* The key of a reason ("birth_date.in_future"); NULL for R_NONE. */
const char *err_reason_key(enum err_reason r);
/* The key the API answers for e: its reason, else the code's name. */
const char *err_reason_of(const struct err *e);
/* Set e->detail (after err_set); returns -1 like err_set. */
int err_detail(struct err *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Stable lower-case name of a code ("invalid", "not_found", ...). */
const char *err_code_name(enum err_code code);

#endif
