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
	// A dissatisfied press waits for reasons; untouched, it is stored bare.
	if st, _ := db.Status(ctx); st.Pending != 1 || !d.session.View().Holding {
		t.Fatalf("%d stored after the dissatisfied press, want 1 and the reasons offered", st.Pending)
	}
	clk.Advance(20 * time.Second)
	d.session.Tick()
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
	// The four buttons rate from the handset's first screen, on the
	// handset channel: the first service, thanked without a code.
	d.Handle(ctx, hardware.Event{Kind: hardware.Press, Input: hardware.Rate3})
	if v := d.session.View(); v.State != session.Submitted || v.Pressed != kiosk.RatingSatisfied || v.Ticket != "" {
		t.Fatalf("button on the handset's screen: %s pressed %d ticket %q", v.State, v.Pressed, v.Ticket)
	}
	s1, err := db.Submission(ctx, 1)
	if err != nil || s1.Body.Rating != kiosk.RatingSatisfied || s1.Body.Channel != kiosk.ChannelHandset || s1.Body.Topic != "station" {
		t.Fatalf("stored %+v, %v", s1, err)
	}
	d.Handle(ctx, hardware.Event{Kind: hardware.HookDown, Input: hardware.Hook})
	if v := d.session.View(); v.State != session.Attract {
		t.Fatalf("after hanging up: %s", v.State)
	}
	// A visit hung up half way stores nothing.
	d.Handle(ctx, hardware.Event{Kind: hardware.HookUp, Input: hardware.Hook})
	d.session.ChooseService("cleaning")
	d.Handle(ctx, hardware.Event{Kind: hardware.HookDown, Input: hardware.Hook})
	if st, _ := db.Status(ctx); st.LastSeq != 1 {
		t.Errorf("%d stored, want the one rating", st.LastSeq)
	}
}
