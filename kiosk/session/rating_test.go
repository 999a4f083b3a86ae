package session_test

import (
	"context"
	"testing"
	"time"

	"opinionwall/kiosk"
	"opinionwall/kiosk/session"
)

func TestRatingGate(t *testing.T) {
	cfg := testConfig(kiosk.RoleWall).Session // gap 3s, burst 8 in 30s, streak 6
	t0 := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	at := func(s float64) time.Time { return t0.Add(time.Duration(s * float64(time.Second))) }

	t.Run("presses within the gap count once", func(t *testing.T) {
		g := session.NewRatingGate(cfg)
		var counted int
		for _, s := range []float64{0, 0.05, 0.3, 1, 2.9, 3.0, 3.2, 6.1} {
			if c, _ := g.Press(kiosk.RatingSatisfied, at(s)); c {
				counted++
			}
		}
		if counted != 3 { // 0, 3.0, 6.1
			t.Errorf("%d counted, want 3", counted)
		}
	})
	t.Run("same-button streak is play", func(t *testing.T) {
		g := session.NewRatingGate(cfg)
		var plays []bool
		for i := 0; i < 8; i++ {
			_, p := g.Press(kiosk.RatingVerySatisfied, at(float64(i)*5))
			plays = append(plays, p)
		}
		want := []bool{false, false, false, false, false, true, true, true}
		for i := range want {
			if plays[i] != want[i] {
				t.Fatalf("play flags %v, want %v", plays, want)
			}
		}
		// A different button breaks the streak.
		if _, p := g.Press(kiosk.RatingDissatisfied, at(100)); p {
			t.Error("a different rating after a pause is play")
		}
	})
	t.Run("residents minutes apart are no streak", func(t *testing.T) {
		g := session.NewRatingGate(cfg)
		for i := 0; i < 20; i++ {
			if _, p := g.Press(kiosk.RatingSatisfied, at(float64(i)*60)); p {
				t.Fatalf("press %d, a minute apart, flagged as play", i)
			}
		}
	})
	t.Run("mixed burst is play", func(t *testing.T) {
		g := session.NewRatingGate(cfg)
		var flagged int
		for i := 0; i < 10; i++ {
			_, p := g.Press(kiosk.Rating(1+i%4), at(float64(i)*3.1))
			if p {
				flagged++
			}
			if i < 7 && p {
				t.Fatalf("press %d flagged before the burst filled", i)
			}
		}
		if flagged != 3 {
			t.Errorf("%d flagged, want 3 (the 8th to 10th within 30s)", flagged)
		}
	})
}

func TestButtonRatingStoresAndFlagsPlay(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, kiosk.RoleWall)
	var stored, ignored int
	for i := 0; i < 40; i++ {
		out, err := f.s.ButtonRating(ctx, kiosk.RatingVerySatisfied, kiosk.ChannelButton)
		must(t, err)
		switch out {
		case session.Stored:
			stored++
		case session.Ignored:
			ignored++
		}
		f.clk.Advance(time.Second)
	}
	// One press a second for 40 s with a 3 s gap: every third counts.
	if stored != 14 || ignored != 26 {
		t.Fatalf("stored %d, ignored %d; want 14, 26", stored, ignored)
	}
	subs := f.stored(t)
	if len(subs) != stored {
		t.Fatalf("%d in the store, %d reported stored", len(subs), stored)
	}
	var play int
	for _, s := range subs {
		if s.Kind != kiosk.KindRating || s.Body.Channel != kiosk.ChannelButton || s.Body.Topic != f.cfg.Services[0].ID {
			t.Fatalf("stored %+v", s)
		}
		if !s.CountsInStats() {
			play++
		}
	}
	// Streak of 6 same-button ratings 3 s apart: the 6th on are play; none deleted.
	if play != stored-5 {
		t.Errorf("%d flagged as play, want %d", play, stored-5)
	}
	f.want(t, session.Submitted, "")
}

func TestClockUnsyncedIsRecorded(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, kiosk.RoleWall)
	f.s.ClockSynced = func() bool { return false }
	if _, err := f.s.ButtonRating(ctx, kiosk.RatingSatisfied, kiosk.ChannelButton); err != nil {
		t.Fatal(err)
	}
	got := f.stored(t)[0]
	if got.ClockSynced || !got.HasFlag(kiosk.FlagClockUnsynced) {
		t.Errorf("clock_synced %v, flags %v", got.ClockSynced, got.Body.Flags)
	}
}

func TestButtonDuringAnotherFlowKeepsTheDraft(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, kiosk.RoleWall)
	s := f.s
	s.Wake(kiosk.ChannelTouch)
	must(t, s.Start(session.FlowOpinion))
	must(t, s.ChooseTopic("traffic"))
	out, err := s.ButtonRating(ctx, kiosk.RatingVerySatisfied, kiosk.ChannelButton)
	if err != nil || out != session.Busy {
		t.Fatalf("button during an opinion: %v %v", out, err)
	}
	if v := s.View(); v.State != session.InFlow || v.Draft.Body.Topic != "traffic" {
		t.Fatalf("the opinion in progress was disturbed: %s %+v", v.State, v.Draft.Body)
	}
	if len(f.stored(t)) != 0 {
		t.Error("a rating was stored in the middle of someone's opinion")
	}
	// From the home screen the same press is a rating.
	s.GoHome()
	if out, _ := s.ButtonRating(ctx, kiosk.RatingVerySatisfied, kiosk.ChannelButton); out != session.Stored {
		t.Errorf("button on the home screen: %v", out)
	}
}
