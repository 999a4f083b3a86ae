package display

// The chrome around every step: the header with its switches and the step
// line, and the footer with the message and the forward button.

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"opinionwall/kiosk"
	"opinionwall/kiosk/session"
)

// header: back, home, the 长辈模式 and language switches, always in reach,
// and the step line between them when it fits across the panel (else the
// body shows it: progressInBody).
func (k *Kiosk) header(v session.View) fyne.CanvasObject {
	k.stepInBody = false
	if v.StepCount > 1 {
		h := k.headerWith(v, k.progress(v), false)
		if h.MinSize().Width <= k.panelSize().Width {
			return h
		}
	}
	k.stepInBody = v.StepCount > 1
	return k.headerWith(v, k.line(""), true)
}

// last is the try without the step line, which must fit: the switches go
// on a second row when they do not.
func (k *Kiosk) headerWith(v session.View, step fyne.CanvasObject, last bool) fyne.CanvasObject {
	k.readInFooter = nil
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
	row := func(switches ...fyne.CanvasObject) *fyne.Container {
		return container.NewHBox(append([]fyne.CanvasObject{corner, back, home, spacer(), step, spacer()}, switches...)...)
	}
	rows := func(switches ...fyne.CanvasObject) fyne.CanvasObject {
		// The step line gets the rest of the first row.
		return container.NewVBox(container.NewBorder(nil, nil, container.NewHBox(corner, back, home), nil, step),
			container.NewHBox(append([]fyne.CanvasObject{spacer()}, switches...)...))
	}
	p := k.panelSize()
	portraitLarge := p.Width < p.Height && k.th.Large
	room := p.Width - 4*k.th.Size(theme.SizeNamePadding) // the window's own margins
	if k.d.ReadAloud == nil {
		if portraitLarge {
			// A portrait panel in 长辈模式 has no room for the four side by
			// side: the switches go on a second row.
			return rows(large, lang)
		}
		return row(large, lang)
	}
	// A speaker: 读给我听 before the switches, with its words where they
	// fit, else its picture alone, else on the second row.
	b := k.button(k.t("nav.read"), k.act(k.readAloud))
	b.Icon = theme.VolumeUpIcon()
	read := k.smallIcon(b)
	if portraitLarge {
		return rows(read, large, lang)
	}
	if one := row(read, large, lang); one.MinSize().Width <= room {
		return one
	}
	icon := k.smallIcon(newIconButton(k.t("nav.read"), theme.VolumeUpIcon(), k.act(k.readAloud)))
	if one := row(icon, large, lang); one.MinSize().Width <= room {
		return one
	}
	if one := row(large, lang); k.next != nil && one.MinSize().Width <= p.Width { // as without it
		k.readInFooter = icon // beside the forward button: a short panel has no row to spare
		return one
	}
	if !last {
		return row(icon, large, lang) // too wide with the step line: header tries without it
	}
	return rows(read, large, lang)
}

// smallIcon sizes a button with a picture as the header's others: its
// picture no taller than the text, so the header is no taller for it.
func (k *Kiosk) smallIcon(b fyne.CanvasObject) fyne.CanvasObject {
	t := k.target()
	return minSize(container.NewThemeOverride(b, iconTheme{k.th}), t, t)
}

// iconTheme is the kiosk's theme with pictures in buttons the text's size.
type iconTheme struct{ *Theme }

func (t iconTheme) Size(n fyne.ThemeSizeName) float32 {
	if n == theme.SizeNameInlineIcon {
		return t.Theme.Size(theme.SizeNameText)
	}
	return t.Theme.Size(n)
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
	switch {
	case k.next != nil && k.readInFooter != nil:
		parts = append(parts, container.NewBorder(nil, nil, nil, k.readInFooter, k.next))
	case k.next != nil:
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

// iconButton is a button that shows only its picture and names itself for
// the smoke tests and the layout check (TapLabel).
type iconButton struct {
	widget.Button
	label string
}

func newIconButton(label string, icon fyne.Resource, fn func()) *iconButton {
	b := &iconButton{label: label}
	b.Icon, b.OnTapped = icon, fn
	b.ExtendBaseWidget(b)
	return b
}

// TapLabel names the button.
func (b *iconButton) TapLabel() string { return b.label }
