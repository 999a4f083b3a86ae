package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"sync"
	"time"

	"opinionwall/hub"
	"opinionwall/internal/pgdb"
	"opinionwall/internal/sqlitedb"
	"opinionwall/kiosk"
)

var _ hub.StationStore = (*DB)(nil)

//go:embed migrations/*.sql
var migrationFS embed.FS

// The station's stores, one per concern.
var (
	_ hub.CaseStore     = (*DB)(nil)
	_ hub.WorkerStore   = (*DB)(nil)
	_ hub.PollStore     = (*DB)(nil)
	_ hub.SnapshotStore = (*DB)(nil)
	_ hub.TicketOutbox  = (*DB)(nil)
	_ hub.StatsStore    = (*DB)(nil)
	_ hub.FleetStore    = (*DB)(nil)
)

// DB is the hub's store. Set the fields, then Open.
type DB struct {
	// Path is the SQLite database file, or a PostgreSQL database's URL
	// (postgres://…: the same store on PostgreSQL, postgres.go).
	Path        string
	Now         func() time.Time
	BusyTimeout time.Duration
	// Catalog names topics and phrases in the cases the ingest makes;
	// nil means the kiosks' default configuration.
	Catalog *hub.Catalog
	// DeferCases leaves making the review app's cases (and their search
	// index) to a Projector, out of the ingest's transactions: acks come
	// sooner, but the work in all is about twice as much (the queue, then
	// reading and decoding the submissions again), so under sustained load
	// the inbox falls behind. Without it (as `hub run` has it), Apply makes
	// them in its own transaction.
	DeferCases bool

	wake chan struct{}
	sql  dialect

	leaderMu sync.Mutex
	leader   *sql.Conn // PostgreSQL: the connection holding the downlink's lock (leader.go)

	db      *sql.DB
	stmtsMu sync.Mutex
	stmts   map[string]*sql.Stmt // stmt's: the ingest's statements by text
}

// NewDB returns a store for the database file at path.
func NewDB(path string) *DB {
	return &DB{Path: path, Now: time.Now, BusyTimeout: 10 * time.Second, wake: make(chan struct{}, 1)}
}

// Open opens the database and runs pending migrations.
func (db *DB) Open() error {
	if pgdb.IsURL(db.Path) {
		return db.openPostgres(context.Background())
	}
	db.sql = sqliteDialect
	if err := secureFiles(db.Path); err != nil {
		return fmt.Errorf("open hub store: %w", err)
	}
	sdb, err := sql.Open("sqlite", sqlitedb.DSN(db.Path, sqlitedb.Options{BusyTimeout: db.BusyTimeout, SecureDelete: true, MemoryTemp: true, CheckpointPages: 8000}))
	if err != nil {
		return fmt.Errorf("open hub store: %w", err)
	}
	sdb.SetMaxOpenConns(4)
	var res string
	if err := sdb.QueryRow(`PRAGMA quick_check`).Scan(&res); err != nil || res != "ok" {
		sdb.Close()
		return fmt.Errorf("open hub store: quick_check: %q %v", res, err)
	}
	if err := sqlitedb.Migrate(context.Background(), sdb, migrationFS, "migrations", db.Now()); err != nil {
		sdb.Close()
		return fmt.Errorf("open hub store: %w", err)
	}
	if err := indexSearch(context.Background(), sdb); err != nil {
		sdb.Close()
		return fmt.Errorf("open hub store: %w", err)
	}
	// Fresh statistics for the query planner (the inbox's filters differ
	// a lot in how many rows they keep); cheap when nothing changed much.
	if _, err := sdb.Exec(`PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002`); err != nil {
		sdb.Close()
		return fmt.Errorf("open hub store: optimize: %w", err)
	}
	db.db, db.stmts = sdb, map[string]*sql.Stmt{}
	return nil
}

// Close closes the database.
func (db *DB) Close() error {
	if db.db == nil {
		return nil
	}
	db.resign()
	db.closeStmts()
	err := db.db.Close()
	db.db = nil
	return err
}

var defaultCatalog = hub.NewCatalog(kiosk.Defaults())

func (db *DB) catalog() *hub.Catalog {
	if db.Catalog == nil {
		return defaultCatalog
	}
	return db.Catalog
}
