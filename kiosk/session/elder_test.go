package session_test

import (
	"testing"
	"time"

	"opinionwall/kiosk"
	"opinionwall/kiosk/session"
)

// TestProgressCountsTheStepsThatApply: the 第2步/共4步 line of each step.
func TestProgressCountsTheStepsThatApply(t *testing.T) {
	f := newFixture(t, kiosk.RoleWall)
	s := f.s
	s.Wake(kiosk.ChannelTouch)
	must(t, s.Start(session.FlowOpinion))
	step := func(n, count int) {
		t.Helper()
		if v := s.View(); v.StepNumber != n || v.StepCount != count {
			t.Fatalf("at %s: step %d of %d, want %d of %d", v.Step, v.StepNumber, v.StepCount, n, count)
		}
	}
	step(1, 4)
	must(t, s.ChooseTopic("renting"))
	must(t, s.Next())
	step(2, 4)
	must(t, s.Next())
	step(3, 4)
	s.GoHome()
	if v := s.View(); v.StepCount != 0 {
		t.Fatalf("home shows step %d of %d", v.StepNumber, v.StepCount)
	}

	// Rating: the reasons step counts until a good rating skips it.
	must(t, s.Start(session.FlowRating))
	step(1, 3)
	must(t, s.ChooseService(f.cfg.Services[0].ID))
	must(t, s.Next())
	step(2, 3)
	must(t, s.ChooseRating(kiosk.RatingSatisfied))
	step(2, 2)
}

// TestElderModeDoublesTheIdleTimeout on the injected clock: 90 s normally,
// 180 s in 长辈模式 with the default slow factor of 2.
func TestElderModeDoublesTheIdleTimeout(t *testing.T) {
	for _, slow := range []bool{false, true} {
		f := newFixture(t, kiosk.RoleWall)
		f.s.Wake(kiosk.ChannelTouch)
		f.s.SetSlow(slow)
		limit := f.cfg.Session.IdleTimeout.D()
		if slow {
			limit *= 2
		}
		f.clk.Advance(limit - time.Second)
		if f.s.Tick() {
			t.Fatalf("slow %v: the visit ended before %s", slow, limit)
		}
		f.clk.Advance(time.Second)
		if !f.s.Tick() {
			t.Fatalf("slow %v: the visit did not end at %s", slow, limit)
		}
		if f.s.View().Slow {
			t.Fatalf("slow %v: 长辈模式 outlived the visit", slow)
		}
	}
}

// TestHandsetTurnsOnElderMode for the visit it starts, and only for it.
func TestHandsetTurnsOnElderMode(t *testing.T) {
	f := newFixture(t, kiosk.RoleBooth)
	f.s.HookUp()
	if !f.s.View().Slow {
		t.Fatal("lifting the handset did not turn on 长辈模式")
	}
	f.s.HookDown()
	f.s.Wake(kiosk.ChannelTouch)
	if f.s.View().Slow {
		t.Fatal("the next visit by touch is still in 长辈模式")
	}
}
