CREATE TABLE api_keys (
	id         TEXT   PRIMARY KEY,
	name       TEXT   NOT NULL,
	hash       TEXT   NOT NULL,
	number     BIGINT NOT NULL,
	per_minute BIGINT NOT NULL,
	created_at TEXT   NOT NULL,
	revoked_at TEXT
);

CREATE TABLE partner_requests (
	api_key    TEXT NOT NULL,
	idem       TEXT NOT NULL,
	submission TEXT NOT NULL,
	PRIMARY KEY (api_key, idem)
);

CREATE TABLE upstreams (
	body         TEXT PRIMARY KEY,
	url          TEXT NOT NULL,
	api_key      TEXT NOT NULL,
	jurisdiction TEXT NOT NULL DEFAULT '',
	service_code TEXT NOT NULL DEFAULT '',
	area         TEXT NOT NULL
);

CREATE TABLE escalations (
	case_id     TEXT   NOT NULL,
	body        TEXT   NOT NULL,
	state       TEXT   NOT NULL,
	attempts    BIGINT NOT NULL DEFAULT 0,
	next_at     TEXT   NOT NULL,
	last_error  TEXT   NOT NULL DEFAULT '',
	upstream_id TEXT   NOT NULL DEFAULT '',
	status      TEXT   NOT NULL DEFAULT '',
	notes       TEXT   NOT NULL DEFAULT '',
	updated     TEXT,
	created_at  TEXT   NOT NULL,
	PRIMARY KEY (case_id, body)
);
CREATE INDEX escalations_due ON escalations (next_at) WHERE state IN ('pending', 'sent');

CREATE FUNCTION escalate_routed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.matter = 'big' AND NEW.gov_body <> '' AND NEW.status NOT IN ('closed', 'duplicate', 'not_applicable') THEN
		INSERT INTO escalations (case_id, body, state, next_at, created_at)
		SELECT NEW.id, NEW.gov_body, 'pending', NEW.updated_at, NEW.updated_at
		WHERE EXISTS (SELECT 1 FROM upstreams u WHERE u.body = NEW.gov_body)
		ON CONFLICT DO NOTHING;
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER escalate_routed AFTER UPDATE OF gov_body, matter, status ON cases
	FOR EACH ROW EXECUTE FUNCTION escalate_routed();

CREATE INDEX cases_geo_topic ON cases (topic, at) WHERE kind = 'opinion';
