package hub

import (
	"context"
	"encoding/json"
	"time"

	"opinionwall/kiosk"
)

// OutgoingTicket is a ticket update waiting to be sent to its kiosk.
type OutgoingTicket struct {
	ID     int64
	Kiosk  string
	Update kiosk.TicketUpdate
}

// Snapshot names.
const (
	SnapshotWall  = "wall"
	SnapshotPolls = "polls"
)

// CaseStore keeps the cases with their audit trail.
type CaseStore interface {
	Inbox(ctx context.Context, f Filter) (Inbox, error)
	// EachCase calls fn for every case the filter selects, newest first,
	// ignoring paging (the work ledger).
	EachCase(ctx context.Context, f Filter, fn func(Case) error) error
	Case(ctx context.Context, id string) (Case, Received, error)
	CaseByTicket(ctx context.Context, ticket string) (Case, error)
	History(ctx context.Context, id string) ([]Audit, error)
	// SaveCase stores the changed case if its stored version is still
	// prev (else ErrConflict), with its audit record and, when not nil,
	// the ticket update for its kiosk, in one transaction.
	SaveCase(ctx context.Context, c Case, prev int64, a Audit, update *kiosk.TicketUpdate) error
	// Published returns the cases on the wall, newest first, at most limit.
	Published(ctx context.Context, limit int) ([]Case, error)
}

// WorkerStore keeps the station's workers and who looks after which
// building (包楼).
type WorkerStore interface {
	Workers(ctx context.Context) ([]Worker, error)
	PutWorker(ctx context.Context, w Worker) error
	// Buildings returns the 包楼 map: building → worker id.
	Buildings(ctx context.Context) (map[string]string, error)
	SetBuilding(ctx context.Context, building, worker string) error
}

// PollStore keeps the polls and the votes cast in them.
type PollStore interface {
	Polls(ctx context.Context) ([]Poll, error)
	PutPoll(ctx context.Context, p Poll, a Audit) error
	Votes(ctx context.Context, pollID string) ([]Vote, error)
}

// SnapshotStore keeps the versioned wall and polls snapshots the kiosks get.
type SnapshotStore interface {
	// Snapshot returns the last stored snapshot of a name (version 0: none).
	Snapshot(ctx context.Context, name string) (int64, json.RawMessage, error)
	PutSnapshot(ctx context.Context, name string, version int64, payload json.RawMessage) error
}

// TicketOutbox holds the ticket updates SaveCase queued for the kiosks.
type TicketOutbox interface {
	PendingTickets(ctx context.Context, limit int) ([]OutgoingTicket, error)
	MarkTicketsSent(ctx context.Context, ids []int64, at time.Time) error
}

// StatsStore computes the statistics of a period.
type StatsStore interface {
	Stats(ctx context.Context, from, to time.Time) (Stats, error)
}

// FleetStore lists the kiosks with their presence and telemetry.
type FleetStore interface {
	Kiosks(ctx context.Context) ([]Kiosk, error)
}

// DeskStore is what the Desk works on: every concern of the station but
// the ticket outbox, which only the downlink reads.
type DeskStore interface {
	CaseStore
	WorkerStore
	PollStore
	SnapshotStore
	StatsStore
	FleetStore
}

// StationStore is the hub's whole store as the station uses it.
type StationStore interface {
	DeskStore
	TicketOutbox
}
