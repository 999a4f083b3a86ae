package displaytest

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"opinionwall/display"
	"opinionwall/display/pinyin/words"
	"opinionwall/kiosk"
	"opinionwall/kiosk/session"
	"opinionwall/kiosk/sqlite"
)

// Clock is a settable clock for the session and the store.
type Clock struct{ T time.Time }

// Now returns the clock's time.
func (c *Clock) Now() time.Time { return c.T }

// Advance moves the clock on by d.
func (c *Clock) Advance(d time.Duration) { c.T = c.T.Add(d) }

// Kiosk is the resident screens of kiosk wall-01 (number 12) in a
// 1280×800 test window, on a real SQLite store, at a fake clock.
type Kiosk struct {
	Screen
	App fyne.App
	K   *display.Kiosk
	S   *session.Session
	DB  *sqlite.DB
	Clk *Clock
	Cfg *kiosk.Config
	// Lookup finds the codes typed: this kiosk's in DB; set its Station to
	// look up other kiosks' codes.
	Lookup *kiosk.Lookup
}

// NewKiosk opens the store (maxPages limits its size; 0 leaves it
// unlimited) and shows the attract screen; opts may change the screens'
// dependencies (a handwriting recogniser). Everything closes with t.
func NewKiosk(t *testing.T, maxPages int, opts ...func(*display.Deps)) *Kiosk {
	t.Helper()
	cfg := kiosk.Defaults()
	cfg.Kiosk.ID, cfg.Kiosk.Number, cfg.Kiosk.AdminPIN = "wall-01", 12, "480731"
	cfg.Streets = []kiosk.Street{{Name: "大和路", Buildings: []string{"1栋", "3栋", "12栋"}}, {Name: "二巷"}}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	clk := &Clock{T: time.Date(2026, 11, 29, 10, 0, 0, 0, time.Local)}
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "kiosk.db"))
	db.Tickets, _ = kiosk.NewTicketCodec(12, "wall-01")
	db.Now, db.MaxPages = clk.Now, maxPages
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	look := &kiosk.Lookup{Number: 12, Store: db, Timeout: cfg.Lookup.Timeout.D(), PerMinute: cfg.Lookup.PerMinute,
		WrongPerMinute: cfg.Lookup.WrongPerMinute, WrongPerHour: cfg.Lookup.WrongPerHour, Now: clk.Now}
	s := session.New(&cfg, db, look)
	s.Now = clk.Now
	a := test.NewTempApp(t)
	w := a.NewWindow("kiosk")
	w.Resize(fyne.NewSize(1280, 800))
	d := display.Deps{Session: s, Config: &cfg, Snapshots: db, Now: clk.Now, Words: engine(t, &cfg),
		Admin: func(ctx context.Context) []display.AdminLine {
			return []display.AdminLine{{Name: "outbox", Value: "0"}}
		}}
	for _, o := range opts {
		o(&d)
	}
	k := display.New(a, w, d)
	return &Kiosk{Screen: Screen{T: t, Win: w}, App: a, K: k, S: s, DB: db, Clk: clk, Cfg: &cfg, Lookup: look}
}

var (
	engineOnce sync.Once
	engineAll  *words.Engine
	engineErr  error
)

// engine is the word engine over the test kiosk's vocabulary, loaded once
// for all tests (as the kiosk loads it once at start), and given to the
// kiosk ready: its background loading would race with the test driver.
func engine(t *testing.T, cfg *kiosk.Config) *words.Engine {
	t.Helper()
	engineOnce.Do(func() { engineAll, engineErr = words.New(display.Vocabulary(cfg)) })
	if engineErr != nil {
		t.Fatal(engineErr)
	}
	return engineAll
}

// Stored returns every submission in the store, in seq order.
func (f *Kiosk) Stored() []kiosk.Submission {
	f.T.Helper()
	st, _ := f.DB.Status(context.Background())
	var out []kiosk.Submission
	for seq := int64(1); seq <= st.LastSeq; seq++ {
		s, err := f.DB.Submission(context.Background(), seq)
		if err != nil {
			f.T.Fatal(err)
		}
		out = append(out, *s)
	}
	return out
}

// TapCorner taps the hidden admin corner.
func (f *Kiosk) TapCorner() {
	f.T.Helper()
	for _, o := range f.Objects() {
		if _, ok := o.(interface{ OpensAdmin() }); ok {
			o.(fyne.Tappable).Tapped(&fyne.PointEvent{})
			return
		}
	}
	f.T.Fatal("no admin corner")
}
