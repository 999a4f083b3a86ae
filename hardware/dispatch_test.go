package hardware_test

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

type clock struct{ t time.Time }

func (c *clock) Now() time.Time          { return c.t }
func (c *clock) Advance(d time.Duration) { c.t = c.t.Add(d) }

func newDispatcher(t *testing.T, role kiosk.Role) (*hardware.Dispatcher, *sim.Sim, *sqlite.DB, *clock) {
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
	return &hardware.Dispatcher{Session: s, Role: role, LEDs: hw}, hw, db, clk
}

func TestRatingButtonsStoreAndThank(t *testing.T) {
	d, hw, db, clk := newDispatcher(t, kiosk.RoleWall)
	ctx := context.Background()
	redraws := 0
	d.After = func() { redraws++ }
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
	d, _, db, _ := newDispatcher(t, kiosk.RoleBooth)
	ctx := context.Background()
	d.Handle(ctx, hardware.Event{Kind: hardware.HookUp, Input: hardware.Hook})
	v := d.Session.View()
	if v.State != session.InFlow || v.Flow != session.FlowRating || v.Channel != kiosk.ChannelHandset {
		t.Fatalf("after lifting the handset: %s %s %s", v.State, v.Flow, v.Channel)
	}
	d.Session.ChooseService("station")
	d.Session.Next()
	// The four buttons rate, on the handset channel.
	d.Handle(ctx, hardware.Event{Kind: hardware.Press, Input: hardware.Rate3})
	if v := d.Session.View(); v.Draft.Body.Rating != kiosk.RatingSatisfied {
		t.Fatalf("button on the rating step: %+v", v.Draft.Body)
	}
	d.Handle(ctx, hardware.Event{Kind: hardware.HookDown, Input: hardware.Hook})
	if v := d.Session.View(); v.State != session.Attract {
		t.Fatalf("after hanging up: %s", v.State)
	}
	if st, _ := db.Status(ctx); st.LastSeq != 0 {
		t.Error("the partial visit was stored")
	}
}

// fakeBacklight records what the screen controller did.
type fakeBacklight struct {
	level int
	on    bool
	calls int
}

func (b *fakeBacklight) SetBrightness(p int) error { b.level, b.calls = p, b.calls+1; return nil }
func (b *fakeBacklight) SetPower(on bool) error    { b.on = on; return nil }

func TestScreenDimsAndSleepsAtNight(t *testing.T) {
	clk := &clock{t: t0}
	bl := &fakeBacklight{}
	s := &hardware.Screen{Backlight: bl, DimAfter: 5 * time.Minute, OffAfter: 15 * time.Minute, Min: 10, Max: 100, Now: clk.Now}
	lux := 800.0
	if got := s.Update(80, &lux, false); got != 80 || !bl.on {
		t.Fatalf("daylight: %d, on %v", got, bl.on)
	}
	s.Update(80, &lux, false)
	if bl.calls != 1 {
		t.Errorf("brightness written %d times for one value", bl.calls)
	}
	dark := 0.0
	clk.Advance(6 * time.Minute)
	if got := s.Update(40, &dark, true); got != 10 {
		t.Fatalf("night, idle 6 min: %d", got)
	}
	clk.Advance(10 * time.Minute)
	if got := s.Update(40, &dark, true); got != 0 || bl.on {
		t.Fatalf("night, idle 16 min: %d, on %v", got, bl.on)
	}
	s.Activity() // someone walks past
	if !bl.on {
		t.Fatal("motion did not wake the screen")
	}
	if got := s.Update(40, &dark, true); got != 10 {
		t.Fatalf("after motion: %d", got)
	}
	// By day nothing dims however long it is idle.
	clk.Advance(time.Hour)
	if got := s.Update(80, nil, false); got != 80 || !bl.on {
		t.Fatalf("day, idle: %d", got)
	}
}

func TestAutoBrightness(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	for _, tt := range []struct {
		sched int
		lux   *float64
		want  int
	}{{80, nil, 80}, {80, f(1000), 80}, {80, f(0), 20}, {80, f(200), 50}, {100, f(400), 90}} {
		if got := hardware.AutoBrightness(tt.sched, tt.lux, 20, 90); got != tt.want {
			t.Errorf("AutoBrightness(%d, %v) = %d, want %d", tt.sched, tt.lux, got, tt.want)
		}
	}
}
