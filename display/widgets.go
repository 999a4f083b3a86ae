package display

import (
	"image/color"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// minSize wraps o so that it is never smaller than w×h: touch targets stay
// big enough for a finger whatever the layout does.
func minSize(o fyne.CanvasObject, w, h float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(w, h))
	return container.NewStack(r, o)
}

// big returns a touch-sized button, high importance when primary.
func (k *Kiosk) big(label string, primary bool, fn func()) fyne.CanvasObject {
	b := k.button(label, fn)
	if primary {
		b.Importance = widget.HighImportance
		b.Refresh()
	}
	t := k.target()
	return minSize(b, 2*t, t)
}

// tile is a topic's or service's tile: its picture before its name, the
// size of the text: 2.5 times the text's height, 60 px at normal size.
func (k *Kiosk) tile(label, picture string, selected bool, fn func()) fyne.CanvasObject {
	size := 2.5 * k.th.Size(theme.SizeNameText)
	if k.short() {
		size = 2 * k.th.Size(theme.SizeNameText) // two rows of tiles under the question
	}
	return k.picTile(label, picture, size, false, selected, fn)
}

// chip is a toggle shown as a button: filled when on.
func (k *Kiosk) chip(label string, on bool, fn func()) fyne.CanvasObject {
	text := label
	if on {
		text = "✓ " + label
	}
	b := k.button(text, fn)
	if on {
		b.Importance = widget.HighImportance
		b.Refresh()
	}
	t := k.target()
	return minSize(b, 2*t, t)
}

// grid lays objects out in n columns.
func grid(n int, objs ...fyne.CanvasObject) *fyne.Container {
	return container.NewGridWithColumns(n, objs...)
}

// title is a heading.
func (k *Kiosk) title(s string) fyne.CanvasObject {
	return k.label(s, fyne.TextAlignCenter, fyne.TextStyle{Bold: true}, theme.SizeNameHeadingText, widget.MediumImportance)
}

// text is a wrapped paragraph.
func (k *Kiosk) text(s string) *widget.Label {
	return k.label(s, fyne.TextAlignLeading, fyne.TextStyle{}, theme.SizeNameText, widget.MediumImportance)
}

// message is a plain notice for the resident (an error in plain words).
func (k *Kiosk) message(s string) fyne.CanvasObject {
	l := k.label(s, fyne.TextAlignCenter, fyne.TextStyle{Bold: true}, theme.SizeNameText, widget.DangerImportance)
	// A wrapped label learns its height only once laid out at its width,
	// too late for the footer: reserve the lines it will need at the
	// panel's width (with room for breaks at words), so that it never
	// lies under the buttons.
	one := fyne.MeasureText(s, k.th.Size(theme.SizeNameText), fyne.TextStyle{Bold: true})
	room := k.panelSize().Width - 4*k.th.Size(theme.SizeNameInnerPadding)
	if room <= 0 {
		return l
	}
	lines := float32(math.Ceil(float64(one.Width / (0.85 * room))))
	return minSize(l, 0, lines*one.Height+2*k.th.Size(theme.SizeNameInnerPadding))
}

// line is one line of text that never wraps (a counter, a page number).
func (k *Kiosk) line(s string) *widget.Label {
	o, key := k.pool.get("line", s)
	l, _ := o.(*widget.Label)
	if l == nil {
		l = widget.NewLabelWithStyle(s, fyne.TextAlignCenter, fyne.TextStyle{})
		k.pool.put(key, l)
	}
	return l
}

// blank keeps the place of a key that has nothing to show now.
func (k *Kiosk) blank(int) fyne.CanvasObject { return canvas.NewRectangle(color.Transparent) }

// cover lies over the whole screen and takes any tap (the idle warning's
// "I'm still here").
type cover struct {
	widget.BaseWidget
	OnTap func()
}

func newCover(fn func()) *cover {
	c := &cover{OnTap: fn}
	c.ExtendBaseWidget(c)
	return c
}

func (c *cover) Tapped(*fyne.PointEvent) { c.OnTap() }

func (c *cover) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.NRGBA{0, 0, 0, 0x99}))
}

// bold is a bold line of text.
func (k *Kiosk) bold(s string, align fyne.TextAlign) *widget.Label {
	return k.label(s, align, fyne.TextStyle{Bold: true}, theme.SizeNameText, widget.MediumImportance)
}

// corner is the hidden way into the admin screen: a long press (3 s) on
// the top-left corner, or five quick taps on it.
type corner struct {
	widget.BaseWidget
	OnOpen func()
	Now    func() time.Time
	down   time.Time
	taps   []time.Time
}

func newCorner(now func() time.Time, fn func()) *corner {
	c := &corner{OnOpen: fn, Now: now}
	c.ExtendBaseWidget(c)
	return c
}

func (c *corner) MinSize() fyne.Size { return fyne.NewSize(64, 64) }

// OpensAdmin marks the corner for tests.
func (c *corner) OpensAdmin() {}

func (c *corner) Tapped(*fyne.PointEvent) {
	now := c.Now()
	keep := c.taps[:0]
	for _, t := range c.taps {
		if now.Sub(t) < 3*time.Second {
			keep = append(keep, t)
		}
	}
	c.taps = append(keep, now)
	if len(c.taps) >= 5 {
		c.taps = nil
		c.OnOpen()
	}
}

func (c *corner) MouseDown(*desktop.MouseEvent) { c.down = c.Now() }
func (c *corner) MouseUp(*desktop.MouseEvent) {
	if !c.down.IsZero() && c.Now().Sub(c.down) >= 3*time.Second {
		c.OnOpen()
	}
	c.down = time.Time{}
}

func (c *corner) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

// spacer pushes things apart in a box.
func spacer() fyne.CanvasObject { return layout.NewSpacer() }
