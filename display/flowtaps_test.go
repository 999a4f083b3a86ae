package display_test

import (
	"context"
	"testing"
	"time"

	"opinionwall/display/displaytest"
	"opinionwall/kiosk"
)

// tapper counts the taps of a visit through the real screens.
type tapper struct {
	f *displaytest.Kiosk
	n int
}

func (c *tapper) tap(labels ...string) {
	c.f.T.Helper()
	for _, l := range labels {
		c.f.Tap(l)
		c.n++
	}
}

func digits(s string) []string {
	var out []string
	for _, r := range s {
		out = append(out, string(r))
	}
	return out
}

// TestFlowTapCounts counts the taps each resident flow takes from the
// attract screen to its end (docs/BENCHMARKS.md "Taps per flow"), through
// the real screens, and checks what was stored. The limits are the
// issue's for an opinion with preset phrases (≤ 8) and the counts measured
// when the test was written for the others, so a screen that adds a step
// fails here.
func TestFlowTapCounts(t *testing.T) {
	type flow struct {
		name  string
		max   int
		visit func(c *tapper)
	}
	flows := []flow{
		{"opinion with a preset phrase, no place, no phone", 8, func(c *tapper) {
			c.tap("点我说两句", "提意见", "环境卫生", "不涉及具体地点", "有异味", "下一步", "不留电话", "确认提交")
			c.f.Want("谢谢！已收到")
			want(c.f, kiosk.KindOpinion)
		}},
		{"opinion with a preset phrase at a building", 11, func(c *tapper) {
			c.tap("点我说两句", "提意见", "环境卫生", "大和路", "1", "2", "下一步", "有异味", "下一步", "不留电话", "确认提交")
			c.f.Want("谢谢！已收到")
			want(c.f, kiosk.KindOpinion)
		}},
		{"rating by touch, satisfied", 5, func(c *tapper) {
			c.tap("点我说两句", "评服务", "网格员", "很满意", "确认提交")
			want(c.f, kiosk.KindRating)
		}},
		{"rating by touch, dissatisfied with a reason", 7, func(c *tapper) {
			c.tap("点我说两句", "评服务", "网格员", "不满意", "办事太慢", "下一步", "确认提交")
			want(c.f, kiosk.KindRating)
		}},
		{"vote", 5, func(c *tapper) {
			c.tap("点我说两句", "议事投票", "篮球场旁划停车位  (截止 12-01)", "同意", "确认提交")
			want(c.f, kiosk.KindVote)
		}},
		{"read the wall", 2, func(c *tapper) {
			c.tap("点我说两句", "看回复墙")
			c.f.Want("问题A")
		}},
	}
	for _, fl := range flows {
		t.Run(fl.name, func(t *testing.T) {
			f := tapKiosk(t)
			c := &tapper{f: f}
			fl.visit(c)
			t.Logf("%s: %d taps", fl.name, c.n)
			if c.n > fl.max {
				t.Errorf("%s took %d taps, more than %d", fl.name, c.n, fl.max)
			}
		})
	}
	t.Run("look up a receipt", func(t *testing.T) {
		f := tapKiosk(t)
		c := &tapper{f: f}
		c.tap("点我说两句", "评服务", "网格员", "很满意", "确认提交", "完成")
		code := f.Stored()[0].Ticket
		c.n = 0
		c.tap("点我说两句", "查回复")
		c.tap(digits(code)...)
		c.tap("查询")
		f.Want("已保存在本机，等待送到社区工作站")
		t.Logf("look up a receipt: %d taps", c.n)
		if c.n > 12 {
			t.Errorf("the lookup took %d taps, more than 12", c.n)
		}
	})
	t.Run("rating by a button press", func(t *testing.T) {
		f := tapKiosk(t)
		if _, err := f.S.ButtonRating(context.Background(), kiosk.RatingVerySatisfied, kiosk.ChannelButton); err != nil {
			t.Fatal(err)
		}
		f.K.Refresh()
		f.Want("谢谢！")
		if got := f.Stored(); len(got) != 1 || got[0].Kind != kiosk.KindRating {
			t.Fatalf("stored %+v", got)
		}
		t.Log("rating by a button press: 1 press, no tap")
	})
}

// tapKiosk is a test kiosk with an open poll and a wall.
func tapKiosk(t *testing.T) *displaytest.Kiosk {
	f := displaytest.NewKiosk(t, 0)
	ctx := t.Context()
	f.DB.PutPolls(ctx, kiosk.PollsSnapshot{Version: 1, Polls: []kiosk.Poll{{ID: "p1", Title: kiosk.Text{Zh: "篮球场旁划停车位"},
		Closes:  f.Clk.Now().Add(48 * time.Hour),
		Options: []kiosk.PollOption{{ID: "yes", Text: kiosk.Text{Zh: "同意"}}, {ID: "no", Text: kiosk.Text{Zh: "不同意"}}}}}})
	f.DB.PutWall(ctx, kiosk.WallSnapshot{Version: 1, Items: []kiosk.WallItem{{ID: "a", Question: "问题A", Reply: "回复A"}}})
	return f
}

// want checks that the visit stored one submission of the kind.
func want(f *displaytest.Kiosk, kind kiosk.Kind) {
	f.T.Helper()
	got := f.Stored()
	if len(got) != 1 || got[0].Kind != kind {
		f.T.Fatalf("stored %+v, want one %s", got, kind)
	}
}
