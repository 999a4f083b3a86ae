package session

// Turning the draft into a submission, storing it, and the submitted screen.

import (
	"context"

	"opinionwall/kiosk"
)

// build returns the submission the draft would become now.
func (s *Session) build() kiosk.Submission {
	d := s.draft
	d.Kiosk = s.cfg.Kiosk.ID
	d.Body.Lang = s.lang
	d.Body.Channel = s.channel
	switch s.flow {
	case FlowOpinion:
		d.Kind = kiosk.KindOpinion
		consent := d.Body.Contact != nil && d.Body.Contact.Consent
		if text, err := kiosk.PrepareText(s.rawText, s.cfg.Session.TextLimit, consent); err == nil {
			d.Body.Text = text
		}
	case FlowRating:
		d.Kind = kiosk.KindRating
	case FlowVote:
		d.Kind = kiosk.KindVote
	}
	d.Body.Phrases = append([]string(nil), d.Body.Phrases...)
	d.Body.Reasons = append([]string(nil), d.Body.Reasons...)
	return d
}

// Submit stores the reviewed submission. Only after the store has
// committed it does the session move to the submitted screen with the
// ticket code. When the store cannot take it (disk full) the resident stays
// on the review screen with a plain message, and nothing is lost that was
// stored before.
func (s *Session) Submit(ctx context.Context) error {
	s.touch()
	if s.state != Review {
		return s.fail(kiosk.Errorf(kiosk.ECONFLICT, "nothing to submit in %s", s.state))
	}
	sub := s.build()
	if sub.Kind == kiosk.KindRating && s.gate.Record(sub.Body.Rating, s.Now()) {
		sub.Body.Flags = append(sub.Body.Flags, kiosk.FlagProbablePlay)
	}
	if sub.Kind == kiosk.KindVote {
		if s.voted[sub.Body.PollID] {
			return s.fail(kiosk.Errorf(kiosk.ECONFLICT, "poll %s was voted in this visit", sub.Body.PollID))
		}
		if s.visit == "" {
			s.visit = s.ids.New(s.Now())
		}
		sub.Body.Visit = s.visit
	}
	if err := s.store1(ctx, &sub); err != nil {
		return s.fail(err)
	}
	if sub.Kind == kiosk.KindVote {
		if s.voted == nil {
			s.voted = map[string]bool{}
		}
		s.voted[sub.Body.PollID] = true
	}
	receipt := kiosk.NewReceipt(s.cfg, &sub, s.poll)
	s.enterSubmitted(sub.Ticket)
	s.receipt = receipt
	if s.Printer != nil && sub.Kind != kiosk.KindRating {
		s.Printer.Print(receipt) // returns at once; a rating needs no paper
	}
	return s.ok()
}

// store1 stamps and stores one submission.
func (s *Session) store1(ctx context.Context, sub *kiosk.Submission) error {
	now := s.Now()
	sub.ID = s.ids.New(now)
	sub.CreatedAt = now
	sub.ClockSynced = s.ClockSynced == nil || s.ClockSynced()
	if !sub.ClockSynced {
		sub.Body.Flags = append(sub.Body.Flags, kiosk.FlagClockUnsynced)
	}
	if err := sub.Validate(s.cfg.Session.TextLimit); err != nil {
		return err
	}
	return s.store.Submit(ctx, sub)
}

func (s *Session) enterSubmitted(ticket string) {
	s.clearDraft()
	s.receipt = kiosk.Receipt{Ticket: ticket, QR: s.cfg.ReceiptURL(ticket), Phone: s.cfg.Station.Phone, At: s.Now()}
	s.press = nil
	s.state, s.ticket, s.entered = Submitted, ticket, s.Now()
}
