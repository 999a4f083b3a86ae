package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"opinionwall/internal/pgdb"
	"opinionwall/internal/sqlitedb"
)

// The same store on PostgreSQL, for a station serving many communities
// (docs/OPERATIONS.md, district deployment): the code of this package
// over pgx's database/sql driver (internal/pgdb: `?` placeholders, write
// transactions one at a time under an advisory lock, as SQLite's), the
// migrations in pgmigrations mirroring migrations one for one, and the
// few statements that differ in dialect.go.

//go:embed pgmigrations/*.sql
var pgMigrationFS embed.FS

// openPostgres opens the database at db.Path (a postgres:// URL) and
// runs pending migrations.
func (db *DB) openPostgres(ctx context.Context) error {
	db.sql = postgresDialect
	pdb, err := pgdb.Open(db.Path)
	if err != nil {
		return fmt.Errorf("open hub store: %w", err)
	}
	pdb.SetMaxOpenConns(8)
	if err := pdb.PingContext(ctx); err != nil {
		pdb.Close()
		return fmt.Errorf("open hub store %s: %w", pgdb.Redact(db.Path), err)
	}
	// Under the write lock, so that hubs starting together on a new
	// database do not both create it (each migration then takes the lock
	// too, and looks again whether another hub ran it).
	if err := inWriteTx(ctx, pdb, `CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		pdb.Close()
		return fmt.Errorf("open hub store: %w", err)
	}
	if err := sqlitedb.Migrate(ctx, pdb, pgMigrationFS, "pgmigrations", db.Now()); err != nil {
		pdb.Close()
		return fmt.Errorf("open hub store: %w", err)
	}
	db.db = pdb
	return nil
}

// inWriteTx runs one statement in a write transaction.
func inWriteTx(ctx context.Context, pdb *sql.DB, q string) error {
	tx, err := pdb.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, q); err != nil {
		return err
	}
	return tx.Commit()
}

// PgDump is the pg_dump the PostgreSQL store's backups run (Debian's
// wrapper picks the server's version).
var PgDump = "pg_dump"

// backupPostgres writes a pg_dump of the database (custom format: one
// snapshot, restored with pg_restore) to dest, through a file beside it
// renamed over dest once whole and listed by pg_restore.
func (db *DB) backupPostgres(ctx context.Context, dest string) error {
	dest, err := filepath.Abs(dest)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	tmp := dest + ".part"
	os.Remove(tmp)
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("backup to %s: %w", dest, err)
	}
	cmd := exec.CommandContext(ctx, PgDump, "--format=custom", "--no-owner", "--dbname="+db.Path)
	cmd.Stdout = f
	out := &limited{n: 4096}
	cmd.Stderr = out
	err = cmd.Run()
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = checkDump(ctx, tmp)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup to %s: pg_dump: %w: %s", dest, err, out.b)
	}
	if err := os.Rename(tmp, dest); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup: %w", err)
	}
	if d, err := os.Open(filepath.Dir(dest)); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// checkDump reads the dump's table of contents back (pg_restore --list).
func checkDump(ctx context.Context, path string) error {
	if out, err := exec.CommandContext(ctx, "pg_restore", "--list", path).CombinedOutput(); err != nil {
		return fmt.Errorf("pg_restore --list: %w: %s", err, out)
	}
	return nil
}

// limited keeps the first n bytes written to it.
type limited struct {
	b []byte
	n int
}

func (l *limited) Write(p []byte) (int, error) {
	if k := min(len(p), l.n-len(l.b)); k > 0 {
		l.b = append(l.b, p[:k]...)
	}
	return len(p), nil
}

var errNotOpen = errors.New("backup: the store is not open")
