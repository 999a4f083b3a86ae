package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"opinionwall/hub/sqlite"
	"opinionwall/internal/pgtest"
)

// onPostgres is true in the second run of the package's tests: the same
// tests (the store's contract) on PostgreSQL, each in a database of its
// own on one throw-away server (internal/pgtest).
var onPostgres bool

func TestMain(m *testing.M) {
	if path := os.Getenv(itemCrashEnv); path != "" {
		itemCrashChild(path) // the child of the crash test
		return
	}
	// OW_HUB_STORE=sqlite or =postgres runs the tests on one store only.
	code := 0
	if os.Getenv("OW_HUB_STORE") != "postgres" {
		code = m.Run()
	}
	if code == 0 && os.Getenv("OW_HUB_STORE") != "sqlite" {
		if !pgtest.Available() {
			fmt.Fprintln(os.Stderr, "hub/sqlite: the tests on PostgreSQL skipped:", pgtest.ErrNotInstalled)
		} else {
			fmt.Fprintln(os.Stderr, "hub/sqlite: the same tests on PostgreSQL")
			onPostgres = true
			code = m.Run()
		}
	}
	pgtest.StopShared()
	os.Exit(code)
}

// storePath returns where a test's store lives: a file in a temporary
// directory, or a new database on PostgreSQL.
func storePath(tb testing.TB) string {
	tb.Helper()
	if onPostgres {
		tb.Log("store: PostgreSQL")
		return pgtest.Database(tb)
	}
	return filepath.Join(tb.TempDir(), "hub.db")
}

// openBackup opens the copy a backup wrote at dest: the SQLite file
// itself, or on PostgreSQL the dump restored into a new database.
func openBackup(tb testing.TB, dest string) (*sqlite.DB, error) {
	tb.Helper()
	path := dest
	if onPostgres {
		path = pgtest.Database(tb)
		if out, err := exec.CommandContext(context.Background(), "pg_restore", "--no-owner", "--exit-on-error",
			"--dbname="+path, dest).CombinedOutput(); err != nil {
			return nil, fmt.Errorf("pg_restore: %w: %s", err, out)
		}
	}
	db := sqlite.NewDB(path)
	return db, db.Open()
}
