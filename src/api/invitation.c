/*
 * invitation.c - a girl's own account, made by invitation of her
 * coordinator and activated by herself.
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
 */
#include "api/admin.h"
#include "api/gate.h"

#include <stdlib.h>
#include <string.h>

#include "store/auth_store.h"

#define INVITATION_DAYS 14
#define CODE_GROUPS 4
#define CODE_GROUP_LEN 4
#define CODE_LEN (CODE_GROUPS * CODE_GROUP_LEN + CODE_GROUPS - 1)
#define CODE_ALPHABET "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"	/* 5 bits each */

/* 16 characters of 5 bits: 80 bits, as "XXXX-XXXX-XXXX-XXXX". */
static void
code_new(char code[CODE_LEN + 1])
{
	unsigned char b[CODE_GROUPS * CODE_GROUP_LEN];
	int k = 0;

	random_bytes(b, sizeof b);
	for (size_t i = 0; i < sizeof b; i++) {
		if (i > 0 && i % CODE_GROUP_LEN == 0)
			code[k++] = '-';
		code[k++] = CODE_ALPHABET[b[i] & 31];
	}
	code[k] = '\0';
}

/* The keyed hash of a code, case and dashes ignored; -1 if malformed. */
static int
code_hashes(const char *code, struct crypto_hashes *out)
{
	char norm[64] = "activation-code|";
	size_t k = strlen(norm), n = 0;

	for (const char *p = code; *p != '\0'; p++) {
		char c = *p;

		if (c == '-' || c == ' ')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (strchr(CODE_ALPHABET, c) == NULL ||
		    n == CODE_GROUPS * CODE_GROUP_LEN)
			return -1;
		norm[k++] = c;
		n++;
	}
	if (n != CODE_GROUPS * CODE_GROUP_LEN)
		return -1;
	norm[k] = '\0';
	crypto_bsn_hashes(norm, out);
	return 0;
}

int
api_invitation_create(struct api_req *req, struct api_resp *resp,
    struct err *e)
{
	const char *username = NULL;
	const struct api_field f[] = {
		{ "username", F_STRING, true, false, &username, USERNAME_MAX,
		    NULL, NULL },
	};
	char code[CODE_LEN + 1], now[INSTANT_LEN + 1];
	struct crypto_hashes codes;
	char expires[INSTANT_LEN + 1], id[ID_LEN + 1];
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
	code_new(code);
	if (code_hashes(code, &codes) != 0)
		abort();
	id_new(id);
	instant_now(now);
	instant_after((int64_t)INVITATION_DAYS * 24 * 60 * 60, expires);
	if (store_invitation_insert(req->db, id, cx.client_id, username, &codes,
	    expires, req->who->user_id, now, e) != 0)
		return gate_fail(req);
	return gate_respond(req, &cx, id, resp, 201, json_pack("{s:s, s:s, "
	    "s:s, s:s}", "id", id, "username", username, "code", code,
	    "expires_at", expires), e);
}

int
api_activate(struct api_req *req, struct api_resp *resp, struct err *e)
{
	const char *code = NULL, *password = NULL;
	const struct api_field f[] = {
		{ "code", F_STRING, true, false, &code, 64, NULL, NULL },
		{ "password", F_STRING, true, false, &password, PASSWORD_MAX,
		    NULL, NULL },
	};
	struct store_invitation inv;
	struct audit_entry en;
	struct user_new u;
	char now[INSTANT_LEN + 1], id[ID_LEN + 1];
	struct crypto_hashes codes;
	int r;

	if (api_parse_object(req, f, API_NFIELDS(f), e) != 0)
		return -1;
	instant_now(now);
	if (code_hashes(code, &codes) != 0 ||
	    (r = store_invitation_find(req->db, req->a, &codes, now, &inv,
	    e)) == 0)
		return err_setr(e, ERR_CONFLICT, "code", R_INVITATION_INVALID,
		    "this activation code is not valid (any more)");
	if (r < 0)
		return -1;
	memset(&u, 0, sizeof u);
	u.username = inv.username;
	u.display_name = inv.username;
	u.role = ROLE_CLIENT;
	u.client_id = inv.client_id;
	u.password = password;
	u.invitation_id = inv.id;
	memset(&en, 0, sizeof en);
	en.username = inv.username;
	en.role = role_name(ROLE_CLIENT);
	en.client_id = inv.client_id;
	en.action = "activate";
	en.object_type = "user";
	en.outcome = "ok";
	en.request_id = req->request_id;
	en.remote_addr = req->remote_addr;
	if (auth_user_create_audited(req->db, &u, &en, id, e) != 0)
		return -1;
	resp->status = 201;
	resp->body = json_pack("{s:s, s:s}", "id", id, "username",
	    inv.username);
	return 0;
}
