package open311_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/hub/open311"
	"opinionwall/hub/sqlite"
	"opinionwall/internal/pgtest"
	"opinionwall/kiosk"
)

// station is a real hub.db with a desk, GeoReport served over httptest.
type station struct {
	db   *sqlite.DB
	desk *hub.Desk
	geo  *hub.GeoReport
	srv  *httptest.Server
	base string // the GeoReport base URL, ending in /
	now  time.Time
	lead hub.Worker
	key  string // a partner's API key
}

func newStation(t *testing.T) *station {
	t.Helper()
	ctx := context.Background()
	s := &station{now: time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)}
	s.db = sqlite.NewDB(pgtest.StorePath(t, t.TempDir()))
	s.db.Now = func() time.Time { return s.now }
	if err := s.db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.db.Close() })
	cl, err := hub.ParseChecklist(hub.DefaultChecklist())
	if err != nil {
		t.Fatal(err)
	}
	s.desk = &hub.Desk{Store: s.db, Checklist: cl, Now: func() time.Time { return s.now }}
	w := hub.Worker{ID: "zhang", Name: "张丽", Role: hub.RoleLead}
	w.PINHash, _ = hub.HashPIN("246813")
	if err := s.db.PutWorker(ctx, w); err != nil {
		t.Fatal(err)
	}
	s.lead, _ = s.desk.Login(ctx, "zhang", "246813")
	s.geo = &hub.GeoReport{Store: s.db, Config: kiosk.Defaults(), Jurisdiction: "dahe.longhua.sz", Now: func() time.Time { return s.now }, Limit: &hub.RateLimit{}}
	s.srv = httptest.NewServer(&open311.Server{GeoReport: s.geo, Prefix: open311.Prefix, PerMinute: 1000})
	t.Cleanup(s.srv.Close)
	s.base = s.srv.URL + open311.Prefix
	k, secret, err := hub.NewAPIKey("hotline", "12345热线", 98, 600, s.now)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.db.PutAPIKey(ctx, k, hub.Audit{Case: "apikey:hotline", Worker: "admin", At: s.now, Action: "apikey_add"}); err != nil {
		t.Fatal(err)
	}
	s.key = secret
	return s
}

var gen kiosk.UUIDGen

// opinion stores a resident's opinion from kiosk k and returns its case.
func (s *station) opinion(t *testing.T, seq int64, topic, building, text string, contact *kiosk.Contact) hub.Case {
	t.Helper()
	codec, _ := kiosk.NewTicketCodec(12, "k1")
	r := hub.Received{ReceivedAt: s.now, Submission: kiosk.Submission{ID: gen.New(s.now), Kiosk: "k1", Seq: seq, Kind: kiosk.KindOpinion,
		Ticket: codec.Code(seq), CreatedAt: s.now, ClockSynced: true, Body: kiosk.Body{Topic: topic, Text: text, Contact: contact,
			Location: &kiosk.Location{Building: building}, Lang: "zh", Channel: kiosk.ChannelTouch}}}
	if err := s.db.Apply(context.Background(), hub.Batch{Submissions: []hub.Received{r}}); err != nil {
		t.Fatal(err)
	}
	c, _, err := s.db.Case(context.Background(), r.ID)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// act applies a lead's action to a case.
func (s *station) act(t *testing.T, id string, a hub.Action) hub.Case {
	t.Helper()
	c, _, err := s.db.Case(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	s.now = s.now.Add(time.Minute)
	c, err = s.desk.Act(context.Background(), s.lead, id, c.Version, a)
	if err != nil {
		t.Fatalf("%s: %v", a.Kind, err)
	}
	return c
}

// get fetches a resource and returns its status and body.
func get(t *testing.T, u string) (int, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// post submits a form with an optional Idempotency-Key.
func post(t *testing.T, u string, form url.Values, idem string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, u, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if idem != "" {
		req.Header.Set("Idempotency-Key", idem)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}
