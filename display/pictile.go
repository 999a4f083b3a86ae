package display

import (
	"strings"
	"unicode/utf8"

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
}

func (t *picTile) Tapped(*fyne.PointEvent) {
	if t.OnTap != nil {
		t.OnTap()
	}
}

// TapLabel is the tile's label, for tests, the smoke test's targets and
// screen readers.
func (t *picTile) TapLabel() string { return t.Label }

// lines splits a long label with spaces in two at the space nearest its
// middle; Chinese labels are short and stay whole.
func lines(s string) []string {
	if utf8.RuneCountInString(s) <= 14 || !strings.Contains(s, " ") {
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
	texts []*canvas.Text
}

const tilePad = 12

func (r *picTileRenderer) textSize() fyne.Size {
	var w, h float32
	for _, x := range r.texts {
		s := x.MinSize()
		w, h = max(w, s.Width), h+s.Height
	}
	return fyne.NewSize(w, h)
}

func (r *picTileRenderer) MinSize() fyne.Size {
	ts, p := r.textSize(), r.t.PicSize
	if r.t.Stacked {
		return fyne.NewSize(max(p, ts.Width)+2*tilePad, p+ts.Height+3*tilePad)
	}
	return fyne.NewSize(p+ts.Width+3*tilePad, max(p, ts.Height)+2*tilePad)
}

func (r *picTileRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	ts, p := r.textSize(), r.t.PicSize
	var x, y float32
	if r.t.Stacked {
		top := (size.Height - p - ts.Height - tilePad) / 2
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
	r.texts = r.texts[:0]
	for _, l := range lines(r.t.Label) {
		x := canvas.NewText(l, fg)
		x.TextSize, x.TextStyle = th.Size(theme.SizeNameText), fyne.TextStyle{Bold: true}
		r.texts = append(r.texts, x)
	}
	r.Layout(r.t.Size())
	r.bg.Refresh()
	r.img.Refresh()
}

func (r *picTileRenderer) Objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{r.bg, r.img}
	for _, t := range r.texts {
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
	t.Refresh()
	return t
}

// Resource is the tile's picture, for tests.
func (t *picTile) Resource() fyne.Resource { return t.Picture }
