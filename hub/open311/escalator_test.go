package open311_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/hub/open311"
	"opinionwall/kiosk"
)

const body = "街道安监办"

// escalating is a station whose 大事 go to a second station acting as
// the district, both on real hub.db files.
type escalating struct {
	origin, district *station
	esc              *open311.Escalator
}

func newEscalating(t *testing.T, via func(district string) string) *escalating {
	e := &escalating{origin: newStation(t), district: newStation(t)}
	base := e.district.base
	if via != nil {
		base = via(base)
	}
	u := hub.Upstream{Body: body, URL: base, APIKey: e.district.key, Jurisdiction: "dahe.longhua.sz", Area: "大和社区"}
	if err := e.origin.db.PutUpstream(t.Context(), u); err != nil {
		t.Fatal(err)
	}
	e.esc = &open311.Escalator{Store: e.origin.db, Catalog: hub.NewCatalog(kiosk.Defaults()), Poll: time.Minute,
		Now: func() time.Time { return e.origin.now }}
	return e
}

// bigCase makes a 大事 routed to the body at the origin.
func (e *escalating) bigCase(t *testing.T, seq int64) hub.Case {
	o := e.origin
	c := o.opinion(t, seq, "safety", "3栋", "502室电线老化冒火花 张三 13912345678", &kiosk.Contact{Name: "张三", Phone: "13912345678", Consent: true})
	o.act(t, c.ID, hub.Action{Kind: hub.ActTriage, Matter: kiosk.MatterBig, Item: "fire-safety"})
	return o.act(t, c.ID, hub.Action{Kind: hub.ActRoute, Route: hub.Routing{GovBody: body, Due: o.now.AddDate(0, 0, 7)}})
}

func (e *escalating) round(t *testing.T) {
	t.Helper()
	if err := e.esc.Round(t.Context()); err != nil {
		t.Fatal(err)
	}
}

func (e *escalating) escalation(t *testing.T, caseID string) hub.Escalation {
	t.Helper()
	es, err := e.origin.db.Escalations(t.Context(), caseID)
	if err != nil || len(es) != 1 {
		t.Fatalf("escalations of %s: %v %v", caseID, es, err)
	}
	return es[0]
}

// partnerCases are the district's cases from partners.
func partnerCases(t *testing.T, s *station) []hub.Case {
	t.Helper()
	var out []hub.Case
	err := s.db.EachCase(t.Context(), hub.Filter{}, func(c hub.Case) error {
		if strings.HasPrefix(c.Kiosk, hub.PartnerKioskPrefix) {
			out = append(out, c)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestEscalateAndMirror(t *testing.T) {
	e := newEscalating(t, nil)
	c := e.bigCase(t, 1)
	e.round(t)
	es := e.escalation(t, c.ID)
	up := partnerCases(t, e.district)
	if es.State != hub.EscSent || len(up) != 1 || es.UpstreamID != up[0].Ticket {
		t.Fatalf("after a round: %+v, district has %d", es, len(up))
	}
	_, rcv, err := e.district.db.Case(t.Context(), up[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if d := rcv.Body.Text; rcv.Body.Contact != nil || strings.Contains(d, "13912345678") || strings.Contains(d, "502") || !strings.Contains(d, "电线老化") {
		t.Errorf("the district got %+v", rcv.Body)
	}
	// The district works the case to the end and publishes its reply.
	d := e.district
	d.act(t, up[0].ID, hub.Action{Kind: hub.ActTriage, Matter: kiosk.MatterBig, Item: "fire-safety"})
	d.act(t, up[0].ID, hub.Action{Kind: hub.ActReply, Reply: "已派电工更换线路"})
	d.act(t, up[0].ID, hub.Action{Kind: hub.ActPublish, WallText: "楼道电线老化"})
	d.act(t, up[0].ID, hub.Action{Kind: hub.ActClose})
	e.round(t) // not yet time to poll
	if got := e.escalation(t, c.ID); got.Status != "" {
		t.Errorf("polled before its time: %+v", got)
	}
	e.origin.now = e.origin.now.Add(time.Minute)
	e.round(t)
	es = e.escalation(t, c.ID)
	if es.State != hub.EscClosed || es.Status != hub.GeoClosed || es.Notes != "已派电工更换线路" {
		t.Errorf("mirrored %+v", es)
	}
	hist, _ := e.origin.db.History(t.Context(), c.ID)
	var news []string
	for _, a := range hist {
		if a.Action == hub.ActUpstream {
			news = append(news, a.Detail)
		}
	}
	if len(news) != 2 || !strings.Contains(news[1], "closed: 已派电工更换线路") {
		t.Errorf("history: %q", news)
	}
	// Nothing reached the resident: the case is as the worker left it,
	// no ticket update waits for the kiosk.
	now, _, _ := e.origin.db.Case(t.Context(), c.ID)
	pending, _ := e.origin.db.PendingTickets(t.Context(), 100)
	for _, p := range pending {
		if p.Update.Reply != "" {
			t.Errorf("a reply went to the kiosk: %+v", p.Update)
		}
	}
	if now.Reply != "" || now.Status != c.Status || now.Version != c.Version {
		t.Errorf("the case changed: %+v", now)
	}
	// Closed upstream: no more polling.
	e.origin.now = e.origin.now.Add(time.Hour)
	if due, _ := e.origin.db.DueEscalations(t.Context(), e.origin.now, 10); len(due) != 0 {
		t.Errorf("still due: %+v", due)
	}
}

// TestEscalateAnswerLost cuts the connection after the district stored
// the request and before its answer arrives: the retry is the same
// request (Idempotency-Key), not a second one.
func TestEscalateAnswerLost(t *testing.T) {
	var cut atomic.Int32
	e := newEscalating(t, func(district string) string {
		target, _ := url.Parse(district)
		proxy := httputil.NewSingleHostReverseProxy(&url.URL{Scheme: target.Scheme, Host: target.Host})
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodPost && cut.Add(1) <= 2 {
				rec := httptest.NewRecorder()
				proxy.ServeHTTP(rec, r) // the district stores it
				conn, _, _ := w.(http.Hijacker).Hijack()
				conn.Close() // and its answer is lost
				return
			}
			proxy.ServeHTTP(w, r)
		}))
		t.Cleanup(srv.Close)
		return srv.URL + target.Path
	})
	c := e.bigCase(t, 1)
	e.round(t)
	es := e.escalation(t, c.ID)
	if es.State != hub.EscPending || es.Attempts != 1 || es.LastError == "" || len(partnerCases(t, e.district)) != 1 {
		t.Fatalf("after a lost answer: %+v", es)
	}
	e.round(t) // not yet time: backoff
	if got := e.escalation(t, c.ID); got.Attempts != 1 {
		t.Errorf("retried before the backoff: %+v", got)
	}
	for range 2 {
		e.origin.now = e.origin.now.Add(time.Minute)
		e.round(t)
	}
	es = e.escalation(t, c.ID)
	up := partnerCases(t, e.district)
	if es.State != hub.EscSent || len(up) != 1 || es.UpstreamID != up[0].Ticket || cut.Load() != 3 {
		t.Errorf("after the retries: %+v, district holds %d, %d POSTs", es, len(up), cut.Load())
	}
}

// TestEscalateOnlyOpenBig: a case closed before it was sent is dropped;
// a 小事 is never queued; a body added later takes its open 大事.
func TestEscalateOnlyOpenBig(t *testing.T) {
	e := newEscalating(t, nil)
	c := e.bigCase(t, 1)
	e.origin.act(t, c.ID, hub.Action{Kind: hub.ActNotApplicable, Reason: "已由其他部门处理"})
	e.round(t)
	if es := e.escalation(t, c.ID); es.State != hub.EscDropped || len(partnerCases(t, e.district)) != 0 {
		t.Errorf("closed before sending: %+v", es)
	}
	small := e.origin.opinion(t, 2, "sanitation", "1栋", "垃圾", nil)
	e.origin.act(t, small.ID, hub.Action{Kind: hub.ActTriage, Matter: kiosk.MatterSmall})
	if es, _ := e.origin.db.Escalations(t.Context(), small.ID); len(es) != 0 {
		t.Errorf("a 小事 was queued: %+v", es)
	}
	other := e.origin.opinion(t, 3, "safety", "2栋", "消防通道堵塞", nil)
	e.origin.act(t, other.ID, hub.Action{Kind: hub.ActTriage, Matter: kiosk.MatterBig, Item: "fire-safety"})
	e.origin.act(t, other.ID, hub.Action{Kind: hub.ActRoute, Route: hub.Routing{GovBody: "区消防大队", Due: e.origin.now.AddDate(0, 0, 3)}})
	if es, _ := e.origin.db.Escalations(t.Context(), other.ID); len(es) != 0 {
		t.Errorf("a body without an endpoint was queued: %+v", es)
	}
	u := hub.Upstream{Body: "区消防大队", URL: e.district.base, APIKey: e.district.key, Area: "大和社区"}
	if err := e.origin.db.PutUpstream(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	e.round(t)
	if es := e.escalation(t, other.ID); es.State != hub.EscSent {
		t.Errorf("the body added later: %+v", es)
	}
}
