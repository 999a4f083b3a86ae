package display_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"opinionwall/display"
	"opinionwall/kiosk"
	"opinionwall/kiosk/session"
	"opinionwall/kiosk/sqlite"
)

type clock struct{ t time.Time }

func (c *clock) Now() time.Time          { return c.t }
func (c *clock) Advance(d time.Duration) { c.t = c.t.Add(d) }

type fixture struct {
	t   *testing.T
	app fyne.App
	win fyne.Window
	k   *display.Kiosk
	s   *session.Session
	db  *sqlite.DB
	clk *clock
	cfg *kiosk.Config
}

func newFixture(t *testing.T, maxPages int) *fixture {
	t.Helper()
	cfg := kiosk.Defaults()
	cfg.Kiosk.ID, cfg.Kiosk.Number, cfg.Kiosk.AdminPIN = "wall-01", 12, "480731"
	cfg.Streets = []kiosk.Street{{Name: "大和路", Buildings: []string{"1栋", "3栋", "12栋"}}, {Name: "二巷"}}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	clk := &clock{t: time.Date(2026, 11, 29, 10, 0, 0, 0, time.Local)}
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "kiosk.db"))
	db.Tickets, _ = kiosk.NewTicketCodec(12, "wall-01")
	db.Now, db.MaxPages = clk.Now, maxPages
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	s := session.New(&cfg, db, db)
	s.Now = clk.Now
	a := test.NewTempApp(t)
	w := a.NewWindow("kiosk")
	w.Resize(fyne.NewSize(1280, 800))
	k := display.New(a, w, display.Deps{Session: s, Config: &cfg, Snapshots: db, Now: clk.Now,
		Admin: func(ctx context.Context) []display.AdminLine {
			return []display.AdminLine{{Name: "outbox", Value: "0"}}
		}})
	return &fixture{t: t, app: a, win: w, k: k, s: s, db: db, clk: clk, cfg: &cfg}
}

// objects returns every canvas object in the window, depth first.
func (f *fixture) objects() []fyne.CanvasObject {
	var out []fyne.CanvasObject
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		out = append(out, o)
		switch c := o.(type) {
		case *fyne.Container:
			for _, ch := range c.Objects {
				walk(ch)
			}
		case *container.Scroll:
			walk(c.Content)
		}
	}
	walk(f.win.Content())
	return out
}

// tap taps the button (or smiley) whose label is text; it fails when there
// is none, or the button is disabled.
func (f *fixture) tap(text string) {
	f.t.Helper()
	for _, o := range f.objects() {
		switch b := o.(type) {
		case *widget.Button:
			if b.Text == text {
				if b.Disabled() {
					f.t.Fatalf("button %q is disabled", text)
				}
				test.Tap(b)
				return
			}
		case *widget.Check:
			if b.Text == text {
				test.Tap(b)
				return
			}
		case fyne.Tappable:
			if l, ok := o.(interface{ TapLabel() string }); ok && l.TapLabel() == text {
				b.Tapped(&fyne.PointEvent{})
				return
			}
		}
	}
	f.t.Fatalf("no button %q on screen:\n%s", text, f.texts())
}

// has reports whether some label or button on screen contains text.
func (f *fixture) has(text string) bool { return strings.Contains(f.texts(), text) }

// texts is every text on screen, one a line.
func (f *fixture) texts() string {
	var b strings.Builder
	for _, o := range f.objects() {
		switch w := o.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *canvas.Text:
			b.WriteString(w.Text + "\n")
		case *widget.Button:
			b.WriteString("[" + w.Text + "]\n")
		case *widget.Check:
			b.WriteString("[ ] " + w.Text + "\n")
		case interface{ TapLabel() string }:
			b.WriteString("(" + w.TapLabel() + ")\n")
		}
	}
	return b.String()
}

func (f *fixture) want(text string) {
	f.t.Helper()
	if !f.has(text) {
		f.t.Fatalf("%q not on screen:\n%s", text, f.texts())
	}
}

func (f *fixture) stored() []kiosk.Submission {
	f.t.Helper()
	st, _ := f.db.Status(context.Background())
	var out []kiosk.Submission
	for seq := int64(1); seq <= st.LastSeq; seq++ {
		s, err := f.db.Submission(context.Background(), seq)
		if err != nil {
			f.t.Fatal(err)
		}
		out = append(out, *s)
	}
	return out
}

// tapCorner taps the hidden admin corner.
func (f *fixture) tapCorner() {
	f.t.Helper()
	for _, o := range f.objects() {
		if c, ok := o.(interface{ OpensAdmin() }); ok {
			o.(fyne.Tappable).Tapped(&fyne.PointEvent{})
			_ = c
			return
		}
	}
	f.t.Fatal("no admin corner")
}
