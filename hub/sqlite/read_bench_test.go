package sqlite_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/hub/seed"
	"opinionwall/hub/sqlite"
	"opinionwall/internal/pgtest"
	"opinionwall/kiosk"
)

// The benchmark store: 100,000 submissions over a year from four kiosks,
// with part of the opinions worked, built once per process (OW_BENCH_N
// changes the size), one per store. OW_BENCH_SQLITE (a file) and
// OW_BENCH_PG (a PostgreSQL URL) name stores kept between runs, seeded
// by the first run that finds them empty.
var (
	benchMu    sync.Mutex
	benchPaths = map[bool]string{} // by onPostgres
	benchEnd   = time.Date(2026, 11, 29, 12, 0, 0, 0, time.FixedZone("CST", 8*3600))
)

// newBenchStore returns where a new benchmark store lives, kept until the
// process ends.
func newBenchStore(b *testing.B) string {
	if s := os.Getenv(map[bool]string{false: "OW_BENCH_SQLITE", true: "OW_BENCH_PG"}[onPostgres]); s != "" {
		return s
	}
	if onPostgres {
		s, err := pgtest.Shared()
		if err != nil {
			b.Fatal(err)
		}
		u, err := s.NewDatabase(context.Background(), "bench")
		if err != nil {
			b.Fatal(err)
		}
		return u
	}
	dir, err := os.MkdirTemp("", "ow-bench-")
	if err != nil {
		b.Fatal(err)
	}
	return filepath.Join(dir, "hub.db")
}

func benchDB(b *testing.B) *sqlite.DB {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	benchPath, ok := benchPaths[onPostgres]
	if !ok {
		benchPath = newBenchStore(b)
		benchPaths[onPostgres] = benchPath
		db := sqlite.NewDB(benchPath)
		if err := db.Open(); err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		if have, _, err := db.Count(context.Background()); err != nil || have > 0 {
			b.Logf("benchmark store %s: %d submissions already (%v)", benchPath, have, err)
			return reopen(b, benchPath)
		}
		n := 100_000
		if s := os.Getenv("OW_BENCH_N"); s != "" {
			if _, err := fmt.Sscan(s, &n); err != nil {
				b.Fatal(err)
			}
		}
		cl, _ := hub.ParseChecklist(hub.DefaultChecklist())
		now := benchEnd
		desk := &hub.Desk{Store: db, Checklist: cl, Now: func() time.Time { return now }}
		start := time.Now()
		if err := seed.Station(context.Background(), db, desk, n, 365, benchEnd, rand.New(rand.NewPCG(7, 7))); err != nil {
			b.Fatal(err)
		}
		b.Logf("seeded %d submissions in %s", n, time.Since(start))
	}
	return reopen(b, benchPath)
}

func reopen(b *testing.B, path string) *sqlite.DB {
	db := sqlite.NewDB(path)
	if err := db.Open(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// p95 reports the 95th percentile of the durations as p95-ms.
func p95(b *testing.B, ds []time.Duration) {
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	if len(ds) > 0 {
		b.ReportMetric(float64(ds[len(ds)*95/100].Microseconds())/1000, "p95-ms")
	}
}

// BenchmarkInbox runs the inbox as the screen does: one page of 50 and
// the counts per status, kind and class, for the filters workers use.
// Baseline: the bare page query (newest 50, no filter, no counts).
func BenchmarkInbox(b *testing.B) {
	db := benchDB(b)
	ctx := context.Background()
	filters := []struct {
		name string
		f    hub.Filter
	}{
		{"open", hub.Filter{Status: hub.StatusOpen}},
		{"all", hub.Filter{}},
		{"opinions-small-matters", hub.Filter{Kind: kiosk.KindOpinion, Matter: kiosk.MatterSmall}},
		{"building-and-month", hub.Filter{Building: "12栋", From: benchEnd.AddDate(0, -1, 0), To: benchEnd}},
		{"assignee", hub.Filter{Assignee: "wang", Status: hub.StatusOpen}},
		{"search-text", hub.Filter{Search: "路灯"}},
		{"search-ticket", hub.Filter{Search: "110 605 070"}},
		{"page-40", hub.Filter{Status: hub.StatusOpen, Offset: 2000}},
	}
	b.Run("baseline-bare-page", func(b *testing.B) {
		var ds []time.Duration
		for b.Loop() {
			t := time.Now()
			if err := db.BarePage(ctx, 50); err != nil {
				b.Fatal(err)
			}
			ds = append(ds, time.Since(t))
		}
		p95(b, ds)
	})
	for _, fc := range filters {
		b.Run(fc.name, func(b *testing.B) {
			var ds []time.Duration
			for b.Loop() {
				t := time.Now()
				if _, err := db.Inbox(ctx, fc.f); err != nil {
					b.Fatal(err)
				}
				ds = append(ds, time.Since(t))
			}
			p95(b, ds)
		})
	}
}

// BenchmarkStats computes a year of statistics (every chart's data).
// Baseline: counting the year's cases.
func BenchmarkStats(b *testing.B) {
	db := benchDB(b)
	ctx := context.Background()
	from := benchEnd.AddDate(-1, 0, 0)
	b.Run("baseline-count", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := db.Count(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("year", func(b *testing.B) {
		for b.Loop() {
			st, err := db.Stats(ctx, from, benchEnd)
			if err != nil || len(st.TopicWeeks) == 0 {
				b.Fatalf("%v %d", err, len(st.TopicWeeks))
			}
		}
	})
}

// BenchmarkVolunteerInbox is a page of 50 open cases through the desk for
// a volunteer, whose texts are masked with each resident's contact in hand
// (a read of the submission per case). Baseline: the same page for the
// lead, returned as stored.
func BenchmarkVolunteerInbox(b *testing.B) {
	db := benchDB(b)
	ctx := context.Background()
	cl, _ := hub.ParseChecklist(hub.DefaultChecklist())
	desk := &hub.Desk{Store: db, Checklist: cl, Now: func() time.Time { return benchEnd }}
	for _, w := range []hub.Worker{{ID: "zhang", Role: hub.RoleLead}, {ID: "li", Role: hub.RoleVolunteer}} {
		b.Run(string(w.Role), func(b *testing.B) {
			var ds []time.Duration
			for b.Loop() {
				t := time.Now()
				if _, err := desk.Inbox(ctx, w, hub.Filter{Status: hub.StatusOpen}); err != nil {
					b.Fatal(err)
				}
				ds = append(ds, time.Since(t))
			}
			p95(b, ds)
		})
	}
}
