package deskapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/hub/deskapi"
	"opinionwall/hub/seed"
	hubsqlite "opinionwall/hub/sqlite"
	"opinionwall/kiosk"
)

// station is a real store with seeded data, its Desk, and the API's
// server on a unix socket.
type station struct {
	dir  string
	db   *hubsqlite.DB
	desk *hub.Desk
	srv  *deskapi.Server
	log  *syncBuffer
	mu   sync.Mutex
	now  time.Time
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}
func (b *syncBuffer) String() string { b.mu.Lock(); defer b.mu.Unlock(); return b.b.String() }

func (s *station) clock() time.Time { s.mu.Lock(); defer s.mu.Unlock(); return s.now }
func (s *station) advance(d time.Duration) {
	s.mu.Lock()
	s.now = s.now.Add(d)
	s.mu.Unlock()
}

func (s *station) sock() string { return filepath.Join(s.dir, "run", "desk.sock") }

// newStation seeds a store (n submissions) and serves it.
func newStation(t testing.TB, n int) *station {
	t.Helper()
	s := &station{dir: t.TempDir(), now: time.Now(), log: &syncBuffer{}}
	s.open(t)
	if err := seed.Station(context.Background(), s.db, s.desk, n, 20, time.Now(), rand.New(rand.NewPCG(1, 2))); err != nil {
		t.Fatal(err)
	}
	return s
}

// open opens the store and the server over it (again after close: a
// restart of the service).
func (s *station) open(t testing.TB) {
	t.Helper()
	s.db = hubsqlite.NewDB(filepath.Join(s.dir, "data", "hub.db"))
	if err := s.db.Open(); err != nil {
		t.Fatal(err)
	}
	cl, err := hub.ParseChecklist(hub.DefaultChecklist())
	if err != nil {
		t.Fatal(err)
	}
	s.desk = &hub.Desk{Store: s.db, Settings: s.db, Lockouts: s.db, Delib: s.db, Checklist: cl, Now: s.clock}
	s.srv = &deskapi.Server{Desk: s.desk, Checklist: hub.DefaultChecklist(), Path: s.sock(), Now: s.clock,
		Log: slog.New(slog.NewTextHandler(s.log, nil))}
	if err := s.srv.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.close)
}

func (s *station) close() {
	s.srv.Close()
	s.db.Close()
}

func (s *station) client(t testing.TB) *deskapi.Client {
	t.Helper()
	c := &deskapi.Client{Path: s.sock()}
	if err := c.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func login(t *testing.T, c *deskapi.Client, id string) hub.Worker {
	t.Helper()
	w, err := c.Login(context.Background(), id, seed.PIN)
	if err != nil {
		t.Fatalf("log in %s: %v", id, err)
	}
	return w
}

// caseWithContact returns the id of a case whose resident left a phone.
func caseWithContact(t *testing.T, s *station) (string, string) {
	t.Helper()
	ctx := context.Background()
	var id, phone string
	err := s.db.EachCase(ctx, hub.Filter{Kind: kiosk.KindOpinion}, func(c hub.Case) error {
		if id == "" {
			if _, rcv, err := s.db.Case(ctx, c.ID); err == nil && rcv.Body.Contact != nil && rcv.Body.Contact.Phone != "" {
				id, phone = c.ID, rcv.Body.Contact.Phone
			}
		}
		return nil
	})
	if err != nil || id == "" {
		t.Fatalf("no case with contact details in the seed: %v", err)
	}
	return id, phone
}

// TestSameAnswersAsTheDesk: what the screens read through the socket is
// what the Desk in the service's process answers, for a lead and for a
// volunteer (nothing lost or added on the wire).
func TestSameAnswersAsTheDesk(t *testing.T) {
	s := newStation(t, 300)
	c := s.client(t)
	ctx := context.Background()
	id, _ := caseWithContact(t, s)
	from, to := time.Now().AddDate(0, -1, 0), time.Now().Add(time.Hour)
	for _, who := range []string{"zhang", "li"} {
		remote := login(t, c, who)
		local, err := s.desk.Login(ctx, who, seed.PIN)
		if err != nil {
			t.Fatal(err)
		}
		same := func(what string, a, b any, errA, errB error) {
			t.Helper()
			ja, _ := json.Marshal(a)
			jb, _ := json.Marshal(b)
			if kiosk.ErrorCode(errA) != kiosk.ErrorCode(errB) || !bytes.Equal(ja, jb) {
				t.Errorf("%s, %s: over the socket %.300s (%v), in process %.300s (%v)", who, what, ja, errA, jb, errB)
			}
		}
		var cases []hub.Case
		var localCases []hub.Case
		errA := c.EachCase(ctx, remote, hub.Filter{}, func(x hub.Case) error { cases = append(cases, x); return nil })
		errB := s.desk.EachCase(ctx, local, hub.Filter{}, func(x hub.Case) error { localCases = append(localCases, x); return nil })
		same("each case", cases, localCases, errA, errB)
		a1, e1 := c.Inbox(ctx, remote, hub.Filter{Limit: 50})
		b1, f1 := s.desk.Inbox(ctx, local, hub.Filter{Limit: 50})
		same("inbox", a1, b1, e1, f1)
		a2, e2 := c.Case(ctx, remote, id)
		b2, f2 := s.desk.Case(ctx, local, id)
		same("case", a2, b2, e2, f2)
		a3, e3 := c.Polls(ctx, remote)
		b3, f3 := s.desk.Polls(ctx, local)
		same("polls", a3, b3, e3, f3)
		a4, e4 := c.Stats(ctx, remote, from, to)
		b4, f4 := s.desk.Stats(ctx, local, from, to)
		same("stats", a4, b4, e4, f4)
		a5, e5 := c.Fleet(ctx, remote)
		b5, f5 := s.desk.Fleet(ctx, local)
		same("fleet", a5, b5, e5, f5)
		a6, e6 := c.Targets(ctx, remote)
		b6, f6 := s.desk.Targets(ctx, local)
		same("targets", a6, b6, e6, f6)
		a7, e7 := c.Items(ctx, remote)
		b7, f7 := s.desk.Items(ctx, local)
		same("items", a7, b7, e7, f7)
		a8, e8 := c.Deliberation(ctx, remote)
		b8, f8 := s.desk.Deliberation(ctx, local)
		same("deliberation", a8, b8, e8, f8)
		a9, e9 := c.ItemChanges(ctx, remote, from, to)
		b9, f9 := s.desk.ItemChanges(ctx, local, from, to)
		same("item changes", a9, b9, e9, f9)
		a10, e10 := c.Roster(ctx)
		b10, f10 := s.desk.Roster(ctx)
		same("roster", a10, b10, e10, f10)
		if len(cases) == 0 || len(a1.Cases) == 0 || len(a3) == 0 || len(a4.TopicWeeks) == 0 {
			t.Errorf("%s: the seed gave nothing to compare: %d cases, %d in the inbox, %d polls", who, len(cases), len(a1.Cases), len(a3))
		}
	}
}

// raw posts body to a method with a token, as any local process can, and
// returns the HTTP status and the answer.
func raw(t *testing.T, sock, method, token, body string) (int, string) {
	t.Helper()
	hc := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "unix", sock)
	}}}
	req, _ := http.NewRequest(http.MethodPost, "http://desk/v1/"+method, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(resp.Body)
	return resp.StatusCode, b.String()
}

// rawLogin logs in over the socket without the Client and returns the
// session token.
func rawLogin(t *testing.T, sock, id string) string {
	t.Helper()
	code, body := raw(t, sock, "login", "", `{"id":"`+id+`","pin":"`+seed.PIN+`"}`)
	var r struct{ Token string }
	if code != http.StatusOK || json.Unmarshal([]byte(body), &r) != nil || r.Token == "" {
		t.Fatalf("log in %s: %d %s", id, code, body)
	}
	return r.Token
}

// TestVolunteerSessionOverTheSocket is the volunteer at the station PC
// who calls the service directly: a volunteer's session gets a case
// without the resident's contact details and with the text masked, may
// not search for a phone number, and every lead-only action is refused
// EFORBIDDEN, whatever the request's body claims about who is calling.
func TestVolunteerSessionOverTheSocket(t *testing.T) {
	s := newStation(t, 200)
	c := s.client(t)
	ctx := context.Background()
	id, phone := caseWithContact(t, s)
	vol := login(t, c, "li")
	if vol.Role != hub.RoleVolunteer {
		t.Fatalf("li is %s", vol.Role)
	}
	cv, err := c.Case(ctx, vol, id)
	if err != nil {
		t.Fatal(err)
	}
	if cv.Body.Contact != nil || !cv.ContactWithheld {
		t.Errorf("a volunteer's case has contact details: %+v withheld=%v", cv.Body.Contact, cv.ContactWithheld)
	}
	j, _ := json.Marshal(cv)
	if strings.Contains(string(j), phone) {
		t.Errorf("the resident's phone %s reached a volunteer's session", phone)
	}
	if _, err := c.Inbox(ctx, vol, hub.Filter{Search: phone}); kiosk.ErrorCode(err) != kiosk.EFORBIDDEN {
		t.Errorf("a volunteer searched for a phone number: %v", err)
	}
	poll, _ := hub.NewPoll("vol-poll", "问题 | Question", []string{"甲 | A", "乙 | B"}, time.Now(), time.Now().Add(48*time.Hour), vol.ID, time.Now())
	forbidden := map[string]error{
		"create a poll":     c.CreatePoll(ctx, vol, poll),
		"set the targets":   c.SetTargets(ctx, vol, hub.DefaultTargets()),
		"set the templates": c.SetReplyTemplates(ctx, vol, []string{"好的"}),
		"set deliberation":  c.SetDeliberation(ctx, vol, hub.DeliberationSettings{}),
		"set referrals":     c.SetReferrals(ctx, vol, nil),
	}
	_, forbidden["publish"] = c.Act(ctx, vol, id, cv.Version, hub.Action{Kind: hub.ActPublish, WallText: "x"})
	_, forbidden["reply"] = c.Act(ctx, vol, id, cv.Version, hub.Action{Kind: hub.ActReply, Reply: "x"})
	for what, err := range forbidden {
		if kiosk.ErrorCode(err) != kiosk.EFORBIDDEN {
			t.Errorf("a volunteer may %s: %v", what, err)
		}
	}
	// The body naming a lead changes nothing: the session is the worker.
	tok := rawLogin(t, s.sock(), "li")
	forged := `{"worker":{"ID":"zhang","Role":"lead"},"me":{"ID":"zhang","Role":"lead"},"ID":"zhang","Role":"lead","id":"` + id + `"}`
	if code, body := raw(t, s.sock(), "case", tok, forged); code != http.StatusOK || strings.Contains(body, phone) || !strings.Contains(body, `"ContactWithheld":true`) {
		t.Errorf("a volunteer's session claiming to be a lead: %d %.300s", code, body)
	}
	if code, body := raw(t, s.sock(), "set_targets", tok, `{"worker":{"ID":"zhang","Role":"lead"},"targets":{}}`); code != http.StatusForbidden || !strings.Contains(body, `"forbidden"`) {
		t.Errorf("a volunteer's session claiming to be a lead set the targets: %d %s", code, body)
	}
	lead := login(t, c, "zhang") // the same client, a lead beside: the lead sees the phone
	if lv, err := c.Case(ctx, lead, id); err != nil || lv.Body.Contact == nil || lv.Body.Contact.Phone != phone {
		t.Errorf("the lead's case: %+v %v", lv.Body.Contact, err)
	}
}

// TestTokensRefused: a call without a token, with a forged one, with one
// past its lifetime or unused too long, after log-out, or for a worker
// who never logged in through this client is refused EUNAUTHORIZED.
func TestTokensRefused(t *testing.T) {
	s := newStation(t, 20)
	ctx := context.Background()
	unauthorized := func(what string, code int, body string) {
		t.Helper()
		if code != http.StatusUnauthorized || !strings.Contains(body, `"unauthorized"`) {
			t.Errorf("%s: %d %.200s", what, code, body)
		}
	}
	code, body := raw(t, s.sock(), "inbox", "", `{}`)
	unauthorized("no token", code, body)
	code, body = raw(t, s.sock(), "inbox", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", `{}`)
	unauthorized("forged token", code, body)
	tok := rawLogin(t, s.sock(), "zhang")
	if code, body := raw(t, s.sock(), "inbox", tok, `{}`); code != http.StatusOK {
		t.Fatalf("a live session: %d %.200s", code, body)
	}
	code, body = raw(t, s.sock(), "inbox", tok+"x", `{}`)
	unauthorized("a token changed by one character", code, body)
	s.advance(deskapi.DefaultIdleTTL + time.Second)
	code, body = raw(t, s.sock(), "inbox", tok, `{}`)
	unauthorized("unused past the idle limit", code, body)
	tok = rawLogin(t, s.sock(), "zhang")
	for i := 0; i < 13; i++ { // used every hour: never idle, but past its lifetime
		s.advance(time.Hour)
		raw(t, s.sock(), "inbox", tok, `{}`)
	}
	code, body = raw(t, s.sock(), "inbox", tok, `{}`)
	unauthorized("past the session's lifetime", code, body)
	tok = rawLogin(t, s.sock(), "zhang")
	raw(t, s.sock(), "logout", tok, `{}`)
	code, body = raw(t, s.sock(), "inbox", tok, `{}`)
	unauthorized("after log-out", code, body)

	c := s.client(t)
	lead := hub.Worker{ID: "zhang", Name: "张丽", Role: hub.RoleLead} // made up, never logged in here
	if _, err := c.Inbox(ctx, lead, hub.Filter{}); kiosk.ErrorCode(err) != kiosk.EUNAUTHORIZED {
		t.Errorf("a worker made up in the client: %v", err)
	}
}

// TestLockoutAcrossClientsAndRestart: wrong PINs typed through two
// clients add up to the lock, which a restart of the service (store and
// server closed and opened again) does not lift; the refusal keeps its
// code and reason (with its time) across the wire.
func TestLockoutAcrossClientsAndRestart(t *testing.T) {
	s := newStation(t, 0)
	ctx := context.Background()
	a, b := s.client(t), s.client(t)
	for i := 0; i < hub.MaxPINFailures; i++ {
		c := a
		if i%2 == 1 {
			c = b
		}
		if _, err := c.Login(ctx, "wang", "000000"); kiosk.ErrorCode(err) != kiosk.EUNAUTHORIZED {
			t.Fatalf("wrong PIN %d: %v", i, err)
		}
	}
	locked := func(c *deskapi.Client, when string) {
		t.Helper()
		_, err := c.Login(ctx, "wang", seed.PIN)
		r, ok := hub.ReasonOf(err)
		if kiosk.ErrorCode(err) != kiosk.EUNAUTHORIZED || !ok || r.Key != "locked" || len(r.Args) != 1 {
			t.Fatalf("%s: the right PIN: %v (reason %+v)", when, err, r)
		}
		if until, ok := r.Args[0].(time.Time); !ok || !until.After(s.clock()) {
			t.Errorf("%s: the lock's end crossed as %T %v", when, r.Args[0], r.Args[0])
		}
	}
	locked(a, "after wrong PINs through two clients")
	s.close()
	s.open(t)
	locked(s.client(t), "after a restart")
	s.advance(hub.PINLockout + time.Second)
	if _, err := s.client(t).Login(ctx, "wang", seed.PIN); err != nil {
		t.Errorf("after the lockout: %v", err)
	}
	if !strings.Contains(s.log.String(), "peer=") || !strings.Contains(s.log.String(), "pid") {
		t.Errorf("log-ins logged without the peer's credentials:\n%s", s.log.String())
	}
}

// TestSocketReplacedOnlyWhenDead: a second service refuses to take the
// socket of one that answers; a socket left by a dead one is replaced.
func TestSocketReplacedOnlyWhenDead(t *testing.T) {
	s := newStation(t, 0)
	other := &deskapi.Server{Desk: s.desk, Path: s.sock()}
	if err := other.Open(); err == nil {
		other.Close()
		t.Fatal("a second service took a live socket")
	}
	s.srv.Close()
	l, err := net.Listen("unix", s.sock()) // a socket file no one serves, as after a crash
	if err != nil {
		t.Fatal(err)
	}
	l.(*net.UnixListener).SetUnlinkOnClose(false)
	l.Close()
	if _, err := os.Stat(s.sock()); err != nil {
		t.Fatal(err)
	}
	if err := s.srv.Open(); err != nil {
		t.Fatalf("a dead socket not replaced: %v", err)
	}
	if fi, err := os.Stat(s.sock()); err != nil || fi.Mode().Perm() != 0o666 {
		t.Errorf("socket mode: %v %v", fi.Mode(), err)
	}
}
