-- 014_oversight: oversight of access (issue 14).
--   - the role security_officer (functionaris gegevensbescherming);
--   - a girl's own account starts as an invitation: a one-time activation
--     code, stored only as a keyed hash, that expires;
--   - break-the-glass uses wait for her coordinator's acknowledgement;
--   - a handover to another organisation waits for her coordinator's
--     approval before the incoming person gets any access;
--   - the audit log refuses UPDATE and DELETE, and its head never rewinds.

-- The role list of app_user.  SQLite cannot alter a CHECK constraint; the
-- documented way for a constraint that only widens is to edit the stored
-- table text (every existing row satisfies the wider list), then reload the
-- schema.  The triggers below change the schema cookie, so every other
-- connection reloads it too.
-- engine: sqlite
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (role IN (''admin'', ',
	'CHECK (role IN (''admin'', ''security_officer'', ')
	WHERE type = 'table' AND name = 'app_user';
PRAGMA writable_schema = RESET;
-- engine: postgres
ALTER TABLE app_user DROP CONSTRAINT app_user_role_check;
ALTER TABLE app_user ADD CONSTRAINT app_user_role_check CHECK (role IN
	('admin', 'security_officer', 'coordinator', 'caregiver', 'partner',
	'client', 'municipality', 'monitor'));
-- engine: all

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

-- The audit log is append-only, and its head only moves forward.
-- engine: sqlite
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_head_no_rewind BEFORE UPDATE ON audit_head
WHEN NEW.seq < OLD.seq
BEGIN
	SELECT RAISE(ABORT, 'audit_head never moves back');
END;
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
BEGIN
	SELECT RAISE(ABORT, 'audit_head is never removed');
END;
-- engine: postgres
CREATE FUNCTION audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
	FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
	FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
CREATE FUNCTION audit_head_forward_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP <> 'UPDATE' OR NEW.seq < OLD.seq THEN
		RAISE EXCEPTION 'audit_head only moves forward';
	END IF;
	RETURN NEW;
END;
$$;
CREATE TRIGGER audit_head_no_rewind BEFORE UPDATE OR DELETE ON audit_head
	FOR EACH ROW EXECUTE FUNCTION audit_head_forward_only();
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
	FOR EACH STATEMENT EXECUTE FUNCTION audit_head_forward_only();
-- engine: all
