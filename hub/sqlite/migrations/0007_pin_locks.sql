-- Wrong-PIN runs and locks per worker, kept in the store so that a restart
-- does not forget them and every client of the service shares them.
CREATE TABLE pin_locks (
	worker TEXT    PRIMARY KEY,
	fails  INTEGER NOT NULL,
	until  TEXT    NOT NULL DEFAULT '' -- '' when not locked
);
