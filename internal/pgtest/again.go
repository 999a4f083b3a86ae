package pgtest

import (
	"path/filepath"
	"strings"
	"testing"
)

// Again is the name of the test that runs a package's store tests again
// with the hub's store on PostgreSQL (RunAgain); StorePath knows its
// subtests by it.
const Again = "TestOnPostgreSQL"

// RunAgain runs tests as subtests of t, the package's TestOnPostgreSQL,
// so that each one's StorePath is a new database; it skips t when
// postgresql-15 is not installed.
func RunAgain(t *testing.T, tests map[string]func(*testing.T)) {
	t.Helper()
	if t.Name() != Again {
		t.Fatalf("pgtest.RunAgain from %s: call it from %s", t.Name(), Again)
	}
	if !Available() {
		t.Skip(ErrNotInstalled)
	}
	for name, test := range tests {
		t.Run(name, test)
	}
}

// StorePath is a test's hub store: under RunAgain a new database on the
// shared server, otherwise the file hub.db in dir.
func StorePath(tb testing.TB, dir string) string {
	if strings.HasPrefix(tb.Name(), Again+"/") {
		return Database(tb)
	}
	return filepath.Join(dir, "hub.db")
}
