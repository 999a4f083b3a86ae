package display

import (
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"opinionwall/display/pinyin/words"
)

// digitPad is a phone-style pad of big keys. It edits *value (at most max
// digits) and calls changed after every key.
func (k *Kiosk) digitPad(lang string, value *string, max int, changed func()) fyne.CanvasObject {
	t := k.target()
	// Keys half again as wide as high, or as wide as six fit across the
	// panel (never narrower than high).
	w := 1.5 * t
	if k.panelSize().Height < 1000 {
		pad := k.th.Size(theme.SizeNamePadding)
		if fit := (k.panelSize().Width - 9*pad) / 6; fit < w {
			w = fit
		}
		if w < t {
			w = t
		}
	}
	return k.digitPadKeys(lang, value, max, changed, w)
}

// digitPadKeys is the digit pad with keys w wide.
func (k *Kiosk) digitPadKeys(lang string, value *string, max int, changed func(), w float32) fyne.CanvasObject {
	t := k.target()
	wide := k.panelSize().Height < 1000 // landscape: two rows of six
	key := func(d string) fyne.CanvasObject {
		return minSize(k.button(d, func() {
			if len(*value) < max {
				*value += d
			}
			changed()
		}), w, t)
	}
	backKey, clearKey := "kbd.back", "kbd.clear"
	if w == t {
		backKey, clearKey = "kbd.back.short", "kbd.clear.short" // square keys: Del, C in English
	}
	back := minSize(k.button(tr(lang, backKey), func() {
		if *value != "" {
			*value = (*value)[:len(*value)-1]
		}
		changed()
	}), w, t)
	clear := minSize(k.button(tr(lang, clearKey), func() { *value = ""; changed() }), w, t)
	if wide {
		// Landscape: two rows, so the pad leaves room for the question.
		return container.NewGridWithColumns(6,
			key("1"), key("2"), key("3"), key("4"), key("5"), key("6"),
			key("7"), key("8"), key("9"), key("0"), clear, back)
	}
	return container.NewGridWithColumns(3,
		key("1"), key("2"), key("3"),
		key("4"), key("5"), key("6"),
		key("7"), key("8"), key("9"),
		clear, key("0"), back,
	)
}

// Keyboard modes.
const (
	modePinyin = iota
	modeDigits
	modeEnglish
	modeHand // the handwriting pad (手写) in place of the letter rows
)

var (
	letterRows = []string{"qwertyuiop", "asdfghjkl", "zxcvbnm"}
	digitRows  = []string{"1234567890", "，。？！、：；", "（）“”-/"}
)

// keyboard is the on-screen keyboard: the candidate row with paging (in
// pinyin mode; the pad's characters in handwriting mode), three rows of
// letters (or digits and punctuation, or the handwriting pad) and a row of
// mode switches, space, backspace and done. Its geometry never changes
// while typing: every row is always there, empty candidate slots
// included. It writes into the composer and calls changed after every key.
func (k *Kiosk) keyboard(lang string, c *words.Composer, mode *int, changed func(), done func()) fyne.CanvasObject {
	if k.compactKeys() {
		return k.keypad(lang, c, mode, changed, done)
	}
	k.useWords()
	k.readWith(c, k.engine, 0)
	var objs []fyne.CanvasObject
	var rows []int
	var units []float32
	add := func(o fyne.CanvasObject, u float32) { objs, units = append(objs, o), append(units, u) }

	k.useWords()
	k.candidateRow(c, *mode, changed, add)
	rows = append(rows, words.PageSize+2)

	keyRows := letterRows
	if *mode == modeDigits {
		keyRows = digitRows
	}
	first := len(objs)
	for _, row := range keyRows {
		if *mode == modeHand {
			add(k.blank(0), keysSpan) // the pad lies over these rows
			rows = append(rows, 1)
			continue
		}
		for _, r := range row {
			add(k.letterKey(c, *mode, r, changed), 1)
		}
		rows = append(rows, len([]rune(row)))
	}
	last := len(objs) - 1

	modeButton := func(m int, key string) {
		b := k.button(tr(lang, key), func() { k.setMode(mode, m); changed() })
		if *mode == m {
			b.Importance = widget.HighImportance
			b.Refresh()
		}
		add(b, 1.25)
	}
	modeButton(modePinyin, "kbd.letters")
	modeButton(modeHand, "kbd.hand")
	modeButton(modeDigits, "kbd.digits")
	modeButton(modeEnglish, "kbd.english")
	add(k.button(tr(lang, "kbd.space"), func() { c.Put(' '); changed() }), 1.25)
	add(k.button(tr(lang, "kbd.back"), func() {
		c.Backspace()
		if *mode == modeHand && k.hand != nil {
			k.hand.Clear() // the associations were for what is gone
		}
		changed()
	}), 1.25)
	doneB := k.button(tr(lang, "kbd.done"), done)
	doneB.Importance = widget.HighImportance
	doneB.Refresh()
	add(doneB, 2.5)
	rows = append(rows, 7)
	keys := &keysLayout{rows: rows, units: units, target: k.target(), gap: 4, span: keysSpan}
	if *mode != modeHand {
		return container.New(keys, objs...)
	}
	pad := k.handPad(lang, changed)
	return container.New(&overLayout{keys: keys, first: first, last: last}, append(objs, pad.Square(k.target()))...)
}

// keysSpan is how many units the widest row of keys holds.
const keysSpan = 10

// candidateRow adds the row of candidates: paging and a fixed number of
// slots, the composer's in pinyin mode, the pad's in handwriting mode.
func (k *Kiosk) candidateRow(c *words.Composer, mode int, changed func(), add func(fyne.CanvasObject, float32)) {
	var texts []string
	pick := func(int) {}
	switch {
	case mode == modePinyin:
		for _, cand := range c.Candidates() {
			texts = append(texts, cand.Text)
		}
		pick = func(i int) { c.Pick(i) }
	case mode == modeHand && k.hand != nil:
		texts = k.hand.Candidates()
		pick = func(i int) { k.hand.Pick(i) }
	}
	prev := k.button("←", func() { c.Prev(); changed() })
	if mode != modePinyin || !c.HasPrev() {
		prev.Disable()
	}
	add(prev, 1)
	for i := range words.PageSize {
		if i < len(texts) {
			add(k.button(texts[i], func() { pick(i); changed() }), 1)
		} else {
			add(k.blank(i), 1)
		}
	}
	next := k.button("→", func() { c.Next(); changed() })
	if mode != modePinyin || !c.HasNext() {
		next.Disable()
	}
	add(next, 1)
}

// letterKey is one key of the letter (or digit) rows: in pinyin mode it
// composes, greyed out when the letters could not go on that way; in the
// other modes it types what it shows.
func (k *Kiosk) letterKey(c *words.Composer, mode int, r rune, changed func()) fyne.CanvasObject {
	if mode == modeEnglish {
		r = unicode.ToUpper(r)
	}
	b := k.button(string(r), func() {
		if mode == modePinyin {
			c.Letter(r)
		} else {
			c.Put(r)
		}
		changed()
	})
	if mode == modePinyin && !c.Source.Valid(c.Input()+string(r)) {
		b.Disable()
	}
	return b
}

// setMode switches the keyboard's mode: letters composing are dropped,
// and the pad starts empty.
func (k *Kiosk) setMode(mode *int, m int) {
	if *mode == m {
		return
	}
	*mode = m
	k.comp.SetText(k.comp.Text())
	if k.hand != nil {
		k.hand.Clear()
	}
}
