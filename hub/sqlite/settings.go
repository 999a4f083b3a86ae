package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"opinionwall/hub"
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

const settingsDeliberation = "deliberation"

// DeliberationSettings returns the deliberation settings, the defaults
// until a lead saves some.
func (db *DB) DeliberationSettings(ctx context.Context) (hub.DeliberationSettings, error) {
	s := hub.DefaultDeliberation()
	var body string
	err := db.db.QueryRowContext(ctx, `SELECT body FROM settings WHERE name = ?`, settingsDeliberation).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return s, nil
	}
	if err != nil {
		return s, fmt.Errorf("deliberation settings: %w", err)
	}
	if err := json.Unmarshal([]byte(body), &s); err != nil {
		return s, fmt.Errorf("deliberation settings: %w", err)
	}
	return s, nil
}

// PutDeliberationSettings stores the settings with their audit record.
func (db *DB) PutDeliberationSettings(ctx context.Context, s hub.DeliberationSettings, a hub.Audit) error {
	b, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("put settings: %w", err)
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("put settings: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO settings (name, body) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET body = excluded.body`,
		settingsDeliberation, string(b)); err != nil {
		return fmt.Errorf("put settings: %w", err)
	}
	if err := insertAudit(ctx, tx, a); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("put settings: %w", err)
	}
	return nil
}
