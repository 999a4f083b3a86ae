package sqlite_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

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
