package displaytest

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Rules are what a screen must satisfy to be fit for the street.
type Rules struct {
	// MinTarget is the smallest side of a tappable object, in pixels.
	MinTarget float32
	// Needed are the labels of the buttons the step needs: each must be
	// on screen, enabled and uncovered.
	Needed []string
	// Background is the colour behind everything (the theme's).
	Background color.Color
	// Panel is the size of the screen: a window whose content needs more
	// grows past it in the test driver, but a full-screen kiosk cannot.
	Panel fyne.Size
}

// item is one drawn object with where it is on the canvas.
type item struct {
	o      fyne.CanvasObject
	r      rect
	clip   rect // the scroll viewport it is drawn in (the canvas otherwise)
	parent int  // index of the nearest tappable or label ancestor, -1 for none
	order  int
}

type rect struct{ x0, y0, x1, y1 float32 }

func (r rect) inside(o rect) bool {
	const eps = 0.5
	return r.x0 >= o.x0-eps && r.y0 >= o.y0-eps && r.x1 <= o.x1+eps && r.y1 <= o.y1+eps
}

func (r rect) overlaps(o rect) bool {
	const eps = 1
	return r.x0+eps < o.x1 && o.x0+eps < r.x1 && r.y0+eps < o.y1 && o.y0+eps < r.y1
}

func (r rect) has(x, y float32) bool { return x >= r.x0 && x <= r.x1 && y >= r.y0 && y <= r.y1 }

func (r rect) cut(o rect) rect {
	return rect{max(r.x0, o.x0), max(r.y0, o.y0), min(r.x1, o.x1), min(r.y1, o.y1)}
}

func (r rect) String() string {
	return fmt.Sprintf("%.0f,%.0f %.0f×%.0f", r.x0, r.y0, r.x1-r.x0, r.y1-r.y0)
}

// drawn walks everything the window draws, in drawing order, through
// containers and widget renderers, with positions on the canvas.
func drawn(win fyne.Window) []item {
	c := win.Canvas()
	full := rect{0, 0, c.Size().Width, c.Size().Height}
	var out []item
	var walk func(o fyne.CanvasObject, at fyne.Position, clip rect, parent int)
	walk = func(o fyne.CanvasObject, at fyne.Position, clip rect, parent int) {
		if o == nil || !o.Visible() {
			return
		}
		p := at.Add(o.Position())
		sz := o.Size()
		it := item{o: o, r: rect{p.X, p.Y, p.X + sz.Width, p.Y + sz.Height}, clip: clip, parent: parent, order: len(out)}
		out = append(out, it)
		me := parent
		if isSemantic(o) {
			me = it.order
		}
		switch w := o.(type) {
		case *fyne.Container:
			for _, ch := range w.Objects {
				walk(ch, p, clip, me)
			}
		case *container.Scroll:
			walk(w.Content, p.Subtract(w.Offset), clip.cut(it.r), me)
		case fyne.Widget:
			for _, ch := range test.WidgetRenderer(w).Objects() {
				walk(ch, p, clip, me)
			}
		}
	}
	walk(c.Content(), fyne.Position{}, full, -1)
	return out
}

// isSemantic: the objects a resident sees or taps (texts, tappables).
func isSemantic(o fyne.CanvasObject) bool {
	switch o.(type) {
	case *canvas.Text, *widget.Label, *widget.Button, *widget.Check:
		return true
	}
	_, tap := o.(fyne.Tappable)
	return tap
}

func name(o fyne.CanvasObject) string {
	switch w := o.(type) {
	case *canvas.Text:
		return fmt.Sprintf("text %q", w.Text)
	case *widget.Label:
		return fmt.Sprintf("label %q", w.Text)
	case *widget.Button:
		return fmt.Sprintf("button %q", w.Text)
	case *widget.Check:
		return fmt.Sprintf("check %q", w.Text)
	case interface{ TapLabel() string }:
		return fmt.Sprintf("%T %q", o, w.TapLabel())
	}
	return fmt.Sprintf("%T", o)
}

// CheckLayout returns every problem of the window's screen against the
// rules, one a line: objects outside the canvas or below the fold, covered
// objects, small targets, squeezed, truncated or stacked text, low
// contrast, and missing needed buttons.
func CheckLayout(win fyne.Window, r Rules) []string {
	items := drawn(win)
	c := win.Canvas()
	full := rect{0, 0, c.Size().Width, c.Size().Height}
	var out []string
	if r.Panel.Width > 0 {
		if full.x1 > r.Panel.Width+0.5 || full.y1 > r.Panel.Height+0.5 {
			out = append(out, fmt.Sprintf("the screen needs %.0f×%.0f, more than the %.0f×%.0f panel", full.x1, full.y1, r.Panel.Width, r.Panel.Height))
		}
		full = rect{0, 0, r.Panel.Width, r.Panel.Height}
	}
	// A tappable over the whole content is a modal overlay: what it
	// covers is not on screen.
	whole := rect{0, 0, 1, 1}
	if len(items) > 0 {
		whole = items[0].r
	}
	first := 0
	for i, it := range items {
		if isModal(it, whole) {
			first = i
		}
	}
	bad := func(format string, a ...any) { out = append(out, fmt.Sprintf(format, a...)) }
	var sem []item
	for _, it := range items[first:] {
		if isSemantic(it.o) && !isEmptyText(it.o) && !isModal(it, whole) {
			sem = append(sem, it)
		}
	}
	for _, it := range sem {
		switch {
		case !it.r.inside(full):
			bad("%s at %s lies outside the %s canvas", name(it.o), it.r, full)
		case !it.r.inside(it.clip):
			bad("%s at %s lies outside its scroll view %s", name(it.o), it.r, it.clip)
		}
		ms := it.o.MinSize()
		if w, h := it.r.x1-it.r.x0, it.r.y1-it.r.y0; w < ms.Width-1 || h < ms.Height-1 {
			bad("%s is squeezed to %.0f×%.0f, needs %.0f×%.0f (cut off)", name(it.o), w, h, ms.Width, ms.Height)
		}
		if _, tap := it.o.(fyne.Tappable); tap && !isCorner(it.o) {
			if w, h := it.r.x1-it.r.x0, it.r.y1-it.r.y0; w < r.MinTarget-0.5 || h < r.MinTarget-0.5 {
				bad("%s is %.0f×%.0f, smaller than %.0f×%.0f", name(it.o), w, h, r.MinTarget, r.MinTarget)
			}
		}
		if l, ok := it.o.(*widget.Label); ok {
			out = append(out, checkLines(l, items)...)
		}
		if t, ok := it.o.(*canvas.Text); ok {
			if msg := checkContrast(t, it, items, r.Background); msg != "" {
				bad("%s", msg)
			}
		}
	}
	out = append(out, checkCovered(sem)...)
	out = append(out, checkNeeded(sem, r.Needed)...)
	return out
}

func isEmptyText(o fyne.CanvasObject) bool {
	switch w := o.(type) {
	case *canvas.Text:
		return strings.TrimSpace(w.Text) == ""
	case *widget.Label:
		return strings.TrimSpace(w.Text) == ""
	}
	return false
}

func isModal(it item, whole rect) bool {
	_, tap := it.o.(fyne.Tappable)
	return tap && whole.inside(it.r)
}

func isCorner(o fyne.CanvasObject) bool {
	_, ok := o.(interface{ OpensAdmin() })
	return ok
}

// checkCovered finds texts and tappables drawn over each other (a text in
// its own button or label is not covered).
func checkCovered(sem []item) []string {
	var out []string
	all := make([]item, 0, len(sem))
	byOrder := map[int]int{}
	for i, it := range sem {
		byOrder[it.order] = i
		all = append(all, it)
	}
	related := func(a, b item) bool {
		for p := a.parent; p >= 0; {
			if p == b.order {
				return true
			}
			j, ok := byOrder[p]
			if !ok {
				break
			}
			p = sem[j].parent
		}
		return false
	}
	for i := range all {
		for j := i + 1; j < len(all); j++ {
			a, b := all[i], all[j]
			if related(a, b) || related(b, a) || !a.r.cut(a.clip).overlaps(b.r.cut(b.clip)) {
				continue
			}
			_, ta := a.o.(*canvas.Text)
			_, tb := b.o.(*canvas.Text)
			_, la := a.o.(*widget.Label)
			_, lb := b.o.(*widget.Label)
			if la || lb || (isCorner(a.o) && tb) || (isCorner(b.o) && ta) {
				continue // labels are checked through their texts
			}
			out = append(out, fmt.Sprintf("%s at %s and %s at %s overlap", name(a.o), a.r, name(b.o), b.r))
		}
	}
	return out
}

// checkLines finds a label wrapped to one character a line, and lines set
// closer than 1.3 times the text size.
func checkLines(l *widget.Label, items []item) []string {
	var lines []item
	for _, it := range items {
		if t, ok := it.o.(*canvas.Text); ok && underLabel(items, it, l) && strings.TrimSpace(t.Text) != "" {
			lines = append(lines, it)
		}
	}
	if len(lines) < 2 {
		return nil
	}
	var out []string
	short := 0
	for _, it := range lines[:len(lines)-1] {
		if len([]rune(strings.TrimSpace(it.o.(*canvas.Text).Text))) < 2 {
			short++
		}
	}
	if short > 0 {
		out = append(out, fmt.Sprintf("label %q is wrapped to fewer than two characters a line (%d lines)", l.Text, len(lines)))
	}
	t0 := lines[0].o.(*canvas.Text)
	if gap := lines[1].r.y0 - lines[0].r.y0; gap < 1.3*t0.TextSize-0.5 {
		out = append(out, fmt.Sprintf("label %q has line spacing %.2f, less than 1.3", l.Text, gap/t0.TextSize))
	}
	return out
}

func underLabel(items []item, it item, l *widget.Label) bool {
	for p := it.parent; p >= 0; p = items[p].parent {
		if items[p].o == l {
			return true
		}
	}
	return false
}

// checkContrast compares a text's colour with what is drawn behind its
// middle (rectangles and circles before it, over the background).
func checkContrast(t *canvas.Text, it item, items []item, bg color.Color) string {
	x, y := (it.r.x0+it.r.x1)/2, (it.r.y0+it.r.y1)/2
	under := toRGB(bg, rgb{1, 1, 1})
	for _, o := range items[:it.order] {
		if !o.r.has(x, y) || !o.clip.has(x, y) {
			continue
		}
		switch f := o.o.(type) {
		case *canvas.Rectangle:
			under = toRGB(f.FillColor, under)
		case *canvas.Circle:
			under = toRGB(f.FillColor, under)
		}
	}
	fg := toRGB(t.Color, under)
	ratio := contrast(fg, under)
	need := 4.5
	if t.TextSize > 24 || (t.TextSize >= 18.66 && t.TextStyle.Bold) { // 18 pt, 14 pt bold
		need = 3
	}
	if ratio < need-0.005 {
		return fmt.Sprintf("text %q has contrast %.2f:1 (needs %.1f:1)", t.Text, ratio, need)
	}
	return ""
}

type rgb struct{ r, g, b float64 }

// toRGB composites c over under.
func toRGB(c color.Color, under rgb) rgb {
	if c == nil {
		return under
	}
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	a := float64(n.A) / 255
	return rgb{
		float64(n.R)/255*a + under.r*(1-a),
		float64(n.G)/255*a + under.g*(1-a),
		float64(n.B)/255*a + under.b*(1-a),
	}
}

// contrast is the WCAG 2 contrast ratio of two colours.
func contrast(a, b rgb) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(c rgb) float64 {
	lin := func(v float64) float64 {
		if v <= 0.03928 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.r) + 0.7152*lin(c.g) + 0.0722*lin(c.b)
}

// checkNeeded finds needed buttons missing, disabled or off screen.
func checkNeeded(sem []item, needed []string) []string {
	var out []string
	for _, n := range needed {
		found := false
		for _, it := range sem {
			if b, ok := it.o.(*widget.Button); ok && b.Text == n {
				found = true
				if b.Disabled() {
					out = append(out, fmt.Sprintf("needed button %q is disabled", n))
				}
			}
			// A tappable of its own (a picture tile) names itself.
			if l, ok := it.o.(interface{ TapLabel() string }); ok && it.o != nil && l.TapLabel() == n {
				if _, tap := it.o.(fyne.Tappable); tap {
					found = true
				}
			}
		}
		if !found {
			out = append(out, fmt.Sprintf("needed button %q is not on screen", n))
		}
	}
	return out
}

// ThemeBackground is the background colour of the app's theme.
func ThemeBackground(a fyne.App) color.Color {
	return a.Settings().Theme().Color(theme.ColorNameBackground, a.Settings().ThemeVariant())
}
