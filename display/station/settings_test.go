package station_test

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"opinionwall/display/displaytest"
	"opinionwall/display/station"
	"opinionwall/hub"
	"opinionwall/kiosk"
)

// TestTargetsThroughTheScreen: a worker may not change the targets; the
// lead's mistakes (no days, half a day, a first reply after closing) are
// said and change nothing; the lead's targets are stored, audited, and
// the form shows them.
func TestTargetsThroughTheScreen(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	w := newStationWorld(t, f)
	ctx := context.Background()
	u := w.ui
	stored := func() hub.Targets { t.Helper(); tg, _ := w.hubDB.Targets(ctx); return tg }

	if err := w.st.LogIn("wang", "246813"); err != nil {
		t.Fatal(err)
	}
	w.st.Show(station.TabStats)
	w.st.OpenTargets()
	u.Want("首次回复（天内）")
	_, bigClose := w.st.TargetEntries(kiosk.MatterBig)
	bigClose.SetText("20")
	u.Tap("保存时限")
	u.Want("办理时限：无权限")
	if len(stored()) != 0 {
		t.Fatalf("a worker's targets were stored: %+v", stored())
	}

	if err := w.st.LogIn("zhang", "246813"); err != nil {
		t.Fatal(err)
	}
	w.st.Show(station.TabStats)
	w.st.OpenTargets()
	bigReply, bigClose := w.st.TargetEntries(kiosk.MatterBig)
	smallReply, smallClose := w.st.TargetEntries(kiosk.MatterSmall)
	if bigReply.Text != "3" || bigClose.Text != "15" {
		t.Fatalf("the form shows %q/%q for 大事, not the defaults 3/15", bigReply.Text, bigClose.Text)
	}
	for _, bad := range []string{"0", "1.5", "两天", ""} {
		smallReply.SetText(bad)
		u.Tap("保存时限")
		u.Want("小事：请填写整天数，大于 0")
		if smallReply.Text != bad || len(stored()) != 0 {
			t.Fatalf("bad days %q: the entry shows %q, stored %+v", bad, smallReply.Text, stored())
		}
	}
	smallReply.SetText("9")
	smallClose.SetText("7")
	u.Tap("保存时限")
	u.Want("小事：首次回复（9 天）不能晚于办结（7 天）")
	if len(stored()) != 0 {
		t.Fatalf("stored %+v", stored())
	}
	smallReply.SetText("2")
	bigClose.SetText("20")
	u.Tap("保存时限")
	u.Want("办理时限已保存")
	if got := stored(); got[kiosk.MatterBig].Close != 20*hub.Day || got[kiosk.MatterSmall].FirstReply != 2*hub.Day {
		t.Fatalf("stored %+v", got)
	}
	hist, err := w.hubDB.History(ctx, "settings:targets")
	if err != nil || len(hist) != 1 || hist[0].Worker != "zhang" {
		t.Fatalf("audit %+v %v", hist, err)
	}
	w.st.Show(station.TabInbox)
	w.st.Show(station.TabStats)
	if _, c := w.st.TargetEntries(kiosk.MatterBig); c.Text != "20" {
		t.Errorf("the form shows %q days to close a 大事 after saving 20", c.Text)
	}
}

// TestReferralsThroughTheScreen: a worker may not change the referral
// services; the lead renames one in both languages, adds one (a bad id is
// said and keeps what was typed), removes one after confirming; each
// change is audited, and a 私事 case's referral ticks show the new list.
func TestReferralsThroughTheScreen(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	w := newStationWorld(t, f)
	ctx := context.Background()
	u := w.ui
	priv := submitAt(t, f, kiosk.Body{Topic: "neighbours", Text: "楼上邻居半夜吵闹，协商不成", Lang: "zh", Channel: kiosk.ChannelTouch}, kiosk.KindOpinion, 0)
	waitFor(t, "the opinion at the hub", func() bool { n, _, _ := w.hubDB.Count(ctx); return n == 1 })
	names := func() []kiosk.Text {
		set, _ := w.hubDB.DeliberationSettings(ctx)
		var out []kiosk.Text
		for _, r := range set.Referrals {
			out = append(out, r.Name)
		}
		return out
	}

	if err := w.st.LogIn("wang", "246813"); err != nil {
		t.Fatal(err)
	}
	w.st.Show(station.TabItems)
	w.st.OpenReferrals()
	u.Entry("中文名称").SetText("法律咨询")
	u.Tap("保存转介服务")
	u.Want("转介服务：无权限")
	if n := names(); n[0].Zh != "法律援助" {
		t.Fatalf("a worker renamed a service: %+v", n)
	}

	if err := w.st.LogIn("zhang", "246813"); err != nil {
		t.Fatal(err)
	}
	w.st.Show(station.TabItems)
	w.st.OpenReferrals()
	u.Entry("中文名称").SetText("法律咨询")
	u.Entry("英文名称").SetText("Legal advice")
	u.Tap("保存转介服务")
	u.Want("转介服务已保存")

	u.Entry("编号").SetText("养老")
	u.Entry("新服务的中文名称").SetText("养老服务站")
	u.Entry("新服务的英文名称").SetText("Care for the elderly")
	u.Tap("添加")
	u.Want("编号只能用 a-z、0-9 和 -")
	if got := u.Entry("新服务的中文名称").Text; got != "养老服务站" || len(names()) != 3 {
		t.Fatalf("a refused service: the entry shows %q, the list %+v", got, names())
	}
	u.Entry("编号").SetText("elderly")
	u.Tap("添加")
	u.Want("已添加转介服务")

	tapNth(t, u, "删除", 2) // the third row's: 心理疏导

	confirm(t, u.Win, "从转介服务中删除「心理疏导」")
	u.Want("已删除转介服务")

	want := []kiosk.Text{{Zh: "法律咨询", En: "Legal advice"}, {Zh: "人民调解室", En: "Mediation room"}, {Zh: "养老服务站", En: "Care for the elderly"}}
	got := names()
	if len(got) != len(want) {
		t.Fatalf("referrals %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("referrals %+v, want %+v", got, want)
		}
	}
	set, _ := w.hubDB.DeliberationSettings(ctx)
	if set.Referrals[0].Contact.Zh == "" {
		t.Errorf("the renamed service lost its contact: %+v", set.Referrals[0])
	}
	hist, err := w.hubDB.History(ctx, "settings:referrals")
	if err != nil || len(hist) != 3 {
		t.Fatalf("audit %+v %v", hist, err)
	}
	for _, h := range hist {
		if h.Worker != "zhang" || h.Action != "set_referrals" {
			t.Errorf("audit %+v", h)
		}
	}

	c, _, _ := w.hubDB.Case(ctx, priv.ID)
	if _, err := w.desk.Act(ctx, hub.Worker{ID: "zhang", Role: hub.RoleLead}, priv.ID, c.Version, hub.Action{Kind: hub.ActTriage, Matter: kiosk.MatterPrivate}); err != nil {
		t.Fatal(err)
	}
	w.st.Show(station.TabInbox)
	w.st.OpenCase(priv.ID)
	u.Want("[ ] 法律咨询")
	u.Want("[ ] 养老服务站")
	if u.Has("心理疏导") {
		t.Errorf("the removed service is still offered:\n%s", u.Texts())
	}
}

// tapNth taps the n-th button (from 0) labelled text.
func tapNth(t *testing.T, u displaytest.Screen, text string, n int) {
	t.Helper()
	for _, o := range u.Objects() {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			if n == 0 {
				test.Tap(b)
				return
			}
			n--
		}
	}
	t.Fatalf("fewer buttons %q on screen:\n%s", text, u.Texts())
}
