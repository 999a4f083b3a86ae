-- Submissions received from every kiosk, once each (id is the kiosk's UUIDv7).
-- Rows are inserted in order of receipt, so rowid order is receipt order.
CREATE TABLE submissions (
	id           TEXT    PRIMARY KEY,
	kiosk        TEXT    NOT NULL,
	seq          INTEGER NOT NULL,
	kind         TEXT    NOT NULL,
	ticket       TEXT    NOT NULL,
	created_at   TEXT    NOT NULL,
	clock_synced INTEGER NOT NULL,
	body         TEXT    NOT NULL, -- JSON, as the ingest decoded and checked it
	received_at  TEXT    NOT NULL,
	in_stats     INTEGER NOT NULL -- 0 for probable play
);
CREATE INDEX submissions_by_ticket ON submissions (ticket);

-- The fleet.
CREATE TABLE kiosks (
	id           TEXT    PRIMARY KEY,
	state        TEXT    NOT NULL DEFAULT 'unknown',
	state_at     TEXT,
	session      TEXT    NOT NULL DEFAULT '',
	boot_id      TEXT    NOT NULL DEFAULT '',
	version      TEXT    NOT NULL DEFAULT '',
	last_seen    TEXT,
	last_seq     INTEGER NOT NULL DEFAULT 0,
	received     INTEGER NOT NULL DEFAULT 0,
	telemetry    TEXT,
	telemetry_at TEXT
);

-- Seqs below a kiosk's last seq that never arrived.
CREATE TABLE kiosk_gaps (
	kiosk TEXT    NOT NULL,
	seq   INTEGER NOT NULL,
	PRIMARY KEY (kiosk, seq)
) WITHOUT ROWID;

-- Acks sent, after their commit.
CREATE TABLE ack_log (
	id    INTEGER PRIMARY KEY,
	kiosk TEXT    NOT NULL,
	ids   INTEGER NOT NULL,
	at    TEXT    NOT NULL
);
