package station

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// The inbox's keyboard shortcuts, for a worker going through a queue:
// Alt+↓ and Alt+↑ open the next and previous case, Alt+T triages with
// the form as set, Alt+R puts the cursor in the reply.
var inboxKeys = []fyne.KeyName{fyne.KeyDown, fyne.KeyUp, fyne.KeyT, fyne.KeyR}

// addShortcuts registers the inbox's shortcuts on the window.
func (s *App) addShortcuts() {
	for _, k := range inboxKeys {
		sc := &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierAlt}
		s.win.Canvas().AddShortcut(sc, func(fyne.Shortcut) { s.shortcut(sc) })
	}
}

// shortcut does what an inbox shortcut means; it reports whether it was one.
func (s *App) shortcut(sc fyne.Shortcut) bool {
	c, ok := sc.(*desktop.CustomShortcut)
	if !ok || c.Modifier != fyne.KeyModifierAlt || s.inbox.list == nil {
		return false
	}
	switch c.KeyName {
	case fyne.KeyDown:
		s.stepCase(1)
	case fyne.KeyUp:
		s.stepCase(-1)
	case fyne.KeyT:
		if s.form.matter != nil {
			s.triage()
		}
	case fyne.KeyR:
		if s.form.reply != nil {
			s.win.Canvas().Focus(s.form.reply)
		}
	default:
		return false
	}
	return true
}

// stepCase opens the case d rows after the one open (the first if none).
func (s *App) stepCase(d int) {
	v := &s.inbox
	n := len(v.page.Cases)
	if n == 0 {
		return
	}
	i := v.cursor + d
	if v.sel == "" {
		i = 0
	}
	if i < 0 || i >= n {
		return
	}
	v.list.Select(i) // opens it
}

// keyEntry is a multi-line entry that hands the inbox's shortcuts to the
// window (an entry with the cursor otherwise keeps every shortcut).
type keyEntry struct {
	widget.Entry
	onKey func(fyne.Shortcut) bool
}

func newKeyEntry(onKey func(fyne.Shortcut) bool) *keyEntry {
	e := &keyEntry{onKey: onKey}
	e.MultiLine, e.Wrapping = true, fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

// TypedShortcut runs an inbox shortcut, or the entry's own.
func (e *keyEntry) TypedShortcut(sc fyne.Shortcut) {
	if e.onKey != nil && e.onKey(sc) {
		return
	}
	e.Entry.TypedShortcut(sc)
}
