package main

import (
	"context"

	"opinionwall/hardware"
	"opinionwall/kiosk"
	"opinionwall/kiosk/session"
)

// buttons turns hardware events into what they mean for a visit: the
// rating buttons rate, the help button wakes the kiosk, the handset starts
// and ends a booth visit, motion wakes the screen. It runs on the thread
// that owns the session (the UI thread, or the script's lock).
type buttons struct {
	session *session.Session
	role    kiosk.Role
	leds    hardware.LEDs // nil when there are none
	screen  screen        // nil when the backlight is not managed
	phone   *phone        // a booth's telephone: the hook and keys are its; nil on a wall kiosk
	// after runs after every event that may have changed the visit: the
	// window redraws.
	after func()
}

// screen is what the buttons tell the backlight: someone is there.
type screen interface {
	Activity()
}

var _ screen = (*hardware.Screen)(nil)

// ratingOf maps the rating buttons to the four levels.
var ratingOf = map[string]kiosk.Rating{hardware.Rate1: 1, hardware.Rate2: 2, hardware.Rate3: 3, hardware.Rate4: 4}

// Handle acts on one event.
func (b *buttons) Handle(ctx context.Context, e hardware.Event) {
	if b.screen != nil && e.Kind != hardware.Release {
		b.screen.Activity() // someone is there: screen on
	}
	if b.phone != nil && b.phone.handle(e) {
		// The call is the visit: lifted, in 长辈模式; hung up, reset.
		switch e.Kind {
		case hardware.HookUp:
			b.session.HookUp()
		case hardware.HookDown:
			b.session.HookDown()
		}
		if b.after != nil {
			b.after()
		}
		return
	}
	s := b.session
	ch := kiosk.ChannelButton
	if s.View().Channel == kiosk.ChannelHandset {
		ch = kiosk.ChannelHandset
	}
	switch e.Kind {
	case hardware.Press:
		if r, ok := ratingOf[e.Input]; ok {
			out, err := s.ButtonRating(ctx, r, ch)
			if err == nil && (out == session.Stored || out == session.Held) && b.leds != nil {
				b.leds.SetLED(e.Input, hardware.Thank)
			}
		} else if e.Input == hardware.Help {
			s.Wake(kiosk.ChannelButton)
		}
	case hardware.HookUp:
		s.HookUp()
		if b.role == kiosk.RoleBooth && s.View().State == session.Home {
			s.Start(session.FlowRating) // a caller rates with the buttons
		}
	case hardware.HookDown:
		s.HookDown()
	}
	if b.after != nil {
		b.after()
	}
}
