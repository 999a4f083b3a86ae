package display

// 读给我听: a wall kiosk with a speaker reads the screen's question and
// choices aloud, for residents who read little.

import (
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// readAloud speaks the words of the screen shown, in its language.
func (k *Kiosk) readAloud() error {
	if k.d.ReadAloud != nil {
		k.d.ReadAloud(k.lang(), k.ScreenWords())
	}
	return nil
}

// ScreenWords is what 读给我听 says: the texts of the screen under the
// header, top to bottom (the question, then the choices and the forward
// button), each once, as sentences.
func (k *Kiosk) ScreenWords() string {
	var said []string
	seen := map[string]bool{}
	add := func(s string) {
		s = strings.TrimSpace(strings.NewReplacer("✓", "", "←", "", "→", "", "\n", " ").Replace(s))
		if s != "" && !seen[s] {
			seen[s] = true
			said = append(said, s)
		}
	}
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() || o == k.top {
			return
		}
		switch w := o.(type) {
		case *iconButton: // 读给我听 itself, beside the forward button
		case *fyne.Container:
			for _, ch := range w.Objects {
				walk(ch)
			}
		case *container.Scroll:
			walk(w.Content)
		case *widget.Label:
			add(w.Text)
		case *widget.Button:
			add(w.Text)
		case *widget.Check:
			add(w.Text)
		case interface{ TapLabel() string }:
			add(w.TapLabel())
		}
	}
	walk(k.win.Content())
	end := "。"
	if k.lang() == "en" {
		end = ". "
	}
	var b strings.Builder
	for _, s := range said {
		b.WriteString(s)
		if last, _ := utf8.DecodeLastRuneInString(s); strings.ContainsRune("。？！.?!：:", last) {
			b.WriteString(" ")
		} else {
			b.WriteString(end)
		}
	}
	return strings.TrimSpace(b.String())
}
