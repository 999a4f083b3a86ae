package display

import (
	"image/color"
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

// tile is a big button with an icon named in the configuration.
func (k *Kiosk) tile(label, icon string, primary bool, fn func()) fyne.CanvasObject {
	b := k.button(label, fn)
	b.Icon = iconFor(icon)
	if primary {
		b.Importance = widget.HighImportance
	}
	b.Refresh()
	t := k.target()
	return minSize(b, 2*t, t)
}

// iconFor maps the configuration's icon names to icons of the theme.
func iconFor(name string) fyne.Resource {
	switch name {
	case "trash":
		return theme.DeleteIcon()
	case "tools":
		return theme.SettingsIcon()
	case "home":
		return theme.HomeIcon()
	case "shield":
		return theme.WarningIcon()
	case "car":
		return theme.NavigateNextIcon()
	case "book":
		return theme.DocumentIcon()
	case "chat":
		return theme.MailComposeIcon()
	case "people", "person":
		return theme.AccountIcon()
	case "building":
		return theme.ComputerIcon()
	case "heart":
		return theme.ConfirmIcon()
	}
	return theme.InfoIcon()
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
	return k.label(s, fyne.TextAlignCenter, fyne.TextStyle{Bold: true}, theme.SizeNameText, widget.DangerImportance)
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

// smiley is one of the four big rating faces: a coloured disc with eyes
// and a mouth that turns up or down.
type smiley struct {
	widget.BaseWidget
	Label  string
	Rating int
	OnTap  func()
}

func newSmiley(label string, rating int, fn func()) *smiley {
	s := &smiley{Label: label, Rating: rating, OnTap: fn}
	s.ExtendBaseWidget(s)
	return s
}

func (s *smiley) Tapped(*fyne.PointEvent) {
	if s.OnTap != nil {
		s.OnTap()
	}
}

func (s *smiley) MinSize() fyne.Size { return fyne.NewSize(200, 250) }

// TapLabel is the face's label, for tests and screen readers.
func (s *smiley) TapLabel() string { return s.Label }

var faceColours = [5]color.NRGBA{{}, {0xc6, 0x28, 0x28, 0xff}, {0xef, 0x8a, 0x17, 0xff}, {0x7c, 0xb3, 0x42, 0xff}, {0x2e, 0x7d, 0x32, 0xff}}

func (s *smiley) CreateRenderer() fyne.WidgetRenderer {
	face := canvas.NewCircle(faceColours[s.Rating])
	eyeL, eyeR := canvas.NewCircle(color.Black), canvas.NewCircle(color.Black)
	mouth := []*canvas.Line{canvas.NewLine(color.Black), canvas.NewLine(color.Black), canvas.NewLine(color.Black)}
	for _, l := range mouth {
		l.StrokeWidth = 6
	}
	label := widget.NewLabelWithStyle(s.Label, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	objs := []fyne.CanvasObject{face, eyeL, eyeR, mouth[0], mouth[1], mouth[2], label}
	return &smileyRenderer{s: s, face: face, eyes: [2]*canvas.Circle{eyeL, eyeR}, mouth: mouth, label: label, objs: objs}
}

type smileyRenderer struct {
	s     *smiley
	face  *canvas.Circle
	eyes  [2]*canvas.Circle
	mouth []*canvas.Line
	label *widget.Label
	objs  []fyne.CanvasObject
}

func (r *smileyRenderer) Layout(size fyne.Size) {
	lh := r.label.MinSize().Height
	d := min(size.Width, size.Height-lh) - 8
	x0, y0 := (size.Width-d)/2, float32(4)
	r.face.Move(fyne.NewPos(x0, y0))
	r.face.Resize(fyne.NewSize(d, d))
	e := d / 9
	r.eyes[0].Move(fyne.NewPos(x0+d*0.3-e/2, y0+d*0.33))
	r.eyes[1].Move(fyne.NewPos(x0+d*0.7-e/2, y0+d*0.33))
	r.eyes[0].Resize(fyne.NewSize(e, e))
	r.eyes[1].Resize(fyne.NewSize(e, e))
	// Mouth: three segments; corners up for a good rating, down for a bad one.
	bend := d * 0.1
	if r.s.Rating <= 2 {
		bend = -bend
	}
	if r.s.Rating == 2 || r.s.Rating == 3 {
		bend /= 2
	}
	my := y0 + d*0.66
	pts := []fyne.Position{{X: x0 + d*0.28, Y: my - bend}, {X: x0 + d*0.42, Y: my}, {X: x0 + d*0.58, Y: my}, {X: x0 + d*0.72, Y: my - bend}}
	for i, l := range r.mouth {
		l.Position1, l.Position2 = pts[i], pts[i+1]
	}
	r.label.Move(fyne.NewPos(0, size.Height-lh))
	r.label.Resize(fyne.NewSize(size.Width, lh))
}

func (r *smileyRenderer) MinSize() fyne.Size           { return r.s.MinSize() }
func (r *smileyRenderer) Refresh()                     { r.Layout(r.s.Size()); canvas.Refresh(r.s) }
func (r *smileyRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *smileyRenderer) Destroy()                     {}

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
