package display

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/encoding/simplifiedchinese"

	"opinionwall/display/handwriting"
)

const (
	// padCandidates is how many characters the pad proposes at once.
	padCandidates = 8
	// padAsk is how many the recogniser is asked for: more than shown, as
	// those outside the bundled font (GB2312) are dropped.
	padAsk = 24
	// PadSide is the side of the writing square for a 1280×800 screen; a
	// smaller screen passes its own to NewHandPad.
	PadSide = 320
)

// HandPad is the handwriting pad (手写), the keyboard's second way to
// write: a large square the resident writes one character in with a
// finger, the strokes drawn as they go; after each stroke the recogniser
// runs off the Fyne thread and up to eight candidates replace the last
// ones. A pick commits the character (OnCommit) and clears the square;
// then Associate's words for it are offered (联想) until the next stroke.
// 重写 clears the square. Without a recogniser (no model installed) the
// square says so and takes no strokes.
//
// Object is what to put on screen. All its methods run on the Fyne thread.
type HandPad struct {
	// OnCommit receives a picked character or associated word.
	OnCommit func(text string)
	// Associate proposes words likely to follow committed text, best
	// first; nil offers none.
	Associate func(committed string) []string
	// OnCandidates runs each time the pad shows new candidates (after a
	// recognition or a commit), with what it shows.
	OnCandidates func(shown []string)

	rec     handwriting.Recognizer
	lang    string
	ink     *ink
	note    *widget.Label
	noteBg  *canvas.Rectangle // hides the guides behind the hint
	slots   []*widget.Button
	redo    *widget.Button
	cands   []string
	assoc   bool // cands are associations of the last commit
	failed  bool // the recogniser returned an error for the last stroke
	seq     int  // recognitions asked for; a result for an older one is dropped
	content fyne.CanvasObject
	square  fyne.CanvasObject // the ink and its notice
	alone   fyne.CanvasObject // the square and 重写 without the slots (Square)
}

// NewHandPad makes a pad in lang (a catalog language) whose square is
// side pixels wide, recognising with rec; rec nil means no model is
// installed.
func NewHandPad(lang string, rec handwriting.Recognizer, side float32) *HandPad {
	h := &HandPad{rec: rec, lang: lang}
	h.ink = newInk(side, h.show, h.stroke)
	h.ink.off = rec == nil
	h.ink.Hidden = rec == nil // no square to write in: the notice alone
	h.note = widget.NewLabel("")
	h.note.Alignment, h.note.Wrapping, h.note.TextStyle = fyne.TextAlignCenter, fyne.TextWrapWord, fyne.TextStyle{Bold: true}
	var slots []fyne.CanvasObject
	for i := range padCandidates {
		b := widget.NewButton("", func() { h.pick(i) })
		h.slots = append(h.slots, b)
		slots = append(slots, minSize(b, minTarget+16, minTarget+16))
	}
	h.redo = widget.NewButton("", h.Clear)
	h.noteBg = canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	h.square = container.NewStack(h.ink, container.NewPadded(container.NewVBox(layout.NewSpacer(), container.NewStack(h.noteBg, h.note), layout.NewSpacer())))
	right := container.NewVBox(container.NewGridWithColumns(4, slots...), minSize(h.redo, 2*minTarget, minTarget))
	h.content = container.NewHBox(h.square, right)
	h.show()
	return h
}

// SetLang redraws the pad's texts in lang.
func (h *HandPad) SetLang(lang string) {
	h.lang = lang
	h.show()
}

// Candidates returns what the pad proposes now.
func (h *HandPad) Candidates() []string { return append([]string(nil), h.cands...) }

// Clear wipes the square and the candidates (重写); a recognition still
// running is dropped.
func (h *HandPad) Clear() {
	h.seq++
	h.ink.clear()
	h.cands, h.assoc, h.failed = nil, false, false
	h.show()
}

// stroke runs after each finished stroke: recognise what is written so
// far, off the Fyne thread (tens of milliseconds, more on a Pi).
func (h *HandPad) stroke() {
	h.seq++
	seq, strokes, rec := h.seq, h.ink.unit(), h.rec
	go func() {
		cands, err := rec.Recognize(strokes, padAsk)
		fyne.Do(func() { h.recognized(seq, cands, err) })
	}()
}

// recognized shows the candidates of recognition seq, unless the square
// changed since.
func (h *HandPad) recognized(seq int, cands []handwriting.Candidate, err error) {
	if seq != h.seq {
		return
	}
	h.cands, h.assoc, h.failed = nil, false, err != nil
	for _, c := range handwriting.Rank(cands) {
		if len(h.cands) == padCandidates {
			break
		}
		if inFont(c.Char) {
			h.cands = append(h.cands, c.Char)
		}
	}
	h.show()
	h.shown()
}

// Pick commits candidate i of Candidates, as a tap on its slot does.
func (h *HandPad) Pick(i int) { h.pick(i) }

// pick commits candidate i, clears the square and offers associations.
func (h *HandPad) pick(i int) {
	if i >= len(h.cands) {
		return
	}
	text := h.cands[i]
	h.Clear()
	if h.OnCommit != nil {
		h.OnCommit(text)
	}
	if h.Associate != nil {
		for _, w := range h.Associate(text) {
			if len(h.cands) == padCandidates {
				break
			}
			if inFont(w) {
				h.cands = append(h.cands, w)
			}
		}
		h.assoc = len(h.cands) > 0
	}
	h.show()
	h.shown()
}

// shown tells OnCandidates what is shown.
func (h *HandPad) shown() {
	if h.OnCandidates != nil {
		h.OnCandidates(h.Candidates())
	}
}

// show redraws the texts: candidates, 重写 and the square's notice.
func (h *HandPad) show() {
	for i, b := range h.slots {
		b.Importance = widget.MediumImportance
		if i < len(h.cands) {
			b.SetText(h.cands[i])
			b.Enable()
		} else {
			b.SetText("")
			b.Disable()
		}
	}
	if len(h.cands) > 0 && !h.assoc {
		h.slots[0].Importance = widget.HighImportance
		h.slots[0].Refresh()
	}
	h.redo.SetText(tr(h.lang, "hand.clear"))
	h.note.Importance = widget.MediumImportance
	switch {
	case h.rec == nil:
		h.note.Importance = widget.DangerImportance
		h.note.SetText(tr(h.lang, "hand.nomodel"))
		h.redo.Disable()
	case h.failed:
		h.note.Importance = widget.DangerImportance
		h.note.SetText(tr(h.lang, "hand.failed"))
	case len(h.ink.strokes) == 0 && !h.assoc:
		h.note.Importance = widget.LowImportance
		h.note.SetText(tr(h.lang, "hand.hint"))
	default:
		h.note.SetText("")
	}
	h.noteBg.FillColor = h.ink.Theme().Color(theme.ColorNameInputBackground, fyne.CurrentApp().Settings().ThemeVariant())
	h.noteBg.Hidden = h.note.Text == "" || h.rec == nil
	h.note.Refresh()
	h.noteBg.Refresh()
}

// Object is the pad's canvas object: the square, the candidates and 重写.
// Show either Object or Square, not both.
func (h *HandPad) Object() fyne.CanvasObject { return h.content }

// Square is the square and 重写 without the candidate slots, filling the
// space it is given (the biggest square that fits with 重写 beside it):
// the keyboard shows the candidates in its own row (Candidates, Pick,
// OnCandidates). target is the side of a key: 重写 is at least that big.
func (h *HandPad) Square(target float32) fyne.CanvasObject {
	if h.alone == nil {
		h.alone = container.New(&squareLayout{gap: 8, target: target}, h.square, h.redo)
	}
	h.alone.(*fyne.Container).Layout.(*squareLayout).target = target
	return h.alone
}

// squareLayout places the writing square (first object), as big as fits,
// and the button beside it (second), centred together.
type squareLayout struct{ gap, target float32 }

func (l *squareLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	b := objs[1].MinSize()
	return fyne.NewSize(l.target+l.gap+max(b.Width, 2*l.target), max(l.target, b.Height))
}

func (l *squareLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	b := objs[1].MinSize()
	bw := max(b.Width, 2*l.target)
	side := max(0, min(size.Height, size.Width-bw-l.gap))
	x := (size.Width - side - l.gap - bw) / 2
	objs[0].Move(fyne.NewPos(x, (size.Height-side)/2))
	objs[0].Resize(fyne.NewSize(side, side))
	bh := min(size.Height, max(b.Height, l.target))
	objs[1].Move(fyne.NewPos(x+side+l.gap, (size.Height-bh)/2))
	objs[1].Resize(fyne.NewSize(bw, bh))
}

// inFont reports whether the bundled font (the GB2312 subset of Noto Sans
// SC) can draw s.
func inFont(s string) bool {
	_, err := simplifiedchinese.HZGB2312.NewEncoder().String(s)
	return s != "" && err == nil
}
