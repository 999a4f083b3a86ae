package sqlite_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

// BenchmarkGeoRequests answers Open311's GET requests over the benchmark
// store, as hub.GeoReport does (the store's query and the mapping of each
// case to what may leave). Baseline: the inbox's bare page query.
func BenchmarkGeoRequests(b *testing.B) {
	db := benchDB(b)
	ctx := context.Background()
	g := &hub.GeoReport{Store: db, Config: kiosk.Defaults(), Now: func() time.Time { return benchEnd }}
	var tickets []string
	in, err := db.Inbox(ctx, hub.Filter{Kind: kiosk.KindOpinion, Limit: 10})
	if err != nil || len(in.Cases) < 10 {
		b.Fatalf("%v %d", err, len(in.Cases))
	}
	for _, c := range in.Cases {
		tickets = append(tickets, c.Ticket)
	}
	filter := func(ids, svc, start, end, status string) hub.GeoFilter {
		f, err := hub.ParseGeoFilter(ids, svc, start, end, status, benchEnd)
		if err != nil {
			b.Fatal(err)
		}
		return f
	}
	cases := []struct {
		name string
		f    hub.GeoFilter
	}{
		{"default-90-days", filter("", "", "", "", "")},
		{"open", filter("", "", "", "", "open")},
		{"one-service-a-year", filter("", "sanitation", benchEnd.AddDate(-1, 0, 0).Format(time.RFC3339), "", "")},
		{"closed-last-week", filter("", "", benchEnd.AddDate(0, 0, -7).Format(time.RFC3339), "", "closed")},
		{"ten-ids", filter(joinIDs(tickets), "", "", "", "")},
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
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			var ds []time.Duration
			n := 0
			for b.Loop() {
				t := time.Now()
				rs, err := g.Requests(ctx, c.f)
				if err != nil {
					b.Fatal(err)
				}
				ds = append(ds, time.Since(t))
				n = len(rs)
			}
			p95(b, ds)
			b.ReportMetric(float64(n), "requests")
		})
	}
	b.Run("one-by-code", func(b *testing.B) {
		var ds []time.Duration
		for b.Loop() {
			t := time.Now()
			if _, err := g.Request(ctx, tickets[3]); err != nil {
				b.Fatal(err)
			}
			ds = append(ds, time.Since(t))
		}
		p95(b, ds)
	})
}

func joinIDs(ids []string) string { return strings.Join(ids, ",") }
