package display_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"

	"opinionwall/display/displaytest"
	"opinionwall/kiosk"
)

// station answers the kiosk's questions about other kiosks' codes once
// the test lets it (release), so the waiting screen can be seen.
type station struct {
	release chan struct{}
	u       kiosk.TicketUpdate
	err     error
}

func (s *station) AskTicket(ctx context.Context, code string) (kiosk.TicketUpdate, error) {
	select {
	case <-s.release:
	case <-ctx.Done():
		return kiosk.TicketUpdate{}, ctx.Err()
	}
	return s.u, s.err
}

// waitFor waits for text to be drawn by an answer that arrives on another
// goroutine; the limit only keeps a broken test from hanging. Fyne's test
// driver runs fyne.Do on that goroutine, beside this test's reads of the
// screen (the desktop driver runs both on its one thread), so the tests
// that wait here run in make unit's pass without -race.
func waitFor(t *testing.T, f *displaytest.Kiosk, text string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !f.Has(text); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			f.Want(text)
		}
	}
}

func typeCode(f *displaytest.Kiosk, code string) {
	f.Tap("点我说两句")
	f.Tap("查回复")
	for _, d := range code {
		f.Tap(string(d))
	}
	f.Tap("查询")
}

func otherKioskCode(t *testing.T, n int64) string {
	c, err := kiosk.NewTicketCodec(34, "wall-34")
	if err != nil {
		t.Fatal(err)
	}
	return c.Code(n)
}

func TestLookupAnotherKiosksCodeShowsTheReplyFirst(t *testing.T) {
	skipUnderRace(t) // the answer is drawn through fyne.Do: see waitFor
	f := displaytest.NewKiosk(t, 0)
	code := otherKioskCode(t, 5)
	st := &station{release: make(chan struct{}), u: kiosk.TicketUpdate{Ticket: code, SubmissionID: "s", Status: kiosk.StatusReplied,
		Reply: "路灯已于周二修好，谢谢您的提醒。", UpdatedAt: f.Clk.Now()}}
	f.Lookup.Station = st
	typeCode(f, code)
	f.Want("正在问社区工作站，请稍等……")
	if f.Has("[查询]") {
		t.Error("the look-up button stays while the station is asked")
	}
	close(st.release)
	waitFor(t, f, "路灯已于周二修好，谢谢您的提醒。")
	texts := f.Texts()
	if r, s := strings.Index(texts, "路灯已于周二修好"), strings.Index(texts, "现在：工作站已回复"); r < 0 || s < 0 || r > s {
		t.Errorf("the reply is not above the status:\n%s", texts)
	}
	if kept, err := f.DB.LookupTicket(t.Context(), code); err != nil || kept.Reply != st.u.Reply {
		t.Errorf("the answer is not kept: %+v, %v", kept, err)
	}
}

func TestLookupStationUnreachableSaysSoWithThePhone(t *testing.T) {
	skipUnderRace(t) // the answer is drawn through fyne.Do: see waitFor
	f := displaytest.NewKiosk(t, 0)
	f.Cfg.Station.Phone = "0755-2345 6789"
	st := &station{release: make(chan struct{}), err: errors.New("no answer")}
	close(st.release)
	f.Lookup.Station = st
	typeCode(f, otherKioskCode(t, 6))
	waitFor(t, f, "现在问不到社区工作站")
	f.Want("☎ 0755-2345 6789")
	f.Want("[再问一次]")
	if f.Has("没有找到") || f.Has("输入有误") {
		t.Errorf("the resident is told the code is wrong:\n%s", f.Texts())
	}
	if f.Has(kiosk.PlainMessage(kiosk.Errorf(kiosk.EOFFLINE, ""), "zh")) {
		t.Error("the message is said twice")
	}
}

// The status line: steps done ticked, the current one marked (and only
// it), the others open; side paths (duplicate, not taken up) and a ticket
// still on the kiosk show no steps, and "saved here, waiting" only while
// it is true.
func TestResultStatusLine(t *testing.T) {
	cases := []struct {
		status  kiosk.TicketStatus
		marked  string // the step marked current; "" for none
		ticked  int    // steps with ✓
		sayings []string
		picture string // the current step's picture
	}{
		{kiosk.StatusReceived, "✓ 收到", 1, []string{"现在：工作站已收到，正在处理"}, "status-received"},
		{kiosk.StatusInProgress, "✓ 办理", 3, []string{"现在：工作人员正在办理"}, "status-in-progress"},
		{kiosk.StatusReplied, "✓ 回复", 4, []string{"工作站的回复", "现在：工作站已回复"}, "status-replied"},
		{kiosk.StatusClosed, "✓ 办结", 5, []string{"现在：已办结"}, "status-closed"},
		{kiosk.StatusDuplicate, "", 0, []string{"现在：与相同的意见合并办理"}, ""},
		{kiosk.StatusNotApplicable, "", 0, []string{"工作站的说明", "现在：不属于社区受理范围，请看说明"}, ""},
	}
	codec, _ := kiosk.NewTicketCodec(12, "wall-01")
	for i, c := range cases {
		t.Run(string(c.status), func(t *testing.T) {
			f := displaytest.NewKiosk(t, 0)
			code := codec.Code(int64(100 + i))
			f.DB.PutTicketUpdate(t.Context(), kiosk.TicketUpdate{Ticket: code, SubmissionID: "s", Status: c.status, Reply: "已处理", UpdatedAt: f.Clk.Now()})
			typeCode(f, code)
			for _, s := range c.sayings {
				f.Want(s)
			}
			if f.Has("已保存在本机") {
				t.Error("says the ticket waits on the kiosk though the station has it")
			}
			marked, ticked, pictures, current := "", 0, 0, false
			for _, o := range f.Objects() {
				if img, ok := o.(*canvas.Image); ok && img.Resource != nil && strings.HasPrefix(img.Resource.Name(), "status-") {
					pictures++
					current = current || strings.HasPrefix(img.Resource.Name(), c.picture+"-")
				}
				l, ok := o.(*widget.Label)
				if !ok {
					continue
				}
				if strings.HasPrefix(l.Text, "✓ ") {
					ticked++
					if l.Importance == widget.HighImportance {
						if marked != "" {
							t.Errorf("two steps marked current: %q and %q", marked, l.Text)
						}
						marked = l.Text
					}
				}
			}
			if want := map[bool]int{true: 5, false: 0}[c.marked != ""]; pictures != want || (want > 0 && !current) {
				t.Errorf("%d status pictures (current %q shown: %v), want %d", pictures, c.picture, current, want)
			}
			if marked != c.marked || ticked != c.ticked {
				t.Errorf("marked %q with %d ticked, want %q with %d:\n%s", marked, ticked, c.marked, c.ticked, f.Texts())
			}
		})
	}
}

func TestLookupStartsWithAnEmptyCode(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	typeCode(f, "123")
	f.Tap("首页")
	f.Tap("查回复")
	f.Want("｜")
	if f.Has("123") {
		t.Errorf("the last code is still typed:\n%s", f.Texts())
	}
}

func TestLookupAnotherCodeFromTheResult(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	codec, _ := kiosk.NewTicketCodec(12, "wall-01")
	code := codec.Code(77)
	f.DB.PutTicketUpdate(t.Context(), kiosk.TicketUpdate{Ticket: code, SubmissionID: "s", Status: kiosk.StatusReceived, UpdatedAt: f.Clk.Now()})
	typeCode(f, code)
	f.Tap("查另一个回执号")
	f.Want("请输入回执号（9位数字）")
	f.Want("｜")
	if f.Has(kiosk.FormatTicket(code)) {
		t.Error("the last code is still typed")
	}
}

// TestLookupTooManyWrongCodes: after the visit's wrong codes, the code
// screen says plainly, once, that there were too many, and offers no pad to
// try more on.
func TestLookupTooManyWrongCodes(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	guess, _ := kiosk.NewTicketCodec(12, "guess")
	f.Tap("点我说两句")
	f.Tap("查回复")
	for i := range int64(f.Cfg.Lookup.WrongPerVisit + 1) {
		f.Tap("清除")
		for _, d := range guess.Code(700 + i) {
			f.Tap(string(d))
		}
		f.Tap("查询")
	}
	f.Want("输错的回执号太多了。请过一会儿再查，或者到社区工作站问。")
	if f.Has("[查询]") || f.Has("[清除]") {
		t.Errorf("the pad is still there:\n%s", f.Texts())
	}
	if f.Has(kiosk.PlainMessage(kiosk.Errorf(kiosk.ELIMITED, ""), "zh")) {
		t.Error("the message is said twice")
	}
}
