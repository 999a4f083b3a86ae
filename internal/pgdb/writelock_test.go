package pgdb_test

import (
	"context"
	"database/sql"
	"os"
	"sync"
	"testing"

	"opinionwall/internal/pgdb"
	"opinionwall/internal/pgtest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.StopShared()
	os.Exit(code)
}

// TestWriteTransactionsOneAtATime: code written for SQLite reads, then
// writes what it read plus one, in a transaction (items.go numbers items
// so). Many such transactions at once, on connections of two processes'
// worth of pools, all commit, with no number taken twice: each waited for
// the write lock.
func TestWriteTransactionsOneAtATime(t *testing.T) {
	ctx := context.Background()
	u := pgtest.Database(t)
	var dbs []*sql.DB
	for range 2 {
		db, err := pgdb.Open(u)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		db.SetMaxOpenConns(8)
		dbs = append(dbs, db)
	}
	if _, err := dbs[0].ExecContext(ctx, `CREATE TABLE items (n BIGINT PRIMARY KEY, flag BIGINT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 200)
	for i := range 200 {
		wg.Go(func() {
			db := dbs[i%2]
			tx, err := db.BeginTx(ctx, nil)
			if err != nil {
				errs <- err
				return
			}
			defer tx.Rollback()
			var n int64
			if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(n), 0) + 1 FROM items`).Scan(&n); err != nil {
				errs <- err
				return
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO items (n, flag) VALUES (?, ?)`, n, i%3 == 0); err != nil {
				errs <- err
				return
			}
			errs <- tx.Commit()
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	var count, max, flags int64
	if err := dbs[1].QueryRowContext(ctx, `SELECT count(*), max(n), sum(flag) FROM items`).Scan(&count, &max, &flags); err != nil {
		t.Fatal(err)
	}
	if count != 200 || max != 200 || flags != 67 {
		t.Fatalf("%d items, the last numbered %d, %d flagged; want 200, 200, 67", count, max, flags)
	}
}
