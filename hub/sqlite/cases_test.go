package sqlite_test

import (
	"context"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

func TestIngestMakesCases(t *testing.T) {
	ctx := context.Background()
	s := newStation(t)
	at := s.now.Add(-time.Hour)
	op := opinion("wall-01", 1, at, "sanitation", "12栋", "门口很脏", "garbage-piled")
	unsynced := opinion("wall-01", 2, at, "sanitation", "", "时间不准")
	unsynced.ClockSynced, unsynced.CreatedAt = false, time.Date(1970, 1, 1, 0, 0, 1, 0, time.UTC)
	rating := received("wall-01", 3, at)
	p, _ := hub.NewPoll("p1", "广场用途", []string{"篮球场", "儿童乐园"}, at.Add(-time.Hour), at.Add(time.Hour), "zhang", at)
	p.State = hub.PollOpen
	if err := s.db.PutPoll(ctx, p, hub.Audit{Case: "poll:p1", Worker: "zhang", At: at, Action: "poll_create"}); err != nil {
		t.Fatal(err)
	}
	if err := s.db.Apply(ctx, hub.Batch{Submissions: []hub.Received{op, unsynced, rating, vote("wall-01", 4, at, "p1", "o2", false)}}); err != nil {
		t.Fatal(err)
	}
	c, r, err := s.db.Case(ctx, op.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c.Status != kiosk.StatusReceived || c.Topic != "sanitation" || c.Building != "12栋" || c.Text != "垃圾没有及时清运；门口很脏" || r.Body.Text != "门口很脏" {
		t.Errorf("opinion case %+v", c)
	}
	c, _, _ = s.db.Case(ctx, unsynced.ID)
	if !c.At.Equal(unsynced.ReceivedAt) {
		t.Errorf("an unsynced clock's time was used: %s", c.At)
	}
	c, _, _ = s.db.Case(ctx, rating.ID)
	if c.Status != kiosk.StatusClosed || c.Rating != 3 {
		t.Errorf("rating case %+v", c)
	}
	votes, err := s.db.Votes(ctx, "p1")
	if err != nil || len(votes) != 1 || votes[0].Option != "o2" {
		t.Errorf("votes %+v %v", votes, err)
	}
}
