-- 014_oversight: oversight of access (issue 14).
--   - the role security_officer (functionaris gegevensbescherming);
--   - a girl's own account starts as an invitation: a one-time activation
--     code, stored only as a keyed hash, that expires;
--   - break-the-glass uses wait for her coordinator's acknowledgement;
--   - a handover to another organisation waits for her coordinator's
--     approval before the incoming person gets any access;
--   - the audit log refuses UPDATE and DELETE, and its head never rewinds.

-- The role list of app_user gains security_officer, the way 011_signal.sql
-- widened it (a CHECK cannot be altered in place on SQLite): a new column
-- with the wider CHECK, the values copied, the old column dropped, the new
-- one renamed.  The audit log is guarded by triggers in each engine's own
-- SQL: 014_oversight.sqlite.sql and 014_oversight.pg.sql.
ALTER TABLE app_user ADD COLUMN role_014 TEXT NOT NULL DEFAULT 'client'
	CHECK (role_014 IN ('admin', 'coordinator', 'caregiver', 'partner',
	'client', 'municipality', 'monitor', 'reporter', 'security_officer'));
UPDATE app_user SET role_014 = role;
ALTER TABLE app_user DROP COLUMN role;
ALTER TABLE app_user RENAME COLUMN role_014 TO role;

-- Her own account, by invitation of her coordinator.  The account itself
-- is made only when she activates it with her own password.
CREATE TABLE client_invitation (
	id TEXT PRIMARY KEY,
	client_id TEXT NOT NULL REFERENCES client(id),
	username TEXT NOT NULL,
	code_hash TEXT NOT NULL UNIQUE,
	expires_at TEXT NOT NULL,
	created_by TEXT NOT NULL REFERENCES app_user(id),
	created_at TEXT NOT NULL,
	used_at TEXT,
	user_id TEXT REFERENCES app_user(id)
);
CREATE INDEX client_invitation_client ON client_invitation (client_id);

-- Break-the-glass: a use stays open until a coordinator of her
-- institution acknowledges it (at most one renewal before that).
ALTER TABLE glass_access ADD COLUMN acknowledged_at TEXT;
ALTER TABLE glass_access ADD COLUMN acknowledged_by TEXT REFERENCES app_user(id);
CREATE INDEX glass_access_client ON glass_access (client_id, acknowledged_at);

-- A handover across organisations: approval 'pending' until her
-- coordinator approves or refuses; NULL when none is needed.
ALTER TABLE handover ADD COLUMN approval TEXT CHECK (approval IS NULL OR
	approval IN ('pending', 'approved', 'refused'));
ALTER TABLE handover ADD COLUMN approval_by TEXT REFERENCES app_user(id);
ALTER TABLE handover ADD COLUMN approval_on TEXT;

-- The result of every chain check serve runs (on start and daily), for the
-- security officer's report; reason says what broke (never client data).
CREATE TABLE audit_check (
	id TEXT PRIMARY KEY,
	at TEXT NOT NULL,
	ok BIGINT NOT NULL CHECK (ok IN (0, 1)),
	checked BIGINT NOT NULL,
	bad_seq BIGINT NOT NULL,
	reason TEXT
);
CREATE INDEX audit_check_at ON audit_check (at);

-- The security officer's report reads the log by time.
CREATE INDEX audit_log_at ON audit_log (at);
