CREATE TABLE voice_chunks (
	id          TEXT   NOT NULL,
	i           BIGINT NOT NULL,
	data        BYTEA  NOT NULL,
	received_at TEXT   NOT NULL,
	PRIMARY KEY (id, i)
);

CREATE TABLE voice_audio (
	id          TEXT   PRIMARY KEY,
	kiosk       TEXT   NOT NULL,
	size        BIGINT NOT NULL,
	sha256      TEXT   NOT NULL,
	duration_ms BIGINT NOT NULL,
	bytes       BYTEA,
	complete_at TEXT   NOT NULL,
	purged_at   TEXT
);
CREATE INDEX voice_audio_kept ON voice_audio (complete_at) WHERE purged_at IS NULL;

ALTER TABLE cases ADD COLUMN voice_ms BIGINT NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN transcript TEXT NOT NULL DEFAULT '';

CREATE INDEX submissions_voice ON submissions (received_at) WHERE kind = 'voice';
