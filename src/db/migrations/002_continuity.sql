-- 002_continuity: the continuity engine (DOMAIN.md R4, R5, R7, R8, R11).
-- Same portable subset as 001: TEXT and BIGINT, dates 'YYYY-MM-DD',
-- instants UTC ISO-8601, booleans BIGINT 0/1; free text about her is
-- encrypted (suffix _enc), bound to 'table|column|row id'.

-- R4: one transition plan per trajectory, with her own view.
CREATE TABLE transition_plan (
	id TEXT PRIMARY KEY,
	trajectory_id TEXT NOT NULL UNIQUE REFERENCES trajectory(id),
	opened_on TEXT NOT NULL,
	her_view_enc TEXT,
	created_by TEXT REFERENCES app_user(id),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);

-- The ten items of R4, created with the plan.  The legal basis after 18
-- carries the basis asked for, the request date and the decision.
CREATE TABLE transition_item (
	id TEXT PRIMARY KEY,
	plan_id TEXT NOT NULL REFERENCES transition_plan(id),
	kind TEXT NOT NULL CHECK (kind IN ('legal_basis_after_18', 'housing',
		'income', 'health_insurance', 'bank_account_digid', 'debts',
		'education', 'safety_plan', 'support_network', 'warm_handover')),
	owner_user_id TEXT REFERENCES app_user(id),
	due_date TEXT,
	status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'done',
		'not_needed')),
	notes_enc TEXT,
	basis_kind TEXT CHECK (basis_kind IS NULL OR basis_kind IN
		('verlengde_jeugdhulp', 'wmo', 'wlz', 'zvw_ggz', 'criminal', 'other')),
	request_date TEXT,
	decision TEXT CHECK (decision IS NULL OR decision IN ('pending',
		'granted', 'refused')),
	decision_date TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	UNIQUE (plan_id, kind)
);

-- R5: a warm handover.  Responsibility moves only on acceptance.
CREATE TABLE handover (
	id TEXT PRIMARY KEY,
	trajectory_id TEXT NOT NULL REFERENCES trajectory(id),
	outgoing_user_id TEXT REFERENCES app_user(id),
	incoming_user_id TEXT NOT NULL REFERENCES app_user(id),
	role TEXT NOT NULL CHECK (role IN ('main_caregiver', 'caregiver',
		'therapist', 'guardian', 'other')),
	proposed_on TEXT NOT NULL,
	planned_date TEXT NOT NULL,
	meeting_date TEXT,
	meeting_with_her BIGINT NOT NULL DEFAULT 0 CHECK (meeting_with_her IN (0, 1)),
	meeting_notes_enc TEXT,
	status TEXT NOT NULL CHECK (status IN ('proposed', 'accepted', 'withdrawn')),
	accepted_on TEXT,
	proposed_by TEXT REFERENCES app_user(id),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX handover_trajectory ON handover (trajectory_id);
CREATE INDEX handover_incoming ON handover (incoming_user_id, status);

-- R7: one row per trajectory and life domain once it was touched
-- (absent = not assessed), goals per domain, and every change kept.
CREATE TABLE life_domain (
	id TEXT PRIMARY KEY,
	trajectory_id TEXT NOT NULL REFERENCES trajectory(id),
	domain TEXT NOT NULL CHECK (domain IN ('safety', 'trauma_health',
		'housing', 'finances', 'education', 'work', 'leisure', 'parents',
		'network')),
	status TEXT NOT NULL CHECK (status IN ('not_assessed', 'needs_work',
		'in_progress', 'settled')),
	her_words_enc TEXT,
	updated_by TEXT REFERENCES app_user(id),
	updated_at TEXT NOT NULL,
	UNIQUE (trajectory_id, domain)
);

CREATE TABLE domain_goal (
	id TEXT PRIMARY KEY,
	trajectory_id TEXT NOT NULL REFERENCES trajectory(id),
	domain TEXT NOT NULL,
	text_enc TEXT NOT NULL,
	owner_user_id TEXT REFERENCES app_user(id),
	target_date TEXT,
	status TEXT NOT NULL CHECK (status IN ('open', 'achieved', 'dropped')),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX domain_goal_trajectory ON domain_goal (trajectory_id);

-- Who changed what, when: field is 'status', 'her_words', 'goal'; the new
-- value is encrypted (her words and goals are free text about her).
CREATE TABLE domain_history (
	id TEXT PRIMARY KEY,
	trajectory_id TEXT NOT NULL REFERENCES trajectory(id),
	domain TEXT NOT NULL,
	goal_id TEXT,
	field TEXT NOT NULL,
	value_enc TEXT,
	changed_by TEXT REFERENCES app_user(id),
	changed_at TEXT NOT NULL
);
CREATE INDEX domain_history_trajectory ON domain_history (trajectory_id, changed_at);

-- R11: a periodic review as held.
CREATE TABLE review (
	id TEXT PRIMARY KEY,
	trajectory_id TEXT NOT NULL REFERENCES trajectory(id),
	phase_id TEXT REFERENCES phase(id),
	held_on TEXT NOT NULL,
	participants_enc TEXT,
	she_attended BIGINT NOT NULL CHECK (she_attended IN (0, 1)),
	outcome_enc TEXT,
	next_date TEXT,
	recorded_by TEXT REFERENCES app_user(id),
	created_at TEXT NOT NULL
);
CREATE INDEX review_trajectory ON review (trajectory_id);

-- R8: every closing of a trajectory (with its sign-off when domains were
-- unsettled), and its reopening; the span between is an interruption.
CREATE TABLE trajectory_closure (
	id TEXT PRIMARY KEY,
	trajectory_id TEXT NOT NULL REFERENCES trajectory(id),
	closed_on TEXT NOT NULL,
	end_reason_enc TEXT,
	unsettled TEXT,
	sign_off_reason_enc TEXT,
	signed_off_by TEXT REFERENCES app_user(id),
	reopened_on TEXT,
	reopen_reason_enc TEXT,
	created_at TEXT NOT NULL
);
CREATE INDEX trajectory_closure_trajectory ON trajectory_closure (trajectory_id);

CREATE TABLE aftercare (
	id TEXT PRIMARY KEY,
	trajectory_id TEXT NOT NULL REFERENCES trajectory(id),
	closure_id TEXT REFERENCES trajectory_closure(id),
	due_date TEXT NOT NULL,
	months_after BIGINT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('planned', 'done', 'cancelled')),
	done_on TEXT,
	needs_help BIGINT CHECK (needs_help IS NULL OR needs_help IN (0, 1)),
	outcome_enc TEXT,
	done_by TEXT REFERENCES app_user(id),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX aftercare_trajectory ON aftercare (trajectory_id);
