package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// SeeIssued records iat as key's highest issued-at when it is higher than
// the one stored, and returns the one stored before (zero for a new key).
// The kiosk's clock plays no part, so a clock rolled back does not lower it.
func (db *DB) SeeIssued(ctx context.Context, key string, iat time.Time) (time.Time, error) {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return time.Time{}, domainError("see issued", err)
	}
	defer tx.Rollback()
	var prev time.Time
	var s string
	err = tx.QueryRowContext(ctx, `SELECT iat FROM key_issued WHERE key = ?`, key).Scan(&s)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return time.Time{}, domainError("see issued", err)
	default:
		if prev, err = parseTime(s); err != nil {
			return time.Time{}, fmt.Errorf("see issued: %w", err)
		}
	}
	if iat.After(prev) {
		if _, err := tx.ExecContext(ctx, `INSERT INTO key_issued (key, iat) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET iat = excluded.iat`, key, formatTime(iat)); err != nil {
			return time.Time{}, domainError("see issued", err)
		}
	}
	return prev, domainError("see issued: commit", tx.Commit())
}
