package hub

import (
	"fmt"
	"strconv"
	"time"

	"opinionwall/kiosk"
)

// What the ingest refuses that the decoders cannot see, because it needs
// the station's own records (docs/SECURITY.md): each refusal is kept aside
// with the refused submission, and those a maintainer must look at raise an
// alert of the same code (Flag, Alerts).
const (
	// A ticket whose kiosk number is another kiosk's: a stolen kiosk
	// password trying to put its replies under another kiosk's codes.
	RefusedTicketNumber = "ticket_number"
	// A ticket already stored for a different submission: the kiosk's
	// store was started afresh and reissued codes (or a forgery).
	RefusedStoreReset = "store_reset"
	// Votes: a poll that is not open at the receive time or not known, an
	// option the poll does not have, or a second vote in one visit.
	RefusedVoteClosed = "vote_closed"
	RefusedVoteOption = "vote_option"
	RefusedVoteTwice  = "vote_twice"
)

// AlertFlagFor is how long a flag raised by the ingest stays an alert.
const AlertFlagFor = 7 * 24 * time.Hour

// Flag is a refusal at ingest a maintainer must look at: its code (an
// alert code), what the last one was, when, and how many there were.
type Flag struct {
	Code   string
	Detail string
	At     time.Time
	Count  int
}

// ScreenError is a submission the ingest refuses: Code is one of the
// Refused codes.
type ScreenError struct {
	Code   string
	Detail string
}

func (e *ScreenError) Error() string { return e.Code + ": " + e.Detail }

// Raises reports whether the refusal raises an alert (a vote refused is
// kept aside but is no sign of a broken or stolen kiosk on its own).
func (e *ScreenError) Raises() bool {
	return e.Code == RefusedTicketNumber || e.Code == RefusedStoreReset
}

func screenErr(code, format string, args ...any) *ScreenError {
	return &ScreenError{Code: code, Detail: fmt.Sprintf(format, args...)}
}

// CheckTicketNumber refuses a ticket of kiosk k whose number is not k's
// (number: registered, or the first k used; 0 when k has none yet), or
// that the registry gives another kiosk (owner, "" for none).
func CheckTicketNumber(k, ticket string, number int, owner string) *ScreenError {
	t, err := kiosk.ParseTicket(ticket)
	if err != nil {
		return screenErr(RefusedTicketNumber, "ticket %q: %v", ticket, err)
	}
	switch {
	case number != 0 && t.KioskNumber != number:
		return screenErr(RefusedTicketNumber, "ticket %s carries number %d; %s's number is %d", ticket, t.KioskNumber, k, number)
	case number == 0 && owner != "" && owner != k:
		return screenErr(RefusedTicketNumber, "ticket %s carries number %d, which is %s's", ticket, t.KioskNumber, owner)
	}
	return nil
}

// TicketNumber is the kiosk number a ticket code starts with (0 for a code
// that is not one).
func TicketNumber(ticket string) int {
	if len(ticket) < 2 {
		return 0
	}
	n, _ := strconv.Atoi(ticket[:2])
	return n
}

// CheckVote refuses a vote for a poll that is unknown (p nil) or not open
// at the receive time at, for an option the poll does not have, or without
// the visit it was cast in (one vote per poll in a visit).
func CheckVote(p *Poll, pollID, option, visit string, at time.Time) *ScreenError {
	if visit == "" {
		return screenErr(RefusedVoteTwice, "a vote for poll %s carries no visit", pollID)
	}
	if p == nil || !p.Live(at) {
		return screenErr(RefusedVoteClosed, "poll %q is not open", pollID)
	}
	if _, ok := p.option(option); !ok {
		return screenErr(RefusedVoteOption, "poll %s has no option %q", pollID, option)
	}
	return nil
}
