package hardware

import "time"

// defaultDebounce is how long a level must hold to count, unless configured.
const defaultDebounce = 30 * time.Millisecond

// Debouncer turns the raw state of one input, sampled at its edges, into
// clean press and release events. It is a pure state machine fed edges and
// time, so it is tested with synthetic bounce; periph's gpioutil.Debounce
// is not used (it is broken, periph/conn issue 5).
//
// A change counts once the new state has held for Window; a glitch shorter
// than Window is ignored, and a bouncing contact settles into one press.
// The event carries the time the state began, so its lag is the window.
type Debouncer struct {
	Input     string
	Window    time.Duration
	LongPress time.Duration // held this long: one LongPress event; 0 for none

	stable    bool // the debounced state: pressed or not
	pending   bool // a change is waiting to hold for Window
	cand      bool
	candAt    time.Time
	pressedAt time.Time
	longSent  bool
}

// Feed records that the raw state was pressed (or not) at t, as read at an
// edge, and returns the events that became certain up to t.
func (d *Debouncer) Feed(pressed bool, t time.Time) []Event {
	evs := d.Tick(t)
	switch {
	case d.pending && pressed == d.cand:
		// the same state again: it keeps its start
	case d.pending && pressed == d.stable:
		d.pending = false // a glitch, back to where it was
	case !d.pending && pressed != d.stable:
		d.pending, d.cand, d.candAt = true, pressed, t
	}
	return evs
}

// Tick settles a change that has held for Window by now, and reports a
// long press; call it when Deadline passes without edges.
func (d *Debouncer) Tick(now time.Time) []Event {
	var evs []Event
	if d.pending && now.Sub(d.candAt) >= d.window() {
		d.pending, d.stable = false, d.cand
		if d.stable {
			d.pressedAt, d.longSent = d.candAt, false
			evs = append(evs, Event{Kind: Press, Input: d.Input, At: d.candAt})
		} else {
			evs = append(evs, Event{Kind: Release, Input: d.Input, At: d.candAt})
		}
	}
	if d.stable && !d.pending && !d.longSent && d.LongPress > 0 && now.Sub(d.pressedAt) >= d.LongPress {
		d.longSent = true
		evs = append(evs, Event{Kind: LongPress, Input: d.Input, At: d.pressedAt.Add(d.LongPress)})
	}
	return evs
}

// Deadline returns when Tick next has something to do, or zero.
func (d *Debouncer) Deadline() time.Time {
	switch {
	case d.pending:
		return d.candAt.Add(d.window())
	case d.stable && !d.longSent && d.LongPress > 0:
		return d.pressedAt.Add(d.LongPress)
	}
	return time.Time{}
}

func (d *Debouncer) window() time.Duration {
	if d.Window > 0 {
		return d.Window
	}
	return defaultDebounce
}

// Translate turns raw press and release events of the hook switch and the
// motion sensor into what they mean: the hook switch is closed while the
// handset rests on it, the motion sensor is active while it sees someone.
func Translate(e Event) (Event, bool) {
	switch e.Input {
	case Hook:
		switch e.Kind {
		case Press:
			e.Kind = HookDown
		case Release:
			e.Kind = HookUp
		default:
			return e, false
		}
	case Motion:
		if e.Kind != Press {
			return e, false
		}
		e.Kind = Moved
	}
	return e, true
}
