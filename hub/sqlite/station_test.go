package sqlite_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/hub/sqlite"
	"opinionwall/kiosk"
)

// opinion returns an opinion from kiosk k with seq.
func opinion(k string, seq int64, at time.Time, topic, building, text string, phrases ...string) hub.Received {
	r := received(k, seq, at)
	r.Kind = kiosk.KindOpinion
	r.Body = kiosk.Body{Topic: topic, Text: text, Phrases: phrases, Lang: "zh", Channel: kiosk.ChannelTouch}
	if building != "" {
		r.Body.Location = &kiosk.Location{Street: "大和路", Building: building}
	}
	return r
}

func vote(k string, seq int64, at time.Time, poll, option string, play bool) hub.Received {
	r := received(k, seq, at)
	r.Kind = kiosk.KindVote
	r.Body = kiosk.Body{PollID: poll, Option: option, Lang: "zh", Channel: kiosk.ChannelTouch}
	if play {
		r.Body.Flags = []string{kiosk.FlagProbablePlay}
	}
	return r
}

type station struct {
	db   *sqlite.DB
	desk *hub.Desk
	now  time.Time
	lead hub.Worker
	grid hub.Worker
}

func newStation(t *testing.T) *station {
	t.Helper()
	ctx := context.Background()
	s := &station{db: MustOpenDB(t), now: time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)}
	cl, err := hub.ParseChecklist(hub.DefaultChecklist())
	if err != nil {
		t.Fatal(err)
	}
	s.desk = &hub.Desk{Store: s.db, Checklist: cl, Now: func() time.Time { return s.now }}
	for _, w := range []hub.Worker{{ID: "zhang", Name: "张丽", Role: hub.RoleLead}, {ID: "wang", Name: "王刚", Role: hub.RoleWorker}} {
		w.PINHash, _ = hub.HashPIN("1234")
		if err := s.db.PutWorker(ctx, w); err != nil {
			t.Fatal(err)
		}
	}
	s.lead, _ = s.desk.Login(ctx, "zhang", "1234")
	s.grid, _ = s.desk.Login(ctx, "wang", "1234")
	return s
}

func (s *station) act(t *testing.T, w hub.Worker, id string, a hub.Action) hub.Case {
	t.Helper()
	c, _, err := s.db.Case(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	s.now = s.now.Add(time.Minute)
	c, err = s.desk.Act(context.Background(), w, id, c.Version, a)
	if err != nil {
		t.Fatalf("%s: %v", a.Kind, err)
	}
	return c
}

func TestIngestMakesCases(t *testing.T) {
	ctx := context.Background()
	s := newStation(t)
	at := s.now.Add(-time.Hour)
	op := opinion("wall-01", 1, at, "sanitation", "12栋", "门口很脏", "garbage-piled")
	unsynced := opinion("wall-01", 2, at, "sanitation", "", "时间不准")
	unsynced.ClockSynced, unsynced.CreatedAt = false, time.Date(1970, 1, 1, 0, 0, 1, 0, time.UTC)
	rating := received("wall-01", 3, at)
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

func TestInboxFiltersCountsAndPaging(t *testing.T) {
	ctx := context.Background()
	s := newStation(t)
	var batch []hub.Received
	day := time.Date(2026, 11, 1, 4, 0, 0, 0, time.UTC)
	for i := int64(1); i <= 120; i++ {
		b := fmt.Sprintf("%d栋", i%3+1)
		r := opinion("wall-01", i, day.Add(time.Duration(i)*time.Hour), "sanitation", b, fmt.Sprintf("第%d条意见", i))
		if i%10 == 0 {
			r.Body.Flags = []string{kiosk.FlagProbablePlay}
		}
		batch = append(batch, r)
	}
	for i := int64(121); i <= 150; i++ {
		batch = append(batch, received("booth-02", i, day.Add(time.Duration(i)*time.Hour)))
	}
	if err := s.db.Apply(ctx, hub.Batch{Submissions: batch}); err != nil {
		t.Fatal(err)
	}
	// Triage two, so matter counts have something.
	s.act(t, s.grid, batch[0].ID, hub.Action{Kind: hub.ActTriage, Matter: kiosk.MatterSmall})
	s.act(t, s.grid, batch[1].ID, hub.Action{Kind: hub.ActTriage, Matter: kiosk.MatterBig})
	s.act(t, s.lead, batch[1].ID, hub.Action{Kind: hub.ActAssign, Worker: "wang"})

	in, err := s.db.Inbox(ctx, hub.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if in.Total != 150 || len(in.Cases) != hub.DefaultPage || !in.Cases[0].At.After(in.Cases[1].At) {
		t.Fatalf("all: total %d, page %d", in.Total, len(in.Cases))
	}
	if in.ByStatus[hub.StatusOpen] != 120 || in.ByStatus[kiosk.StatusClosed] != 30 || in.ByStatus[kiosk.StatusTriaged] != 1 ||
		in.ByKind[kiosk.KindRating] != 30 || in.ByMatter[kiosk.MatterBig] != 1 || in.ByMatter[hub.Untriaged] != 148 {
		t.Errorf("counts %+v %+v %+v", in.ByStatus, in.ByKind, in.ByMatter)
	}
	if in.ByTopic["sanitation"] != 120 || in.ByTopic["station"] != 30 || in.ByAssignee["wang"] != 1 || in.ByAssignee[""] != 149 {
		t.Errorf("counts by topic %+v, by assignee %+v", in.ByTopic, in.ByAssignee)
	}
	// Each count applies the other filters: with a building (the scan)
	// and with the assignee (kept counts) the same way.
	for _, f := range []hub.Filter{{Assignee: "wang", Building: "3栋"}, {Assignee: "wang"}} {
		in, err := s.db.Inbox(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		unassigned := 39 // the other opinions of 3栋
		if f.Building == "" {
			unassigned = 149 // every other case, ratings included
		}
		if in.Total != 1 || in.ByStatus[kiosk.StatusAssigned] != 1 || in.ByTopic["sanitation"] != 1 || in.ByAssignee["wang"] != 1 ||
			in.ByAssignee[""] != unassigned {
			t.Errorf("%+v: total %d, status %+v, topic %+v, assignee %+v", f, in.Total, in.ByStatus, in.ByTopic, in.ByAssignee)
		}
	}
	checks := []struct {
		name string
		f    hub.Filter
		want int
	}{
		{"open", hub.Filter{Status: hub.StatusOpen}, 120},
		{"kind", hub.Filter{Kind: kiosk.KindRating}, 30},
		{"kiosk", hub.Filter{Kiosk: "booth-02"}, 30},
		{"building", hub.Filter{Building: "2栋"}, 40},
		{"matter", hub.Filter{Matter: kiosk.MatterSmall}, 1},
		{"untriaged opinions", hub.Filter{Matter: hub.Untriaged, Kind: kiosk.KindOpinion}, 118},
		{"assignee", hub.Filter{Assignee: "wang"}, 1},
		{"flagged", hub.Filter{Flagged: hub.FlagOnly}, 12},
		{"not flagged", hub.Filter{Flagged: hub.FlagNone, Kind: kiosk.KindOpinion}, 108},
		{"search", hub.Filter{Search: "第11"}, 11}, // 11, 110-119
		{"search like chars", hub.Filter{Search: "%"}, 0},
		{"search phrase", hub.Filter{Search: "第115条意见"}, 1}, // words match as prefixes: 第12条 would also find 第120条
		{"search one character", hub.Filter{Search: "意"}, 120},
		{"search pairs not in a row", hub.Filter{Search: "第意见"}, 0},
		{"ticket", hub.Filter{Search: kiosk.FormatTicket(batch[4].Ticket)}, 1},
		{"dates", hub.Filter{From: day.Add(10 * time.Hour), To: day.Add(20 * time.Hour)}, 10},
	}
	for _, c := range checks {
		in, err := s.db.Inbox(ctx, c.f)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if in.Total != c.want || len(in.Cases) != min(c.want, hub.DefaultPage) {
			t.Errorf("%s: total %d, page %d; want %d", c.name, in.Total, len(in.Cases), c.want)
		}
	}
	// Paging: three pages of open opinions, none twice, none missed.
	seen := map[string]bool{}
	for off := 0; off < 120; off += 50 {
		in, err := s.db.Inbox(ctx, hub.Filter{Status: hub.StatusOpen, Offset: off})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range in.Cases {
			if seen[c.ID] {
				t.Fatalf("%s on two pages", c.ID)
			}
			seen[c.ID] = true
		}
	}
	if len(seen) != 120 {
		t.Errorf("paging saw %d of 120", len(seen))
	}
}

func TestDeskActsWithAuditTicketsAndWall(t *testing.T) {
	ctx := context.Background()
	s := newStation(t)
	op := opinion("wall-01", 1, s.now.Add(-time.Hour), "sanitation", "12栋", "502室门口垃圾没人清理")
	other := opinion("wall-01", 2, s.now.Add(-time.Hour), "sanitation", "12栋", "同样的问题")
	if err := s.db.Apply(ctx, hub.Batch{Submissions: []hub.Received{op, other}}); err != nil {
		t.Fatal(err)
	}
	if err := s.db.SetBuilding(ctx, "12栋", "wang"); err != nil {
		t.Fatal(err)
	}
	c, _, _ := s.db.Case(ctx, op.ID)
	if w, _ := s.desk.SuggestAssignee(ctx, c); w != "wang" {
		t.Errorf("suggested %q for 12栋", w)
	}
	s.act(t, s.grid, op.ID, hub.Action{Kind: hub.ActTriage, Matter: kiosk.MatterSmall, Item: "garbage"})
	s.act(t, s.lead, op.ID, hub.Action{Kind: hub.ActAssign, Worker: "wang"})
	s.act(t, s.grid, op.ID, hub.Action{Kind: hub.ActReply, Reply: "明早清运", ReplyEn: "Collected tomorrow morning"})

	// A stale version is a conflict and changes nothing.
	if _, err := s.desk.Act(ctx, s.grid, op.ID, 1, hub.Action{Kind: hub.ActClose}); !hub.IsConflict(err) {
		t.Errorf("stale version: %v", err)
	}
	// A grid worker may not publish; the lead may.
	c, _, _ = s.db.Case(ctx, op.ID)
	if _, err := s.desk.Act(ctx, s.grid, op.ID, c.Version, hub.Action{Kind: hub.ActPublish, WallText: "x"}); err == nil {
		t.Error("a worker published to the wall")
	}
	s.act(t, s.lead, op.ID, hub.Action{Kind: hub.ActPublish, WallText: hub.Redact(c.Text)})

	hist, err := s.db.History(ctx, op.ID)
	if err != nil || len(hist) != 4 {
		t.Fatalf("history %+v %v", hist, err)
	}
	if hist[2].Worker != "wang" || hist[2].Action != hub.ActReply || hist[2].From != kiosk.StatusAssigned || hist[2].To != kiosk.StatusReplied {
		t.Errorf("audit %+v", hist[2])
	}
	// Ticket updates for the kiosk: triage, assign, reply (publishing is not news to the ticket).
	pending, err := s.db.PendingTickets(ctx, 10)
	if err != nil || len(pending) != 3 {
		t.Fatalf("pending %+v %v", pending, err)
	}
	last := pending[2].Update
	if pending[2].Kiosk != "wall-01" || last.Status != kiosk.StatusReplied || last.Reply != "明早清运" || last.ReplyEn == "" || last.Ticket != op.Ticket {
		t.Errorf("ticket update %+v", pending[2])
	}
	if err := s.db.MarkTicketsSent(ctx, []int64{pending[0].ID, pending[1].ID}, s.now); err != nil {
		t.Fatal(err)
	}
	if p, _ := s.db.PendingTickets(ctx, 10); len(p) != 1 {
		t.Errorf("%d pending after marking two sent", len(p))
	}
	// The wall: one item, moderated.
	v1, raw, err := s.db.Snapshot(ctx, hub.SnapshotWall)
	if err != nil || v1 == 0 {
		t.Fatalf("wall %d %v", v1, err)
	}
	var w kiosk.WallSnapshot
	json.Unmarshal(raw, &w)
	if len(w.Items) != 1 || w.Items[0].Question != "***室门口垃圾没人清理" || w.Items[0].ReplyEn == "" {
		t.Errorf("wall %+v", w)
	}
	c = s.act(t, s.lead, op.ID, hub.Action{Kind: hub.ActUnpublish})
	v2, raw, _ := s.db.Snapshot(ctx, hub.SnapshotWall)
	json.Unmarshal(raw, &w)
	if v2 <= v1 || len(w.Items) != 0 || !c.PublishedAt.IsZero() {
		t.Errorf("after unpublish: version %d→%d, %d items", v1, v2, len(w.Items))
	}
	if err := s.db.PutSnapshot(ctx, hub.SnapshotWall, v1, raw); err == nil {
		t.Error("an older wall version replaced a newer one")
	}
	// Duplicate of an unknown ticket is refused; of the other one, accepted.
	c2, _, _ := s.db.Case(ctx, other.ID)
	codec, _ := kiosk.NewTicketCodec(12, "wall-01")
	if _, err := s.desk.Act(ctx, s.grid, other.ID, c2.Version, hub.Action{Kind: hub.ActDuplicate, Of: codec.Code(77)}); err == nil {
		t.Error("duplicate of a ticket that does not exist")
	}
	s.act(t, s.grid, other.ID, hub.Action{Kind: hub.ActDuplicate, Of: op.Ticket})
}

func TestLoginLockout(t *testing.T) {
	ctx := context.Background()
	s := newStation(t)
	if _, err := s.desk.Login(ctx, "zhang", "9999"); !errors.Is(err, hub.ErrPIN) {
		t.Errorf("wrong PIN: %v", err)
	}
	if _, err := s.desk.Login(ctx, "nobody", "1234"); !errors.Is(err, hub.ErrPIN) {
		t.Errorf("unknown worker: %v", err)
	}
	for i := 0; i < hub.MaxPINFailures; i++ {
		s.desk.Login(ctx, "wang", "0000")
	}
	if _, err := s.desk.Login(ctx, "wang", "1234"); err == nil || !strings.Contains(err.Error(), "too many") {
		t.Errorf("right PIN during lockout: %v", err)
	}
	s.now = s.now.Add(hub.PINLockout + time.Second)
	if _, err := s.desk.Login(ctx, "wang", "1234"); err != nil {
		t.Errorf("after lockout: %v", err)
	}
}

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
}

// TestDeferredCases: with DeferCases the ingest's transaction only queues
// the submissions; the projector makes their cases (once each, searchable).
func TestDeferredCases(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	db := MustOpenDB(t)
	db.DeferCases = true
	at := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	var batch []hub.Received
	for i := int64(1); i <= 300; i++ {
		batch = append(batch, opinion("wall-01", i, at, "sanitation", "", fmt.Sprintf("楼道灯坏了 %d", i)))
	}
	if err := db.Apply(ctx, hub.Batch{Submissions: batch}); err != nil {
		t.Fatal(err)
	}
	if in, _ := db.Inbox(ctx, hub.Filter{}); in.Total != 0 {
		t.Fatalf("%d cases made in the ingest's transaction", in.Total)
	}
	n, err := db.ProjectQueued(ctx, 256)
	if err != nil || n != 256 {
		t.Fatalf("projected %d, %v", n, err)
	}
	// A resend changes nothing; the projector makes the rest.
	if err := db.Apply(ctx, hub.Batch{Submissions: batch[:10]}); err != nil {
		t.Fatal(err)
	}
	go db.RunProjector(ctx, func(err error) { t.Error(err) })
	deadline := time.Now().Add(10 * time.Second)
	for {
		in, err := db.Inbox(ctx, hub.Filter{Search: "灯坏"})
		if err != nil {
			t.Fatal(err)
		}
		if in.Total == 300 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of 300 cases after 10 s", in.Total)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if n, _ := db.ProjectQueued(ctx, 256); n != 0 {
		t.Errorf("%d left in the queue", n)
	}
}

func TestOutboxGrowingAlert(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	at := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	for i := 0; i < 6; i++ {
		raw, _ := json.Marshal(kiosk.Telemetry{OutboxPending: 10 * i, ClockSynced: true, DiskFreeBytes: 8 << 30})
		b := hub.Batch{Telemetry: []hub.TelemetryReport{{Kiosk: "wall-01", At: at.Add(time.Duration(i) * time.Minute), Raw: raw}},
			Presence: []hub.Presence{{Kiosk: "wall-01", State: "online", At: at}}}
		if err := db.Apply(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	ks, err := db.Kiosks(ctx)
	if err != nil || len(ks) != 1 || ks[0].OutboxRising != 5 {
		t.Fatalf("kiosks %+v %v", ks, err)
	}
	var codes []string
	for _, a := range hub.Alerts(ks[0], at.Add(6*time.Minute)) {
		codes = append(codes, a.Code)
	}
	if strings.Join(codes, ",") != "outbox_growing" {
		t.Errorf("alerts %v", codes)
	}
}
