package sqlite_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/hub/sqlite"
	"opinionwall/kiosk"
)

func MustOpenDB(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db := sqlite.NewDB(storePath(tb))
	if err := db.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

var gen kiosk.UUIDGen

// numbers gives each kiosk of the tests its own number, as provisioning does.
var numbers = struct {
	sync.Mutex
	m map[string]int
}{m: map[string]int{}}

func numberOf(k string) int {
	numbers.Lock()
	defer numbers.Unlock()
	if _, ok := numbers.m[k]; !ok {
		numbers.m[k] = 12 + len(numbers.m)
	}
	return numbers.m[k]
}

func received(k string, seq int64, at time.Time) hub.Received {
	codec, _ := kiosk.NewTicketCodec(numberOf(k), k)
	return hub.Received{ReceivedAt: at, Submission: kiosk.Submission{
		ID: gen.New(at), Kiosk: k, Seq: seq, Kind: kiosk.KindRating, Ticket: codec.Code(seq), CreatedAt: at, ClockSynced: true,
		Body: kiosk.Body{Topic: "station", Rating: kiosk.RatingSatisfied, Lang: "zh", Channel: kiosk.ChannelButton},
	}}
}

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
	r.Body = kiosk.Body{PollID: poll, Option: option, Visit: r.ID, Lang: "zh", Channel: kiosk.ChannelTouch}
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
	s.desk = &hub.Desk{Store: s.db, Lockouts: s.db, Checklist: cl, Now: func() time.Time { return s.now }}
	for _, w := range []hub.Worker{{ID: "zhang", Name: "张丽", Role: hub.RoleLead}, {ID: "wang", Name: "王刚", Role: hub.RoleWorker}} {
		w.PINHash, _ = hub.HashPIN("246813")
		if err := s.db.PutWorker(ctx, w); err != nil {
			t.Fatal(err)
		}
	}
	s.lead, _ = s.desk.Login(ctx, "zhang", "246813")
	s.grid, _ = s.desk.Login(ctx, "wang", "246813")
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

// waitFor waits until cond holds, failing the test with what() after d.
func waitFor(t *testing.T, d time.Duration, cond func() bool, what func() string) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("after %s: %s", d, what())
		}
		time.Sleep(20 * time.Millisecond)
	}
}
