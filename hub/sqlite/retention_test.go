package sqlite_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

// TestRetentionPurge: a resident's phone number and free text, kept
// while the case is worked, are erased 180 days after it closes: from the
// submission, the case's text, the search index and the database's bytes
// (the station's disk read with a hex editor finds nothing), and refused
// submissions go too. Open cases and recent ones keep theirs. A dry run
// counts and changes nothing; the purge leaves audit records. Before, the
// hub kept everything for ever.
func TestRetentionPurge(t *testing.T) {
	ctx := context.Background()
	s := newStation(t)
	const phone, words = "13912345678", "我家楼道灯坏了三个月"
	at := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	old := opinion("wall-01", 1, at, "sanitation", "3栋", words+"，电话"+phone, "lamp-broken")
	old.Body.Contact = &kiosk.Contact{Name: "王秀英", Phone: phone, Consent: true}
	open := opinion("wall-01", 2, at, "sanitation", "3栋", "还在办的 "+phone)
	open.Body.Contact = &kiosk.Contact{Name: "李", Phone: phone, Consent: true}
	recent := opinion("wall-01", 3, at.AddDate(0, 5, 0), "parking", "", "最近关闭的")
	refusedOld := hub.Rejected{ID: "r1", Kiosk: "wall-01", Raw: []byte(`{"contact":{"phone":"` + phone + `"}}`), Reason: "bad", ReceivedAt: at}
	refusedNew := hub.Rejected{ID: "r2", Kiosk: "wall-01", Raw: []byte(`{}`), Reason: "bad", ReceivedAt: at.AddDate(0, 6, 0)}
	if err := s.db.Apply(ctx, hub.Batch{Submissions: []hub.Received{old, open, recent}, Rejected: []hub.Rejected{refusedOld, refusedNew}}); err != nil {
		t.Fatal(err)
	}
	s.now = at.Add(time.Hour)
	for _, id := range []string{old.ID} {
		s.act(t, s.grid, id, hub.Action{Kind: hub.ActTriage, Matter: kiosk.MatterSmall})
		s.act(t, s.grid, id, hub.Action{Kind: hub.ActReply, Reply: "已修好"})
		s.act(t, s.grid, id, hub.Action{Kind: hub.ActClose})
	}
	s.now = at.AddDate(0, 5, 1)
	s.act(t, s.grid, recent.ID, hub.Action{Kind: hub.ActNotApplicable, Reason: "不属于本站"})
	now := at.AddDate(0, 7, 0) // old closed 7 months ago, recent 2 months ago

	rep, err := hub.Purge(ctx, s.db, hub.DefaultRetentionDays, now, true)
	if err != nil || rep.Cases != 1 || rep.Refused != 1 {
		t.Fatalf("dry run: %+v %v", rep, err)
	}
	if _, r, _ := s.db.Case(ctx, old.ID); r.Body.Contact == nil {
		t.Fatal("the dry run erased")
	}
	rep, err = hub.Purge(ctx, s.db, hub.DefaultRetentionDays, now, false)
	if err != nil || rep.Cases != 1 || rep.Refused != 1 {
		t.Fatalf("purge: %+v %v", rep, err)
	}
	c, r, err := s.db.Case(ctx, old.ID)
	if err != nil || r.Body.Contact != nil || r.Body.Text != "" || strings.Contains(c.Text, phone) || strings.Contains(c.Text, words) {
		t.Fatalf("purged case: %q, body %+v, %v", c.Text, r.Body, err)
	}
	if c.Reply != "已修好" || len(r.Body.Phrases) != 1 || c.Building != "3栋" {
		t.Errorf("the purge took more than personal data: %+v", c)
	}
	for _, id := range []string{open.ID, recent.ID} {
		if _, r, _ := s.db.Case(ctx, id); r.Body.Text == "" {
			t.Errorf("%s lost its text too early", id)
		}
	}
	in, err := s.desk.Inbox(ctx, s.lead, hub.Filter{Search: "楼道灯"})
	if err != nil || in.Total != 0 {
		t.Errorf("the search still finds the purged text: %d %v", in.Total, err)
	}
	hist, _ := s.db.History(ctx, hub.RetentionAuditID)
	if len(hist) != 2 || hist[0].Action != hub.ActPurge || !strings.Contains(hist[0].Detail, "cases: 1") || !strings.Contains(hist[1].Detail, "refused submissions: 1") || !hist[0].At.Equal(now) {
		t.Errorf("audit: %+v", hist)
	}
	if rep, _ := hub.Purge(ctx, s.db, hub.DefaultRetentionDays, now, false); rep.Cases != 0 || rep.Refused != 0 {
		t.Errorf("a second purge found more: %+v", rep)
	}
	// The open case still holds the phone number; drop it to look for
	// leftovers of the purged one in the files.
	s.now = now
	s.act(t, s.grid, open.ID, hub.Action{Kind: hub.ActNotApplicable, Reason: "重复"})
	if rep, err := hub.Purge(ctx, s.db, 1, now.AddDate(0, 0, 2), false); err != nil || rep.Cases != 2 {
		t.Fatalf("the rest: %+v %v", rep, err)
	}
	files := []string{s.db.Path, s.db.Path + "-wal"}
	if onPostgres {
		files = nil // PostgreSQL's files: docs/OPERATIONS.md (VACUUM FULL)
	}
	for _, f := range files {
		b, _ := os.ReadFile(f)
		for _, secret := range []string{phone, words, "王秀英"} {
			if bytes.Contains(b, []byte(secret)) {
				t.Errorf("%s still holds %q after the purge", f, secret)
			}
		}
	}
	if _, err := hub.Purge(ctx, s.db, 0, now, true); err == nil {
		t.Error("a retention of 0 days accepted")
	}
}

// TestVolunteerViewsMaskTheContact: on the real store (contacts read in
// one query per page), a volunteer's inbox and ledger mask the name and
// phone a consenting resident repeated in their text; the lead's do not.
func TestVolunteerViewsMaskTheContact(t *testing.T) {
	ctx := context.Background()
	s := newStation(t)
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	op := opinion("wall-01", 1, at, "sanitation", "3栋", "我是王秀英，打138.1234.5678")
	op.Body.Contact = &kiosk.Contact{Name: "王秀英", Phone: "13812345678", Consent: true}
	other := opinion("wall-01", 2, at, "sanitation", "3栋", "王秀英家门口很脏") // no contact: a name is not known as one
	if err := s.db.Apply(ctx, hub.Batch{Submissions: []hub.Received{op, other}}); err != nil {
		t.Fatal(err)
	}
	vol := hub.Worker{ID: "li", Role: hub.RoleVolunteer}
	for _, w := range []hub.Worker{s.lead, vol} {
		in, err := s.desk.Inbox(ctx, w, hub.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		var texts []string
		for _, c := range in.Cases {
			texts = append(texts, c.Text)
		}
		s.desk.EachCase(ctx, w, hub.Filter{}, func(c hub.Case) error { texts = append(texts, c.Text); return nil })
		all := strings.Join(texts, "|")
		if got, want := strings.Count(all, "王秀英"), map[hub.Role]int{hub.RoleLead: 4, hub.RoleVolunteer: 2}[w.Role]; got != want {
			t.Errorf("%s: the name %d times, want %d: %s", w.Role, got, want, all)
		}
		if got := strings.Contains(all, "1234"); got != (w.Role == hub.RoleLead) {
			t.Errorf("%s: the phone shown %v: %s", w.Role, got, all)
		}
	}
}
