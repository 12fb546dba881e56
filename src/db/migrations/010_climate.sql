-- 010_climate: group climate (DOMAIN.md R15, the report's rec. 10).
-- Same portable subset as 001: TEXT and BIGINT, dates 'YYYY-MM-DD',
-- instants UTC ISO-8601, booleans BIGINT 0/1.
--
-- Anonymity by construction: a code is stored only as a keyed hash and is
-- never linked to a girl or a user; a finished answer set
-- (climate_response) has a random id, no time and no link to its code, so
-- nothing in the database tells whose answers they are.  Only while a
-- respondent is still answering do her answers wait in climate_draft,
-- keyed by the code; finishing moves them and deletes the draft in one
-- transaction.

-- A questionnaire as data: its answer scale and items per variant.
CREATE TABLE climate_questionnaire (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	version TEXT NOT NULL,
	source TEXT NOT NULL,
	scale_points BIGINT NOT NULL CHECK (scale_points BETWEEN 2 AND 7),
	loaded_by TEXT REFERENCES app_user(id),
	loaded_at TEXT NOT NULL,
	UNIQUE (name, version)
);

CREATE TABLE climate_scale_label (
	questionnaire_id TEXT NOT NULL REFERENCES climate_questionnaire(id),
	value BIGINT NOT NULL CHECK (value BETWEEN 1 AND 7),
	label_nl TEXT NOT NULL,
	label_en TEXT NOT NULL,
	PRIMARY KEY (questionnaire_id, value)
);

CREATE TABLE climate_item (
	id TEXT PRIMARY KEY,
	questionnaire_id TEXT NOT NULL REFERENCES climate_questionnaire(id),
	variant TEXT NOT NULL CHECK (variant IN ('girl_young', 'girl_older',
		'staff')),
	position BIGINT NOT NULL CHECK (position >= 1),
	theme TEXT NOT NULL CHECK (theme IN ('support', 'growth', 'repression',
		'atmosphere')),
	reverse BIGINT NOT NULL CHECK (reverse IN (0, 1)),
	text_nl TEXT NOT NULL,
	text_en TEXT NOT NULL,
	UNIQUE (questionnaire_id, variant, position)
);

-- A living group: a unit at a location of an institution.
CREATE TABLE living_group (
	id TEXT PRIMARY KEY,
	org_id TEXT NOT NULL REFERENCES organisation(id),
	name TEXT NOT NULL,
	location TEXT NOT NULL,
	created_by TEXT REFERENCES app_user(id),
	created_at TEXT NOT NULL,
	UNIQUE (org_id, name)
);

-- A round: one questionnaire for one group within a date window.
CREATE TABLE climate_round (
	id TEXT PRIMARY KEY,
	group_id TEXT NOT NULL REFERENCES living_group(id),
	questionnaire_id TEXT NOT NULL REFERENCES climate_questionnaire(id),
	opens_on TEXT NOT NULL,
	closes_on TEXT NOT NULL,
	opened_by TEXT REFERENCES app_user(id),
	created_at TEXT NOT NULL,
	CHECK (closes_on >= opens_on)
);
CREATE INDEX climate_round_group ON climate_round (group_id, opens_on);

-- A one-time code.  `spent` moves from 0 to 1 once, by a conditional
-- update (... WHERE spent = 0), so of two racing submissions one counts.
CREATE TABLE climate_code (
	id TEXT PRIMARY KEY,
	round_id TEXT NOT NULL REFERENCES climate_round(id),
	variant TEXT NOT NULL CHECK (variant IN ('girl_young', 'girl_older',
		'staff')),
	code_hash TEXT NOT NULL UNIQUE,
	spent BIGINT NOT NULL CHECK (spent IN (0, 1))
);
CREATE INDEX climate_code_round ON climate_code (round_id);

-- Answers of a respondent who has not finished yet.
CREATE TABLE climate_draft (
	code_id TEXT NOT NULL REFERENCES climate_code(id),
	item_id TEXT NOT NULL REFERENCES climate_item(id),
	value BIGINT NOT NULL CHECK (value BETWEEN 1 AND 7),
	PRIMARY KEY (code_id, item_id)
);

-- A finished answer set: random id, no time, no code.
CREATE TABLE climate_response (
	id TEXT PRIMARY KEY,
	round_id TEXT NOT NULL REFERENCES climate_round(id),
	audience TEXT NOT NULL CHECK (audience IN ('girls', 'staff'))
);
CREATE INDEX climate_response_round ON climate_response (round_id);

CREATE TABLE climate_answer (
	response_id TEXT NOT NULL REFERENCES climate_response(id),
	item_id TEXT NOT NULL REFERENCES climate_item(id),
	value BIGINT NOT NULL CHECK (value BETWEEN 1 AND 7),
	PRIMARY KEY (response_id, item_id)
);
