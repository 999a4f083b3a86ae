package display_test

import (
	"flag"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"opinionwall/display"
	"opinionwall/display/displaytest"
	"opinionwall/display/pinyin/words"
	"opinionwall/kiosk"
)

var update = flag.Bool("update", false, "write the layout test's screenshots to testdata/layout for review")

// mode is one way a resident can see the screens.
type mode struct {
	name string
	lang string
	slow bool // 长辈模式
}

var modes = []mode{{"normal", "zh", false}, {"elder", "zh", true}, {"en", "en", false}, {"en-elder", "en", true}}

var sizes = []fyne.Size{{Width: 1280, Height: 800}, {Width: 800, Height: 480}, {Width: 720, Height: 1280}}

// visit drives a kiosk in one mode; tr names the labels in its language.
type visit struct {
	*displaytest.Kiosk
	m     mode
	panel fyne.Size
}

func (v visit) tr(key string) string { return display.Tr(v.m.lang, key) }

func (v visit) tapKey(key string) { v.T.Helper(); v.Tap(v.tr(key)) }

// begin wakes the kiosk and sets the mode, as a resident would with the
// header's switches.
func (v visit) begin() {
	v.T.Helper()
	v.Tap(display.Tr("zh", "attract.call"))
	if v.m.slow {
		v.Tap(display.Tr("zh", "nav.large"))
	}
	if v.m.lang != "zh" {
		v.Tap(display.Tr("zh", "nav.lang"))
	}
}

func (v visit) topic() { v.tapKey("home.opinion") }
func (v visit) location() {
	v.topic()
	v.Tap(v.Cfg.Topics[0].Name.In(v.m.lang))
}
func (v visit) street() {
	v.location()
	v.Tap("大和路")
	v.Tap("1")
	v.Tap("2")
}
func (v visit) words() {
	v.location()
	v.tapKey("opinion.noplace")
}
func (v visit) keyboard(letters string) {
	v.words()
	v.tapKey("opinion.write")
	for _, r := range letters {
		v.Tap(v.keyFor(r))
	}
}

// keyFor is the label of the key that types the letter: the letter, or on
// the keypad (长辈模式 on a small panel) the key with the letter on it.
func (v visit) keyFor(r rune) string {
	if v.Has("PQRS") {
		for d := byte('2'); d <= '9'; d++ {
			if l := words.KeypadLetters(d); strings.ContainsRune(l, r) {
				return strings.ToUpper(l)
			}
		}
	}
	return string(r)
}

// pick taps the candidate, turning the candidates' pages (→) to it.
func (v visit) pick(text string) {
	for range 20 {
		if v.Has(text) {
			break
		}
		v.Tap("→")
	}
	v.Tap(text)
}
func (v visit) contact() {
	v.words()
	v.Tap(v.Cfg.Topics[0].Phrases[0].Text.In(v.m.lang))
	v.tapKey("nav.next")
}
func (v visit) phone() {
	v.contact()
	for _, d := range "13800005678" {
		v.Tap(string(d))
	}
}
func (v visit) review() {
	v.phone()
	if v.Has(v.tr("opinion.consent.short")) {
		v.tapKey("opinion.consent.short") // beside the pad on a short or portrait panel
	} else {
		v.tapKey("opinion.consent")
	}
	v.tapKey("nav.next")
}
func (v visit) rating() {
	v.tapKey("home.rating")
	v.Tap(v.Cfg.Services[0].Name.In(v.m.lang))
}
func (v visit) vote() {
	v.tapKey("home.vote")
}
func (v visit) code() {
	v.tapKey("home.lookup")
}

// header is what every screen of a visit needs.
func header() []string { return []string{"nav.back", "nav.home", "nav.large", "nav.lang"} }

// screen is one resident screen: how to get there and what it needs.
type screen struct {
	name   string
	needed []string // catalog keys of the buttons the step needs
	to     func(v visit)
}

func screens() []screen {
	return append(residentScreens(), boothScreens()...)
}

func residentScreens() []screen {
	return []screen{
		{"attract", []string{"attract.call"}, func(v visit) {}},
		{"home", []string{"home.opinion", "home.rating", "home.vote", "home.lookup", "home.wall"}, func(v visit) { v.begin() }},
		{"topic", nil, func(v visit) { v.begin(); v.topic() }},
		{"location", []string{"opinion.noplace"}, func(v visit) { v.begin(); v.location() }},
		{"location-street", []string{"nav.next", "kbd.clear", "kbd.back"}, func(v visit) { v.begin(); v.street() }},
		{"words", []string{"nav.next", "opinion.write"}, func(v visit) { v.begin(); v.words() }},
		{"words-error", []string{"nav.next"}, func(v visit) { v.begin(); v.words(); v.tapKey("nav.next") }},
		{"keyboard-0", []string{"kbd.done", "kbd.space", "kbd.back"}, func(v visit) { v.begin(); v.keyboard("") }},
		{"keyboard-1", []string{"kbd.done", "kbd.space", "kbd.back"}, func(v visit) { v.begin(); v.keyboard("z") }},
		{"keyboard-2", []string{"kbd.done", "kbd.space", "kbd.back"}, func(v visit) { v.begin(); v.keyboard("zh") }},
		{"keyboard-3", []string{"kbd.done", "kbd.space", "kbd.back"}, func(v visit) { v.begin(); v.keyboard("zhu") }},
		{"keyboard-4", []string{"kbd.done", "kbd.space", "kbd.back"}, func(v visit) { v.begin(); v.keyboard("zhua") }},
		{"keyboard-5", []string{"kbd.done", "kbd.space", "kbd.back"}, func(v visit) { v.begin(); v.keyboard("zhuan") }},
		{"keyboard-6", []string{"kbd.done", "kbd.space", "kbd.back"}, func(v visit) { v.begin(); v.keyboard("zhuang") }},
		{"keyboard-digits", []string{"kbd.done", "kbd.back"}, func(v visit) { v.begin(); v.keyboard(""); v.tapKey("kbd.digits") }},
		{"keyboard-english", []string{"kbd.done", "kbd.back"}, func(v visit) {
			v.begin()
			v.keyboard("")
			v.tapKey("kbd.english")
			v.Tap("A")
		}},
		{"keyboard-hand", []string{"kbd.done", "kbd.back", "kbd.letters"}, func(v visit) { v.begin(); v.keyboard(""); v.tapKey("kbd.hand") }},
		{"keyboard-words", []string{"kbd.done", "kbd.back"}, func(v visit) { v.begin(); v.keyboard("diantihuaile"); v.pick("电梯") }},
		{"contact", []string{"nav.next", "opinion.anon"}, func(v visit) { v.begin(); v.contact() }},
		{"contact-phone", []string{"nav.next", "opinion.anon"}, func(v visit) { v.begin(); v.phone() }},
		{"contact-error", []string{"nav.next"}, func(v visit) { v.begin(); v.phone(); v.tapKey("nav.next") }},
		{"review", []string{"review.submit"}, func(v visit) { v.begin(); v.review() }},
		{"submitted", []string{"done.ok"}, func(v visit) { v.begin(); v.review(); v.tapKey("review.submit") }},
		{"service", nil, func(v visit) { v.begin(); v.tapKey("home.rating") }},
		{"faces", nil, func(v visit) { v.begin(); v.rating() }},
		{"reasons", []string{"nav.next"}, func(v visit) { v.begin(); v.rating(); v.tapKey("rating.2") }},
		{"review-rating", []string{"review.submit"}, func(v visit) { v.begin(); v.rating(); v.tapKey("rating.4") }},
		{"polls", nil, func(v visit) { v.begin(); v.vote() }},
		{"option", nil, func(v visit) { v.begin(); v.vote(); v.Tap(pollLabel(v)) }},
		{"review-vote", []string{"review.submit"}, func(v visit) { v.begin(); v.vote(); v.Tap(pollLabel(v)); v.Tap(pollYes(v)) }},
		{"code", []string{"lookup.find", "kbd.clear", "kbd.back"}, func(v visit) { v.begin(); v.code() }},
		{"code-error", []string{"lookup.find"}, func(v visit) {
			v.begin()
			v.code()
			for _, d := range "123456789" {
				v.Tap(string(d))
			}
			v.tapKey("lookup.find")
		}},
		{"code-limited", []string{"nav.home"}, func(v visit) {
			v.begin()
			v.code()
			guess, _ := kiosk.NewTicketCodec(12, "guess")
			for i := range int64(v.Cfg.Lookup.WrongPerVisit + 1) {
				if hasButton(v.Win, v.tr("kbd.clear.short")) {
					v.tapKey("kbd.clear.short") // the short panel's square key: C
				} else {
					v.tapKey("kbd.clear")
				}
				for _, d := range guess.Code(700 + i) {
					v.Tap(string(d))
				}
				v.tapKey("lookup.find")
			}
		}},
		{"result", nil, func(v visit) {
			ticket := storedTicket(v)
			v.begin()
			v.code()
			for _, d := range ticket {
				v.Tap(string(d))
			}
			v.tapKey("lookup.find")
		}},
		{"wall", []string{"wall.next"}, func(v visit) { v.begin(); v.tapKey("home.wall") }},
		{"wall-2", []string{"wall.prev", "wall.next"}, func(v visit) { v.begin(); v.tapKey("home.wall"); v.tapKey("wall.next") }},
		{"idle-warning", []string{"idle.yes"}, func(v visit) {
			v.begin()
			v.street()
			v.Clk.Advance(v.S.Deadline().Sub(v.Clk.Now()) + time.Second)
			v.K.Tick()
		}},
		{"admin-pin", nil, func(v visit) { v.begin(); tapCorner(v) }},
		{"admin-wait", []string{"admin.close"}, func(v visit) {
			v.begin()
			tapCorner(v)
			for i := range 3 { // three wrong PINs: the third starts a wait of 4 s
				for _, d := range "111111" {
					v.Tap(string(d))
				}
				v.tapKey("admin.enter")
				if i < 2 {
					v.Clk.Advance(5 * time.Second)
				}
			}
		}},
		{"admin", []string{"admin.close"}, func(v visit) {
			v.begin()
			tapCorner(v)
			for _, d := range "480731" {
				v.Tap(string(d))
			}
			v.tapKey("admin.enter")
		}},
	}
}
