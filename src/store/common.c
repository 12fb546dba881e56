/* common.c - binding, reading and stepping for the store; see common.h. */
#include "store/common.h"

#include <stdint.h>
#include <string.h>

#include "crypto/crypto.h"

void *
store_list_add(struct store_list *l)
{
	return store_grow(l->a, l->v, l->n, &l->cap, l->size);
}

int
store_bind_date(struct db_stmt *st, int idx, dl_date d)
{
	char buf[DATE_STR_LEN + 1];

	if (d == DATE_NONE || d == DATE_OPEN)
		return db_bind_null(st, idx);
	date_format(d, buf);
	return db_bind_text(st, idx, buf);
}

dl_date
store_col_date(struct db_stmt *st, int col)
{
	const char *s = db_col_text(st, col);
	dl_date d;

	if (s == NULL || date_parse(s, &d) != 0)
		return DATE_NONE;
	return d;
}

char *
store_col_str(struct db_stmt *st, struct arena *a, int col)
{
	return arena_strdup(a, db_col_text(st, col));
}

int
store_bind_enc(struct db_stmt *st, int idx, struct arena *a,
    const char *table, const char *column, const char *row_id,
    const char *plain)
{
	if (plain == NULL)
		return db_bind_null(st, idx);
	return db_bind_text(st, idx,
	    crypto_field_encrypt(a, table, column, row_id, plain));
}

int
store_col_dec(struct db_stmt *st, int col, struct arena *a,
    const char *table, const char *column, const char *row_id, char **out,
    struct err *e)
{
	const char *enc = db_col_text(st, col);

	*out = NULL;
	if (enc == NULL)
		return 0;
	return crypto_field_decrypt(a, table, column, row_id, enc, out, e);
}

void *
store_grow(struct arena *a, void **v, size_t *len, size_t *cap, size_t size)
{
	if (*len == *cap) {
		size_t ncap = *cap ? *cap * 2 : 8;
		void *nv = arena_alloc(a, ncap * size);

		if (*len)
			memcpy(nv, *v, *len * size);
		*v = nv;
		*cap = ncap;
	}
	return (char *)*v + (*len)++ * size;
}

static int
vbind(struct db_stmt *st, struct arena *a, struct err *e, const char *types,
    va_list *ap)
{
	int idx = 1, rc = 0;

	for (const char *t = types; *t != '\0' && rc == 0; t++) {
		switch (*t) {
		case 's':
			rc = db_bind_text(st, idx++, va_arg(*ap, const char *));
			break;
		case 'i':
			rc = db_bind_int64(st, idx++, va_arg(*ap, int64_t));
			break;
		case 'b':
			rc = db_bind_int64(st, idx++, va_arg(*ap, int) != 0);
			break;
		case 'd':
			rc = store_bind_date(st, idx++, (dl_date)va_arg(*ap, int));
			break;
		case 'e': {
			const char *table = va_arg(*ap, const char *);
			const char *column = va_arg(*ap, const char *);
			const char *row = va_arg(*ap, const char *);
			const char *plain = va_arg(*ap, const char *);

			rc = store_bind_enc(st, idx++, a, table, column, row,
			    plain);
			break;
		}
		case 'n':
			rc = db_bind_null(st, idx++);
			break;
		case 'v': {
			size_t n = va_arg(*ap, size_t);
			const char *const *v = va_arg(*ap, const char *const *);

			for (size_t i = 0; i < n && rc == 0; i++)
				rc = db_bind_text(st, idx++, v[i]);
			break;
		}
		default:
			return err_set(e, ERR_INTERNAL, NULL,
			    "store: unknown bind type '%c'", *t);
		}
	}
	if (rc != 0)
		return err_set(e, ERR_INTERNAL, NULL,
		    "store: cannot bind parameter %d", idx - 1);
	return 0;
}

static int
vrow(struct db_stmt *st, struct arena *a, struct err *e, const char *types,
    va_list *ap)
{
	int col = 0;

	for (const char *t = types; *t != '\0'; t++, col++) {
		switch (*t) {
		case 's':
			*va_arg(*ap, char **) = store_col_str(st, a, col);
			break;
		case 'i':
			*va_arg(*ap, int64_t *) = db_col_int64(st, col);
			break;
		case 'I':
			*va_arg(*ap, int *) = (int)db_col_int64(st, col);
			break;
		case 'b':
			*va_arg(*ap, bool *) = db_col_int64(st, col) != 0;
			break;
		case 'd':
			*va_arg(*ap, dl_date *) = store_col_date(st, col);
			break;
		case 'e': {
			const char *table = va_arg(*ap, const char *);
			const char *column = va_arg(*ap, const char *);
			char *const *row = va_arg(*ap, char *const *);
			char **out = va_arg(*ap, char **);

			if (store_col_dec(st, col, a, table, column, *row, out,
			    e) != 0)
				return -1;
			break;
		}
		case 'k': {
			store_kind_fn *fn = va_arg(*ap, store_kind_fn *);

			fn(db_col_text(st, col), va_arg(*ap, void *));
			break;
		}
		case '_':
			break;
		default:
			return err_set(e, ERR_INTERNAL, NULL,
			    "store: unknown column type '%c'", *t);
		}
	}
	return 0;
}

int
store_bind(struct db_stmt *st, struct arena *a, struct err *e,
    const char *types, ...)
{
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = vbind(st, a, e, types, &ap);
	va_end(ap);
	return rc;
}

int
store_row(struct db_stmt *st, struct arena *a, struct err *e,
    const char *types, ...)
{
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = vrow(st, a, e, types, &ap);
	va_end(ap);
	return rc;
}

/* Prepare sql and bind it by `in`; NULL statement on error. */
static struct db_stmt *
prepare(struct db *db, struct arena *a, struct err *e, const char *sql,
    const char *in, va_list *ap)
{
	struct db_stmt *st = NULL;

	if (db_prepare(db, sql, &st, e) != 0)
		return NULL;
	if (vbind(st, a, e, in, ap) != 0) {
		db_finalize(st);
		return NULL;
	}
	return st;
}

int
store_exec(struct db *db, struct arena *a, struct err *e, const char *sql,
    const char *in, ...)
{
	struct db_stmt *st;
	va_list ap;
	int rc;

	va_start(ap, in);
	st = prepare(db, a, e, sql, in, &ap);
	va_end(ap);
	if (st == NULL)
		return -1;
	rc = db_step(st, e);
	if (rc >= 0)
		rc = db_changes(st);
	db_finalize(st);
	return rc < 0 ? -1 : rc;
}

int
store_one(struct db *db, struct arena *a, struct err *e, const char *sql,
    const char *in, const char *out, ...)
{
	struct db_stmt *st;
	va_list ap;
	int rc;

	va_start(ap, out);
	st = prepare(db, a, e, sql, in, &ap);
	if (st == NULL) {
		va_end(ap);
		return -1;
	}
	rc = db_step(st, e);
	if (rc == 1 && vrow(st, a, e, out, &ap) != 0)
		rc = -1;
	va_end(ap);
	if (rc == 1) {
		int more = db_step(st, e);

		if (more < 0)
			rc = -1;
		else if (more == 1)
			rc = err_set(e, ERR_INTERNAL, NULL,
			    "store: more than one row where one was expected");
	}
	db_finalize(st);
	return rc;
}

/* store_each with the parameters in ap. */
static int
veach(struct db *db, struct arena *a, struct err *e, store_row_fn *fn,
    void *ctx, const char *sql, const char *in, va_list *ap)
{
	struct db_stmt *st;
	int rc, n = 0;

	st = prepare(db, a, e, sql, in, ap);
	if (st == NULL)
		return -1;
	while ((rc = db_step(st, e)) == 1) {
		if (fn(st, ctx, e) != 0) {
			rc = -1;
			break;
		}
		n++;
	}
	db_finalize(st);
	return rc < 0 ? -1 : n;
}

int
store_each(struct db *db, struct arena *a, struct err *e, store_row_fn *fn,
    void *ctx, const char *sql, const char *in, ...)
{
	va_list ap;
	int rc;

	va_start(ap, in);
	rc = veach(db, a, e, fn, ctx, sql, in, &ap);
	va_end(ap);
	return rc;
}

int
store_list_rows(struct db *db, struct store_list *l, struct err *e,
    store_row_fn *fn, const char *sql, const char *in, ...)
{
	va_list ap;
	int rc;

	*l->v = NULL;
	*l->n = 0;
	va_start(ap, in);
	rc = veach(db, l->a, e, fn, l, sql, in, &ap);
	va_end(ap);
	return rc < 0 ? -1 : 0;
}

int
store_text_row(struct db_stmt *st, void *ctx, struct err *e)
{
	struct store_list *l = ctx;

	return store_row(st, l->a, e, "s", (char **)store_list_add(l));
}

int
store_get_row(struct db *db, struct arena *a, struct err *e,
    store_row_fn *fn, void *out, size_t size, enum err_reason reason,
    const char *what, const char *sql, const char *in, ...)
{
	void *v = NULL;
	size_t n = 0;
	struct store_list l = { a, &v, &n, 0, size };
	va_list ap;
	int rc;

	va_start(ap, in);
	rc = veach(db, a, e, fn, &l, sql, in, &ap);
	va_end(ap);
	if (rc < 0)
		return -1;
	if (n == 0)
		return err_setr(e, ERR_NOT_FOUND, NULL, reason, "%s not found",
		    what);
	memcpy(out, v, size);
	return 0;
}

int
store_found(int n, struct err *e, enum err_code code, const char *field,
    enum err_reason reason, const char *message)
{
	if (n < 0)
		return -1;
	if (n == 0)
		return err_setr(e, code, field, reason, "%s", message);
	return 0;
}

int
store_tx_end(struct db *db, int rc, struct err *e)
{
	if (rc == 0 && db_commit(db, e) == 0)
		return 0;
	db_rollback(db);
	return -1;
}

int
store_step_done(struct db_stmt *st, struct err *e)
{
	int rc = db_step(st, e);

	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

char *
store_new_id(struct arena *a, char now[INSTANT_LEN + 1])
{
	char id[ID_LEN + 1];

	id_new(id);
	instant_now(now);
	return arena_strdup(a, id);
}

/*
 * Folding for search: U+00C0..U+017F (Latin-1 Supplement and Latin
 * Extended-A) to lower-case ASCII without accents.  The same mapping, as
 * REPLACE calls, backfills client.search_key in 004_client_search.sql:
 * change both together.
 */
static const char *const fold_latin[0x180 - 0xC0] = {
	"a", "a", "a", "a", "a", "a", "ae", "c",	/* U+00C0 */
	"e", "e", "e", "e", "i", "i", "i", "i",	/* U+00C8 */
	"d", "n", "o", "o", "o", "o", "o", NULL,	/* U+00D0 */
	"o", "u", "u", "u", "u", "y", "th", "ss",	/* U+00D8 */
	"a", "a", "a", "a", "a", "a", "ae", "c",	/* U+00E0 */
	"e", "e", "e", "e", "i", "i", "i", "i",	/* U+00E8 */
	"d", "n", "o", "o", "o", "o", "o", NULL,	/* U+00F0 */
	"o", "u", "u", "u", "u", "y", "th", "y",	/* U+00F8 */
	"a", "a", "a", "a", "a", "a", "c", "c",	/* U+0100 */
	"c", "c", "c", "c", "c", "c", "d", "d",	/* U+0108 */
	"d", "d", "e", "e", "e", "e", "e", "e",	/* U+0110 */
	"e", "e", "e", "e", "g", "g", "g", "g",	/* U+0118 */
	"g", "g", "g", "g", "h", "h", "h", "h",	/* U+0120 */
	"i", "i", "i", "i", "i", "i", "i", "i",	/* U+0128 */
	"i", "i", "ij", "ij", "j", "j", "k", "k",	/* U+0130 */
	"k", "l", "l", "l", "l", "l", "l", "l",	/* U+0138 */
	"l", "l", "l", "n", "n", "n", "n", "n",	/* U+0140 */
	"n", "n", "n", "n", "o", "o", "o", "o",	/* U+0148 */
	"o", "o", "oe", "oe", "r", "r", "r", "r",	/* U+0150 */
	"r", "r", "s", "s", "s", "s", "s", "s",	/* U+0158 */
	"s", "s", "t", "t", "t", "t", "t", "t",	/* U+0160 */
	"u", "u", "u", "u", "u", "u", "u", "u",	/* U+0168 */
	"u", "u", "u", "u", "w", "w", "y", "y",	/* U+0170 */
	"y", "z", "z", "z", "z", "z", "z", "s",	/* U+0178 */
};

char *
store_fold(struct arena *a, const char *s)
{
	char *out, *o;

	if (s == NULL)
		return NULL;
	/* Each 2-byte character folds to at most 2 bytes, ASCII to 1. */
	out = o = arena_alloc(a, strlen(s) + 1);
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0';) {
		if (*p < 0x80) {
			*o++ = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
			p++;
			continue;
		}
		if ((*p & 0xE0) == 0xC0 && (p[1] & 0xC0) == 0x80) {
			unsigned cp = ((unsigned)(*p & 0x1F) << 6) | (p[1] & 0x3F);

			if (cp >= 0xC0 && cp < 0x180 && fold_latin[cp - 0xC0]) {
				size_t n = strlen(fold_latin[cp - 0xC0]);

				memcpy(o, fold_latin[cp - 0xC0], n);
				o += n;
				p += 2;
				continue;
			}
		}
		*o++ = (char)*p++;
	}
	*o = '\0';
	return out;
}

char *
store_like_pattern(struct arena *a, const char *query)
{
	const char *f = store_fold(a, query != NULL ? query : "");
	char *out = arena_alloc(a, 2 * strlen(f) + 3), *o = out;

	*o++ = '%';
	for (; *f != '\0'; f++) {
		if (*f == '%' || *f == '_' || *f == '\\')
			*o++ = '\\';
		*o++ = *f;
	}
	*o++ = '%';
	*o = '\0';
	return out;
}

/* ---- the audit sink of the installation's own acts (store.h) ---- */

static store_audit_sink_fn *_Atomic audit_sink;

void
store_audit_sink_set(store_audit_sink_fn *fn)
{
	audit_sink = fn;
}

int
store_audit_system(struct db *db, const char *action,
    const char *object_type, const char *object_id, struct err *e)
{
	store_audit_sink_fn *fn = audit_sink;

	if (fn == NULL)
		return err_set(e, ERR_INTERNAL, NULL,
		    "no audit sink: the store's batch needs auth_init");
	return fn(db, action, object_type, object_id, e);
}

const char *
store_in_list(struct arena *a, size_t n)
{
	char *s = arena_alloc(a, 3 * n + 2), *p = s;

	*p++ = '(';
	for (size_t i = 0; i < n; i++) {
		if (i > 0) {
			*p++ = ',';
			*p++ = ' ';
		}
		*p++ = '?';
	}
	*p++ = ')';
	*p = '\0';
	return s;
}
