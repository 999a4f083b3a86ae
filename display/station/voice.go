package station

import (
	"fmt"
	"image"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

// VoicePlayer plays voice cases' recordings on the station PC: malgo and
// libopus in cmd/hub (voice/playback), a fake in tests.
type VoicePlayer interface {
	// Open decodes a recording (Ogg Opus) for playing.
	Open(file []byte) (Track, error)
}

// Track is one recording ready to play.
type Track interface {
	Duration() time.Duration
	// Peaks are n bars of the waveform, 0 to 1.
	Peaks(n int) []float64
	// Play starts playing at from; it returns at once.
	Play(from time.Duration) error
	Pause()
	Position() time.Duration
	Playing() bool
	Close() error
}

// voiceView is the player of the case in the detail pane.
type voiceView struct {
	track    Track
	play     *widget.Button
	seek     *widget.Slider
	pos      *widget.Label
	summary  *widget.Entry
	text     *widget.Entry
	stop     chan struct{} // ends the position ticker
	seeking  bool          // the slider is being set from the track, not by the worker
	waveform *canvas.Image
}

// peakBars is the waveform's resolution.
const peakBars = 240

// voiceInfo is a voice case's part of the detail: the player (for the
// roles that may listen) and the summary and transcript.
func (s *App) voiceInfo(c *hub.Case) []fyne.CanvasObject {
	s.closeTrack()
	// The case's head says 语音留言 and the player its length: the
	// summary's row and its button stay in view on a 1366×768 screen.
	info := s.player(c)
	v := &s.voice
	v.summary = widget.NewEntry()
	v.summary.SetPlaceHolder(s.t("voice.ph.summary"))
	v.summary.SetText(c.Text)
	v.text = widget.NewMultiLineEntry()
	v.text.Wrapping = fyne.TextWrapWord
	v.text.SetMinRowsVisible(4)
	v.text.SetPlaceHolder(s.t("voice.ph.text"))
	v.text.SetText(c.Transcript)
	save := widget.NewButton(s.t("voice.save"), s.transcribe)
	if !s.me.Allowed(hub.ActTranscribe) {
		save.Disable()
	}
	if c.Text == "" {
		info = append(info, widget.NewLabel(s.t("case.summary.none")))
	}
	return append(info, s.row("voice.summary", v.summary, save), s.row("voice.transcript", v.text),
		widget.NewLabel(s.t("voice.nowall")))
}

// player is the waveform, play/pause and the seek slider; or why there is
// none.
func (s *App) player(c *hub.Case) []fyne.CanvasObject {
	if !s.me.Role.SeesContact() {
		return []fyne.CanvasObject{widget.NewLabel(s.tf("voice.head", clock(c.VoiceDuration()))), widget.NewLabel(s.t("voice.nolisten"))}
	}
	file, err := s.d.Desk.VoiceAudio(s.ctx, s.me, c.ID)
	if kiosk.ErrorCode(err) == kiosk.ENOTFOUND {
		return []fyne.CanvasObject{widget.NewLabel(s.tf("voice.head", clock(c.VoiceDuration()))), widget.NewLabel(s.t("voice.purged"))}
	}
	if s.fail(s.t("what.play"), err) {
		return nil
	}
	if s.d.Voice == nil {
		return []fyne.CanvasObject{widget.NewLabel(s.tf("voice.head", clock(c.VoiceDuration()))), widget.NewLabel(s.t("voice.noplayer"))}
	}
	t, err := s.d.Voice.Open(file)
	if s.fail(s.t("what.play"), err) {
		return nil
	}
	v := &s.voice
	v.track = t
	v.waveform = canvas.NewImageFromImage(waveform(t.Peaks(peakBars), 960, 96))
	v.waveform.FillMode = canvas.ImageFillStretch
	v.waveform.SetMinSize(fyne.NewSize(480, 64))
	v.play = widget.NewButton(s.t("voice.play"), s.playPause)
	v.seek = widget.NewSlider(0, t.Duration().Seconds())
	v.seek.Step = 0.1
	v.seek.OnChanged = s.seekTo
	v.pos = widget.NewLabel(s.tf("voice.pos", clock(0), clock(t.Duration())))
	return []fyne.CanvasObject{v.waveform, container.NewBorder(nil, nil, v.play, v.pos, v.seek)}
}

// playPause starts or pauses the recording.
func (s *App) playPause() {
	v := &s.voice
	if v.track == nil {
		return
	}
	if v.track.Playing() {
		v.track.Pause()
		s.showPosition()
		return
	}
	from := v.track.Position()
	if from >= v.track.Duration() {
		from = 0
	}
	if s.fail(s.t("what.play"), v.track.Play(from)) {
		return
	}
	s.showPosition()
	s.follow()
}

// seekTo plays on from where the worker put the slider.
func (s *App) seekTo(secs float64) {
	v := &s.voice
	if v.track == nil || v.seeking {
		return
	}
	at := time.Duration(secs * float64(time.Second))
	playing := v.track.Playing()
	v.track.Pause()
	if err := v.track.Play(at); s.fail(s.t("what.play"), err) {
		return
	}
	if !playing {
		v.track.Pause()
	}
	s.showPosition()
}

// showPosition shows where the track is: the slider, the time, the button.
func (s *App) showPosition() {
	v := &s.voice
	if v.track == nil {
		return
	}
	at := v.track.Position()
	v.seeking = true
	v.seek.SetValue(at.Seconds())
	v.seeking = false
	v.pos.SetText(s.tf("voice.pos", clock(at), clock(v.track.Duration())))
	if v.track.Playing() {
		v.play.SetText(s.t("voice.pause"))
	} else {
		v.play.SetText(s.t("voice.play"))
	}
}

// follow moves the slider while the track plays, from a ticker that hands
// each step to the Fyne thread; it ends when the track stops or closes.
func (s *App) follow() {
	v := &s.voice
	if v.stop != nil {
		return
	}
	stop := make(chan struct{})
	v.stop = stop
	track := v.track
	go func() {
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
			}
			fyne.Do(func() {
				if s.voice.track != track || s.voice.stop != stop {
					return
				}
				s.showPosition()
				if !track.Playing() {
					close(stop)
					s.voice.stop = nil
				}
			})
		}
	}()
}

// closeTrack stops and forgets the track of the case shown before.
func (s *App) closeTrack() {
	v := &s.voice
	if v.stop != nil {
		close(v.stop)
		v.stop = nil
	}
	if v.track != nil {
		v.track.Pause()
		v.track.Close()
	}
	*v = voiceView{}
}

func (s *App) transcribe() {
	if s.do(hub.Action{Kind: hub.ActTranscribe, Summary: s.voice.summary.Text, Transcript: s.voice.text.Text}) == nil {
		s.say("%s", s.t("voice.saved"))
	}
}

// clock writes a length as m:ss.
func clock(d time.Duration) string {
	d = d.Round(time.Second)
	return fmt.Sprintf("%d:%02d", int(d.Minutes()), int(d.Seconds())%60)
}

// waveform draws peaks as bars mirrored about the middle.
func waveform(peaks []float64, w, h int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	bg, fg := color.RGBA{0xf2, 0xf4, 0xf7, 0xff}, color.RGBA{0x1f, 0x5f, 0xa8, 0xff}
	for y := range h {
		for x := range w {
			img.Set(x, y, bg)
		}
	}
	if len(peaks) == 0 {
		return img
	}
	for x := range w {
		p := peaks[x*len(peaks)/w]
		half := max(int(p*float64(h)/2), 1)
		for y := h/2 - half; y < h/2+half; y++ {
			img.Set(x, y, fg)
		}
	}
	return img
}
