-- Open311 GeoReport v2 (docs/OPEN311.md): partners' API keys, their
-- requests by idempotency key, the government bodies' endpoints and the
-- escalations' outbox.

-- Partners' keys: only the hash of the secret is kept.
CREATE TABLE api_keys (
	id         TEXT    PRIMARY KEY,
	name       TEXT    NOT NULL,
	hash       TEXT    NOT NULL,
	number     INTEGER NOT NULL, -- the first two digits of its receipt codes
	per_minute INTEGER NOT NULL,
	created_at TEXT    NOT NULL,
	revoked_at TEXT
);

-- A partner's resend of a request (same Idempotency-Key) is the same request.
CREATE TABLE partner_requests (
	api_key    TEXT NOT NULL,
	idem       TEXT NOT NULL,
	submission TEXT NOT NULL,
	PRIMARY KEY (api_key, idem)
) WITHOUT ROWID;

-- The bodies 大事 go to, with their Open311 endpoints.
CREATE TABLE upstreams (
	body         TEXT PRIMARY KEY, -- as cases.gov_body names it
	url          TEXT NOT NULL,
	api_key      TEXT NOT NULL,
	jurisdiction TEXT NOT NULL DEFAULT '',
	service_code TEXT NOT NULL DEFAULT '',
	area         TEXT NOT NULL
);

-- The escalations' outbox: one row per case and body, sent once (the
-- body's request id kept), then polled until the body closes it.
CREATE TABLE escalations (
	case_id     TEXT    NOT NULL,
	body        TEXT    NOT NULL,
	state       TEXT    NOT NULL, -- pending, sent, closed, dropped
	attempts    INTEGER NOT NULL DEFAULT 0,
	next_at     TEXT    NOT NULL,
	last_error  TEXT    NOT NULL DEFAULT '',
	upstream_id TEXT    NOT NULL DEFAULT '',
	status      TEXT    NOT NULL DEFAULT '', -- the body's: open, closed
	notes       TEXT    NOT NULL DEFAULT '',
	updated     TEXT,
	created_at  TEXT    NOT NULL,
	PRIMARY KEY (case_id, body)
) WITHOUT ROWID;
CREATE INDEX escalations_due ON escalations (next_at) WHERE state IN ('pending', 'sent');

-- A case routed as an open 大事 to a body with an endpoint is queued in
-- the transaction that routes it (hub.Case.Escalates, in SQL).
CREATE TRIGGER escalate_routed AFTER UPDATE OF gov_body, matter, status ON cases
WHEN NEW.matter = 'big' AND NEW.gov_body <> '' AND NEW.status NOT IN ('closed', 'duplicate', 'not_applicable')
BEGIN
	INSERT OR IGNORE INTO escalations (case_id, body, state, next_at, created_at)
	SELECT NEW.id, NEW.gov_body, 'pending', NEW.updated_at, NEW.updated_at
	WHERE EXISTS (SELECT 1 FROM upstreams WHERE body = NEW.gov_body);
END;

-- GET requests by service (topic), newest first, without reading the
-- other topics' opinions.
CREATE INDEX cases_geo_topic ON cases (topic, at) WHERE kind = 'opinion';
