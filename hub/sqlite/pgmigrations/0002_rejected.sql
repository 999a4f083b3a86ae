CREATE TABLE rejected_submissions (
	rowid       BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
	id          TEXT PRIMARY KEY,
	kiosk       TEXT NOT NULL,
	raw         TEXT NOT NULL,
	reason      TEXT NOT NULL,
	received_at TEXT NOT NULL
);
