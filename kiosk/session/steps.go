package session

import (
	"context"

	"opinionwall/kiosk"
)

// checkStep reports what is missing before the current step can be left.
func (s *Session) checkStep() error {
	b := &s.draft.Body
	switch flowSteps[s.flow][s.step] {
	case StepTopic:
		if b.Topic == "" {
			return kiosk.Errorf(kiosk.EINVALID, "choose a topic first").Tell("请先点一个方面。", "Please choose a topic first.")
		}
	case StepWords:
		if len(b.Phrases) == 0 && s.rawText == "" {
			return kiosk.Errorf(kiosk.EINVALID, "choose a phrase or write a few words").Tell("请点一句话，或写几句。", "Please pick a phrase, or write a few words.")
		}
	case StepService:
		if b.Topic == "" {
			return kiosk.Errorf(kiosk.EINVALID, "choose a service first").Tell("请先点要评价的服务。", "Please choose the service first.")
		}
	case StepRating:
		if !b.Rating.Valid() {
			return kiosk.Errorf(kiosk.EINVALID, "choose a rating first").Tell("请点一个表情。", "Please tap a face.")
		}
	case StepPoll:
		if s.poll == nil {
			return kiosk.Errorf(kiosk.EINVALID, "choose an item first").Tell("请先点一个事项。", "Please choose an item first.")
		}
	case StepOption:
		if b.Option == "" {
			return kiosk.Errorf(kiosk.EINVALID, "choose an option first").Tell("请先点您的选择。", "Please choose your answer first.")
		}
	case StepCode:
		if s.found == nil {
			return kiosk.Errorf(kiosk.EINVALID, "type your ticket code first").Tell("请先输入回执号。", "Please type your ticket code first.")
		}
	}
	return nil
}

// at reports whether the visit is at the given step, and records an error
// for the screen when it is not.
func (s *Session) at(st Step) error {
	s.touch()
	if s.state != InFlow || flowSteps[s.flow][s.step] != st {
		return s.fail(kiosk.Errorf(kiosk.ECONFLICT, "not at the %s step", st))
	}
	return nil
}

// ChooseTopic sets the opinion's topic.
func (s *Session) ChooseTopic(id string) error {
	if err := s.at(StepTopic); err != nil {
		return err
	}
	if _, ok := s.cfg.Topic(id); !ok {
		return s.fail(kiosk.Errorf(kiosk.ENOTFOUND, "no topic %q", id))
	}
	if s.draft.Body.Topic != id {
		s.draft.Body.Phrases = nil // phrases belong to the topic
	}
	s.draft.Body.Topic = id
	return s.ok()
}

// ChooseLocation sets where the matter is; an empty street clears it.
func (s *Session) ChooseLocation(street, building string) error {
	if err := s.at(StepLocation); err != nil {
		return err
	}
	if street == "" {
		s.draft.Body.Location = nil
		return s.ok()
	}
	l := kiosk.Location{Street: street, Building: building}
	if !s.cfg.HasLocation(l) {
		return s.fail(kiosk.Errorf(kiosk.ENOTFOUND, "no building %q on %q", building, street))
	}
	s.draft.Body.Location = &l
	return s.ok()
}

// TogglePhrase adds or removes one of the topic's preset phrases.
func (s *Session) TogglePhrase(id string) error {
	if err := s.at(StepWords); err != nil {
		return err
	}
	t, _ := s.cfg.Topic(s.draft.Body.Topic)
	found := false
	for _, p := range t.Phrases {
		found = found || p.ID == id
	}
	if !found {
		return s.fail(kiosk.Errorf(kiosk.ENOTFOUND, "no phrase %q for topic %q", id, t.ID))
	}
	s.draft.Body.Phrases = toggle(s.draft.Body.Phrases, id)
	return s.ok()
}

// SetText sets the free text as typed. It must be valid UTF-8 and within the
// text limit after cleaning; otherwise the previous text stays.
func (s *Session) SetText(text string) error {
	if err := s.at(StepWords); err != nil {
		return err
	}
	clean, err := kiosk.CleanText(text, s.cfg.Session.TextLimit)
	if err != nil {
		return s.fail(err)
	}
	s.rawText = clean
	return s.ok()
}

// SetContact leaves a phone number for the station to call back. It needs
// the resident's explicit consent; without it nothing is kept.
func (s *Session) SetContact(name, phone string, consent bool) error {
	if err := s.at(StepContact); err != nil {
		return err
	}
	if !consent {
		return s.fail(kiosk.Errorf(kiosk.EINVALID, "tick the box to agree that the station may call you").Tell("请点“打给我”，或点“不留电话”。", "Tap “Call me” or “No phone”."))
	}
	if !kiosk.ValidPhone(phone) {
		return s.fail(kiosk.Errorf(kiosk.EINVALID, "%q is not a phone number", phone).Tell("这个电话号码不对，请核对。", "That phone number is not right. Please check it."))
	}
	name, err := kiosk.CleanText(name, 20)
	if err != nil {
		return s.fail(err)
	}
	s.draft.Body.Contact = &kiosk.Contact{Name: name, Phone: phone, Consent: true}
	return s.ok()
}

// ClearContact makes the submission anonymous again.
func (s *Session) ClearContact() {
	s.touch()
	s.draft.Body.Contact = nil
}

// ChooseService sets the service being rated.
func (s *Session) ChooseService(id string) error {
	if err := s.at(StepService); err != nil {
		return err
	}
	if _, ok := s.cfg.Service(id); !ok {
		return s.fail(kiosk.Errorf(kiosk.ENOTFOUND, "no service %q", id))
	}
	s.draft.Body.Topic = id
	return s.ok()
}

// ChooseRating sets the rating on the rating step (a tap on the screen).
func (s *Session) ChooseRating(r kiosk.Rating) error {
	if err := s.at(StepRating); err != nil {
		return err
	}
	if !r.Valid() {
		return s.fail(kiosk.Errorf(kiosk.EINVALID, "rating %d is not one of the four levels", r))
	}
	s.draft.Body.Rating = r
	if r >= kiosk.RatingSatisfied {
		s.draft.Body.Reasons = nil // reasons only follow a low rating
	}
	return s.ok()
}

// ToggleReason adds or removes a follow-up reason for a low rating.
func (s *Session) ToggleReason(id string) error {
	if err := s.at(StepReasons); err != nil {
		return err
	}
	found := false
	for _, p := range s.cfg.RatingReasons {
		found = found || p.ID == id
	}
	if !found {
		return s.fail(kiosk.Errorf(kiosk.ENOTFOUND, "no reason %q", id))
	}
	s.draft.Body.Reasons = toggle(s.draft.Body.Reasons, id)
	return s.ok()
}

// ChoosePoll picks the deliberation item to vote on; it must still be open.
func (s *Session) ChoosePoll(p kiosk.Poll) error {
	if err := s.at(StepPoll); err != nil {
		return err
	}
	if !p.Closes.IsZero() && !s.Now().Before(p.Closes) {
		return s.fail(kiosk.Errorf(kiosk.EINVALID, "voting on this item has closed"))
	}
	if len(p.Options) == 0 {
		return s.fail(kiosk.Errorf(kiosk.EINVALID, "this item has no options"))
	}
	if s.poll == nil || s.poll.ID != p.ID {
		s.draft.Body.Option = ""
	}
	s.poll = &p
	s.draft.Body.PollID = p.ID
	return s.ok()
}

// ChooseOption picks the option of the chosen poll.
func (s *Session) ChooseOption(id string) error {
	if err := s.at(StepOption); err != nil {
		return err
	}
	if _, ok := s.poll.Option(id); !ok {
		return s.fail(kiosk.Errorf(kiosk.ENOTFOUND, "no option %q", id))
	}
	s.draft.Body.Option = id
	return s.ok()
}

// LookUp finds the answer to a ticket code and moves to the result step.
func (s *Session) LookUp(ctx context.Context, code string) error {
	ask, err := s.BeginLookUp(code)
	if err != nil {
		return err
	}
	u, err := ask(ctx)
	return s.Found(code, u, err)
}

// NeedsStation reports whether looking up code asks the station (another
// kiosk's ticket) and so may take seconds: the screen then asks off the UI
// thread.
func (s *Session) NeedsStation(code string) bool {
	r, ok := s.lookup.(interface{ Remote(string) bool })
	return ok && r.Remote(code)
}

// BeginLookUp checks that a code may be looked up now and returns the
// question to ask, which touches nothing of the session and may run on
// another goroutine; Found takes its answer back on the session's thread.
func (s *Session) BeginLookUp(code string) (func(context.Context) (kiosk.TicketUpdate, error), error) {
	if err := s.at(StepCode); err != nil {
		return nil, err
	}
	if n := s.cfg.Lookup.WrongPerVisit; n > 0 && s.wrongCodes >= n {
		return nil, s.fail(kiosk.Errorf(kiosk.ELIMITED, "%d wrong codes in this visit", s.wrongCodes))
	}
	lookup := s.lookup
	return func(ctx context.Context) (kiosk.TicketUpdate, error) { return lookup.LookupTicket(ctx, code) }, nil
}

// Found shows the answer to a lookup begun by BeginLookUp and moves to the
// result step. An answer that comes after the resident left the code step
// is dropped.
func (s *Session) Found(code string, u kiosk.TicketUpdate, err error) error {
	if s.state != InFlow || flowSteps[s.flow][s.step] != StepCode {
		return nil
	}
	if err != nil {
		if kiosk.ErrorCode(err) == kiosk.ENOTFOUND {
			s.wrongCodes++
		}
		return s.fail(err)
	}
	s.found = &u
	return s.Next()
}

func toggle(xs []string, x string) []string {
	for i, v := range xs {
		if v == x {
			return append(xs[:i:i], xs[i+1:]...)
		}
	}
	return append(xs, x)
}

// progress numbers the current step among the steps of the flow that apply
// to the draft now (the reasons step only after a low rating), counting
// from 1.
func (s *Session) progress() (n, count int) {
	for i, st := range flowSteps[s.flow] {
		if s.skip(st) && i != s.step {
			continue
		}
		count++
		if i <= s.step {
			n = count
		}
	}
	return n, count
}
