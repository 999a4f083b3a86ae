package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

// TestReportDeliberationChanges: the monthly report lists the items that
// changed stage in its month, with their numbers and titles, and not
// those of another month; a month without changes says so.
func TestReportDeliberationChanges(t *testing.T) {
	ctx := context.Background()
	data := filepath.Join(t.TempDir(), "hub")
	if err := seedCmd(ctx, []string{"-data", data, "-n", "40", "-days", "10"}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	db, err := openStore(data, "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s, err := newDesk(data, db)
	if err != nil {
		t.Fatal(err)
	}
	var opinions []string
	if err := db.EachCase(ctx, hub.Filter{Kind: kiosk.KindOpinion}, func(c hub.Case) error {
		opinions = append(opinions, c.ID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(opinions) < 2 {
		t.Fatalf("%d opinions seeded", len(opinions))
	}
	lead := hub.Worker{ID: "zhang", Name: "张丽", Role: hub.RoleLead}
	at := func(d time.Time) { s.desk.Now = func() time.Time { return d } }
	october, november := time.Date(2026, 10, 20, 10, 0, 0, 0, time.Local), time.Date(2026, 11, 3, 10, 0, 0, 0, time.Local)

	at(october)
	lift, err := s.desk.CreateItem(ctx, lead, hub.ItemDraft{Title: "12栋加装电梯", TitleEn: "A lift for building 12", Cases: opinions[:1]})
	if err != nil {
		t.Fatal(err)
	}
	at(november)
	if _, err := s.desk.ItemStep(ctx, lead, lift.ID, lift.Version, hub.ItemAction{Kind: hub.ItemVote}, nil); err != nil {
		t.Fatal(err)
	}
	at(november.Add(time.Hour))
	if _, err := s.desk.CreateItem(ctx, lead, hub.ItemDraft{Title: "村口空地建篮球场", Cases: opinions[1:2]}); err != nil {
		t.Fatal(err)
	}

	lines := func(month time.Time) []string {
		t.Helper()
		from, to := hub.MonthOf(month)
		got, err := s.deliberationChanges(ctx, storeSource{s}, from, to)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got, want := lines(october), []string{"第 1 号《12栋加装电梯》：列入清单，征集（10-20）"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("October: %q, want %q", got, want)
	}
	if got, want := lines(november), []string{"第 1 号《12栋加装电梯》：征集 → 表决（11-03）", "第 2 号《村口空地建篮球场》：列入清单，征集（11-03）"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("November: %q, want %q", got, want)
	}
	if got := lines(time.Date(2026, 9, 1, 0, 0, 0, 0, time.Local)); len(got) != 1 || got[0] != "本月没有事项变化" {
		t.Errorf("September: %q", got)
	}
	s.lang = "en"
	if got := lines(november); len(got) != 2 || got[0] != "No. 1 “A lift for building 12”: Collecting → Voting (11-03)" {
		t.Errorf("November in English: %q", got)
	}
	m, err := s.monthReport(ctx, storeSource{s}, november)
	if err != nil || len(m.Deliberation) != 2 {
		t.Fatalf("the report's deliberation %q, %v", m.Deliberation, err)
	}
}
