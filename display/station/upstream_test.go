package station_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"opinionwall/display/displaytest"
	"opinionwall/hub"
	"opinionwall/kiosk"
)

// TestUpstreamNewsInHistory: a 大事 forwarded to its body shows the
// body's request id and its news in the case's history, as a proposed
// reply the worker reviews; the reply box stays the worker's.
func TestUpstreamNewsInHistory(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	w := newStationWorld(t, f)
	ctx := context.Background()
	u := hub.Upstream{Body: "街道安监办", URL: "http://127.0.0.1:1/open311/v2/", APIKey: "k.s", Area: "大和社区"}
	if err := w.hubDB.PutUpstream(ctx, u); err != nil {
		t.Fatal(err)
	}
	var gen kiosk.UUIDGen
	s := &kiosk.Submission{ID: gen.New(time.Now()), Kiosk: "wall-01", Kind: kiosk.KindOpinion, CreatedAt: time.Now(), ClockSynced: true,
		Body: kiosk.Body{Topic: "safety", Text: "消防通道堵塞", Lang: "zh", Channel: kiosk.ChannelTouch}}
	if err := f.DB.Submit(ctx, s); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the case", func() bool { _, _, err := w.hubDB.Case(ctx, s.ID); return err == nil })
	lead, err := w.desk.Login(ctx, "zhang", "246813")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []hub.Action{{Kind: hub.ActTriage, Matter: kiosk.MatterBig, Item: "fire-safety"},
		{Kind: hub.ActRoute, Route: hub.Routing{GovBody: "街道安监办", Due: time.Now().AddDate(0, 0, 7)}}} {
		c, _, _ := w.hubDB.Case(ctx, s.ID)
		if _, err := w.desk.Act(ctx, lead, s.ID, c.Version, a); err != nil {
			t.Fatal(err)
		}
	}
	es, err := w.hubDB.Escalations(ctx, s.ID)
	if err != nil || len(es) != 1 {
		t.Fatalf("escalations %v %v", es, err)
	}
	e := es[0]
	sent := e.Sent("958812340", time.Now(), time.Minute)
	if err := w.hubDB.PutEscalation(ctx, e, &sent); err != nil {
		t.Fatal(err)
	}
	news := e.Mirror(hub.UpstreamStatus{Status: hub.GeoClosed, Notes: "已清理通道"}, time.Now(), time.Minute)
	if err := w.hubDB.PutEscalation(ctx, e, news); err != nil {
		t.Fatal(err)
	}
	if err := w.st.LogIn("zhang", "246813"); err != nil {
		t.Fatal(err)
	}
	w.st.OpenCase(s.ID)
	w.ui.Want("街道安监办 · 上级部门消息（建议回复，需审核） 已办结：已清理通道（对方编号 958812340）")
	if txt := w.ui.Texts(); !strings.Contains(txt, "街道安监办 · 已转交（对方编号 958812340）") {
		t.Errorf("no forwarding in the history:\n%s", txt)
	}
}
