/* common.c - column helpers for the store; see common.h. */
#include "store/common.h"

#include <string.h>

#include "crypto/crypto.h"

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
