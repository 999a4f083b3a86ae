package web_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/hub/seed"
	"opinionwall/hub/sqlite"
	"opinionwall/hub/web"
	"opinionwall/kiosk"
)

// The benchmark station: a real hub.db of 100,000 submissions over a year
// (OW_BENCH_N changes it), seeded once per process, with 100 cases
// assigned to wang beside the open cases of his buildings.
var (
	benchOnce    sync.Once
	benchPath    string
	benchTickets []string
	benchEnd     = time.Date(2026, 11, 29, 12, 0, 0, 0, time.FixedZone("CST", 8*3600))
)

// benchClock is the benchmark server's clock: each reading moves it a
// minute and a second on while tick is set, so no public page is served
// from the hub's one-minute cache.
var (
	benchTick  atomic.Bool
	benchTicks atomic.Int64
)

func benchNow() time.Time {
	if benchTick.Load() {
		return benchEnd.Add(time.Duration(benchTicks.Add(1)) * (web.PublicMaxAge + time.Second))
	}
	return benchEnd
}

func benchServer(b *testing.B) (*web.Server, *hub.Desk) {
	b.Helper()
	benchOnce.Do(func() { seedBench(b) })
	db := sqlite.NewDB(benchPath)
	if err := db.Open(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	cl, _ := hub.ParseChecklist(hub.DefaultChecklist())
	desk := &hub.Desk{Store: db, Settings: db, Delib: db, Checklist: cl, Now: func() time.Time { return benchEnd }}
	s, err := web.New(web.Deps{Desk: desk, Catalog: hub.NewCatalog(kiosk.Defaults()), SessionKey: []byte(strings.Repeat("k", 32)),
		Pages: true, Public: true, PublicPerMinute: -1, Now: benchNow})
	if err != nil {
		b.Fatal(err)
	}
	return s, desk
}

func seedBench(b *testing.B) {
	dir, err := os.MkdirTemp("", "ow-web-bench-")
	if err != nil {
		b.Fatal(err)
	}
	benchPath = filepath.Join(dir, "hub.db")
	db := sqlite.NewDB(benchPath)
	if err := db.Open(); err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	n := 100_000
	if s := os.Getenv("OW_BENCH_N"); s != "" {
		fmt.Sscan(s, &n)
	}
	cl, _ := hub.ParseChecklist(hub.DefaultChecklist())
	desk := &hub.Desk{Store: db, Checklist: cl, Now: func() time.Time { return benchEnd }}
	ctx := context.Background()
	if err := seed.Station(ctx, db, desk, n, 365, benchEnd, rand.New(rand.NewPCG(7, 7))); err != nil {
		b.Fatal(err)
	}
	in, err := db.Inbox(ctx, hub.Filter{Status: kiosk.StatusReceived, Kind: kiosk.KindOpinion, Limit: hub.MaxPage})
	if err != nil {
		b.Fatal(err)
	}
	lead := hub.Worker{ID: "zhang", Role: hub.RoleLead}
	cls := cl.Classes[1]
	for i, c := range in.Cases {
		benchTickets = append(benchTickets, c.Ticket)
		if i >= 100 {
			continue
		}
		c, err := desk.Act(ctx, lead, c.ID, c.Version, hub.Action{Kind: hub.ActTriage, Matter: cls.Matter, Item: cls.Items[0].ID})
		if err == nil {
			_, err = desk.Act(ctx, lead, c.ID, c.Version, hub.Action{Kind: hub.ActAssign, Worker: "wang"})
		}
		if err != nil {
			b.Fatal(err)
		}
	}
}

// timed serves req through h b.N times and reports the p50 and p95 of
// the server's time (ServeHTTP, no network).
func timed(b *testing.B, h http.Handler, req func(i int) *http.Request, want int) {
	var ds []time.Duration
	i := 0
	for b.Loop() {
		r := req(i)
		i++
		rec := httptest.NewRecorder()
		t := time.Now()
		h.ServeHTTP(rec, r)
		ds = append(ds, time.Since(t))
		if rec.Code != want {
			b.Fatalf("%s: %d", r.URL, rec.Code)
		}
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	b.ReportMetric(float64(ds[len(ds)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(ds[len(ds)*95/100].Microseconds())/1000, "p95-ms")
}

// BenchmarkPages: the server's time for 我的待办, a case and the public
// page at 100,000 cases. Baseline: the review app's inbox page through
// the same desk (Desk.Inbox, open cases, 50) and a static file.
func BenchmarkPages(b *testing.B) {
	s, desk := benchServer(b)
	cookie := loginCookie(b, s)
	get := func(path string) func(int) *http.Request {
		return func(int) *http.Request {
			r := httptest.NewRequest("GET", "https://hub.example"+path, nil)
			r.AddCookie(cookie)
			return r
		}
	}
	b.Run("baseline-inbox", func(b *testing.B) {
		me := hub.Worker{ID: "wang", Role: hub.RoleWorker}
		var ds []time.Duration
		for b.Loop() {
			t := time.Now()
			if _, err := desk.Inbox(context.Background(), me, hub.Filter{Status: hub.StatusOpen}); err != nil {
				b.Fatal(err)
			}
			ds = append(ds, time.Since(t))
		}
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		b.ReportMetric(float64(ds[len(ds)*95/100].Microseconds())/1000, "p95-ms")
	})
	b.Run("baseline-static", func(b *testing.B) { timed(b, s, get("/static/app.css"), 200) })
	b.Run("my-cases", func(b *testing.B) { timed(b, s, get("/my"), 200) })
	b.Run("public", func(b *testing.B) {
		benchTick.Store(true)
		defer benchTick.Store(false)
		timed(b, s, func(i int) *http.Request { return get("/t/" + benchTickets[i%len(benchTickets)])(i) }, 200)
	})
	b.Run("public-cached", func(b *testing.B) {
		timed(b, s, func(i int) *http.Request { return get("/t/" + benchTickets[i%len(benchTickets)])(i) }, 200)
	})
	b.Run("public-unknown", func(b *testing.B) {
		benchTick.Store(true)
		defer benchTick.Store(false)
		timed(b, s, get("/t/123456789"), 404)
	})
}

// BenchmarkPublicConcurrent: requests a second to the public page from
// 200 concurrent clients over loopback HTTP (keep-alive, no TLS, no rate
// limit), every page read from the store (public) or from the hub's
// one-minute cache (public-cached). Baseline: the same clients fetching
// a static file.
func BenchmarkPublicConcurrent(b *testing.B) {
	s, _ := benchServer(b)
	srv := httptest.NewServer(s)
	defer srv.Close()
	for _, bc := range []struct {
		name, path string
		tick       bool
	}{{"baseline-static", "/static/app.css", false}, {"public", "", true}, {"public-cached", "", false}} {
		b.Run(bc.name, func(b *testing.B) {
			benchTick.Store(bc.tick)
			defer benchTick.Store(false)
			tr := &http.Transport{MaxIdleConnsPerHost: 200, MaxConnsPerHost: 200}
			defer tr.CloseIdleConnections()
			c := &http.Client{Transport: tr}
			var next sync.Mutex
			i := 0
			work := make(chan struct{}, b.N)
			for range b.N {
				work <- struct{}{}
			}
			close(work)
			start := time.Now()
			var wg sync.WaitGroup
			for range 200 {
				wg.Go(func() {
					for range work {
						next.Lock()
						p := bc.path
						if p == "" {
							p = "/t/" + benchTickets[i%len(benchTickets)]
						}
						i++
						next.Unlock()
						resp, err := c.Get(srv.URL + p)
						if err != nil {
							b.Error(err)
							return
						}
						resp.Body.Close()
						if resp.StatusCode != 200 {
							b.Errorf("%s: %d", p, resp.StatusCode)
						}
					}
				})
			}
			wg.Wait()
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
		})
	}
}

// loginCookie logs wang in and returns his session cookie.
func loginCookie(b *testing.B, s http.Handler) *http.Cookie {
	r := httptest.NewRequest("POST", "https://hub.example/login", strings.NewReader("id=wang&pin="+seed.PIN))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, r)
	for _, c := range rec.Result().Cookies() {
		if c.Name == web.SessionCookie {
			return c
		}
	}
	b.Fatalf("log-in: %d", rec.Code)
	return nil
}
