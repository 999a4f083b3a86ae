package display_test

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"opinionwall/display/displaytest"
	"opinionwall/kiosk"
)

// TestIdleWarningIsAnOverlay: the countdown lies over the screen without
// moving it (a tap in progress lands where it was aimed), and a tap
// anywhere counts as 我还在.
func TestIdleWarningIsAnOverlay(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	f.Tap("点我说两句")
	f.Tap("提意见")
	f.Tap("环境卫生")
	before, _ := f.Rect("不涉及具体地点")
	f.Clk.Advance(f.Cfg.Session.IdleTimeout.D() - 5*time.Second)
	f.K.Tick()
	f.Want("还在吗？")
	if after, _ := f.Rect("不涉及具体地点"); after != before {
		t.Fatalf("the warning moved the screen: %v → %v", before, after)
	}
	// A tap anywhere: on the cover, in the middle of the screen.
	tapped := false
	for _, o := range f.Objects() {
		tap, ok := o.(fyne.Tappable)
		if ok && o.Size().Width >= 1200 && o.Size().Height >= 700 {
			tap.Tapped(&fyne.PointEvent{Position: fyne.NewPos(640, 400)})
			tapped = true
			break
		}
	}
	if !tapped {
		t.Fatal("no cover over the screen to take a tap")
	}
	if f.Has("还在吗？") {
		t.Fatal("a tap on the screen did not count as 我还在")
	}
	f.Want("在哪里？")
}

// keys are the keyboard's keys whose place must never change while typing.
var keys = []string{"q", "p", "a", "l", "z", "m", "拼音", "123", "英文", "空格", "删除", "写好了", "←", "→"}

// keypadKeys are the keypad's (长辈模式 on a small panel): its top row turns
// from the modes to the candidates when composing starts, the rest stay.
var keypadKeys = []string{"'", "ABC", "DEF", "GHI", "JKL", "MNO", "PQRS", "TUV", "WXYZ", "空格", "删除", "写好了"}

// keypadFor is the keypad's key for a letter.
var keypadFor = map[rune]string{'z': "WXYZ", 'h': "GHI", 'u': "TUV", 'a': "ABC", 'n': "MNO", 'g': "GHI"}

// TestKeyboardGeometryNeverChanges: in every mode and panel size, typing
// one to six letters moves no key, and every row stays on screen.
func TestKeyboardGeometryNeverChanges(t *testing.T) {
	for _, size := range sizes {
		for _, slow := range []bool{false, true} {
			f := displaytest.NewKiosk(t, 0)
			f.Win.Resize(size)
			f.Tap("点我说两句")
			if slow {
				f.Tap("长辈模式")
			}
			f.Tap("提意见")
			f.Tap("环境卫生")
			f.Tap("不涉及具体地点")
			f.Tap("写几句")
			where := map[string]fyne.Position{}
			ks, letter := keys, func(r rune) string { return string(r) }
			if f.Has("PQRS") {
				ks, letter = keypadKeys, func(r rune) string { return keypadFor[r] }
			}
			for _, k := range ks {
				where[k], _ = f.Rect(k)
			}
			for i, r := range "zhuang" {
				f.Tap(letter(r))
				for _, k := range ks {
					if p, sz := f.Rect(k); p != where[k] || p.Y+sz.Height > size.Height {
						t.Fatalf("%v slow %v: after %d letters %q moved from %v to %v", size, slow, i+1, k, where[k], p)
					}
				}
			}
		}
	}
}

// TestHalfTypedPinyinIsDropped when the keyboard closes, and when the
// words step is left any other way (首页 from a hardware button, a language
// switch, the timeout): the next time it opens, no letters wait in it.
func TestHalfTypedPinyinIsDropped(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	f.Tap("点我说两句")
	write := func(topic, noplace, write string) {
		f.Tap(topic)
		f.Tap(noplace)
		f.Tap(write)
		f.Tap("z")
		f.Tap("h")
		f.Want("zh｜")
	}
	f.Tap("提意见")
	write("环境卫生", "不涉及具体地点", "写几句")
	f.Tap("写好了")
	f.Tap("写几句")
	if f.Has("zh｜") {
		t.Fatal("写好了 kept the half-typed letters")
	}
	f.Tap("写好了")
	f.Tap("首页")
	f.Tap("提意见")
	write("环境卫生", "不涉及具体地点", "写几句")
	f.S.GoHome() // not through the screen
	f.K.Refresh()
	f.Tap("提意见")
	f.Tap("环境卫生")
	f.Tap("不涉及具体地点")
	f.Tap("写几句")
	if f.Has("zh｜") {
		t.Fatal("half-typed pinyin survived 首页")
	}
	f.Tap("z")
	if err := f.S.SetLanguage("en"); err != nil {
		t.Fatal(err)
	}
	f.K.Refresh()
	f.Tap("Write")
	if f.Has("z｜") {
		t.Fatal("half-typed pinyin survived the language switch")
	}
}

// TestEnglishKeyboardTypesWhatItShows: capitals on the keys, capitals typed.
func TestEnglishKeyboardTypesWhatItShows(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	f.Tap("点我说两句")
	f.Tap("提意见")
	f.Tap("环境卫生")
	f.Tap("不涉及具体地点")
	f.Tap("写几句")
	f.Tap("英文")
	f.Tap("O")
	f.Tap("K")
	f.Tap("写好了")
	f.Want("OK｜")
}

// visitWithPhone goes through an opinion with a phone number and consent
// up to the review screen.
func visitWithPhone(f *displaytest.Kiosk) {
	f.Tap("点我说两句")
	f.Tap("提意见")
	f.Tap("环境卫生")
	f.Tap("不涉及具体地点")
	f.Tap("有异味")
	f.Tap("下一步")
	for _, d := range "13800005678" {
		f.Tap(string(d))
	}
	f.Tap("打给我")
}

// TestPhoneShownMasked once typed, on the contact and review screens.
func TestPhoneShownMasked(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	visitWithPhone(f)
	f.Want("138****5678")
	f.Tap("下一步")
	f.Want("138****5678")
	if f.Has("13800005678") {
		t.Fatalf("the full number is on screen:\n%s", f.Texts())
	}
	f.Tap("确认提交")
	if got := f.Stored()[0].Body.Contact; got == nil || got.Phone != "13800005678" {
		t.Fatalf("stored contact %+v", got)
	}
}

// TestNothingPersonalAfterVisit: after a visit with a phone number ends,
// by 完成 or by the timeout, nothing on screen (nor on the next visitor's
// contact screen) shows the number.
func TestNothingPersonalAfterVisit(t *testing.T) {
	for _, end := range []string{"done", "timeout", "timeout-before-submit"} {
		f := displaytest.NewKiosk(t, 0)
		visitWithPhone(f)
		if end != "timeout-before-submit" {
			f.Tap("下一步")
			f.Tap("确认提交")
		}
		switch end {
		case "done":
			f.Tap("完成")
		default:
			for f.S.View().State != "attract" {
				f.Clk.Advance(time.Second)
				f.K.Tick()
			}
		}
		look := func(where string) {
			t.Helper()
			for _, s := range []string{"13800005678", "5678", "138****"} {
				if strings.Contains(f.Texts(), s) {
					t.Fatalf("%s, %s: %q still on screen:\n%s", end, where, s, f.Texts())
				}
			}
		}
		look("attract screen")
		f.Tap("点我说两句")
		f.Tap("提意见")
		f.Tap("环境卫生")
		f.Tap("不涉及具体地点")
		f.Tap("有异味")
		f.Tap("下一步")
		look("next visitor's contact screen")
		f.Tap("不留电话")
		look("next visitor's review")
	}
}

// TestBackOnTheReceipt leaves it for the home screen.
func TestBackOnTheReceipt(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	f.Tap("点我说两句")
	f.Tap("评服务")
	f.Tap("社区工作站")
	f.Tap("很满意")
	f.Tap("确认提交")
	f.Want("谢谢！已收到")
	f.Tap("返回")
	f.Want("请选择")
}

// TestNoPhoneGoesToAnAnonymousReview: the button says what it does (no
// number), the review says 匿名, and 确认提交 stores it without contact.
func TestNoPhoneGoesToAnAnonymousReview(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	visitWithPhone(f)
	f.Tap("不留电话")
	f.Want("请确认")
	f.Want("匿名")
	f.Tap("确认提交")
	if got := f.Stored()[0].Body.Contact; got != nil {
		t.Fatalf("stored contact %+v after 不留电话", got)
	}
}

// TestWallInEnglish shows the station's English where it wrote one.
func TestWallInEnglish(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	f.DB.PutWall(t.Context(), kiosk.WallSnapshot{Version: 1, Items: []kiosk.WallItem{
		{ID: "a", Question: "路灯不亮", Reply: "已修好", ReplyEn: "Fixed"}}})
	f.Tap("点我说两句")
	f.Tap("English")
	f.Tap("Read the wall")
	f.Want("You said, we did: the wall")
	f.Want("Reply: Fixed")
	if f.Has("已修好") {
		t.Fatalf("the Chinese reply shows in English mode:\n%s", f.Texts())
	}
}
