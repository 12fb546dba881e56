-- 012_recognition: registration as a victim (DOMAIN.md R13) and exploiter
-- indicators linked across trajectories (R17, the report's rec. 5).

-- One registration per trajectory.  Her responsible municipality is an
-- organisation of kind municipality, as client.municipality_id is for the
-- figures.  The registration with CoMensha is recorded once, with the
-- consent record it rests on and the party that signed it.
CREATE TABLE victim_registration (
	id TEXT PRIMARY KEY,
	trajectory_id TEXT NOT NULL REFERENCES trajectory(id),
	client_id TEXT NOT NULL REFERENCES client(id),
	status TEXT NOT NULL CHECK (status IN ('possible', 'confirmed')),
	recognised_on TEXT NOT NULL,
	municipality_id TEXT NOT NULL REFERENCES organisation(id),
	recorded_by TEXT NOT NULL REFERENCES app_user(id),
	created_at TEXT NOT NULL,
	comensha_on TEXT,
	comensha_consent_id TEXT REFERENCES consent(id),
	comensha_basis TEXT CHECK (comensha_basis IN ('client', 'parents', 'both')),
	comensha_age BIGINT,
	comensha_by TEXT REFERENCES app_user(id),
	CHECK ((comensha_on IS NULL) = (comensha_consent_id IS NULL))
);
CREATE UNIQUE INDEX victim_registration_one ON victim_registration (trajectory_id);
CREATE INDEX victim_registration_client ON victim_registration (client_id);

CREATE TABLE victim_form (
	registration_id TEXT NOT NULL REFERENCES victim_registration(id),
	form TEXT NOT NULL CHECK (form IN ('sexual_nl', 'sexual_cross_border',
		'sexual_online', 'criminal', 'labour', 'other')),
	PRIMARY KEY (registration_id, form)
);

-- An indicator's value is encrypted as typed and as normalised (for
-- display); match_hash is the keyed hash of its kind and normal form, the
-- only thing compared across trajectories.  One trajectory holds an
-- indicator once while it is not removed.
CREATE TABLE exploiter_indicator (
	id TEXT PRIMARY KEY,
	trajectory_id TEXT NOT NULL REFERENCES trajectory(id),
	client_id TEXT NOT NULL REFERENCES client(id),
	kind TEXT NOT NULL CHECK (kind IN ('alias', 'phone', 'handle', 'plate', 'address')),
	value_enc TEXT NOT NULL,
	normal_enc TEXT NOT NULL,
	match_hash TEXT NOT NULL,
	note_enc TEXT,
	recorded_by TEXT NOT NULL REFERENCES app_user(id),
	created_at TEXT NOT NULL,
	removed_at TEXT,
	removed_by TEXT REFERENCES app_user(id)
);
CREATE INDEX exploiter_indicator_hash ON exploiter_indicator (match_hash);
CREATE INDEX exploiter_indicator_trajectory ON exploiter_indicator (trajectory_id);
CREATE UNIQUE INDEX exploiter_indicator_once ON exploiter_indicator (trajectory_id, match_hash)
	WHERE removed_at IS NULL;

-- Every export of an indicator's overview for the police, with its legal
-- ground and the police's case or reference number (encrypted).
CREATE TABLE indicator_export (
	id TEXT PRIMARY KEY,
	indicator_id TEXT NOT NULL REFERENCES exploiter_indicator(id),
	legal_basis TEXT NOT NULL CHECK (legal_basis IN ('prosecutor_order',
		'conflict_of_duties', 'consent', 'covenant')),
	reference_enc TEXT NOT NULL,
	recipient_enc TEXT,
	format TEXT NOT NULL CHECK (format IN ('json', 'csv')),
	exported_by TEXT NOT NULL REFERENCES app_user(id),
	exported_at TEXT NOT NULL
);
CREATE INDEX indicator_export_indicator ON indicator_export (indicator_id);
