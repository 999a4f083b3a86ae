package sqlitedb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"sort"
	"time"

	sqlite "modernc.org/sqlite"
)

// TimeFormat is how times are stored: UTC, fixed width, so text order is time order.
const TimeFormat = "2006-01-02T15:04:05.000000000Z"

// FormatTime formats t for storage.
func FormatTime(t time.Time) string { return t.UTC().Format(TimeFormat) }

// ParseTime parses a stored time.
func ParseTime(s string) (time.Time, error) { return time.Parse(TimeFormat, s) }

// Options are the connection settings beyond the fixed durable ones.
type Options struct {
	BusyTimeout time.Duration
	MaxPages    int  // max_page_count; 0 for none
	ReadOnly    bool // mode=ro
	Immutable   bool // immutable=1 (read-only media): no -shm needed
	// SecureDelete overwrites deleted content with zeros (secure_delete):
	// a purged phone number does not linger in free pages.
	SecureDelete bool
	// MemoryTemp keeps temporary files in memory (temp_store): the
	// statement journal of a multi-row INSERT among them, which a write
	// to a temporary file per page made cost more than the rows.
	MemoryTemp bool
	// CheckpointPages is wal_autocheckpoint: how many pages the WAL holds
	// before a commit copies them into the database; 0 for SQLite's 1,000.
	CheckpointPages int
}

// DSN returns the modernc.org/sqlite data source name for path: WAL,
// synchronous=FULL, the busy timeout, foreign keys, and write transactions
// that take the write lock at BEGIN.
func DSN(path string, o Options) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", o.BusyTimeout.Milliseconds()))
	if o.ReadOnly {
		q.Set("mode", "ro")
		if o.Immutable {
			q.Set("immutable", "1")
		}
		return "file:" + path + "?" + q.Encode()
	}
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_pragma", "foreign_keys(ON)")
	if o.MaxPages > 0 {
		q.Add("_pragma", fmt.Sprintf("max_page_count(%d)", o.MaxPages))
	}
	if o.SecureDelete {
		q.Add("_pragma", "secure_delete(ON)")
	}
	if o.MemoryTemp {
		q.Add("_pragma", "temp_store(MEMORY)")
	}
	if o.CheckpointPages > 0 {
		q.Add("_pragma", fmt.Sprintf("wal_autocheckpoint(%d)", o.CheckpointPages))
	}

	q.Set("_txlock", "immediate")
	return "file:" + path + "?" + q.Encode()
}

// TruncateWAL copies the WAL into the database and empties it, so the
// previous versions of pages (a purged row among them) leave the -wal file.
// A reader in the way is waited for (the busy timeout), three times.
func TruncateWAL(ctx context.Context, db *sql.DB) error {
	for try := 0; ; try++ {
		var busy, logPages, done int
		if err := db.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logPages, &done); err != nil {
			return fmt.Errorf("checkpoint: %w", err)
		}
		if busy == 0 {
			return nil
		}
		if try == 2 {
			return fmt.Errorf("checkpoint: a reader kept the WAL from being emptied; the next purge empties it")
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// Migrate runs the *.sql files of dir in fsys not yet recorded in
// schema_migrations, in name order, each in its own transaction together
// with its record.
func Migrate(ctx context.Context, db *sql.DB, fsys fs.FS, dir string, now time.Time) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	for _, e := range entries {
		if err := migrateOne(ctx, db, fsys, dir+"/"+e.Name(), e.Name(), FormatTime(now)); err != nil {
			return fmt.Errorf("migrate %s: %w", e.Name(), err)
		}
	}
	return nil
}

func migrateOne(ctx context.Context, db *sql.DB, fsys fs.FS, path, name, now string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE name = ?`, name).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	text, err := fs.ReadFile(fsys, path)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(text)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)`, name, now); err != nil {
		return err
	}
	return tx.Commit()
}

// Code returns the primary SQLite result code in err's chain, or 0.
func Code(err error) int { return ExtendedCode(err) & 0xff }

// ExtendedCode returns the extended SQLite result code in err's chain, or 0.
func ExtendedCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code()
	}
	return 0
}
