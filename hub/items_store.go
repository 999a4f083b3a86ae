package hub

import (
	"context"
	"time"

	"opinionwall/kiosk"
)

// CaseChange is a case changed together with an item: saved like
// CaseStore.SaveCase (its version checked, its audit record, its
// ticket update when not nil).
type CaseChange struct {
	Case   Case
	Prev   int64
	Audit  Audit
	Update *kiosk.TicketUpdate
}

// DeliberationStore keeps the deliberation items, their photos and the
// deliberation settings.
type DeliberationStore interface {
	// Items returns every item by number.
	Items(ctx context.Context) ([]Item, error)
	Item(ctx context.Context, id string) (Item, error)
	// NextItemNumber returns the number the next item gets on the list.
	NextItemNumber(ctx context.Context) (int, error)
	// SaveItem stores the item if its stored version is still prev (a new
	// item: prev -1), with its audit record and the cases changed with it,
	// in one transaction; ErrConflict if someone changed either first.
	SaveItem(ctx context.Context, it Item, prev int64, a Audit, cases []CaseChange) error
	// ItemCases returns the cases taken into an item.
	ItemCases(ctx context.Context, id string) ([]Case, error)
	PutPhoto(ctx context.Context, name string, b []byte) error
	Photo(ctx context.Context, name string) ([]byte, error)
	DeliberationSettings(ctx context.Context) (DeliberationSettings, error)
	PutDeliberationSettings(ctx context.Context, s DeliberationSettings, a Audit) error
}

// ItemChange is an item's change of stage, as the monthly report lists
// it: new on the list (From empty), voted, decided, started, done.
type ItemChange struct {
	N        int
	Title    kiosk.Text
	From, To ItemStage
	At       time.Time
}
