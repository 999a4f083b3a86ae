-- Submissions a resident made at this kiosk. seq is the kiosk's own
-- sequence, assigned in the same transaction; body is kiosk.Body as JSON.
CREATE TABLE submissions (
	seq          INTEGER PRIMARY KEY,
	id           TEXT    NOT NULL UNIQUE,
	kiosk        TEXT    NOT NULL,
	kind         TEXT    NOT NULL CHECK (kind IN ('opinion', 'rating', 'vote')),
	ticket       TEXT    NOT NULL UNIQUE,
	created_at   TEXT    NOT NULL,
	clock_synced INTEGER NOT NULL CHECK (clock_synced IN (0, 1)),
	body         TEXT    NOT NULL CHECK (json_valid(body)),
	purged_at    TEXT
);

-- One row per submission: pending -> inflight -> acked (by the hub, after
-- its commit). inflight rows go back to pending on timeout or reconnect.
CREATE TABLE outbox (
	seq             INTEGER PRIMARY KEY REFERENCES submissions (seq) ON DELETE CASCADE,
	state           TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'inflight', 'acked')),
	attempts        INTEGER NOT NULL DEFAULT 0,
	last_attempt_at TEXT,
	acked_at        TEXT
);
-- Only pending rows are looked up by state (to claim them in seq order);
-- a row leaves this index when claimed and never enters it again unless
-- put back.
CREATE INDEX outbox_pending ON outbox (seq) WHERE state = 'pending';

-- The kiosk's sequence counter, apart from the rows so that purging rows
-- never makes a seq (and so a ticket code) come round again.
CREATE TABLE sequence (
	id    INTEGER PRIMARY KEY CHECK (id = 1),
	value INTEGER NOT NULL
);
INSERT INTO sequence (id, value) VALUES (1, 0);

-- A submission and its outbox row are written by one INSERT statement, so
-- one transaction: this trigger adds the outbox row and moves the counter,
-- and refuses a seq that is not the next one (another writer got there
-- first), which rolls the whole statement back.
CREATE TRIGGER submissions_outbox AFTER INSERT ON submissions
BEGIN
	SELECT RAISE(ABORT, 'seq out of order') WHERE (SELECT value FROM sequence WHERE id = 1) != NEW.seq - 1;
	UPDATE sequence SET value = NEW.seq WHERE id = 1;
	INSERT INTO outbox (seq) VALUES (NEW.seq);
END;

-- Status changes and replies the hub sent for this kiosk's tickets.
CREATE TABLE tickets (
	ticket        TEXT PRIMARY KEY,
	submission_id TEXT NOT NULL,
	status        TEXT NOT NULL,
	matter        TEXT NOT NULL DEFAULT '',
	reply         TEXT NOT NULL DEFAULT '',
	updated_at    TEXT NOT NULL
);

-- The latest signed snapshots of the public wall and of the open polls.
CREATE TABLE snapshots (
	name        TEXT    PRIMARY KEY CHECK (name IN ('wall', 'polls')),
	version     INTEGER NOT NULL,
	body        TEXT    NOT NULL CHECK (json_valid(body)),
	received_at TEXT    NOT NULL
);

-- The configuration version last applied, with the configuration itself.
CREATE TABLE applied_config (
	id         INTEGER PRIMARY KEY CHECK (id = 1),
	version    INTEGER NOT NULL,
	body       TEXT    NOT NULL,
	applied_at TEXT    NOT NULL
);

-- Nonces of commands already seen, kept until the command expires.
CREATE TABLE seen_nonces (
	nonce      TEXT PRIMARY KEY,
	expires_at TEXT NOT NULL
);

-- Counters reported in telemetry.
CREATE TABLE counters (
	name  TEXT    PRIMARY KEY,
	value INTEGER NOT NULL
);

-- Events of the store itself (a corrupt file moved aside), for telemetry.
CREATE TABLE store_events (
	id     INTEGER PRIMARY KEY,
	at     TEXT NOT NULL,
	kind   TEXT NOT NULL,
	detail TEXT NOT NULL
);
