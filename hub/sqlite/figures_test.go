package sqlite_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

// The wall snapshot carries the month's figures: opinions received this
// month (not last month's, not ratings) and how many were answered; the
// minute refresh rebuilds the wall only when they changed.
func TestWallFiguresOfTheMonth(t *testing.T) {
	ctx := context.Background()
	s := newStation(t)
	month := time.Date(s.now.Year(), s.now.Month(), 1, 0, 0, 0, 0, s.now.Location())
	a := opinion("wall-01", 1, month.Add(time.Hour), "sanitation", "", "垃圾")
	b := opinion("wall-01", 2, month.Add(2*time.Hour), "traffic", "", "停车")
	old := opinion("wall-01", 3, month.Add(-time.Hour), "traffic", "", "上个月的")
	r := received("wall-01", 4, month.Add(3*time.Hour))
	r.Kind, r.Body = kiosk.KindRating, kiosk.Body{Topic: "station", Rating: 4}
	if err := s.db.Apply(ctx, hub.Batch{Submissions: []hub.Received{a, b, old, r}}); err != nil {
		t.Fatal(err)
	}
	wall := func() *kiosk.WallFigures {
		t.Helper()
		_, raw, err := s.db.Snapshot(ctx, hub.SnapshotWall)
		if err != nil {
			t.Fatal(err)
		}
		var w kiosk.WallSnapshot
		json.Unmarshal(raw, &w)
		return w.Figures
	}
	if changed, err := s.desk.RefreshFigures(ctx); err != nil || !changed {
		t.Fatalf("first refresh: %v %v", changed, err)
	}
	want := kiosk.WallFigures{Month: month.Format("2006-01"), Received: 2, Replied: 0}
	if got := wall(); got == nil || *got != want {
		t.Fatalf("figures %+v, want %+v", got, want)
	}
	if changed, _ := s.desk.RefreshFigures(ctx); changed {
		t.Error("rebuilt the wall with the same figures")
	}
	s.act(t, s.grid, a.ID, hub.Action{Kind: hub.ActTriage, Matter: kiosk.MatterSmall, Item: "garbage"})
	s.act(t, s.lead, a.ID, hub.Action{Kind: hub.ActAssign, Worker: "wang"})
	s.act(t, s.grid, a.ID, hub.Action{Kind: hub.ActReply, Reply: "已清运"})
	if changed, err := s.desk.RefreshFigures(ctx); err != nil || !changed {
		t.Fatalf("after a reply: %v %v", changed, err)
	}
	want.Replied = 1
	if got := wall(); got == nil || *got != want {
		t.Errorf("figures %+v, want %+v", got, want)
	}
}
