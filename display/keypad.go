package display

// The keypad: the keyboard of 长辈模式 on a panel too small for the full
// keyboard's ten keys a row at the mode's key size (the 7" display, the
// portrait Touch Display 2). It is a phone's pinyin keypad (九宫格), the
// keyboard most elderly residents know: a top row (the candidates while
// composing, else the mode switches), and under it three rows of four —
// the nine keys of the mode on the left, 删除 / 空格 / 写好了 on the right.
// Digits are a phone's pad; English letters come nine at a time (the top
// row's last key brings the next nine); handwriting puts the pad over the
// nine keys. Every key is at least the mode's target on every panel.

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"opinionwall/display/pinyin/words"
)

// keypadPage is how many candidates the keypad's top row shows at once.
const keypadPage = 3

// compactKeys reports whether the keyboard is the keypad: in 长辈模式, when
// ten keys a row would be smaller than the target.
func (k *Kiosk) compactKeys() bool {
	const gap = 4
	return k.th.Large && (k.panelSize().Width-gap*(keysSpan-1))/keysSpan < k.target()
}

// t9Of is the keypad's reading of the word engine, nil before the engine
// is loaded (the keys are greyed out meanwhile).
func t9Of(s words.Source) words.Source {
	if e, ok := s.(interface{ T9() *words.T9 }); ok {
		return e.T9()
	}
	return nil
}

// readWith makes src the composer's source, pages of n candidates (0: the
// full keyboard's); letters composing for another source are dropped.
func (k *Kiosk) readWith(c *words.Composer, src words.Source, n int) {
	if c.Source != src && c.Input() != "" {
		c.SetText(c.Text())
	}
	c.Source, c.Page = src, n
}

// keypad is the compact keyboard (see the top of this file).
func (k *Kiosk) keypad(lang string, c *words.Composer, mode *int, changed func(), done func()) fyne.CanvasObject {
	k.useWords()
	if k.t9 == nil {
		k.t9 = t9Of(k.engine)
	}
	src := k.engine
	if *mode == modePinyin && k.t9 != nil {
		src = k.t9
	}
	k.readWith(c, src, keypadPage)

	var objs []fyne.CanvasObject
	top := k.keypadTop(lang, c, mode, changed)
	objs = append(objs, top...)
	side := []fyne.CanvasObject{
		k.button(tr(lang, "kbd.back"), func() {
			c.Backspace()
			if *mode == modeHand && k.hand != nil {
				k.hand.Clear()
			}
			changed()
		}),
		k.button(tr(lang, "kbd.space"), func() { c.Put(' '); changed() }),
	}
	doneB := k.button(tr(lang, "kbd.done"), done)
	doneB.Importance = widget.HighImportance
	doneB.Refresh()
	side = append(side, doneB)
	if *mode == modeHand {
		objs = append(objs, k.handPad(lang, changed).Square(k.target()))
		objs = append(objs, side...)
		return container.New(&keypadLayout{top: len(top), hand: true, target: k.target(), gap: 4}, objs...)
	}
	nine := k.keypadNine(c, *mode, changed)
	for r := range 3 {
		objs = append(objs, nine[3*r:3*r+3]...)
		objs = append(objs, side[r])
	}
	return container.New(&keypadLayout{top: len(top), target: k.target(), gap: 4}, objs...)
}

// keypadTop is the top row: the candidates while there is something to
// pick (← three →), else the modes (and, in English, the next letters).
func (k *Kiosk) keypadTop(lang string, c *words.Composer, mode *int, changed func()) []fyne.CanvasObject {
	var texts []string
	pick := func(int) {}
	switch {
	case *mode == modePinyin && c.Input() != "":
		for _, cand := range c.Candidates() {
			texts = append(texts, cand.Text)
		}
		pick = func(i int) { c.Pick(i) }
	case *mode == modeHand && k.hand != nil && len(k.hand.Candidates()) > 0:
		texts = k.hand.Candidates()
		pick = func(i int) { k.hand.Pick(i) }
	}
	if texts != nil || (*mode == modePinyin && c.Input() != "") {
		prev := k.button("←", func() { c.Prev(); changed() })
		next := k.button("→", func() { c.Next(); changed() })
		if *mode != modePinyin || !c.HasPrev() {
			prev.Disable()
		}
		if *mode != modePinyin || !c.HasNext() {
			next.Disable()
		}
		row := []fyne.CanvasObject{prev}
		for i := range keypadPage {
			if i < len(texts) {
				row = append(row, k.button(texts[i], func() { pick(i); changed() }))
			} else {
				row = append(row, k.blank(i))
			}
		}
		return append(row, next)
	}
	var row []fyne.CanvasObject
	modeButton := func(m int, key string) {
		b := k.button(tr(lang, key), func() { k.setMode(mode, m); k.enPage = 0; changed() })
		if *mode == m {
			b.Importance = widget.HighImportance
			b.Refresh()
		}
		row = append(row, b)
	}
	modeButton(modePinyin, "kbd.letters")
	modeButton(modeHand, "kbd.hand")
	modeButton(modeDigits, "kbd.digits")
	if *mode == modeDigits {
		modeButton(modeEnglish, "kbd.english")
		return append(row, k.letterKey(c, modeDigits, '0', changed)) // 1–9 below
	}
	if *mode != modeEnglish {
		modeButton(modeEnglish, "kbd.english")
		return row
	}
	// In English: the key to the next nine letters says which they are.
	nextPage := (k.enPage + 1) % len(englishPages)
	p := englishPages[nextPage]
	row = append(row, k.button(fmt.Sprintf("%c–%c", p[0]-'a'+'A', p[len(p)-1]-'a'+'A'), func() { k.enPage = nextPage; changed() }))
	return row
}

// englishPages are the letters nine at a time.
var englishPages = []string{"abcdefghi", "jklmnopqr", "stuvwxyz"}

// t9Keys are the keypad's pinyin keys, 1 the separator between syllables.
var t9Keys = []byte("123456789")

// keypadLayout places the keypad: the top row's keys side by side across
// the width, then three rows of four columns (or, for handwriting, the pad
// over the left three columns and the right column's keys). The geometry
// depends only on the size given.
type keypadLayout struct {
	top    int  // objects in the top row
	hand   bool // the object after the top row is the pad
	target float32
	gap    float32
}

func (l *keypadLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(4*l.target+3*l.gap, 4*l.target+3*l.gap)
}

func (l *keypadLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	h := min(l.target*1.1, (size.Height-3*l.gap)/4)
	y := (size.Height - 4*h - 3*l.gap) / 2
	w := (size.Width - float32(l.top-1)*l.gap) / float32(l.top)
	for i := range l.top {
		objs[i].Move(fyne.NewPos(float32(i)*(w+l.gap), y))
		objs[i].Resize(fyne.NewSize(w, h))
	}
	rest := objs[l.top:]
	cw := (size.Width - 3*l.gap) / 4
	at := func(o fyne.CanvasObject, row, col int) {
		o.Move(fyne.NewPos(float32(col)*(cw+l.gap), y+float32(row+1)*(h+l.gap)))
		o.Resize(fyne.NewSize(cw, h))
	}
	if l.hand {
		rest[0].Move(fyne.NewPos(0, y+h+l.gap))
		rest[0].Resize(fyne.NewSize(3*cw+2*l.gap, 3*h+2*l.gap))
		for r, o := range rest[1:] {
			at(o, r, 3)
		}
		return
	}
	for i, o := range rest {
		at(o, i/4, i%4)
	}
}

// keypadNine is the nine keys of the mode.
func (k *Kiosk) keypadNine(c *words.Composer, mode int, changed func()) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	switch mode {
	case modeDigits:
		for _, d := range "123456789" {
			out = append(out, k.letterKey(c, modeDigits, d, changed))
		}
	case modeEnglish:
		for _, r := range englishPages[k.enPage] {
			out = append(out, k.letterKey(c, modeEnglish, r, changed))
		}
		for len(out) < 9 {
			out = append(out, k.blank(len(out)))
		}
	default:
		for _, d := range t9Keys {
			label := strings.ToUpper(words.KeypadLetters(d))
			if d == '1' {
				label = "'"
			}
			b := k.button(label, func() { c.Letter(rune(d)); changed() })
			if c.Source == nil || !c.Source.Valid(c.Input()+string(rune(d))) {
				b.Disable()
			}
			out = append(out, b)
		}
	}
	return out
}
