package sqlite

import (
	"context"
	"fmt"
)

// CasesMade is how many cases the station's inbox counts: the cases made,
// with their counts and search terms (they are made in one transaction).
// Benchmarks time a load until it reaches what was sent.
func (db *DB) CasesMade(ctx context.Context) (int64, error) {
	var n int64
	if err := db.db.QueryRowContext(ctx, `SELECT coalesce(sum(n), 0) FROM case_counts`).Scan(&n); err != nil {
		return 0, fmt.Errorf("cases made: %w", err)
	}
	return n, nil
}

// StoredIDs reports how many times each id is stored, as a submission and
// as a case, so that a load generator can check every id it sent exactly
// once in each.
func (db *DB) StoredIDs(ctx context.Context) (subs, cases map[string]int, err error) {
	subs, cases = map[string]int{}, map[string]int{}
	for table, into := range map[string]map[string]int{"submissions": subs, "cases": cases} {
		rows, err := db.db.QueryContext(ctx, `SELECT id FROM `+table)
		if err != nil {
			return nil, nil, fmt.Errorf("stored ids: %w", err)
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, nil, fmt.Errorf("stored ids: %w", err)
			}
			into[id]++
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, nil, fmt.Errorf("stored ids: %w", err)
		}
	}
	return subs, cases, nil
}
