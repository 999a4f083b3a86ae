package sqlite

import (
	"context"
	"encoding/json"
	"fmt"

	"opinionwall/hub"
	"opinionwall/internal/sqlitedb"
	"opinionwall/kiosk"
)

// EachSubmission calls fn for every submission in order of receipt.
func (db *DB) EachSubmission(ctx context.Context, fn func(hub.Received) error) error {
	rows, err := db.db.QueryContext(ctx, `SELECT id, kiosk, seq, kind, ticket, created_at, clock_synced, body, received_at
		FROM submissions ORDER BY rowid`)
	if err != nil {
		return fmt.Errorf("submissions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r hub.Received
		var kind, created, body, received string
		if err := rows.Scan(&r.ID, &r.Kiosk, &r.Seq, &kind, &r.Ticket, &created, &r.ClockSynced, &body, &received); err != nil {
			return fmt.Errorf("submissions: %w", err)
		}
		r.Kind = kindOf(kind)
		r.CreatedAt, _ = sqlitedb.ParseTime(created)
		r.ReceivedAt, _ = sqlitedb.ParseTime(received)
		if err := json.Unmarshal([]byte(body), &r.Body); err != nil {
			return fmt.Errorf("submission %s: %w", r.ID, err)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Count returns how many submissions are stored, and how many distinct
// (kiosk, seq) pairs: equal when nothing was stored twice.
func (db *DB) Count(ctx context.Context) (rows, distinct int64, err error) {
	err = db.db.QueryRowContext(ctx, `SELECT count(*), (SELECT count(*) FROM (SELECT DISTINCT kiosk, seq FROM submissions) AS t) FROM submissions`).Scan(&rows, &distinct)
	if err != nil {
		return 0, 0, fmt.Errorf("count: %w", err)
	}
	return rows, distinct, nil
}

// Has reports whether the submission with the given id is stored.
func (db *DB) Has(ctx context.Context, id string) (bool, error) {
	var n int
	if err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM submissions WHERE id = ?`, id).Scan(&n); err != nil {
		return false, fmt.Errorf("has: %w", err)
	}
	return n == 1, nil
}

func kindOf(s string) kiosk.Kind { return kiosk.Kind(s) }
