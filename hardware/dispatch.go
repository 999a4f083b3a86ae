package hardware

import (
	"context"

	"opinionwall/kiosk"
	"opinionwall/kiosk/session"
)

// Dispatcher turns hardware events into what they mean for a visit: the
// rating buttons rate, the help button wakes the kiosk, the handset starts
// and ends a booth visit, motion wakes the screen. It runs on the thread
// that owns the session (the UI thread).
type Dispatcher struct {
	Session *session.Session
	Role    kiosk.Role
	LEDs    LEDs    // nil when there are none
	Screen  *Screen // nil when the backlight is not managed
	// After runs after every event that may have changed the visit: the
	// window redraws.
	After func()
}

// ratingOf maps the rating buttons to the four levels.
var ratingOf = map[string]kiosk.Rating{Rate1: 1, Rate2: 2, Rate3: 3, Rate4: 4}

// Handle acts on one event.
func (d *Dispatcher) Handle(ctx context.Context, e Event) {
	if d.Screen != nil && e.Kind != Release {
		d.Screen.Activity() // someone is there: screen on
	}
	s := d.Session
	ch := kiosk.ChannelButton
	if s.View().Channel == kiosk.ChannelHandset {
		ch = kiosk.ChannelHandset
	}
	switch e.Kind {
	case Press:
		if r, ok := ratingOf[e.Input]; ok {
			out, err := s.ButtonRating(ctx, r, ch)
			if err == nil && out == session.Stored && d.LEDs != nil {
				d.LEDs.SetLED(e.Input, Thank)
			}
		} else if e.Input == Help {
			s.Wake(kiosk.ChannelButton)
		}
	case HookUp:
		s.HookUp()
		if d.Role == kiosk.RoleBooth && s.View().State == session.Home {
			s.Start(session.FlowRating) // a caller rates with the buttons
		}
	case HookDown:
		s.HookDown()
	}
	if d.After != nil {
		d.After()
	}
}
