package station_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"opinionwall/display/displaytest"
	"opinionwall/hub"
	"opinionwall/kiosk"
)

// submitOpinions sends opinions through the kiosk and waits for their cases.
func submitOpinions(t *testing.T, f *displaytest.Kiosk, w *stationWorld, texts ...string) {
	t.Helper()
	ctx := context.Background()
	var gen kiosk.UUIDGen
	for i, text := range texts {
		s := &kiosk.Submission{Kiosk: "wall-01", Kind: kiosk.KindOpinion, CreatedAt: time.Now().Add(time.Duration(i) * time.Second), ClockSynced: true,
			Body: kiosk.Body{Topic: "sanitation", Text: text, Lang: "zh", Channel: kiosk.ChannelTouch}}
		s.ID = gen.New(s.CreatedAt)
		if err := f.DB.Submit(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "the cases", func() bool { n, _, _ := w.hubDB.Count(ctx); return n == int64(len(texts)) })
}

// TestInboxKeys: Alt+↓ and Alt+↑ go through the queue, Alt+T triages
// with the form as set, also from inside the reply.
func TestInboxKeys(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	w := newStationWorld(t, f)
	submitOpinions(t, f, w, "第一条", "第二条", "第三条")
	if err := w.st.LogIn("wang", "246813"); err != nil {
		t.Fatal(err)
	}
	u := w.ui
	key := func(k fyne.KeyName) {
		w.ui.Win.Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierAlt})
	}
	key(fyne.KeyDown) // nothing open: the first (newest)
	u.Want("第三条")
	key(fyne.KeyDown)
	u.Want("第二条")
	key(fyne.KeyDown)
	key(fyne.KeyDown) // past the last: stays
	u.Want("第一条")
	key(fyne.KeyUp)
	u.Want("第二条")
	choose(u, "选择分流", "小事")
	w.st.ReplyShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyT, Modifier: fyne.KeyModifierAlt})
	u.Want("已分类")
	c := caseWithText(t, w, "第二条")
	if c.Matter != kiosk.MatterSmall {
		t.Fatalf("Alt+T in the reply did not triage: %+v", c)
	}
}

// TestReplyTemplates: a worker inserts a template into the reply with a
// tap; only a lead edits them, and the picker offers the new ones.
func TestReplyTemplates(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	w := newStationWorld(t, f)
	submitOpinions(t, f, w, "楼道灯坏了")
	if err := w.st.LogIn("wang", "246813"); err != nil {
		t.Fatal(err)
	}
	u := w.ui
	u.List().Select(0)
	w.st.ReplyEntry().SetText("王师傅明天上门。")
	choose(u, "插入常用语", "已安排工作人员上门查看")
	if got := w.st.ReplyEntry().Text; got != "王师傅明天上门。\n已安排工作人员上门查看，处理后会再告知您。" {
		t.Fatalf("reply %q", got)
	}
	if err := w.st.SaveTemplates([]string{"不该保存"}); err == nil {
		t.Fatal("a worker edited the templates")
	}
	if u.Has("编辑常用语") {
		t.Fatal("a worker is offered the templates' editor")
	}
	u.Tap("退出")
	if err := w.st.LogIn("zhang", "246813"); err != nil {
		t.Fatal(err)
	}
	u.List().Select(0)
	if err := w.st.SaveTemplates([]string{"请到工作站面谈。", "", "已修好。"}); err != nil {
		t.Fatal(err)
	}
	u.Want("常用语已保存（2 条）")
	for _, o := range u.Objects() {
		if s, ok := o.(*widget.Select); ok && s.PlaceHolder == "插入常用语" {
			if strings.Join(s.Options, "|") != "请到工作站面谈。|已修好。" {
				t.Fatalf("the picker offers %q", s.Options)
			}
			return
		}
	}
	t.Fatal("no template picker")
}

// TestCloseAsksFirst: closing a case asks, says what happens, and does
// nothing until confirmed.
func TestCloseAsksFirst(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	w := newStationWorld(t, f)
	submitOpinions(t, f, w, "路灯坏了")
	if err := w.st.LogIn("wang", "246813"); err != nil {
		t.Fatal(err)
	}
	u := w.ui
	u.List().Select(0)
	choose(u, "选择分流", "小事")
	u.Tap("分类")
	u.Tap("发送回复")
	u.Want("发送回复：请填写回复") // the refusal in the screen's language
	w.st.ReplyEntry().SetText("已修好。")
	u.Tap("发送回复")
	u.Tap("办结")
	if c := caseWithText(t, w, "路灯坏了"); c.Status == kiosk.StatusClosed {
		t.Fatal("closed before the worker confirmed")
	}
	confirm(t, u.Win, "居民在设备上会看到“已办结”")
	if c := caseWithText(t, w, "路灯坏了"); c.Status != kiosk.StatusClosed {
		t.Fatalf("not closed after confirming: %s", c.Status)
	}
}

func caseWithText(t *testing.T, w *stationWorld, text string) hub.Case {
	t.Helper()
	in, err := w.hubDB.Inbox(context.Background(), hub.Filter{Search: text})
	if err != nil || len(in.Cases) != 1 {
		t.Fatalf("case %q: %v %v", text, in.Cases, err)
	}
	return in.Cases[0]
}
