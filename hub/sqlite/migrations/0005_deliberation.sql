-- Deliberation (议事): 三事分流 routing on the cases, the deliberation
-- items (居民议事事项清单) with their photos, and the station's settings.
ALTER TABLE cases ADD COLUMN gov_body TEXT NOT NULL DEFAULT '';    -- 大事: the government body responsible
ALTER TABLE cases ADD COLUMN due TEXT;                              -- 大事: due date
ALTER TABLE cases ADD COLUMN delib_item TEXT NOT NULL DEFAULT '';  -- the item the opinion went into
ALTER TABLE cases ADD COLUMN delib_title TEXT NOT NULL DEFAULT ''; -- its title, JSON {"zh","en"}
ALTER TABLE cases ADD COLUMN referrals TEXT NOT NULL DEFAULT '';   -- 私事: JSON list of referral services
CREATE INDEX cases_by_delib_item ON cases (delib_item) WHERE delib_item <> '';

-- One row per item; what only the item's own screens read is in body (JSON).
CREATE TABLE items (
	id         TEXT    PRIMARY KEY,
	n          INTEGER NOT NULL UNIQUE, -- its number on the list
	stage      TEXT    NOT NULL,
	body       TEXT    NOT NULL,
	created_at TEXT    NOT NULL,
	updated_at TEXT    NOT NULL,
	version    INTEGER NOT NULL
);

-- Photos of items and their progress, by name.
CREATE TABLE photos (
	name       TEXT PRIMARY KEY,
	bytes      BLOB NOT NULL,
	created_at TEXT NOT NULL
);

-- The station's settings, one JSON document per name.
CREATE TABLE settings (
	name TEXT PRIMARY KEY,
	body TEXT NOT NULL
);
