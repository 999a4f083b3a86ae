package hub

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"opinionwall/kiosk"
)

func TestPollLifecycleAndTally(t *testing.T) {
	opens, closes := t0, t0.Add(7*24*time.Hour)
	p, err := NewPoll("parking-2026", "停车位怎么分 | Parking", []string{"抽签 | Lottery", "", "按登记先后 | First come"}, opens, closes, "zhang", t0.Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Options) != 2 || p.Options[1].ID != "o2" || p.Title.En != "Parking" || p.State != PollDraft {
		t.Fatalf("poll %+v", p)
	}
	if p.Live(t0.Add(time.Hour)) {
		t.Error("a draft is live")
	}
	if err := p.PublishResults(); err == nil {
		t.Error("results of a draft published")
	}
	if err := p.Open(t0); err != nil || !p.Live(t0.Add(time.Hour)) || p.Live(closes) {
		t.Fatalf("open: %v", err)
	}
	votes := []Vote{
		{Option: "o1", At: t0.Add(time.Hour)}, {Option: "o1", At: t0.Add(2 * time.Hour)}, {Option: "o2", At: t0.Add(3 * time.Hour)},
		{Option: "o1", At: t0.Add(time.Hour), Play: true},
		{Option: "o2", At: t0.Add(-time.Minute)}, {Option: "o9", At: t0.Add(time.Hour)}, {Option: "o2", At: closes},
	}
	tl := p.Count(votes)
	if tl.Counted["o1"] != 2 || tl.Counted["o2"] != 1 || tl.Play["o1"] != 1 || tl.Late != 3 || tl.Total() != 3 || tl.PlayTotal() != 1 {
		t.Errorf("tally %+v", tl)
	}
	snap := BuildPolls([]Poll{p}, map[string]Tally{p.ID: tl}, t0.Add(time.Hour), 5)
	if len(snap.Polls) != 1 || snap.Polls[0].Results != nil {
		t.Errorf("open poll in snapshot: %+v", snap)
	}
	at := t0.Add(48 * time.Hour)
	if err := p.Close(at); err != nil || !p.Closes.Equal(at) {
		t.Fatalf("close: %v %s", err, p.Closes)
	}
	if snap := BuildPolls([]Poll{p}, map[string]Tally{p.ID: tl}, at, 6); len(snap.Polls) != 0 {
		t.Errorf("closed poll without results shown: %+v", snap)
	}
	if err := p.PublishResults(); err != nil {
		t.Fatal(err)
	}
	snap = BuildPolls([]Poll{p}, map[string]Tally{p.ID: tl}, at, 7)
	if len(snap.Polls) != 1 || snap.Polls[0].Results["o1"] != 2 || snap.Polls[0].Results["o2"] != 1 {
		t.Errorf("results: %+v", snap)
	}
}

func TestNewPollRefusals(t *testing.T) {
	for name, f := range map[string]func() error{
		"one option": func() error {
			_, err := NewPoll("a", "题", []string{"一"}, t0, t0.Add(time.Hour), "z", t0)
			return err
		},
		"nine options": func() error {
			_, err := NewPoll("a", "题", strings.Split("1\n2\n3\n4\n5\n6\n7\n8\n9", "\n"), t0, t0.Add(time.Hour), "z", t0)
			return err
		},
		"closes before opens": func() error {
			_, err := NewPoll("a", "题", []string{"一", "二"}, t0, t0.Add(-time.Hour), "z", t0.Add(-2*time.Hour))
			return err
		},
		"already closed": func() error {
			_, err := NewPoll("a", "题", []string{"一", "二"}, t0, t0.Add(time.Hour), "z", t0.Add(2*time.Hour))
			return err
		},
		"bad id": func() error {
			_, err := NewPoll("A B", "题", []string{"一", "二"}, t0, t0.Add(time.Hour), "z", t0)
			return err
		},
		"no title": func() error {
			_, err := NewPoll("a", " | English", []string{"一", "二"}, t0, t0.Add(time.Hour), "z", t0)
			return err
		},
	} {
		if f() == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestWallBoundedNewestFirst(t *testing.T) {
	var cases []Case
	for i := 0; i < WallSize+20; i++ {
		c := newOpinion()
		c.ID = kiosk.FormatTicket(codec.Code(int64(i + 1)))
		c.Reply, c.WallText, c.PublishedAt = "已处理", "问题", t0.Add(time.Duration(i)*time.Minute)
		cases = append(cases, c)
	}
	unpublished := newOpinion()
	unpublished.Reply = "未上墙"
	w := BuildWall(append(cases, unpublished), 9)
	if len(w.Items) != WallSize || w.Version != 9 {
		t.Fatalf("%d items, version %d", len(w.Items), w.Version)
	}
	if !w.Items[0].PublishedAt.Equal(t0.Add(time.Duration(WallSize+19) * time.Minute)) {
		t.Errorf("first item is not the newest: %s", w.Items[0].PublishedAt)
	}
	b, _ := json.Marshal(w)
	if strings.Contains(string(b), "13812345678") || strings.Contains(string(b), "未上墙") {
		t.Error("the wall carries the resident's own words or an unpublished reply")
	}
	if v := NextVersion(0, t0); v != t0.UnixMilli() {
		t.Errorf("version %d", v)
	}
	if v := NextVersion(t0.UnixMilli()+50, t0); v != t0.UnixMilli()+51 {
		t.Errorf("version went back: %d", v)
	}
}

func TestWeekOfAndMedian(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	sun := time.Date(2026, 11, 29, 23, 30, 0, 0, loc) // a Sunday
	if w := WeekOf(sun); !w.Equal(time.Date(2026, 11, 23, 0, 0, 0, 0, loc)) {
		t.Errorf("week of Sunday: %s", w)
	}
	mon := time.Date(2026, 11, 30, 0, 0, 0, 0, loc)
	if w := WeekOf(mon); !w.Equal(mon) {
		t.Errorf("week of Monday: %s", w)
	}
	if m := Median([]float64{5, 1, 3}); m != 3 {
		t.Errorf("median %v", m)
	}
	if m := Median([]float64{4, 1, 3, 2}); m != 2.5 {
		t.Errorf("median %v", m)
	}
	if SatisfactionIndex(1) != 0 || SatisfactionIndex(4) != 100 {
		t.Error("index ends")
	}
}
