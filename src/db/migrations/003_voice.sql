-- 003_voice: her voice (DOMAIN.md R9, R10 and the consent facts).
-- Portable subset as in 001: TEXT and BIGINT only, dates 'YYYY-MM-DD',
-- instants UTC ISO-8601 text.  Every free text about her is encrypted
-- (suffix _enc), bound to 'table|column|row id'.
--
-- Nothing here is updated in place except a promise's closing columns
-- (set once, from open to kept/broken/changed) and a withholding's
-- release columns (set once).  Journal entries, her statements, her views
-- on promises and her own plan are append-only: a change is a new row.

-- R9: a promise made to her.  A change with her agreement closes the old
-- row as 'changed' and opens a new one pointing back at it (replaces_id).
CREATE TABLE promise (
	id TEXT PRIMARY KEY,
	client_id TEXT NOT NULL REFERENCES client(id),
	promised_by TEXT NOT NULL REFERENCES app_user(id),
	promised_by_org TEXT REFERENCES organisation(id),
	what_enc TEXT NOT NULL,
	due_date TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('open', 'kept', 'broken', 'changed')),
	replaces_id TEXT REFERENCES promise(id),
	agreement_enc TEXT,
	agreed_on TEXT,
	recorded_by TEXT NOT NULL REFERENCES app_user(id),
	created_at TEXT NOT NULL,
	closed_at TEXT,
	closed_by TEXT REFERENCES app_user(id),
	close_note_enc TEXT,
	CHECK (replaces_id IS NULL OR agreement_enc IS NOT NULL)
);
CREATE INDEX promise_client ON promise (client_id, due_date);
CREATE INDEX promise_open_due ON promise (status, due_date);
CREATE UNIQUE INDEX promise_one_successor ON promise (replaces_id);

-- Her own view of a promise ("not kept", from her side); never overwrites
-- the staff's status.  The latest row is her current view.
CREATE TABLE promise_view (
	id TEXT PRIMARY KEY,
	promise_id TEXT NOT NULL REFERENCES promise(id),
	client_id TEXT NOT NULL REFERENCES client(id),
	verdict TEXT NOT NULL CHECK (verdict IN ('kept', 'not_kept')),
	note_enc TEXT,
	written_by TEXT NOT NULL REFERENCES app_user(id),
	created_at TEXT NOT NULL
);
CREATE INDEX promise_view_promise ON promise_view (promise_id, created_at);

-- R10: journal entries.  An entry is a thread of versions; the thread id
-- is the id of its first version.  A correction is a new version.
CREATE TABLE journal_entry (
	id TEXT PRIMARY KEY,
	thread_id TEXT NOT NULL,
	version BIGINT NOT NULL CHECK (version >= 1),
	previous_id TEXT REFERENCES journal_entry(id),
	client_id TEXT NOT NULL REFERENCES client(id),
	author_id TEXT NOT NULL REFERENCES app_user(id),
	entry_date TEXT NOT NULL,
	body_enc TEXT NOT NULL,
	correction_reason_enc TEXT,
	created_at TEXT NOT NULL,
	CHECK ((version = 1 AND previous_id IS NULL) OR
		(version > 1 AND previous_id IS NOT NULL AND correction_reason_enc IS NOT NULL))
);
CREATE UNIQUE INDEX journal_entry_version ON journal_entry (thread_id, version);
CREATE INDEX journal_entry_client ON journal_entry (client_id, entry_date);

-- Withholding an entry (all its versions) from her, with its reason.
-- Released withholdings stay as history.
CREATE TABLE journal_withhold (
	id TEXT PRIMARY KEY,
	thread_id TEXT NOT NULL,
	client_id TEXT NOT NULL REFERENCES client(id),
	reason_enc TEXT NOT NULL,
	withheld_by TEXT NOT NULL REFERENCES app_user(id),
	withheld_at TEXT NOT NULL,
	released_by TEXT REFERENCES app_user(id),
	released_at TEXT
);
CREATE INDEX journal_withhold_thread ON journal_withhold (thread_id);
CREATE INDEX journal_withhold_client ON journal_withhold (client_id);
-- At most one current withholding per entry.
CREATE UNIQUE INDEX journal_withhold_current ON journal_withhold (thread_id) WHERE released_at IS NULL;

-- Her own statement beside an entry, answering the version she read.
CREATE TABLE journal_statement (
	id TEXT PRIMARY KEY,
	thread_id TEXT NOT NULL,
	entry_id TEXT NOT NULL REFERENCES journal_entry(id),
	client_id TEXT NOT NULL REFERENCES client(id),
	body_enc TEXT NOT NULL,
	written_by TEXT NOT NULL REFERENCES app_user(id),
	created_at TEXT NOT NULL
);
CREATE INDEX journal_statement_thread ON journal_statement (thread_id, created_at);

-- R10: her own plan in her own words, per life domain or 'general';
-- every save is a new version.
CREATE TABLE own_plan (
	id TEXT PRIMARY KEY,
	client_id TEXT NOT NULL REFERENCES client(id),
	domain TEXT NOT NULL CHECK (domain IN ('general', 'safety', 'trauma_health',
		'housing', 'finances', 'education', 'work', 'leisure', 'parents', 'network')),
	version BIGINT NOT NULL CHECK (version >= 1),
	body_enc TEXT NOT NULL,
	written_by TEXT NOT NULL REFERENCES app_user(id),
	created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX own_plan_version ON own_plan (client_id, domain, version);

-- Whose consent a sharing rests on.  required_basis is what the age rule
-- gives on given_on (below 12 parents, 12-15 both, from 16 herself); a
-- different basis needs a stated exception.
CREATE TABLE consent (
	id TEXT PRIMARY KEY,
	client_id TEXT NOT NULL REFERENCES client(id),
	kind TEXT NOT NULL CHECK (kind IN ('parent_access', 'data_sharing', 'registration')),
	recipient_enc TEXT NOT NULL,
	purpose_enc TEXT,
	basis TEXT NOT NULL CHECK (basis IN ('client', 'parents', 'both')),
	required_basis TEXT NOT NULL CHECK (required_basis IN ('client', 'parents', 'both')),
	exception_enc TEXT,
	age_years BIGINT NOT NULL,
	given_on TEXT NOT NULL,
	recorded_by TEXT NOT NULL REFERENCES app_user(id),
	created_at TEXT NOT NULL,
	withdrawn_on TEXT,
	withdrawn_by TEXT REFERENCES app_user(id),
	CHECK (basis = required_basis OR exception_enc IS NOT NULL)
);
CREATE INDEX consent_client ON consent (client_id, given_on);
