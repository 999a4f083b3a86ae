package display

// The phone booth's screens: the steps the handset speaks (kiosk/booth),
// shown for those who can read them, each choice a big button with its
// key, so that a tap and a key press do the same.

import (
	"fmt"
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"opinionwall/kiosk"
	"opinionwall/kiosk/booth"
)

// ShowBooth shows a step of the booth's dialogue; the idle and hung-up
// steps give the screen back to the session. It runs on the Fyne thread.
func (k *Kiosk) ShowBooth(v booth.View) {
	if v.Step == booth.StepIdle || v.Step == booth.StepHungUp {
		k.booth = nil
	} else {
		k.booth = &v
		k.d.Session.Touch() // the caller is there: no idle timeout under the call
	}
	k.Refresh()
}

// boothHeader: the 长辈模式 and language switches; the keys are the way
// back and home.
func (k *Kiosk) boothHeader() fyne.CanvasObject {
	v := k.d.Session.View()
	t := k.target()
	corner := minSize(k.text(""), minTarget+8, 1)
	large := minSize(k.chip(k.t("nav.large"), v.Slow, k.act(func() error { k.d.Session.SetSlow(!v.Slow); return nil })), t, t)
	lang := minSize(k.button(k.t("nav.lang"), k.act(func() error {
		if v.Lang == "en" {
			return k.d.Session.SetLanguage("zh")
		}
		return k.d.Session.SetLanguage("en")
	})), t, t)
	if b := k.booth; b != nil && (b.Step == booth.StepRate || b.Step == booth.StepWall || b.Step == booth.StepResult) {
		back := minSize(k.button(keyLabel(booth.KeyStar, k.t("booth.key.back")), k.press(booth.KeyStar)), t, t)
		return container.NewHBox(corner, back, spacer(), large, lang)
	}
	return container.NewHBox(corner, spacer(), large, lang)
}

// press is a tap on a key's button.
func (k *Kiosk) press(key booth.Key) func() {
	return func() {
		if k.d.BoothKey != nil {
			k.d.BoothKey(key)
		}
	}
}

// keyLabel is a choice's label: the key, then its words.
func keyLabel(key booth.Key, words string) string {
	if key == booth.KeyLouder {
		key = '0'
	}
	return fmt.Sprintf("%c %s", key, words)
}

type keyWord = struct {
	key  booth.Key
	word string
}

// keyButtons are the step's choices besides its body: a column on the
// right of a landscape panel, a row under the body on a portrait one.
func (k *Kiosk) keyButtons(primary booth.Key, keys ...keyWord) []fyne.CanvasObject {
	var bs []fyne.CanvasObject
	for _, c := range keys {
		bs = append(bs, k.big(keyLabel(c.key, k.t(c.word)), c.key == primary, k.press(c.key)))
	}
	return bs
}

// boothLayout places the step's body and its key buttons.
func (k *Kiosk) boothLayout(body fyne.CanvasObject, keys []fyne.CanvasObject) fyne.CanvasObject {
	if len(keys) == 0 {
		return k.scroll("body", body)
	}
	if p := k.panelSize(); p.Width > p.Height {
		return container.NewBorder(nil, nil, nil, container.NewCenter(container.NewVBox(keys...)), k.scroll("body", body))
	}
	return container.NewBorder(nil, container.NewCenter(container.NewHBox(keys...)), nil, nil, k.scroll("body", body))
}

// boothScreen draws the booth's step.
func (k *Kiosk) boothScreen(v booth.View) fyne.CanvasObject {
	switch v.Step {
	case booth.StepMenu:
		return k.boothMenu(v)
	case booth.StepRate:
		question := k.title(k.t("booth.rate"))
		if k.panelSize().Height < 600 {
			question = k.bold(k.t("booth.rate"), fyne.TextAlignCenter)
		}
		return k.boothLayout(container.NewVBox(question, k.boothFaces()), nil)
	case booth.StepThanks:
		return k.boothThanks(v)
	case booth.StepWall:
		return k.boothWall(v)
	case booth.StepCode:
		return k.boothCode(v)
	case booth.StepConfirm:
		return k.boothLayout(container.NewVBox(k.title(k.t("booth.confirm")), k.bigCode(v.Code, false)),
			k.keyButtons(booth.KeyHash, keyWord{booth.KeyHash, "booth.confirm.ok"}, keyWord{booth.KeyStar, "booth.code.clear"}))
	case booth.StepResult:
		return k.boothResult(v)
	case booth.StepRecord:
		return k.boothRecord(v)
	case booth.StepSaved:
		return k.boothLayout(container.NewVBox(k.title(k.t("booth.saved")), k.bigCode(v.Code, false)), nil)
	case booth.StepGoodbye:
		return container.NewCenter(k.fixedLine(k.t("booth.goodbye"), 2, true))
	}
	return k.boothSaid(v)
}

// boothFaces are the four faces as keys 1-4, in the order the buttons are
// mounted; two by two where four across would not fit.
func (k *Kiosk) boothFaces() fyne.CanvasObject {
	p := k.panelSize()
	text := k.th.Size(theme.SizeNameText)
	cols := 4
	if p.Width < p.Height || (k.th.Large && k.lang() == "en" && p.Width < 1000) {
		cols = 2
	}
	rows := float32(4 / cols)
	avail := p.Height - 1.4*k.target() - 3*text // the header and the question
	size := max(text, min(5*text, (p.Width-40)/float32(cols)-2*tilePad-8, avail/rows-3.5*text))
	stacked := cols == 4 || p.Height >= 600 // two by two on a short panel: the face beside its words
	var faces []fyne.CanvasObject
	for _, r := range k.d.Config.Hardware.ButtonsOrder.LeftToRight() {
		faces = append(faces, k.picTile(k.t("rating."+strconv.Itoa(int(r))), facePicture(r), size, stacked, false, k.press(booth.Key('0'+r))))
	}
	return grid(cols, faces...)
}

// boothThanks is the face pressed and 谢谢.
func (k *Kiosk) boothThanks(v booth.View) fyne.CanvasObject {
	r, _ := strconv.Atoi(v.Code)
	size := min(8*k.th.Size(theme.SizeNameText), k.panelSize().Height/3)
	face := canvas.NewImageFromResource(k.picture(facePicture(kiosk.Rating(r))))
	face.FillMode = canvas.ImageFillContain
	face.SetMinSize(fyne.NewSize(size, size))
	return container.NewVBox(container.NewCenter(face), k.title(k.t("booth.thanks")),
		k.label(k.t("rating."+v.Code), fyne.TextAlignCenter, fyne.TextStyle{Bold: true}, theme.SizeNameSubHeadingText, widget.MediumImportance))
}

// boothSaid shows the sentence being said, in the screen's language.
func (k *Kiosk) boothSaid(v booth.View) fyne.CanvasObject {
	words := v.Said
	if key := fmt.Sprintf("booth.%s.%s", "say", v.Prompt); catalog[key] != [2]string{} {
		words = k.t(key) // the screen's language; the handset speaks Mandarin
	}
	pic := canvas.NewImageFromResource(k.picture("handset"))
	pic.FillMode = canvas.ImageFillContain
	s := 4 * k.th.Size(theme.SizeNameText)
	pic.SetMinSize(fyne.NewSize(s, s))
	return container.NewVBox(container.NewCenter(pic), k.title(words))
}

func (k *Kiosk) boothMenu(v booth.View) fyne.CanvasObject {
	pics := []string{"rate", "wall", "lookup", "speech"}
	p := k.panelSize()
	text := k.th.Size(theme.SizeNameText)
	cols, rows := 3, 2 // 1 2 3 / 4 * 0, as on the keypad
	if p.Width < p.Height {
		cols, rows = 2, 3
	}
	// The tiles share what the header and the line leave, each with two
	// lines for its words.
	avail := p.Height - 1.4*k.target() - 2*text
	size := max(text, min(3*text, avail/float32(rows)-5*text))
	stacked := p.Height >= 600 // a short panel puts the picture beside the words
	var tiles []fyne.CanvasObject
	for i, pic := range pics {
		key := booth.Key('1' + i)
		tiles = append(tiles, k.picTile(keyLabel(key, k.t(fmt.Sprintf("booth.menu.%c", key))), pic, size, stacked, false, k.press(key)))
	}
	louder := "booth.key.louder"
	if v.Louder {
		louder = "booth.key.softer"
	}
	tiles = append(tiles, k.big(keyLabel(booth.KeyStar, k.t("booth.key.repeat")), false, k.press(booth.KeyStar)),
		k.big(keyLabel(booth.KeyLouder, k.t(louder)), false, k.press(booth.KeyLouder)))
	return container.NewVBox(k.line(k.t("booth.menu")), grid(cols, tiles...))
}

func (k *Kiosk) boothWall(v booth.View) fyne.CanvasObject {
	it := v.Item
	if it == nil {
		return k.boothSaid(v)
	}
	reply := it.Reply
	if k.lang() == "en" && it.ReplyEn != "" {
		reply = it.ReplyEn
	}
	// All of it is read out; a short panel shows as much as fits unscrolled.
	p := k.panelSize()
	width, ql, rl := p.Width-2.5*k.target(), 2, 4
	if p.Width < p.Height {
		width = p.Width - 40
	}
	if p.Height < 600 && k.th.Large {
		ql, rl = 1, 2
	}
	question, reply := k.clip(it.Question, ql, width), k.clip(reply, rl, width)
	return k.boothLayout(container.NewVBox(
		k.line(fmt.Sprintf(k.t("booth.wall.count"), v.Index+1, v.Count)+" · "+k.t("booth.wall.question")),
		k.bold(question, fyne.TextAlignLeading),
		k.line(k.t("booth.wall.reply")), k.text(reply)),
		k.keyButtons('1', keyWord{'1', "booth.wall.next"}, keyWord{'2', "booth.key.repeat"}))
}

func (k *Kiosk) boothResult(v booth.View) fyne.CanvasObject {
	parts := []fyne.CanvasObject{k.line(k.t("booth.result") + "  " + groups(v.Code))}
	if u := v.Ticket; u != nil {
		parts = append(parts, k.bold(k.t("lookup."+string(u.Status)), fyne.TextAlignLeading))
		reply := u.Reply
		if k.lang() == "en" && u.ReplyEn != "" {
			reply = u.ReplyEn
		}
		if reply != "" {
			parts = append(parts, k.line(k.t("lookup.reply")), k.text(reply))
		}
	}
	return k.boothLayout(container.NewVBox(parts...), k.keyButtons(0, keyWord{'1', "booth.key.repeat"}))
}

// boothRecord is the recording: speak now, a level meter, # when done.
func (k *Kiosk) boothRecord(v booth.View) fyne.CanvasObject {
	h := k.th.Size(theme.SizeNameText)
	full := min(k.panelSize().Width-6*h-80, 24*h)
	track := canvas.NewRectangle(k.th.Color(theme.ColorNameInputBackground, 0))
	track.SetMinSize(fyne.NewSize(full, 1.5*h))
	level := canvas.NewRectangle(k.th.Color(theme.ColorNamePrimary, 0))
	level.SetMinSize(fyne.NewSize(full*float32(min(1, v.Level*4)), 1.5*h))
	meter := container.NewCenter(container.NewStack(track, container.NewHBox(level)))
	pic := canvas.NewImageFromResource(k.picture("speech"))
	pic.FillMode = canvas.ImageFillContain
	pic.SetMinSize(fyne.NewSize(2*h, 2*h))
	return k.boothLayout(container.NewVBox(container.NewCenter(pic), k.title(k.t("booth.record")), meter,
		k.label(k.t("booth.record.how"), fyne.TextAlignCenter, fyne.TextStyle{}, theme.SizeNameText, widget.MediumImportance)),
		k.keyButtons(booth.KeyHash, keyWord{booth.KeyHash, "booth.record.done"}))
}

// boothCode takes the receipt code on the telephone's keypad, beside the
// code typed so far on a landscape panel.
func (k *Kiosk) boothCode(v booth.View) fyne.CanvasObject {
	words := container.NewVBox(k.title(k.t("booth.code")), k.bigCode(v.Code, true))
	if p := k.panelSize(); p.Width > p.Height {
		return container.NewBorder(nil, nil, nil, k.boothPad(), words)
	}
	return container.NewVBox(words, k.boothPad())
}

// clip shortens s to about lines lines of width px, with an ellipsis.
func (k *Kiosk) clip(s string, lines int, width float32) string {
	size := k.th.Size(theme.SizeNameText)
	per := 0.62 * size // a Latin letter, and the room lost wrapping at spaces
	if k.lang() == "zh" {
		per = 1.05 * size // a hanzi
	}
	n := int(float32(lines) * width / per)
	r := []rune(s)
	if len(r) <= n || n < 4 {
		return s
	}
	return string(r[:n-1]) + "…"
}

// groups writes a code as receipts print it: 123 456 789.
func groups(code string) string {
	shown := ""
	for i, r := range code {
		if i > 0 && i%3 == 0 {
			shown += " "
		}
		shown += string(r)
	}
	return shown
}

// bigCode shows a code grouped as receipts print it, with a caret while typed.
func (k *Kiosk) bigCode(code string, typing bool) fyne.CanvasObject {
	shown := groups(code)
	if typing {
		shown += "｜"
	}
	return k.label(shown, fyne.TextAlignCenter, fyne.TextStyle{Bold: true}, theme.SizeNameHeadingText, widget.MediumImportance)
}

// boothPad is the keypad on screen: 1-9, * 0 #, as on the telephone.
func (k *Kiosk) boothPad() fyne.CanvasObject {
	var keys []fyne.CanvasObject
	t := k.target()
	for _, row := range [4]string{"123", "456", "789", "*0#"} {
		for _, r := range row {
			keys = append(keys, minSize(k.button(string(r), k.press(booth.Key(r))), 1.2*t, t))
		}
	}
	bg := canvas.NewRectangle(color.Transparent)
	return container.NewCenter(container.NewStack(bg, grid(3, keys...)))
}
