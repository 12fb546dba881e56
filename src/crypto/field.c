/*
 * field.c - field encryption and the keyed BSN hash.
 *
 * Owns the format of every encrypted column (suffix _enc):
 *
 *   base64url, no padding (sodium_base64_VARIANT_URLSAFE_NO_PADDING), of
 *   key_id (1 byte) || nonce (24 bytes) || XChaCha20-Poly1305 ciphertext
 *
 * with the additional data "table|column|row_id".  The variant is chosen
 * because it has no characters that need escaping in JSON, URLs or SQL
 * literals in a support session, and no padding to get wrong.
 *
 * Invariants:
 *   1. A ciphertext decrypts only in the table, column and row it was
 *      written for; copying it anywhere else fails as if it was tampered
 *      with (ERR_CRYPTO).
 *   2. Every encryption uses a fresh random nonce (192 bits, so random
 *      nonces never collide in practice).
 *   3. key_id names the key whose field subkey sealed it: encryption uses
 *      the current key, decryption the key the byte names (re-reading the
 *      key file once when it names a key not loaded, which a rotation
 *      running beside this process just added).  Ids are never reused.
 *
 * Never: put plaintext, ciphertext or a BSN in an error message.
 */
#include "crypto/crypto.h"

#include <sodium.h>

#include <stdlib.h>
#include <string.h>

#define NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_BYTES crypto_aead_xchacha20poly1305_ietf_ABYTES
#define B64_VARIANT sodium_base64_VARIANT_URLSAFE_NO_PADDING

static char *
additional_data(struct arena *a, const char *table, const char *column,
    const char *row_id)
{
	if (table == NULL || column == NULL || row_id == NULL)
		abort();	/* the binding is not optional */
	return arena_printf(a, "%s|%s|%s", table, column, row_id);
}

char *
crypto_field_encrypt(struct arena *a, const char *table, const char *column,
    const char *row_id, const char *plaintext)
{
	const unsigned char *key;
	unsigned char *bin;
	unsigned long long ctlen;
	size_t ptlen, binlen, b64len;
	char *ad, *out;
	int id;

	if (plaintext == NULL)
		return NULL;
	id = crypto_key_current();
	key = crypto_subkey_of(id, CRYPTO_SUBKEY_FIELD);
	ad = additional_data(a, table, column, row_id);
	ptlen = strlen(plaintext);
	binlen = 1 + NONCE_BYTES + ptlen + TAG_BYTES;
	bin = arena_alloc(a, binlen);
	bin[0] = (unsigned char)id;
	randombytes_buf(bin + 1, NONCE_BYTES);
	if (crypto_aead_xchacha20poly1305_ietf_encrypt(bin + 1 + NONCE_BYTES,
	    &ctlen, (const unsigned char *)plaintext, ptlen,
	    (const unsigned char *)ad, strlen(ad), NULL, bin + 1, key) != 0 ||
	    ctlen != ptlen + TAG_BYTES)
		abort();	/* encryption cannot fail with valid lengths */
	b64len = sodium_base64_ENCODED_LEN(binlen, B64_VARIANT);
	out = arena_alloc(a, b64len);
	sodium_bin2base64(out, b64len, bin, binlen, B64_VARIANT);
	return out;
}

int
crypto_field_decrypt(struct arena *a, const char *table, const char *column,
    const char *row_id, const char *enc, char **plaintext, struct err *e)
{
	const unsigned char *key;
	unsigned char *bin = NULL;
	unsigned long long ptlen;
	size_t enclen, binlen = 0;
	char *ad, *pt;

	*plaintext = NULL;
	if (enc == NULL)
		return 0;
	ad = additional_data(a, table, column, row_id);
	enclen = strlen(enc);
	/* Decoded data is never longer than 3/4 of its base64 form. */
	bin = arena_alloc(a, enclen / 4 * 3 + 3);
	if (sodium_base642bin(bin, enclen / 4 * 3 + 3, enc, enclen, NULL,
	    &binlen, NULL, B64_VARIANT) != 0 ||
	    binlen < 1 + NONCE_BYTES + TAG_BYTES)
		return err_set(e, ERR_CRYPTO, NULL,
		    "encrypted %s.%s is malformed", table, column);
	key = crypto_subkey_of(bin[0], CRYPTO_SUBKEY_FIELD);
	if (key == NULL) {
		struct err ignored;

		/* A rotation beside this process may have added it. */
		err_init(&ignored);
		if (crypto_key_refresh(&ignored) == 0)
			key = crypto_subkey_of(bin[0], CRYPTO_SUBKEY_FIELD);
	}
	if (key == NULL)
		return err_set(e, ERR_CRYPTO, NULL,
		    "encrypted %s.%s uses unknown key id %u", table, column,
		    (unsigned)bin[0]);
	pt = arena_alloc(a, binlen - 1 - NONCE_BYTES - TAG_BYTES + 1);
	if (crypto_aead_xchacha20poly1305_ietf_decrypt((unsigned char *)pt,
	    &ptlen, NULL, bin + 1 + NONCE_BYTES, binlen - 1 - NONCE_BYTES,
	    (const unsigned char *)ad, strlen(ad), bin + 1, key) != 0)
		return err_set(e, ERR_CRYPTO, NULL,
		    "encrypted %s.%s does not authenticate (tampered, moved or "
		    "another key)", table, column);
	pt[ptlen] = '\0';
	if (strlen(pt) != ptlen) {
		sodium_memzero(pt, (size_t)ptlen);
		return err_set(e, ERR_CRYPTO, NULL,
		    "encrypted %s.%s holds a NUL byte", table, column);
	}
	*plaintext = pt;
	return 0;
}

int
crypto_field_key_id(const char *enc)
{
	unsigned char bin[3];
	size_t binlen = 0;

	/* Four base64 characters are three bytes; the first is the key id. */
	if (enc == NULL || strlen(enc) < 4 ||
	    sodium_base642bin(bin, sizeof bin, enc, 4, NULL, &binlen, NULL,
	    B64_VARIANT) != 0 || binlen < 1)
		return -1;
	return bin[0];
}

/* Keyed BLAKE2b under key id's `subkey` (0: the current key) of the parts
 * joined by NUL bytes (none after the last), 64 hex characters; the id
 * used, or -1 when that key is not loaded. */
static int
hash_parts(int id, int subkey, const char *const *parts, size_t n,
    char out[65])
{
	crypto_generichash_state st;
	const unsigned char *key;
	unsigned char h[32];

	if (id == 0)
		id = crypto_key_current();
	if ((key = crypto_subkey_of(id, subkey)) == NULL)
		return -1;
	crypto_generichash_init(&st, key, CRYPTO_KEY_BYTES, sizeof h);
	for (size_t i = 0; i < n; i++)
		crypto_generichash_update(&st, (const unsigned char *)parts[i],
		    strlen(parts[i]) + (i + 1 < n));
	crypto_generichash_final(&st, h, sizeof h);
	sodium_bin2hex(out, 65, h, sizeof h);
	sodium_memzero(h, sizeof h);
	sodium_memzero(&st, sizeof st);
	return id;
}

int
crypto_bsn_hash(int id, const char *bsn, char out[65])
{
	const char *parts[] = { bsn };

	return hash_parts(id, CRYPTO_SUBKEY_BSN, parts, 1, out);
}

int
crypto_indicator_hash(int id, const char *kind, const char *normal,
    char out[65])
{
	/* The kind first: a plate and an alias never share a hash. */
	const char *parts[] = { kind, normal };

	return hash_parts(id, CRYPTO_SUBKEY_INDICATOR, parts, 2, out);
}

int
crypto_name_hash(int id, const char *name, const char *birth, char out[65])
{
	/* "name" first: never the hash of a BSN under the same subkey. */
	const char *parts[] = { "name", name, birth };

	return hash_parts(id, CRYPTO_SUBKEY_BSN, parts, 3, out);
}

/* hashes under every key loaded of parts (NULL: one NULL entry). */
static void
hashes_of(const char *const *parts, size_t n, struct crypto_hashes *out)
{
	int ids[CRYPTO_MAX_KEYS];
	size_t nids = crypto_key_ids(ids);

	out->n = 0;
	for (size_t i = 0; i < n; i++)
		if (parts[i] == NULL) {
			out->n = 1;
			out->id[0] = ids[0];
			out->v[0] = NULL;
			return;
		}
	for (size_t i = 0; i < nids; i++)
		if (hash_parts(ids[i], CRYPTO_SUBKEY_BSN, parts, n,
		    out->hex[out->n]) > 0) {
			out->id[out->n] = ids[i];
			out->v[out->n] = out->hex[out->n];
			out->n++;
		}
}

void
crypto_bsn_hashes(const char *bsn, struct crypto_hashes *out)
{
	const char *parts[] = { bsn };

	hashes_of(parts, 1, out);
}

void
crypto_name_hashes(const char *name, const char *birth,
    struct crypto_hashes *out)
{
	const char *parts[] = { "name", name, birth };

	hashes_of(parts, 3, out);
}
