-- 015_login: two-factor log-in (TOTP, RFC 6238), recovery codes, and
-- sessions a user can list and end (issue 14, items 4 and 11).
-- Same portable subset as 001: TEXT and BIGINT, instants UTC ISO-8601.

-- A session now has a public id (to name it in a list without its token
-- hash), the address and browser it was opened from, and a stage: 'full',
-- or one of the two steps before it: 'totp' (password right, code still
-- due) and 'enrol' (password right, two-factor log-in required but not set
-- up yet).  A session that is not 'full' opens only the routes of its step
-- (api/server.c, API_PARTIAL).
ALTER TABLE session ADD COLUMN id TEXT;
ALTER TABLE session ADD COLUMN stage TEXT NOT NULL DEFAULT 'full'
	CHECK (stage IN ('full', 'totp', 'enrol'));
ALTER TABLE session ADD COLUMN remote_addr TEXT;
ALTER TABLE session ADD COLUMN user_agent TEXT;
CREATE UNIQUE INDEX session_id ON session (id);

-- A user's TOTP secret, encrypted (field encryption bound to
-- user_totp|secret_enc|user_id).  confirmed_at is NULL while enrolment
-- waits for its first code.  last_step is the last time step a code was
-- accepted for: a code is taken by a conditional UPDATE ... WHERE
-- last_step < ?, so one code logs in once, however many race.
CREATE TABLE user_totp (
	user_id TEXT PRIMARY KEY REFERENCES app_user(id),
	secret_enc TEXT NOT NULL,
	created_at TEXT NOT NULL,
	confirmed_at TEXT,
	last_step BIGINT NOT NULL DEFAULT 0
);

-- Recovery codes: only a BLAKE2b hash (personalised with the user id) of
-- each 80-bit code; used_at is set by a conditional UPDATE, so a code
-- works once.
CREATE TABLE user_recovery_code (
	user_id TEXT NOT NULL REFERENCES app_user(id),
	code_hash TEXT NOT NULL,
	created_at TEXT NOT NULL,
	used_at TEXT,
	PRIMARY KEY (user_id, code_hash)
);
