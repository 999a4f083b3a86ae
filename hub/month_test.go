package hub_test

import (
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

func TestMonthOf(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	from, to := hub.MonthOf(time.Date(2026, 12, 31, 23, 0, 0, 0, loc))
	if !from.Equal(time.Date(2026, 12, 1, 0, 0, 0, 0, loc)) || !to.Equal(time.Date(2027, 1, 1, 0, 0, 0, 0, loc)) {
		t.Fatalf("December 2026: %v to %v", from, to)
	}
}

func TestSummary(t *testing.T) {
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	st := hub.Stats{Cases: []hub.CaseTimes{{Received: t0, FirstReply: t0, Closed: t0}, {Received: t0, FirstReply: t0}, {Received: t0}},
		Ratings:     []hub.RatingCount{{Service: "a", N: 2, Sum: 8}, {Service: "b", N: 2, Sum: 2}},
		OpenByClass: map[kiosk.Matter]int{kiosk.MatterBig: 2, hub.Untriaged: 5}}
	got := st.Summary()
	want := hub.Summary{Opinions: 3, Replied: 2, Closed: 1, Ratings: 4, Satisfaction: 50, OpenNow: 7}
	if got != want {
		t.Fatalf("summary %+v, want %+v", got, want)
	}
}

func TestExampleReplies(t *testing.T) {
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	c := func(topic string, h int, reply string) hub.Case {
		return hub.Case{Kind: kiosk.KindOpinion, Ticket: "ABCD2345", Topic: topic, Text: "我住502室，电话13812345678", Reply: reply,
			RepliedAt: t0.Add(time.Duration(h) * time.Hour)}
	}
	play := c("parking", 9, "好")
	play.Flagged = true
	cases := []hub.Case{c("sanitation", 1, "已清理"), c("sanitation", 5, "已安排"), c("safety", 2, "已修"), c("parking", 3, ""), play}
	got := hub.ExampleReplies(cases, 10)
	if len(got) != 3 || got[0].Reply != "已安排" || got[1].Reply != "已修" || got[2].Reply != "已清理" {
		t.Fatalf("examples %+v: one per topic first, newest first, none unanswered or play", got)
	}
	if got[0].Said == cases[0].Text {
		t.Fatalf("the resident's words were not masked: %q", got[0].Said)
	}
	if n := len(hub.ExampleReplies(cases, 2)); n != 2 {
		t.Fatalf("%d examples of 2", n)
	}
}

// TestExampleRepliesDoNotNameTheResident: the month's report quotes what
// a consenting resident said without the name they repeated in it.
func TestExampleRepliesDoNotNameTheResident(t *testing.T) {
	c := hub.Case{ID: "c1", Kind: kiosk.KindOpinion, Ticket: "ABCD2345", Topic: "sanitation", Text: "我是王秀英，楼道太脏",
		Reply: "已清理", RepliedAt: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)}
	got := hub.ExampleRepliesFor([]hub.Case{c}, 10, map[string]*kiosk.Contact{"c1": {Name: "王秀英", Phone: "13812345678", Consent: true}})
	if len(got) != 1 || got[0].Said != "我是***，楼道太脏" {
		t.Fatalf("examples %+v", got)
	}
}
