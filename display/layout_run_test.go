package display_test

import (
	"context"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"opinionwall/display/displaytest"
	"opinionwall/kiosk"
)

// newLayoutKiosk is a kiosk of the given size with polls and a wall of long
// replies, in mode m.
func newLayoutKiosk(t *testing.T, size fyne.Size, m mode) visit {
	f := displaytest.NewKiosk(t, 0)
	f.Win.Resize(size)
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

// minTarget is the smallest tappable side in a mode: 96 px in 长辈模式,
// 72 px otherwise (≈ 16 mm and 12 mm on the 10" panel).
func minTarget(m mode) float32 {
	if m.slow {
		return 96
	}
	return 72
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
		labels = append(labels, l)
	}
	// The test window grows to fit the largest screen on the way here;
	// a kiosk's panel cannot: shrink it back.
	v.Win.Resize(v.panel)
	problems := displaytest.CheckLayout(v.Win, displaytest.Rules{MinTarget: minTarget(v.m), Needed: labels,
		Background: displaytest.ThemeBackground(v.App), Panel: v.panel})
	for _, p := range problems {
		t.Error(p)
	}
	if *update {
		path := filepath.Join("testdata", "layout", shot+".png")
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		out, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		defer out.Close()
		if err := png.Encode(out, v.Win.Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
	}
}

func sizeName(s fyne.Size) string { return fmt.Sprintf("%.0fx%.0f", s.Width, s.Height) }

// TestLayout renders every resident screen in every mode at every panel
// size and checks it against the rules of displaytest.CheckLayout.
func TestLayout(t *testing.T) {
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
						!strings.HasPrefix(sc.name, "keyboard") {
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
