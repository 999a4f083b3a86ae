package sqlite_test

import (
	"context"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

func TestStats(t *testing.T) {
	ctx := context.Background()
	s := newStation(t)
	loc := time.FixedZone("CST", 8*3600)
	mon := time.Date(2026, 11, 16, 0, 30, 0, 0, loc) // Monday 00:30 local is Sunday in UTC
	var batch []hub.Received
	for i := int64(1); i <= 4; i++ {
		batch = append(batch, opinion("wall-01", i, mon.Add(time.Duration(i)*time.Hour), "sanitation", "", "脏"))
	}
	r1, r2 := received("wall-01", 5, mon), received("booth-02", 1, mon)
	r1.Body.Rating, r2.Body.Rating = kiosk.RatingVerySatisfied, kiosk.RatingVeryDissatisfied
	play := received("booth-02", 2, mon)
	play.Body.Rating, play.Body.Flags = kiosk.RatingVerySatisfied, []string{kiosk.FlagProbablePlay}
	batch = append(batch, r1, r2, play)
	if err := s.db.Apply(ctx, hub.Batch{Submissions: batch}); err != nil {
		t.Fatal(err)
	}
	s.now = batch[0].ReceivedAt
	s.act(t, s.grid, batch[0].ID, hub.Action{Kind: hub.ActTriage, Matter: kiosk.MatterBig})
	s.now = batch[0].ReceivedAt.Add(2*time.Hour - time.Minute) // act adds a minute
	s.act(t, s.grid, batch[0].ID, hub.Action{Kind: hub.ActReply, Reply: "好"})

	st, err := s.db.Stats(ctx, time.Date(2026, 11, 1, 0, 0, 0, 0, loc), time.Date(2026, 12, 1, 0, 0, 0, 0, loc))
	if err != nil {
		t.Fatal(err)
	}
	week := time.Date(2026, 11, 16, 0, 0, 0, 0, loc)
	if len(st.TopicWeeks) != 1 || len(st.TopicWeeks[0].Points) != 1 || st.TopicWeeks[0].Points[0].Value != 4 || !st.TopicWeeks[0].Points[0].Week.Equal(week) {
		t.Errorf("topics %+v", st.TopicWeeks)
	}
	idx := map[string]float64{}
	for _, sr := range st.Satisfaction {
		idx[sr.Name] = sr.Points[0].Value
	}
	if idx["wall-01"] != 100 || idx["booth-02"] != 0 {
		t.Errorf("satisfaction %+v (probable play must not count)", idx)
	}
	if len(st.ReplyHours.Points) != 1 || st.ReplyHours.Points[0].Value != 2 {
		t.Errorf("reply hours %+v", st.ReplyHours)
	}
	if st.OpenByClass[kiosk.MatterBig] != 1 || st.OpenByClass[hub.Untriaged] != 3 { // replied is still open until closed
		t.Errorf("open by class %+v", st.OpenByClass)
	}
	if len(st.Cases) != 4 || len(st.Ratings) != 1 || st.Ratings[0].N != 2 || st.Ratings[0].Sum != 5 {
		t.Errorf("cases %d, ratings %+v (probable play must not count)", len(st.Cases), st.Ratings)
	}
	ct := st.ClassTimes(hub.DefaultTargets())
	if ct[0].Replied != 1 || ct[0].ReplyP50 != 2*time.Hour || ct[3].Cases != 3 {
		t.Errorf("class times %+v", ct)
	}
}

func TestStatsFigures(t *testing.T) {
	ctx := context.Background()
	s := newStation(t)
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	batch := []hub.Received{opinion("wall-01", 1, at, "sanitation", "3栋", "脏"), opinion("wall-01", 2, at, "sanitation", "4栋", "乱"),
		opinion("wall-01", 3, at, "parking", "", "停车")}
	if err := s.db.Apply(ctx, hub.Batch{Submissions: batch}); err != nil {
		t.Fatal(err)
	}
	s.now = at.Add(time.Hour)
	s.act(t, s.grid, batch[0].ID, hub.Action{Kind: hub.ActTriage, Matter: kiosk.MatterSmall})
	s.act(t, s.grid, batch[0].ID, hub.Action{Kind: hub.ActReply, Reply: "好"})
	s.act(t, s.grid, batch[0].ID, hub.Action{Kind: hub.ActClose})
	st, err := s.db.Stats(ctx, at.AddDate(0, 0, -1), at.AddDate(0, 0, 7))
	if err != nil {
		t.Fatal(err)
	}
	closed := 0
	for _, c := range st.Cases {
		if !c.Closed.IsZero() {
			closed++
			if c.FirstReply.IsZero() || c.Closed.Before(c.FirstReply) {
				t.Errorf("closed case %+v", c)
			}
		}
	}
	if len(st.Cases) != 3 || closed != 1 {
		t.Errorf("cases %+v, want 3 with 1 closed", st.Cases)
	}
	h := st.OpenHeat()
	if len(h.Streets) != 2 || h.Streets[0] != "" || h.Streets[1] != "大和路" || h.N[1][0]+h.N[1][1] != 1 {
		t.Errorf("heat %+v: the closed one must not count", h)
	}
}
