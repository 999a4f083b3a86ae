package display

import (
	"fyne.io/fyne/v2"
)

// keysLayout places the keyboard's rows of keys so that its geometry
// depends only on the space it is given, never on what is being typed:
// every row has the same height, a key is one unit wide (wider keys take
// more units), and each row is centred. Rows are given as the number of
// objects in each; units gives each object's width in units.
type keysLayout struct {
	rows   []int
	units  []float32
	target float32 // the preferred key side; keys grow to at most 1.25×
	gap    float32
	span   float32 // units across the widest row
}

var _ fyne.Layout = (*keysLayout)(nil)

// MinSize is small on purpose: the keyboard fills whatever its screen
// leaves it, and the layout test says when keys get too small.
func (l *keysLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	n := float32(len(l.rows))
	return fyne.NewSize(l.span*l.target/2, n*l.target/2)
}

func (l *keysLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	span := l.span
	rows := l.reflow(span)
	if (size.Width-l.gap*(span-1))/span < l.target {
		// A narrow (portrait) screen: fewer, wider keys a row, when the
		// screen is tall enough for the extra rows.
		// As many whole keys a row as fit at full size, at most seven.
		narrow := min(narrowSpan, max(4, float32(int((size.Width+l.gap)/(l.target+l.gap)))))
		if folded := l.reflow(narrow); float32(len(folded))*(l.target+l.gap) <= size.Height {
			span, rows = narrow, folded
		}
	}
	n := float32(len(rows))
	unit := min(l.target*1.25, (size.Width-l.gap*(span-1))/span)
	h := min(l.target*1.1, (size.Height-l.gap*(n-1))/n)
	y := (size.Height - n*h - (n-1)*l.gap) / 2
	width := func(i int) float32 { return l.units[i]*unit + l.gap*(l.units[i]-1) }
	for _, r := range rows {
		var w float32
		for i := r[0]; i < r[1]; i++ {
			w += width(i)
		}
		w += l.gap * float32(r[1]-r[0]-1)
		x := (size.Width - w) / 2
		for i := r[0]; i < r[1]; i++ {
			objs[i].Move(fyne.NewPos(x, y))
			objs[i].Resize(fyne.NewSize(width(i), h))
			x += width(i) + l.gap
		}
		y += h + l.gap
	}
}

// narrowSpan is how many units a row holds at most on a narrow screen.
const narrowSpan = 7

// reflow splits the rows wider than span units, in order, and returns
// each physical row as the range of its objects.
func (l *keysLayout) reflow(span float32) [][2]int {
	var out [][2]int
	i := 0
	for _, count := range l.rows {
		start, end, used := i, i+count, float32(0)
		for ; i < end; i++ {
			if used+l.units[i] > span && i > start {
				out = append(out, [2]int{start, i})
				start, used = i, 0
			}
			used += l.units[i]
		}
		out = append(out, [2]int{start, i})
	}
	return out
}

// overLayout is the keyboard with something lying over some of its rows
// (the handwriting pad over the letter rows): the keys are placed as
// keysLayout places them, the last object over the rows of objects first
// to last, across the whole width.
type overLayout struct {
	keys        *keysLayout
	first, last int
}

func (l *overLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return l.keys.MinSize(objs[:len(objs)-1])
}

func (l *overLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	n := len(objs) - 1
	l.keys.Layout(objs[:n], size)
	top := objs[l.first].Position().Y
	bottom := objs[l.last].Position().Y + objs[l.last].Size().Height
	objs[n].Move(fyne.NewPos(0, top))
	objs[n].Resize(fyne.NewSize(size.Width, bottom-top))
}
