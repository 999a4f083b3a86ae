package session_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"opinionwall/kiosk"
	"opinionwall/kiosk/session"
)

// A press thanks with the face and the service for the thanks timeout,
// with no receipt code, then the attract loop comes back.
func TestPressThanksWithoutCode(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, kiosk.RoleWall)
	out, err := f.s.ButtonRating(ctx, kiosk.RatingSatisfied, kiosk.ChannelButton)
	if err != nil || out != session.Stored {
		t.Fatalf("press: %v %v", out, err)
	}
	v := f.s.View()
	if v.State != session.Submitted || v.Pressed != kiosk.RatingSatisfied || v.PressService != f.cfg.Services[0].ID || v.Ticket != "" {
		t.Fatalf("thanks: %s pressed %d service %q ticket %q", v.State, v.Pressed, v.PressService, v.Ticket)
	}
	if got, want := f.s.Deadline(), f.clk.Now().Add(3*time.Second); !got.Equal(want) {
		t.Errorf("deadline %v, want %v", got, want)
	}
	f.clk.Advance(2900 * time.Millisecond)
	if f.s.Tick() {
		t.Fatal("the thanks left before 3 s")
	}
	f.clk.Advance(100 * time.Millisecond)
	if !f.s.Tick() || f.s.View().State != session.Attract {
		t.Fatalf("after 3 s: %s", f.s.View().State)
	}
	if n := len(f.stored(t)); n != 1 {
		t.Errorf("%d stored, want 1", n)
	}
}

// A press on any screen of the rating flow rates the service chosen there
// (or the kiosk's first before one is chosen): the handset's screens too.
func TestPressOnRatingScreens(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name    string
		choose  string // service chosen before the press; "" for none
		next    bool   // on to the faces
		service string
	}{
		{"service step", "", false, "station"},
		{"faces of a chosen service", "cleaning", true, "cleaning"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, kiosk.RoleBooth)
			f.s.HookUp()
			must(t, f.s.Start(session.FlowRating))
			if tc.choose != "" {
				must(t, f.s.ChooseService(tc.choose))
			}
			if tc.next {
				must(t, f.s.Next())
			}
			out, err := f.s.ButtonRating(ctx, kiosk.RatingVerySatisfied, kiosk.ChannelHandset)
			if err != nil || out != session.Stored {
				t.Fatalf("press: %v %v", out, err)
			}
			subs := f.stored(t)
			if len(subs) != 1 || subs[0].Body.Topic != tc.service || subs[0].Body.Channel != kiosk.ChannelHandset {
				t.Fatalf("stored %+v", subs)
			}
			if v := f.s.View(); v.State != session.Submitted || v.PressService != tc.service {
				t.Errorf("after the press: %s %q", v.State, v.PressService)
			}
		})
	}
}

// A dissatisfied press offers the reasons by touch: the rating is held
// while they are chosen and stored with them, or stored bare when nobody
// touches the screen, or stored with what was chosen when the visit ends.
func TestDissatisfiedPressOffersReasons(t *testing.T) {
	ctx := context.Background()
	press := func(t *testing.T, f *fixture) {
		t.Helper()
		out, err := f.s.ButtonRating(ctx, kiosk.RatingVeryDissatisfied, kiosk.ChannelButton)
		if err != nil || out != session.Held {
			t.Fatalf("press: %v %v", out, err)
		}
		v := f.s.View()
		if v.State != session.InFlow || v.Step != session.StepReasons || v.Pressed != kiosk.RatingVeryDissatisfied || !v.Holding || v.Warning {
			t.Fatalf("after a dissatisfied press: %s/%s pressed %d holding %v warning %v", v.State, v.Step, v.Pressed, v.Holding, v.Warning)
		}
		if n := len(f.stored(t)); n != 0 {
			t.Fatalf("%d stored before the reasons", n)
		}
	}
	reasons := func(t *testing.T, f *fixture, want ...string) {
		t.Helper()
		subs := f.stored(t)
		if len(subs) != 1 || subs[0].Body.Rating != kiosk.RatingVeryDissatisfied || !slices.Equal(subs[0].Body.Reasons, want) {
			t.Fatalf("stored %+v, want one rating with reasons %v", subs, want)
		}
	}
	t.Run("reasons chosen", func(t *testing.T) {
		f := newFixture(t, kiosk.RoleWall)
		press(t, f)
		f.clk.Advance(5 * time.Second)
		must(t, f.s.ToggleReason("slow"))
		must(t, f.s.ReasonsDone(ctx))
		reasons(t, f, "slow")
		if v := f.s.View(); v.State != session.Submitted || v.Pressed != kiosk.RatingVeryDissatisfied || v.Holding || v.Ticket != "" {
			t.Fatalf("after the reasons: %s %d %v %q", v.State, v.Pressed, v.Holding, v.Ticket)
		}
		f.clk.Advance(3 * time.Second)
		if !f.s.Tick() || f.s.View().State != session.Attract {
			t.Fatal("the thanks did not end after 3 s")
		}
		reasons(t, f, "slow")
	})
	t.Run("untouched", func(t *testing.T) {
		f := newFixture(t, kiosk.RoleWall)
		press(t, f)
		f.clk.Advance(19 * time.Second)
		if f.s.Tick() {
			t.Fatal("left the reasons before their timeout")
		}
		f.clk.Advance(time.Second)
		if !f.s.Tick() || f.s.View().State != session.Attract {
			t.Fatal("the reasons did not end after 20 s untouched")
		}
		reasons(t, f)
	})
	t.Run("visit times out", func(t *testing.T) {
		f := newFixture(t, kiosk.RoleWall)
		press(t, f)
		must(t, f.s.ToggleReason("attitude"))
		if v := f.s.View(); v.Warning {
			t.Fatal("warning right after a touch")
		}
		f.clk.Advance(90 * time.Second)
		f.s.Tick()
		reasons(t, f, "attitude")
	})
	t.Run("home", func(t *testing.T) {
		f := newFixture(t, kiosk.RoleWall)
		press(t, f)
		must(t, f.s.ToggleReason("unclear"))
		f.s.GoHome()
		reasons(t, f, "unclear")
	})
	t.Run("another press", func(t *testing.T) {
		f := newFixture(t, kiosk.RoleWall)
		press(t, f)
		f.clk.Advance(5 * time.Second)
		if out, _ := f.s.ButtonRating(ctx, kiosk.RatingVerySatisfied, kiosk.ChannelButton); out != session.Stored {
			t.Fatalf("second press: %v", out)
		}
		subs := f.stored(t)
		if len(subs) != 2 || subs[0].Body.Rating != kiosk.RatingVeryDissatisfied || subs[1].Body.Rating != kiosk.RatingVerySatisfied {
			t.Fatalf("stored %+v", subs)
		}
	})
}
