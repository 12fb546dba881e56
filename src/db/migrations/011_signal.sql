-- 011_signal.sql - early signals from every domain (DOMAIN.md R12).
--
-- Reporters' organisations get kinds of their own and their staff the role
-- 'reporter'.  Neither CHECK can be altered in place on SQLite, so each
-- column is replaced the way both engines allow: a new column with the
-- wider CHECK, the values copied, the old column dropped, the new one
-- renamed.  The new column needs a default for the rows already there;
-- 'other' and 'client' are the kind and role that grant the least, and the
-- program always names both on insert.
ALTER TABLE organisation ADD COLUMN kind_011 TEXT NOT NULL DEFAULT 'other'
	CHECK (kind_011 IN ('institution', 'municipality', 'other', 'school',
	'police', 'gp', 'debt_help', 'housing', 'youth_care',
	'neighbourhood_team'));
UPDATE organisation SET kind_011 = kind;
ALTER TABLE organisation DROP COLUMN kind;
ALTER TABLE organisation RENAME COLUMN kind_011 TO kind;

ALTER TABLE app_user ADD COLUMN role_011 TEXT NOT NULL DEFAULT 'client'
	CHECK (role_011 IN ('admin', 'coordinator', 'caregiver', 'partner',
	'client', 'municipality', 'monitor', 'reporter'));
UPDATE app_user SET role_011 = role;
ALTER TABLE app_user DROP COLUMN role;
ALTER TABLE app_user RENAME COLUMN role_011 TO role;

-- A client's keyed hash of her normalised name and birth date, so that a
-- signal by name and birth date finds her as one by BSN does.  Written by
-- store/client.c on every insert and update (it needs the installation key,
-- so rows from before this migration get it on their next update).
ALTER TABLE client ADD COLUMN name_hash TEXT;
CREATE INDEX client_name_hash ON client (name_hash);

-- One signal: who she is only as keyed hashes (bsn_hash, name_hash) and,
-- for the coordinator it is referred to, encrypted (name_enc, bsn_enc,
-- birth_enc); the checklist, how sure the reporter is, her encrypted text
-- and how to reach the reporter.  client_id: the registration it led to
-- (such a signal is kept; every other is destroyed by store_signals_purge).
CREATE TABLE signal (
	id TEXT PRIMARY KEY,
	reporter_id TEXT NOT NULL REFERENCES app_user(id),
	reporter_org TEXT NOT NULL REFERENCES organisation(id),
	bsn_hash TEXT,
	name_hash TEXT,
	name_enc TEXT,
	bsn_enc TEXT,
	birth_enc TEXT,
	indicators TEXT NOT NULL,
	certainty TEXT NOT NULL CHECK (certainty IN ('unsure', 'likely', 'sure')),
	note_enc TEXT,
	contact_phone TEXT NOT NULL,
	contact_email TEXT,
	referred_org TEXT REFERENCES organisation(id),
	referred_at TEXT,
	screening TEXT CHECK (screening IS NULL OR screening IN ('confirmed',
		'suspected', 'not_found')),
	screened_by TEXT REFERENCES app_user(id),
	screened_at TEXT,
	client_id TEXT REFERENCES client(id),
	created_on TEXT NOT NULL,
	created_at TEXT NOT NULL,
	CHECK (bsn_hash IS NOT NULL OR name_hash IS NOT NULL)
);
CREATE INDEX signal_bsn_hash ON signal (bsn_hash);
CREATE INDEX signal_name_hash ON signal (name_hash);
CREATE INDEX signal_reporter ON signal (reporter_id);
CREATE INDEX signal_referred ON signal (referred_org);

-- A match notice: signal_id's reporter is told of other_id's reporter.
-- Written in both directions when the later signal is recorded.
CREATE TABLE signal_match (
	signal_id TEXT NOT NULL REFERENCES signal(id),
	other_id TEXT NOT NULL REFERENCES signal(id),
	created_at TEXT NOT NULL,
	PRIMARY KEY (signal_id, other_id)
);
CREATE INDEX signal_match_other ON signal_match (other_id);

-- A signal about a girl already registered: the coordinating institution of
-- her open trajectory sees it (who reported and how to reach them).
CREATE TABLE signal_client_match (
	signal_id TEXT NOT NULL REFERENCES signal(id),
	client_id TEXT NOT NULL REFERENCES client(id),
	created_at TEXT NOT NULL,
	PRIMARY KEY (signal_id, client_id)
);
CREATE INDEX signal_client_match_client ON signal_client_match (client_id);
