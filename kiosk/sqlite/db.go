package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"opinionwall/internal/sqlitedb"
	"opinionwall/kiosk"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// DB is the kiosk's local store. Set the exported fields, then Open.
type DB struct {
	Path string

	// Now tells the time; tests replace it.
	Now func() time.Time

	// Tickets is the kiosk's legacy codec (keyed by its id): it issues
	// the codes of a store without a ticket key, and tells a keyed store
	// which codes were issued before it had one (codec.go).
	Tickets kiosk.TicketCodec
	// TicketKey is the kiosk's secret ticket key (kioskctl provision), or
	// nil. The store keeps the first one it is given.
	TicketKey []byte

	// MaxPages caps the database file at this many pages (4 KiB each) so the
	// store refuses new submissions before the SD card is full; 0 means no cap.
	MaxPages int

	// AudioQuota caps the bytes of voice messages' audio kept until the
	// hub has them; 0 is 200 MiB (kiosk.StoreSection.AudioQuota).
	AudioQuota int64

	// ReadOnly opens an existing database for reading only, beside a running
	// kiosk: no check, no migration, nothing moved aside, nothing written.
	ReadOnly bool

	// BusyTimeout is how long a statement waits for a lock held by another
	// connection before failing.
	BusyTimeout time.Duration

	db         *sql.DB
	insertStmt *sql.Stmt

	// seqMu serialises Submit; lastSeq is the sequence counter as of the
	// last Submit, so the ticket code is known before the INSERT.
	seqMu   sync.Mutex
	lastSeq int64
	// codecState and codecFile say how codes are made (codec.go);
	// keyMismatch is set when TicketKey is not the key the store keeps.
	codecState  codecState
	codecFile   codecFile
	keyMismatch bool

	// opened is set once Open succeeded, for Close.
	opened bool
	// ro is set when the store is open for reading only: asked for with
	// ReadOnly, or forced because the media cannot be written (roReason).
	ro       bool
	roReason string
	// movedAside is the path a corrupt file was moved to at Open, if any.
	movedAside string
	// unavailable counts Submits refused because the store could not write;
	// kept in memory because the database is exactly what cannot be written.
	unavailable atomic.Int64
}

// NewDB returns a store for the database file at path.
func NewDB(path string) *DB {
	return &DB{Path: path, Now: time.Now, BusyTimeout: 5 * time.Second}
}

// Open opens the database, checks it, moves a corrupt file aside and starts
// afresh if need be, and runs pending migrations.
func (db *DB) Open() error {
	if db.Path == "" {
		return fmt.Errorf("open store: no path")
	}
	err := db.openChecked()
	if isCorrupt(err) && !db.ReadOnly {
		aside, merr := db.moveAside()
		if merr != nil {
			return fmt.Errorf("open store: %v; and moving it aside failed: %w", err, merr)
		}
		db.movedAside = aside
		if err2 := db.openChecked(); err2 != nil {
			return fmt.Errorf("open store after moving corrupt file to %s: %w", aside, err2)
		}
		detail := fmt.Sprintf("corrupt database moved to %s: %v", aside, err)
		if _, err2 := db.db.Exec(`INSERT INTO store_events (at, kind, detail) VALUES (?, 'corrupt_moved_aside', ?)`,
			db.now(), detail); err2 != nil {
			return fmt.Errorf("open store: record event: %w", err2)
		}
		return nil
	}
	if err != nil && !db.ReadOnly && isUnwritable(err) {
		// The card is read-only or failing: keep what is stored readable,
		// refuse new submissions plainly, and keep the kiosk running.
		db.ro, db.roReason = true, err.Error()
		if err2 := db.openChecked(); err2 != nil {
			return fmt.Errorf("open store: %v; read-only: %w", err, err2)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("open store: %w", err)
	}
	return nil
}

// openChecked opens the file, runs quick_check and migrates.
func (db *DB) openChecked() error {
	db.ro = db.ro || db.ReadOnly
	if !db.ro {
		if err := os.MkdirAll(dirOf(db.Path), 0o750); err != nil {
			return fmt.Errorf("make directory: %w", err)
		}
	}
	sdb, err := sql.Open("sqlite", db.dsn())
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			sdb.Close()
		}
	}()
	// Writers serialise on SQLite's lock anyway; a few connections let
	// readers (status, lookups) run beside the relay's writes in WAL mode.
	sdb.SetMaxOpenConns(4)
	if db.ro {
		db.db = sdb
		if err := db.loadSeq(context.Background()); err != nil {
			return err
		}
		if err := db.loadCodec(context.Background()); err != nil && !isNoCodecTable(err) {
			return err
		}
		db.opened, ok = true, true
		return nil
	}
	var res string
	if err := sdb.QueryRow(`PRAGMA quick_check`).Scan(&res); err != nil {
		return fmt.Errorf("quick_check: %w", err)
	}
	if res != "ok" {
		return &corruptError{detail: res}
	}
	var mode string
	if err := sdb.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil {
		return fmt.Errorf("journal mode: %w", err)
	}
	if mode != "wal" {
		return fmt.Errorf("journal mode is %q, not wal", mode)
	}
	if err := sqlitedb.Migrate(context.Background(), sdb, migrationFS, "migrations", db.Now()); err != nil {
		return err
	}
	db.db = sdb
	if err := db.loadSeq(context.Background()); err != nil {
		return err
	}
	if err := db.loadCodec(context.Background()); err != nil {
		return err
	}
	if db.insertStmt, err = sdb.Prepare(insertSubmission); err != nil {
		return fmt.Errorf("prepare: %w", err)
	}
	db.opened, ok = true, true
	return nil
}

func (db *DB) dsn() string {
	return sqlitedb.DSN(db.Path, sqlitedb.Options{
		BusyTimeout: db.BusyTimeout, MaxPages: db.MaxPages,
		ReadOnly: db.ro, Immutable: db.roReason != "", SecureDelete: true,
	})
}

// moveAside renames the database and its WAL and shared-memory files to
// names with a timestamp; nothing is deleted, so a technician can still try
// to recover them.
func (db *DB) moveAside() (string, error) {
	stamp := db.Now().UTC().Format("20060102T150405.000000000Z")
	aside := db.Path + ".corrupt-" + stamp
	if err := os.Rename(db.Path, aside); err != nil {
		return "", err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Rename(db.Path+suffix, aside+suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return aside, err
		}
	}
	return aside, nil
}

// ReadOnlyReason returns why the store was opened read-only against the
// kiosk's wish (read-only or failing media), or "".
func (db *DB) ReadOnlyReason() string { return db.roReason }

// MovedAside returns where a corrupt database was moved at Open, or "".
func (db *DB) MovedAside() string { return db.movedAside }

// Close closes the database.
func (db *DB) Close() error {
	if !db.opened {
		return nil
	}
	db.opened = false
	if db.insertStmt != nil {
		db.insertStmt.Close()
	}
	if err := db.db.Close(); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	return nil
}

func (db *DB) now() string { return formatTime(db.Now()) }

func formatTime(t time.Time) string { return sqlitedb.FormatTime(t) }

func parseTime(s string) (time.Time, error) { return sqlitedb.ParseTime(s) }

func dirOf(path string) string {
	if i := strings.LastIndexByte(path, '/'); i > 0 {
		return path[:i]
	}
	return "."
}
