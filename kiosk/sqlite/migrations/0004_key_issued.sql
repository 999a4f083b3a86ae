-- The highest issued-at of a command seen per signing key, so that a
-- command captured earlier is refused even after the clock rolled back.
CREATE TABLE key_issued (
	key TEXT PRIMARY KEY,
	iat TEXT NOT NULL
);
