package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"

	"opinionwall/internal/sqlitedb"
)

// Backup writes a consistent copy of the store to dest while the hub keeps
// running: SQLite's VACUUM INTO reads one snapshot (writers carry on in the
// WAL) into a new file. The copy is written beside dest, synced, checked
// with integrity_check and only then renamed over dest, so dest is either
// the previous backup or a whole new one, never half of one.
func (db *DB) Backup(ctx context.Context, dest string) error {
	if db.db == nil {
		return errNotOpen
	}
	if db.sql.postgres {
		return db.backupPostgres(ctx, dest)
	}
	dest, err := filepath.Abs(dest)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if self, err := filepath.Abs(db.Path); err == nil && self == dest {
		return fmt.Errorf("backup: %s is the store itself", dest)
	}
	tmp := dest + ".part"
	os.Remove(tmp) // a leftover of an interrupted backup
	// Made empty and 0600 first (VACUUM INTO fills an empty file): a backup
	// holds every resident's contact details, for the owner's eyes only.
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("backup to %s: %w", dest, err)
	}
	f.Close()
	if _, err := db.db.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup to %s: %w", dest, err)
	}
	if err := checkCopy(ctx, tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup to %s: %w", dest, err)
	}
	if err := os.Rename(tmp, dest); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup: %w", err)
	}
	if d, err := os.Open(filepath.Dir(dest)); err == nil {
		d.Sync() // make the rename durable
		d.Close()
	}
	return nil
}

// checkCopy syncs the copy to disk and runs integrity_check on it.
func checkCopy(ctx context.Context, path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	f.Close()
	if err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	c, err := sql.Open("sqlite", sqlitedb.DSN(path, sqlitedb.Options{ReadOnly: true}))
	if err != nil {
		return err
	}
	defer c.Close()
	var res string
	if err := c.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return fmt.Errorf("integrity_check: %w", err)
	}
	if res != "ok" {
		return fmt.Errorf("integrity_check: %s", res)
	}
	return nil
}
