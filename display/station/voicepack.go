package station

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"opinionwall/hub"
	"opinionwall/kiosk/booth"
)

// Studio records the booths' fixed prompts on this PC, prompt by prompt:
// a take, listened to, kept (kiosk/voicepack.Studio).
type Studio interface {
	Record(ctx context.Context, p booth.Prompt, level func(float64)) (time.Duration, error)
	Stop()
	Listen(ctx context.Context, p booth.Prompt) error
	Keep(p booth.Prompt) error
	Kept() []booth.Prompt
}

// VoicePack is the 语音包 screen's wiring: a lead records the booths'
// prompts in their own voice, signs the pack with the operations key from
// the USB stick and sends it through the station to the booths.
type VoicePack struct {
	// Studio records through this PC's microphone and lists what was
	// kept; NoMic, when set, says why there is no microphone: recording
	// is off, signing what was kept before still works.
	Studio Studio
	NoMic  string
	// Sign signs the kept recordings with the operations key file at
	// keyPath as the pack's version, recorded by by.
	Sign func(keyPath string, version int64, by string) ([]byte, error)
	// KeyPath is where the operations key usually is (the USB stick).
	KeyPath string
	// NothingHeard is the Studio's error for a silent take.
	NothingHeard error
}

type voicePackView struct {
	list    *widget.List
	chosen  int
	pane    *container.Scroll // the chosen prompt's words and buttons
	words   *widget.RichText
	meter   *widget.ProgressBar
	record  *widget.Button
	listen  *widget.Button
	keep    *widget.Button
	send    *widget.Button
	to      *widget.Select // every booth, or one to try the pack on first
	key     *widget.Entry
	note    *widget.Label // what happened to the chosen prompt's take
	summary *widget.Label
	booths  *widget.Label
	kept    map[booth.Prompt]bool
	take    map[booth.Prompt]bool // a take recorded and not yet kept
	busy    bool                  // recording or playing
	sent    hub.VoicePackSent
}

// voicePackScreen is the 语音包 tab: the prompts on the left, the chosen
// one's words and buttons on the right, signing and sending below.
func (s *App) voicePackScreen() fyne.CanvasObject {
	v := &s.vp
	*v = voicePackView{kept: map[booth.Prompt]bool{}, take: map[booth.Prompt]bool{}}
	v.list = widget.NewList(func() int { return len(booth.Prompts) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(s.promptLine(i)) })
	v.list.OnSelected = func(i widget.ListItemID) { v.chosen = i; s.showPrompt() }
	v.words = widget.NewRichText(&widget.TextSegment{Style: widget.RichTextStyleSubHeading}) // read out from a little way off
	v.words.Wrapping = fyne.TextWrapWord
	v.meter = widget.NewProgressBar()
	v.meter.TextFormatter = func() string { return "" }
	v.record = bigButton(s.t("vp.record"), theme.MediaRecordIcon(), s.recordOrStop)
	v.listen = bigButton(s.t("vp.listen"), theme.MediaPlayIcon(), s.listenTake)
	v.keep = bigButton(s.t("vp.keep"), theme.ConfirmIcon(), s.keepTake)
	v.note = widget.NewLabel("")
	v.note.Wrapping = fyne.TextWrapWord
	v.summary = widget.NewLabel("")
	v.summary.Wrapping = fyne.TextWrapWord
	v.key = widget.NewEntry()
	v.key.SetText(s.d.VoicePack.KeyPath)
	v.key.SetPlaceHolder(s.t("vp.key.ph"))
	v.send = bigButton(s.t("vp.send"), theme.MailSendIcon(), s.signAndSend)
	v.to = widget.NewSelect([]string{s.t("vp.to.all")}, nil)
	v.to.Selected = s.t("vp.to.all")
	v.booths = widget.NewLabel("")
	v.booths.Wrapping = fyne.TextWrapWord
	mic := widget.NewLabel(s.t("vp.mic.ok"))
	if !s.hasMic() {
		mic.SetText(s.tf("vp.mic.none", s.d.VoicePack.NoMic))
	}
	mic.Wrapping = fyne.TextWrapWord
	buttons := container.NewGridWithColumns(3, tall(v.record), tall(v.listen), tall(v.keep))
	v.pane = container.NewVScroll(container.NewVBox(mic, v.summary, widget.NewSeparator(),
		widget.NewLabel(s.t("vp.read")), v.words, container.NewBorder(nil, nil, widget.NewLabel(s.t("vp.level")), nil, v.meter), buttons, v.note,
		widget.NewSeparator(), v.booths)) // the booths' answers: room to grow, and a scroll
	send := container.NewVBox(widget.NewSeparator(), widget.NewLabelWithStyle(s.t("vp.sign.head"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewBorder(nil, nil, widget.NewLabel(s.t("vp.key")), nil, v.key),
		container.NewBorder(nil, nil, widget.NewLabel(s.t("vp.to")), nil, v.to), tall(v.send))
	split := container.NewHSplit(container.NewBorder(nil, send, nil, nil, v.list), v.pane)
	split.Offset = 0.4
	s.refreshVoicePack()
	v.list.Select(0)
	v.list.ScrollToTop() // Select scrolls before the list has its size
	return split
}

// tall gives a button the height of a big target.
func tall(b *widget.Button) fyne.CanvasObject {
	space := canvas.NewRectangle(color.Transparent)
	space.SetMinSize(fyne.NewSize(160, 64))
	return container.NewStack(space, b)
}

// hasMic reports whether this PC can record.
func (s *App) hasMic() bool { return s.d.VoicePack.Studio != nil && s.d.VoicePack.NoMic == "" }

// bigButton is a prominent button: the studio's targets.
func bigButton(label string, icon fyne.Resource, tapped func()) *widget.Button {
	b := widget.NewButtonWithIcon(label, icon, tapped)
	b.Importance = widget.HighImportance
	return b
}

// promptLine is a prompt's row: kept or synthesised, and its words.
func (s *App) promptLine(i int) string {
	p := booth.Prompts[i]
	mark := s.t("vp.synth")
	switch {
	case s.vp.take[p.ID]:
		mark = s.t("vp.untaken")
	case s.vp.kept[p.ID]:
		mark = s.t("vp.kept")
	}
	return fmt.Sprintf("%d. %s  %s", i+1, mark, p.Text)
}

// refreshVoicePack reloads which prompts are kept and what the booths run.
func (s *App) refreshVoicePack() {
	v := &s.vp
	if v.list == nil {
		return
	}
	if st := s.d.VoicePack.Studio; st != nil {
		v.kept = map[booth.Prompt]bool{}
		for _, p := range st.Kept() {
			v.kept[p] = true
		}
	}
	v.summary.SetText(s.tf("vp.summary", len(v.kept), len(booth.Prompts), len(booth.Prompts)-len(v.kept)))
	v.list.Refresh()
	s.showBooths()
	s.showPrompt()
}

// showPrompt shows the chosen prompt's words and which buttons apply.
func (s *App) showPrompt() {
	v := &s.vp
	p := booth.Prompts[v.chosen]
	v.words.Segments[0].(*widget.TextSegment).Text = p.Text
	v.words.Refresh()
	if v.pane != nil {
		v.pane.Refresh() // the words may take another line: lay the pane out again
	}
	noMic := !s.hasMic()
	setEnabled(v.record, !noMic && (!v.busy || v.record.Text == s.t("vp.stop")))
	setEnabled(v.listen, !noMic && !v.busy && (v.take[p.ID] || v.kept[p.ID]))
	setEnabled(v.keep, !noMic && !v.busy && v.take[p.ID])
	setEnabled(v.send, !v.busy && len(v.kept) > 0)
}

func setEnabled(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// recordOrStop starts a take of the chosen prompt, or ends the one
// running; the meter shows the microphone's level as it goes.
func (s *App) recordOrStop() {
	v := &s.vp
	st := s.d.VoicePack.Studio
	if !s.hasMic() {
		return
	}
	if v.busy {
		st.Stop()
		return
	}
	p := booth.Prompts[v.chosen].ID
	v.busy = true
	v.record.SetText(s.t("vp.stop"))
	v.record.SetIcon(theme.MediaStopIcon())
	v.note.SetText(s.t("vp.recording"))
	s.showPrompt()
	go func() {
		d, err := st.Record(s.ctx, p, func(rms float64) { fyne.Do(func() { v.meter.SetValue(meterValue(rms)) }) })
		fyne.Do(func() { s.recorded(p, d, err) })
	}()
}

// meterValue shows speech (RMS 0.03 and up) well up the bar.
func meterValue(rms float64) float64 { return math.Min(1, math.Sqrt(rms/0.25)) }

// recorded shows how a take went: the buttons first, then the note.
func (s *App) recorded(p booth.Prompt, d time.Duration, err error) {
	v := &s.vp
	v.busy = false
	v.record.SetText(s.t("vp.record"))
	v.record.SetIcon(theme.MediaRecordIcon())
	v.meter.SetValue(0)
	note := s.tf("vp.taken", d.Seconds())
	switch {
	case err != nil && s.d.VoicePack.NothingHeard != nil && errors.Is(err, s.d.VoicePack.NothingHeard):
		note = s.t("vp.nothing")
	case err != nil:
		note = s.tf("fail.other", s.t("what.record"), err.Error())
	default:
		v.take[p] = true
	}
	v.list.Refresh()
	s.showPrompt()
	v.note.SetText(note)
}

// listenTake plays the chosen prompt's take, or its kept recording.
func (s *App) listenTake() {
	v := &s.vp
	st := s.d.VoicePack.Studio
	if !s.hasMic() || v.busy {
		return
	}
	p := booth.Prompts[v.chosen].ID
	v.busy = true
	v.note.SetText(s.t("vp.playing"))
	s.showPrompt()
	go func() {
		err := st.Listen(s.ctx, p)
		fyne.Do(func() {
			v.busy = false
			s.showPrompt()
			if err != nil {
				v.note.SetText(s.tf("fail.other", s.t("what.listen"), err.Error()))
			} else {
				v.note.SetText(s.t("vp.played"))
			}
		})
	}()
}

// keepTake keeps the chosen prompt's take for the pack.
func (s *App) keepTake() {
	v := &s.vp
	p := booth.Prompts[v.chosen].ID
	if err := s.d.VoicePack.Studio.Keep(p); err != nil {
		v.note.SetText(s.tf("fail.other", s.t("what.keep"), err.Error()))
		return
	}
	delete(v.take, p)
	v.note.SetText(s.t("vp.keptnote"))
	s.refreshVoicePack()
	if v.chosen+1 < len(booth.Prompts) { // on to the next prompt
		v.list.Select(v.chosen + 1)
	}
}

// ChoosePrompt chooses the i-th prompt on the 语音包 screen, unless a
// take is running.
func (s *App) ChoosePrompt(i int) {
	if s.vp.list == nil || i < 0 || i >= len(booth.Prompts) || s.vp.busy {
		return
	}
	s.vp.list.Select(i)
}

// RecordPrompt chooses the i-th prompt and presses its record button: a
// take starts, or the one running stops.
func (s *App) RecordPrompt(i int) {
	if s.vp.list == nil {
		return
	}
	s.ChoosePrompt(i)
	s.recordOrStop()
}

// KeepTake presses 保留 for the chosen prompt; SendVoicePack presses
// 签名并发送 (the smoke tour's steps).
func (s *App) KeepTake() {
	if s.vp.list != nil && s.vp.keep != nil && !s.vp.keep.Disabled() {
		s.keepTake()
	}
}

func (s *App) SendVoicePack() {
	if s.vp.list != nil {
		s.signAndSend()
	}
}
