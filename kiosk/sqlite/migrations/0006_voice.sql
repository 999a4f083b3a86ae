-- Voice messages (issue 15): a submission of kind voice with its audio.
--
-- The kind check of submissions gains 'voice'. SQLite cannot alter a CHECK
-- constraint, and rebuilding the table would delete the outbox rows through
-- their ON DELETE CASCADE; loosening a constraint is one of the changes
-- SQLite documents as safe to make by editing the table's stored SQL
-- (https://sqlite.org/lang_altertable.html, "making other kinds of table
-- schema changes"). The CREATE TABLE below moves the schema cookie, so
-- every connection reads the new text.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
SET sql = replace(sql, 'CHECK (kind IN (''opinion'', ''rating'', ''vote''))', 'CHECK (kind IN (''opinion'', ''rating'', ''vote'', ''voice''))')
WHERE type = 'table' AND name = 'submissions';
PRAGMA writable_schema = RESET;

-- The audio of voice submissions, written in the transaction that stores
-- the submission. bytes is the Ogg Opus file until the hub has all of it
-- (delivered_at), then NULL. chunks_acked is how many chunks the hub said
-- it holds in its last ack: a transfer cut by a kill resumes there.
CREATE TABLE voice_audio (
	seq          INTEGER PRIMARY KEY REFERENCES submissions (seq) ON DELETE CASCADE,
	id           TEXT    NOT NULL UNIQUE,
	bytes        BLOB,
	size         INTEGER NOT NULL CHECK (size > 0),
	sha256       TEXT    NOT NULL,
	chunks_acked INTEGER NOT NULL DEFAULT 0,
	delivered_at TEXT,
	CHECK ((bytes IS NULL) = (delivered_at IS NOT NULL))
);
CREATE INDEX voice_audio_undelivered ON voice_audio (seq) WHERE delivered_at IS NULL;
