package sqlite_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

func alertCodes(t *testing.T, s *station, id string) []string {
	t.Helper()
	ks, err := s.db.Kiosks(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, k := range ks {
		if k.ID == id {
			for _, a := range hub.Alerts(k, s.now) {
				out = append(out, a.Code)
			}
		}
	}
	return out
}

func has(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// refusedFor checks that r was kept aside for reason code and made no case.
func refusedFor(t *testing.T, s *station, r hub.Received, code string) {
	t.Helper()
	ctx := context.Background()
	reasons, err := s.db.RefusedReasons(ctx, r.Kiosk)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(reasons[r.ID], code+":") {
		t.Errorf("%s %s: refusal %q, want %s", r.Kind, r.ID, reasons[r.ID], code)
	}
	if _, _, err := s.db.Case(ctx, r.ID); kiosk.ErrorCode(err) != kiosk.ENOTFOUND {
		t.Errorf("%s %s was stored: %v", r.Kind, r.ID, err)
	}
}

// TestForeignTicketNumberRefused is the attack: kiosk wall-02 (a stolen
// password) publishes a ticket carrying wall-01's number, so that its
// reply would show at wall-01's code. The registry from provisioning says
// whose number it is; the ticket is refused and ticket_number raised. A
// kiosk not in the registry keeps the number it used first.
func TestForeignTicketNumberRefused(t *testing.T) {
	ctx := context.Background()
	s := newStation(t)
	if err := s.db.RegisterKiosks(ctx, kiosk.Registry{"wall-01": 12, "wall-02": 13}); err != nil {
		t.Fatal(err)
	}
	at := s.now.Add(-time.Minute)
	legacy01, _ := kiosk.NewTicketCodec(12, "wall-01")
	own := received("wall-02", 1, at)
	own.Ticket = mustCode(t, 13, 1)
	forged := received("wall-02", 2, at)
	forged.Ticket = legacy01.Code(2)
	if err := s.db.Apply(ctx, hub.Batch{Submissions: []hub.Received{own, forged}}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.db.Case(ctx, own.ID); err != nil {
		t.Errorf("wall-02's own ticket: %v", err)
	}
	refusedFor(t, s, forged, hub.RefusedTicketNumber)
	if a := alertCodes(t, s, "wall-02"); !has(a, hub.RefusedTicketNumber) {
		t.Errorf("wall-02's alerts %v", a)
	}

	// Not in the registry: the number of its first ticket is its number
	// from then on, and a registered kiosk's number is not to be taken.
	first := received("wall-05", 1, at)
	first.Ticket = mustCode(t, 40, 1)
	switched := received("wall-05", 2, at)
	switched.Ticket = mustCode(t, 41, 2)
	squat := received("wall-06", 1, at)
	squat.Ticket = mustCode(t, 12, 7)
	if err := s.db.Apply(ctx, hub.Batch{Submissions: []hub.Received{first, switched, squat}}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.db.Case(ctx, first.ID); err != nil {
		t.Errorf("wall-05's first ticket: %v", err)
	}
	refusedFor(t, s, switched, hub.RefusedTicketNumber)
	refusedFor(t, s, squat, hub.RefusedTicketNumber)
}

func mustCode(t *testing.T, number int, n int64) string {
	t.Helper()
	c, err := kiosk.NewTicketCodec(number, "any")
	if err != nil {
		t.Fatal(err)
	}
	return c.Code(n)
}

// TestDuplicateTicketRefused: a code the hub has for one submission comes
// again for another (a kiosk's store started afresh, or a forgery): it is
// refused, store_reset raised, and the first submission's case keeps its
// code; resending the first is still harmless.
func TestDuplicateTicketRefused(t *testing.T) {
	ctx := context.Background()
	s := newStation(t)
	at := s.now.Add(-time.Minute)
	a := opinion("wall-01", 1, at, "sanitation", "", "门口很脏")
	dup := opinion("wall-01", 1, at.Add(time.Second), "sanitation", "", "另一个人的意见")
	dup.Ticket = a.Ticket
	if err := s.db.Apply(ctx, hub.Batch{Submissions: []hub.Received{a}}); err != nil {
		t.Fatal(err)
	}
	if err := s.db.Apply(ctx, hub.Batch{Submissions: []hub.Received{dup, a}}); err != nil {
		t.Fatal(err)
	}
	refusedFor(t, s, dup, hub.RefusedStoreReset)
	c, err := s.db.CaseByTicket(ctx, a.Ticket)
	if err != nil || c.ID != a.ID {
		t.Errorf("ticket %s finds %+v %v, want %s", a.Ticket, c.ID, err, a.ID)
	}
	if reasons, _ := s.db.RefusedReasons(ctx, "wall-01"); reasons[a.ID] != "" {
		t.Errorf("the resend of the first was refused: %s", reasons[a.ID])
	}
	if codes := alertCodes(t, s, "wall-01"); !has(codes, hub.RefusedStoreReset) {
		t.Errorf("alerts %v", codes)
	}
}

// TestVotesScreened are the attacks on a poll at ingest: a vote for a
// closed poll, for an unknown poll, for an option the poll does not have,
// a second vote in the same visit, and a vote without a visit. Each is
// refused and left out of the tally; one vote per visit is counted.
func TestVotesScreened(t *testing.T) {
	ctx := context.Background()
	s := newStation(t)
	open, _ := hub.NewPoll("p1", "广场用途", []string{"篮球场", "儿童乐园"}, s.now.Add(-time.Hour), s.now.Add(48*time.Hour), "zhang", s.now)
	closed, _ := hub.NewPoll("p2", "健身器材", []string{"要", "不要"}, s.now.Add(-time.Hour), s.now.Add(48*time.Hour), "zhang", s.now)
	for _, p := range []hub.Poll{open, closed} {
		if err := s.desk.CreatePoll(ctx, s.lead, p); err != nil {
			t.Fatal(err)
		}
		if _, err := s.desk.PollAct(ctx, s.lead, p.ID, hub.PollActOpen); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.desk.PollAct(ctx, s.lead, "p2", hub.PollActClose); err != nil {
		t.Fatal(err)
	}
	at := s.now.Add(time.Minute)
	good := vote("wall-01", 1, at, "p1", "o1", false)
	again := vote("wall-01", 2, at, "p1", "o2", false)
	again.Body.Visit = good.Body.Visit
	otherVisit := vote("wall-01", 3, at, "p1", "o2", false)
	toClosed := vote("wall-01", 4, at, "p2", "o1", false)
	toNone := vote("wall-01", 5, at, "p9", "o1", false)
	badOption := vote("wall-01", 6, at, "p1", "o7", false)
	noVisit := vote("wall-01", 7, at, "p1", "o1", false)
	noVisit.Body.Visit = ""
	if err := s.db.Apply(ctx, hub.Batch{Submissions: []hub.Received{good, again, otherVisit, toClosed, toNone, badOption, noVisit}}); err != nil {
		t.Fatal(err)
	}
	refusedFor(t, s, again, hub.RefusedVoteTwice)
	refusedFor(t, s, toClosed, hub.RefusedVoteClosed)
	refusedFor(t, s, toNone, hub.RefusedVoteClosed)
	refusedFor(t, s, badOption, hub.RefusedVoteOption)
	refusedFor(t, s, noVisit, hub.RefusedVoteTwice)
	polls, _ := s.db.Polls(ctx)
	tallies, err := s.desk.Tallies(ctx, polls)
	if err != nil || tallies["p1"].Counted["o1"] != 1 || tallies["p1"].Counted["o2"] != 1 || tallies["p1"].Late != 0 {
		t.Errorf("tally %+v %v", tallies["p1"], err)
	}
	if codes := alertCodes(t, s, "wall-01"); has(codes, hub.RefusedStoreReset) || has(codes, hub.RefusedTicketNumber) {
		t.Errorf("votes refused raised %v", codes)
	}
}

// TestOneBatchResendAndDuplicateTicket: the screening reads the batch's
// stored ids and tickets at once, so what the batch itself stores must
// count too. A submission twice in one batch is stored, counted and made a
// case once; another submission of the kiosk with the first's ticket, in
// the same batch, is a store reset.
func TestOneBatchResendAndDuplicateTicket(t *testing.T) {
	ctx := context.Background()
	s := newStation(t)
	at := s.now.Add(-time.Minute)
	a := opinion("wall-01", 1, at, "sanitation", "", "门口很脏")
	dup := opinion("wall-01", 2, at.Add(time.Second), "sanitation", "", "另一个人的意见")
	dup.Ticket = a.Ticket
	if err := s.db.Apply(ctx, hub.Batch{Submissions: []hub.Received{a, dup, a}}); err != nil {
		t.Fatal(err)
	}
	refusedFor(t, s, dup, hub.RefusedStoreReset)
	if rows, distinct, err := s.db.Count(ctx); rows != 1 || distinct != 1 || err != nil {
		t.Errorf("%d rows, %d distinct, %v; want 1, 1", rows, distinct, err)
	}
	if made, err := s.db.CasesMade(ctx); made != 1 || err != nil {
		t.Errorf("the inbox counts %d cases, %v; want 1", made, err)
	}
	fleet, err := s.db.Kiosks(ctx)
	if err != nil || len(fleet) != 1 || fleet[0].Received != 1 {
		t.Errorf("fleet %+v %v; want wall-01 with 1 received", fleet, err)
	}
}
