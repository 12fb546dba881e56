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

#include "store/common.h"

#define CONSENT_SELECT "SELECT c.id, c.client_id, c.kind, c.recipient_enc, " \
	"c.purpose_enc, c.basis, c.required_basis, c.exception_enc, " \
	"c.age_years, c.given_on, c.withdrawn_on, c.recorded_by, " \
	"u.display_name, u.role, c.created_at FROM consent c JOIN app_user u " \
	"ON u.id = c.recorded_by "

STORE_KIND(party_col, consent_party_parse, enum consent_party, CONSENT_CLIENT)

STORE_ROW_FN(consent_row, struct consent_rec, c, "ssseekkeIddssss", &c->id,
    &c->client_id, &c->kind, "consent", "recipient", &c->id, &c->recipient,
    "consent", "purpose", &c->id, &c->purpose, party_col, &c->basis,
    party_col, &c->required, "consent", "exception", &c->id, &c->exception,
    &c->age_years, &c->given_on, &c->withdrawn_on, &c->recorded_by.id,
    &c->recorded_by.display_name, &c->recorded_by.role, &c->created_at)

STORE_LIST_FN(store_consent_list, struct consent_rec, consent_row,
    const char *, client_id, CONSENT_SELECT "WHERE c.client_id = ? ORDER BY "
    "c.given_on DESC, c.id DESC", "s", client_id)

int
store_consent_get(struct db *db, struct arena *a, const char *client_id,
    const char *id, struct consent_rec *out, struct err *e)
{
	if (!id_valid(id))
		return err_setr(e, ERR_NOT_FOUND, NULL,
		    R_CONSENT_NOT_FOUND, "consent not found");
	return store_get_row(db, a, e, consent_row, out, sizeof *out,
	    R_CONSENT_NOT_FOUND, "consent", CONSENT_SELECT "WHERE "
	    "c.client_id = ? AND c.id = ?", "ss", client_id, id);
}

int
store_consent_insert(struct db *db, struct arena *a, struct consent_rec *c,
    const char *recorded_by, struct err *e)
{
	char now[INSTANT_LEN + 1];

	c->id = store_new_id(a, now);
	c->created_at = arena_strdup(a, now);
	return store_exec(db, a, e, "INSERT INTO consent (id, client_id, kind, "
	    "recipient_enc, purpose_enc, basis, required_basis, exception_enc, "
	    "age_years, given_on, recorded_by, created_at) VALUES (?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?)", "ssseesseidss", c->id, c->client_id,
	    c->kind, "consent", "recipient", c->id, c->recipient, "consent",
	    "purpose", c->id, c->purpose, consent_party_name(c->basis),
	    consent_party_name(c->required), "consent", "exception", c->id,
	    c->exception, (int64_t)c->age_years, c->given_on, recorded_by,
	    now) < 0 ? -1 : 0;
}

int
store_consent_withdraw(struct db *db, const char *id, dl_date on,
    const char *user_id, struct err *e)
{
	return store_found(store_exec(db, NULL, e, "UPDATE consent SET "
	    "withdrawn_on = ?, withdrawn_by = ? WHERE id = ? AND withdrawn_on "
	    "IS NULL", "dss", on, user_id, id), e, ERR_CONFLICT, NULL,
	    R_CONSENT_WITHDRAWN_ALREADY,
	    "this consent has been withdrawn already");
}

STORE_ROW_FN(contact_row, struct team_contact, c, "ssssssd", &c->user_id,
    &c->display_name, &c->user_role, &c->team_role, &c->email, &c->phone,
    &c->from)

int
store_team_contacts(struct db *db, struct arena *a, const char *client_id,
    dl_date today, struct team_contact **out, size_t *n, struct err *e)
{
	struct store_list l = STORE_LIST(a, out, n);

	/* Main caregiver first, then by the date they joined. */
	return store_list_rows(db, &l, e, contact_row, "SELECT m.user_id, "
	    "u.display_name, u.role, m.role, u.email, u.phone, m.from_date "
	    "FROM team_member m JOIN trajectory t ON t.id = m.trajectory_id "
	    "JOIN app_user u ON u.id = m.user_id WHERE t.client_id = ? AND "
	    "t.end_date IS NULL AND m.from_date <= ? AND (m.to_date IS NULL OR "
	    "m.to_date >= ?) AND u.active = 1 ORDER BY CASE WHEN "
	    "m.role = 'main_caregiver' THEN 0 ELSE 1 END, m.from_date, m.id",
	    "sdd", client_id, today, today);
}

int
store_user_contact_set(struct db *db, const char *user_id, const char *email,
    const char *phone, struct err *e)
{
	return store_exec(db, NULL, e, "UPDATE app_user SET email = ?, "
	    "phone = ? WHERE id = ?", "sss", email, phone, user_id) < 0 ? -1 : 0;
}
