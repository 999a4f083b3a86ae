package display

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"opinionwall/display/handwriting"
)

// inkWidth is the width of a written stroke, in pixels: a finger's line.
const inkWidth = 6

// ink is the square the resident writes in: a finger's drag is a stroke,
// drawn as it goes; a tap is a dot. It keeps the strokes in pixels of its
// own size and hands each finished stroke to done.
type ink struct {
	widget.BaseWidget
	side    float32
	strokes [][]fyne.Position
	drawing bool   // a drag is under way: the last stroke is growing
	off     bool   // writing is not possible (no model): no strokes, no guides
	start   func() // when a stroke begins
	done    func() // after each stroke, on the Fyne thread
}

var (
	_ fyne.Draggable = (*ink)(nil)
	_ fyne.Tappable  = (*ink)(nil)
)

func newInk(side float32, start, done func()) *ink {
	i := &ink{side: side, start: start, done: done}
	i.ExtendBaseWidget(i)
	return i
}

// Dragged grows the stroke under way, or starts one where the drag began.
func (i *ink) Dragged(e *fyne.DragEvent) {
	if i.off {
		return
	}
	if !i.drawing {
		i.drawing = true
		i.strokes = append(i.strokes, []fyne.Position{e.Position.Subtract(e.Dragged)})
		i.start()
	}
	last := len(i.strokes) - 1
	i.strokes[last] = append(i.strokes[last], e.Position)
	i.Refresh()
}

// DragEnd finishes the stroke.
func (i *ink) DragEnd() {
	if !i.drawing {
		return
	}
	i.drawing = false
	i.done()
}

// Tapped is a dot: a stroke of one point, as a resident taps the dots of
// 丶 rather than drag them.
func (i *ink) Tapped(e *fyne.PointEvent) {
	if i.off {
		return
	}
	i.strokes = append(i.strokes, []fyne.Position{e.Position, e.Position.AddXY(1, 1)})
	i.start()
	i.Refresh()
	i.done()
}

// clear wipes the square.
func (i *ink) clear() {
	i.strokes, i.drawing = nil, false
	i.Refresh()
}

// unit returns the strokes in the unit square of the pad.
func (i *ink) unit() [][]handwriting.Point {
	s := i.Size()
	if s.Width <= 0 || s.Height <= 0 {
		return nil
	}
	out := make([][]handwriting.Point, 0, len(i.strokes))
	for _, st := range i.strokes {
		u := make([]handwriting.Point, len(st))
		for j, p := range st {
			u[j] = handwriting.Point{X: p.X / s.Width, Y: p.Y / s.Height}
		}
		out = append(out, u)
	}
	return out
}

func (i *ink) MinSize() fyne.Size { return fyne.NewSize(i.side, i.side) }

func (i *ink) CreateRenderer() fyne.WidgetRenderer {
	r := &inkRenderer{ink: i, bg: canvas.NewRectangle(color.White)}
	r.bg.StrokeWidth = 3
	for range 4 {
		r.guides = append(r.guides, canvas.NewLine(color.Black))
	}
	r.Refresh()
	return r
}

// inkRenderer draws the square: a light 米字格 (the grid children learn
// to write in) and the strokes as lines.
type inkRenderer struct {
	ink    *ink
	bg     *canvas.Rectangle
	guides []*canvas.Line
	lines  []*canvas.Line
}

func (r *inkRenderer) Layout(s fyne.Size) {
	r.bg.Resize(s)
	ends := [][4]float32{{0, s.Height / 2, s.Width, s.Height / 2}, {s.Width / 2, 0, s.Width / 2, s.Height}, {0, 0, s.Width, s.Height}, {s.Width, 0, 0, s.Height}}
	for j, g := range r.guides {
		g.Position1, g.Position2 = fyne.NewPos(ends[j][0], ends[j][1]), fyne.NewPos(ends[j][2], ends[j][3])
	}
}

func (r *inkRenderer) MinSize() fyne.Size { return r.ink.MinSize() }

func (r *inkRenderer) Refresh() {
	th := r.ink.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	fg := th.Color(theme.ColorNameForeground, v)
	r.bg.FillColor = th.Color(theme.ColorNameInputBackground, v)
	r.bg.StrokeColor = th.Color(theme.ColorNamePrimary, v)
	for _, g := range r.guides {
		g.StrokeColor, g.StrokeWidth = th.Color(theme.ColorNameSeparator, v), 1
		g.Hidden = r.ink.off
	}
	n := 0
	for _, st := range r.ink.strokes {
		for j := 1; j < len(st); j++ {
			if n == len(r.lines) {
				r.lines = append(r.lines, canvas.NewLine(fg))
			}
			l := r.lines[n]
			l.StrokeColor, l.StrokeWidth = fg, inkWidth
			l.Position1, l.Position2 = st[j-1], st[j]
			l.Hidden = false
			n++
		}
	}
	for _, l := range r.lines[n:] {
		l.Hidden = true
	}
	r.Layout(r.ink.Size())
	canvas.Refresh(r.ink)
}

func (r *inkRenderer) Objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{r.bg}
	for _, g := range r.guides {
		objs = append(objs, g)
	}
	for _, l := range r.lines {
		objs = append(objs, l)
	}
	return objs
}

func (r *inkRenderer) Destroy() {}
