package sqlite

import (
	"context"

	"opinionwall/kiosk"
)

// Ack marks the submissions with the given ids delivered, as AckAndClaim
// does with nothing to claim; the tests ack by id. It returns how many rows
// changed; ids unknown or already acked are ignored.
func (db *DB) Ack(ctx context.Context, ids []string) (int, error) {
	acked := make([]kiosk.Delivered, len(ids))
	for i, id := range ids {
		acked[i].ID = id
	}
	n, _, err := db.AckAndClaim(ctx, acked, 0)
	return n, err
}
