package hub_test

import (
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

func TestPercentile(t *testing.T) {
	for _, tc := range []struct {
		name string
		xs   []float64
		p    float64
		want float64
	}{
		{"none", nil, 50, 0},
		{"one", []float64{7}, 90, 7},
		{"odd median", []float64{5, 1, 3}, 50, 3},
		{"even median", []float64{4, 1, 3, 2}, 50, 2.5},
		{"p90 of ten", []float64{10, 9, 8, 7, 6, 5, 4, 3, 2, 1}, 90, 9.1},
		{"p100", []float64{1, 2, 3}, 100, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := hub.Percentile(tc.xs, tc.p); got != tc.want {
				t.Fatalf("Percentile(%v, %v) = %v, want %v", tc.xs, tc.p, got, tc.want)
			}
		})
	}
}

func TestClassTimes(t *testing.T) {
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	h := func(n int) time.Time { return t0.Add(time.Duration(n) * time.Hour) }
	st := hub.Stats{From: t0, To: h(30 * 24), Cases: []hub.CaseTimes{
		{Matter: kiosk.MatterSmall, Received: h(0), FirstReply: h(10), Closed: h(100)},
		{Matter: kiosk.MatterSmall, Received: h(0), FirstReply: h(20), Closed: h(200)},
		{Matter: kiosk.MatterSmall, Received: h(0), FirstReply: h(60)}, // replied after 2 days, never closed: 30 days open
		{Matter: kiosk.MatterBig, Received: h(0), FirstReply: h(24), Closed: h(24 * 10)},
		{Received: h(700)}, // untriaged, 20 hours before the end: within the day
	}}
	targets := hub.DefaultTargets()
	targets[kiosk.MatterSmall] = hub.Target{FirstReply: 48 * time.Hour, Close: 7 * hub.Day}
	got := st.ClassTimes(targets)
	if len(got) != 4 || got[0].Matter != kiosk.MatterBig || got[3].Matter != hub.Untriaged {
		t.Fatalf("classes %+v", got)
	}
	small := got[1]
	if small.Cases != 3 || small.Replied != 3 || small.Closed != 2 {
		t.Fatalf("small counts %+v", small)
	}
	if small.ReplyP50 != 20*time.Hour || small.ReplyP90 != 52*time.Hour {
		t.Fatalf("small reply p50 %v p90 %v, want 20h and 52h", small.ReplyP50, small.ReplyP90)
	}
	if small.CloseP50 != 150*time.Hour || small.CloseP90 != 190*time.Hour {
		t.Fatalf("small close p50 %v p90 %v, want 150h and 190h", small.CloseP50, small.CloseP90)
	}
	if small.ReplyLate != 1 || small.CloseLate != 2 { // 60h > 48h; 200h > 168h and the open one at 720h
		t.Fatalf("small late reply %d close %d, want 1 and 2", small.ReplyLate, small.CloseLate)
	}
	if big := got[0]; big.Cases != 1 || big.CloseLate != 0 || big.Target.Close != 15*hub.Day {
		t.Fatalf("big %+v", big)
	}
	if un := got[3]; un.Cases != 1 || un.ReplyLate != 0 || un.Replied != 0 {
		t.Fatalf("untriaged %+v", un)
	}
}

func TestOpenHeat(t *testing.T) {
	st := hub.Stats{OpenPlaces: []hub.PlaceCount{
		{Street: "桃源街", Topic: "sanitation", N: 3}, {Street: "桃源街", Topic: "parking", N: 1},
		{Street: "南山路", Topic: "parking", N: 5}, {Topic: "sanitation", N: 1},
	}}
	h := st.OpenHeat()
	if got, want := h.Streets, []string{"南山路", "桃源街", ""}; !equal(got, want) {
		t.Fatalf("streets %v, want %v", got, want)
	}
	if got, want := h.Topics, []string{"parking", "sanitation"}; !equal(got, want) {
		t.Fatalf("topics %v, want %v", got, want)
	}
	if h.N[0][0] != 5 || h.N[1][1] != 3 || h.N[1][0] != 1 || h.N[2][1] != 1 || h.N[0][1] != 0 || h.Max != 5 {
		t.Fatalf("counts %v max %d", h.N, h.Max)
	}
}

func TestServiceScores(t *testing.T) {
	st := hub.Stats{Ratings: []hub.RatingCount{{Service: "clinic", N: 2, Sum: 8}, {Service: "library", N: 4, Sum: 4}, {Service: "none"}}}
	got := st.ServiceScores()
	if len(got) != 2 || got[0].Service != "library" || got[0].N != 4 || got[0].Index != 0 || got[1].Index != 100 {
		t.Fatalf("scores %+v", got)
	}
}

func TestPartialWeeks(t *testing.T) {
	mon := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	whole := hub.Stats{From: mon.AddDate(0, 0, -14), To: mon}
	if ws := whole.Weeks(); len(ws) != 2 || whole.Partial(ws[0]) || whole.Partial(ws[1]) {
		t.Fatalf("Monday to Monday: weeks %v, none partial", ws)
	}
	part := hub.Stats{From: mon.AddDate(0, 0, -12), To: mon.AddDate(0, 0, 3)} // Wednesday to Thursday
	ws := part.Weeks()
	if len(ws) != 3 || !ws[0].Equal(mon.AddDate(0, 0, -14)) || !part.Partial(ws[0]) || part.Partial(ws[1]) || !part.Partial(ws[2]) {
		t.Fatalf("Wednesday to Thursday: weeks %v, the first and last partial", ws)
	}
}

func TestTargetsOverdue(t *testing.T) {
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	tg := hub.DefaultTargets()
	c := hub.Case{Kind: kiosk.KindOpinion, Status: kiosk.StatusTriaged, Matter: kiosk.MatterSmall, ReceivedAt: now.Add(-3 * hub.Day)}
	if !tg.Overdue(&c, now) { // no reply after 3 days; 小事 answers within 2
		t.Fatal("an unanswered 小事 of 3 days is not overdue")
	}
	c.RepliedAt = now.Add(-2 * hub.Day)
	if tg.Overdue(&c, now) {
		t.Fatal("an answered 小事 of 3 days is overdue (closes within 7)")
	}
	c.ReceivedAt = now.Add(-8 * hub.Day)
	if !tg.Overdue(&c, now) {
		t.Fatal("an open 小事 of 8 days is not overdue")
	}
	c.Status = kiosk.StatusClosed
	if tg.Overdue(&c, now) {
		t.Fatal("a closed case is overdue")
	}
	big := hub.Case{Kind: kiosk.KindOpinion, Status: kiosk.StatusAssigned, Matter: kiosk.MatterBig, ReceivedAt: now.Add(-2 * hub.Day),
		Routing: hub.Routing{GovBody: "区住建局", Due: now.Add(-time.Hour)}}
	if tg.Overdue(&big, now) || !tg.Late(&big, now) {
		t.Fatal("a 大事 of 2 days past its due date: within its class's targets, yet late")
	}
	big.Due = now.Add(hub.Day)
	if tg.Late(&big, now) {
		t.Fatal("a 大事 before its due date and within its targets is late")
	}
	if err := (hub.Targets{kiosk.MatterBig: {FirstReply: 20 * hub.Day, Close: 15 * hub.Day}}).Check(); err == nil {
		t.Fatal("a first reply after closing was accepted")
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
