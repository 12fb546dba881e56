/*
 * consent.c - whose consent a sharing rests on (DOMAIN.md, legal facts),
 * and the team with contact details that her portal shows.
 *
 * Invariants:
 *   1. A consent row keeps the basis recorded, the basis the age rule
 *      required on the day it was given, and her age then; the database
 *      refuses a mismatch without a stated exception.
 *   2. Withdrawal sets withdrawn_* once; the row stays.
 *   3. Recipient, purpose and exception are free text: encrypted.
 */
#include "store/voice.h"

#include <string.h>

#include "db/db.h"
#include "store/common.h"
#include "util/id.h"

#define CONSENT_SELECT "SELECT c.id, c.client_id, c.kind, c.recipient_enc, " \
	"c.purpose_enc, c.basis, c.required_basis, c.exception_enc, " \
	"c.age_years, c.given_on, c.withdrawn_on, c.recorded_by, " \
	"u.display_name, u.role, c.created_at FROM consent c JOIN app_user u " \
	"ON u.id = c.recorded_by "

static int
consent_read(struct db_stmt *st, struct arena *a, struct consent_rec *c,
    struct err *e)
{
	memset(c, 0, sizeof *c);
	c->id = store_col_str(st, a, 0);
	c->client_id = store_col_str(st, a, 1);
	c->kind = store_col_str(st, a, 2);
	if (consent_party_parse(db_col_text(st, 5), &c->basis) != 0)
		c->basis = CONSENT_CLIENT;
	if (consent_party_parse(db_col_text(st, 6), &c->required) != 0)
		c->required = CONSENT_CLIENT;
	c->age_years = (int)db_col_int64(st, 8);
	c->given_on = store_col_date(st, 9);
	c->withdrawn_on = store_col_date(st, 10);
	c->recorded_by.id = store_col_str(st, a, 11);
	c->recorded_by.display_name = store_col_str(st, a, 12);
	c->recorded_by.role = store_col_str(st, a, 13);
	c->created_at = store_col_str(st, a, 14);
	if (store_col_dec(st, 3, a, "consent", "recipient", c->id,
	    &c->recipient, e) != 0 ||
	    store_col_dec(st, 4, a, "consent", "purpose", c->id, &c->purpose,
	    e) != 0 ||
	    store_col_dec(st, 7, a, "consent", "exception", c->id,
	    &c->exception, e) != 0)
		return -1;
	return 0;
}

int
store_consent_list(struct db *db, struct arena *a, const char *client_id,
    struct consent_rec **out, size_t *n, struct err *e)
{
	struct db_stmt *st = NULL;
	struct consent_rec *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (db_prepare(db, CONSENT_SELECT "WHERE c.client_id = ? ORDER BY "
	    "c.given_on DESC, c.id DESC", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, client_id);
	while ((rc = db_step(st, e)) == 1) {
		if (consent_read(st, a, store_grow(a, (void **)&v, &len, &cap,
		    sizeof *v), e) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(st);
	if (rc < 0)
		return -1;
	*out = v;
	*n = len;
	return 0;
}

int
store_consent_get(struct db *db, struct arena *a, const char *client_id,
    const char *id, struct consent_rec *out, struct err *e)
{
	struct db_stmt *st = NULL;
	int rc;

	if (!id_valid(id))
		return err_setr(e, ERR_NOT_FOUND, NULL,
		    R_CONSENT_NOT_FOUND, "consent not found");
	if (db_prepare(db, CONSENT_SELECT "WHERE c.client_id = ? AND c.id = ?",
	    &st, e) != 0)
		return -1;
	db_bind_text(st, 1, client_id);
	db_bind_text(st, 2, id);
	rc = db_step(st, e);
	if (rc == 1)
		rc = consent_read(st, a, out, e) == 0 ? 1 : -1;
	db_finalize(st);
	if (rc == 0)
		return err_setr(e, ERR_NOT_FOUND, NULL,
		    R_CONSENT_NOT_FOUND, "consent not found");
	return rc < 0 ? -1 : 0;
}

int
store_consent_insert(struct db *db, struct arena *a, struct consent_rec *c,
    const char *recorded_by, struct err *e)
{
	char id[ID_LEN + 1], now[INSTANT_LEN + 1];
	struct db_stmt *st = NULL;
	int rc;

	id_new(id);
	instant_now(now);
	c->id = arena_strdup(a, id);
	c->created_at = arena_strdup(a, now);
	if (db_prepare(db, "INSERT INTO consent (id, client_id, kind, "
	    "recipient_enc, purpose_enc, basis, required_basis, exception_enc, "
	    "age_years, given_on, recorded_by, created_at) VALUES (?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?)", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, c->client_id);
	db_bind_text(st, 3, c->kind);
	store_bind_enc(st, 4, a, "consent", "recipient", id, c->recipient);
	store_bind_enc(st, 5, a, "consent", "purpose", id, c->purpose);
	db_bind_text(st, 6, consent_party_name(c->basis));
	db_bind_text(st, 7, consent_party_name(c->required));
	store_bind_enc(st, 8, a, "consent", "exception", id, c->exception);
	db_bind_int64(st, 9, c->age_years);
	store_bind_date(st, 10, c->given_on);
	db_bind_text(st, 11, recorded_by);
	db_bind_text(st, 12, now);
	rc = db_step(st, e);
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}

int
store_consent_withdraw(struct db *db, const char *id, dl_date on,
    const char *user_id, struct err *e)
{
	struct db_stmt *st = NULL;
	int rc, changed;

	if (db_prepare(db, "UPDATE consent SET withdrawn_on = ?, "
	    "withdrawn_by = ? WHERE id = ? AND withdrawn_on IS NULL", &st,
	    e) != 0)
		return -1;
	store_bind_date(st, 1, on);
	db_bind_text(st, 2, user_id);
	db_bind_text(st, 3, id);
	rc = db_step(st, e);
	changed = rc < 0 ? 0 : db_changes(st);
	db_finalize(st);
	if (rc < 0)
		return -1;
	if (changed == 0)
		return err_setr(e, ERR_CONFLICT, NULL,
		    R_CONSENT_WITHDRAWN_ALREADY,
		    "this consent has been withdrawn already");
	return 0;
}

int
store_team_contacts(struct db *db, struct arena *a, const char *client_id,
    dl_date today, struct team_contact **out, size_t *n, struct err *e)
{
	char day[DATE_STR_LEN + 1];
	struct db_stmt *st = NULL;
	struct team_contact *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	date_format(today, day);
	/* Main caregiver first, then by the date they joined. */
	if (db_prepare(db, "SELECT m.user_id, u.display_name, u.role, m.role, "
	    "u.email, u.phone, m.from_date FROM team_member m JOIN trajectory "
	    "t ON t.id = m.trajectory_id JOIN app_user u ON u.id = m.user_id "
	    "WHERE t.client_id = ? AND t.end_date IS NULL AND m.from_date <= ? "
	    "AND (m.to_date IS NULL OR m.to_date >= ?) AND u.active = 1 "
	    "ORDER BY CASE WHEN m.role = 'main_caregiver' THEN 0 ELSE 1 END, "
	    "m.from_date, m.id", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, client_id);
	db_bind_text(st, 2, day);
	db_bind_text(st, 3, day);
	while ((rc = db_step(st, e)) == 1) {
		struct team_contact *c;

		c = store_grow(a, (void **)&v, &len, &cap, sizeof *v);
		c->user_id = store_col_str(st, a, 0);
		c->display_name = store_col_str(st, a, 1);
		c->user_role = store_col_str(st, a, 2);
		c->team_role = store_col_str(st, a, 3);
		c->email = store_col_str(st, a, 4);
		c->phone = store_col_str(st, a, 5);
		c->from = store_col_date(st, 6);
	}
	db_finalize(st);
	if (rc < 0)
		return -1;
	*out = v;
	*n = len;
	return 0;
}

int
store_user_contact_set(struct db *db, const char *user_id, const char *email,
    const char *phone, struct err *e)
{
	struct db_stmt *st = NULL;
	int rc;

	if (db_prepare(db, "UPDATE app_user SET email = ?, phone = ? WHERE "
	    "id = ?", &st, e) != 0)
		return -1;
	db_bind_text(st, 1, email);
	db_bind_text(st, 2, phone);
	db_bind_text(st, 3, user_id);
	rc = db_step(st, e);
	db_finalize(st);
	return rc < 0 ? -1 : 0;
}
