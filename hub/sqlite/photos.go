package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"opinionwall/internal/sqlitedb"
	"opinionwall/kiosk"
)

// MaxPhotoBytes is the largest photo the store keeps.
const MaxPhotoBytes = 4 << 20

// PutPhoto stores a photo under a name, replacing one of the same name.
func (db *DB) PutPhoto(ctx context.Context, name string, b []byte) error {
	if name == "" || len(b) == 0 || len(b) > MaxPhotoBytes {
		return kiosk.Errorf(kiosk.EINVALID, "a photo has a name and 1 byte to %d MB", MaxPhotoBytes>>20)
	}
	if _, err := db.db.ExecContext(ctx, `INSERT INTO photos (name, bytes, created_at) VALUES (?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET bytes = excluded.bytes`, name, b, sqlitedb.FormatTime(db.Now())); err != nil {
		return fmt.Errorf("put photo: %w", err)
	}
	return nil
}

// Photo returns a stored photo.
func (db *DB) Photo(ctx context.Context, name string) ([]byte, error) {
	var b []byte
	err := db.db.QueryRowContext(ctx, `SELECT bytes FROM photos WHERE name = ?`, name).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, kiosk.Errorf(kiosk.ENOTFOUND, "no photo %s", name)
	}
	if err != nil {
		return nil, fmt.Errorf("photo %s: %w", name, err)
	}
	return b, nil
}
