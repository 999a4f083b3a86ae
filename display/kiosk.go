package display

import (
	"context"
	"image"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/theme"

	"opinionwall/display/handwriting"
	"opinionwall/display/pinyin/words"
	"opinionwall/kiosk"
	"opinionwall/kiosk/booth"
	"opinionwall/kiosk/session"
)

// Snapshots gives the screens what the hub last sent: the wall and polls.
type Snapshots interface {
	Wall(ctx context.Context) (kiosk.WallSnapshot, error)
	Polls(ctx context.Context) (kiosk.PollsSnapshot, error)
}

// AdminLine is one line of the admin screen: a name and a value.
type AdminLine struct{ Name, Value string }

// Deps is what the resident screens work on.
type Deps struct {
	Session   *session.Session
	Config    *kiosk.Config
	Snapshots Snapshots
	// Admin returns the lines of the admin screen (kiosk id, version,
	// broker connection, outbox, last ack, sensors).
	Admin func(ctx context.Context) []AdminLine
	// Restart is the admin screen's restart button; nil hides it.
	Restart func()
	// HardwareTest blinks the LEDs and reads the sensors, returning what it
	// found for the admin screen; nil hides the button.
	HardwareTest func() string
	// Now tells the time; tests replace it.
	Now func() time.Time
	// Activity runs at every tap: the screen controller keeps the screen on.
	Activity func()
	// Handwriting recognises the handwriting pad's strokes; nil (no model
	// installed) leaves the pad saying so, and pinyin works as ever.
	Handwriting handwriting.Recognizer
	// Words proposes words for the pinyin typed; nil loads the word engine
	// with the config's vocabulary in the background at start.
	Words words.Source
	// AfterRefresh runs after every redraw (the smoke test records where
	// the buttons are).
	AfterRefresh func()
	// BoothKey is a tap on a phone booth screen's key (booth.go); nil
	// off a booth.
	BoothKey func(booth.Key)
	// ReadAloud speaks a screen's words in its language (a wall kiosk with
	// a speaker: booth.Reader); nil hides the 读给我听 button.
	ReadAloud func(lang, text string)
}

// Kiosk is the resident application: it draws the session's view into the
// window and turns taps into session actions. All its methods run on the
// Fyne thread (use fyne.Do from other goroutines).
type Kiosk struct {
	app fyne.App
	win fyne.Window
	d   Deps
	th  *Theme

	comp       words.Composer
	wordsReady chan words.Source // the word engine once loaded (startWords)
	hand       *HandPad          // the handwriting pad, made when first shown
	kbdMode    int
	enPage     int          // the keypad's English letters shown (keypad.go)
	t9         words.Source // the keypad's reading of the word engine (keypad.go)
	engine     words.Source // the word engine, or the characters until it is loaded (typing.go)
	typing     bool         // the keyboard is open on the words step
	phone      string
	consent    bool
	street     string
	building   string
	code       string
	asking     bool // the station is being asked about code
	wallPage   int
	pg         pageState   // the tiles' pages on small panels (pages.go)
	stepInBody bool        // the step line did not fit in the header (chrome.go)
	errInBody  bool        // the step says the last mistake itself, not the footer (padscreen.go)
	shrink     func() bool // what the screen on show gives up when its body overflows (pages.go)
	wallSplit  bool        // a reply and its question on pages of their own (wall.go)
	polls      []kiosk.Poll
	notice     string            // a plain message for the resident, cleared by the next action
	next       fyne.CanvasObject // the step's forward button, kept in view below the content

	admin      bool
	adminIn    bool // the right PIN was typed
	pin        string
	adminBad   bool             // the last PIN tried was wrong
	adminTries kiosk.PINBackoff // wrong PINs slow the next tries down
	adminShown int              // the seconds of wait last drawn
	hwResult   string

	pool   *pool
	corner *corner
	top    fyne.CanvasObject // the header drawn: 读给我听 reads what is under it
	// readInFooter is 读给我听 beside the forward button, where the header
	// has no room for it (chrome.go).
	readInFooter fyne.CanvasObject
	shownLang    string // the language last drawn in: a switch drops half-typed pinyin
	lastLeft     int    // seconds shown in the idle warning, to redraw only when it changes
	lastRotate   int64  // the rotation slot the attract screen was drawn in (its clock, its wall reply)

	panel   fyne.Size // the panel's resolution (SetPanel); zero: the window's
	panelMM float32   // its physical width; 0: the configuration's, or from the resolution

	pics   map[string]fyne.Resource // the pictures coloured for the theme (pictures.go)
	rotate func() bool              // turns the attract screen's reply in place; false: redraw it all (attract.go)

	announcement kiosk.Text // from the announce command, shown until announceUntil
	announceTill time.Time
	booth        *booth.View // the phone booth's step while a call is on (booth.go)
}

// Announce shows a banner on the attract screen until until (zero: until
// replaced), over the wall's own announcement.
func (k *Kiosk) Announce(t kiosk.Text, until time.Time) {
	k.announcement, k.announceTill = t, until
	k.Refresh()
}

// New makes the resident application in win.
func New(app fyne.App, win fyne.Window, d Deps) *Kiosk {
	if d.Now == nil {
		d.Now = time.Now
	}
	k := &Kiosk{app: app, win: win, d: d, th: &Theme{}, pool: newPool(), pics: map[string]fyne.Resource{}}
	k.corner = newCorner(d.Now, k.openAdmin)
	k.comp = words.Composer{Limit: d.Config.Session.TextLimit}
	k.startWords()
	app.Settings().SetTheme(k.th)
	k.Refresh()
	return k
}

// SetNight switches the dim night palette on or off.
func (k *Kiosk) SetNight(on bool) {
	if k.th.Night != on {
		k.th = &Theme{Large: k.th.Large, Night: on, Density: k.th.Density}
		k.app.Settings().SetTheme(k.th)
	}
}

// Tick applies the session's timeouts and redraws when something changed
// (a visit ended, the idle countdown moved on).
func (k *Kiosk) Tick() {
	changed := k.d.Session.Tick()
	v := k.d.Session.View()
	left := 0
	if v.Warning {
		left = int((v.Left + time.Second - 1) / time.Second)
	}
	if v.State == session.Submitted && v.Pressed == 0 {
		left = k.receiptLeft() // the receipt's countdown
	}
	slot := k.d.Now().Unix() / rotateSeconds
	turn := v.State == session.Attract && !k.admin && slot != k.lastRotate
	if !changed && left == k.lastLeft && turn && k.rotate != nil && k.rotate() {
		k.lastRotate = slot // turned in place: no rebuild of the whole screen
		return
	}
	if changed || left != k.lastLeft || turn || (k.admin && !k.adminIn && k.adminWait() != k.adminShown) {
		k.Refresh()
	}
}

// act runs a session action started by the resident, then redraws.
func (k *Kiosk) act(fn func() error) func() {
	return func() {
		if k.d.Activity != nil {
			k.d.Activity()
		}
		k.notice = ""
		if err := fn(); err != nil && k.d.Session.View().Err == nil {
			k.notice = kiosk.PlainMessage(err, k.lang())
		}
		k.Refresh()
	}
}

func (k *Kiosk) lang() string { return k.d.Session.View().Lang }

func (k *Kiosk) t(key string) string { return tr(k.lang(), key) }

// Refresh redraws the window from the session's view.
func (k *Kiosk) Refresh() {
	v := k.d.Session.View()
	if d := k.density(); k.th.Large != v.Slow || k.th.Density != d {
		k.th = &Theme{Large: v.Slow, Night: k.th.Night, Density: d}
		k.app.Settings().SetTheme(k.th)
	}
	if v.State == session.Attract {
		k.resetInputs()
	}
	if v.Flow != session.FlowLookup {
		k.code, k.asking = "", false // a code typed belongs to its look-up
	}
	if v.State != session.InFlow || v.Step != session.StepWords || v.Lang != k.shownLang {
		// Off the words step, however it was left: no keyboard, and no
		// half-typed pinyin waiting for the next time.
		k.typing = false
		k.comp.SetText(k.comp.Text())
	}
	k.shownLang = v.Lang
	// Draw; while a paged step's tiles overflow, again with a row fewer.
	for k.draw(v) {
	}
	if k.d.AfterRefresh != nil {
		k.d.AfterRefresh()
	}
}

// draw puts the screen for v in the window; true when its tiles did not
// fit and it should be drawn again with fewer a page (pages.go).
func (k *Kiosk) draw(v session.View) bool {
	var body fyne.CanvasObject
	k.next, k.rotate, k.pg.used, k.errInBody, k.shrink, k.readInFooter = nil, nil, false, false, nil, nil
	k.pool.begin()
	switch {
	case k.admin:
		body = k.adminScreen()
	case k.booth != nil:
		body = k.boothScreen(*k.booth)
	case v.State == session.Attract:
		body = k.attract(v)
	case v.State == session.Home:
		body = k.home(v)
	case v.State == session.InFlow:
		body = k.step(v)
	case v.State == session.Review:
		body = k.review(v)
	case v.State == session.Submitted && v.Pressed != 0:
		body = k.thanks(v) // a button press: no receipt code
	case v.State == session.Submitted:
		body = k.submitted(v)
	}
	k.lastLeft, k.lastRotate = 0, k.d.Now().Unix()/rotateSeconds
	if v.State == session.Submitted && v.Pressed == 0 {
		k.lastLeft = k.receiptLeft()
	}
	content := body
	var view *container.Scroll
	switch {
	case k.booth != nil && !k.admin:
		content = container.NewBorder(k.boothHeader(), nil, nil, nil, body) // the booth's own layout
	case v.State == session.Attract || k.admin:
	case v.State == session.Submitted && v.Pressed != 0:
		// A button press's thanks fills the screen on its own.
	case k.typing && v.Step == session.StepWords:
		// The keyboard fills the screen; 写好了 is its way out.
		content = container.NewBorder(nil, k.footer(v), nil, nil, body)
	default:
		if k.paged() {
			k.next = k.pageTurner()
		}
		top := k.header(v)
		k.top = top // not read aloud: readaloud.go
		if k.stepInBody {
			body = container.NewVBox(k.progress(v), body)
		}
		view = k.scroll("body", body)
		content = container.NewBorder(top, k.footer(v), nil, nil, view)
	}
	layers := []fyne.CanvasObject{content}
	if !k.typing {
		layers = append(layers, container.NewVBox(container.NewHBox(k.corner))) // not over the keys
	}
	if v.Warning {
		// Over the screen, never moving it: a tap anywhere counts as 我还在.
		k.lastLeft = int((v.Left + time.Second - 1) / time.Second)
		layers = append(layers, k.idleWarning(k.lastLeft)...)
	}
	k.win.SetContent(container.NewStack(layers...))
	// Wrapped text knows its height only once it has a width: lay out
	// again so that a long message in the footer gets all its lines.
	k.win.Content().Refresh()
	k.pool.end()
	return k.overflows(view)
}

// step draws the current step of a flow.
func (k *Kiosk) step(v session.View) fyne.CanvasObject {
	switch v.Step {
	case session.StepTopic:
		return k.topics(v)
	case session.StepLocation:
		return k.location(v)
	case session.StepWords:
		return k.words(v)
	case session.StepContact:
		return k.contact(v)
	case session.StepService:
		return k.services(v)
	case session.StepRating:
		return k.ratings(v)
	case session.StepReasons:
		return k.reasons(v)
	case session.StepPoll:
		return k.pollList(v)
	case session.StepOption:
		return k.options(v)
	case session.StepCode:
		return k.codeEntry(v)
	case session.StepResult:
		return k.result(v)
	case session.StepBrowse:
		return k.wall(v)
	}
	return k.text(string(v.Step))
}

// resetInputs forgets what the last resident typed on the pads.
func (k *Kiosk) resetInputs() {
	k.comp.SetText("")
	k.typing = false
	if k.hand != nil {
		k.hand.Clear()
	}
	k.kbdMode, k.phone, k.consent, k.street, k.building, k.code, k.wallPage, k.polls = modePinyin, "", false, "", "", "", 0, nil
	k.asking, k.pg, k.wallSplit = false, pageState{}, false
}

// idleWarning is the countdown over the screen: a dimmed cover that takes
// any tap as 我还在, and a banner at the top with the seconds left, large.
func (k *Kiosk) idleWarning(left int) []fyne.CanvasObject {
	still := k.act(func() error { k.d.Session.Touch(); return nil })
	count := canvas.NewText(strconv.Itoa(left), theme.Color(theme.ColorNameForeground))
	count.TextSize, count.TextStyle = 3*k.th.Size(theme.SizeNameText), fyne.TextStyle{Bold: true}
	t := k.target()
	banner := container.NewBorder(nil, nil, nil, minSize(k.big(k.t("idle.yes"), true, still), 2*t, t),
		container.NewVBox(k.bold(k.t("idle.still"), fyne.TextAlignLeading),
			container.NewBorder(nil, nil, count, nil, container.NewVBox(spacer(), k.text(k.t("idle.left")), spacer()))))
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	edge := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	edge.SetMinSize(fyne.NewSize(1, 6))
	return []fyne.CanvasObject{
		newCover(still),
		container.NewBorder(container.NewStack(bg, container.NewBorder(nil, edge, nil, nil, container.NewPadded(banner))), nil, nil, nil),
	}
}

// Screenshot draws the screen as it is now with Fyne's software painter,
// the size of the window: the GL front buffer cannot be read back reliably
// on every driver. It runs on the Fyne thread.
func (k *Kiosk) Screenshot() image.Image {
	size := k.win.Canvas().Size()
	c := software.NewCanvas()
	c.SetPadded(false)
	c.SetContent(k.win.Content())
	c.Resize(size)
	img := c.Capture()
	k.Refresh() // the window gets its own tree back
	return img
}
