package main

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"opinionwall/hardware"
	"opinionwall/hardware/sim"
	"opinionwall/kiosk"
	"opinionwall/kiosk/session"
	"opinionwall/kiosk/sqlite"
)

var t0 = time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)

type clock struct{ t time.Time }

func (c *clock) Now() time.Time          { return c.t }
func (c *clock) Advance(d time.Duration) { c.t = c.t.Add(d) }

func newButtons(t *testing.T, role kiosk.Role) (*buttons, *sim.Sim, *sqlite.DB, *clock) {
	t.Helper()
	cfg := kiosk.Defaults()
	cfg.Kiosk.ID, cfg.Kiosk.Number, cfg.Kiosk.AdminPIN, cfg.Kiosk.Role = "booth-02", 23, "480731", role
	clk := &clock{t: t0}
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "kiosk.db"))
	db.Tickets, _ = kiosk.NewTicketCodec(23, "booth-02")
	db.Now = clk.Now
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	s := session.New(&cfg, db, db)
	s.Now = clk.Now
	hw := sim.New()
	return &buttons{session: s, role: role, leds: hw}, hw, db, clk
}

func TestRatingButtonsStoreAndThank(t *testing.T) {
	d, hw, db, clk := newButtons(t, kiosk.RoleWall)
	ctx := context.Background()
	redraws := 0
	d.after = func() { redraws++ }
	d.Handle(ctx, hardware.Event{Kind: hardware.Press, Input: hardware.Rate4})
	d.Handle(ctx, hardware.Event{Kind: hardware.Release, Input: hardware.Rate4})
	clk.Advance(10 * time.Second)
	d.Handle(ctx, hardware.Event{Kind: hardware.Press, Input: hardware.Rate1})
	st, _ := db.Status(ctx)
	if st.Pending != 2 {
		t.Fatalf("%d stored, want 2", st.Pending)
	}
	s1, _ := db.Submission(ctx, 1)
	if s1.Body.Rating != kiosk.RatingVerySatisfied || s1.Body.Channel != kiosk.ChannelButton {
		t.Errorf("first rating %+v", s1.Body)
	}
	if leds, _ := hw.Command("leds"); leds != "rate1=thank rate4=thank" {
		t.Errorf("LEDs %q", leds)
	}
	if redraws != 3 {
		t.Errorf("%d redraws for 3 events", redraws)
	}
}

func TestBoothHandset(t *testing.T) {
	d, _, db, _ := newButtons(t, kiosk.RoleBooth)
	ctx := context.Background()
	d.Handle(ctx, hardware.Event{Kind: hardware.HookUp, Input: hardware.Hook})
	v := d.session.View()
	if v.State != session.InFlow || v.Flow != session.FlowRating || v.Channel != kiosk.ChannelHandset {
		t.Fatalf("after lifting the handset: %s %s %s", v.State, v.Flow, v.Channel)
	}
	d.session.ChooseService("station")
	d.session.Next()
	// The four buttons rate, on the handset channel.
	d.Handle(ctx, hardware.Event{Kind: hardware.Press, Input: hardware.Rate3})
	if v := d.session.View(); v.Draft.Body.Rating != kiosk.RatingSatisfied {
		t.Fatalf("button on the rating step: %+v", v.Draft.Body)
	}
	d.Handle(ctx, hardware.Event{Kind: hardware.HookDown, Input: hardware.Hook})
	if v := d.session.View(); v.State != session.Attract {
		t.Fatalf("after hanging up: %s", v.State)
	}
	if st, _ := db.Status(ctx); st.LastSeq != 0 {
		t.Error("the partial visit was stored")
	}
}
