package session

import (
	"context"
	"slices"
	"time"

	"opinionwall/kiosk"
)

// pressed is a physical press being thanked: the face, the service and,
// after a dissatisfied press, the rating held while reasons are offered.
type pressed struct {
	rating  kiosk.Rating
	service string
	held    *kiosk.Submission // stored when the reasons are done; nil once stored
	at      time.Time         // when the thanks appeared
}

// thank stores a pressed rating, or holds a dissatisfied one with the
// reasons offered, and shows the thanks.
func (s *Session) thank(ctx context.Context, sub kiosk.Submission) (Outcome, error) {
	now := s.Now()
	p := &pressed{rating: sub.Body.Rating, service: sub.Body.Topic, at: now}
	if sub.Body.Rating <= kiosk.RatingDissatisfied && len(s.cfg.RatingReasons) > 0 {
		s.clearDraft()
		s.state, s.flow, s.step = InFlow, FlowRating, slices.Index(flowSteps[FlowRating], StepReasons)
		s.draft, s.ticket, s.found, s.err = sub, "", nil, nil
		p.held = &sub
		s.press = p
		s.lastInput = now
		return Held, nil
	}
	if err := s.store1(ctx, &sub); err != nil {
		return Ignored, s.fail(err)
	}
	s.flow = ""
	s.enterSubmitted("") // no receipt code: a bare rating needs none
	s.press = p
	s.lastInput = now
	return Stored, s.ok()
}

// flushHeld stores the rating held for reasons with the reasons chosen so
// far, and leaves the reasons screen for the thanks. A counted press is
// never thrown away, however its screen ends.
func (s *Session) flushHeld(ctx context.Context) error {
	if s.press == nil || s.press.held == nil {
		return nil
	}
	sub := *s.press.held
	if s.state == InFlow && s.flow == FlowRating {
		sub.Body.Reasons = append([]string(nil), s.draft.Body.Reasons...)
		sub.Body.Lang = s.lang
	}
	if err := s.store1(ctx, &sub); err != nil {
		return err // still held: the next way out tries again
	}
	s.press.held = nil
	return nil
}

// ReasonsDone stores the rating held after a dissatisfied press with the
// reasons the resident touched, and shows the thanks again before the
// attract loop.
func (s *Session) ReasonsDone(ctx context.Context) error {
	s.touch()
	if s.press == nil || s.press.held == nil {
		return s.fail(kiosk.Errorf(kiosk.ECONFLICT, "no pressed rating is waiting for reasons"))
	}
	p := *s.press
	if err := s.flushHeld(ctx); err != nil {
		return s.fail(err)
	}
	s.flow = ""
	s.enterSubmitted("")
	p.held, p.at = nil, s.Now()
	s.press = &p
	return s.ok()
}

// pressLeft returns how long the thanks of a press still shows, and
// whether one is showing: the thanks timeout, or the reasons timeout while
// the reasons offered after a dissatisfied press are untouched.
func (s *Session) pressLeft() (time.Duration, bool) {
	if s.press == nil {
		return 0, false
	}
	if s.press.held != nil {
		if s.lastInput.After(s.press.at) {
			return 0, false // touched: the ordinary idle timeout runs
		}
		return s.scaled(s.cfg.Session.ReasonsTimeout) - s.Now().Sub(s.press.at), true
	}
	return s.scaled(s.cfg.Session.ThanksTimeout) - s.Now().Sub(s.press.at), true
}
