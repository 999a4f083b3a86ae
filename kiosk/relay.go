package kiosk

import (
	"context"
	"time"
)

// Outbox is what the relay needs of the kiosk's store: claim pending
// submissions in seq order, mark them delivered on the hub's ack, and put
// unacknowledged ones back.
type Outbox interface {
	Claim(ctx context.Context, limit int) ([]Claimed, error)
	// AckAndClaim marks the acked submissions delivered, then claims up to
	// limit pending ones, in one transaction.
	AckAndClaim(ctx context.Context, acked []Delivered, limit int) (int, []Claimed, error)
	Requeue(ctx context.Context, age time.Duration) (int, error)
}

// Claimed is a submission claimed for sending: its id and seq, and its
// JSON encoding, the same that encoding/json gives for a Submission, made
// by the store without decoding the stored body.
type Claimed struct {
	ID   string
	Seq  int64
	JSON []byte
}

// Delivered names a submission the hub acknowledged: by id, and by seq when
// the relay knows it from the claim (0 otherwise), which lets the store mark
// runs of seqs at once.
type Delivered struct {
	ID  string
	Seq int64
}

// Downstream keeps what the hub sends the kiosk: ticket updates and the
// wall and polls snapshots (applied only when newer), and counts events
// for telemetry.
type Downstream interface {
	PutTicketUpdate(ctx context.Context, u TicketUpdate) error
	PutWall(ctx context.Context, w WallSnapshot) (bool, error)
	PutPolls(ctx context.Context, p PollsSnapshot) (bool, error)
	AddCounter(ctx context.Context, name string, delta int64) error
}

// Telemetry is what a kiosk reports about itself every minute.
type Telemetry struct {
	OutboxPending  int              `json:"outbox_pending"`
	OutboxInflight int              `json:"outbox_inflight"`
	OutboxAcked    int              `json:"outbox_acked"`
	OldestPendingS int64            `json:"oldest_pending_s"` // age of the oldest undelivered submission
	LastSeq        int64            `json:"last_seq"`
	DBBytes        int64            `json:"db_bytes"`
	DiskFreeBytes  int64            `json:"disk_free_bytes"` // -1 when unknown; 0 is a full card
	ClockSynced    bool             `json:"clock_synced"`
	ConfigVersion  int64            `json:"config_version"`
	ConfigError    string           `json:"config_error,omitempty"` // why the last desired configuration was refused
	WallVersion    int64            `json:"wall_version"`
	PollsVersion   int64            `json:"polls_version"`
	Unavailable    int64            `json:"unavailable"`         // submissions refused: disk full or read-only
	ReadOnly       string           `json:"read_only,omitempty"` // why the store is read-only
	StoreEvents    []string         `json:"store_events,omitempty"`
	Counters       map[string]int64 `json:"counters,omitempty"`
	TempC          *float64         `json:"temp_c,omitempty"`
	Humidity       *float64         `json:"humidity,omitempty"`
	Lux            *float64         `json:"lux,omitempty"`
	Screen         string           `json:"screen,omitempty"`
	Hardware       string           `json:"hardware,omitempty"` // the backend; "none (periph failed)" when the wiring failed
	Printer        string           `json:"printer,omitempty"`  // the receipt printer: ok, paper_out or offline; empty without one
	Audio          string           `json:"audio,omitempty"`    // the booth's sound card: "ok: <device>", or why the booth is silent
	// VoicePack is the booth's recorded prompts in use ("v7 by 李姐, 29
	// prompts") or why none; VoicePackVersion its version, 0 for none.
	VoicePack        string `json:"voice_pack,omitempty"`
	VoicePackVersion int64  `json:"voice_pack_version,omitempty"`
}
