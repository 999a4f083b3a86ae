package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"opinionwall/hub"
	"opinionwall/internal/sqlitedb"
)

var _ hub.LockoutStore = (*DB)(nil)

// PINLock returns a worker's run of wrong PINs and lock.
func (db *DB) PINLock(ctx context.Context, worker string) (hub.PINLock, error) {
	var l hub.PINLock
	var until string
	err := db.db.QueryRowContext(ctx, `SELECT fails, until FROM pin_locks WHERE worker = ?`, worker).Scan(&l.Fails, &until)
	if errors.Is(err, sql.ErrNoRows) {
		return hub.PINLock{}, nil
	}
	if err != nil {
		return l, fmt.Errorf("pin lock: %w", err)
	}
	if until != "" {
		if l.Until, err = sqlitedb.ParseTime(until); err != nil {
			return l, fmt.Errorf("pin lock of %s: %w", worker, err)
		}
	}
	return l, nil
}

// PutPINLock keeps a worker's run of wrong PINs and lock; the zero
// PINLock clears them.
func (db *DB) PutPINLock(ctx context.Context, worker string, l hub.PINLock) error {
	var err error
	if l == (hub.PINLock{}) {
		_, err = db.db.ExecContext(ctx, `DELETE FROM pin_locks WHERE worker = ?`, worker)
	} else {
		until := ""
		if !l.Until.IsZero() {
			until = sqlitedb.FormatTime(l.Until)
		}
		_, err = db.db.ExecContext(ctx, `INSERT INTO pin_locks (worker, fails, until) VALUES (?, ?, ?)
			ON CONFLICT (worker) DO UPDATE SET fails = excluded.fails, until = excluded.until`, worker, l.Fails, until)
	}
	if err != nil {
		return fmt.Errorf("put pin lock: %w", err)
	}
	return nil
}
