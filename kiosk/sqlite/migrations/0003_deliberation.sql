-- What the station adds to a ticket: the deliberation item the opinion
-- went into (JSON {"zh","en"}) and a private matter's referrals (JSON list).
ALTER TABLE tickets ADD COLUMN item TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN referrals TEXT NOT NULL DEFAULT '';
