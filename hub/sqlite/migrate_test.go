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
	"opinionwall/kiosk"
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

// TestSearchAndCountsThroughMigration0012: a store as it was before 0012
// (counts kept by a trigger on every insert) keeps its search and counts,
// and the cases made after it (counted by the ingest per batch) add to
// them.
func TestSearchAndCountsThroughMigration0012(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "hub.db")
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	old := fstest.MapFS{}
	for _, e := range entries {
		if e.Name() >= "0012" {
			continue
		}
		b, err := fs.ReadFile(migrationFS, "migrations/"+e.Name())
		if err != nil {
			t.Fatal(err)
		}
		old["m/"+e.Name()] = &fstest.MapFile{Data: b}
	}
	sdb, err := sql.Open("sqlite", sqlitedb.DSN(path, sqlitedb.Options{}))
	if err != nil {
		t.Fatal(err)
	}
	if err := sqlitedb.Migrate(ctx, sdb, old, "m", time.Now()); err != nil {
		t.Fatal(err)
	}
	at := sqlitedb.FormatTime(time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC))
	for _, q := range []string{
		`INSERT INTO submissions (id, kiosk, seq, kind, ticket, created_at, clock_synced, body, received_at, in_stats)
		VALUES ('019a0000-0000-7000-8000-000000000001', 'wall-01', 1, 'opinion', '120000008', ?1, 1,
		'{"topic":"sanitation","text":"楼道灯坏了","lang":"zh","channel":"touch"}', ?1, 1)`,
		// As the store before 0012 made the case: the trigger counts it.
		`INSERT INTO cases (n, id, ticket, kiosk, kind, topic, text, at, received_at, clock_synced, flagged, status, updated_at)
		VALUES (1, '019a0000-0000-7000-8000-000000000001', '120000008', 'wall-01', 'opinion', 'sanitation', '楼道灯坏了', ?1, ?1, 1, 0, 'received', ?1)`,
		`INSERT INTO cases_search (rowid, terms) VALUES (1, '楼道 道灯 灯坏 坏了')`,
	} {
		if _, err := sdb.Exec(q, at); err != nil {
			t.Fatal(err)
		}
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
	if in.Total != 1 || len(in.Cases) != 1 {
		t.Fatalf("search after 0012: %+v", in)
	}
	codec, err := kiosk.NewTicketCodec(12, "wall-01")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	r := hub.Received{ReceivedAt: now, Submission: kiosk.Submission{ID: "019a0000-0000-7000-8000-000000000002", Kiosk: "wall-01",
		Seq: 2, Kind: kiosk.KindOpinion, Ticket: codec.Code(2), CreatedAt: now, ClockSynced: true,
		Body: kiosk.Body{Topic: "sanitation", Text: "路灯不亮", Lang: "zh", Channel: kiosk.ChannelTouch}}}
	if err := db.Apply(ctx, hub.Batch{Submissions: []hub.Received{r}}); err != nil {
		t.Fatal(err)
	}
	if made, err := db.CasesMade(ctx); made != 2 || err != nil {
		t.Errorf("the inbox counts %d cases, %v; want 2 (one from before 0012, one after)", made, err)
	}
}
