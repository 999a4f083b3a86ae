package hardware_test

import (
	"testing"
	"time"

	"opinionwall/hardware"
)

type clock struct{ t time.Time }

func (c *clock) Now() time.Time          { return c.t }
func (c *clock) Advance(d time.Duration) { c.t = c.t.Add(d) }

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
		name  string
		sched int
		lux   *float64
		want  int
	}{
		{"no light sensor: the schedule", 80, nil, 80},
		{"bright daylight: the schedule", 80, f(1000), 80},
		{"dark: the minimum", 80, f(0), 20},
		{"dusk: halfway", 80, f(200), 50},
		{"never above the maximum", 100, f(400), 90},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := hardware.AutoBrightness(tt.sched, tt.lux, 20, 90); got != tt.want {
				t.Errorf("AutoBrightness(%d, %v) = %d, want %d", tt.sched, tt.lux, got, tt.want)
			}
		})
	}
}
