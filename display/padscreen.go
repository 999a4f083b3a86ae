package display

// Screens around a digit pad (the receipt code, the phone number): on a
// short landscape panel (the 7" display) the question takes the top row,
// the pad's two rows below it have square keys, and the value typed stands
// beside the pad; a mistake is said in the question's place rather than
// under the pad, so that the pad stays in view.

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"opinionwall/kiosk"
	"opinionwall/kiosk/session"
)

// short reports whether the panel is a short landscape one, where a step's
// question, value and pad must share rows.
func (k *Kiosk) short() bool {
	p := k.panelSize()
	return p.Width > p.Height && p.Height < 600
}

// asked is the step's question, or in its place the mistake just made
// (the footer then leaves it out: errInBody), so that saying it moves
// nothing below.
func (k *Kiosk) asked(v session.View, q string) fyne.CanvasObject {
	if v.Err != nil {
		k.errInBody = true
		return k.message(kiosk.PlainMessage(v.Err, v.Lang))
	}
	return k.title(q)
}

// padScreen is a step that asks for digits: the question, the value typed
// so far (shown, already formatted) and the pad editing *value.
// On a short panel, more (a consent) stands under the value.
func (k *Kiosk) padScreen(v session.View, question, shown string, value *string, max int, changed func(), more ...fyne.CanvasObject) fyne.CanvasObject {
	if !k.short() {
		return container.NewVBox(k.asked(v, question),
			k.label(shown, fyne.TextAlignCenter, fyne.TextStyle{Bold: true}, theme.SizeNameHeadingText, widget.MediumImportance),
			container.NewCenter(k.digitPad(v.Lang, value, max, changed)))
	}
	var top fyne.CanvasObject = k.bold(question, fyne.TextAlignCenter)
	if v.Err != nil {
		top = k.asked(v, question)
	}
	pad := k.digitPadKeys(v.Lang, value, max, changed, k.target())
	beside := container.NewVBox(append([]fyne.CanvasObject{container.NewCenter(k.fixedLine(shown, 1, true))}, more...)...)
	return container.NewVBox(top, container.NewBorder(nil, nil, pad, nil, container.NewCenter(beside)))
}
