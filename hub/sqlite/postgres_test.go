package sqlite_test

import (
	"context"
	"sync"
	"testing"

	"opinionwall/hub/sqlite"
	"opinionwall/internal/pgtest"
)

// TestHubsStartingTogether: several hubs opening a new PostgreSQL
// database at once all open it, and each migration ran once.
func TestHubsStartingTogether(t *testing.T) {
	if !onPostgres {
		t.Skip("PostgreSQL only: one SQLite file has one hub")
	}
	u := pgtest.Database(t)
	var wg sync.WaitGroup
	errs := make(chan error, 6)
	for range 6 {
		wg.Go(func() {
			db := sqlite.NewDB(u)
			err := db.Open()
			if err == nil {
				_, _, err = db.Count(context.Background())
				db.Close()
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	pdb, err := pgtest.Open(u)
	if err != nil {
		t.Fatal(err)
	}
	defer pdb.Close()
	var n, distinct int
	if err := pdb.QueryRow(`SELECT count(*), count(DISTINCT name) FROM schema_migrations`).Scan(&n, &distinct); err != nil || n != distinct || n < 10 {
		t.Fatalf("%d migrations recorded, %d distinct: %v", n, distinct, err)
	}
}
