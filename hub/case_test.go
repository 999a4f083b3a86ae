package hub

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"opinionwall/kiosk"
)

var t0 = time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)

func testChecklist(t *testing.T) *Checklist {
	t.Helper()
	cl, err := ParseChecklist(DefaultChecklist())
	if err != nil {
		t.Fatal(err)
	}
	return cl
}

var (
	lead      = Worker{ID: "zhang", Name: "张丽", Role: RoleLead}
	grid      = Worker{ID: "wang", Name: "王刚", Role: RoleWorker}
	volunteer = Worker{ID: "li", Name: "李敏", Role: RoleVolunteer}
	staff     = map[string]Worker{"zhang": lead, "wang": grid, "li": volunteer}
)

var codec, _ = kiosk.NewTicketCodec(12, "wall-01")

func newOpinion() Case {
	return Case{ID: "0193", Ticket: codec.Code(1), Kiosk: "wall-01", Kind: kiosk.KindOpinion, Text: "楼下垃圾没人清理，电话13812345678",
		Status: kiosk.StatusReceived, At: t0, ReceivedAt: t0}
}

// TestLifecycle walks every transition of the normal path and checks each
// audit record: who, when, what, from and to.
func TestLifecycle(t *testing.T) {
	cl := testChecklist(t)
	c := newOpinion()
	steps := []struct {
		a    Action
		w    Worker
		want kiosk.TicketStatus
	}{
		{Action{Kind: ActTriage, Matter: kiosk.MatterSmall, Item: "garbage", Priority: PriorityHigh}, volunteer, kiosk.StatusTriaged},
		{Action{Kind: ActAssign, Worker: "wang"}, lead, kiosk.StatusAssigned},
		{Action{Kind: ActStart}, grid, kiosk.StatusInProgress},
		{Action{Kind: ActReply, Reply: "已安排保洁，明早清运。", ReplyEn: "Cleaners come tomorrow morning."}, grid, kiosk.StatusReplied},
		{Action{Kind: ActPublish, WallText: "楼下垃圾没人清理，电话13812345678"}, lead, kiosk.StatusReplied},
		{Action{Kind: ActClose}, grid, kiosk.StatusClosed},
		{Action{Kind: ActReopen}, lead, kiosk.StatusAssigned},
	}
	for i, s := range steps {
		at := t0.Add(time.Duration(i+1) * time.Hour)
		from := c.Status
		rec, err := c.Apply(s.a, s.w, at, cl, staff)
		if err != nil {
			t.Fatalf("step %d %s: %v", i, s.a.Kind, err)
		}
		if c.Status != s.want {
			t.Fatalf("step %d %s: status %s, want %s", i, s.a.Kind, c.Status, s.want)
		}
		if rec.Case != c.ID || rec.Worker != s.w.ID || !rec.At.Equal(at) || rec.Action != s.a.Kind || rec.From != from || rec.To != s.want {
			t.Errorf("step %d: audit %+v", i, rec)
		}
		if c.Version != int64(i+1) || !c.UpdatedAt.Equal(at) {
			t.Errorf("step %d: version %d updated %s", i, c.Version, c.UpdatedAt)
		}
	}
	if c.Matter != kiosk.MatterSmall || c.Item != "garbage" || c.Priority != PriorityHigh || c.Assignee != "wang" {
		t.Errorf("case %+v", c)
	}
	if !c.RepliedAt.Equal(t0.Add(4 * time.Hour)) {
		t.Errorf("first reply at %s", c.RepliedAt)
	}
	if strings.Contains(c.WallText, "13812345678") || !strings.Contains(c.WallText, "垃圾") {
		t.Errorf("wall text not moderated: %q", c.WallText)
	}
}

func TestDuplicateNotApplicableReopen(t *testing.T) {
	cl := testChecklist(t)
	c := newOpinion()
	if _, err := c.Apply(Action{Kind: ActDuplicate, Of: codec.Code(1)}, grid, t0, cl, staff); err == nil {
		t.Error("a ticket duplicated itself")
	}
	other := codec.Code(2)
	rec, err := c.Apply(Action{Kind: ActDuplicate, Of: kiosk.FormatTicket(other)}, grid, t0, cl, staff)
	if err != nil || c.Status != kiosk.StatusDuplicate || c.DuplicateOf != other || rec.Detail != "of "+other {
		t.Fatalf("duplicate: %v %+v %+v", err, c, rec)
	}
	if _, err := c.Apply(Action{Kind: ActReopen}, grid, t0, cl, staff); err != nil || c.Status != kiosk.StatusReceived || c.DuplicateOf != "" {
		t.Fatalf("reopen: %v %+v", err, c)
	}
	if _, err := c.Apply(Action{Kind: ActNotApplicable, Reason: " "}, grid, t0, cl, staff); err == nil {
		t.Error("not applicable without a reason")
	}
	if _, err := c.Apply(Action{Kind: ActNotApplicable, Reason: "属于法院受理范围"}, grid, t0, cl, staff); err != nil || c.Status != kiosk.StatusNotApplicable {
		t.Fatalf("not applicable: %v %+v", err, c)
	}
	u := c.TicketUpdate()
	if u.Status != kiosk.StatusNotApplicable || u.Reply != "属于法院受理范围" {
		t.Errorf("the kiosk is not told the reason: %+v", u)
	}
}

// TestRefusedTransitions: each refusal leaves the case as it was.
func TestRefusedTransitions(t *testing.T) {
	cl := testChecklist(t)
	triaged := newOpinion()
	triaged.Status, triaged.Matter = kiosk.StatusTriaged, kiosk.MatterBig
	closed := newOpinion()
	closed.Status = kiosk.StatusClosed
	replied := newOpinion()
	replied.Status, replied.Reply = kiosk.StatusReplied, "好的"
	cases := []struct {
		name string
		c    Case
		a    Action
	}{
		{"assign before triage", newOpinion(), Action{Kind: ActAssign, Worker: "wang"}},
		{"reply before triage", newOpinion(), Action{Kind: ActReply, Reply: "好"}},
		{"start unassigned", triaged, Action{Kind: ActStart}},
		{"close unreplied", triaged, Action{Kind: ActClose}},
		{"publish unreplied", triaged, Action{Kind: ActPublish, WallText: "问题"}},
		{"publish empty text", replied, Action{Kind: ActPublish}},
		{"unpublish not published", replied, Action{Kind: ActUnpublish}},
		{"unknown matter", newOpinion(), Action{Kind: ActTriage, Matter: "huge"}},
		{"item of another class", newOpinion(), Action{Kind: ActTriage, Matter: kiosk.MatterBig, Item: "garbage"}},
		{"bad priority", newOpinion(), Action{Kind: ActTriage, Matter: kiosk.MatterBig, Priority: 7}},
		{"unknown worker", triaged, Action{Kind: ActAssign, Worker: "nobody"}},
		{"empty reply", triaged, Action{Kind: ActReply, Reply: "  "}},
		{"oversized reply", triaged, Action{Kind: ActReply, Reply: strings.Repeat("好", MaxReplyRunes+1)}},
		{"triage closed", closed, Action{Kind: ActTriage, Matter: kiosk.MatterBig}},
		{"reopen open", triaged, Action{Kind: ActReopen}},
		{"bad duplicate code", triaged, Action{Kind: ActDuplicate, Of: "12"}},
		{"unknown action", triaged, Action{Kind: "explode"}},
	}
	for _, tc := range cases {
		c := tc.c
		before := c
		if _, err := c.Apply(tc.a, lead, t0, cl, staff); err == nil {
			t.Errorf("%s: allowed", tc.name)
		}
		if !reflect.DeepEqual(c, before) {
			t.Errorf("%s: case changed on refusal", tc.name)
		}
	}
}

func TestRolesAndContact(t *testing.T) {
	if volunteer.Role.SeesContact() || !grid.Role.SeesContact() || !lead.Role.SeesContact() {
		t.Error("contact visibility by role is wrong")
	}
	for _, c := range []struct {
		w    Worker
		a    ActionKind
		want bool
	}{
		{volunteer, ActTriage, true}, {volunteer, ActAssign, true}, {volunteer, ActDuplicate, true},
		{volunteer, ActReply, false}, {volunteer, ActClose, false}, {volunteer, ActNotApplicable, false},
		{volunteer, ActReopen, false}, {volunteer, ActStart, false}, {volunteer, ActPublish, false},
		{grid, ActReply, true}, {grid, ActClose, true}, {grid, ActNotApplicable, true}, {grid, ActPublish, false},
		{grid, ActUnpublish, false}, {lead, ActPublish, true}, {lead, ActUnpublish, true},
		{Worker{ID: "x", Role: "boss"}, ActTriage, false},
	} {
		if got := c.w.Allowed(c.a); got != c.want {
			t.Errorf("%s may %s: %v, want %v", c.w.Role, c.a, got, c.want)
		}
	}
	if (Worker{ID: "x", Name: "X", Role: "boss"}).Validate() == nil || (Worker{ID: "Bad Id", Name: "X", Role: RoleLead}).Validate() == nil {
		t.Error("bad worker accepted")
	}
}

func TestPINAndLockout(t *testing.T) {
	h, err := HashPIN("246813")
	if err != nil {
		t.Fatal(err)
	}
	w := Worker{ID: "zhang", PINHash: h}
	if !w.CheckPIN("246813") || w.CheckPIN("246814") || w.CheckPIN("") {
		t.Error("PIN check wrong")
	}
	for _, bad := range []string{"12", "12a4", "12345", "1234567890123"} {
		if _, err := HashPIN(bad); err == nil {
			t.Errorf("PIN %q accepted", bad)
		}
	}
	if (Worker{PINHash: "pbkdf2-sha256$99999999$AA$AA"}).CheckPIN("1234") {
		t.Error("absurd iteration count accepted")
	}
	var l Lockout
	for i := 0; i < MaxPINFailures; i++ {
		if _, locked := l.Locked("zhang", t0); locked {
			t.Fatalf("locked after %d failures", i)
		}
		l.Record("zhang", false, t0)
	}
	if _, locked := l.Locked("zhang", t0.Add(time.Minute)); !locked {
		t.Error("not locked after too many failures")
	}
	if _, locked := l.Locked("zhang", t0.Add(PINLockout+time.Second)); locked {
		t.Error("still locked after the lockout")
	}
}

func TestChecklist(t *testing.T) {
	cl := testChecklist(t)
	if len(cl.Classes) != 3 || cl.Len() != 48 {
		t.Fatalf("%s; want 3 classes, 48 items", cl)
	}
	bad := map[string]string{
		"two bigs":      `{"version":1,"classes":[{"matter":"big","name":{"zh":"大"},"items":[]},{"matter":"big","name":{"zh":"大"},"items":[]},{"matter":"small","name":{"zh":"小"},"items":[]}]}`,
		"missing one":   `{"version":1,"classes":[{"matter":"big","name":{"zh":"大"},"items":[]},{"matter":"small","name":{"zh":"小"},"items":[]}]}`,
		"dup item":      `{"version":1,"classes":[{"matter":"big","name":{"zh":"大"},"items":[{"id":"a","name":{"zh":"甲"}}]},{"matter":"small","name":{"zh":"小"},"items":[{"id":"a","name":{"zh":"甲"}}]},{"matter":"private","name":{"zh":"私"},"items":[]}]}`,
		"unknown key":   `{"version":1,"classes":[],"extra":1}`,
		"wrong version": `{"version":2,"classes":[]}`,
		"not json":      `{`,
	}
	for name, b := range bad {
		if _, err := ParseChecklist([]byte(b)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"我住502室，漏水":        "我住***室，漏水",
		"5号房的租客":           "*号房的租客",
		"路灯坏了3天":           "路灯坏了3天",
		"电话 138 1234 5678": "电话 138 **** **78",
	} {
		if got := Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}

// workersOnly is a DeskStore that knows only its workers.
type workersOnly struct {
	DeskStore
	ws []Worker
}

func (s workersOnly) Workers(context.Context) ([]Worker, error) { return s.ws, nil }

// TestShortPINRefused: a PIN set before 6 digits were the rule still
// matches its hash, but logging in with it is refused with its reason
// (a lead sets a new one); a PIN under 6 digits cannot be set.
func TestShortPINRefused(t *testing.T) {
	ctx := context.Background()
	old, err := hashWith("2468", []byte("0123456789abcdef"), pinIterations)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := HashPIN("24680"); err == nil || !strings.Contains(err.Error(), "6 to 12 digits") {
		t.Errorf("5-digit PIN set: %v", err)
	}
	d := &Desk{Store: workersOnly{ws: []Worker{{ID: "zhang", Name: "张丽", Role: RoleLead, PINHash: old}}}, Now: func() time.Time { return t0 }}
	_, err = d.Login(ctx, "zhang", "2468")
	if r, ok := ReasonOf(err); !ok || r.Key != "pin.short" || kiosk.ErrorCode(err) != kiosk.EUNAUTHORIZED {
		t.Fatalf("short PIN logged in: %v", err)
	}
	if _, err := d.Login(ctx, "zhang", "2469"); !errors.Is(err, ErrPIN) {
		t.Errorf("wrong short PIN: %v", err)
	}
}
