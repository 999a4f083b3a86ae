package session

import (
	"context"
	"time"

	"opinionwall/kiosk"
)

// Session is the visit state machine of one kiosk. It is not safe for
// concurrent use: the UI thread owns it (Fyne calls arrive on one thread;
// hardware events are handed over with fyne.Do).
type Session struct {
	cfg    *kiosk.Config
	store  kiosk.SubmissionStore
	lookup kiosk.TicketLookup
	gate   *RatingGate
	ids    kiosk.UUIDGen

	// Now tells the time; tests replace it.
	Now func() time.Time
	// ClockSynced reports whether the system clock is synchronised, recorded
	// with each submission. Nil means it is.
	ClockSynced func() bool
	// Printer prints the receipt of each opinion and vote submitted on
	// screen; nil for a kiosk without one.
	Printer kiosk.ReceiptPrinter

	state   State
	flow    Flow
	step    int
	lang    string
	slow    bool
	channel kiosk.Channel

	draft   kiosk.Submission
	rawText string
	poll    *kiosk.Poll
	ticket  string
	receipt kiosk.Receipt
	found   *kiosk.TicketUpdate
	err     error
	press   *pressed // a physical press being thanked

	// visit is the id of the resident's visit (made at its first vote),
	// sent with each vote; voted are the polls voted in it: one vote per
	// poll in a visit (docs/SECURITY.md).
	visit string
	voted map[string]bool
	// wrongCodes counts the codes of the visit found nowhere: past
	// cfg.Lookup.WrongPerVisit the visit looks up no more.
	wrongCodes int

	lastInput time.Time // the idle clock starts here
	entered   time.Time // when the submitted screen appeared
}

// New returns a session in the attract state. cfg must have passed
// Validate; lookup may be nil when the kiosk has no ticket lookup.
func New(cfg *kiosk.Config, store kiosk.SubmissionStore, lookup kiosk.TicketLookup) *Session {
	s := &Session{cfg: cfg, store: store, lookup: lookup, Now: time.Now}
	s.gate = NewRatingGate(cfg.Session)
	s.reset()
	return s
}

// reset discards the visit and returns to the attract loop. A pressed
// rating held for reasons is stored first: a counted press is kept.
func (s *Session) reset() {
	if err := s.flushHeld(context.Background()); err != nil {
		s.err = err
	}
	s.press = nil
	s.state, s.flow, s.step = Attract, "", 0
	s.lang = s.cfg.Kiosk.DefaultLanguage
	s.slow = false
	s.channel = kiosk.ChannelTouch
	s.clearDraft()
	s.ticket, s.found, s.err = "", nil, nil
	s.visit, s.voted, s.wrongCodes = "", nil, 0
}

func (s *Session) clearDraft() {
	s.draft = kiosk.Submission{}
	s.rawText, s.poll = "", nil
}

// touch restarts the idle clock: the resident did something.
func (s *Session) touch() { s.lastInput = s.Now() }

// View returns what the screens draw now.
func (s *Session) View() View {
	v := View{
		State: s.state, Flow: s.flow, Lang: s.lang, Slow: s.slow, Channel: s.channel,
		RawText: s.rawText, Ticket: s.ticket, Err: s.err,
	}
	if s.state == Submitted {
		r := s.receipt
		v.Receipt = &r
	}
	if s.state == InFlow {
		v.Step = flowSteps[s.flow][s.step]
		v.StepNumber, v.StepCount = s.progress()
	}
	v.Draft = s.build()
	if s.poll != nil {
		p := *s.poll
		v.Poll = &p
	}
	if s.found != nil {
		f := *s.found
		v.Lookup = &f
	}
	if left, warn := s.idleLeft(); warn {
		v.Warning, v.Left = true, left
	}
	if s.press != nil {
		v.Pressed, v.PressService, v.Holding = s.press.rating, s.press.service, s.press.held != nil
	}
	return v
}

// scaled lengthens a timeout in large-text ("slow") mode.
func (s *Session) scaled(d kiosk.Duration) time.Duration {
	if s.slow {
		return time.Duration(float64(d) * s.cfg.Session.SlowFactor)
	}
	return d.D()
}

// idleLeft returns how long until an idle visit ends, and whether the
// warning countdown is showing.
func (s *Session) idleLeft() (time.Duration, bool) {
	switch s.state {
	case Home, InFlow, Review:
		if left, ok := s.pressLeft(); ok {
			return left, false // the reasons after a press wait without a countdown
		}
		left := s.scaled(s.cfg.Session.IdleTimeout) - s.Now().Sub(s.lastInput)
		return left, left <= s.scaled(s.cfg.Session.IdleWarning)
	}
	return 0, false
}

// Deadline returns when Tick next has something to do, so the UI can set a
// timer instead of polling; zero in the attract state.
func (s *Session) Deadline() time.Time {
	if left, ok := s.pressLeft(); ok {
		return s.Now().Add(left)
	}
	switch s.state {
	case Home, InFlow, Review:
		end := s.lastInput.Add(s.scaled(s.cfg.Session.IdleTimeout))
		warn := end.Add(-s.scaled(s.cfg.Session.IdleWarning))
		if s.Now().Before(warn) {
			return warn
		}
		return end
	case Submitted:
		return s.entered.Add(s.scaled(s.cfg.Session.SubmittedTimeout))
	}
	return time.Time{}
}

// Tick applies the timeouts at the current time: an idle visit is discarded
// with its partial input, and the submitted screen goes back to the attract
// loop. It reports whether the state changed.
func (s *Session) Tick() bool {
	switch s.state {
	case Home, InFlow, Review:
		if left, _ := s.idleLeft(); left <= 0 {
			s.reset()
			return true
		}
	case Submitted:
		if left, ok := s.pressLeft(); ok {
			if left <= 0 {
				s.reset()
				return true
			}
			return false
		}
		if !s.Now().Before(s.entered.Add(s.scaled(s.cfg.Session.SubmittedTimeout))) {
			s.reset()
			return true
		}
	}
	return false
}

// Touch records input that changes nothing else (paging the wall, a tap on
// the idle warning's "I'm still here"): it stops the countdown.
func (s *Session) Touch() {
	if s.state != Attract {
		s.touch()
	}
}

// Wake starts a visit from the attract loop: a touch, a button, motion with
// a tap, or a lifted handset. In any other state it only restarts the idle
// clock.
func (s *Session) Wake(ch kiosk.Channel) {
	s.touch()
	if s.state != Attract {
		return
	}
	s.state, s.channel = Home, ch
}

// HookUp is the booth's handset lifted: a visit starts on the handset
// channel, in 长辈模式 (whoever lifts a handset gets the large screen and
// the longer timeouts for that visit).
func (s *Session) HookUp() {
	s.Wake(kiosk.ChannelHandset)
	s.slow = true
}

// HookDown is the handset hung up: in a booth that ends the visit at once,
// discarding partial input, as walking away would after the timeout.
func (s *Session) HookDown() {
	if s.cfg.Kiosk.Role == kiosk.RoleBooth {
		s.reset()
	}
}

// SetSlow turns 长辈模式 (elderly mode) on or off: bigger text and targets,
// and timeouts lengthened by session.slow_factor.
func (s *Session) SetSlow(on bool) {
	s.touch()
	s.slow = on
}

// SetLanguage switches the language of the visit.
func (s *Session) SetLanguage(lang string) error {
	s.touch()
	for _, l := range s.cfg.Kiosk.Languages {
		if l == lang {
			s.lang = lang
			return nil
		}
	}
	return s.fail(kiosk.Errorf(kiosk.EINVALID, "language %q is not offered here", lang))
}

// fail records err for the screen and returns it.
func (s *Session) fail(err error) error {
	s.err = err
	return err
}

// ok clears the last error after a successful action.
func (s *Session) ok() error {
	s.err = nil
	return nil
}

// Start begins a flow from the home screen.
func (s *Session) Start(f Flow) error {
	s.touch()
	if s.state != Home {
		return s.fail(kiosk.Errorf(kiosk.ECONFLICT, "a flow starts from the home screen, not %s", s.state))
	}
	if _, ok := flowSteps[f]; !ok {
		return s.fail(kiosk.Errorf(kiosk.EINVALID, "unknown flow %q", f))
	}
	if f == FlowLookup && s.lookup == nil {
		return s.fail(kiosk.Errorf(kiosk.EUNAVAILABLE, "this kiosk cannot look up tickets"))
	}
	s.clearDraft()
	s.state, s.flow, s.step = InFlow, f, 0
	return s.ok()
}

// Next checks the current step and moves to the next one; after the last
// step of a submitting flow it moves to review.
func (s *Session) Next() error {
	s.touch()
	if s.state != InFlow {
		return s.fail(kiosk.Errorf(kiosk.ECONFLICT, "no step to leave in %s", s.state))
	}
	if s.press != nil && s.press.held != nil {
		return s.ReasonsDone(context.Background()) // the reasons after a press go straight in
	}
	if err := s.checkStep(); err != nil {
		return s.fail(err)
	}
	steps := flowSteps[s.flow]
	next := s.step + 1
	for next < len(steps) && s.skip(steps[next]) {
		next++
	}
	if next < len(steps) {
		s.step = next
		return s.ok()
	}
	// The current step is the last that applies.
	switch s.flow {
	case FlowLookup, FlowWall:
		return s.ok() // nothing to review: stay on the last step
	}
	d := s.build()
	if err := d.Validate(s.cfg.Session.TextLimit); err != nil {
		return s.fail(err)
	}
	s.state = Review
	return s.ok()
}

// skip reports whether a step does not apply to this draft: the reasons
// step only follows a low rating.
func (s *Session) skip(st Step) bool {
	return st == StepReasons && s.draft.Body.Rating >= kiosk.RatingSatisfied
}

// Back goes to the previous step, from review to the last step, from the
// first step to the home screen (discarding the draft), or from the
// receipt to the home screen.
func (s *Session) Back() {
	s.touch()
	s.err = nil
	switch s.state {
	case Review:
		s.state = InFlow // back to the step review was entered from
	case Submitted:
		s.GoHome() // the submission is stored: back leaves the receipt for the home screen
	case InFlow:
		if s.press != nil && s.press.held != nil {
			s.GoHome() // nothing before the reasons of a press to go back to
			return
		}
		for s.step--; s.step >= 0 && s.skip(flowSteps[s.flow][s.step]); s.step-- {
		}
		if s.step < 0 {
			s.GoHome()
		}
	}
}

// GoHome abandons the flow, discarding its input, and shows the home screen.
func (s *Session) GoHome() {
	s.touch()
	if s.state == Attract {
		return
	}
	if err := s.flushHeld(context.Background()); err != nil {
		s.err = err
		return // stay with the reasons: the rating is not lost, the message says why
	}
	s.press = nil
	s.clearDraft()
	s.state, s.flow, s.step = Home, "", 0
	s.ticket, s.found, s.err = "", nil, nil
}

// Done leaves the submitted screen (or any screen) for the attract loop,
// as "finish" does.
func (s *Session) Done() { s.reset() }
