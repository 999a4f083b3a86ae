package display

import (
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"opinionwall/display/pinyin"
)

// digitPad is a phone-style pad of big keys. It edits *value (at most max
// digits) and calls changed after every key.
func (k *Kiosk) digitPad(lang string, value *string, max int, changed func()) fyne.CanvasObject {
	t := k.target()
	key := func(d string) fyne.CanvasObject {
		return minSize(k.button(d, func() {
			if len(*value) < max {
				*value += d
			}
			changed()
		}), 1.5*t, t)
	}
	back := minSize(k.button(tr(lang, "kbd.back"), func() {
		if *value != "" {
			*value = (*value)[:len(*value)-1]
		}
		changed()
	}), 1.5*t, t)
	clear := minSize(k.button(tr(lang, "kbd.clear"), func() { *value = ""; changed() }), 1.5*t, t)
	if k.win.Canvas().Size().Height < 1000 {
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
)

var (
	letterRows = []string{"qwertyuiop", "asdfghjkl", "zxcvbnm"}
	digitRows  = []string{"1234567890", "，。？！、：；", "（）“”-/"}
)

// keyboard is the on-screen keyboard: the candidate row with paging (in
// pinyin mode), three rows of letters (or digits and punctuation) and a
// row of mode switches, space, backspace and done. Its geometry never
// changes while typing: every row is always there, empty candidate slots
// included. It writes into the composer and calls changed after every key.
func (k *Kiosk) keyboard(lang string, c *pinyin.Composer, mode *int, changed func(), done func()) fyne.CanvasObject {
	var objs []fyne.CanvasObject
	var rows []int
	var units []float32
	add := func(o fyne.CanvasObject, u float32) { objs, units = append(objs, o), append(units, u) }

	// Candidate row: paging and a fixed number of slots.
	prev := k.button("←", func() { c.Prev(); changed() })
	if *mode != modePinyin || !c.HasPrev() {
		prev.Disable()
	}
	add(prev, 1)
	cands := c.Candidates()
	for i := range pinyin.PageSize {
		if *mode == modePinyin && i < len(cands) {
			add(k.button(string(cands[i]), func() { c.Pick(i); changed() }), 1)
		} else {
			add(k.blank(i), 1)
		}
	}
	next := k.button("→", func() { c.Next(); changed() })
	if *mode != modePinyin || !c.HasNext() {
		next.Disable()
	}
	add(next, 1)
	rows = append(rows, pinyin.PageSize+2)

	keyRows := letterRows
	if *mode == modeDigits {
		keyRows = digitRows
	}
	for _, row := range keyRows {
		for _, r := range row {
			if *mode == modeEnglish {
				r = unicode.ToUpper(r) // the key types what it shows
			}
			b := k.button(string(r), func() {
				switch *mode {
				case modePinyin:
					c.Letter(r)
				default:
					c.Put(r)
				}
				changed()
			})
			if *mode == modePinyin && !validNext(c, r) {
				b.Disable()
			}
			add(b, 1)
		}
		rows = append(rows, len([]rune(row)))
	}

	modeButton := func(m int, key string) {
		b := k.button(tr(lang, key), func() { *mode = m; changed() })
		if *mode == m {
			b.Importance = widget.HighImportance
			b.Refresh()
		}
		add(b, 1.5)
	}
	modeButton(modePinyin, "kbd.letters")
	modeButton(modeDigits, "kbd.digits")
	modeButton(modeEnglish, "kbd.english")
	add(k.button(tr(lang, "kbd.space"), func() { c.Put(' '); changed() }), 1.5)
	add(k.button(tr(lang, "kbd.back"), func() { c.Backspace(); changed() }), 1.5)
	doneB := k.button(tr(lang, "kbd.done"), done)
	doneB.Importance = widget.HighImportance
	doneB.Refresh()
	add(doneB, 2.5)
	rows = append(rows, 6)
	return container.New(&keysLayout{rows: rows, units: units, target: k.target(), gap: 4, span: 10}, objs...)
}

// validNext reports whether letter r can follow what was typed.
func validNext(c *pinyin.Composer, r rune) bool { return c.Dict.Valid(c.Input() + string(r)) }
