package sqlite_test

import (
	"context"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

// TestTicketOutbox: a saved change queues the kiosk's ticket update, which
// stays pending until marked sent; a kiosk back online is queued again the
// latest update of each of its tickets changed since a time, and no other
// kiosk's.
func TestTicketOutbox(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	at := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	mine := opinion("wall-01", 1, at, "sanitation", "", "楼道灯坏了")
	theirs := opinion("booth-02", 1, at, "sanitation", "", "门坏了")
	if err := db.Apply(ctx, hub.Batch{Submissions: []hub.Received{mine, theirs}}); err != nil {
		t.Fatal(err)
	}
	save := func(id string, to kiosk.TicketStatus, at time.Time) {
		t.Helper()
		c, _, err := db.Case(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		prev, from := c.Version, c.Status
		c.Status, c.Version, c.UpdatedAt = to, prev+1, at
		u := c.TicketUpdate()
		a := hub.Audit{Case: id, Worker: "zhang", At: at, Action: hub.ActTriage, From: from, To: to}
		if err := db.SaveCase(ctx, c, prev, a, &u); err != nil {
			t.Fatal(err)
		}
	}
	save(mine.ID, kiosk.StatusTriaged, at.Add(time.Hour))
	save(mine.ID, kiosk.StatusInProgress, at.Add(2*time.Hour))
	save(theirs.ID, kiosk.StatusTriaged, at.Add(time.Hour))

	pending, err := db.PendingTickets(ctx, 10)
	if err != nil || len(pending) != 3 {
		t.Fatalf("pending %+v %v", pending, err)
	}
	if pending[0].Kiosk != "wall-01" || pending[0].Update.Status != kiosk.StatusTriaged || pending[1].Update.Status != kiosk.StatusInProgress {
		t.Errorf("not oldest first: %+v", pending)
	}
	var ids []int64
	for _, p := range pending {
		ids = append(ids, p.ID)
	}
	if err := db.MarkTicketsSent(ctx, ids, at.Add(3*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if p, _ := db.PendingTickets(ctx, 10); len(p) != 0 {
		t.Fatalf("%d pending after marking all sent", len(p))
	}

	if n, err := db.ResendTickets(ctx, "wall-01", at.Add(3*time.Hour)); err != nil || n != 0 {
		t.Errorf("resent %d changed after the last change, %v", n, err)
	}
	n, err := db.ResendTickets(ctx, "wall-01", at)
	if err != nil || n != 1 {
		t.Fatalf("resent %d, %v; want the one ticket's latest update", n, err)
	}
	pending, _ = db.PendingTickets(ctx, 10)
	if len(pending) != 1 || pending[0].Kiosk != "wall-01" || pending[0].Update.Status != kiosk.StatusInProgress ||
		pending[0].Update.Ticket != mine.Ticket {
		t.Errorf("resent %+v", pending)
	}
}
