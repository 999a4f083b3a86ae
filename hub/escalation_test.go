package hub

import (
	"errors"
	"strings"
	"testing"
	"time"

	"opinionwall/kiosk"
)

func TestEscalationBackoff(t *testing.T) {
	want := []time.Duration{5 * time.Second, 5 * time.Second, 10 * time.Second, 20 * time.Second}
	for n, w := range want {
		if got := EscalationBackoff(n); got != w {
			t.Errorf("after %d failures: %s, want %s", n, got, w)
		}
	}
	if got := EscalationBackoff(50); got != 30*time.Minute {
		t.Errorf("capped at %s", got)
	}
	e := Escalation{}
	e.Failed(errors.New(strings.Repeat("x", 900)), t0)
	if e.Attempts != 1 || len(e.LastError) != 500 || !e.NextAt.Equal(t0.Add(5*time.Second)) {
		t.Errorf("failed: %+v", e)
	}
}

func TestEscalationRequest(t *testing.T) {
	cat := NewCatalog(kiosk.Defaults())
	u := Upstream{Body: "街道安监办", URL: "https://district.example/open311/v2/", APIKey: "k.s", Area: "大和社区", Jurisdiction: "longhua"}
	c := Case{ID: "c1", Ticket: "123456789", Topic: "safety", Text: "502室电线老化 张三13912345678", Matter: kiosk.MatterBig,
		Status: kiosk.StatusTriaged, Routing: Routing{GovBody: "街道安监办"}}
	e := Escalation{Case: "c1", Body: "街道安监办"}
	o, err := EscalationRequest(c, e, u, cat)
	if err != nil {
		t.Fatal(err)
	}
	if o.Address != "大和社区" || o.ServiceCode != "safety" || strings.Contains(o.Description, "13912345678") || strings.Contains(o.Description, "502") ||
		!strings.Contains(o.Description, "123 456 789") || o.Key != e.IdempotencyKey() || o.Jurisdiction != "longhua" {
		t.Errorf("outbound %+v", o)
	}
	c.Building, u.ServiceCode = "3栋", "fire"
	if o, _ = EscalationRequest(c, e, u, cat); o.Address != "3栋" || o.ServiceCode != "fire" {
		t.Errorf("with a building and a service: %+v", o)
	}
	for name, change := range map[string]func(*Case){
		"closed":     func(c *Case) { c.Status = kiosk.StatusClosed },
		"small":      func(c *Case) { c.Matter = kiosk.MatterSmall },
		"other body": func(c *Case) { c.GovBody = "区住建局" },
	} {
		cc := c
		change(&cc)
		if _, err := EscalationRequest(cc, e, u, cat); err == nil {
			t.Errorf("%s: sent", name)
		}
	}
	if (Escalation{Case: "c1", Body: "a"}).IdempotencyKey() == (Escalation{Case: "c1", Body: "b"}).IdempotencyKey() {
		t.Error("two bodies, one key")
	}
}

func TestEscalationMirror(t *testing.T) {
	e := Escalation{Case: "c1", Body: "街道安监办"}
	a := e.Sent("9001", t0, time.Minute)
	if e.State != EscSent || e.UpstreamID != "9001" || !strings.Contains(a.Detail, "9001") || a.Action != ActUpstream {
		t.Fatalf("sent %+v %+v", e, a)
	}
	if a := e.Mirror(UpstreamStatus{Status: GeoOpen, Notes: "已受理"}, t0, time.Minute); a == nil || e.State != EscSent {
		t.Errorf("first news: %v %+v", a, e)
	}
	if a := e.Mirror(UpstreamStatus{Status: GeoOpen, Notes: "已受理"}, t0, time.Minute); a != nil {
		t.Errorf("the same news twice: %+v", a)
	}
	a2 := e.Mirror(UpstreamStatus{Status: "weird", Notes: "办理中"}, t0, time.Minute)
	if a2 == nil || e.Status != GeoOpen {
		t.Errorf("an unknown status is open: %+v", e)
	}
	a3 := e.Mirror(UpstreamStatus{Status: GeoClosed, Notes: "已修复"}, t0, time.Minute)
	if a3 == nil || e.State != EscClosed || a3.Detail != "街道安监办 9001 closed: 已修复" || !e.NextAt.Equal(t0.Add(time.Minute)) {
		t.Errorf("closed: %+v %+v", e, a3)
	}
}

func TestReadUpstreamNews(t *testing.T) {
	e := Escalation{Case: "c1", Body: "区 住建局"}
	sent := e.Sent("A-9 1", t0, time.Minute)
	if n, ok := ReadUpstreamNews(sent); !ok || !n.Forwarded || n.ID != "A-9 1" || n.Body != "区 住建局" {
		t.Errorf("sent: %+v %v", n, ok)
	}
	e.UpstreamID = "9001"
	news := e.Mirror(UpstreamStatus{Status: GeoClosed, Notes: "已修复: 换了灯"}, t0, time.Minute)
	if n, ok := ReadUpstreamNews(*news); !ok || n.Forwarded || n.ID != "9001" || n.Status != GeoClosed || n.Notes != "已修复: 换了灯" {
		t.Errorf("news: %+v %v", n, ok)
	}
	if _, ok := ReadUpstreamNews(Audit{Action: ActReply, Worker: "zhang", Detail: "x"}); ok {
		t.Error("a reply read as news")
	}
}
