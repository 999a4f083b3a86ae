package displaytest

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Screen reads and taps what a window shows.
type Screen struct {
	T   testing.TB
	Win fyne.Window
}

// Objects returns every canvas object in the window, depth first,
// through containers, scrolls, splits, the selected tab and open
// accordion items.
func (u Screen) Objects() []fyne.CanvasObject {
	var out []fyne.CanvasObject
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil {
			return
		}
		out = append(out, o)
		switch c := o.(type) {
		case *fyne.Container:
			for _, ch := range c.Objects {
				walk(ch)
			}
		case *container.Scroll:
			walk(c.Content)
		case *container.ThemeOverride:
			walk(c.Content)
		case *container.Split:
			walk(c.Leading)
			walk(c.Trailing)
		case *container.AppTabs:
			if s := c.Selected(); s != nil {
				walk(s.Content)
			}
		case *widget.Accordion:
			for _, it := range c.Items {
				if it.Open {
					walk(it.Detail)
				}
			}
		}
	}
	walk(u.Win.Content())
	return out
}

// Texts is every text on screen, one a line: labels as they are, [button],
// [ ] check, <selected option>, (tappable picture).
func (u Screen) Texts() string {
	var b strings.Builder
	for _, o := range u.Objects() {
		switch w := o.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *canvas.Text:
			b.WriteString(w.Text + "\n")
		case *widget.Button:
			b.WriteString("[" + w.Text + "]\n")
		case *widget.Check:
			b.WriteString("[ ] " + w.Text + "\n")
		case *widget.Select:
			b.WriteString("<" + w.Selected + ">\n")
		case interface{ TapLabel() string }:
			b.WriteString("(" + w.TapLabel() + ")\n")
		}
	}
	return b.String()
}

// Has reports whether some text on screen contains text.
func (u Screen) Has(text string) bool { return strings.Contains(u.Texts(), text) }

// Want fails the test when text is not on screen.
func (u Screen) Want(text string) {
	u.T.Helper()
	if !u.Has(text) {
		u.T.Fatalf("%q not on screen:\n%s", text, u.Texts())
	}
}

// Tap taps the button, check or picture whose label is text; it fails when
// there is none, or the button is disabled.
func (u Screen) Tap(text string) {
	u.T.Helper()
	for _, o := range u.Objects() {
		switch b := o.(type) {
		case *widget.Button:
			if b.Text == text {
				if b.Disabled() {
					u.T.Fatalf("button %q is disabled", text)
				}
				test.Tap(b)
				return
			}
		case *widget.Check:
			if b.Text == text {
				test.Tap(b)
				return
			}
		case fyne.Tappable:
			if l, ok := o.(interface{ TapLabel() string }); ok && l.TapLabel() == text {
				b.Tapped(&fyne.PointEvent{})
				return
			}
		}
	}
	u.T.Fatalf("no button %q on screen:\n%s", text, u.Texts())
}

// Entry returns the entry whose placeholder starts with ph.
func (u Screen) Entry(ph string) *widget.Entry {
	u.T.Helper()
	for _, o := range u.Objects() {
		if e, ok := o.(*widget.Entry); ok && strings.HasPrefix(e.PlaceHolder, ph) {
			return e
		}
	}
	u.T.Fatalf("no entry %q", ph)
	return nil
}

// Choose picks the option containing opt in the select that offers it.
func (u Screen) Choose(opt string) {
	u.T.Helper()
	for _, o := range u.Objects() {
		if s, ok := o.(*widget.Select); ok {
			for _, x := range s.Options {
				if strings.Contains(x, opt) {
					s.SetSelected(x)
					return
				}
			}
		}
	}
	u.T.Fatalf("no select offers %q", opt)
}

// List returns the first list on screen.
func (u Screen) List() *widget.List {
	u.T.Helper()
	for _, o := range u.Objects() {
		if l, ok := o.(*widget.List); ok {
			return l
		}
	}
	u.T.Fatal("no list")
	return nil
}

// Rect returns where the button labelled text is on the canvas and its
// size; it fails when there is none.
func (u Screen) Rect(text string) (fyne.Position, fyne.Size) {
	u.T.Helper()
	for _, o := range u.Objects() {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			return fyne.CurrentApp().Driver().AbsolutePositionForObject(b), b.Size()
		}
	}
	u.T.Fatalf("no button %q on screen:\n%s", text, u.Texts())
	return fyne.Position{}, fyne.Size{}
}
