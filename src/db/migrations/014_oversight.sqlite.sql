-- 014_oversight, SQLite's part (after 014_oversight.sql, same transaction).

-- The role list of app_user.  SQLite cannot alter a CHECK constraint; the
-- documented way for a constraint that only widens is to edit the stored
-- table text (every existing row satisfies the wider list), then reload the
-- schema.  The triggers below change the schema cookie, so every other
-- connection reloads it too.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (role IN (''admin'', ',
	'CHECK (role IN (''admin'', ''security_officer'', ')
	WHERE type = 'table' AND name = 'app_user';
PRAGMA writable_schema = RESET;

-- The audit log is append-only, and its head only moves forward.
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
