package hub

import (
	"fmt"
	"time"

	"opinionwall/kiosk"
)

// Target is how soon the station means to answer and to close a case of
// one 三事分流 class.
type Target struct {
	FirstReply time.Duration
	Close      time.Duration
}

// Targets are the station's targets by class; Untriaged stands for the
// cases not yet triaged.
type Targets map[kiosk.Matter]Target

// Classes are the 三事分流 classes in the order the station shows them,
// untriaged last.
var Classes = []kiosk.Matter{kiosk.MatterBig, kiosk.MatterSmall, kiosk.MatterPrivate, Untriaged}

// Day is 24 hours, the unit targets are set in.
const Day = 24 * time.Hour

// DefaultTargets are the targets before a lead sets any: 大事 15 days,
// 小事 7, 私事 3 to close; a first reply within 3, 2 and 1 days; an
// untriaged case is answered within a day.
func DefaultTargets() Targets {
	return Targets{
		kiosk.MatterBig:     {FirstReply: 3 * Day, Close: 15 * Day},
		kiosk.MatterSmall:   {FirstReply: 2 * Day, Close: 7 * Day},
		kiosk.MatterPrivate: {FirstReply: 1 * Day, Close: 3 * Day},
		Untriaged:           {FirstReply: 1 * Day, Close: 3 * Day},
	}
}

// Of returns the target of a case's class (the default for a class never set).
func (t Targets) Of(m kiosk.Matter) Target {
	if m == "" {
		m = Untriaged
	}
	if x, ok := t[m]; ok {
		return x
	}
	return DefaultTargets()[m]
}

// Check refuses targets a station cannot mean: unknown classes, none or
// negative, not whole days, or a first reply later than closing.
func (t Targets) Check() error {
	for m, x := range t {
		if m != Untriaged && m != kiosk.MatterBig && m != kiosk.MatterSmall && m != kiosk.MatterPrivate {
			return refusal(kiosk.EINVALID, "targets.class", "targets: unknown class %q", m)
		}
		if x.FirstReply <= 0 || x.Close <= 0 {
			return refusal(kiosk.EINVALID, "targets.zero", "targets: %s: give both times, above zero", m)
		}
		if x.FirstReply%Day != 0 || x.Close%Day != 0 {
			return refusal(kiosk.EINVALID, "targets.days", "targets: %s: whole days", m)
		}
		if x.FirstReply > x.Close {
			return refusal(kiosk.EINVALID, "targets.order", "targets: %s: the first reply (%d days) cannot come after closing (%d days)", m, int(x.FirstReply/Day), int(x.Close/Day))
		}
	}
	return nil
}

// Overdue reports whether an open case has passed its class's target at
// now: no reply within the first-reply target, or not closed within the
// closing target.
func (t Targets) Overdue(c *Case, now time.Time) bool {
	if !c.Open() || c.Kind != kiosk.KindOpinion {
		return false
	}
	x, age := t.Of(c.Matter), now.Sub(c.ReceivedAt)
	return age > x.Close || c.RepliedAt.IsZero() && age > x.FirstReply
}

// Late reports whether an open case is late at now, as the inbox marks
// it: past its class's target (Overdue), or a 大事 past the due date set
// when it was sent to a government body (Case.Overdue).
func (t Targets) Late(c *Case, now time.Time) bool {
	return t.Overdue(c, now) || c.Overdue(now)
}

// ParseDays reads a target as a whole number of days ("15" or "15d").
func ParseDays(s string) (time.Duration, error) {
	var n int
	if _, err := fmt.Sscanf(s, "%d", &n); err != nil || n <= 0 || n > 365 {
		return 0, kiosk.Errorf(kiosk.EINVALID, "target %q: give whole days, 1 to 365", s)
	}
	return time.Duration(n) * Day, nil
}
