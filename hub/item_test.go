package hub

import (
	"reflect"
	"testing"
	"time"

	"opinionwall/kiosk"
)

func TestItemLife(t *testing.T) {
	lead := Worker{ID: "zhang", Role: RoleLead}
	it, err := NewItem(3, " 加装电梯 ", "Lift", "12栋老人上下楼难", "infrastructure", []string{"c1", "c2", "c1"}, "wang", t0)
	if err != nil {
		t.Fatal(err)
	}
	if it.ID != "item-3" || it.Supporters() != 2 || it.Title.Zh != "加装电梯" || it.Stage != StageCollecting {
		t.Fatalf("new item %+v", it)
	}
	rule := VoteRule{MinTurnout: 3, MajorityPct: 50}
	tally := Tally{Counted: map[string]int{OptAgree: 3, OptDisagree: 1, OptAbstain: 1}, Play: map[string]int{OptAgree: 2}}
	steps := []struct {
		a    ItemAction
		want ItemStage
	}{
		{ItemAction{Kind: ItemLink, Cases: []string{"c3"}}, StageCollecting},
		{ItemAction{Kind: ItemVote, Poll: "item-3"}, StageVoting},
		{ItemAction{Kind: ItemDecide, Tally: tally, Rule: rule}, StageAdopted},
		{ItemAction{Kind: ItemProgress, Note: "已请施工队勘察", Budget: 20000}, StageAdopted},
		{ItemAction{Kind: ItemStart}, StageUnderway},
		{ItemAction{Kind: ItemProgress, Note: "电梯井完工"}, StageUnderway},
		{ItemAction{Kind: ItemFinish}, StageDone},
	}
	for i, s := range steps {
		at := t0.Add(time.Duration(i+1) * time.Hour)
		rec, err := it.Apply(s.a, lead, at)
		if err != nil {
			t.Fatalf("step %d %s: %v", i, s.a.Kind, err)
		}
		if it.Stage != s.want || rec.To != kiosk.TicketStatus(s.want) || rec.Worker != "zhang" || !rec.At.Equal(at) || rec.Case != "item:item-3" {
			t.Fatalf("step %d %s: stage %s, audit %+v", i, s.a.Kind, it.Stage, rec)
		}
	}
	if it.Result != (ItemResult{Agree: 3, Disagree: 1, Abstain: 1, Play: 2}) || it.Budget() != 20000 || len(it.Progress) != 2 || it.Supporters() != 3 {
		t.Fatalf("done item %+v", it)
	}
}

func TestItemRefusalsLeaveItUnchanged(t *testing.T) {
	lead := Worker{ID: "zhang", Role: RoleLead}
	base, _ := NewItem(1, "加装电梯", "", "", "", []string{"c1"}, "wang", t0)
	voting := base
	voting.Stage, voting.Poll = StageVoting, "item-1"
	adopted := base
	adopted.Stage = StageAdopted
	cases := []struct {
		name string
		it   Item
		a    ItemAction
	}{
		{"vote twice", voting, ItemAction{Kind: ItemVote, Poll: "item-1"}},
		{"vote without poll", base, ItemAction{Kind: ItemVote}},
		{"decide collecting", base, ItemAction{Kind: ItemDecide}},
		{"start collecting", base, ItemAction{Kind: ItemStart}},
		{"finish adopted", adopted, ItemAction{Kind: ItemFinish}},
		{"progress collecting", base, ItemAction{Kind: ItemProgress, Note: "x"}},
		{"empty note", adopted, ItemAction{Kind: ItemProgress, Note: "  "}},
		{"negative budget", adopted, ItemAction{Kind: ItemProgress, Note: "x", Budget: -1}},
		{"link voting", voting, ItemAction{Kind: ItemLink, Cases: []string{"c9"}}},
		{"link nothing new", base, ItemAction{Kind: ItemLink, Cases: []string{"c1"}}},
		{"unknown", base, ItemAction{Kind: "explode"}},
	}
	for _, tc := range cases {
		it := tc.it
		before := it
		before.Cases = append([]string(nil), it.Cases...)
		if _, err := it.Apply(tc.a, lead, t0); kiosk.ErrorCode(err) != kiosk.EINVALID {
			t.Errorf("%s: %v, want EINVALID", tc.name, err)
		}
		if !reflect.DeepEqual(it, before) {
			t.Errorf("%s: item changed on refusal", tc.name)
		}
	}
	if _, err := NewItem(1, "电梯", "", "", "", nil, "wang", t0); err == nil {
		t.Error("an item without opinions")
	}
	if _, err := NewItem(1, "", "", "", "", []string{"c1"}, "wang", t0); err == nil {
		t.Error("an item without a title")
	}
}

func TestVoteRule(t *testing.T) {
	rule := VoteRule{MinTurnout: 5, MajorityPct: 50}
	for _, tc := range []struct {
		r    ItemResult
		want bool
	}{
		{ItemResult{Agree: 3, Disagree: 1, Abstain: 1}, true},
		{ItemResult{Agree: 3, Disagree: 3}, false},             // half is not a majority
		{ItemResult{Agree: 3, Disagree: 0, Abstain: 3}, false}, // abstentions are valid votes
		{ItemResult{Agree: 4, Play: 9}, false},                 // turnout: probable play does not count
	} {
		if got, why := rule.Decide(tc.r); got != tc.want {
			t.Errorf("%+v: %v (%s), want %v", tc.r, got, why, tc.want)
		}
	}
}

func TestDeliberationSettingsValidate(t *testing.T) {
	ok := DefaultDeliberation()
	ok.Day.Date = "2026-12-05"
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	for name, mut := range map[string]func(*DeliberationSettings){
		"bad date":      func(s *DeliberationSettings) { s.Day.Date = "5 Dec" },
		"ends first":    func(s *DeliberationSettings) { s.Day.From, s.Day.To = "17:00", "09:00" },
		"majority 100":  func(s *DeliberationSettings) { s.Rule.MajorityPct = 100 },
		"no vote days":  func(s *DeliberationSettings) { s.VoteDays = 0 },
		"dup referral":  func(s *DeliberationSettings) { s.Referrals = append(s.Referrals, s.Referrals[0]) },
		"unnamed refer": func(s *DeliberationSettings) { s.Referrals[0].Name.Zh = "" },
	} {
		s := DefaultDeliberation()
		s.Day.Date = "2026-12-05"
		s.Referrals = append([]ReferralService(nil), s.Referrals...)
		mut(&s)
		if err := s.Validate(); kiosk.ErrorCode(err) != kiosk.EINVALID {
			t.Errorf("%s: %v", name, err)
		}
	}
	day := kiosk.DeliberationDay{Date: "2026-12-05", From: "09:00", To: "17:00"}
	loc := time.FixedZone("CST", 8*3600)
	for at, want := range map[string]bool{"08:59": false, "09:00": true, "16:59": true, "17:00": false} {
		now, _ := time.ParseInLocation("2006-01-02 15:04", "2026-12-05 "+at, loc)
		if day.Active(now) != want {
			t.Errorf("day active at %s: %v", at, !want)
		}
	}
}

func TestRoutingSteps(t *testing.T) {
	w := Worker{ID: "wang", Role: RoleWorker}
	big := Case{ID: "c1", Kind: kiosk.KindOpinion, Status: kiosk.StatusTriaged, Matter: kiosk.MatterBig}
	due := t0.AddDate(0, 0, 7)
	if _, err := big.Apply(Action{Kind: ActRoute, Route: Routing{GovBody: "区住建局", Due: due}}, w, t0, nil, nil); err != nil {
		t.Fatal(err)
	}
	if big.GovBody != "区住建局" || big.Overdue(due) || !big.Overdue(due.Add(time.Minute)) {
		t.Fatalf("routed %+v", big.Routing)
	}
	small := Case{ID: "c2", Kind: kiosk.KindOpinion, Status: kiosk.StatusTriaged, Matter: kiosk.MatterSmall}
	if _, err := small.Apply(Action{Kind: ActRoute, Route: Routing{GovBody: "x", Due: due}}, w, t0, nil, nil); err == nil {
		t.Fatal("a small matter routed to a government body")
	}
	ref := []kiosk.Referral{{Name: kiosk.Text{Zh: "法律援助"}}}
	if _, err := small.Apply(Action{Kind: ActReply, Reply: "好", Route: Routing{Referrals: ref}}, w, t0, nil, nil); err == nil {
		t.Fatal("referrals on a small matter's reply")
	}
	priv := Case{ID: "c3", Kind: kiosk.KindOpinion, Status: kiosk.StatusTriaged, Matter: kiosk.MatterPrivate}
	old := priv
	if _, err := priv.Apply(Action{Kind: ActReply, Reply: "建议找调解室", Route: Routing{Referrals: ref}}, w, t0, nil, nil); err != nil {
		t.Fatal(err)
	}
	if u := priv.TicketUpdate(); len(u.Referrals) != 1 || !priv.Visible(old) {
		t.Fatalf("update %+v", u)
	}
	if _, err := small.Apply(Action{Kind: ActLinkItem, Route: Routing{DelibItem: "item-1", DelibTitle: kiosk.Text{Zh: "加装电梯"}}}, w, t0, nil, nil); err != nil {
		t.Fatal(err)
	}
	if u := small.TicketUpdate(); u.Item == nil || u.Item.Zh != "加装电梯" {
		t.Fatalf("update %+v", u)
	}
	if _, err := small.Apply(Action{Kind: ActLinkItem, Route: Routing{DelibItem: "item-2", DelibTitle: kiosk.Text{Zh: "别的"}}}, w, t0, nil, nil); err == nil {
		t.Fatal("an opinion in two items")
	}
}
