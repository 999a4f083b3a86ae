package hub

import (
	"strings"
	"testing"
	"time"

	"opinionwall/kiosk"
)

func TestParseGeoFilter(t *testing.T) {
	now := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	codec, _ := kiosk.NewTicketCodec(12, "k1")
	code := codec.Code(5)
	cases := []struct {
		name                         string
		ids, svc, start, end, status string
		check                        func(GeoFilter) bool
		err                          bool
	}{
		{name: "default 90 days", check: func(f GeoFilter) bool {
			return f.End.Equal(now) && f.Start.Equal(now.AddDate(0, 0, -90)) && f.Statuses == nil
		}},
		{name: "ids win", ids: kiosk.FormatTicket(code), status: "closed", check: func(f GeoFilter) bool {
			return len(f.Tickets) == 1 && f.Tickets[0] == code && f.Statuses == nil && f.Start.IsZero()
		}},
		{name: "services", svc: "safety, sanitation", check: func(f GeoFilter) bool { return strings.Join(f.Services, ",") == "safety,sanitation" }},
		{name: "start only", start: "2026-11-01T00:00:00+08:00", check: func(f GeoFilter) bool {
			return f.End.Equal(now) && f.Start.Equal(time.Date(2026, 10, 31, 16, 0, 0, 0, time.UTC))
		}},
		{name: "open", status: "open", check: func(f GeoFilter) bool { return len(f.Statuses) == 5 }},
		{name: "closed", status: "closed", check: func(f GeoFilter) bool { return len(f.Statuses) == 3 }},
		{name: "bad status", status: "pending", err: true},
		{name: "bad date", start: "2026-11-01", err: true},
		{name: "end before start", start: "2026-11-02T00:00:00Z", end: "2026-11-01T00:00:00Z", err: true},
		{name: "bad id", ids: "123456789", err: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := ParseGeoFilter(c.ids, c.svc, c.start, c.end, c.status, now)
			if c.err {
				if kiosk.ErrorCode(err) != kiosk.EINVALID {
					t.Errorf("got %v, want EINVALID", err)
				}
				return
			}
			if err != nil || !c.check(f) {
				t.Errorf("got %+v %v", f, err)
			}
		})
	}
}

func TestPublicRequest(t *testing.T) {
	cat := NewCatalog(kiosk.Defaults())
	c := Case{Ticket: "123", Kind: kiosk.KindOpinion, Topic: "safety", Building: "3栋", Text: "张三 13912345678", Status: kiosk.StatusReplied,
		Matter: kiosk.MatterBig, Reply: "已处理 请致电13812345678", WallText: "楼道杂物", At: t0, UpdatedAt: t0.Add(time.Hour),
		Routing: Routing{GovBody: "街道安监办", Due: t0.AddDate(0, 0, 7)}}
	r := PublicRequest(c, cat)
	if r.Description != "" || r.StatusNotes != "已答复" || r.AgencyResponsible != "街道安监办" || !r.Expected.Equal(c.Due) || r.ServiceName != "消防治安" {
		t.Errorf("unpublished: %+v", r)
	}
	c.PublishedAt = t0.Add(2 * time.Hour)
	r = PublicRequest(c, cat)
	if r.Description != "楼道杂物" || r.StatusNotes == c.Reply || strings.Contains(r.StatusNotes, "13812345678") || !strings.HasPrefix(r.StatusNotes, "已处理") {
		t.Errorf("published: %+v", r)
	}
	c.Matter = kiosk.MatterSmall
	if r = PublicRequest(c, cat); r.AgencyResponsible != "" || !r.Expected.IsZero() {
		t.Errorf("a 小事 names a body: %+v", r)
	}
}
