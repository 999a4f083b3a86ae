package sqlite_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

func TestPollsSnapshotAndTally(t *testing.T) {
	ctx := context.Background()
	s := newStation(t)
	p, err := hub.NewPoll("p1", "广场用途", []string{"篮球场", "儿童乐园"}, s.now, s.now.Add(48*time.Hour), "zhang", s.now)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.desk.CreatePoll(ctx, s.grid, p); err == nil {
		t.Error("a worker created a poll")
	}
	if err := s.desk.CreatePoll(ctx, s.lead, p); err != nil {
		t.Fatal(err)
	}
	if err := s.desk.CreatePoll(ctx, s.lead, p); err == nil {
		t.Error("the same poll twice")
	}
	if _, err := s.desk.PollAct(ctx, s.lead, "p1", hub.PollActOpen); err != nil {
		t.Fatal(err)
	}
	v1, _, _ := s.db.Snapshot(ctx, hub.SnapshotPolls)
	if changed, err := s.desk.RefreshPolls(ctx); err != nil || changed {
		t.Errorf("refresh without a change made a new version: %v %v", changed, err)
	}
	at := s.now.Add(time.Hour)
	s.db.Apply(ctx, hub.Batch{Submissions: []hub.Received{vote("wall-01", 1, at, "p1", "o1", false), vote("wall-01", 2, at, "p1", "o1", false),
		vote("wall-01", 3, at, "p1", "o2", true), vote("booth-02", 1, at, "p1", "o2", false)}})
	// Created inside the opening times by its own account, received after
	// the close: counted by the receive time, so late.
	backdated := vote("booth-02", 2, s.now.Add(72*time.Hour), "p1", "o2", false)
	backdated.CreatedAt = at
	s.db.Apply(ctx, hub.Batch{Submissions: []hub.Received{backdated}})
	polls, _ := s.db.Polls(ctx)
	tallies, err := s.desk.Tallies(ctx, polls)
	if err != nil || tallies["p1"].Counted["o1"] != 2 || tallies["p1"].Counted["o2"] != 1 || tallies["p1"].Play["o2"] != 1 {
		t.Fatalf("tally %+v %v", tallies, err)
	}
	s.now = s.now.Add(2 * time.Hour)
	s.desk.PollAct(ctx, s.lead, "p1", hub.PollActClose)
	if _, err := s.desk.PollAct(ctx, s.lead, "p1", hub.PollActResults); err != nil {
		t.Fatal(err)
	}
	v2, raw, _ := s.db.Snapshot(ctx, hub.SnapshotPolls)
	var snap kiosk.PollsSnapshot
	json.Unmarshal(raw, &snap)
	if v2 <= v1 || len(snap.Polls) != 1 || snap.Polls[0].Results["o1"] != 2 || snap.Polls[0].Results["o2"] != 1 {
		t.Errorf("results snapshot v%d: %+v", v2, snap)
	}
	hist, _ := s.db.History(ctx, "poll:p1")
	if len(hist) != 4 {
		t.Errorf("poll audit: %+v", hist)
	}
}
