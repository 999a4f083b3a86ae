package station_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"opinionwall/display/displaytest"
	"opinionwall/display/station"
	"opinionwall/hardware"
	"opinionwall/hardware/audiotest"
	"opinionwall/hardware/wav"
	"opinionwall/hub"
	"opinionwall/hub/charts"
	hubsqlite "opinionwall/hub/sqlite"
	"opinionwall/kiosk"
	"opinionwall/kiosk/voicepack"
)

// The window sizes the station's screens must fit: the most common
// office screen, and the app's default window.
var windowSizes = []fyne.Size{{Width: 1366, Height: 768}, {Width: 1400, Height: 900}}

// TestScreensFitTheWindow renders every screen of the review app (log-in,
// inbox, a case open with all its forms, a 大事, 小事 and 私事 case with
// their routing row, polls, statistics with the targets unfolded, fleet,
// the 议事 tab with its settings and its referral services unfolded) in
// each language at each window size, and fails when the window's content
// needs more room than the window, an object lies outside the window, a
// text is cut or wrapped narrower than two characters, or a button the
// screen needs is missing or out of view.
func TestScreensFitTheWindow(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(station.Theme{})
	desk, cat, routed := layoutWorld(t)
	for _, lang := range []station.Lang{station.LangZh, station.LangEn} {
		for _, size := range windowSizes {
			t.Run(fmt.Sprintf("%s-%.0fx%.0f", lang, size.Width, size.Height), func(t *testing.T) {
				win := a.NewWindow("station")
				defer win.Close()
				win.Resize(size)
				st := station.New(win, station.Deps{Desk: desk, Catalog: cat, Lang: lang, ExportDir: t.TempDir(),
					Charts: func(s hub.Stats, tg hub.Targets) ([]hub.Chart, error) {
						return charts.Draw(s, charts.Options{Text: station.Texts(lang), Name: cat.Name, Targets: tg})
					},
					Report:    func(context.Context, hub.Worker, time.Time, string) ([]string, error) { return nil, nil },
					Voice:     &fakePlayer{},
					VoicePack: layoutStudio(t)})
				txt := station.Texts(lang)
				need := func(keys ...string) []string {
					var out []string
					for _, k := range keys {
						out = append(out, txt(k))
					}
					return out
				}
				fits(t, win, "log-in", need("login.button"))
				if err := st.LogIn("zhang", "246813"); err != nil {
					t.Fatal(err)
				}
				fits(t, win, "inbox", need("filter", "clear", "prev", "next", "export.csv", "export.xlsx"))
				rows := listTexts(win)
				for _, want := range []string{txt("chip.overdue"), txt("prio.name.2"), txt("status.received"), txt("status.replied"), txt("ago.hour")[3:]} {
					if !strings.Contains(rows, want) {
						t.Errorf("the inbox rows lack %q:\n%s", want, rows)
					}
				}
				if strings.Contains(rows, "!!") || strings.Contains(rows, " ms") {
					t.Errorf("the inbox shows !! or a timing:\n%s", rows)
				}
				displaytest.Screen{T: t, Win: win}.List().Select(0)
				fits(t, win, "case", need("triage", "assign", "start", "send", "publish", "unpublish", "close", "reopen", "duplicate", "na"))
				for _, r := range []struct {
					m    kiosk.Matter
					need []string
				}{{kiosk.MatterBig, need("route.send", "send", "close")}, {kiosk.MatterSmall, need("route.toitem", "send", "close")},
					{kiosk.MatterPrivate, need("route.replyrefer", "send", "close")}} {
					st.OpenCase(routed[r.m])
					fits(t, win, "case routing "+string(r.m), r.need)
				}
				st.OpenCase(routed[kiosk.Matter("voice")])
				fits(t, win, "voice case", need("voice.play", "voice.save", "send", "close"))
				st.OpenCase(routed[kiosk.MatterBig])
				if all := allTexts(win); !strings.Contains(all, txt("route.overdue")) {
					t.Errorf("the big case's pane lacks %q:\n%s", txt("route.overdue"), all)
				}
				st.CloseCase()
				fits(t, win, "close confirmation", need("confirm.yes", "confirm.no"))
				dismiss(win)
				st.EditTemplates()
				fits(t, win, "reply templates", need("tpl.save", "confirm.no"))
				dismiss(win)
				st.Show(station.TabPolls)
				fits(t, win, "polls", need("poll.save", "poll.open", "poll.close"))
				st.Show(station.TabStats)
				displaytest.Screen{T: t, Win: win}.Tap(txt("update"))
				fits(t, win, "statistics", need("update", "export.png", "report.button"))
				st.OpenTargets()
				fits(t, win, "targets", need("update", "tgt.save"))
				st.Show(station.TabFleet)
				fits(t, win, "fleet", nil)
				st.Show(station.TabItems)
				fits(t, win, "deliberation", need("item.find", "item.make", "export.csv", "export.xlsx"))
				st.OpenSettings()
				fits(t, win, "deliberation settings", need("item.find", "item.make", "item.savesettings"))
				st.OpenReferrals()
				fits(t, win, "referral services", need("item.find", "item.make", "ref.add", "ref.save"))
				st.Show(station.TabVoicePack)
				fits(t, win, "voice pack", need("vp.record", "vp.listen", "vp.send")) // 保留 waits for a take
				st.ChoosePrompt(1)                                                    // the menu: the longest words, on two lines
				fits(t, win, "voice pack, the menu", need("vp.record", "vp.send"))
			})
		}
	}
}

// layoutStudio is the 语音包 screen's wiring with the fake sound card and
// the welcome kept (its longest words are the menu's).
func layoutStudio(t *testing.T) *station.VoicePack {
	dir := t.TempDir()
	if err := wav.WriteFile(filepath.Join(dir, "welcome.wav"), hardware.Tone(300, hardware.SampleRate, 0.2)); err != nil {
		t.Fatal(err)
	}
	return &station.VoicePack{Studio: &voicepack.Studio{Audio: audiotest.New(), Dir: dir}, KeyPath: "/media/usb/ops.key",
		NothingHeard: voicepack.ErrNothingHeard, Sign: func(string, int64, string) ([]byte, error) { return nil, nil }}
}

// layoutWorld is a station with cases, polls and a kiosk, as the screens
// show them at their fullest: long texts, a contact, a history, alerts.
func layoutWorld(t *testing.T) (*hub.Desk, *hub.Catalog, map[kiosk.Matter]string) {
	t.Helper()
	ctx := context.Background()
	db := hubsqlite.NewDB(filepath.Join(t.TempDir(), "hub.db"))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	cl, _ := hub.ParseChecklist(hub.DefaultChecklist())
	desk := &hub.Desk{Store: db, Settings: db, Checklist: cl, Now: time.Now, Delib: db}
	for _, wk := range []hub.Worker{{ID: "zhang", Name: "张丽", Role: hub.RoleLead}, {ID: "wang", Name: "王刚", Role: hub.RoleWorker},
		{ID: "li", Name: "李梅", Role: hub.RoleVolunteer}} {
		wk.PINHash, _ = hub.HashPIN("246813")
		if err := db.PutWorker(ctx, wk); err != nil {
			t.Fatal(err)
		}
	}
	db.SetBuilding(ctx, "12栋", "wang")
	codec, _ := kiosk.NewTicketCodec(12, "wall-01")
	now := time.Now()
	long := strings.Repeat("楼道里的灯坏了很久，晚上老人上下楼很不方便，希望尽快修好。", 4)
	var batch []hub.Received
	var gen kiosk.UUIDGen
	for i := int64(1); i <= 30; i++ {
		at := now.Add(-time.Duration(i*7) * time.Hour)
		s := kiosk.Submission{ID: gen.New(at), Kiosk: "wall-01", Seq: i, Kind: kiosk.KindOpinion, Ticket: codec.Code(i), CreatedAt: at,
			ClockSynced: true, Body: kiosk.Body{Topic: []string{"sanitation", "safety", "parking"}[i%3], Text: long, Lang: "zh", Channel: kiosk.ChannelTouch,
				Location: &kiosk.Location{Street: "大和路", Building: "12栋"}, Contact: &kiosk.Contact{Name: "陈先生", Phone: "13812345678", Consent: true}}}
		batch = append(batch, hub.Received{ReceivedAt: at, Submission: s})
	}
	if err := db.Apply(ctx, hub.Batch{Submissions: batch}); err != nil {
		t.Fatal(err)
	}
	lead, err := desk.Login(ctx, "zhang", "246813")
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range batch[:8] { // a few with a priority, a reply and a history, the first among them
		cs, _, _ := db.Case(ctx, c.ID)
		cs, err = desk.Act(ctx, lead, c.ID, cs.Version, hub.Action{Kind: hub.ActTriage, Matter: kiosk.MatterSmall, Item: "", Priority: hub.Priority(i % 3)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := desk.Act(ctx, lead, c.ID, cs.Version, hub.Action{Kind: hub.ActReply, Reply: long, ReplyEn: "We will fix the light this week."}); err != nil {
			t.Fatal(err)
		}
	}
	for i, title := range []string{"村口空地做什么好？篮球场、儿童乐园还是停车位", "楼道加装电梯费用怎么分摊"} {
		p, err := hub.NewPollDraft(hub.PollDraftInput{Title: title, TitleEn: "What should the empty square at the village gate become?",
			Options: "篮球场\n儿童乐园\n停车位", OptionsEn: "A basketball court\nA playground\nParking", Opens: now.Add(-time.Hour),
			Closes: now.AddDate(0, 0, 14)}, "zhang", now.Add(time.Duration(i)*time.Second))
		if err != nil {
			t.Fatal(err)
		}
		if err := desk.CreatePoll(ctx, lead, p); err != nil {
			t.Fatal(err)
		}
		if i == 1 {
			if _, err := desk.PollAct(ctx, lead, p.ID, hub.PollActOpen); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Three cases routed by 三事分流: a 大事 sent to a government body and
	// overdue, a 小事 to make an item of, a 私事 with referrals to offer;
	// and items on the list at their longest.
	routed := map[kiosk.Matter]string{}
	for i, m := range []kiosk.Matter{kiosk.MatterBig, kiosk.MatterSmall, kiosk.MatterPrivate} {
		id := batch[10+i].ID
		cs, _, _ := db.Case(ctx, id)
		cs, err := desk.Act(ctx, lead, id, cs.Version, hub.Action{Kind: hub.ActTriage, Matter: m})
		if err != nil {
			t.Fatal(err)
		}
		if m == kiosk.MatterBig {
			if _, err := desk.Act(ctx, lead, id, cs.Version, hub.Action{Kind: hub.ActRoute,
				Route: hub.Routing{GovBody: "区住房和城乡建设局物业管理科", Due: now.AddDate(0, 0, -3)}}); err != nil {
				t.Fatal(err)
			}
		}
		routed[m] = id
	}
	// A voice message from a booth, its audio whole, with a long summary
	// and transcript (the player's screen).
	desk.Voice = db
	audio := []byte(strings.Repeat("OggS recording ", 100))
	va := kiosk.DescribeAudio(audio, 107*time.Second)
	vs := kiosk.Submission{ID: gen.New(now), Kiosk: "wall-01", Seq: 31, Kind: kiosk.KindVoice, Ticket: codec.Code(31), CreatedAt: now,
		ClockSynced: true, Body: kiosk.Body{Lang: "zh", Channel: kiosk.ChannelHandset, Voice: &va}}
	if err := db.Apply(ctx, hub.Batch{Submissions: []hub.Received{{ReceivedAt: now, Submission: vs}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.PutVoiceChunk(ctx, "wall-01", vs.ID, 0, audio); err != nil {
		t.Fatal(err)
	}
	vc, _, _ := db.Case(ctx, vs.ID)
	if _, err := desk.Act(ctx, lead, vs.ID, vc.Version, hub.Action{Kind: hub.ActTranscribe, Summary: long[:90], Transcript: long}); err != nil {
		t.Fatal(err)
	}
	routed[kiosk.Matter("voice")] = vs.ID
	set, err := desk.Deliberation(ctx, lead)
	if err != nil {
		t.Fatal(err)
	}
	set.Day = kiosk.DeliberationDay{Date: now.AddDate(0, 0, 5).Format("2006-01-02"), From: "09:00", To: "17:00"}
	if err := desk.SetDeliberation(ctx, lead, set); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if _, err := desk.CreateItem(ctx, lead, hub.ItemDraft{Title: "12栋楼道加装声控灯和扶手，方便老人晚上上下楼",
			TitleEn: "Sound-activated lights and handrails in building 12's stairwell", Description: long,
			Cases: []string{batch[20+i].ID}}); err != nil {
			t.Fatal(err)
		}
	}
	hot := 61.0
	raw := fmt.Sprintf(`{"outbox_pending":40,"oldest_pending_s":7200,"disk_free_bytes":1000,"temp_c":%v,"config_error":"bad brightness","counters":{"cpu_temp_mc":85000}}`, hot)
	booth := `{"audio":"ok: playback \"USB Audio Device\", capture \"USB Audio Device\"","voice_pack":"v1764460800 by 张丽, 12 prompts","voice_pack_version":1764460800}`
	if err := db.Apply(ctx, hub.Batch{Telemetry: []hub.TelemetryReport{{Kiosk: "wall-01", At: now.Add(-2 * time.Hour), Raw: []byte(raw)},
		{Kiosk: "booth-01", At: now, Raw: []byte(booth)}}}); err != nil {
		t.Fatal(err)
	}
	return desk, hub.NewCatalog(kiosk.Defaults()), routed
}

// fits checks one screen as the window shows it.
func fits(t *testing.T, win fyne.Window, screen string, need []string) {
	t.Helper()
	size := win.Canvas().Size()
	if m := win.Content().MinSize(); m.Width > size.Width+0.5 || m.Height > size.Height+0.5 {
		t.Errorf("%s: needs %.0f×%.0f, the window is %.0f×%.0f", screen, m.Width, m.Height, size.Width, size.Height)
	}
	l := layoutCheck{t: t, screen: screen, canvas: size, seen: map[string]bool{}, m: fyne.MeasureText("中中", station.Theme{}.Size(fynetheme.SizeNameText), fyne.TextStyle{})}
	whole := rect{0, 0, size.Width, size.Height}
	l.walk(win.Content(), fyne.Position{}, whole, false, false)
	for _, o := range win.Canvas().Overlays().List() { // dialogs
		l.walk(o, fyne.Position{}, whole, false, false)
	}
	for _, b := range need {
		if !l.seen[b] {
			t.Errorf("%s: the button %q is missing or out of view", screen, b)
		}
	}
}

// listTexts is every text drawn in the window's lists, one a line.
func listTexts(win fyne.Window) string {
	var b strings.Builder
	for _, o := range (displaytest.Screen{Win: win}).Objects() {
		if l, ok := o.(*widget.List); ok {
			for _, x := range test.LaidOutObjects(l) {
				if tx, ok := x.(*canvas.Text); ok && x.Visible() {
					b.WriteString(tx.Text + "\n")
				}
			}
		}
	}
	return b.String()
}

// allTexts is every text drawn in the window, one a line.
func allTexts(win fyne.Window) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch x := o.(type) {
		case *canvas.Text:
			b.WriteString(x.Text + "\n")
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(win.Content())
	return b.String()
}

// dismiss closes the dialog on top.
func dismiss(win fyne.Window) {
	if top := win.Canvas().Overlays().Top(); top != nil {
		win.Canvas().Overlays().Remove(top)
	}
}

type rect struct{ x0, y0, x1, y1 float32 }

func (r rect) contains(o rect) bool {
	const eps = 0.5
	return o.x0 >= r.x0-eps && o.y0 >= r.y0-eps && o.x1 <= r.x1+eps && o.y1 <= r.y1+eps
}

func (r rect) intersect(o rect) rect {
	return rect{max(r.x0, o.x0), max(r.y0, o.y0), min(r.x1, o.x1), min(r.y1, o.y1)}
}

func (r rect) empty() bool { return r.x1 <= r.x0 || r.y1 <= r.y0 }

type layoutCheck struct {
	t      *testing.T
	screen string
	canvas fyne.Size
	seen   map[string]bool // buttons wholly in view
	m      fyne.Size       // two characters of text
}

// walk checks o at its absolute position at (its parent's origin), within
// the part of the window that shows it (view); scrolled is true inside a
// scroll (where lying outside the window is being scrolled away), preview
// inside a list (whose rows may end a long text with an ellipsis: the
// case pane shows it whole).
func (l *layoutCheck) walk(o fyne.CanvasObject, at fyne.Position, view rect, scrolled, preview bool) {
	if o == nil || !o.Visible() {
		return
	}
	p := at.Add(o.Position())
	r := rect{p.X, p.Y, p.X + o.Size().Width, p.Y + o.Size().Height}
	whole := rect{0, 0, l.canvas.Width, l.canvas.Height}
	if !scrolled && !whole.contains(r) && o.Size().Width > 0 {
		l.t.Errorf("%s: %T %s lies outside the window at %v", l.screen, o, describe(o), r)
	}
	inView := !view.intersect(r).empty()
	switch x := o.(type) {
	case *canvas.Text:
		if inView && x.Text != "" {
			if strings.HasSuffix(x.Text, "…") && !preview {
				l.t.Errorf("%s: text %q is cut", l.screen, x.Text)
			}
			if x.MinSize().Width > x.Size().Width+1 && !preview {
				l.t.Errorf("%s: text %q is %.0f wide in %.0f", l.screen, x.Text, x.MinSize().Width, x.Size().Width)
			}
		}
	case *widget.Label:
		if x.Wrapping != fyne.TextWrapOff && inView && x.Text != "" && x.Size().Width < l.m.Width {
			l.t.Errorf("%s: label %q wraps in %.0f, less than two characters", l.screen, x.Text, x.Size().Width)
		}
	case *widget.Button:
		if view.contains(r) && whole.contains(r) && !x.Disabled() {
			l.seen[x.Text] = true
		}
	case *widget.List:
		preview = true
	case *container.Scroll:
		view, scrolled = view.intersect(r), true
	}
	var children []fyne.CanvasObject
	switch x := o.(type) {
	case *fyne.Container:
		children = x.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(x).Objects()
	}
	for _, c := range children {
		l.walk(c, p, view, scrolled, preview)
	}
}

func describe(o fyne.CanvasObject) string {
	switch x := o.(type) {
	case *widget.Label:
		return fmt.Sprintf("%q", x.Text)
	case *widget.Button:
		return fmt.Sprintf("%q", x.Text)
	case *canvas.Text:
		return fmt.Sprintf("%q", x.Text)
	case *widget.Entry:
		return fmt.Sprintf("(%s)", x.PlaceHolder)
	}
	return ""
}
