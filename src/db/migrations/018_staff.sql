-- 018_staff: staff accounts by activation code, and four eyes before an
-- account reads client data (issue 14).
--   - client_invitation becomes activation_code, for a girl's own account
--     (kind 'client': the account is made on activation) and for a staff
--     account (kind 'staff': the account exists without a usable password
--     until its holder sets one).  Only a keyed hash of a code is stored,
--     with the id of the key it was made with (017_keys).
--   - access_grant: an account of a role that reads client data (or
--     approves such accounts) gets that access only when a second person
--     approved it; app_user.access_pending is 1 until then.  Accounts that
--     exist before this migration (the demo's, those made on the command
--     line) keep their access: access_pending defaults to 0.

CREATE TABLE activation_code (
	id TEXT PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('client', 'staff')),
	client_id TEXT REFERENCES client(id),
	username TEXT NOT NULL,
	user_id TEXT REFERENCES app_user(id),
	code_hash TEXT NOT NULL UNIQUE,
	expires_at TEXT NOT NULL,
	created_by TEXT NOT NULL REFERENCES app_user(id),
	created_at TEXT NOT NULL,
	used_at TEXT,
	hash_key_id BIGINT NOT NULL DEFAULT 1,
	CHECK ((kind = 'client' AND client_id IS NOT NULL) OR
		(kind = 'staff' AND client_id IS NULL AND user_id IS NOT NULL))
);
INSERT INTO activation_code (id, kind, client_id, username, user_id,
	code_hash, expires_at, created_by, created_at, used_at, hash_key_id)
	SELECT id, 'client', client_id, username, user_id, code_hash,
	expires_at, created_by, created_at, used_at, hash_key_id
	FROM client_invitation;
DROP TABLE client_invitation;
CREATE INDEX activation_code_client ON activation_code (client_id);
CREATE INDEX activation_code_user ON activation_code (user_id);

ALTER TABLE app_user ADD COLUMN access_pending BIGINT NOT NULL DEFAULT 0
	CHECK (access_pending IN (0, 1));

-- One request for client access per account at a time; who asked never
-- decides, nor does the account's own holder.
CREATE TABLE access_grant (
	id TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES app_user(id),
	role TEXT NOT NULL,
	org_id TEXT REFERENCES organisation(id),
	cause TEXT NOT NULL CHECK (cause IN ('new', 'reset', 'role')),
	status TEXT NOT NULL CHECK (status IN ('pending', 'approved',
		'refused')),
	requested_by TEXT NOT NULL REFERENCES app_user(id),
	requested_at TEXT NOT NULL,
	decided_by TEXT REFERENCES app_user(id),
	decided_at TEXT,
	CHECK (decided_by IS NULL OR (decided_by <> requested_by AND
		decided_by <> user_id))
);
CREATE UNIQUE INDEX access_grant_one_pending ON access_grant (user_id)
	WHERE status = 'pending';
CREATE INDEX access_grant_requested ON access_grant (requested_at);
