package hub

import (
	"context"
	"time"

	"opinionwall/kiosk"
)

// ItemChangeStore lists the deliberation items' changes of stage; the
// station's store has it beside its DeliberationStore.
type ItemChangeStore interface {
	ItemChanges(ctx context.Context, from, to time.Time) ([]ItemChange, error)
}

// ItemChanges returns the deliberation list's changes of stage in
// [from, to), oldest first, for a signed-in worker (the monthly report's
// deliberation lines).
func (d *Desk) ItemChanges(ctx context.Context, w Worker, from, to time.Time) ([]ItemChange, error) {
	if err := w.signedIn(); err != nil {
		return nil, err
	}
	st, err := d.delib()
	if err != nil {
		return nil, err
	}
	ch, ok := st.(ItemChangeStore)
	if !ok {
		return nil, kiosk.Errorf(kiosk.EUNAVAILABLE, "this station's store keeps no item changes")
	}
	return ch.ItemChanges(ctx, from, to)
}
