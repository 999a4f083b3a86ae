-- Voice messages (issue 15). The audio of a voice submission arrives in
-- chunks after the submission; chunks wait in voice_chunks until the
-- recording is whole and matches the submission's SHA-256, then it moves
-- to voice_audio and the case is made. bytes is NULL once purged after
-- the retention (purged_at; the purge is audited).
CREATE TABLE voice_chunks (
	id          TEXT    NOT NULL, -- the submission's id
	i           INTEGER NOT NULL,
	data        BLOB    NOT NULL,
	received_at TEXT    NOT NULL,
	PRIMARY KEY (id, i)
) WITHOUT ROWID;

CREATE TABLE voice_audio (
	id          TEXT    PRIMARY KEY, -- the submission's id
	kiosk       TEXT    NOT NULL,
	size        INTEGER NOT NULL,
	sha256      TEXT    NOT NULL,
	duration_ms INTEGER NOT NULL,
	bytes       BLOB,
	complete_at TEXT    NOT NULL,
	purged_at   TEXT
);
CREATE INDEX voice_audio_kept ON voice_audio (complete_at) WHERE purged_at IS NULL;

-- A voice case: its length, and what the worker typed while listening.
-- The summary is the case's text (list, search, ledger); the transcript is
-- searched too.
ALTER TABLE cases ADD COLUMN voice_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN transcript TEXT NOT NULL DEFAULT '';

-- Voice submissions whose recording is not whole, for the fleet view.
CREATE INDEX submissions_voice ON submissions (received_at) WHERE kind = 'voice';
