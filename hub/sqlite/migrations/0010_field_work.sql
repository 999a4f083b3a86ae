-- Field work: grid workers' notes and photos on cases from their phones,
-- each stored once per (case, client key) so a resend is the same note.
CREATE TABLE case_notes (
	id         INTEGER PRIMARY KEY,
	case_id    TEXT    NOT NULL,
	kind       TEXT    NOT NULL, -- note, photo, proposal, resolved
	worker     TEXT    NOT NULL,
	at         TEXT    NOT NULL,
	text       TEXT    NOT NULL DEFAULT '',
	key        TEXT    NOT NULL, -- the client's idempotency key
	photo_name TEXT    NOT NULL DEFAULT '',
	photo      BLOB,             -- JPEG, re-encoded on the hub (no EXIF)
	on_wall    INTEGER NOT NULL DEFAULT 0, -- a lead shows it on the wall (处理后)
	UNIQUE (case_id, key)
);
CREATE INDEX case_notes_on_wall ON case_notes (case_id) WHERE on_wall = 1;

-- 我的待办: the cases still needing field work in one building (包楼),
-- oldest first (read per building, LIMIT n, merged).
CREATE INDEX cases_work_by_building ON cases (building, at, id)
	WHERE building <> '' AND status IN ('received', 'triaged', 'assigned', 'in_progress');
CREATE INDEX buildings_by_worker ON buildings (worker);
