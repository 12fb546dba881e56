-- 016_life: a file's life after care (issue 15): her written request for
-- early destruction and its decision, legal holds, and when a user account
-- was deactivated.  Neither table refers to client(id): a request stays as
-- the proof that her file was destroyed, without anything about her.

CREATE TABLE destruction_request (
	id TEXT PRIMARY KEY,
	client_id TEXT NOT NULL,
	request_date TEXT NOT NULL,
	requested_by TEXT NOT NULL CHECK (requested_by IN ('herself', 'parents')),
	due_date TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('pending', 'granted', 'refused',
		'carried_out')),
	refusal_ground TEXT CHECK (refusal_ground IS NULL OR refusal_ground IN
		('interest_of_another', 'legal_rule')),
	refusal_reason_enc TEXT,
	recorded_by TEXT NOT NULL,
	decided_by TEXT,
	decided_at TEXT,
	carried_out_at TEXT,
	created_at TEXT NOT NULL
);
CREATE INDEX destruction_request_client ON destruction_request (client_id);
-- At most one request is open (pending or granted) per client.
CREATE UNIQUE INDEX destruction_request_one_open ON destruction_request (client_id)
	WHERE status IN ('pending', 'granted');

CREATE TABLE legal_hold (
	id TEXT PRIMARY KEY,
	client_id TEXT NOT NULL,
	reason_enc TEXT NOT NULL,
	set_by TEXT NOT NULL,
	set_at TEXT NOT NULL,
	lifted_by TEXT,
	lifted_at TEXT,
	lift_reason_enc TEXT
);
CREATE INDEX legal_hold_client ON legal_hold (client_id);
CREATE UNIQUE INDEX legal_hold_one_active ON legal_hold (client_id)
	WHERE lifted_at IS NULL;

ALTER TABLE app_user ADD COLUMN deactivated_at TEXT;
