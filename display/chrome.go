package display

// The chrome around every step: the header with its switches and the step
// line, and the footer with the message and the forward button.

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"opinionwall/kiosk"
	"opinionwall/kiosk/session"
)

// header: back, home, the 长辈模式 and language switches, always in reach,
// and the step line between them when it fits across the panel (else the
// body shows it: progressInBody).
func (k *Kiosk) header(v session.View) fyne.CanvasObject {
	k.stepInBody = false
	if v.StepCount > 1 {
		h := k.headerWith(v, k.progress(v))
		if h.MinSize().Width <= k.panelSize().Width {
			return h
		}
	}
	k.stepInBody = v.StepCount > 1
	return k.headerWith(v, k.line(""))
}

func (k *Kiosk) headerWith(v session.View, step fyne.CanvasObject) fyne.CanvasObject {
	s := k.d.Session
	t := k.target()
	sized := func(o fyne.CanvasObject) fyne.CanvasObject { return minSize(o, t, t) }
	corner := minSize(k.text(""), minTarget+8, 1) // the admin corner lives here
	back := sized(k.button(k.t("nav.back"), k.act(func() error { s.Back(); return nil })))
	home := sized(k.button(k.t("nav.home"), k.act(func() error { k.resetInputs(); s.GoHome(); return nil })))
	large := sized(k.chip(k.t("nav.large"), v.Slow, k.act(func() error { s.SetSlow(!v.Slow); return nil })))
	lang := sized(k.button(k.t("nav.lang"), k.act(func() error {
		if v.Lang == "en" {
			return s.SetLanguage("zh")
		}
		return s.SetLanguage("en")
	})))
	if p := k.panelSize(); p.Width < p.Height && k.th.Large {
		// A portrait panel in 长辈模式 has no room for the four side by
		// side: the switches go on a second row.
		// The step line gets the rest of the first row.
		return container.NewVBox(container.NewBorder(nil, nil, container.NewHBox(corner, back, home), nil, step),
			container.NewHBox(spacer(), large, lang))
	}
	return container.NewHBox(corner, back, home, spacer(), step, spacer(), large, lang)
}

// target is the smallest side of a tappable object in the current mode.
func (k *Kiosk) target() float32 { return k.th.target() }

// progress is the step line of a flow: 第2步/共4步.
func (k *Kiosk) progress(v session.View) fyne.CanvasObject {
	return k.line(fmt.Sprintf(k.t("flow.progress"), v.StepNumber, v.StepCount))
}

// footer: the plain message of the last error, if any, and the step's
// forward button, always in view however long the content.
func (k *Kiosk) footer(v session.View) fyne.CanvasObject {
	msg := k.notice
	if v.Err != nil && !k.errInBody && !(v.Step == session.StepCode && saidOnScreen(v.Err)) { // said on the screen itself
		msg = kiosk.PlainMessage(v.Err, v.Lang)
	}
	var parts []fyne.CanvasObject
	if msg != "" {
		parts = append(parts, k.message(msg))
	}
	if k.next != nil {
		parts = append(parts, k.next)
	}
	if len(parts) == 0 {
		return nil
	}
	return container.NewVBox(parts...)
}

// saidOnScreen reports whether the code screen says err itself, in words
// of its own: the station out of reach, too many wrong codes.
func saidOnScreen(err error) bool {
	c := kiosk.ErrorCode(err)
	return c == kiosk.EOFFLINE || c == kiosk.ELIMITED
}
