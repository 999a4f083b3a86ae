package sqlite_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/hub/seed"
	"opinionwall/hub/sqlite"
	"opinionwall/internal/pgtest"
	"opinionwall/kiosk"
)

// TestCopyToPostgres: a community's SQLite store, seeded and worked,
// copied into an empty PostgreSQL store reads the same (counts, inbox
// pages and counts, search, statistics, exports, audit), and takes new
// submissions and work after the copy; a second copy into it is refused.
func TestCopyToPostgres(t *testing.T) {
	if onPostgres {
		t.Skip("runs once, in the SQLite pass")
	}
	if !pgtest.Available() {
		t.Skip(pgtest.ErrNotInstalled)
	}
	ctx := context.Background()
	end := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	open := func(path string) *sqlite.DB {
		db := sqlite.NewDB(path)
		db.Now = func() time.Time { return end }
		if err := db.Open(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	lite := open(filepath.Join(t.TempDir(), "hub.db"))
	cl, _ := hub.ParseChecklist(hub.DefaultChecklist())
	desk := &hub.Desk{Store: lite, Checklist: cl, Now: func() time.Time { return end }}
	if err := seed.Station(ctx, lite, desk, 3000, 60, end, rand.New(rand.NewPCG(3, 4))); err != nil {
		t.Fatal(err)
	}
	pg := open(pgtest.Database(t))
	got, err := lite.CopyTo(ctx, pg)
	if err != nil {
		t.Fatal(err)
	}
	if got["submissions"] != 3000 || got["cases"] != 3000 || got["cases_search"] != 3000 || got["audit"] == 0 {
		t.Fatalf("copied %v", got)
	}
	same := func(what string, read func(db *sqlite.DB) (any, error)) {
		t.Helper()
		a, err := read(lite)
		if err != nil {
			t.Fatalf("%s on SQLite: %v", what, err)
		}
		b, err := read(pg)
		if err != nil {
			t.Fatalf("%s on PostgreSQL: %v", what, err)
		}
		if !reflect.DeepEqual(a, b) {
			x, y := fmt.Sprintf("%+v", a), fmt.Sprintf("%+v", b)
			i := 0
			for i < len(x) && i < len(y) && x[i] == y[i] {
				i++
			}
			lo := max(i-150, 0)
			t.Errorf("%s differs at %d:\nSQLite     …%s…\nPostgreSQL …%s…", what, i, x[lo:min(i+150, len(x))], y[lo:min(i+150, len(y))])
		}
	}
	for _, f := range []hub.Filter{{}, {Status: hub.StatusOpen}, {Kind: kiosk.KindOpinion, Matter: kiosk.MatterSmall}, {Search: "路灯"}, {Status: hub.StatusOpen, Offset: 50}} {
		same("inbox "+f.Search+string(f.Status), func(db *sqlite.DB) (any, error) { return db.Inbox(ctx, f) })
	}
	same("stats", func(db *sqlite.DB) (any, error) {
		st, err := db.Stats(ctx, end.AddDate(0, -2, 0), end)
		// A list for medians, in no order.
		sort.Slice(st.Cases, func(i, j int) bool { return st.Cases[i].Received.Before(st.Cases[j].Received) })
		return st, err
	})
	same("ids", func(db *sqlite.DB) (any, error) { s, c, err := db.StoredIDs(ctx); return []any{s, c}, err })
	same("export", func(db *sqlite.DB) (any, error) {
		var ids []string
		err := db.EachSubmission(ctx, func(s hub.Received) error { ids = append(ids, s.ID); return nil })
		return ids, err
	})
	same("fleet", func(db *sqlite.DB) (any, error) { return db.Kiosks(ctx) })

	// Work goes on in the copy: new submissions, a case changed (audit,
	// ticket outbox: their numbering follows the copied rows).
	if err := pg.Apply(ctx, hub.Batch{Submissions: []hub.Received{opinion("wall-new", 1, end, "lights", "3栋", "新的路灯不亮")}}); err != nil {
		t.Fatal(err)
	}
	in, err := pg.Inbox(ctx, hub.Filter{Search: "新的路灯"})
	if err != nil || in.Total != 1 {
		t.Fatalf("the new submission's case: %d, %v", in.Total, err)
	}
	lead := hub.Worker{ID: "zhang", Name: "张丽", Role: hub.RoleLead}
	pdesk := &hub.Desk{Store: pg, Checklist: cl, Now: func() time.Time { return end }}
	c := in.Cases[0]
	if _, err := pdesk.Act(ctx, lead, c.ID, c.Version, hub.Action{Kind: hub.ActTriage, Matter: kiosk.MatterSmall}); err != nil {
		t.Fatalf("work after the copy: %v", err)
	}
	if _, err := lite.CopyTo(ctx, pg); err == nil {
		t.Fatal("copied into a store that is not empty")
	}
}
