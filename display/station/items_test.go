package station_test

import (
	"context"
	"encoding/csv"
	"os"
	"strings"
	"testing"
	"time"

	"opinionwall/display/displaytest"
	"opinionwall/display/station"
	"opinionwall/hub"
	"opinionwall/kiosk"
)

// submitAt puts a resident's submission in the kiosk's store: the relay
// takes it to the hub.
func submitAt(t *testing.T, f *displaytest.Kiosk, b kiosk.Body, kind kiosk.Kind, i int) *kiosk.Submission {
	t.Helper()
	var gen kiosk.UUIDGen
	s := &kiosk.Submission{Kiosk: "wall-01", Kind: kind, CreatedAt: time.Now(), ClockSynced: true, Body: b}
	s.ID = gen.New(s.CreatedAt.Add(time.Duration(i) * time.Millisecond))
	if kind == kiosk.KindVote {
		s.Body.Visit = s.ID // each vote a resident's own visit
	}
	if err := f.DB.Submit(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	return s
}

// lookUp types a ticket code at the kiosk and shows what it says.
func lookUp(f *displaytest.Kiosk, ticket string) {
	f.K.Refresh()
	f.Tap("点我说两句")
	f.Tap("查回复")
	for _, d := range ticket {
		f.Tap(string(d))
	}
	f.Tap("查询")
}

// TestDeliberationThroughTheScreens: a worker makes an item from two
// opinions found by a search (the residents' lookup says so); the lead
// sets the deliberation day and puts it to the vote; the kiosk's attract
// screen switches to the item with live tallies; residents vote (probable
// play apart); the lead confirms the result, and the item goes through
// 立项, progress, 实施中 to 已完成, each step audited; the kiosk's wall
// shows it; the list exports.
func TestDeliberationThroughTheScreens(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	w := newStationWorld(t, f)
	ctx := context.Background()
	f.Clk.T = time.Now()
	var ops []*kiosk.Submission
	for i, text := range []string{"12栋没有电梯，老人爬楼难", "希望12栋加装电梯"} {
		ops = append(ops, submitAt(t, f, kiosk.Body{Topic: "infrastructure", Text: text, Lang: "zh", Channel: kiosk.ChannelTouch}, kiosk.KindOpinion, i))
	}
	submitAt(t, f, kiosk.Body{Topic: "sanitation", Text: "垃圾桶满了", Lang: "zh", Channel: kiosk.ChannelTouch}, kiosk.KindOpinion, 2)
	waitFor(t, "three opinions at the hub", func() bool { n, _, _ := w.hubDB.Count(ctx); return n == 3 })

	u := w.ui
	if err := w.st.LogIn("wang", "246813"); err != nil {
		t.Fatal(err)
	}
	w.st.Show(station.TabItems)
	u.Want("清单还是空的")
	u.Entry("搜索意见（文字或回执号）").SetText("电梯")
	u.Tap("搜索意见")
	u.Tap("全选 2 条")
	u.Entry("议事事项标题").SetText("12栋加装电梯")
	u.Entry("英文标题（可不填）").SetText("A lift for building 12")
	u.Entry("说明（写给居民看的大白话）").SetText("12栋六层没有电梯，老人上下楼难。")
	u.Tap("生成议事事项")
	u.Want("已生成第1项《12栋加装电梯》，支持意见 2 条")
	u.Want("第1项《12栋加装电梯》 · 征集 · 支持 2")
	// A worker may not put it to the vote: the lead does.
	u.Tap("付诸表决 第1项")
	confirm(t, u.Win, "付诸表决？")
	u.Want("议事事项：无权限")

	waitFor(t, "the item on the residents' ticket", func() bool {
		up, err := f.DB.LookupTicket(ctx, ops[0].Ticket)
		return err == nil && up.Item != nil
	})
	lookUp(f, ops[0].Ticket)
	f.Want("已纳入议事事项《12栋加装电梯》")

	if err := w.st.LogIn("zhang", "246813"); err != nil {
		t.Fatal(err)
	}
	w.st.Show(station.TabItems)
	w.st.OpenSettings()
	u.Entry("议事日 2026-12-05").SetText(time.Now().Format("2006-01-02"))
	u.Entry("09:00").SetText("00:00")
	u.Entry("17:00").SetText("23:59")
	u.Tap("议事日显示实时票数")
	u.Entry("最低投票数").SetText("3")
	u.Tap("保存设置")
	u.Want("设置已保存")
	u.Tap("付诸表决 第1项")
	confirm(t, u.Win, "所有设备开始接受投票")
	u.Want("第1项《12栋加装电梯》 · 表决 · 支持 2")

	// The kiosk switches its attract screen to the item being voted.
	waitFor(t, "the day at the kiosk", func() bool {
		ps, _ := f.DB.Polls(ctx)
		return ps.Day != nil && len(ps.Polls) == 1 && ps.Polls[0].Item == 1
	})
	f.Tap("首页")
	f.S.Done()
	f.K.Refresh()
	f.Want("社区居民议事日")
	f.Want("第1项 12栋加装电梯")

	for i, vote := range []struct {
		opt  string
		play bool
	}{{hub.OptAgree, false}, {hub.OptAgree, false}, {hub.OptDisagree, false}, {hub.OptAgree, true}} {
		b := kiosk.Body{PollID: "item-1", Option: vote.opt, Lang: "zh", Channel: kiosk.ChannelTouch}
		if vote.play {
			b.Flags = []string{kiosk.FlagProbablePlay}
		}
		submitAt(t, f, b, kiosk.KindVote, 10+i)
	}
	waitFor(t, "the votes at the hub", func() bool { n, _, _ := w.hubDB.Count(ctx); return n == 7 })
	w.st.Show(station.TabInbox)
	w.st.Show(station.TabItems)
	u.Want("同意 2 · 不同意 1 · 弃权 0（另有疑似误触 1）")
	// Live tallies reach the kiosk on the day.
	if _, err := w.desk.RefreshPolls(ctx); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "live tallies at the kiosk", func() bool {
		ps, _ := f.DB.Polls(ctx)
		return len(ps.Polls) == 1 && ps.Polls[0].Live["agree"] == 2
	})
	f.K.Refresh()
	f.Want("同意 2 · 不同意 1 · 弃权 0")

	u.Tap("确认通过 第1项")
	confirm(t, u.Win, "事项进入立项")
	u.Want("第1项《12栋加装电梯》 · 立项 · 支持 2")
	u.Entry("进展说明").SetText("已请施工队勘察井道")
	u.Entry("英文进展说明（可不填）").SetText("Surveyors have checked the shaft")
	u.Entry("民生微实事经费（元，可不填）").SetText("30000")
	u.Tap("记录进展 第1项")
	u.Want("已请施工队勘察井道（民生微实事 30000 元）")
	u.Tap("开始实施 第1项")
	confirm(t, u.Win, "实施中")
	u.Want("· 实施中 ·")
	u.Tap("完成 第1项")
	confirm(t, u.Win, "已完成")
	u.Want("第1项《12栋加装电梯》 · 已完成 · 支持 2")
	hist, _ := w.hubDB.History(ctx, "item:item-1")
	want := []string{"item_create", "item_vote", "item_decide", "item_progress", "item_start", "item_finish"}
	if len(hist) != len(want) {
		t.Fatalf("audit %+v", hist)
	}
	for i, h := range hist {
		if string(h.Action) != want[i] || h.At.IsZero() || (i > 0 && h.Worker != "zhang") || (i == 0 && h.Worker != "wang") {
			t.Errorf("audit %d %+v, want %s", i, h, want[i])
		}
	}
	u.Want("王刚 生成")
	u.Want("张丽 确认结果")

	// The day's result and progress reach the kiosk's wall.
	waitFor(t, "the item on the kiosk's wall", func() bool {
		wall, _ := f.DB.Wall(ctx)
		return len(wall.Projects) == 1 && wall.Projects[0].Stage == "done"
	})
	f.S.Done()
	f.K.Refresh()
	if f.Has("社区居民议事日") {
		t.Fatalf("the day screen after the vote closed:\n%s", f.Texts())
	}
	f.Tap("点我说两句")
	f.Tap("看回复墙")
	f.Want("我们一起办 · 议事事项")
	f.Want("第1项 12栋加装电梯 · 已完成")
	f.Want("已请施工队勘察井道（民生微实事 30000 元）")
	f.Tap("English")
	f.Want("Item 1: A lift for building 12 · Done")
	f.Want("Surveyors have checked the shaft (community micro-fund: 30000 yuan)")

	path, n, err := w.st.ExportItems("csv")
	if err != nil || n != 1 {
		t.Fatalf("export %d %v", n, err)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("the list's file mode %v, want 0600", st.Mode().Perm())
	}
	b, _ := os.ReadFile(path)
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\ufeff"))).ReadAll()
	if err != nil || len(rows) != 2 || rows[1][0] != "1" || rows[1][6] != "已完成" || rows[1][5] != "2" {
		t.Fatalf("list %q %v", rows, err)
	}
}

// TestRoutingThroughTheCase: 三事分流 as routing in the case pane: a 私事
// reply with referrals from the settings' list reaches the resident's
// lookup; a 大事 gets its government body and due date and shows overdue;
// a 小事 becomes a deliberation item in one step.
func TestRoutingThroughTheCase(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	w := newStationWorld(t, f)
	ctx := context.Background()
	priv := submitAt(t, f, kiosk.Body{Topic: "neighbours", Text: "楼上邻居半夜吵闹，协商不成", Lang: "zh", Channel: kiosk.ChannelTouch}, kiosk.KindOpinion, 0)
	big := submitAt(t, f, kiosk.Body{Topic: "infrastructure", Text: "大和路路面塌陷", Lang: "zh", Channel: kiosk.ChannelTouch}, kiosk.KindOpinion, 1)
	small := submitAt(t, f, kiosk.Body{Topic: "sanitation", Text: "小区里想多放几个分类垃圾桶", Lang: "zh", Channel: kiosk.ChannelTouch}, kiosk.KindOpinion, 2)
	waitFor(t, "three opinions at the hub", func() bool { n, _, _ := w.hubDB.Count(ctx); return n == 3 })
	if err := w.st.LogIn("wang", "246813"); err != nil {
		t.Fatal(err)
	}
	u := w.ui
	triage := func(id string, m kiosk.Matter) {
		c, _, _ := w.hubDB.Case(ctx, id)
		if _, err := w.desk.Act(ctx, hub.Worker{ID: "wang", Role: hub.RoleWorker}, id, c.Version, hub.Action{Kind: hub.ActTriage, Matter: m}); err != nil {
			t.Fatal(err)
		}
	}
	triage(priv.ID, kiosk.MatterPrivate)
	triage(big.ID, kiosk.MatterBig)
	triage(small.ID, kiosk.MatterSmall)

	w.st.OpenCase(priv.ID)
	u.Want("去向") // the routing row among the forms at the bottom
	u.Tap("人民调解室")
	u.Tap("心理疏导")
	w.st.ReplyEntry().SetText("建议先到人民调解室调解。")
	u.Tap("回复并转介")
	u.Want("已保存") // the case saved message
	waitFor(t, "the referrals at the kiosk", func() bool {
		up, err := f.DB.LookupTicket(ctx, priv.Ticket)
		return err == nil && len(up.Referrals) == 2
	})
	lookUp(f, priv.Ticket)
	f.Want("工作站的回复")
	f.Want("建议先到人民调解室调解。")
	f.Want("可以找：人民调解室（社区服务中心 1楼 工作日 9:00-17:00）；心理疏导（预约电话 12356）")

	w.st.OpenCase(big.ID)
	u.Entry("责任部门（如 区住建局）").SetText("区住建局")
	u.Entry("限办日期 2026-12-31").SetText(time.Now().AddDate(0, 0, -2).Format("2006-01-02"))
	u.Tap("转交政府部门")
	u.Want("责任部门：区住建局")
	u.Want("【已超期】")

	w.st.OpenCase(small.ID)
	u.Tap("转为议事事项（小事）")
	u.Want("已纳入议事事项《小区里想多放几个分类垃圾桶》")
	items, _ := w.hubDB.Items(ctx)
	if len(items) != 1 || items[0].Cases[0] != small.ID {
		t.Fatalf("items %+v", items)
	}
}
