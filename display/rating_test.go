package display_test

import (
	"context"
	"regexp"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"opinionwall/display/displaytest"
	"opinionwall/kiosk"
	"opinionwall/kiosk/session"
)

// tiles returns the labels of the tappable pictures on screen, left to
// right, top to bottom.
func tiles(f *displaytest.Kiosk) []string {
	type at struct {
		label string
		pos   fyne.Position
	}
	var out []at
	for _, o := range f.Objects() {
		if l, ok := o.(interface{ TapLabel() string }); ok {
			if _, tappable := o.(fyne.Tappable); tappable && l.TapLabel() != "" {
				out = append(out, at{l.TapLabel(), f.App.Driver().AbsolutePositionForObject(o)})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b at) int {
		if a.pos.Y != b.pos.Y {
			return int(a.pos.Y - b.pos.Y)
		}
		return int(a.pos.X - b.pos.X)
	})
	var labels []string
	for _, a := range out {
		labels = append(labels, a.label)
	}
	return labels
}

// The faces on screen run left to right in the order the buttons are
// mounted (buttons_order), under the question naming the service.
func TestFacesFollowTheButtons(t *testing.T) {
	for _, tc := range []struct {
		order kiosk.ButtonsOrder
		want  []string
	}{
		{kiosk.DissatisfiedFirst, []string{"很不满意", "不满意", "满意", "很满意"}},
		{kiosk.SatisfiedFirst, []string{"很满意", "满意", "不满意", "很不满意"}},
	} {
		t.Run(string(tc.order), func(t *testing.T) {
			f := displaytest.NewKiosk(t, 0)
			f.Cfg.Hardware.ButtonsOrder = tc.order
			f.Tap("点我说两句")
			f.Tap("评服务")
			f.Tap("社区工作站")
			f.Want("您对社区工作站的服务满意吗？")
			if got := tiles(f); !slices.Equal(got, tc.want) {
				t.Errorf("faces left to right %v, want %v", got, tc.want)
			}
		})
	}
}

var ticketCode = regexp.MustCompile(`\d{3} ?\d{3} ?\d{3}`)

// A physical press (as cmd/kiosk's buttons hand it over: the session, then
// a redraw) shows the face, 谢谢 and the service for 3 s, and no receipt
// code.
func TestPressShowsThanksWithoutCode(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	if out, err := f.S.ButtonRating(context.Background(), kiosk.RatingVerySatisfied, kiosk.ChannelButton); err != nil || out != session.Stored {
		t.Fatalf("press: %v %v", out, err)
	}
	f.K.Refresh()
	f.Want("谢谢！")
	f.Want("社区工作站 · 很满意")
	if txt := f.Texts(); ticketCode.MatchString(txt) || f.Has("回执号") {
		t.Errorf("a receipt code after a bare press:\n%s", txt)
	}
	f.Clk.Advance(3 * time.Second)
	f.K.Tick()
	f.Want("点我说两句")
}

// After a dissatisfied press the reasons are offered by touch under the
// thanks; the rating is stored with the reasons touched.
func TestDissatisfiedPressReasonsByTouch(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	if out, _ := f.S.ButtonRating(context.Background(), kiosk.RatingDissatisfied, kiosk.ChannelButton); out != session.Held {
		t.Fatalf("press: %v", out)
	}
	f.K.Refresh()
	f.Want("谢谢！")
	f.Want("社区工作站 · 不满意")
	f.Want("哪里不满意？（可多选）")
	f.Tap("态度不好")
	f.Tap("完成")
	subs := f.Stored()
	if len(subs) != 1 || subs[0].Body.Rating != kiosk.RatingDissatisfied || !slices.Equal(subs[0].Body.Reasons, []string{"attitude"}) {
		t.Fatalf("stored %+v", subs)
	}
	f.Want("谢谢！")
	if ticketCode.MatchString(f.Texts()) {
		t.Error("a receipt code after the reasons of a press")
	}
}

// Every home tile is a picture with its label.
func TestHomeTilesHavePictures(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	f.Tap("点我说两句")
	n := 0
	for _, o := range f.Objects() {
		if l, ok := o.(interface{ TapLabel() string }); ok && l.TapLabel() != "" {
			r, ok := o.(interface{ Resource() fyne.Resource })
			if !ok || r.Resource() == nil {
				t.Errorf("home tile %q has no picture", l.TapLabel())
			}
			n++
		}
	}
	if n != 5 {
		t.Errorf("%d picture tiles on the home screen, want 5", n)
	}
}
