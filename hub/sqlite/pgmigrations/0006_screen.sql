CREATE TABLE kiosk_numbers (
	kiosk  TEXT   PRIMARY KEY,
	number BIGINT NOT NULL,
	source TEXT   NOT NULL CHECK (source IN ('provisioned', 'first_seen'))
);
CREATE UNIQUE INDEX kiosk_numbers_provisioned ON kiosk_numbers (number) WHERE source = 'provisioned';

CREATE TABLE kiosk_flags (
	kiosk  TEXT   NOT NULL,
	code   TEXT   NOT NULL,
	detail TEXT   NOT NULL,
	at     TEXT   NOT NULL,
	count  BIGINT NOT NULL,
	PRIMARY KEY (kiosk, code)
);

CREATE TABLE vote_visits (
	poll  TEXT NOT NULL,
	kiosk TEXT NOT NULL,
	visit TEXT NOT NULL,
	PRIMARY KEY (poll, kiosk, visit)
);
