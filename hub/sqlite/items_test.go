package sqlite_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

// TestItemThroughTheDesk: two opinions become an item (their kiosks hear
// of it), it is voted (probable play apart) and decided by the rule in the
// settings, kept with progress and a photo, finished; every step is in the
// audit trail and the wall carries it.
func TestItemThroughTheDesk(t *testing.T) {
	ctx := context.Background()
	s := newStation(t)
	s.desk.Delib = s.db
	a, b := opinion("wall-01", 1, s.now, "infrastructure", "12栋", "12栋没有电梯"), opinion("booth-02", 1, s.now, "infrastructure", "12栋", "老人爬楼难")
	if err := s.db.Apply(ctx, hub.Batch{Submissions: []hub.Received{a, b}}); err != nil {
		t.Fatal(err)
	}
	set := hub.DefaultDeliberation()
	set.Rule.MinTurnout = 3
	if err := s.desk.SetDeliberation(ctx, s.grid, set); kiosk.ErrorCode(err) != kiosk.EFORBIDDEN {
		t.Fatalf("a worker changed the settings: %v", err)
	}
	if err := s.desk.SetDeliberation(ctx, s.lead, set); err != nil {
		t.Fatal(err)
	}
	it, err := s.desk.CreateItem(ctx, s.grid, hub.ItemDraft{Title: "12栋加装电梯", TitleEn: "A lift for building 12",
		Cases: []string{a.ID, b.ID}, Photo: []byte("\xff\xd8\xffjpeg")})
	if err != nil {
		t.Fatal(err)
	}
	if it.N != 1 || it.Topic != "infrastructure" || it.Photo == "" {
		t.Fatalf("item %+v", it)
	}
	pending, _ := s.db.PendingTickets(ctx, 10)
	if len(pending) != 2 || pending[0].Update.Item == nil || pending[0].Update.Item.Zh != "12栋加装电梯" {
		t.Fatalf("ticket updates %+v", pending)
	}
	c, _, _ := s.db.Case(ctx, a.ID)
	if c.DelibItem != it.ID || c.DelibTitle.En != "A lift for building 12" {
		t.Fatalf("case %+v", c.Routing)
	}
	step := func(w hub.Worker, act hub.ItemAction, photo []byte) (hub.Item, error) {
		cur, err := s.db.Item(ctx, it.ID)
		if err != nil {
			t.Fatal(err)
		}
		s.now = s.now.Add(time.Minute)
		return s.desk.ItemStep(ctx, w, it.ID, cur.Version, act, photo)
	}
	if _, err := step(s.grid, hub.ItemAction{Kind: hub.ItemVote}, nil); kiosk.ErrorCode(err) != kiosk.EFORBIDDEN {
		t.Fatalf("a worker put it to the vote: %v", err)
	}
	if it, err = step(s.lead, hub.ItemAction{Kind: hub.ItemVote}, nil); err != nil || it.Stage != hub.StageVoting {
		t.Fatalf("vote: %v %+v", err, it)
	}
	var snap kiosk.PollsSnapshot
	_, raw, _ := s.db.Snapshot(ctx, hub.SnapshotPolls)
	json.Unmarshal(raw, &snap)
	if len(snap.Polls) != 1 || snap.Polls[0].Item != 1 || len(snap.Polls[0].Options) != 3 {
		t.Fatalf("polls snapshot %+v", snap)
	}
	at := s.now.Add(time.Minute)
	s.db.Apply(ctx, hub.Batch{Submissions: []hub.Received{vote("wall-01", 2, at, it.ID, hub.OptAgree, false),
		vote("wall-01", 3, at, it.ID, hub.OptAgree, false), vote("wall-01", 4, at, it.ID, hub.OptAgree, true),
		vote("booth-02", 2, at, it.ID, hub.OptDisagree, false)}})
	s.now = at.Add(time.Minute)
	views, err := s.desk.Items(ctx, s.lead)
	if err != nil || len(views) != 1 || !views[0].Carries || views[0].Proposed.Play != 1 {
		t.Fatalf("views %+v %v", views, err)
	}
	if it, err = step(s.lead, hub.ItemAction{Kind: hub.ItemDecide}, nil); err != nil || it.Stage != hub.StageAdopted || it.Result.Agree != 2 {
		t.Fatalf("decide: %v %+v", err, it)
	}
	if _, err := step(s.grid, hub.ItemAction{Kind: hub.ItemProgress, Note: "x"}, []byte("GIF89a")); kiosk.ErrorCode(err) != kiosk.EINVALID {
		t.Fatalf("a GIF as a progress photo: %v", err)
	}
	if _, err := step(s.grid, hub.ItemAction{Kind: hub.ItemProgress, Note: "勘察完成", Budget: 30000}, []byte("\x89PNG\r\n\x1a\npng")); err != nil {
		t.Fatal(err)
	}
	step(s.lead, hub.ItemAction{Kind: hub.ItemStart}, nil)
	if it, err = step(s.lead, hub.ItemAction{Kind: hub.ItemFinish}, nil); err != nil || it.Stage != hub.StageDone {
		t.Fatalf("finish: %v %+v", err, it)
	}
	if ph, err := s.desk.ItemPhoto(ctx, s.lead, it.Progress[0].Photo); err != nil || !strings.HasSuffix(string(ph), "png") || !strings.HasSuffix(it.Progress[0].Photo, ".png") {
		t.Fatalf("progress photo %q %v", ph, err)
	}
	hist, _ := s.desk.ItemHistory(ctx, s.lead, it.ID)
	want := []string{"item_create", "item_vote", "item_decide", "item_progress", "item_start", "item_finish"}
	if len(hist) != len(want) {
		t.Fatalf("audit %+v", hist)
	}
	for i, h := range hist {
		if string(h.Action) != want[i] || h.Worker == "" || h.At.IsZero() {
			t.Errorf("audit %d: %+v, want %s", i, h, want[i])
		}
	}
	var wall kiosk.WallSnapshot
	_, raw, _ = s.db.Snapshot(ctx, hub.SnapshotWall)
	json.Unmarshal(raw, &wall)
	if len(wall.Projects) != 1 || wall.Projects[0].Stage != "done" || wall.Projects[0].Progress[0].Budget != 30000 {
		t.Fatalf("wall %+v", wall)
	}
	// A stale version is refused and changes nothing.
	if _, err := s.desk.ItemStep(ctx, s.lead, it.ID, it.Version-1, hub.ItemAction{Kind: hub.ItemProgress, Note: "x"}, nil); !hub.IsConflict(err) {
		t.Fatalf("stale step: %v", err)
	}
}

// TestItemFailsOnBadInputLosesNothing: an item naming a case that does
// not exist is refused as a whole: no item, no case linked.
func TestItemFailsOnBadInputLosesNothing(t *testing.T) {
	ctx := context.Background()
	s := newStation(t)
	s.desk.Delib = s.db
	a := opinion("wall-01", 1, s.now, "sanitation", "", "垃圾")
	s.db.Apply(ctx, hub.Batch{Submissions: []hub.Received{a}})
	if _, err := s.desk.CreateItem(ctx, s.grid, hub.ItemDraft{Title: "垃圾分类", Cases: []string{a.ID, "nope"}}); err == nil {
		t.Fatal("an item with an unknown case")
	}
	items, _ := s.db.Items(ctx)
	c, _, _ := s.db.Case(ctx, a.ID)
	if len(items) != 0 || c.DelibItem != "" {
		t.Fatalf("left behind: %+v %+v", items, c.Routing)
	}
}
