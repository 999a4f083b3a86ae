-- The station's work on each submission (one case per submission, made by
-- the ingest in the same transaction). Columns the inbox filters on are
-- copied out of the body. Ratings and votes are counted, not worked: they
-- start closed (a worker can reopen one).
CREATE TABLE cases (
	n            INTEGER PRIMARY KEY, -- stable row number (the search index's rowid)
	id           TEXT    NOT NULL UNIQUE, -- the submission's id
	ticket       TEXT    NOT NULL,
	kiosk        TEXT    NOT NULL,
	kind         TEXT    NOT NULL,
	topic        TEXT    NOT NULL DEFAULT '',
	building     TEXT    NOT NULL DEFAULT '',
	text         TEXT    NOT NULL DEFAULT '', -- what the resident wrote or picked
	rating       INTEGER NOT NULL DEFAULT 0,
	at           TEXT    NOT NULL,            -- created_at if the kiosk clock was synced, else received_at
	received_at  TEXT    NOT NULL,
	clock_synced INTEGER NOT NULL,
	flagged      INTEGER NOT NULL,            -- probable play
	status       TEXT    NOT NULL,
	matter       TEXT    NOT NULL DEFAULT '',
	item         TEXT    NOT NULL DEFAULT '',
	priority     INTEGER NOT NULL DEFAULT 0,
	assignee     TEXT    NOT NULL DEFAULT '',
	duplicate_of TEXT    NOT NULL DEFAULT '',
	reason       TEXT    NOT NULL DEFAULT '',
	reply        TEXT    NOT NULL DEFAULT '',
	reply_en     TEXT    NOT NULL DEFAULT '',
	replied_at   TEXT,
	wall_text    TEXT    NOT NULL DEFAULT '',
	published_at TEXT,
	updated_at   TEXT    NOT NULL,
	version      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX cases_by_at ON cases (at);
CREATE INDEX cases_by_assignee ON cases (assignee, at);
-- Serves a page of one status (newest first), and covers the inbox's
-- counts per status, kind and class under the other filters but text
-- search: such counts read this index, not the table.
CREATE INDEX cases_facets ON cases (status, at, kind, matter, flagged, assignee, building, kiosk, topic);
CREATE INDEX cases_published ON cases (published_at) WHERE published_at IS NOT NULL;
CREATE INDEX cases_votes ON cases (topic) WHERE kind = 'vote';

INSERT INTO cases (id, ticket, kiosk, kind, topic, building, text, rating, at, received_at, clock_synced, flagged, status, updated_at)
SELECT id, ticket, kiosk, kind,
	coalesce(CASE kind WHEN 'vote' THEN json_extract(body, '$.poll_id') ELSE json_extract(body, '$.topic') END, ''),
	coalesce(json_extract(body, '$.location.building'), ''),
	coalesce(json_extract(body, '$.text'), ''),
	coalesce(json_extract(body, '$.rating'), 0),
	CASE clock_synced WHEN 1 THEN created_at ELSE received_at END,
	received_at, clock_synced, 1 - in_stats,
	CASE kind WHEN 'opinion' THEN 'received' ELSE 'closed' END,
	received_at
FROM submissions;

-- The inbox's counts when only status, kind, class, topic, assignee or the
-- probable-play flag filter: kept by triggers, read without a scan.
CREATE TABLE case_counts (
	status   TEXT    NOT NULL,
	kind     TEXT    NOT NULL,
	matter   TEXT    NOT NULL,
	flagged  INTEGER NOT NULL,
	topic    TEXT    NOT NULL,
	assignee TEXT    NOT NULL,
	n        INTEGER NOT NULL,
	PRIMARY KEY (status, kind, matter, flagged, topic, assignee)
) WITHOUT ROWID;
INSERT INTO case_counts SELECT status, kind, matter, flagged, topic, assignee, count(*) FROM cases GROUP BY 1, 2, 3, 4, 5, 6;
CREATE TRIGGER case_counts_insert AFTER INSERT ON cases BEGIN
	INSERT INTO case_counts VALUES (NEW.status, NEW.kind, NEW.matter, NEW.flagged, NEW.topic, NEW.assignee, 1)
		ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER case_counts_update AFTER UPDATE OF status, kind, matter, flagged, topic, assignee ON cases BEGIN
	UPDATE case_counts SET n = n - 1 WHERE status = OLD.status AND kind = OLD.kind AND matter = OLD.matter
		AND flagged = OLD.flagged AND topic = OLD.topic AND assignee = OLD.assignee;
	INSERT INTO case_counts VALUES (NEW.status, NEW.kind, NEW.matter, NEW.flagged, NEW.topic, NEW.assignee, 1)
		ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER case_counts_delete AFTER DELETE ON cases BEGIN
	UPDATE case_counts SET n = n - 1 WHERE status = OLD.status AND kind = OLD.kind AND matter = OLD.matter
		AND flagged = OLD.flagged AND topic = OLD.topic AND assignee = OLD.assignee;
END;

-- Every change to a case or poll: who, when, what.
CREATE TABLE audit (
	id      INTEGER PRIMARY KEY,
	case_id TEXT NOT NULL, -- a case id, or poll:ID
	worker  TEXT NOT NULL,
	at      TEXT NOT NULL,
	action  TEXT NOT NULL,
	from_status TEXT NOT NULL DEFAULT '',
	to_status   TEXT NOT NULL DEFAULT '',
	detail  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_by_case ON audit (case_id, id);

CREATE TABLE workers (
	id       TEXT PRIMARY KEY,
	name     TEXT NOT NULL,
	role     TEXT NOT NULL,
	pin_hash TEXT NOT NULL
);

-- 包楼: which worker looks after which building.
CREATE TABLE buildings (
	building TEXT PRIMARY KEY,
	worker   TEXT NOT NULL
);

CREATE TABLE polls (
	id         TEXT PRIMARY KEY,
	body       TEXT NOT NULL, -- JSON: title, options
	opens      TEXT NOT NULL,
	closes     TEXT NOT NULL,
	state      TEXT NOT NULL,
	results    INTEGER NOT NULL DEFAULT 0,
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL
);

-- The last wall and polls snapshots, unsigned (the sender signs them).
CREATE TABLE snapshots (
	name    TEXT PRIMARY KEY,
	version INTEGER NOT NULL,
	payload TEXT NOT NULL
);

-- Ticket updates for kiosks, kept until the broker took them.
CREATE TABLE ticket_outbox (
	id      INTEGER PRIMARY KEY,
	kiosk   TEXT NOT NULL,
	body    TEXT NOT NULL,
	created TEXT NOT NULL,
	sent_at TEXT
);
CREATE INDEX ticket_outbox_pending ON ticket_outbox (id) WHERE sent_at IS NULL;

-- Inbox search: SearchTerms of the resident's text and the reply (Chinese
-- character pairs and characters, words), rowid = cases.n. Kept by the store.
CREATE VIRTUAL TABLE cases_search USING fts5(terms);
-- A row here asks the store to index the cases made above from earlier
-- submissions (their terms are made in Go), once, at the next open.
CREATE TABLE search_backfill (pending INTEGER NOT NULL);
INSERT INTO search_backfill SELECT 1 WHERE EXISTS (SELECT 1 FROM cases);

-- Submissions whose cases are not made yet (the hub makes them just after
-- the ingest's transaction: DB.DeferCases).
CREATE TABLE case_queue (
	id TEXT PRIMARY KEY
) WITHOUT ROWID;

-- Telemetry reports in a row in which the kiosk's outbox grew (the alert
-- outbox_growing).
ALTER TABLE kiosks ADD COLUMN outbox_rising INTEGER NOT NULL DEFAULT 0;
