/*
 * invitation.c - accounts their holders activate themselves: a girl's own
 * account, made by invitation of her coordinator, and a staff account the
 * administrator made without a password (admin.c); one code, one table
 * (activation_code), one public activation route for both.
 *
 * Her coordinator asks for an invitation with the username she will log in
 * with; the answer carries a one-time activation code, shown once.  Only
 * the code's keyed hash is stored (crypto_bsn_hash with its own prefix),
 * with an expiry of INVITATION_DAYS.  On the public activation page she
 * enters the code and a password of her own choice: the account is made
 * then, never before, so nobody else ever chooses or knows her password.
 *
 * Invariants:
 *   1. An invitation is spent once: the account and the spending commit in
 *      one transaction with a conditional update (auth_user_create_audited
 *      with invitation_id), so of racing activations exactly one succeeds.
 *   2. A wrong, spent or expired code is answered alike (409
 *      invitation.invalid): the answer does not say which.
 *   3. The admin never makes a client account (admin.c refuses the role).
 *   4. A staff code sets the password of its existing account (kind
 *      "staff", auth_user_activate): spent once, in the same transaction.
 */
#include "api/admin.h"
#include "api/gate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/auth_store.h"

#define INVITATION_DAYS 14
#define CODE_GROUPS 4
#define CODE_GROUP_LEN 4
#define CODE_LEN ACTIVATION_CODE_LEN
#define CODE_ALPHABET "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"	/* 5 bits each */

void
api_code_new(char *code, size_t nchars, size_t group)
{
	unsigned char b[API_CODE_MAX];
	size_t k = 0;

	random_bytes(b, nchars);
	for (size_t i = 0; i < nchars; i++) {
		if (i > 0 && i % group == 0)
			code[k++] = '-';
		code[k++] = CODE_ALPHABET[b[i] & 31];
	}
	code[k] = '\0';
}

int
api_code_hashes(const char *prefix, const char *code, size_t nchars,
    struct crypto_hashes *out)
{
	char norm[API_CODE_MAX * 2];
	size_t k = strlen(prefix), n = 0;

	memcpy(norm, prefix, k);
	for (const char *p = code; *p != '\0'; p++) {
		char c = *p;

		if (c == '-' || c == ' ')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (strchr(CODE_ALPHABET, c) == NULL || n == nchars)
			return -1;
		norm[k++] = c;
		n++;
	}
	if (n != nchars)
		return -1;
	norm[k] = '\0';
	crypto_bsn_hashes(norm, out);	/* the installation's keys */
	return 0;
}

/* The keyed hash of an activation code; -1 if malformed. */
static int
code_hashes(const char *code, struct crypto_hashes *out)
{
	return api_code_hashes("activation-code|", code,
	    CODE_GROUPS * CODE_GROUP_LEN, out);
}

void
api_code_issue(int days, char code[CODE_LEN + 1], char hash[65],
    char expires[INSTANT_LEN + 1])
{
	struct crypto_hashes codes;

	/* 16 characters of 5 bits: 80 bits, four groups of four joined by "-". */
	api_code_new(code, CODE_GROUPS * CODE_GROUP_LEN, CODE_GROUP_LEN);
	if (code_hashes(code, &codes) != 0)
		abort();
	memcpy(hash, codes.v[0], 65);	/* the current key's, first */
	instant_after((int64_t)days * 24 * 60 * 60, expires);
}

int
api_invitation_create(API_ARGS)
{
	const char *username = NULL;
	const struct api_field f[] = {
		{ "username", F_STRING, true, false, &username, USERNAME_MAX,
		    NULL, NULL },
	};
	char code[CODE_LEN + 1], hash[65], now[INSTANT_LEN + 1];
	char expires[INSTANT_LEN + 1], id[ID_LEN + 1];
	struct store_activation c;
	struct store_user u;
	struct care_ctx cx;
	bool taken = false, has = false;

	if (gate_open_body(req, f, API_NFIELDS(f), G_INVITATION_CREATE, &cx,
	    e) != 0)
		return -1;
	if (!auth_username_valid(username))
		return gate_error(req, ERR_INVALID, "username",
		    R_USERNAME_INVALID, "not a valid username", e);
	if (store_user_by_username(req->db, req->a, username, &u, &taken,
	    e) != 0 || store_client_has_account(req->db, cx.client_id, &has,
	    e) != 0)
		return gate_fail(req);
	if (taken)
		return gate_error(req, ERR_CONFLICT, "username",
		    R_USERNAME_TAKEN, "this username is taken", e);
	if (has)
		return gate_error(req, ERR_CONFLICT, NULL,
		    R_INVITATION_ACCOUNT_EXISTS, "she has an account already",
		    e);
	api_code_issue(INVITATION_DAYS, code, hash, expires);
	id_new(id);
	instant_now(now);
	memset(&c, 0, sizeof c);
	c.id = id;
	c.kind = (char *)"client";
	c.client_id = (char *)cx.client_id;
	c.username = (char *)username;
	if (store_activation_insert(req->db, &c, hash, crypto_key_current(),
	    expires, req->who->user_id, now, e) != 0)
		return gate_fail(req);
	return gate_respond(req, &cx, id, resp, 201, json_pack("{s:s, s:s, "
	    "s:s, s:s}", "id", id, "username", username, "code", code,
	    "expires_at", expires), e);
}

int
api_activate(API_ARGS)
{
	const char *code = NULL, *password = NULL;
	const struct api_field f[] = {
		{ "code", F_STRING, true, false, &code, 64, NULL, NULL },
		{ "password", F_STRING, true, false, &password, PASSWORD_MAX,
		    NULL, NULL },
	};
	struct store_activation c;
	struct audit_entry en;
	struct user_new u;
	char now[INSTANT_LEN + 1], id[ID_LEN + 1];
	struct crypto_hashes codes;
	bool staff;
	int r;

	if (api_parse_object(req, f, API_NFIELDS(f), e) != 0)
		return -1;
	instant_now(now);
	if (code_hashes(code, &codes) != 0 ||
	    (r = store_activation_find(req->db, req->a, &codes, now, &c,
	    e)) == 0)
		return err_setr(e, ERR_CONFLICT, "code", R_INVITATION_INVALID,
		    "this activation code is not valid (any more)");
	if (r < 0)
		return -1;
	staff = strcmp(c.kind, "staff") == 0;
	memset(&en, 0, sizeof en);
	en.user_id = staff ? c.user_id : NULL;
	en.username = c.username;
	en.client_id = c.client_id;
	en.action = "activate";
	en.object_type = "user";
	en.outcome = "ok";
	en.request_id = req->request_id;
	en.remote_addr = req->remote_addr;
	if (staff) {
		if (auth_user_activate(req->db, &c, password, &en, e) != 0)
			return -1;
		snprintf(id, sizeof id, "%s", c.user_id);
	} else {
		memset(&u, 0, sizeof u);
		u.username = c.username;
		u.display_name = c.username;
		u.role = ROLE_CLIENT;
		u.client_id = c.client_id;
		u.password = password;
		u.invitation_id = c.id;
		en.role = role_name(ROLE_CLIENT);
		if (auth_user_create_audited(req->db, &u, &en, id, e) != 0)
			return -1;
	}
	resp->status = 201;
	resp->body = json_pack("{s:s, s:s, s:s}", "id", id, "username",
	    c.username, "kind", c.kind);
	return 0;
}
