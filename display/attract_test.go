package display_test

import (
	"testing"
	"time"

	"opinionwall/display/displaytest"
	"opinionwall/kiosk"
)

// The attract screen rotates the wall's replies (opinion, reply, date),
// one every 10 s, with the month's figures, the items open for voting and
// the station's phone.
func TestAttractRotatesTheWall(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	ctx := t.Context()
	f.Cfg.Station.Phone = "0755-2345 6789"
	now := f.Clk.Now()
	f.DB.PutWall(ctx, kiosk.WallSnapshot{Version: 1, Items: []kiosk.WallItem{
		{ID: "a", Topic: "traffic", Question: "巷口乱停车", Reply: "已划停车线", PublishedAt: now.Add(-48 * time.Hour)},
		{ID: "b", Topic: "sanitation", Question: "垃圾清运不及时", Reply: "改为每天两次", PublishedAt: now.Add(-24 * time.Hour)},
	}, Figures: &kiosk.WallFigures{Month: now.Format("2006-01"), Received: 128, Replied: 96}})
	f.DB.PutPolls(ctx, kiosk.PollsSnapshot{Version: 1, Polls: []kiosk.Poll{{ID: "p1", Title: kiosk.Text{Zh: "篮球场旁划停车位"},
		Closes: now.Add(48 * time.Hour), Options: []kiosk.PollOption{{ID: "yes", Text: kiosk.Text{Zh: "同意"}}}}}})
	f.Clk.T = time.Unix(now.Unix()/20*20, 0) // the start of a rotation pair: item a shows first
	f.K.Refresh()
	f.Want("本月 收到 128 条 · 已回复 96 条")
	f.Want("篮球场旁划停车位")
	f.Want("工作站电话  0755-2345 6789")
	first := "巷口乱停车"
	if !f.Has(first) {
		first = "垃圾清运不及时"
	}
	f.Want(first)
	f.Clk.Advance(9 * time.Second)
	f.K.Tick()
	f.Want(first)
	f.Clk.Advance(time.Second)
	f.K.Tick()
	if f.Has(first) {
		t.Fatalf("the reply did not change after 10 s:\n%s", f.Texts())
	}
	// Last month's figures are not this month's.
	f.Clk.Advance(40 * 24 * time.Hour)
	f.K.Refresh()
	if f.Has("本月") {
		t.Error("last month's figures shown as this month's")
	}
}

// A rating kiosk's attract screen asks the question naming its service
// over the faces; a tap on a face rates it like a press, without a code.
func TestRatingKioskAttract(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	f.Cfg.Kiosk.Attract = kiosk.AttractRating
	f.K.Refresh()
	f.Want("您对社区工作站的服务满意吗？")
	f.Tap("很满意")
	f.Want("谢谢！")
	subs := f.Stored()
	if len(subs) != 1 || subs[0].Body.Rating != kiosk.RatingVerySatisfied || subs[0].Body.Topic != "station" {
		t.Fatalf("stored %+v", subs)
	}
}

// A booth's attract screen asks to pick up the handset.
func TestBoothAttract(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	f.Cfg.Kiosk.Role = kiosk.RoleBooth
	f.K.Refresh()
	f.Want("拿起话筒")
	f.Want("点我说两句")
}
