package sqlite

import (
	"context"
	"fmt"
)

// BarePage reads the newest n cases and nothing else: the benchmarks'
// baseline for the inbox.
func (db *DB) BarePage(ctx context.Context, n int) error {
	rows, err := db.db.QueryContext(ctx, `SELECT `+caseColumns+` FROM cases ORDER BY at DESC, id DESC LIMIT ?`, n)
	if err != nil {
		return err
	}
	defer rows.Close()
	got := 0
	for rows.Next() {
		if _, err := scanCase(rows); err != nil {
			return err
		}
		got++
	}
	if got != n {
		return fmt.Errorf("bare page: %d rows", got)
	}
	return rows.Err()
}

// ProjectQueued makes the cases of at most max queued submissions, as a
// Projector's round does.
func (db *DB) ProjectQueued(ctx context.Context, max int) (int, error) {
	return db.projectQueued(ctx, max)
}

// RefusedReasons returns the reasons of kiosk k's refused submissions, by id.
func (db *DB) RefusedReasons(ctx context.Context, k string) (map[string]string, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, reason FROM rejected_submissions WHERE kiosk = ?`, k)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, reason string
		if err := rows.Scan(&id, &reason); err != nil {
			return nil, err
		}
		out[id] = reason
	}
	return out, rows.Err()
}
