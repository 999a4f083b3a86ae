-- Submissions this hub could not accept, kept aside (not lost) and acked so
-- the kiosk stops resending them.
CREATE TABLE rejected_submissions (
	id          TEXT PRIMARY KEY,
	kiosk       TEXT NOT NULL,
	raw         TEXT NOT NULL,
	reason      TEXT NOT NULL,
	received_at TEXT NOT NULL
);
