-- 017_keys: key rotation (issue 15).  Every keyed hash names the key it
-- was made with, beside it: a lookup hashes the value under every key the
-- key file holds and asks hash IN (...), `doorloop key rotate` re-keys a
-- row's hashes and this id together, and `doorloop key retire` counts the
-- rows still naming a key.  Every hash written so far used key 1 (the
-- one-line key file).  Encrypted columns (_enc) name their key in their
-- first byte and need nothing here.

ALTER TABLE client ADD COLUMN hash_key_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE signal ADD COLUMN hash_key_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE exploiter_indicator ADD COLUMN hash_key_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE climate_code ADD COLUMN hash_key_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE client_invitation ADD COLUMN hash_key_id BIGINT NOT NULL DEFAULT 1;
