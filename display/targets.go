package display

// Where the buttons are, for the smoke tests that drive the real window.

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// Target is a tappable thing on screen and where its centre is, in window
// coordinates.
type Target struct {
	Label string
	X, Y  float32
	W, H  float32 // the size, for the handwriting pad's square ("square") only
}

// Targets lists the buttons (and the handwriting square) on screen with their centres, for the smoke
// test that drives the real window with xdotool.
func (k *Kiosk) Targets() []Target {
	var out []Target
	drv := k.app.Driver()
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch c := o.(type) {
		case *fyne.Container:
			for _, ch := range c.Objects {
				walk(ch)
			}
			return
		case *container.Scroll:
			walk(c.Content)
			return
		case *container.ThemeOverride: // 读给我听's small picture
			walk(c.Content)
			return
		}
		label := ""
		switch w := o.(type) {
		case *ink:
			if o.Visible() {
				p, sz := drv.AbsolutePositionForObject(o), o.Size()
				out = append(out, Target{Label: "square", X: p.X + sz.Width/2, Y: p.Y + sz.Height/2, W: sz.Width, H: sz.Height})
			}
			return
		case *widget.Button:
			label = w.Text
		case *widget.Check:
			label = w.Text
		case interface{ TapLabel() string }:
			label = w.TapLabel()
		}
		if label != "" && o.Visible() {
			p := drv.AbsolutePositionForObject(o)
			sz := o.Size()
			out = append(out, Target{Label: label, X: p.X + sz.Width/2, Y: p.Y + sz.Height/2})
		}
	}
	walk(k.win.Content())
	return out
}
