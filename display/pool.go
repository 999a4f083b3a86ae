package display

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// pool keeps the widgets of the screens from one redraw to the next. Every
// redraw builds the screen anew, but asks the pool for its widgets by kind,
// label and order of appearance, so the same button on the same screen is
// the same object each time. Fyne caches a renderer per widget object and
// frees it only a while after it was last drawn: without the pool every tap
// would leave a screenful of renderers behind.
type pool struct {
	gen    int
	counts map[string]int
	objs   map[string]*pooled
}

type pooled struct {
	o   fyne.CanvasObject
	gen int
}

// keep is how many redraws an unused widget stays in the pool.
const keep = 64

func newPool() *pool { return &pool{counts: map[string]int{}, objs: map[string]*pooled{}} }

// begin starts a redraw.
func (p *pool) begin() {
	p.gen++
	clear(p.counts)
}

// end drops widgets not used for a while (texts that changed, screens long
// gone); their renderers then expire from Fyne's cache.
func (p *pool) end() {
	for k, v := range p.objs {
		if p.gen-v.gen > keep {
			delete(p.objs, k)
		}
	}
}

// get returns the pooled object for kind and label (the n-th of this
// redraw), or nil with the key to store a new one under.
func (p *pool) get(kind, label string) (fyne.CanvasObject, string) {
	id := kind + "\x00" + label
	n := p.counts[id]
	p.counts[id]++
	key := id + "\x00" + strconv.Itoa(n)
	if v, ok := p.objs[key]; ok {
		v.gen = p.gen
		return v.o, key
	}
	return nil, key
}

func (p *pool) put(key string, o fyne.CanvasObject) { p.objs[key] = &pooled{o: o, gen: p.gen} }

// button returns a plain button with label and action.
func (k *Kiosk) button(label string, fn func()) *widget.Button {
	o, key := k.pool.get("button", label)
	b, _ := o.(*widget.Button)
	if b == nil {
		b = widget.NewButton(label, fn)
		k.pool.put(key, b)
		return b
	}
	b.OnTapped = fn
	b.Importance = widget.MediumImportance
	b.Icon = nil
	b.Enable()
	b.Refresh()
	return b
}

// label returns a label; style, alignment, size and wrapping as given.
func (k *Kiosk) label(text string, align fyne.TextAlign, style fyne.TextStyle, size fyne.ThemeSizeName, imp widget.Importance) *widget.Label {
	o, key := k.pool.get("label"+string(size)+strconv.Itoa(int(align))+strconv.FormatBool(style.Bold)+strconv.Itoa(int(imp)), text)
	l, _ := o.(*widget.Label)
	if l == nil {
		l = widget.NewLabelWithStyle(text, align, style)
		l.Wrapping, l.SizeName, l.Importance = fyne.TextWrapWord, size, imp
		k.pool.put(key, l)
	}
	return l
}

// separator returns a separator line.
func (k *Kiosk) separator() *widget.Separator {
	o, key := k.pool.get("separator", "")
	s, _ := o.(*widget.Separator)
	if s == nil {
		s = widget.NewSeparator()
		k.pool.put(key, s)
	}
	return s
}

// scroll returns the scroller around a screen's content.
func (k *Kiosk) scroll(name string, content fyne.CanvasObject) *container.Scroll {
	o, key := k.pool.get("scroll", name)
	s, _ := o.(*container.Scroll)
	if s == nil {
		s = container.NewVScroll(content)
		k.pool.put(key, s)
		return s
	}
	s.Content = content
	s.Refresh()
	return s
}
