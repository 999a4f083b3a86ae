-- The kiosk number each kiosk's tickets must carry: from the station's
-- registry (kioskctl provision; loaded at start by RegisterKiosks; one
-- kiosk a number), or the number a kiosk not in it used first (which
-- reserves nothing: kiosks not in the registry were never checked for
-- unique numbers).
CREATE TABLE kiosk_numbers (
	kiosk  TEXT    PRIMARY KEY,
	number INTEGER NOT NULL,
	source TEXT    NOT NULL CHECK (source IN ('provisioned', 'first_seen'))
);
CREATE UNIQUE INDEX kiosk_numbers_provisioned ON kiosk_numbers (number) WHERE source = 'provisioned';
-- Kiosks heard from before: the number of their first ticket.
INSERT OR IGNORE INTO kiosk_numbers (kiosk, number, source)
	SELECT kiosk, CAST(substr(MIN(ticket), 1, 2) AS INTEGER), 'first_seen' FROM submissions GROUP BY kiosk;

-- Refusals at ingest a maintainer must look at (store_reset,
-- ticket_number): the latest of each code per kiosk, and how many.
CREATE TABLE kiosk_flags (
	kiosk  TEXT    NOT NULL,
	code   TEXT    NOT NULL,
	detail TEXT    NOT NULL,
	at     TEXT    NOT NULL,
	count  INTEGER NOT NULL,
	PRIMARY KEY (kiosk, code)
) WITHOUT ROWID;

-- One vote per poll in a resident's visit to a kiosk.
CREATE TABLE vote_visits (
	poll  TEXT NOT NULL,
	kiosk TEXT NOT NULL,
	visit TEXT NOT NULL,
	PRIMARY KEY (poll, kiosk, visit)
) WITHOUT ROWID;
