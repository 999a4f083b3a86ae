package display_test

import (
	"testing"
	"time"

	"opinionwall/kiosk"
)

func TestOpinionFlowWithPinyinKeyboard(t *testing.T) {
	f := newFixture(t, 0)
	f.want("点我说两句")
	f.tap("点我说两句")
	f.want("请选择")
	f.tap("提意见")
	f.tap("环境卫生")
	f.want("在哪里？")
	f.tap("大和路")
	f.tap("1")
	f.tap("2")
	f.tap("下一步")
	f.want("请选择或输入您的意见")
	f.tap("有异味")
	f.tap("写几句")
	// Type 垃圾 on the pinyin keyboard: l, a, pick; j, i, pick.
	for _, step := range []string{"l", "a", "垃", "j", "i", "圾"} {
		f.tap(step)
	}
	f.want("垃圾｜")
	f.tap("写好了")
	f.want("✓ 有异味")
	f.tap("下一步")
	f.want("需要工作人员联系您吗？（可不填）")
	f.tap("匿名提交")
	f.want("请确认")
	f.want("“垃圾”")
	f.want("大和路 12栋")
	f.tap("确认提交")
	f.want("谢谢！已收到")
	subs := f.stored()
	if len(subs) != 1 {
		t.Fatalf("%d stored", len(subs))
	}
	got := subs[0]
	if got.Body.Text != "垃圾" || got.Body.Location.Building != "12栋" || got.Body.Topic != "sanitation" ||
		len(got.Body.Phrases) != 1 || got.Body.Contact != nil {
		t.Errorf("stored %+v", got.Body)
	}
	f.want(kiosk.FormatTicket(got.Ticket))
	f.tap("完成")
	f.want("点我说两句")
}

func TestRatingFlowWithSmileys(t *testing.T) {
	f := newFixture(t, 0)
	f.tap("点我说两句")
	f.tap("评服务")
	f.tap("网格员")
	f.want("您满意吗？")
	f.tap("不满意")
	f.want("哪里不满意？（可多选）")
	f.tap("办事太慢")
	f.tap("下一步")
	f.tap("确认提交")
	subs := f.stored()
	if len(subs) != 1 || subs[0].Body.Rating != kiosk.RatingDissatisfied || len(subs[0].Body.Reasons) != 1 {
		t.Fatalf("stored %+v", subs)
	}
}

func TestVoteLookupAndWall(t *testing.T) {
	f := newFixture(t, 0)
	ctx := t.Context()
	f.db.PutPolls(ctx, kiosk.PollsSnapshot{Version: 1, Polls: []kiosk.Poll{{ID: "p1", Title: kiosk.Text{Zh: "篮球场旁划停车位"},
		Closes:  f.clk.Now().Add(48 * time.Hour),
		Options: []kiosk.PollOption{{ID: "yes", Text: kiosk.Text{Zh: "同意"}}, {ID: "no", Text: kiosk.Text{Zh: "不同意"}}}}}})
	var items []kiosk.WallItem
	for i := 0; i < 7; i++ {
		items = append(items, kiosk.WallItem{ID: string(rune('a' + i)), Question: "问题" + string(rune('A'+i)), Reply: "回复" + string(rune('A'+i))})
	}
	f.db.PutWall(ctx, kiosk.WallSnapshot{Version: 1, Items: items})

	f.tap("点我说两句")
	f.tap("议事投票")
	f.tap("篮球场旁划停车位  (截止 12-01)")
	f.tap("同意")
	f.tap("确认提交")
	vote := f.stored()[0]
	if vote.Kind != kiosk.KindVote || vote.Body.Option != "yes" {
		t.Fatalf("vote %+v", vote)
	}
	f.tap("完成")

	// Look up the vote's ticket: a wrong code first.
	f.tap("点我说两句")
	f.tap("查回复")
	for _, d := range "123456789" {
		f.tap(string(d))
	}
	f.tap("查询")
	f.want("输入有误，请检查后再试。")
	f.tap("清除")
	for _, d := range vote.Ticket {
		f.tap(string(d))
	}
	f.tap("查询")
	f.want("已保存在本机，等待送到社区工作站")

	// The wall, paged.
	f.tap("首页")
	f.tap("看回复墙")
	f.want("问题A")
	f.want("1 / 3")
	f.tap("下一页")
	f.tap("下一页")
	f.want("问题G")
	f.want("3 / 3")
}

func TestLanguageAndLargeText(t *testing.T) {
	f := newFixture(t, 0)
	f.tap("点我说两句")
	f.tap("English")
	f.want("What would you like to do?")
	f.tap("Give an opinion")
	f.want("Sanitation")
	f.tap("Large text")
	f.want("Normal text")
	f.tap("中文")
	f.want("您想说哪方面的事？")
}

func TestIdleWarningThenReset(t *testing.T) {
	f := newFixture(t, 0)
	f.tap("点我说两句")
	f.tap("提意见")
	f.tap("环境卫生")
	f.clk.Advance(f.cfg.Session.IdleTimeout.D() - 5*time.Second)
	f.k.Tick()
	f.want("还在吗？ 5 秒后返回首页")
	f.tap("我还在")
	if f.has("还在吗？") {
		t.Fatal("the warning stayed after 我还在")
	}
	f.want("在哪里？")
	f.clk.Advance(f.cfg.Session.IdleTimeout.D())
	f.k.Tick()
	f.want("点我说两句")
}

func TestDiskFullMessage(t *testing.T) {
	f := newFixture(t, 40)
	for i := 0; i < 500; i++ {
		f.tap("点我说两句")
		f.tap("评服务")
		f.tap("社区工作站")
		f.tap("很满意")
		f.tap("确认提交")
		if f.has("本机暂时不能接收意见") {
			if f.has("谢谢！已收到") {
				t.Fatal("thanked for a submission that was not stored")
			}
			return
		}
		f.tap("完成")
	}
	t.Fatal("the store never filled")
}

func TestAdminNeedsPIN(t *testing.T) {
	f := newFixture(t, 0)
	for i := 0; i < 5; i++ {
		f.tapCorner()
	}
	f.want("维护密码")
	for _, d := range "111111" {
		f.tap(string(d))
	}
	f.want("密码不对")
	for _, d := range f.cfg.Kiosk.AdminPIN {
		f.tap(string(d))
	}
	f.want("outbox: 0")
	f.want("kiosk: wall-01 (wall)")
	f.tap("关闭")
	f.want("点我说两句")
}

func TestVoteResults(t *testing.T) {
	f := newFixture(t, 0)
	f.db.PutPolls(t.Context(), kiosk.PollsSnapshot{Version: 2, Polls: []kiosk.Poll{{ID: "p0", Title: kiosk.Text{Zh: "夜间篮球场照明"},
		Closes:  f.clk.Now().Add(-time.Hour),
		Options: []kiosk.PollOption{{ID: "yes", Text: kiosk.Text{Zh: "同意"}}, {ID: "no", Text: kiosk.Text{Zh: "不同意"}}},
		Results: map[string]int{"yes": 12, "no": 3}}}})
	f.tap("点我说两句")
	f.tap("议事投票")
	f.want("夜间篮球场照明 · 投票结果")
	f.want("同意: 12 票")
	f.want("现在没有正在投票的事项")
}

func TestAttractShowsWallAndAnnouncement(t *testing.T) {
	f := newFixture(t, 0)
	f.db.PutWall(t.Context(), kiosk.WallSnapshot{Version: 3, Announcement: kiosk.Text{Zh: "周六上午居民议事日", En: "Residents' deliberation day: Saturday morning"},
		Items: []kiosk.WallItem{{ID: "w1", Question: "路灯不亮", Reply: "已修好"}}})
	f.k.Tick() // the attract screen redraws each minute
	f.clk.Advance(time.Minute)
	f.k.Tick()
	f.want("周六上午居民议事日")
	f.want("→ 已修好")
	f.want("2026-11-29 10:01")
}

func TestScreenshot(t *testing.T) {
	f := newFixture(t, 0)
	f.tap("点我说两句")
	img := f.k.Screenshot()
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
	f.want("请选择") // the window still shows its screen
	f.tap("提意见")
}
