package station_test

import (
	"errors"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"opinionwall/display/displaytest"
	"opinionwall/display/station"
	"opinionwall/hub"
	"opinionwall/kiosk"
)

// TestVoicePackForLeadsOnly: the 语音包 tab is a lead's (hub.Worker's
// MaySendVoicePack; the Desk refuses others' packs too); a key that does
// not sign and a station that sends no packs are said so on the screen,
// and a PC without a microphone offers no recording.
func TestVoicePackForLeadsOnly(t *testing.T) {
	login, desk := stationOpener(t)
	open := func(vp *station.VoicePack, who string) (*station.App, displaytest.Screen) {
		st, u := login(station.Deps{VoicePack: vp}, who)
		st.Show(station.TabVoicePack)
		return st, u
	}
	for _, who := range []string{"wang", "li"} {
		if _, u := open(layoutStudio(t), who); u.Has("请用普通话念") {
			t.Errorf("%s, not a lead, sees the voice pack screen", who)
		}
	}

	vp := layoutStudio(t)
	vp.Sign = func(string, int64, string) ([]byte, error) { return nil, errors.New("no PRIVATE KEY PEM block") }
	st, u := open(vp, "zhang")
	u.Want("已录 1 / 29 句。没录的 28 句，电话亭用电脑合成的声音说")
	st.ChoosePrompt(1) // the menu's words take two lines: the meter moves down for them
	wordsBottom, meterTop := float32(0), float32(0)
	for _, o := range u.Objects() {
		at := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
		switch o.(type) {
		case *widget.RichText:
			wordsBottom = at.Y + max(o.Size().Height, o.MinSize().Height) // the words drawn, whatever room they were given
		case *widget.ProgressBar:
			meterTop = at.Y
		}
	}
	if wordsBottom == 0 || meterTop < wordsBottom-0.5 {
		t.Errorf("the menu's words (to y=%.0f) run into the level meter (from y=%.0f)", wordsBottom, meterTop)
	}
	if rows := listTexts(u.Win); !strings.Contains(rows, "1. [已录]  您好，这里是社区电话亭。") || !strings.Contains(rows, "2. [合成]  评价服务请按1") {
		t.Errorf("the prompts:\n%s", rows)
	}
	u.Tap("签名并发送")
	u.Want("没能签名：no PRIVATE KEY PEM block")
	vp.Sign = func(string, int64, string) ([]byte, error) { return []byte(`{"v":1}`), nil }
	u.Tap("签名并发送")
	u.Want("工作站没有运维公钥，不能发送语音包（hub run -ops-pub）")
	// A pack refused as older says which, as times, not Unix seconds.
	signed := time.Date(2026, 11, 30, 14, 5, 0, 0, time.Local).Unix()
	older := st.Reason(hub.Reason{Key: "voicepack.older", Args: []any{hub.PackVersion(5), hub.PackVersion(signed)}})
	if !strings.Contains(older, "14:05") || strings.Contains(older, strconv.FormatInt(signed, 10)) || !strings.Contains(older, "5") {
		t.Errorf("an older pack is refused with %q", older)
	}

	vp = layoutStudio(t)
	vp.NoMic = "no capture device"
	_, u = open(vp, "zhang")
	u.Want("这台电脑没有麦克风，不能录音（no capture device）")
	u.Want("已录 1 / 29 句") // what was kept before can still be sent
	if b := button(u, "签名并发送"); b == nil || b.Disabled() {
		t.Error("no 签名并发送 without a microphone, with a recording kept")
	}
	if dir := os.Getenv("OW_SHOT_DIR"); dir != "" { // to look at
		f, err := os.Create(filepath.Join(dir, "voicepack-nomic.png"))
		if err != nil {
			t.Fatal(err)
		}
		png.Encode(f, u.Win.Canvas().Capture())
		f.Close()
	}
	for _, b := range []string{"录音", "试听", "保留"} {
		func() {
			defer func() { recover() }()
			ft := &fatalCatcher{TB: t}
			displaytest.Screen{T: ft, Win: u.Win}.Tap(b)
			if !ft.failed {
				t.Errorf("%s can be tapped without a microphone", b)
			}
		}()
	}
	if _, err := desk.SendVoicePack(t.Context(), hub.Worker{ID: "wang", Role: hub.RoleWorker}, []byte("x"), nil); kiosk.ErrorCode(err) != kiosk.EFORBIDDEN {
		t.Errorf("a worker's pack: %v", err)
	}
}

// fatalCatcher turns a Fatalf into a panic the caller recovers, noting it.
type fatalCatcher struct {
	testing.TB
	failed bool
}

func (f *fatalCatcher) Fatalf(string, ...any) { f.failed = true; panic("fatal") }
func (f *fatalCatcher) Helper()               {}

// button is the button labelled text on screen, or nil.
func button(u displaytest.Screen, text string) *widget.Button {
	for _, o := range u.Objects() {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	return nil
}
