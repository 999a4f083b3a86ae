package sqlite_test

import (
	"context"
	"testing"
	"time"

	"opinionwall/kiosk"
)

func TestTicketUpdatesKeepTheNewest(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	db := MustOpenDB(t, "", clk)
	s := newSubmission(clk.Now(), "x")
	if err := db.Submit(ctx, s); err != nil {
		t.Fatal(err)
	}
	t0 := clk.Now()
	for _, u := range []kiosk.TicketUpdate{
		{Ticket: s.Ticket, SubmissionID: s.ID, Status: kiosk.StatusTriaged, Matter: kiosk.MatterSmall, UpdatedAt: t0.Add(time.Hour)},
		{Ticket: s.Ticket, SubmissionID: s.ID, Status: kiosk.StatusReplied, Matter: kiosk.MatterSmall, Reply: "已处理", UpdatedAt: t0.Add(3 * time.Hour)},
		// Arrives late, out of order: must not overwrite the reply.
		{Ticket: s.Ticket, SubmissionID: s.ID, Status: kiosk.StatusAssigned, UpdatedAt: t0.Add(2 * time.Hour)},
	} {
		if err := db.PutTicketUpdate(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	got, err := db.LookupTicket(ctx, kiosk.FormatTicket(s.Ticket))
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != kiosk.StatusReplied || got.Reply != "已处理" || got.Matter != kiosk.MatterSmall {
		t.Errorf("lookup = %+v", got)
	}
	if err := db.PutTicketUpdate(ctx, kiosk.TicketUpdate{Ticket: "12345", UpdatedAt: t0}); kiosk.ErrorCode(err) != kiosk.EINVALID {
		t.Errorf("malformed ticket stored: %v", err)
	}
}

func TestLookupOwnSubmissions(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	db := MustOpenDB(t, "", clk)
	s := newSubmission(clk.Now(), "x")
	db.Submit(ctx, s)
	got, err := db.LookupTicket(ctx, s.Ticket)
	if err != nil || got.Status != kiosk.StatusQueued || got.SubmissionID != s.ID {
		t.Fatalf("queued lookup: %+v %v", got, err)
	}
	clk.Advance(time.Minute)
	db.Ack(ctx, []string{s.ID})
	got, _ = db.LookupTicket(ctx, s.Ticket)
	if got.Status != kiosk.StatusReceived || !got.UpdatedAt.Equal(clk.Now()) {
		t.Errorf("acked lookup: %+v", got)
	}
	codec := mustCodec(t)
	if _, err := db.LookupTicket(ctx, codec.Code(999)); kiosk.ErrorCode(err) != kiosk.ENOTFOUND {
		t.Errorf("unknown ticket: %v", err)
	}
}

func TestSnapshotsOnlyNewer(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t, "", newClock())
	if w, err := db.Wall(ctx); err != nil || w.Version != 0 {
		t.Fatalf("empty wall: %+v %v", w, err)
	}
	w5 := kiosk.WallSnapshot{Version: 5, Items: []kiosk.WallItem{{ID: "a", Question: "路灯不亮", Reply: "已修好"}}}
	if ok, err := db.PutWall(ctx, w5); !ok || err != nil {
		t.Fatalf("put v5: %v %v", ok, err)
	}
	if ok, _ := db.PutWall(ctx, kiosk.WallSnapshot{Version: 4}); ok {
		t.Error("older wall applied")
	}
	if ok, _ := db.PutWall(ctx, kiosk.WallSnapshot{Version: 5}); ok {
		t.Error("same version applied twice")
	}
	got, _ := db.Wall(ctx)
	if got.Version != 5 || len(got.Items) != 1 || got.Items[0].Reply != "已修好" {
		t.Errorf("wall = %+v", got)
	}
	p := kiosk.PollsSnapshot{Version: 2, Polls: []kiosk.Poll{{ID: "p1", Options: []kiosk.PollOption{{ID: "yes"}}}}}
	if ok, _ := db.PutPolls(ctx, p); !ok {
		t.Fatal("polls not applied")
	}
	gp, _ := db.Polls(ctx)
	if gp.Version != 2 || gp.Polls[0].ID != "p1" {
		t.Errorf("polls = %+v", gp)
	}
	st, _ := db.Status(ctx)
	if st.WallVersion != 5 || st.PollsVersion != 2 {
		t.Errorf("status versions %d %d", st.WallVersion, st.PollsVersion)
	}
}

func TestNoncesAndCountersAndConfig(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	db := MustOpenDB(t, "", clk)
	exp := clk.Now().Add(5 * time.Minute)
	if fresh, err := db.SeeNonce(ctx, "n1", exp); !fresh || err != nil {
		t.Fatalf("first nonce: %v %v", fresh, err)
	}
	if fresh, _ := db.SeeNonce(ctx, "n1", exp); fresh {
		t.Error("replayed nonce seen as fresh")
	}
	// After it expired it is forgotten (its command is refused for expiry anyway).
	clk.Advance(10 * time.Minute)
	if fresh, _ := db.SeeNonce(ctx, "n2", clk.Now().Add(time.Minute)); !fresh {
		t.Error("new nonce not fresh")
	}
	if fresh, _ := db.SeeNonce(ctx, "n1", clk.Now().Add(time.Minute)); !fresh {
		t.Error("expired nonce was not forgotten")
	}

	for i := 0; i < 3; i++ {
		db.AddCounter(ctx, "decode_errors", 2)
	}
	c, err := db.Counters(ctx)
	if err != nil || c["decode_errors"] != 6 {
		t.Errorf("counters %v %v", c, err)
	}

	if v, _, _ := db.AppliedConfig(ctx); v != 0 {
		t.Errorf("applied config before any: %d", v)
	}
	db.SetAppliedConfig(ctx, 7, []byte(`{"version":7}`))
	v, body, _ := db.AppliedConfig(ctx)
	if v != 7 || string(body) != `{"version":7}` {
		t.Errorf("applied config %d %s", v, body)
	}
}

// TestTicketKeepsItemAndReferrals: the item an opinion went into and a
// private matter's referrals are kept with the ticket; a later update
// without them clears them (the station's latest word counts).
func TestTicketKeepsItemAndReferrals(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	db := MustOpenDB(t, "", clk)
	s := newSubmission(clk.Now(), "x")
	if err := db.Submit(ctx, s); err != nil {
		t.Fatal(err)
	}
	t0 := clk.Now()
	u := kiosk.TicketUpdate{Ticket: s.Ticket, SubmissionID: s.ID, Status: kiosk.StatusReplied, Matter: kiosk.MatterPrivate, Reply: "建议调解",
		UpdatedAt: t0.Add(time.Hour), Item: &kiosk.Text{Zh: "加装电梯", En: "A lift"},
		Referrals: []kiosk.Referral{{Name: kiosk.Text{Zh: "人民调解室"}, Contact: kiosk.Text{Zh: "1楼"}}}}
	if err := db.PutTicketUpdate(ctx, u); err != nil {
		t.Fatal(err)
	}
	got, err := db.LookupTicket(ctx, s.Ticket)
	if err != nil || got.Item == nil || got.Item.En != "A lift" || len(got.Referrals) != 1 || got.Referrals[0].Contact.Zh != "1楼" {
		t.Fatalf("lookup %+v %v", got, err)
	}
	u.Item, u.Referrals, u.UpdatedAt = nil, nil, t0.Add(2*time.Hour)
	db.PutTicketUpdate(ctx, u)
	if got, _ = db.LookupTicket(ctx, s.Ticket); got.Item != nil || got.Referrals != nil {
		t.Fatalf("cleared lookup %+v", got)
	}
}
