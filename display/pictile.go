package display

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// picTile is a big tappable tile: a picture and its label, the picture
// above (Stacked) or before the label. Its label is one or two lines of
// fixed text, never wrapped narrower nor cut: the tile is as wide as they
// need.
type picTile struct {
	widget.BaseWidget
	Label    string
	Picture  fyne.Resource
	PicSize  float32 // the picture's side
	Stacked  bool
	Selected bool
	OnTap    func()
	Min      float32 // the smallest side of a target on this panel and mode
}

func (t *picTile) Tapped(*fyne.PointEvent) {
	if t.OnTap != nil {
		t.OnTap()
	}
}

// TapLabel is the tile's label, for tests, the smoke test's targets and
// screen readers.
func (t *picTile) TapLabel() string { return t.Label }

// lines splits a label with spaces in two at the space nearest its
// middle, for a tile too narrow for it on one line (the tile shows it
// whole where it fits); Chinese labels are short and stay whole.
func lines(s string) []string {
	if !strings.Contains(s, " ") {
		return []string{s}
	}
	best, mid := -1, len(s)/2
	for i, r := range s {
		if r == ' ' && (best < 0 || abs(i-mid) < abs(best-mid)) {
			best = i
		}
	}
	return []string{s[:best], s[best+1:]}
}

func abs(n int) int { return max(n, -n) }

func (t *picTile) CreateRenderer() fyne.WidgetRenderer {
	r := &picTileRenderer{t: t, bg: canvas.NewRectangle(nil), img: canvas.NewImageFromResource(t.Picture)}
	r.img.FillMode = canvas.ImageFillContain
	r.Refresh()
	return r
}

type picTileRenderer struct {
	t     *picTile
	bg    *canvas.Rectangle
	img   *canvas.Image
	whole *canvas.Text   // the label on one line
	split []*canvas.Text // the label on two lines, when it is long and has a space
	texts []*canvas.Text // what the last layout shows: whole, or split
}

const tilePad = 12

func textSize(ts []*canvas.Text) fyne.Size {
	var w, h float32
	for _, x := range ts {
		s := x.MinSize()
		w, h = max(w, s.Width), h+s.Height
	}
	return fyne.NewSize(w, h)
}

// narrowest is the label as narrow as it goes: split when it can be.
func (r *picTileRenderer) narrowest() []*canvas.Text {
	if r.split != nil {
		return r.split
	}
	return []*canvas.Text{r.whole}
}

// MinSize fits the narrowest label, and the height of two lines when the
// label can wrap (a Chinese label is one line: its tile is lower).
func (r *picTileRenderer) MinSize() fyne.Size {
	ts, p := textSize(r.narrowest()), r.t.PicSize
	if r.split != nil {
		ts.Height = max(ts.Height, 2*r.whole.MinSize().Height) // room to wrap
	}
	m := r.t.Min
	if r.t.Stacked {
		return fyne.NewSize(max(m, max(p, ts.Width)+2*tilePad), max(m, p+ts.Height+3*tilePad))
	}
	return fyne.NewSize(max(m, p+ts.Width+3*tilePad), max(m, max(p, ts.Height)+2*tilePad))
}

func (r *picTileRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	p := r.t.PicSize
	room := size.Width - 2*tilePad
	if !r.t.Stacked {
		room -= p + tilePad
	}
	r.texts = []*canvas.Text{r.whole}
	if r.split != nil && r.whole.MinSize().Width > room {
		r.texts = r.split
	}
	r.whole.Hidden = r.texts[0] != r.whole
	for _, t := range r.split {
		t.Hidden = !r.whole.Hidden
	}
	ts := textSize(r.texts)
	var x, y float32
	if r.t.Stacked {
		// Room for two lines whatever the label: pictures side by side
		// line up, and a one-line label sits right under its picture.
		top := max(tilePad, (size.Height-p-max(ts.Height, 2*r.whole.MinSize().Height)-tilePad)/2)
		r.img.Move(fyne.NewPos((size.Width-p)/2, top))
		x, y = 0, top+p+tilePad
	} else {
		left := max(tilePad, (size.Width-p-ts.Width-tilePad)/2)
		r.img.Move(fyne.NewPos(left, (size.Height-p)/2))
		x, y = left+p+tilePad, (size.Height-ts.Height)/2
	}
	r.img.Resize(fyne.NewSize(p, p))
	for _, t := range r.texts {
		s := t.MinSize()
		if r.t.Stacked {
			t.Move(fyne.NewPos((size.Width-s.Width)/2, y))
		} else {
			t.Move(fyne.NewPos(x, y))
		}
		t.Resize(s)
		y += s.Height
	}
}

func (r *picTileRenderer) Refresh() {
	th := fyne.CurrentApp().Settings().Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	fill, fg := th.Color(theme.ColorNameButton, v), th.Color(theme.ColorNameForeground, v)
	if r.t.Selected {
		fill, fg = th.Color(theme.ColorNamePrimary, v), th.Color(theme.ColorNameForegroundOnPrimary, v)
	}
	r.bg.FillColor, r.bg.CornerRadius = fill, 12
	r.bg.StrokeColor, r.bg.StrokeWidth = th.Color(theme.ColorNamePrimary, v), 2
	r.img.Resource = r.t.Picture
	text := func(s string) *canvas.Text {
		x := canvas.NewText(s, fg)
		x.TextSize, x.TextStyle = th.Size(theme.SizeNameText), fyne.TextStyle{Bold: true}
		return x
	}
	r.whole, r.split = text(r.t.Label), nil
	if ls := lines(r.t.Label); len(ls) == 2 {
		r.split = []*canvas.Text{text(ls[0]), text(ls[1])}
	}
	r.Layout(r.t.Size())
	r.bg.Refresh()
	r.img.Refresh()
}

func (r *picTileRenderer) Objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{r.bg, r.img, r.whole}
	for _, t := range r.split {
		objs = append(objs, t)
	}
	return objs
}

func (r *picTileRenderer) Destroy() {}

// picTile returns a pooled picture tile.
func (k *Kiosk) picTile(label, picture string, size float32, stacked, selected bool, fn func()) *picTile {
	o, key := k.pool.get("pictile", label)
	t, _ := o.(*picTile)
	if t == nil {
		t = &picTile{}
		t.ExtendBaseWidget(t)
		k.pool.put(key, t)
	}
	t.Label, t.Picture, t.PicSize, t.Stacked, t.Selected, t.OnTap = label, k.picture(picture), size, stacked, selected, fn
	t.Min = k.target()
	t.Refresh()
	return t
}

// Resource is the tile's picture, for tests.
func (t *picTile) Resource() fyne.Resource { return t.Picture }
