package display_test

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/canvas"

	"opinionwall/display/displaytest"
	"opinionwall/kiosk"
)

func TestOpinionFlowWithPinyinKeyboard(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	f.Want("点我说两句")
	f.Tap("点我说两句")
	f.Want("请选择")
	f.Tap("提意见")
	f.Tap("环境卫生")
	f.Want("在哪里？")
	f.Tap("大和路")
	f.Tap("1")
	f.Tap("2")
	f.Tap("下一步")
	f.Want("请选择或输入您的意见")
	f.Tap("有异味")
	f.Tap("写几句")
	// Type 垃圾 on the pinyin keyboard: the initials l, j, and the word.
	for _, step := range []string{"l", "j", "垃圾"} {
		f.Tap(step)
	}
	f.Want("垃圾")
	f.Tap("写好了")
	f.Want("垃圾｜")
	f.Want("✓ 有异味")
	f.Tap("下一步")
	f.Want("需要工作人员联系您吗？（可不填）")
	f.Tap("不留电话")
	f.Want("请确认")
	f.Want("“垃圾”")
	f.Want("大和路 12栋")
	f.Tap("确认提交")
	f.Want("谢谢！已收到")
	subs := f.Stored()
	if len(subs) != 1 {
		t.Fatalf("%d stored", len(subs))
	}
	got := subs[0]
	if got.Body.Text != "垃圾" || got.Body.Location.Building != "12栋" || got.Body.Topic != "sanitation" ||
		len(got.Body.Phrases) != 1 || got.Body.Contact != nil {
		t.Errorf("stored %+v", got.Body)
	}
	f.Want(kiosk.FormatTicket(got.Ticket))
	f.Tap("完成")
	f.Want("点我说两句")
}

func TestRatingFlowWithSmileys(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	f.Tap("点我说两句")
	f.Tap("评服务")
	f.Tap("网格员")
	f.Want("您对网格员的服务满意吗？")
	f.Tap("不满意")
	f.Want("哪里不满意？（可多选）")
	f.Tap("办事太慢")
	f.Tap("下一步")
	f.Tap("确认提交")
	subs := f.Stored()
	if len(subs) != 1 || subs[0].Body.Rating != kiosk.RatingDissatisfied || len(subs[0].Body.Reasons) != 1 {
		t.Fatalf("stored %+v", subs)
	}
}

func TestVoteLookupAndWall(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	ctx := t.Context()
	f.DB.PutPolls(ctx, kiosk.PollsSnapshot{Version: 1, Polls: []kiosk.Poll{{ID: "p1", Title: kiosk.Text{Zh: "篮球场旁划停车位"},
		Closes:  f.Clk.Now().Add(48 * time.Hour),
		Options: []kiosk.PollOption{{ID: "yes", Text: kiosk.Text{Zh: "同意"}}, {ID: "no", Text: kiosk.Text{Zh: "不同意"}}}}}})
	var items []kiosk.WallItem
	for i := 0; i < 7; i++ {
		items = append(items, kiosk.WallItem{ID: string(rune('a' + i)), Question: "问题" + string(rune('A'+i)), Reply: "回复" + string(rune('A'+i))})
	}
	f.DB.PutWall(ctx, kiosk.WallSnapshot{Version: 1, Items: items})

	f.Tap("点我说两句")
	f.Tap("议事投票")
	f.Tap("篮球场旁划停车位  (截止 12-01)")
	f.Tap("同意")
	f.Tap("确认提交")
	vote := f.Stored()[0]
	if vote.Kind != kiosk.KindVote || vote.Body.Option != "yes" {
		t.Fatalf("vote %+v", vote)
	}
	f.Tap("完成")

	// Look up the vote's ticket: a wrong code first.
	f.Tap("点我说两句")
	f.Tap("查回复")
	for _, d := range "123456789" {
		f.Tap(string(d))
	}
	f.Tap("查询")
	f.Want("这个回执号有一位不对，请核对。") // the digit that checks the others is wrong
	f.Tap("清除")
	for _, d := range vote.Ticket {
		f.Tap(string(d))
	}
	f.Tap("查询")
	f.Want("已保存在本机，等待送到社区工作站")

	// The wall, paged.
	f.Tap("首页")
	f.Tap("看回复墙")
	f.Want("问题A")
	f.Want("1 / 7")
	for range 6 {
		f.Tap("下一页 →")
	}
	f.Want("问题G")
	f.Want("7 / 7")
}

func TestLanguageAndLargeText(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	f.Tap("点我说两句")
	f.Tap("English")
	f.Want("What would you like to do?")
	f.Tap("Give an opinion")
	f.Want("Sanitation")
	f.Tap("Large text")
	f.Want("✓ Large text")
	f.Tap("中文")
	f.Want("您想说哪方面的事？")
}

func TestIdleWarningThenReset(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	f.Tap("点我说两句")
	f.Tap("提意见")
	f.Tap("环境卫生")
	f.Clk.Advance(f.Cfg.Session.IdleTimeout.D() - 5*time.Second)
	f.K.Tick()
	f.Want("还在吗？")
	f.Want("5\n")
	f.Tap("我还在")
	if f.Has("还在吗？") {
		t.Fatal("the warning stayed after 我还在")
	}
	f.Want("在哪里？")
	f.Clk.Advance(f.Cfg.Session.IdleTimeout.D())
	f.K.Tick()
	f.Want("点我说两句")
}

func TestDiskFullMessage(t *testing.T) {
	f := displaytest.NewKiosk(t, 40)
	for i := 0; i < 500; i++ {
		f.Tap("点我说两句")
		f.Tap("评服务")
		f.Tap("社区工作站")
		f.Tap("很满意")
		f.Tap("确认提交")
		if f.Has("本机暂时不能接收意见") {
			if f.Has("谢谢！已收到") {
				t.Fatal("thanked for a submission that was not stored")
			}
			return
		}
		f.Tap("完成")
	}
	t.Fatal("the store never filled")
}

func TestAdminNeedsPIN(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	for i := 0; i < 5; i++ {
		f.TapCorner()
	}
	f.Want("维护密码")
	for _, d := range "111111" {
		f.Tap(string(d))
	}
	f.Tap("确定") // checked only on 确定: the pad does not tell the PIN's length
	f.Want("密码错了")
	f.Clk.Advance(2 * time.Second) // the wait after a wrong PIN
	f.K.Tick()
	for _, d := range f.Cfg.Kiosk.AdminPIN {
		f.Tap(string(d))
	}
	f.Tap("确定")
	f.Want("outbox: 0")
	f.Want("本机: wall-01 (wall)")
	f.Tap("关闭")
	f.Want("点我说两句")
}

func TestVoteResults(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	f.DB.PutPolls(t.Context(), kiosk.PollsSnapshot{Version: 2, Polls: []kiosk.Poll{{ID: "p0", Title: kiosk.Text{Zh: "夜间篮球场照明"},
		Closes:  f.Clk.Now().Add(-time.Hour),
		Options: []kiosk.PollOption{{ID: "yes", Text: kiosk.Text{Zh: "同意"}}, {ID: "no", Text: kiosk.Text{Zh: "不同意"}}},
		Results: map[string]int{"yes": 12, "no": 3}}}})
	f.Tap("点我说两句")
	f.Tap("议事投票")
	f.Want("夜间篮球场照明 · 投票结果")
	f.Want("同意: 12 票")
	f.Want("现在没有正在投票的事项")
}

func TestAttractShowsWallAndAnnouncement(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	f.DB.PutWall(t.Context(), kiosk.WallSnapshot{Version: 3, Announcement: kiosk.Text{Zh: "周六上午居民议事日", En: "Residents' deliberation day: Saturday morning"},
		Items: []kiosk.WallItem{{ID: "w1", Question: "路灯不亮", Reply: "已修好"}}})
	f.K.Tick() // the attract screen redraws each minute
	f.Clk.Advance(time.Minute)
	f.K.Tick()
	f.Want("周六上午居民议事日")
	f.Want("回复：已修好")
	f.Want("2026-11-29 10:01")
}

func TestScreenshot(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	f.Tap("点我说两句")
	img := f.K.Screenshot()
	b := img.Bounds()
	if b.Dx() != 1280 || b.Dy() != 800 {
		t.Fatalf("screenshot %v", b)
	}
	colours := map[[4]uint32]bool{}
	for x := 0; x < b.Dx(); x += 37 {
		for y := 0; y < b.Dy(); y += 23 {
			r, g, bl, a := img.At(x, y).RGBA()
			colours[[4]uint32{r, g, bl, a}] = true
		}
	}
	if len(colours) < 3 {
		t.Fatalf("a blank screenshot: %d colours", len(colours))
	}
	f.Want("请选择") // the window still shows its screen
	f.Tap("提意见")
}

// A mistake is said as what to do, not "please check": a number typed
// without agreeing to a call asks for the agreement, and says the way
// without a phone.
func TestContactMistakeSaysWhatToDo(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	f.Tap("点我说两句")
	f.Tap("提意见")
	f.Tap("环境卫生")
	f.Tap("不涉及具体地点")
	f.Tap("有异味")
	f.Tap("下一步")
	for _, d := range "13800005678" {
		f.Tap(string(d))
	}
	f.Tap("下一步")
	f.Want("请点“打给我”，或点“不留电话”。")
	if f.Has("输入有误") {
		t.Error("the general message instead of what to do")
	}
}

// A reply the station published with a photo of the work done shows it,
// named 处理后.
func TestWallShowsTheWorkDone(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	f.DB.PutWall(t.Context(), kiosk.WallSnapshot{Version: 1, Items: []kiosk.WallItem{
		{ID: "a", Question: "路灯坏了", Reply: "已修好", Picture: testPicture(t)}}})
	f.Tap("点我说两句")
	f.Tap("看回复墙")
	f.Want("处理后")
	found := false
	for _, o := range f.Objects() {
		if img, ok := o.(*canvas.Image); ok && img.Resource != nil && len(img.Resource.Content()) > 0 {
			found = true
		}
	}
	if !found {
		t.Fatal("no picture on the wall")
	}
}
