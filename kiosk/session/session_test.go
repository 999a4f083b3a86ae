package session_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"opinionwall/kiosk"
	"opinionwall/kiosk/session"
	"opinionwall/kiosk/sqlite"
)

type clock struct{ t time.Time }

func (c *clock) Now() time.Time          { return c.t }
func (c *clock) Advance(d time.Duration) { c.t = c.t.Add(d) }

func testConfig(role kiosk.Role) *kiosk.Config {
	c := kiosk.Defaults()
	c.Kiosk.ID, c.Kiosk.Number, c.Kiosk.AdminPIN, c.Kiosk.Role = "wall-01", 12, "482913", role
	c.Streets = []kiosk.Street{{Name: "大和路", Buildings: []string{"1栋", "2栋"}}}
	if err := c.Validate(); err != nil {
		panic(err)
	}
	return &c
}

type fixture struct {
	s   *session.Session
	db  *sqlite.DB
	clk *clock
	cfg *kiosk.Config
}

func newFixture(t *testing.T, role kiosk.Role) *fixture {
	t.Helper()
	cfg := testConfig(role)
	clk := &clock{t: time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)}
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "kiosk.db"))
	db.Tickets, _ = kiosk.NewTicketCodec(cfg.Kiosk.Number, cfg.Kiosk.ID)
	db.Now = clk.Now
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	s := session.New(cfg, db, db)
	s.Now = clk.Now
	return &fixture{s: s, db: db, clk: clk, cfg: cfg}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func (f *fixture) want(t *testing.T, state session.State, step session.Step) {
	t.Helper()
	v := f.s.View()
	if v.State != state || v.Step != step {
		t.Fatalf("at %s/%s, want %s/%s", v.State, v.Step, state, step)
	}
}

func (f *fixture) stored(t *testing.T) []kiosk.Submission {
	t.Helper()
	st, err := f.db.Status(context.Background())
	must(t, err)
	var out []kiosk.Submission
	for seq := int64(1); seq <= st.LastSeq; seq++ {
		s, err := f.db.Submission(context.Background(), seq)
		must(t, err)
		out = append(out, *s)
	}
	return out
}

func TestOpinionFlow(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, kiosk.RoleWall)
	s := f.s
	f.want(t, session.Attract, "")
	if err := s.Start(session.FlowOpinion); kiosk.ErrorCode(err) != kiosk.ECONFLICT {
		t.Fatalf("start from attract: %v", err)
	}
	s.Wake(kiosk.ChannelTouch)
	f.want(t, session.Home, "")
	must(t, s.Start(session.FlowOpinion))
	f.want(t, session.InFlow, session.StepTopic)

	if err := s.Next(); kiosk.ErrorCode(err) != kiosk.EINVALID {
		t.Fatalf("next without a topic: %v", err)
	}
	if s.View().Err == nil {
		t.Error("the screen is not told why")
	}
	if err := s.ChooseTopic("nonsense"); kiosk.ErrorCode(err) != kiosk.ENOTFOUND {
		t.Fatalf("unknown topic: %v", err)
	}
	must(t, s.ChooseTopic("sanitation"))
	if s.View().Err != nil {
		t.Error("the error stays after a good choice")
	}
	must(t, s.Next())
	f.want(t, session.InFlow, session.StepLocation)
	if err := s.ChooseLocation("大和路", "9栋"); kiosk.ErrorCode(err) != kiosk.ENOTFOUND {
		t.Fatalf("unknown building: %v", err)
	}
	must(t, s.ChooseLocation("大和路", "2栋"))
	must(t, s.Next())
	f.want(t, session.InFlow, session.StepWords)
	if err := s.Next(); kiosk.ErrorCode(err) != kiosk.EINVALID {
		t.Fatalf("next without words: %v", err)
	}
	must(t, s.TogglePhrase("smell"))
	must(t, s.TogglePhrase("sewer"))
	must(t, s.TogglePhrase("smell")) // untick
	if err := s.TogglePhrase("parking"); kiosk.ErrorCode(err) != kiosk.ENOTFOUND {
		t.Fatalf("phrase of another topic: %v", err)
	}
	if err := s.SetText(strings.Repeat("长", 301)); kiosk.ErrorCode(err) != kiosk.EINVALID {
		t.Fatalf("over-long text: %v", err)
	}
	must(t, s.SetText("下水道堵了\x00，打我电话13812345678"))
	must(t, s.Next())
	f.want(t, session.InFlow, session.StepContact)
	must(t, s.Next()) // anonymous
	f.want(t, session.Review, "")

	v := s.View()
	if v.Draft.Body.Text != "下水道堵了，打我电话138******78" {
		t.Errorf("review shows %q: number not masked for an anonymous opinion", v.Draft.Body.Text)
	}
	if got := v.Draft.Body.Phrases; len(got) != 1 || got[0] != "sewer" {
		t.Errorf("phrases %v", got)
	}

	// Back to contact, leave a number with consent: the text is kept as typed.
	s.Back()
	f.want(t, session.InFlow, session.StepContact)
	if err := s.SetContact("王", "13812345678", false); kiosk.ErrorCode(err) != kiosk.EINVALID {
		t.Fatalf("contact without consent: %v", err)
	}
	must(t, s.SetContact("王", "13812345678", true))
	must(t, s.Next())
	if got := s.View().Draft.Body.Text; !strings.Contains(got, "13812345678") {
		t.Errorf("with contact consent the text reads %q", got)
	}
	must(t, s.Submit(ctx))
	v = s.View()
	if v.State != session.Submitted || v.Ticket == "" {
		t.Fatalf("after submit: %s, ticket %q", v.State, v.Ticket)
	}
	subs := f.stored(t)
	if len(subs) != 1 {
		t.Fatalf("%d stored", len(subs))
	}
	got := subs[0]
	if got.Ticket != v.Ticket || got.Kind != kiosk.KindOpinion || got.Body.Location.Building != "2栋" ||
		got.Body.Contact == nil || !got.Body.Contact.Consent || got.Body.Channel != kiosk.ChannelTouch || got.Body.Lang != "zh" {
		t.Errorf("stored %+v", got)
	}
	s.Done()
	f.want(t, session.Attract, "")
	if s.View().Ticket != "" {
		t.Error("the next resident sees the previous ticket")
	}
}

func TestRatingFlowSkipsReasonsForGoodRatings(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, kiosk.RoleWall)
	s := f.s
	s.Wake(kiosk.ChannelTouch)
	must(t, s.Start(session.FlowRating))
	must(t, s.ChooseService("grid-worker"))
	must(t, s.Next())
	f.want(t, session.InFlow, session.StepRating)
	must(t, s.ChooseRating(kiosk.RatingVerySatisfied))
	must(t, s.Next())
	f.want(t, session.Review, "")
	s.Back()
	f.want(t, session.InFlow, session.StepRating)
	must(t, s.ChooseRating(kiosk.RatingDissatisfied))
	must(t, s.Next())
	f.want(t, session.InFlow, session.StepReasons)
	must(t, s.ToggleReason("slow"))
	must(t, s.Next())
	f.want(t, session.Review, "")
	must(t, s.Submit(ctx))
	got := f.stored(t)[0]
	if got.Kind != kiosk.KindRating || got.Body.Rating != kiosk.RatingDissatisfied || got.Body.Topic != "grid-worker" || len(got.Body.Reasons) != 1 {
		t.Errorf("stored %+v", got.Body)
	}
	// Back from the first step goes home.
	s.Done()
	s.Wake(kiosk.ChannelTouch)
	must(t, s.Start(session.FlowRating))
	s.Back()
	f.want(t, session.Home, "")
}

func TestVoteFlow(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, kiosk.RoleWall)
	s := f.s
	open := kiosk.Poll{ID: "p-parking", Title: kiosk.Text{Zh: "新增停车位"}, Closes: f.clk.Now().Add(24 * time.Hour),
		Options: []kiosk.PollOption{{ID: "yes", Text: kiosk.Text{Zh: "同意"}}, {ID: "no", Text: kiosk.Text{Zh: "不同意"}}}}
	closed := open
	closed.ID, closed.Closes = "p-old", f.clk.Now().Add(-time.Hour)
	s.Wake(kiosk.ChannelTouch)
	must(t, s.Start(session.FlowVote))
	if err := s.ChoosePoll(closed); kiosk.ErrorCode(err) != kiosk.EINVALID {
		t.Fatalf("closed poll: %v", err)
	}
	must(t, s.ChoosePoll(open))
	must(t, s.Next())
	if err := s.ChooseOption("maybe"); kiosk.ErrorCode(err) != kiosk.ENOTFOUND {
		t.Fatalf("unknown option: %v", err)
	}
	must(t, s.ChooseOption("yes"))
	must(t, s.Next())
	must(t, s.Submit(ctx))
	got := f.stored(t)[0]
	if got.Kind != kiosk.KindVote || got.Body.PollID != "p-parking" || got.Body.Option != "yes" || got.Body.Visit == "" {
		t.Errorf("stored %+v", got.Body)
	}

	// The attack: back home in the same visit, vote again on the same
	// poll. Refused; nothing more stored.
	s.GoHome()
	vote := func() error {
		must(t, s.Start(session.FlowVote))
		must(t, s.ChoosePoll(open))
		must(t, s.Next())
		must(t, s.ChooseOption("no"))
		must(t, s.Next())
		return s.Submit(ctx)
	}
	if err := vote(); kiosk.ErrorCode(err) != kiosk.ECONFLICT {
		t.Fatalf("a second vote in the visit: %v", err)
	}
	if n := len(f.stored(t)); n != 1 {
		t.Fatalf("%d votes stored in one visit", n)
	}
	// The next resident (a new visit) votes, with another visit id.
	s.Done()
	s.Wake(kiosk.ChannelTouch)
	must(t, vote())
	if all := f.stored(t); len(all) != 2 || all[1].Body.Visit == got.Body.Visit || all[1].Body.Visit == "" {
		t.Errorf("the next visit's vote: %+v", all)
	}
}

func TestLookupFlow(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, kiosk.RoleWall)
	s := f.s
	s.Wake(kiosk.ChannelTouch)
	must(t, s.Start(session.FlowRating))
	must(t, s.ChooseService("station"))
	must(t, s.Next())
	must(t, s.ChooseRating(kiosk.RatingSatisfied))
	must(t, s.Next())
	must(t, s.Submit(ctx))
	ticket := s.View().Ticket
	s.Done()

	s.Wake(kiosk.ChannelTouch)
	must(t, s.Start(session.FlowLookup))
	f.want(t, session.InFlow, session.StepCode)
	if err := s.LookUp(ctx, "123456789"); kiosk.ErrorCode(err) != kiosk.EINVALID {
		t.Fatalf("mistyped code: %v", err)
	}
	bad := kiosk.FormatTicket(ticket)
	if err := s.LookUp(ctx, bad); err != nil {
		t.Fatal(err)
	}
	f.want(t, session.InFlow, session.StepResult)
	if v := s.View(); v.Lookup == nil || v.Lookup.Status != kiosk.StatusQueued {
		t.Fatalf("lookup of an unsent ticket: %+v", v.Lookup)
	}
	// The station replies; the next lookup shows it.
	must(t, f.db.PutTicketUpdate(ctx, kiosk.TicketUpdate{Ticket: ticket, Status: kiosk.StatusReplied, Reply: "已安排网格员上门", UpdatedAt: f.clk.Now()}))
	s.GoHome()
	must(t, s.Start(session.FlowLookup))
	must(t, s.LookUp(ctx, ticket))
	if v := s.View(); v.Lookup.Reply != "已安排网格员上门" {
		t.Errorf("reply %q", v.Lookup.Reply)
	}
}

func TestIdleTimeoutWarnsThenDiscards(t *testing.T) {
	f := newFixture(t, kiosk.RoleWall)
	s := f.s
	idle, warn := f.cfg.Session.IdleTimeout.D(), f.cfg.Session.IdleWarning.D()
	s.Wake(kiosk.ChannelTouch)
	must(t, s.Start(session.FlowOpinion))
	must(t, s.ChooseTopic("safety"))
	if got, want := s.Deadline(), f.clk.Now().Add(idle-warn); !got.Equal(want) {
		t.Errorf("deadline %v, want the warning at %v", got, want)
	}

	f.clk.Advance(idle - warn - time.Second)
	if s.Tick() || s.View().Warning {
		t.Fatal("warning too early")
	}
	f.clk.Advance(time.Second)
	if v := s.View(); !v.Warning || v.Left != warn {
		t.Fatalf("warning %v, left %v; want the countdown from %v", v.Warning, v.Left, warn)
	}
	// The resident taps "still here": the countdown stops, input is kept.
	s.Touch()
	if s.View().Warning {
		t.Fatal("warning after a touch")
	}
	f.clk.Advance(idle - time.Second)
	if s.Tick() {
		t.Fatal("ended a second early")
	}
	if v := s.View(); !v.Warning || v.Left != time.Second {
		t.Errorf("left %v, want 1s", v.Left)
	}
	f.clk.Advance(time.Second)
	if !s.Tick() {
		t.Fatal("the idle visit did not end")
	}
	f.want(t, session.Attract, "")
	s.Wake(kiosk.ChannelTouch)
	must(t, s.Start(session.FlowOpinion))
	if v := s.View(); v.Draft.Body.Topic != "" {
		t.Errorf("the partial input survived the timeout: %+v", v.Draft.Body)
	}
}

func TestIdleTimeoutInEveryActiveState(t *testing.T) {
	for _, tt := range []struct {
		name  string
		setup func(t *testing.T, s *session.Session)
	}{
		{"home", func(t *testing.T, s *session.Session) {}},
		{"flow", func(t *testing.T, s *session.Session) { must(t, s.Start(session.FlowWall)) }},
		{"review", func(t *testing.T, s *session.Session) {
			must(t, s.Start(session.FlowRating))
			must(t, s.ChooseService("station"))
			must(t, s.Next())
			must(t, s.ChooseRating(kiosk.RatingSatisfied))
			must(t, s.Next())
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, kiosk.RoleWall)
			f.s.Wake(kiosk.ChannelTouch)
			tt.setup(t, f.s)
			f.clk.Advance(f.cfg.Session.IdleTimeout.D())
			if !f.s.Tick() {
				t.Fatal("no timeout")
			}
			f.want(t, session.Attract, "")
			if f.s.Tick() {
				t.Error("the attract state times out")
			}
		})
	}
}

func TestSlowModeLengthensTimeouts(t *testing.T) {
	f := newFixture(t, kiosk.RoleWall)
	s := f.s
	s.Wake(kiosk.ChannelTouch)
	s.SetSlow(true)
	idle := f.cfg.Session.IdleTimeout.D()
	f.clk.Advance(idle)
	if s.Tick() {
		t.Fatal("slow mode timed out at the normal timeout")
	}
	f.clk.Advance(time.Duration(float64(idle)*f.cfg.Session.SlowFactor) - idle)
	if !s.Tick() {
		t.Fatal("slow mode did not time out at the longer timeout")
	}
	if s.View().Slow {
		t.Error("slow mode carried over to the next resident")
	}
}

func TestSubmittedScreenReturnsToAttract(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, kiosk.RoleWall)
	f.s.Wake(kiosk.ChannelTouch)
	must(t, f.s.Start(session.FlowRating))
	must(t, f.s.ChooseService("station"))
	must(t, f.s.Next())
	must(t, f.s.ChooseRating(kiosk.RatingSatisfied))
	must(t, f.s.Next())
	must(t, f.s.Submit(ctx))
	f.want(t, session.Submitted, "")
	if got, want := f.s.Deadline(), f.clk.Now().Add(f.cfg.Session.SubmittedTimeout.D()); !got.Equal(want) {
		t.Errorf("deadline %v, want %v", got, want)
	}
	f.clk.Advance(f.cfg.Session.SubmittedTimeout.D() - time.Millisecond)
	if f.s.Tick() {
		t.Fatal("left the ticket screen early")
	}
	f.clk.Advance(time.Millisecond)
	if !f.s.Tick() {
		t.Fatal("stayed on the ticket screen")
	}
	f.want(t, session.Attract, "")
}

func TestHandsetHangUpEndsBoothVisit(t *testing.T) {
	f := newFixture(t, kiosk.RoleBooth)
	s := f.s
	s.HookUp()
	if v := s.View(); v.State != session.Home || v.Channel != kiosk.ChannelHandset {
		t.Fatalf("hook up: %s on %s", v.State, v.Channel)
	}
	must(t, s.Start(session.FlowOpinion))
	must(t, s.ChooseTopic("renting"))
	s.HookDown()
	f.want(t, session.Attract, "")

	// At the wall there is no handset: a hook event changes nothing.
	w := newFixture(t, kiosk.RoleWall)
	w.s.Wake(kiosk.ChannelTouch)
	w.s.HookDown()
	w.want(t, session.Home, "")
}

func TestLanguage(t *testing.T) {
	f := newFixture(t, kiosk.RoleWall)
	f.s.Wake(kiosk.ChannelTouch)
	must(t, f.s.SetLanguage("en"))
	if err := f.s.SetLanguage("fr"); kiosk.ErrorCode(err) != kiosk.EINVALID {
		t.Fatalf("unsupported language: %v", err)
	}
	if f.s.View().Lang != "en" {
		t.Fatal("language not switched")
	}
	f.s.Done()
	if f.s.View().Lang != "zh" {
		t.Error("the next resident starts in English")
	}
}

func TestSubmitOnFullStoreKeepsResidentOnReview(t *testing.T) {
	ctx := context.Background()
	cfg := testConfig(kiosk.RoleWall)
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "kiosk.db"))
	db.Tickets, _ = kiosk.NewTicketCodec(cfg.Kiosk.Number, cfg.Kiosk.ID)
	db.MaxPages = 40
	must(t, db.Open())
	defer db.Close()
	s := session.New(cfg, db, db)
	for i := 0; ; i++ {
		s.Wake(kiosk.ChannelTouch)
		must(t, s.Start(session.FlowOpinion))
		must(t, s.ChooseTopic("other"))
		must(t, s.Next())
		must(t, s.Next())
		must(t, s.SetText(strings.Repeat("满", 300)))
		must(t, s.Next())
		must(t, s.Next())
		err := s.Submit(ctx)
		if err == nil {
			s.Done()
			continue
		}
		if kiosk.ErrorCode(err) != kiosk.EUNAVAILABLE {
			t.Fatalf("submit %d on a full store: %v", i, err)
		}
		v := s.View()
		if v.State != session.Review || v.Ticket != "" || !strings.Contains(kiosk.PlainMessage(v.Err, "zh"), "暂时不能") {
			t.Fatalf("after a refused submit: %s, ticket %q, err %v", v.State, v.Ticket, v.Err)
		}
		if st, _ := db.Status(ctx); st.Pending != i {
			t.Fatalf("%d pending, want the %d accepted before", st.Pending, i)
		}
		return
	}
}

// TestWrongCodesPerVisit: a visit that typed WrongPerVisit codes found
// nowhere looks up no more, a right code included; the next visit can.
func TestWrongCodesPerVisit(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, kiosk.RoleWall)
	s := f.s
	s.Wake(kiosk.ChannelTouch)
	must(t, s.Start(session.FlowRating))
	must(t, s.ChooseService("station"))
	must(t, s.Next())
	must(t, s.ChooseRating(kiosk.RatingSatisfied))
	must(t, s.Next())
	must(t, s.Submit(ctx))
	ticket := s.View().Ticket
	s.Done()

	s.Wake(kiosk.ChannelTouch)
	must(t, s.Start(session.FlowLookup))
	guess, _ := kiosk.NewTicketCodec(12, "guess")
	for i := range int64(f.cfg.Lookup.WrongPerVisit) {
		if err := s.LookUp(ctx, guess.Code(500+i)); kiosk.ErrorCode(err) != kiosk.ENOTFOUND {
			t.Fatalf("wrong code %d: %v", i, err)
		}
	}
	err := s.LookUp(ctx, ticket)
	if kiosk.ErrorCode(err) != kiosk.ELIMITED {
		t.Fatalf("after %d wrong codes, the right one: %v", f.cfg.Lookup.WrongPerVisit, err)
	}
	if v := s.View(); kiosk.ErrorCode(v.Err) != kiosk.ELIMITED || v.Lookup != nil {
		t.Errorf("view after the refusal: %+v", v)
	}
	s.Done()
	s.Wake(kiosk.ChannelTouch)
	must(t, s.Start(session.FlowLookup))
	must(t, s.LookUp(ctx, ticket))
}
