package sqlite

import (
	"context"
	"database/sql"
	"io/fs"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"opinionwall/hub"
	"opinionwall/internal/sqlitedb"
)

// TestCasesFromEarlierSubmissions: a store from before the review app (only
// migrations 0001 and 0002) gets a case and a search entry for each
// submission it holds when it is opened.
func TestCasesFromEarlierSubmissions(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "hub.db")
	old := fstest.MapFS{}
	for _, name := range []string{"0001_init.sql", "0002_rejected.sql"} {
		b, err := fs.ReadFile(migrationFS, "migrations/"+name)
		if err != nil {
			t.Fatal(err)
		}
		old["m/"+name] = &fstest.MapFile{Data: b}
	}
	sdb, err := sql.Open("sqlite", sqlitedb.DSN(path, sqlitedb.Options{}))
	if err != nil {
		t.Fatal(err)
	}
	if err := sqlitedb.Migrate(ctx, sdb, old, "m", time.Now()); err != nil {
		t.Fatal(err)
	}
	at := sqlitedb.FormatTime(time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC))
	if _, err := sdb.Exec(`INSERT INTO submissions (id, kiosk, seq, kind, ticket, created_at, clock_synced, body, received_at, in_stats)
		VALUES ('019a0000-0000-7000-8000-000000000001', 'wall-01', 1, 'opinion', '120000008', ?, 1,
		'{"topic":"sanitation","text":"楼道灯坏了","lang":"zh","channel":"touch"}', ?, 1)`, at, at); err != nil {
		t.Fatal(err)
	}
	sdb.Close()

	db := NewDB(path)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	in, err := db.Inbox(ctx, hub.Filter{Search: "灯坏"})
	if err != nil {
		t.Fatal(err)
	}
	if in.Total != 1 || len(in.Cases) != 1 || in.Cases[0].Status != "received" || in.Cases[0].Topic != "sanitation" {
		t.Fatalf("inbox %+v", in)
	}
	var pending int
	db.db.QueryRow(`SELECT count(*) FROM search_backfill`).Scan(&pending)
	if pending != 0 {
		t.Errorf("the backfill is still asked for")
	}
}
