-- 001_init: the walking skeleton's model (DOMAIN.md glossary).
-- Portable subset: TEXT and BIGINT only; dates are 'YYYY-MM-DD', instants
-- are UTC ISO-8601 text; booleans are BIGINT 0/1.  Encrypted columns
-- (suffix _enc: names, BSNs, locations and every free text about her) hold base64 of key_id || nonce || ciphertext, bound to
-- 'table|column|row id'.

CREATE TABLE organisation (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	kind TEXT NOT NULL CHECK (kind IN ('institution', 'municipality', 'other')),
	region TEXT,
	created_at TEXT NOT NULL
);

CREATE TABLE client (
	id TEXT PRIMARY KEY,
	pseudonym TEXT NOT NULL UNIQUE,
	name_enc TEXT,
	bsn_enc TEXT,
	bsn_hash TEXT UNIQUE,
	birth_date TEXT NOT NULL,
	municipality_id TEXT NOT NULL REFERENCES organisation(id),
	shielded BIGINT NOT NULL DEFAULT 0 CHECK (shielded IN (0, 1)),
	registered_by_org TEXT REFERENCES organisation(id),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);

CREATE TABLE app_user (
	id TEXT PRIMARY KEY,
	username TEXT NOT NULL UNIQUE,
	display_name TEXT NOT NULL,
	role TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'caregiver',
		'partner', 'client', 'municipality', 'monitor')),
	org_id TEXT REFERENCES organisation(id),
	client_id TEXT REFERENCES client(id),
	email TEXT,
	phone TEXT,
	password_hash TEXT NOT NULL,
	active BIGINT NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);

CREATE TABLE trajectory (
	id TEXT PRIMARY KEY,
	client_id TEXT NOT NULL REFERENCES client(id),
	coordinator_org TEXT NOT NULL REFERENCES organisation(id),
	start_date TEXT NOT NULL,
	end_date TEXT,
	end_reason_enc TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	CHECK (end_date IS NULL OR end_date >= start_date)
);
-- R1: at most one open trajectory per client, enforced here too.
CREATE UNIQUE INDEX trajectory_one_open ON trajectory (client_id) WHERE end_date IS NULL;
CREATE INDEX trajectory_coordinator ON trajectory (coordinator_org);

CREATE TABLE phase (
	id TEXT PRIMARY KEY,
	trajectory_id TEXT NOT NULL REFERENCES trajectory(id),
	form TEXT NOT NULL CHECK (form IN ('ambulant', 'family_home',
		'open_residential', 'secure_residential')),
	provider_org TEXT NOT NULL REFERENCES organisation(id),
	location_enc TEXT,
	location_shielded BIGINT NOT NULL DEFAULT 0 CHECK (location_shielded IN (0, 1)),
	start_date TEXT NOT NULL,
	end_date TEXT,
	change_reason_enc TEXT,
	out_of_region BIGINT NOT NULL DEFAULT 0 CHECK (out_of_region IN (0, 1)),
	safety_reason_enc TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX phase_trajectory ON phase (trajectory_id);
CREATE INDEX phase_provider ON phase (provider_org);

CREATE TABLE legal_basis (
	id TEXT PRIMARY KEY,
	trajectory_id TEXT NOT NULL REFERENCES trajectory(id),
	kind TEXT NOT NULL CHECK (kind IN ('jeugdwet', 'verlengde_jeugdhulp', 'wmo',
		'wlz', 'zvw_ggz', 'criminal', 'other')),
	paying_municipality TEXT REFERENCES organisation(id),
	start_date TEXT NOT NULL,
	end_date TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX legal_basis_trajectory ON legal_basis (trajectory_id);

CREATE TABLE court_order (
	id TEXT PRIMARY KEY,
	trajectory_id TEXT NOT NULL REFERENCES trajectory(id),
	kind TEXT NOT NULL CHECK (kind IN ('machtiging', 'spoedmachtiging',
		'voorwaardelijke_machtiging', 'ots', 'voogdij')),
	start_date TEXT NOT NULL,
	end_date TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX court_order_trajectory ON court_order (trajectory_id);

CREATE TABLE team_member (
	id TEXT PRIMARY KEY,
	trajectory_id TEXT NOT NULL REFERENCES trajectory(id),
	user_id TEXT NOT NULL REFERENCES app_user(id),
	role TEXT NOT NULL CHECK (role IN ('main_caregiver', 'caregiver',
		'therapist', 'guardian', 'other')),
	from_date TEXT NOT NULL,
	to_date TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	CHECK (to_date IS NULL OR to_date >= from_date)
);
CREATE INDEX team_member_trajectory ON team_member (trajectory_id);
CREATE INDEX team_member_user ON team_member (user_id);

-- Sessions live here so several server processes can share them.  Only a
-- hash of the token is stored.
CREATE TABLE session (
	token_hash TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES app_user(id),
	csrf_token TEXT NOT NULL,
	created_at TEXT NOT NULL,
	last_seen_at TEXT NOT NULL,
	idle_expires_at TEXT NOT NULL,
	expires_at TEXT NOT NULL
);
CREATE INDEX session_user_id ON session (user_id);  -- not session_user: a reserved word in PostgreSQL

-- Failed log-ins, per account ('user:NAME') and per address ('addr:IP').
CREATE TABLE login_throttle (
	throttle_key TEXT PRIMARY KEY,
	failures BIGINT NOT NULL,
	window_start TEXT NOT NULL,
	locked_until TEXT
);

-- Break the glass: time-limited access outside the team, with its reason.
CREATE TABLE glass_access (
	id TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES app_user(id),
	client_id TEXT NOT NULL REFERENCES client(id),
	reason TEXT NOT NULL,
	started_at TEXT NOT NULL,
	expires_at TEXT NOT NULL
);
CREATE INDEX glass_access_user_client ON glass_access (user_id, client_id);

-- NEN 7513 access log, chained with a keyed BLAKE2b hash (auth/audit.c).
-- audit_head holds the last sequence number and hash; updating it inside
-- the writing transaction serialises writers on both databases.
CREATE TABLE audit_log (
	seq BIGINT PRIMARY KEY,
	at TEXT NOT NULL,
	user_id TEXT,
	username TEXT,
	role TEXT,
	org_id TEXT,
	client_id TEXT,
	action TEXT NOT NULL,
	object_type TEXT,
	object_id TEXT,
	outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'denied')),
	purpose TEXT,
	request_id TEXT,
	remote_addr TEXT,
	hash TEXT NOT NULL
);
CREATE INDEX audit_log_client ON audit_log (client_id, seq);

CREATE TABLE audit_head (
	id BIGINT PRIMARY KEY CHECK (id = 1),
	seq BIGINT NOT NULL,
	hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');

-- Settings of this installation ('demo' = 1 marks a database made by doorloop demo).
CREATE TABLE setting (
	name TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
