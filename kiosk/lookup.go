package kiosk

import (
	"context"
	"sync"
	"time"
)

// TicketAsker asks the station what it knows of a ticket this kiosk did
// not issue. It fails with ENOTFOUND when the station has no such ticket,
// EBUSY when the station refuses to answer so often, and any other error
// when it cannot be reached or does not answer before ctx ends.
type TicketAsker interface {
	AskTicket(ctx context.Context, code string) (TicketUpdate, error)
}

// TicketCache is the kiosk's store as the lookup uses it: what it knows of
// tickets, its own and those the station answered about.
type TicketCache interface {
	TicketLookup
	PutTicketUpdate(ctx context.Context, u TicketUpdate) error
}

// Lookup finds any ticket code typed at this kiosk. A code of this kiosk
// (its first two digits are the kiosk's number) is answered from the store;
// a code of another kiosk is asked of the station, at most PerMinute times
// a minute, and the answer is kept in the store. When the station cannot
// answer, a kept answer is shown; without one the resident is told plainly
// (EOFFLINE) that the station cannot be asked now.
type Lookup struct {
	Number    int         // this kiosk's number
	Store     TicketCache // this kiosk's store
	Station   TicketAsker // nil: another kiosk's ticket cannot be asked
	Timeout   time.Duration
	PerMinute int
	// WrongPerMinute and WrongPerHour wrong codes (no such ticket, here
	// or at the station) stop every lookup at this kiosk until the oldest
	// leaves the window: guessing codes is slow. 0: no limit.
	WrongPerMinute, WrongPerHour int
	Now                          func() time.Time

	mu    sync.Mutex
	asked []time.Time // when the station was asked, in the last minute
	wrong [2]Window   // wrong codes in the last minute and hour
}

var _ TicketLookup = (*Lookup)(nil)

// Remote reports whether code is another kiosk's, so that looking it up
// asks the station and may take up to Timeout.
func (l *Lookup) Remote(code string) bool {
	t, err := ParseTicket(code)
	return err == nil && t.KioskNumber != l.Number
}

// LookupTicket returns what is known of code.
func (l *Lookup) LookupTicket(ctx context.Context, code string) (TicketUpdate, error) {
	t, err := ParseTicket(code)
	if err != nil {
		return TicketUpdate{}, err
	}
	if l.limited() {
		return TicketUpdate{}, Errorf(ELIMITED, "too many wrong codes at this kiosk lately")
	}
	u, err := l.find(ctx, t)
	if ErrorCode(err) == ENOTFOUND {
		l.countWrong()
	}
	return u, err
}

// limited reports whether wrong codes stop lookups now.
func (l *Lookup) limited() bool {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.wrong[0].Span, l.wrong[0].Max = time.Minute, l.WrongPerMinute
	l.wrong[1].Span, l.wrong[1].Max = time.Hour, l.WrongPerHour
	return l.wrong[0].Full(now) || l.wrong[1].Full(now)
}

func (l *Lookup) countWrong() {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.wrong[0].Add(now)
	l.wrong[1].Add(now)
}

func (l *Lookup) now() time.Time {
	if l.Now != nil {
		return l.Now()
	}
	return time.Now()
}

// find looks t up here or at the station.
func (l *Lookup) find(ctx context.Context, t Ticket) (TicketUpdate, error) {
	if t.KioskNumber == l.Number {
		return l.Store.LookupTicket(ctx, t.Code)
	}
	kept, keptErr := l.Store.LookupTicket(ctx, t.Code)
	if l.Station == nil {
		return l.fallback(kept, keptErr, Errorf(EOFFLINE, "ticket %s is another kiosk's and this kiosk has no link to the station", FormatTicket(t.Code)))
	}
	if !l.allow() {
		return l.fallback(kept, keptErr, Errorf(EBUSY, "more than %d questions to the station in a minute", l.PerMinute))
	}
	actx, cancel := context.WithTimeout(ctx, l.timeout())
	defer cancel()
	u, err := l.Station.AskTicket(actx, t.Code)
	switch code := ErrorCode(err); {
	case err == nil:
		u.Ticket = t.Code
		// Shown now whatever happens; a failed write loses only the copy
		// kept for when the station cannot be asked.
		_ = l.Store.PutTicketUpdate(ctx, u)
		return u, nil
	case code == ENOTFOUND:
		return TicketUpdate{}, err
	case code == EBUSY:
		return l.fallback(kept, keptErr, err)
	default:
		return l.fallback(kept, keptErr, WrapError(EOFFLINE, err, "ask the station about %s", FormatTicket(t.Code)))
	}
}

// fallback returns the kept answer if there is one, else err.
func (l *Lookup) fallback(kept TicketUpdate, keptErr, err error) (TicketUpdate, error) {
	if keptErr == nil {
		return kept, nil
	}
	return TicketUpdate{}, err
}

// allow reports whether the station may be asked once more now, and
// counts the question when it may.
func (l *Lookup) allow() bool {
	now := l.now()
	per := l.PerMinute
	if per <= 0 {
		per = 4
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	keep := l.asked[:0]
	for _, at := range l.asked {
		if now.Sub(at) < time.Minute {
			keep = append(keep, at)
		}
	}
	l.asked = keep
	if len(l.asked) >= per {
		return false
	}
	l.asked = append(l.asked, now)
	return true
}

func (l *Lookup) timeout() time.Duration {
	if l.Timeout <= 0 {
		return 5 * time.Second
	}
	return l.Timeout
}
