package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"opinionwall/kiosk"
)

// Snapshot returns the stored snapshot of a name (version 0 when none).
func (db *DB) Snapshot(ctx context.Context, name string) (int64, json.RawMessage, error) {
	var v int64
	var p string
	err := db.db.QueryRowContext(ctx, `SELECT version, payload FROM snapshots WHERE name = ?`, name).Scan(&v, &p)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil, nil
	}
	if err != nil {
		return 0, nil, fmt.Errorf("snapshot %s: %w", name, err)
	}
	return v, json.RawMessage(p), nil
}

// PutSnapshot stores a snapshot; a version not above the stored one is refused.
func (db *DB) PutSnapshot(ctx context.Context, name string, version int64, payload json.RawMessage) error {
	res, err := db.db.ExecContext(ctx, `INSERT INTO snapshots (name, version, payload) VALUES (?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET version = excluded.version, payload = excluded.payload WHERE excluded.version > snapshots.version`,
		name, version, string(payload))
	if err != nil {
		return fmt.Errorf("snapshot %s: %w", name, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return kiosk.Errorf(kiosk.ECONFLICT, "snapshot %s: version %d is not newer than the stored one", name, version)
	}
	return nil
}
