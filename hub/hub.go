package hub

import (
	"context"
	"encoding/json"
	"time"

	"opinionwall/kiosk"
)

// Received is a submission as the hub stores it: what the kiosk sent and
// when the hub received it (the hub's clock, which is synchronised; the
// kiosk's may not be).
type Received struct {
	kiosk.Submission
	ReceivedAt time.Time `json:"received_at"`
	// RawBody is the body as the kiosk sent it, stored as is (fields a newer
	// kiosk added are kept); nil means encode Body.
	RawBody json.RawMessage `json:"-"`
}

// Presence is a kiosk's retained state message.
type Presence struct {
	Kiosk   string
	State   string // online, offline, lost
	Session string
	BootID  string
	Version string
	At      time.Time // when the hub saw it
}

// TelemetryReport is a kiosk's latest telemetry, kept as sent.
type TelemetryReport struct {
	Kiosk string
	At    time.Time
	Raw   json.RawMessage
}

// AckRecord is an ack the hub sends once the batch it is in commits.
type AckRecord struct {
	Kiosk string
	IDs   int
	At    time.Time
}

// Rejected is a submission the hub could not accept (it breaks the rules
// of this hub's version). It is kept aside, not lost, and acknowledged so the
// kiosk stops resending it; a worker can look at it.
type Rejected struct {
	ID         string
	Kiosk      string
	Raw        []byte
	Reason     string
	ReceivedAt time.Time
}

// Batch is what the ingest commits in one transaction.
type Batch struct {
	Submissions []Received
	Rejected    []Rejected
	Presence    []Presence
	Telemetry   []TelemetryReport
	Acks        []AckRecord // logged with the batch; sent after its commit
}

// Kiosk is the hub's view of one kiosk of the fleet.
type Kiosk struct {
	ID          string
	State       string // online, offline, lost, or unknown before any state message
	StateAt     time.Time
	Session     string
	Version     string
	LastSeen    time.Time // last message of any kind
	LastSeq     int64     // highest seq received
	Received    int64     // submissions received
	Gaps        []int64   // seqs below LastSeq never received (at most MaxGaps listed)
	Telemetry   json.RawMessage
	TelemetryAt time.Time
	// OutboxRising counts the telemetry reports in a row in which the
	// kiosk's outbox (pending and in flight) grew.
	OutboxRising int
	// RefusedLastHour and SubmissionsLastHour count the kiosk's
	// submissions refused and stored in the hour before the fleet was read.
	RefusedLastHour     int
	SubmissionsLastHour int
	// VoiceStalled counts voice messages whose audio stopped arriving more
	// than VoiceStalledAfter ago, incomplete (voice_stalled).
	VoiceStalled int
	// Flags are the ingest's refusals a maintainer must look at
	// (store_reset, ticket_number), the latest of each code.
	Flags []Flag
}

// Caps on what the hub keeps of refused submissions, per kiosk.
const (
	MaxRejectedRawBytes = 4 << 10 // of each refused submission, for diagnosis
	MaxRejectedPerKiosk = 200     // the newest are kept
)

// MaxGaps is how many missing seqs the hub lists per kiosk.
const MaxGaps = 1000

// TicketFinder finds the case of a ticket code: what the station answers a
// kiosk that asks about a ticket another kiosk issued.
type TicketFinder interface {
	CaseByTicket(ctx context.Context, ticket string) (Case, error)
}

// IngestStore is the hub's store as the ingest uses it.
type IngestStore interface {
	// Apply stores a batch in one transaction: submissions are inserted
	// once by id (a resent one changes nothing), kiosks' last seq, gaps,
	// presence and telemetry are updated. It returns only after the commit.
	Apply(ctx context.Context, b Batch) error
}
