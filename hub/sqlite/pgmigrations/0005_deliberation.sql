ALTER TABLE cases ADD COLUMN gov_body TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN due TEXT;
ALTER TABLE cases ADD COLUMN delib_item TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN delib_title TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN referrals TEXT NOT NULL DEFAULT '';
CREATE INDEX cases_by_delib_item ON cases (delib_item) WHERE delib_item <> '';

CREATE TABLE items (
	id         TEXT   PRIMARY KEY,
	n          BIGINT NOT NULL UNIQUE,
	stage      TEXT   NOT NULL,
	body       TEXT   NOT NULL,
	created_at TEXT   NOT NULL,
	updated_at TEXT   NOT NULL,
	version    BIGINT NOT NULL
);

CREATE TABLE photos (
	name       TEXT  PRIMARY KEY,
	bytes      BYTEA NOT NULL,
	created_at TEXT  NOT NULL
);

CREATE TABLE settings (
	name TEXT PRIMARY KEY,
	body TEXT NOT NULL
);
