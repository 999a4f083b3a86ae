package session

import (
	"context"
	"time"

	"opinionwall/kiosk"
)

// RatingGate decides what rating presses count and which are probably play.
//
// Presses closer than the minimum gap to the last counted press count once:
// a bouncing finger or an impatient double press is one rating. Counted
// ratings are flagged as probable play (kept, not counted in statistics)
// when PlayBurst of them fall within PlayWindow, or when PlayStreak of them
// in a row give the same level, each within PlayWindow of the one before:
// children hammering one button, not a queue of residents.
type RatingGate struct {
	minGap, window time.Duration
	burst, streak  int

	lastPress time.Time    // last press that counted, for the minimum gap
	lastRated time.Time    // last rating recorded, for streaks
	lastLevel kiosk.Rating // its level
	run       int          // same-level ratings in a row
	recent    []time.Time  // ratings recorded within the window
}

// NewRatingGate returns a gate with the configured thresholds.
func NewRatingGate(c kiosk.SessionSection) *RatingGate {
	return &RatingGate{minGap: c.RatingMinGap.D(), window: c.PlayWindow.D(), burst: c.PlayBurst, streak: c.PlayStreak}
}

// counts reports whether a press at now is outside the minimum gap of the
// last counted press, and if so makes it the last counted press.
func (g *RatingGate) counts(now time.Time) bool {
	if !g.lastPress.IsZero() {
		if d := now.Sub(g.lastPress); d >= 0 && d < g.minGap {
			return false
		}
	}
	g.lastPress = now
	return true
}

// Press handles a rating button press at now. It reports whether the press
// counts, and if so whether it is probable play.
func (g *RatingGate) Press(r kiosk.Rating, now time.Time) (counts, play bool) {
	if !g.counts(now) {
		return false, false
	}
	return true, g.Record(r, now)
}

// Record counts a rating given at now (a reviewed rating from the touch
// flow, or a press that passed the gap) and reports whether it is probable play.
func (g *RatingGate) Record(r kiosk.Rating, now time.Time) bool {
	if !g.lastRated.IsZero() && r == g.lastLevel && now.Sub(g.lastRated) <= g.window {
		g.run++
	} else {
		g.run = 1
	}
	g.lastRated, g.lastLevel = now, r

	keep := g.recent[:0]
	for _, t := range g.recent {
		if now.Sub(t) < g.window {
			keep = append(keep, t)
		}
	}
	g.recent = append(keep, now)
	return len(g.recent) >= g.burst || g.run >= g.streak
}

// Outcome is what became of a physical rating button press.
type Outcome int

// The outcomes of a rating button press.
const (
	Ignored Outcome = iota // within the minimum gap of the last press: counted once already
	Stored                 // stored at once; the thanks shows the face and the service
	Held                   // a dissatisfied press: stored when the reasons offered with the thanks are done
	Busy                   // another resident is in the middle of a flow: not taken
)

// ButtonRating handles a physical rating button (or a digit on the booth's
// keypad): one press is one rating, no screen needed. It rates the service
// chosen on the rating flow's screens, or else the kiosk's first configured
// service, and shows the thanks (the face large, 谢谢, the service; no
// receipt code: a bare rating needs none) for the thanks timeout. After a
// dissatisfied press the thanks also offers the reasons, by touch: the
// rating is held until they are done, or until the reasons timeout passes
// untouched, and is stored however the screen ends. Presses within the
// minimum gap count once. While a resident is in the middle of another
// flow or reviewing, a press is not taken (Busy): it must not throw away
// someone else's half-written opinion.
func (s *Session) ButtonRating(ctx context.Context, r kiosk.Rating, ch kiosk.Channel) (Outcome, error) {
	if !r.Valid() {
		return Ignored, s.fail(kiosk.Errorf(kiosk.EINVALID, "rating %d is not one of the four levels", r))
	}
	service := ""
	switch {
	case s.state == InFlow && s.flow == FlowRating:
		service = s.draft.Body.Topic // the rating flow's screens, the handset's among them
	case s.state == InFlow || s.state == Review:
		return Busy, nil
	}
	if len(s.cfg.Services) == 0 {
		return Ignored, s.fail(kiosk.Errorf(kiosk.EUNAVAILABLE, "no service to rate is configured"))
	}
	if service == "" {
		service = s.cfg.Services[0].ID
	}
	if err := s.flushHeld(ctx); err != nil {
		return Ignored, s.fail(err)
	}
	counts, play := s.gate.Press(r, s.Now())
	if !counts {
		s.touch()
		return Ignored, nil
	}
	s.channel = ch
	sub := kiosk.Submission{Kiosk: s.cfg.Kiosk.ID, Kind: kiosk.KindRating, Body: kiosk.Body{
		Topic: service, Rating: r, Lang: s.lang, Channel: ch,
	}}
	if play {
		sub.Body.Flags = append(sub.Body.Flags, kiosk.FlagProbablePlay)
	}
	return s.thank(ctx, sub)
}
