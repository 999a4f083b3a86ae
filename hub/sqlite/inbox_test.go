package sqlite_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

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
	for _, c := range []struct {
		name string
		f    hub.Filter
	}{
		{"assignee and building (scanned counts)", hub.Filter{Assignee: "wang", Building: "3栋"}},
		{"assignee alone (kept counts)", hub.Filter{Assignee: "wang"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			in, err := s.db.Inbox(ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			unassigned := 39 // the other opinions of 3栋
			if c.f.Building == "" {
				unassigned = 149 // every other case, ratings included
			}
			if in.Total != 1 || in.ByStatus[kiosk.StatusAssigned] != 1 || in.ByTopic["sanitation"] != 1 || in.ByAssignee["wang"] != 1 ||
				in.ByAssignee[""] != unassigned {
				t.Errorf("%+v: total %d, status %+v, topic %+v, assignee %+v", c.f, in.Total, in.ByStatus, in.ByTopic, in.ByAssignee)
			}
		})
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
		t.Run(c.name, func(t *testing.T) {
			in, err := s.db.Inbox(ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			if in.Total != c.want || len(in.Cases) != min(c.want, hub.DefaultPage) {
				t.Errorf("total %d, page %d; want %d", in.Total, len(in.Cases), c.want)
			}
		})
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
