package display_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"opinionwall/display"
	"opinionwall/display/displaytest"
	"opinionwall/kiosk"
)

// newLayoutKiosk is a kiosk of the given size with polls and a wall of long
// replies, in mode m.
func newLayoutKiosk(t *testing.T, size fyne.Size, m mode, opts ...func(*display.Deps)) visit {
	f := displaytest.NewKiosk(t, 0, opts...)
	f.Win.Resize(size)
	f.K.SetPanel(size, 0) // the panel's own density, as a kiosk of that resolution has
	ctx := context.Background()
	f.DB.PutPolls(ctx, kiosk.PollsSnapshot{Version: 1, Polls: []kiosk.Poll{{ID: "p1",
		Title:   kiosk.Text{Zh: "篮球场旁划停车位", En: "Parking bays beside the basketball court"},
		Closes:  f.Clk.Now().Add(48 * time.Hour),
		Options: []kiosk.PollOption{{ID: "yes", Text: kiosk.Text{Zh: "同意", En: "Yes"}}, {ID: "no", Text: kiosk.Text{Zh: "不同意", En: "No"}}}}}})
	var items []kiosk.WallItem
	for i := range 7 {
		items = append(items, kiosk.WallItem{ID: fmt.Sprint(i),
			Question: "大和路12栋楼下的垃圾桶每天傍晚都满出来，气味很大，夏天尤其严重，希望增加清运次数" + fmt.Sprint(i),
			Reply:    "已联系环卫所，自下周一起大和路每天清运两次（早7点、晚6点），并在12栋旁加设一个分类垃圾桶。",
			ReplyEn:  "We asked the sanitation office: from next Monday the bins on Dahe Road are emptied twice a day (7 am and 6 pm), and a sorting bin is added beside building 12."})
	}
	items[0].Picture = testPicture(t) // the first reply shows the work done (处理后)
	f.DB.PutWall(ctx, kiosk.WallSnapshot{Version: 1, Items: items})
	f.K.Refresh()
	return visit{Kiosk: f, m: m, panel: size}
}

func pollLabel(v visit) string {
	return map[string]string{"zh": "篮球场旁划停车位  (截止 12-01)", "en": "Parking bays beside the basketball court  (Closes 12-01)"}[v.m.lang]
}

func pollYes(v visit) string { return map[string]string{"zh": "同意", "en": "Yes"}[v.m.lang] }

// storedTicket stores a rating straight through the session and returns
// its ticket code, then goes back to the attract screen.
func storedTicket(v visit) string {
	v.T.Helper()
	v.S.Wake(kiosk.ChannelTouch)
	v.S.Start("rating")
	v.S.ChooseService(v.Cfg.Services[0].ID)
	v.S.Next()
	v.S.ChooseRating(kiosk.RatingSatisfied)
	v.S.Next()
	if err := v.S.Submit(context.Background()); err != nil {
		v.T.Fatal(err)
	}
	ticket := v.S.View().Ticket
	v.S.Done()
	v.K.Refresh()
	return ticket
}

func tapCorner(v visit) {
	for range 5 {
		v.TapCorner()
	}
}

// panelWidthMM is the physical width of each panel the kiosks are built
// with (the active area as mounted): the 10.1" 16:10 panel, the official
// Raspberry Pi 7" display (154.08 mm), Touch Display 2 (7" 9:16, portrait).
var panelWidthMM = map[fyne.Size]float64{
	{Width: 1280, Height: 800}: 10.1 * 25.4 * 16 / math.Hypot(16, 10),
	{Width: 800, Height: 480}:  154.08,
	{Width: 720, Height: 1280}: 7 * 25.4 * 9 / math.Hypot(9, 16),
}

// minTarget is the smallest tappable side in a mode on a panel: 12.2 mm
// (16.3 mm in 长辈模式), which are 72 and 96 px on the 10.1" panel (≈ 5.9
// px/mm), the issue's numbers; on the 7" 800×480 display (≈ 5.2 px/mm)
// 64 and 85 px, on Touch Display 2 (≈ 8.3 px/mm) 102 and 135 px.
func minTarget(m mode, panel fyne.Size) float32 {
	px := 72.0
	if m.slow {
		px = 96
	}
	ref := 1280 / panelWidthMM[fyne.NewSize(1280, 800)]
	mm, ok := panelWidthMM[panel]
	if !ok {
		panic(fmt.Sprintf("no physical width for the %v panel", panel))
	}
	return float32(math.Ceil(px*(float64(panel.Width)/mm)/ref - 1e-6))
}

// checkScreen checks the window's screen in mode m and writes its
// screenshot with -update.
func checkScreen(t *testing.T, v visit, needed []string, shot string) {
	t.Helper()
	var labels []string
	for _, k := range needed {
		l := v.tr(k)
		if k == "nav.large" && v.m.slow {
			l = "✓ " + l // the switch shows it is on
		}
		if (k == "kbd.clear" || k == "kbd.back") && v.panel.Width > v.panel.Height && v.panel.Height < 600 && hasButton(v.Win, v.tr(k+".short")) {
			l = v.tr(k + ".short") // a short panel's pad has square keys: C, Del
		}
		labels = append(labels, l)
	}
	// The test window grows to fit the largest screen on the way here;
	// a kiosk's panel cannot: shrink it back.
	v.Win.Resize(v.panel)
	problems := displaytest.CheckLayout(v.Win, displaytest.Rules{MinTarget: minTarget(v.m, v.panel), Needed: labels,
		Background: displaytest.ThemeBackground(v.App), Panel: v.panel})
	if *update {
		defer writeShot(t, v, shot)
	}
	if knownFailures[shot] {
		if len(problems) == 0 {
			t.Errorf("%s passes now: take it off knownFailures", shot)
			return
		}
		for _, p := range problems {
			t.Log(p)
		}
		t.Skipf("known failure (knownFailures): %d problems", len(problems))
	}
	for _, p := range problems {
		t.Error(p)
	}
}

// writeShot writes the window's screenshot to testdata/layout for review.
func writeShot(t *testing.T, v visit, shot string) {
	path := filepath.Join("testdata", "layout", shot+".png")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Error(err)
		return
	}
	out, err := os.Create(path)
	if err != nil {
		t.Error(err)
		return
	}
	defer out.Close()
	if err := png.Encode(out, v.Win.Canvas().Capture()); err != nil {
		t.Error(err)
	}
}

func sizeName(s fyne.Size) string { return fmt.Sprintf("%.0fx%.0f", s.Width, s.Height) }

// TestLayout renders every resident screen in every mode at every panel
// size and checks it against the rules of displaytest.CheckLayout.
func TestLayout(t *testing.T) {
	skipUnderRace(t)
	for _, size := range sizes {
		for _, m := range modes {
			for _, sc := range screens() {
				if sc.name == "attract" && m != modes[0] {
					continue // before a visit there is no mode
				}
				t.Run(strings.Join([]string{sizeName(size), m.name, sc.name}, "/"), func(t *testing.T) {
					v := newLayoutKiosk(t, size, m)
					v.T = t
					v.Screen.T = t
					sc.to(v)
					needed := sc.needed
					// The keyboard fills the screen (写好了 is its way out);
					// the idle warning covers it.
					if sc.name != "attract" && sc.name != "idle-warning" && !strings.HasPrefix(sc.name, "admin") &&
						!strings.HasPrefix(sc.name, "keyboard") && !strings.HasPrefix(sc.name, "booth") {
						needed = append(header(), needed...)
					}
					checkScreen(t, v, needed, filepath.Join(sizeName(size), m.name, sc.name))
				})
			}
		}
	}
}

// TestLayoutAfterTimeout ends a visit in each mode by the idle timeout,
// then checks the screens with bottom buttons for the next visitor (the
// bug: after a 大字 visit timed out, 下一步/查询/确认提交 were gone).
func TestLayoutAfterTimeout(t *testing.T) {
	skipUnderRace(t)
	for _, size := range sizes {
		for _, m := range modes {
			for _, sc := range []string{"location-street", "code", "review"} {
				t.Run(sizeName(size)+"/"+m.name+"/"+sc, func(t *testing.T) {
					v := newLayoutKiosk(t, size, m)
					v.Screen.T = t
					v.begin()
					v.street()
					for v.S.View().State != "attract" {
						v.Clk.Advance(time.Second)
						v.K.Tick()
					}
					next := visit{Kiosk: v.Kiosk, m: modes[0], panel: size}
					next.begin()
					var needed []string
					switch sc {
					case "location-street":
						next.street()
						needed = []string{"nav.next"}
					case "code":
						next.code()
						needed = []string{"lookup.find"}
					case "review":
						next.review()
						needed = []string{"review.submit"}
					}
					checkScreen(t, next, append(header(), needed...), filepath.Join("timeout", sizeName(size), m.name, sc))
				})
			}
		}
	}
}

// TestLayoutModeSwitchMidVisit switches the mode and the language on a
// step with a keypad and a forward button, and checks the screen.
func TestLayoutModeSwitchMidVisit(t *testing.T) {
	skipUnderRace(t)
	for _, size := range sizes {
		for _, m := range modes[1:] {
			t.Run(sizeName(size)+"/"+m.name, func(t *testing.T) {
				v := newLayoutKiosk(t, size, modes[0])
				v.Screen.T = t
				v.begin()
				v.street()
				w := visit{Kiosk: v.Kiosk, m: m, panel: size}
				if m.slow {
					v.tapKey("nav.large")
				}
				if m.lang != "zh" {
					v.tapKey("nav.lang")
				}
				checkScreen(t, w, append(header(), "nav.next"), filepath.Join("switch", sizeName(size), m.name))
			})
		}
	}
}

// skipUnderRace skips a test in a -race build; `make test` runs it in its
// own pass without -race (the Makefile's unit target). The layout check
// renders hundreds of screens on one goroutine, which the race detector
// slows past the package's time limit without finding anything.
func skipUnderRace(t *testing.T) {
	t.Helper()
	if raceDetector {
		t.Skip("runs without -race: make unit runs it in its own pass")
	}
}

// hasButton reports whether a button labelled exactly l is on screen.
func hasButton(w fyne.Window, l string) bool {
	found := false
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Button:
			found = found || x.Text == l
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case *container.Scroll:
			walk(x.Content)
		}
	}
	walk(w.Content())
	return found
}

// testPicture is a small JPEG, as the hub puts on the wall (处理后).
func testPicture(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 240, 160))
	for y := range 160 {
		for x := range 240 {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 120, 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
