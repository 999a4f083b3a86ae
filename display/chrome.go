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

// header: back, home, the 长辈模式 and language switches, always in reach.
func (k *Kiosk) header(v session.View) fyne.CanvasObject {
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
		return container.NewVBox(container.NewHBox(corner, back, home), container.NewHBox(spacer(), large, lang))
	}
	return container.NewHBox(corner, back, home, spacer(), k.headerProgress(v), spacer(), large, lang)
}

// target is the smallest side of a tappable object in the current mode.
func (k *Kiosk) target() float32 { return k.th.target() }

// landscape reports whether the window is wide enough for the step line
// in the header (not a 800 px panel in 长辈模式).
func (k *Kiosk) landscape() bool {
	sz := k.win.Canvas().Size()
	return sz.Width > sz.Height && (sz.Width >= 1000 || !k.th.Large)
}

// headerProgress is the step line in the header, on a landscape screen.
func (k *Kiosk) headerProgress(v session.View) fyne.CanvasObject {
	if v.StepCount < 2 || !k.landscape() {
		return k.line("")
	}
	return k.progress(v)
}

// progress is the step line of a flow: 第2步/共4步.
func (k *Kiosk) progress(v session.View) fyne.CanvasObject {
	return k.line(fmt.Sprintf(k.t("flow.progress"), v.StepNumber, v.StepCount))
}

// footer: the plain message of the last error, if any, and the step's
// forward button, always in view however long the content.
func (k *Kiosk) footer(v session.View) fyne.CanvasObject {
	msg := k.notice
	if v.Err != nil && !(v.Step == session.StepCode && saidOnScreen(v.Err)) {
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
