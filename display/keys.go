package display

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"opinionwall/display/pinyin"
)

// digitPad is a phone-style pad of big keys. It edits *value (at most max
// digits) and calls changed after every key.
func (k *Kiosk) digitPad(lang string, value *string, max int, changed func()) fyne.CanvasObject {
	key := func(d string) fyne.CanvasObject {
		return minSize(k.button(d, func() {
			if len(*value) < max {
				*value += d
			}
			changed()
		}), minTarget+32, minTarget+8)
	}
	back := minSize(k.button(tr(lang, "kbd.back"), func() {
		if *value != "" {
			*value = (*value)[:len(*value)-1]
		}
		changed()
	}), minTarget+32, minTarget+8)
	clear := minSize(k.button(tr(lang, "kbd.clear"), func() { *value = ""; changed() }), minTarget+32, minTarget+8)
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

// keyboard is the on-screen pinyin keyboard: the candidate bar with paging,
// letter (or digit and punctuation) keys, backspace, space and the mode
// switch. It writes into the composer and calls changed after every key.
func (k *Kiosk) keyboard(lang string, c *pinyin.Composer, mode *int, changed func()) fyne.CanvasObject {
	var rows []fyne.CanvasObject

	// Candidate bar: what was typed, the current page, paging.
	if *mode == modePinyin {
		bar := []fyne.CanvasObject{k.bold(c.Input(), fyne.TextAlignLeading)}
		prev := k.button("←", func() { c.Prev(); changed() })
		if !c.HasPrev() {
			prev.Disable()
		}
		bar = append(bar, minSize(prev, minTarget, minTarget))
		for i, r := range c.Candidates() {
			bar = append(bar, minSize(k.button(string(r), func() { c.Pick(i); changed() }), minTarget, minTarget))
		}
		next := k.button("→", func() { c.Next(); changed() })
		if !c.HasNext() {
			next.Disable()
		}
		bar = append(bar, minSize(next, minTarget, minTarget))
		rows = append(rows, container.NewHBox(bar...))
	}

	keyRows := letterRows
	if *mode == modeDigits {
		keyRows = digitRows
	}
	for _, row := range keyRows {
		var keys []fyne.CanvasObject
		for _, r := range row {
			label := string(r)
			if *mode == modeEnglish {
				label = strings.ToUpper(label)
			}
			b := k.button(label, func() {
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
			keys = append(keys, minSize(b, minTarget, minTarget))
		}
		rows = append(rows, container.NewCenter(container.NewHBox(keys...)))
	}

	modeButton := func(m int, key string) fyne.CanvasObject {
		b := k.button(tr(lang, key), func() { *mode = m; changed() })
		if *mode == m {
			b.Importance = widget.HighImportance
			b.Refresh()
		}
		return minSize(b, minTarget+40, minTarget)
	}
	rows = append(rows, container.NewCenter(container.NewHBox(
		modeButton(modePinyin, "kbd.letters"), modeButton(modeDigits, "kbd.digits"), modeButton(modeEnglish, "kbd.english"),
		minSize(k.button(tr(lang, "kbd.space"), func() { c.Put(' '); changed() }), 4*minTarget, minTarget),
		minSize(k.button(tr(lang, "kbd.back"), func() { c.Backspace(); changed() }), minTarget+40, minTarget),
	)))
	return container.NewVBox(rows...)
}

// validNext reports whether letter r can follow what was typed.
func validNext(c *pinyin.Composer, r rune) bool { return c.Dict.Valid(c.Input() + string(r)) }
