package session_test

import (
	"testing"

	"opinionwall/kiosk"
	"opinionwall/kiosk/session"
)

// printed records the receipts handed to the printer.
type printed struct{ got []kiosk.Receipt }

func (p *printed) Print(r kiosk.Receipt) { p.got = append(p.got, r) }

func TestSubmittedOpinionGetsAReceipt(t *testing.T) {
	f := newFixture(t, kiosk.RoleWall)
	f.cfg.Receipt.URL = "https://dahe.example.cn/t/{code}"
	f.cfg.Station.Phone = "0755-2345 6789"
	p := &printed{}
	f.s.Printer = p
	f.s.Wake(kiosk.ChannelTouch)
	must(t, f.s.Start(session.FlowOpinion))
	must(t, f.s.ChooseTopic("sanitation"))
	must(t, f.s.Next())
	must(t, f.s.Next())
	must(t, f.s.TogglePhrase("smell"))
	must(t, f.s.Next())
	must(t, f.s.Next())
	must(t, f.s.Submit(t.Context()))
	v := f.s.View()
	if v.Receipt == nil {
		t.Fatal("no receipt on the submitted screen")
	}
	r := *v.Receipt
	if r.Ticket != v.Ticket || r.QR != "https://dahe.example.cn/t/"+v.Ticket || r.Topic.Zh != "环境卫生" || r.Phone != "0755-2345 6789" || !r.At.Equal(f.clk.Now()) {
		t.Errorf("receipt %+v", r)
	}
	if len(p.got) != 1 || p.got[0] != r {
		t.Errorf("printed %+v, want the receipt once", p.got)
	}
	f.s.Done()
	if f.s.View().Receipt != nil {
		t.Error("the receipt outlives the visit")
	}
}

// An answer from the station that comes after the resident left the code
// step changes nothing; one that comes in time shows.
func TestLookupAnswerOnlyWhileWaiting(t *testing.T) {
	f := newFixture(t, kiosk.RoleWall)
	f.s.Wake(kiosk.ChannelTouch)
	must(t, f.s.Start(session.FlowLookup))
	code := "125305228"
	ask, err := f.s.BeginLookUp(code)
	if err != nil || ask == nil {
		t.Fatalf("begin: %v", err)
	}
	f.s.GoHome()
	if err := f.s.Found(code, kiosk.TicketUpdate{Ticket: code, Status: kiosk.StatusReplied}, nil); err != nil {
		t.Fatal(err)
	}
	f.want(t, session.Home, "")
	if f.s.View().Lookup != nil {
		t.Fatal("a late answer is shown")
	}
	must(t, f.s.Start(session.FlowLookup))
	must(t, f.s.Found(code, kiosk.TicketUpdate{Ticket: code, Status: kiosk.StatusReplied}, nil))
	f.want(t, session.InFlow, session.StepResult)
	if _, err := f.s.BeginLookUp(code); kiosk.ErrorCode(err) != kiosk.ECONFLICT {
		t.Errorf("begin on the result step: %v", err)
	}
}
