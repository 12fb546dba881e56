-- 020_notification: what waits for a member of staff (issue 10).  A row is
-- written in the same transaction as the act that causes it: a handover
-- proposed to her, the girl's statement on a journal entry, her "not kept"
-- on a promise, a break-the-glass access to her file.  It holds ids and a
-- kind only, never text: the web app words it from the kind, so nothing
-- about her is stored twice.  read_at is set once, when the recipient
-- opens it or marks all read.
CREATE TABLE notification (
	id TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES app_user(id),
	kind TEXT NOT NULL CHECK (kind IN ('handover_proposed',
		'journal_statement', 'promise_disputed', 'glass_used')),
	client_id TEXT NOT NULL REFERENCES client(id),
	object_id TEXT NOT NULL,
	created_at TEXT NOT NULL,
	read_at TEXT
);
CREATE INDEX notification_user ON notification (user_id, created_at);
CREATE INDEX notification_client ON notification (client_id);
