CREATE TABLE pin_locks (
	worker TEXT   PRIMARY KEY,
	fails  BIGINT NOT NULL,
	until  TEXT   NOT NULL DEFAULT ''
);
