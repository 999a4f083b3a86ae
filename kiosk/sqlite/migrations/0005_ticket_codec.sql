-- How this store makes ticket codes (kiosk/sqlite/codec.go): the code of
-- seq is the codec's code of the counter base + seq + skipped.
CREATE TABLE ticket_codec (
	id           INTEGER PRIMARY KEY CHECK (id = 1),
	ticket_key   TEXT    NOT NULL, -- hex of the kiosk's secret ticket key; '' for the legacy codec keyed by the kiosk id
	base         INTEGER NOT NULL, -- the counter before seq 1: where the store before this one stopped
	skipped      INTEGER NOT NULL, -- counters passed over because the legacy codec had issued their code
	legacy_below INTEGER NOT NULL  -- counters below this may have been issued by the legacy codec (0: none)
);
