package web_test

import (
	"context"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/hub/seed"
	"opinionwall/hub/sqlite"
	"opinionwall/hub/web"
	"opinionwall/internal/pgtest"
	"opinionwall/kiosk"
)

// station is a seeded hub store behind the web server over TLS.
type station struct {
	db   *sqlite.DB
	desk *hub.Desk
	srv  *httptest.Server
	web  *web.Server
	now  time.Time
}

var end = time.Date(2026, 11, 29, 18, 0, 0, 0, time.Local)

func newStation(t testing.TB, n int, tweak func(*web.Deps)) *station {
	t.Helper()
	ctx := context.Background()
	db := sqlite.NewDB(pgtest.StorePath(t, t.TempDir()))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	cl, err := hub.ParseChecklist(hub.DefaultChecklist())
	if err != nil {
		t.Fatal(err)
	}
	st := &station{db: db, now: end}
	st.desk = &hub.Desk{Store: db, Settings: db, Delib: db, Checklist: cl, Now: func() time.Time { return end }}
	if err := seed.Station(ctx, db, st.desk, n, 30, end, rand.New(rand.NewPCG(1, 2))); err != nil {
		t.Fatal(err)
	}
	st.desk.Now = func() time.Time { return st.now }
	d := web.Deps{Desk: st.desk, Catalog: hub.NewCatalog(kiosk.Defaults()), SessionKey: []byte(strings.Repeat("k", 32)),
		Pages: true, Public: true, API: true, Now: func() time.Time { return st.now }}
	if tweak != nil {
		tweak(&d)
	}
	st.web, err = web.New(d)
	if err != nil {
		t.Fatal(err)
	}
	st.srv = httptest.NewTLSServer(st.web)
	t.Cleanup(st.srv.Close)
	return st
}

// client is a browser-like client of the station: its own cookie jar,
// redirects followed, same-origin fetch metadata on its requests.
func (st *station) client(t testing.TB) *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, Transport: sameOrigin{st.srv.Client().Transport.(*http.Transport)}}
}

type sameOrigin struct{ rt *http.Transport }

func (s sameOrigin) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Header.Get("Sec-Fetch-Site") == "" {
		r.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	return s.rt.RoundTrip(r)
}

// login logs c in as worker id.
func (st *station) login(t testing.TB, c *http.Client, id string) *http.Response {
	t.Helper()
	resp, err := c.PostForm(st.srv.URL+"/login", url.Values{"id": {id}, "pin": {seed.PIN}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

// assign gives the case to a worker through the desk, as a lead would.
func (st *station) assign(t testing.TB, id, worker string) hub.Case {
	t.Helper()
	ctx := context.Background()
	lead := hub.Worker{ID: "zhang", Name: "张丽", Role: hub.RoleLead}
	c, _, err := st.db.Case(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if c.Status == kiosk.StatusReceived {
		cl := st.desk.Checklist.Classes[1]
		if c, err = st.desk.Act(ctx, lead, id, c.Version, hub.Action{Kind: hub.ActTriage, Matter: cl.Matter, Item: cl.Items[0].ID}); err != nil {
			t.Fatal(err)
		}
	}
	if c, err = st.desk.Act(ctx, lead, id, c.Version, hub.Action{Kind: hub.ActAssign, Worker: worker}); err != nil {
		t.Fatal(err)
	}
	return c
}
