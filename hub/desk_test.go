package hub_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

// fakeStore is the Desk's store in memory: enough of each concern for the
// rules to run.
type fakeStore struct {
	cases     map[string]hub.Case
	received  map[string]hub.Received
	audits    []hub.Audit
	updates   []kiosk.TicketUpdate
	workers   []hub.Worker
	buildings map[string]string
	polls     []hub.Poll
	snapshots map[string]json.RawMessage
	versions  map[string]int64
	kiosks    []hub.Kiosk
}

var _ hub.DeskStore = (*fakeStore)(nil)

func newFakeStore() *fakeStore {
	return &fakeStore{cases: map[string]hub.Case{}, received: map[string]hub.Received{}, buildings: map[string]string{},
		snapshots: map[string]json.RawMessage{}, versions: map[string]int64{}}
}

func (s *fakeStore) Inbox(_ context.Context, _ hub.Filter) (hub.Inbox, error) {
	in := hub.NewInbox()
	for _, c := range s.cases {
		in.Cases = append(in.Cases, c)
	}
	in.Total = len(in.Cases)
	return in, nil
}

func (s *fakeStore) EachCase(_ context.Context, _ hub.Filter, fn func(hub.Case) error) error {
	for _, c := range s.cases {
		if err := fn(c); err != nil {
			return err
		}
	}
	return nil
}

func (s *fakeStore) Case(_ context.Context, id string) (hub.Case, hub.Received, error) {
	c, ok := s.cases[id]
	if !ok {
		return c, hub.Received{}, kiosk.Errorf(kiosk.ENOTFOUND, "no case %s", id)
	}
	return c, s.received[id], nil
}

func (s *fakeStore) CaseByTicket(_ context.Context, ticket string) (hub.Case, error) {
	t, err := kiosk.ParseTicket(ticket)
	if err != nil {
		return hub.Case{}, err
	}
	for _, c := range s.cases {
		if c.Ticket == t.Code {
			return c, nil
		}
	}
	return hub.Case{}, kiosk.Errorf(kiosk.ENOTFOUND, "no ticket %s", ticket)
}

func (s *fakeStore) History(_ context.Context, id string) ([]hub.Audit, error) {
	var out []hub.Audit
	for _, a := range s.audits {
		if a.Case == id {
			out = append(out, a)
		}
	}
	return out, nil
}

func (s *fakeStore) SaveCase(_ context.Context, c hub.Case, prev int64, a hub.Audit, u *kiosk.TicketUpdate) error {
	if s.cases[c.ID].Version != prev {
		return hub.ErrConflict
	}
	s.cases[c.ID] = c
	s.audits = append(s.audits, a)
	if u != nil {
		s.updates = append(s.updates, *u)
	}
	return nil
}

func (s *fakeStore) Published(_ context.Context, limit int) ([]hub.Case, error) {
	var out []hub.Case
	for _, c := range s.cases {
		if !c.PublishedAt.IsZero() && len(out) < limit {
			out = append(out, c)
		}
	}
	return out, nil
}

func (s *fakeStore) Workers(context.Context) ([]hub.Worker, error) {
	return append([]hub.Worker(nil), s.workers...), nil
}

func (s *fakeStore) PutWorker(_ context.Context, w hub.Worker) error {
	s.workers = append(s.workers, w)
	return nil
}

func (s *fakeStore) Buildings(context.Context) (map[string]string, error) { return s.buildings, nil }

func (s *fakeStore) SetBuilding(_ context.Context, building, worker string) error {
	s.buildings[building] = worker
	return nil
}

func (s *fakeStore) Polls(context.Context) ([]hub.Poll, error) {
	return append([]hub.Poll(nil), s.polls...), nil
}

func (s *fakeStore) PutPoll(_ context.Context, p hub.Poll, a hub.Audit) error {
	s.audits = append(s.audits, a)
	for i := range s.polls {
		if s.polls[i].ID == p.ID {
			s.polls[i] = p
			return nil
		}
	}
	s.polls = append(s.polls, p)
	return nil
}

func (s *fakeStore) Votes(context.Context, string) ([]hub.Vote, error) { return nil, nil }

func (s *fakeStore) Snapshot(_ context.Context, name string) (int64, json.RawMessage, error) {
	return s.versions[name], s.snapshots[name], nil
}

func (s *fakeStore) PutSnapshot(_ context.Context, name string, version int64, payload json.RawMessage) error {
	s.versions[name], s.snapshots[name] = version, payload
	return nil
}

func (s *fakeStore) Stats(_ context.Context, from, to time.Time) (hub.Stats, error) {
	return hub.Stats{From: from, To: to}, nil
}

func (s *fakeStore) Kiosks(context.Context) ([]hub.Kiosk, error) { return s.kiosks, nil }

var (
	deskNow   = time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	lead      = hub.Worker{ID: "zhang", Name: "张丽", Role: hub.RoleLead}
	grid      = hub.Worker{ID: "wang", Name: "王刚", Role: hub.RoleWorker}
	volunteer = hub.Worker{ID: "li", Name: "李敏", Role: hub.RoleVolunteer}
	roles     = []hub.Worker{lead, grid, volunteer}
	codec, _  = kiosk.NewTicketCodec(12, "wall-01")
)

const (
	residentText  = "我住502室，门口垃圾没人清理，电话13812345678"
	residentPhone = "13900001111"
)

// pinHash is PIN 246813 hashed, once: hashing is slow on purpose.
var pinHash = sync.OnceValue(func() string { h, _ := hub.HashPIN("246813"); return h })

// newDesk returns a desk on a fake store with the three workers (PIN
// 246813), 12栋 looked after by wang, and one opinion with contact details
// in the given status.
func newDesk(t *testing.T, status kiosk.TicketStatus) (*hub.Desk, *fakeStore) {
	t.Helper()
	cl, err := hub.ParseChecklist(hub.DefaultChecklist())
	if err != nil {
		t.Fatal(err)
	}
	st := newFakeStore()
	for _, w := range roles {
		w.PINHash = pinHash()
		st.workers = append(st.workers, w)
	}
	st.buildings["12栋"] = "wang"
	c := hub.Case{ID: "c1", Ticket: codec.Code(1), Kiosk: "wall-01", Kind: kiosk.KindOpinion, Topic: "sanitation", Building: "12栋",
		Text: residentText, At: deskNow, ReceivedAt: deskNow, ClockSynced: true, Status: status, Version: 3}
	switch status {
	case kiosk.StatusTriaged, kiosk.StatusAssigned, kiosk.StatusReplied, kiosk.StatusClosed:
		c.Matter, c.Item = kiosk.MatterSmall, "garbage"
	}
	switch status {
	case kiosk.StatusAssigned, kiosk.StatusReplied, kiosk.StatusClosed:
		c.Assignee = "wang"
	}
	if status == kiosk.StatusReplied || status == kiosk.StatusClosed {
		c.Reply, c.RepliedAt = "已安排清运", deskNow
	}
	st.cases[c.ID] = c
	st.received[c.ID] = hub.Received{ReceivedAt: deskNow, Submission: kiosk.Submission{ID: c.ID, Kiosk: c.Kiosk, Kind: c.Kind, Ticket: c.Ticket,
		Body: kiosk.Body{Topic: c.Topic, Text: residentText, Lang: "zh", Channel: kiosk.ChannelTouch,
			Location: &kiosk.Location{Street: "大和路", Building: "12栋"}, Contact: &kiosk.Contact{Name: "陈", Phone: residentPhone, Consent: true}}}}
	other := hub.Case{ID: "c2", Ticket: codec.Code(2), Kiosk: "wall-01", Kind: kiosk.KindOpinion, Status: kiosk.StatusReceived}
	st.cases[other.ID] = other
	return &hub.Desk{Store: st, Checklist: cl, Now: func() time.Time { return deskNow }}, st
}

// caseActions are the actions on a case, each with the status a case
// must have for it to make sense (so only the role decides).
var caseActions = []struct {
	from kiosk.TicketStatus
	a    hub.Action
}{
	{kiosk.StatusReceived, hub.Action{Kind: hub.ActTriage, Matter: kiosk.MatterSmall, Item: "garbage", Priority: hub.PriorityHigh}},
	{kiosk.StatusTriaged, hub.Action{Kind: hub.ActAssign, Worker: "wang"}},
	{kiosk.StatusAssigned, hub.Action{Kind: hub.ActStart}},
	{kiosk.StatusTriaged, hub.Action{Kind: hub.ActReply, Reply: "已安排清运", ReplyEn: "Collected tomorrow"}},
	{kiosk.StatusReplied, hub.Action{Kind: hub.ActPublish, WallText: "门口垃圾没人清理"}},
	{kiosk.StatusReplied, hub.Action{Kind: hub.ActUnpublish}},
	{kiosk.StatusReplied, hub.Action{Kind: hub.ActClose}},
	{kiosk.StatusReceived, hub.Action{Kind: hub.ActDuplicate, Of: codec.Code(2)}},
	{kiosk.StatusReceived, hub.Action{Kind: hub.ActNotApplicable, Reason: "属于法院受理范围"}},
	{kiosk.StatusClosed, hub.Action{Kind: hub.ActReopen}},
}

// mayDo is who may take each case action: volunteers sort the inbox,
// workers work cases to the end, the lead also moderates the wall.
var mayDo = map[hub.ActionKind]map[hub.Role]bool{
	hub.ActTriage:        {hub.RoleLead: true, hub.RoleWorker: true, hub.RoleVolunteer: true},
	hub.ActAssign:        {hub.RoleLead: true, hub.RoleWorker: true, hub.RoleVolunteer: true},
	hub.ActDuplicate:     {hub.RoleLead: true, hub.RoleWorker: true, hub.RoleVolunteer: true},
	hub.ActStart:         {hub.RoleLead: true, hub.RoleWorker: true},
	hub.ActReply:         {hub.RoleLead: true, hub.RoleWorker: true},
	hub.ActClose:         {hub.RoleLead: true, hub.RoleWorker: true},
	hub.ActNotApplicable: {hub.RoleLead: true, hub.RoleWorker: true},
	hub.ActReopen:        {hub.RoleLead: true, hub.RoleWorker: true},
	hub.ActPublish:       {hub.RoleLead: true},
	hub.ActUnpublish:     {hub.RoleLead: true},
}

func verb(may bool) string {
	if may {
		return "can"
	}
	return "cannot"
}

// TestDeskCaseActionsByRole: every role × every case action, allowed (the
// case changes, with its audit record) or refused as EFORBIDDEN (nothing
// changes).
func TestDeskCaseActionsByRole(t *testing.T) {
	if len(caseActions) != len(mayDo) {
		t.Fatalf("%d actions tried, %d in the table", len(caseActions), len(mayDo))
	}
	for _, w := range roles {
		for _, ca := range caseActions {
			may := mayDo[ca.a.Kind][w.Role]
			t.Run(fmt.Sprintf("%s %s %s", w.Role, verb(may), ca.a.Kind), func(t *testing.T) {
				d, st := newDesk(t, ca.from)
				if ca.a.Kind == hub.ActUnpublish {
					c := st.cases["c1"]
					c.PublishedAt, c.WallText = deskNow, "门口垃圾没人清理"
					st.cases["c1"] = c
				}
				before := st.cases["c1"]
				got, err := d.Act(context.Background(), w, "c1", before.Version, ca.a)
				if !may {
					if code := kiosk.ErrorCode(err); code != kiosk.EFORBIDDEN {
						t.Fatalf("refusal code %q (%v), want %q", code, err, kiosk.EFORBIDDEN)
					}
					if !reflect.DeepEqual(st.cases["c1"], before) || len(st.audits) != 0 {
						t.Fatal("a refused action changed the case")
					}
					return
				}
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if got.Version != before.Version+1 || len(st.audits) != 1 || st.audits[0].Worker != w.ID || st.audits[0].Action != ca.a.Kind {
					t.Fatalf("case %+v, audit %+v", got, st.audits)
				}
				if want := w.Role == hub.RoleVolunteer; strings.Contains(got.Text, "13812345678") == want {
					t.Errorf("the case returned to a %s has text %q", w.Role, got.Text)
				}
			})
		}
	}
}

// pollActions are the poll actions, each on a poll in the state it needs.
var pollActions = []struct {
	name  string
	state hub.PollState
	do    func(ctx context.Context, d *hub.Desk, w hub.Worker, p hub.Poll) error
}{
	{"create a poll", "", func(ctx context.Context, d *hub.Desk, w hub.Worker, p hub.Poll) error { return d.CreatePoll(ctx, w, p) }},
	{"open a poll", hub.PollDraft, pollAct(hub.PollActOpen)},
	{"close a poll", hub.PollOpen, pollAct(hub.PollActClose)},
	{"publish poll results", hub.PollClosed, pollAct(hub.PollActResults)},
}

func pollAct(act hub.PollAction) func(context.Context, *hub.Desk, hub.Worker, hub.Poll) error {
	return func(ctx context.Context, d *hub.Desk, w hub.Worker, p hub.Poll) error {
		_, err := d.PollAct(ctx, w, p.ID, act)
		return err
	}
}

// TestDeskPollActionsByRole: only the lead runs polls; the others are
// refused as EFORBIDDEN and the poll stays as it was.
func TestDeskPollActionsByRole(t *testing.T) {
	for _, w := range roles {
		for _, pa := range pollActions {
			may := w.Role == hub.RoleLead
			t.Run(fmt.Sprintf("%s %s %s", w.Role, verb(may), pa.name), func(t *testing.T) {
				d, st := newDesk(t, kiosk.StatusReceived)
				p, err := hub.NewPoll("square", "村口空地做什么 | The square", []string{"篮球场", "儿童乐园"},
					deskNow.Add(-time.Hour), deskNow.Add(48*time.Hour), "zhang", deskNow.Add(-2*time.Hour))
				if err != nil {
					t.Fatal(err)
				}
				if pa.state != "" {
					p.State = pa.state
					st.polls = []hub.Poll{p}
				}
				before := fmt.Sprintf("%+v", st.polls)
				err = pa.do(context.Background(), d, w, p)
				if !may {
					if code := kiosk.ErrorCode(err); code != kiosk.EFORBIDDEN {
						t.Fatalf("refusal code %q (%v), want %q", code, err, kiosk.EFORBIDDEN)
					}
					if after := fmt.Sprintf("%+v", st.polls); after != before {
						t.Fatalf("a refused poll action changed the polls: %s", after)
					}
					return
				}
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if len(st.polls) != 1 || len(st.audits) != 1 || st.audits[0].Worker != w.ID {
					t.Fatalf("polls %+v, audits %+v", st.polls, st.audits)
				}
			})
		}
	}
}

// TestDeskReadsByRole: every role reads every screen's data; no one who
// has not logged in does (EUNAUTHORIZED).
func TestDeskReadsByRole(t *testing.T) {
	ctx := context.Background()
	reads := []struct {
		name string
		do   func(d *hub.Desk, w hub.Worker) error
	}{
		{"the inbox", func(d *hub.Desk, w hub.Worker) error { _, err := d.Inbox(ctx, w, hub.Filter{}); return err }},
		{"a case", func(d *hub.Desk, w hub.Worker) error { _, err := d.Case(ctx, w, "c1"); return err }},
		{"the ledger", func(d *hub.Desk, w hub.Worker) error {
			return d.EachCase(ctx, w, hub.Filter{}, func(hub.Case) error { return nil })
		}},
		{"the wall", func(d *hub.Desk, w hub.Worker) error { _, err := d.Published(ctx, w, 10); return err }},
		{"the polls", func(d *hub.Desk, w hub.Worker) error { _, err := d.Polls(ctx, w); return err }},
		{"the statistics", func(d *hub.Desk, w hub.Worker) error {
			_, err := d.Stats(ctx, w, deskNow.Add(-time.Hour), deskNow)
			return err
		}},
		{"the fleet", func(d *hub.Desk, w hub.Worker) error { _, err := d.Fleet(ctx, w); return err }},
	}
	for _, r := range reads {
		for _, w := range roles {
			t.Run(fmt.Sprintf("%s can read %s", w.Role, r.name), func(t *testing.T) {
				d, _ := newDesk(t, kiosk.StatusReceived)
				if err := r.do(d, w); err != nil {
					t.Fatal(err)
				}
			})
		}
		t.Run("no one logged in cannot read "+r.name, func(t *testing.T) {
			d, _ := newDesk(t, kiosk.StatusReceived)
			if code := kiosk.ErrorCode(r.do(d, hub.Worker{})); code != kiosk.EUNAUTHORIZED {
				t.Fatalf("code %q, want %q", code, kiosk.EUNAUTHORIZED)
			}
		})
	}
	t.Run("no one logged in cannot act", func(t *testing.T) {
		d, _ := newDesk(t, kiosk.StatusReceived)
		_, err := d.Act(ctx, hub.Worker{}, "c1", 3, caseActions[0].a)
		if code := kiosk.ErrorCode(err); code != kiosk.EUNAUTHORIZED {
			t.Fatalf("code %q, want %q", code, kiosk.EUNAUTHORIZED)
		}
	})
}

// TestDeskRedactionByRole: a volunteer's views of a case carry no contact
// details and the resident's text masked; a worker's and the lead's are
// whole.
func TestDeskRedactionByRole(t *testing.T) {
	ctx := context.Background()
	masked := hub.Redact(residentText)
	for _, w := range roles {
		whole := w.Role != hub.RoleVolunteer
		name := fmt.Sprintf("%s sees the contact and the whole text", w.Role)
		if !whole {
			name = "volunteer sees no contact and masked text"
		}
		t.Run(name, func(t *testing.T) {
			d, _ := newDesk(t, kiosk.StatusReceived)
			v, err := d.Case(ctx, w, "c1")
			if err != nil {
				t.Fatal(err)
			}
			wantText := residentText
			if !whole {
				wantText = masked
			}
			if v.Text != wantText || v.Body.Text != wantText {
				t.Errorf("case text %q, body text %q, want %q", v.Text, v.Body.Text, wantText)
			}
			if whole && (v.Body.Contact == nil || v.Body.Contact.Phone != residentPhone || v.ContactWithheld) {
				t.Errorf("contact %+v withheld %v", v.Body.Contact, v.ContactWithheld)
			}
			if !whole && (v.Body.Contact != nil || !v.ContactWithheld) {
				t.Errorf("a volunteer got contact %+v (withheld %v)", v.Body.Contact, v.ContactWithheld)
			}
			if v.Suggested != "wang" || v.WallDraft != masked {
				t.Errorf("suggested %q, wall draft %q", v.Suggested, v.WallDraft)
			}
			in, err := d.Inbox(ctx, w, hub.Filter{})
			if err != nil {
				t.Fatal(err)
			}
			var ledger []string
			d.EachCase(ctx, w, hub.Filter{}, func(c hub.Case) error { ledger = append(ledger, c.Text); return nil })
			texts := fmt.Sprint(ledger)
			for _, c := range in.Cases {
				texts += c.Text
			}
			if got := strings.Contains(texts, "13812345678"); got != whole {
				t.Errorf("inbox and ledger show the phone in the text: %v, want %v (%s)", got, whole, texts)
			}
		})
	}
	t.Run("no one sees PIN hashes in the roster", func(t *testing.T) {
		d, _ := newDesk(t, kiosk.StatusReceived)
		ws, err := d.Roster(ctx)
		if err != nil || len(ws) != 3 {
			t.Fatalf("%v %v", ws, err)
		}
		for _, w := range ws {
			if w.PINHash != "" {
				t.Errorf("%s: PIN hash in the roster", w.ID)
			}
		}
	})
}

// TestDeskSearchForPersonalData: a volunteer's search for a phone, ID-card
// or room number is refused (its hits would confirm what the masked view
// hides); a ticket code or words are fine; workers and the lead may.
func TestDeskSearchForPersonalData(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		name   string
		w      hub.Worker
		search string
		code   string
	}{
		{"volunteer cannot search a phone number", volunteer, "13812345678", kiosk.EFORBIDDEN},
		{"volunteer cannot search a room number", volunteer, "502室", kiosk.EFORBIDDEN},
		{"volunteer cannot list the ledger by a phone number", volunteer, "电话13812345678", kiosk.EFORBIDDEN},
		{"volunteer may search words", volunteer, "垃圾", ""},
		{"volunteer may search a ticket code", volunteer, codec.Code(1), ""},
		{"worker may search a phone number", grid, "13812345678", ""},
		{"lead may search a phone number", lead, "13812345678", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := newDesk(t, kiosk.StatusReceived)
			_, err := d.Inbox(ctx, tt.w, hub.Filter{Search: tt.search})
			if got := kiosk.ErrorCode(err); got != tt.code {
				t.Errorf("inbox: code %q (%v), want %q", got, err, tt.code)
			}
			err = d.EachCase(ctx, tt.w, hub.Filter{Search: tt.search}, func(hub.Case) error { return nil })
			if got := kiosk.ErrorCode(err); got != tt.code {
				t.Errorf("ledger: code %q (%v), want %q", got, err, tt.code)
			}
		})
	}
}

// TestDeskLogin: a right PIN logs in; a wrong one or an unknown worker is
// EUNAUTHORIZED.
func TestDeskLogin(t *testing.T) {
	ctx := context.Background()
	d, _ := newDesk(t, kiosk.StatusReceived)
	if w, err := d.Login(ctx, "li", "246813"); err != nil || w.Role != hub.RoleVolunteer {
		t.Fatalf("log in: %+v %v", w, err)
	}
	for _, tc := range []struct{ name, id, pin string }{
		{"wrong PIN is unauthorized", "zhang", "1111"},
		{"unknown worker is unauthorized", "nobody", "246813"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := d.Login(ctx, tc.id, tc.pin)
			if !errors.Is(err, hub.ErrPIN) || kiosk.ErrorCode(err) != kiosk.EUNAUTHORIZED {
				t.Fatalf("%v", err)
			}
		})
	}
}
