package station_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"opinionwall/display/displaytest"
	"opinionwall/display/station"
	"opinionwall/hub"
	"opinionwall/hub/charts"
	"opinionwall/hub/ledger"
	hubsqlite "opinionwall/hub/sqlite"
	"opinionwall/kiosk"
	"opinionwall/mqtt"
	"opinionwall/mqtt/broker"
	"opinionwall/mqtt/hubside"
)

// stationWorld is a station with its broker, ingest and downlink, and
// one kiosk (the resident fixture) relaying to it.
type stationWorld struct {
	hubDB  *hubsqlite.DB
	desk   *hub.Desk
	st     *station.App
	ui     displaytest.Screen
	player *fakePlayer // plays voice cases (voice_test.go)
}

func newStationWorld(t *testing.T, f *displaytest.Kiosk) *stationWorld {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	creds := &mqtt.Credentials{}
	for _, u := range []string{mqtt.UserHub, "wall-01"} {
		creds.Set(u, "pw-"+u)
	}
	b := &broker.Broker{Addr: "127.0.0.1:0", Credentials: creds}
	if err := b.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	url := "tcp://" + b.ListenAddr()
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	signer := mqtt.NewSigner(priv)

	w := &stationWorld{hubDB: hubsqlite.NewDB(filepath.Join(t.TempDir(), "hub.db"))}
	if err := w.hubDB.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.hubDB.Close() })
	in := &hubside.Ingest{Conn: mqtt.Conn{Broker: url, Username: mqtt.UserHub, Password: "pw-hub"}, Store: w.hubDB, Signer: signer}
	cl, _ := hub.ParseChecklist(hub.DefaultChecklist())
	w.desk = &hub.Desk{Store: w.hubDB, Settings: w.hubDB, Checklist: cl, Now: time.Now, Delib: w.hubDB}
	dl := &hubside.Downlink{Ingest: in, Store: w.hubDB, Signer: signer, Interval: 50 * time.Millisecond}
	w.desk.Notify = dl.Wake
	in.OnOnline = dl.KioskOnline
	w.desk.Voice = w.hubDB
	voices := &hubside.Voices{Ingest: in, Store: w.hubDB, Signer: signer}
	in.OnVoice = voices.Offer
	if err := voices.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { voices.Close() })
	if err := in.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { in.Close() })
	if err := dl.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dl.Close() })

	relay := &mqtt.Relay{Conn: mqtt.Conn{Broker: url, Username: "wall-01", Password: "pw-wall-01"}, Kiosk: "wall-01",
		Outbox: f.DB, Downstream: f.DB, Voice: f.DB, Trust: mqtt.NewTrust().Add(mqtt.RoleHub, pub), MinBackoff: 50 * time.Millisecond}
	if err := relay.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { relay.Close() })

	for _, wk := range []hub.Worker{{ID: "zhang", Name: "张丽", Role: hub.RoleLead}, {ID: "wang", Name: "王刚", Role: hub.RoleWorker}} {
		wk.PINHash, _ = hub.HashPIN("246813")
		if err := w.hubDB.PutWorker(ctx, wk); err != nil {
			t.Fatal(err)
		}
	}
	w.hubDB.SetBuilding(ctx, "12栋", "wang")
	cat := hub.NewCatalog(kiosk.Defaults())
	win := f.App.NewWindow("station")
	win.Resize(fyne.NewSize(1400, 900))
	w.player = &fakePlayer{}
	w.st = station.New(win, station.Deps{Desk: w.desk, Catalog: cat, ExportDir: t.TempDir(), ItemsList: ledger.WriteItems, Voice: w.player,
		Charts: func(s hub.Stats, tg hub.Targets) ([]hub.Chart, error) {
			return charts.Draw(s, charts.Options{Text: station.Texts(station.LangZh), Name: cat.Name, Targets: tg})
		},
		Ledger: func(ctx context.Context, me hub.Worker, wr io.Writer, format string, fl hub.Filter) (int, error) {
			return ledger.Write(ctx, wr, format, deskCases{w.desk, me}, fl, ledger.Names{Catalog: cat, Checklist: cl})
		}})
	w.ui = displaytest.Screen{T: t, Win: win}
	return w
}

// deskCases are the cases as a worker may see them, for the ledger.
type deskCases struct {
	desk *hub.Desk
	me   hub.Worker
}

func (c deskCases) EachCase(ctx context.Context, f hub.Filter, fn func(hub.Case) error) error {
	return c.desk.EachCase(ctx, c.me, f, fn)
}

// waitFor polls cond; the timeout only keeps a broken test from hanging.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestTriageReplyPublishReachesKiosk: a resident's opinion reaches the
// station; a worker logs in, triages, assigns, replies and publishes it to
// the wall through the screens; the signed ticket update and wall snapshot
// reach the kiosk through the broker and show on its ticket and wall screens.
func TestTriageReplyPublishReachesKiosk(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	w := newStationWorld(t, f)
	ctx := context.Background()
	s := &kiosk.Submission{Kiosk: "wall-01", Kind: kiosk.KindOpinion, CreatedAt: time.Now(), ClockSynced: true,
		Body: kiosk.Body{Topic: "sanitation", Location: &kiosk.Location{Street: "大和路", Building: "12栋"},
			Text: "我住502室，门口垃圾三天没人清理", Lang: "zh", Channel: kiosk.ChannelTouch,
			Contact: &kiosk.Contact{Phone: "13812345678", Consent: true}}}
	var gen kiosk.UUIDGen
	s.ID = gen.New(s.CreatedAt)
	if err := f.DB.Submit(ctx, s); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the opinion at the hub", func() bool { ok, _ := w.hubDB.Has(ctx, s.ID); return ok })

	u := w.ui
	// A wrong PIN, then the right one.
	u.Choose("王刚")
	u.Entry("PIN").SetText("1111")
	u.Tap("登录")
	u.Want("登录：姓名或 PIN 不对")
	u.Choose("王刚")
	u.Entry("PIN").SetText("246813")
	u.Tap("登录")
	u.Want("王刚（社工/网格员）")

	// The inbox shows it among the open cases, counted in each select; open it.
	u.Want("待办 (1)")
	u.Want("<全部话题 (1)>")
	w.st.SetFilter(hub.Filter{Status: hub.StatusOpen, Topic: "sanitation"})
	u.Want("<环境卫生 (1)>")
	w.st.SetFilter(hub.Filter{Status: hub.StatusOpen, Topic: "renting"})
	u.Want("<房屋租赁 (0)>")
	u.Want("待办 (0)")
	w.st.SetFilter(hub.Filter{Status: hub.StatusOpen})
	u.List().Select(0)
	u.Want("门口垃圾三天没人清理")
	u.Want("13812345678")               // a grid worker may see the contact
	u.Want("<王刚 · 社工/网格员 · 待办 0 · 包楼>") // the building's worker first, chosen

	choose(u, "选择分流", "小事")
	choose(u, "选择事项", "垃圾清运")
	u.Tap("分类")
	u.Want("分流 小事 垃圾清运")
	u.Want("· 王刚 · 分类（已收到 → 已分类） 小事") // the history in words, not the audit's codes
	u.Tap("指派")                       // the building's worker is preselected
	u.Tap("开始办理")
	w.st.ReplyEntry().SetText("已安排保洁员明早清运，谢谢反映。")
	u.Entry("英文回复").SetText("Cleaners will collect it tomorrow morning.")
	u.Tap("发送回复")
	u.Want("已安排保洁员明早清运")
	// A worker may not publish: the lead does.
	u.Tap("上墙")
	u.Want("上墙：无权限（社工/网格员不能做这一步）") // a refusal, not invalid input

	u.Tap("退出")
	u.Choose("张丽")
	u.Entry("PIN").SetText("246813")
	u.Tap("登录")
	w.st.SetFilter(hub.Filter{Status: kiosk.StatusReplied})
	u.List().Select(0)
	if got := u.Entry("上墙的问题").Text; got != "我住***室，门口垃圾三天没人清理" {
		t.Fatalf("moderated copy %q", got)
	}
	u.Tap("上墙")
	u.Want("已上墙")
	c, _, _ := w.hubDB.Case(ctx, s.ID)
	hist, _ := w.hubDB.History(ctx, s.ID)
	if len(hist) != 5 || hist[4].Worker != "zhang" || hist[4].Action != hub.ActPublish || c.Status != kiosk.StatusReplied {
		t.Fatalf("audit %+v", hist)
	}

	// The kiosk got the signed ticket update and the wall.
	waitFor(t, "the reply at the kiosk", func() bool {
		up, err := f.DB.LookupTicket(ctx, s.Ticket)
		return err == nil && up.Status == kiosk.StatusReplied
	})
	waitFor(t, "the wall at the kiosk", func() bool {
		wall, _ := f.DB.Wall(ctx)
		return len(wall.Items) == 1
	})
	f.K.Refresh()
	f.Tap("点我说两句")
	f.Tap("查回复")
	for _, d := range s.Ticket {
		f.Tap(string(d))
	}
	f.Tap("查询")
	f.Want("工作站已回复")
	f.Want("工作站的回复")
	f.Want("已安排保洁员明早清运，谢谢反映。")
	f.Tap("首页")
	f.Tap("看回复墙")
	f.Want("我住***室，门口垃圾三天没人清理")
	if f.Has("502") || f.Has("13812345678") {
		t.Fatalf("personal data on the public wall:\n%s", f.Texts())
	}
}

func TestVolunteerSeesNoContactAndExports(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	w := newStationWorld(t, f)
	ctx := context.Background()
	vol := hub.Worker{ID: "li", Name: "李敏", Role: hub.RoleVolunteer}
	vol.PINHash, _ = hub.HashPIN("135792")
	w.hubDB.PutWorker(ctx, vol)
	var gen kiosk.UUIDGen
	for i, text := range []string{"路灯坏了", "=1+1 楼道很暗"} {
		s := &kiosk.Submission{Kiosk: "wall-01", Kind: kiosk.KindOpinion, CreatedAt: time.Now(), ClockSynced: true,
			Body: kiosk.Body{Topic: "infrastructure", Text: text, Lang: "zh", Channel: kiosk.ChannelTouch,
				Contact: &kiosk.Contact{Phone: "13912345678", Consent: true}}}
		s.ID = gen.New(s.CreatedAt.Add(time.Duration(i) * time.Millisecond))
		s.Body.Visit = s.ID // three residents: one vote a visit
		if err := f.DB.Submit(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "two cases", func() bool { n, _, _ := w.hubDB.Count(ctx); return n == 2 })
	if err := w.st.LogIn("li", "135792"); err != nil {
		t.Fatal(err)
	}
	u := w.ui
	u.List().Select(1)
	u.Want("路灯坏了")
	if strings.Contains(u.Texts(), "13912345678") {
		t.Fatal("a volunteer sees the resident's phone")
	}
	u.Want("仅社工和站长可见")

	path, n, err := w.st.ExportLedger("csv")
	if err != nil || n != 2 {
		t.Fatalf("export: %d %v", n, err)
	}
	b, _ := os.ReadFile(path)
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\ufeff"))).ReadAll()
	if err != nil || len(rows) != 3 || strings.Contains(string(b), "13912345678") {
		t.Fatalf("ledger %v %v", rows, err)
	}
	w.st.Show(station.TabStats)
	u.Tap("更新")
	paths, err := w.st.ExportCharts()
	if err != nil || len(paths) != 5 {
		t.Fatalf("charts %v %v", paths, err)
	}
	for _, p := range append(paths, path) {
		if st, err := os.Stat(p); err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v, mode %v; exports are the owner's only (0600)", p, err, st.Mode().Perm())
		}
	}
}

// TestInboxTickShowsNewSubmissions: a submission arriving while the inbox
// is open appears at the next tick, and the open case stays open.
func TestInboxTickShowsNewSubmissions(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	w := newStationWorld(t, f)
	ctx := context.Background()
	var gen kiosk.UUIDGen
	submit := func(text string) *kiosk.Submission {
		s := &kiosk.Submission{Kiosk: "wall-01", Kind: kiosk.KindOpinion, CreatedAt: time.Now(), ClockSynced: true,
			Body: kiosk.Body{Topic: "sanitation", Text: text, Lang: "zh", Channel: kiosk.ChannelTouch}}
		s.ID = gen.New(s.CreatedAt)
		if err := f.DB.Submit(ctx, s); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "the opinion at the hub", func() bool { ok, _ := w.hubDB.Has(ctx, s.ID); return ok })
		return s
	}
	submit("第一条")
	if err := w.st.LogIn("wang", "246813"); err != nil {
		t.Fatal(err)
	}
	u := w.ui
	u.Want("待办 (1)")
	u.List().Select(0)
	u.Want("第一条")
	submit("第二条")
	u.Want("待办 (1)")
	w.st.Tick()
	u.Want("待办 (2)")
	u.Want("第一条") // the case pane still shows the case being read
}

// TestFleetScreen: the fleet tab lists the kiosk, online, with what its
// telemetry says, and the alerts.
func TestFleetScreen(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	w := newStationWorld(t, f)
	ctx := context.Background()
	hot := 61.0
	raw, _ := json.Marshal(kiosk.Telemetry{OutboxPending: 3, OldestPendingS: 120, ClockSynced: true, DiskFreeBytes: 8 << 30,
		ConfigVersion: 4, Screen: "dim", TempC: &hot})
	if err := w.hubDB.Apply(ctx, hub.Batch{Telemetry: []hub.TelemetryReport{{Kiosk: "wall-01", At: time.Now(), Raw: raw}}}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the kiosk online", func() bool {
		ks, _ := w.hubDB.Kiosks(ctx)
		return len(ks) == 1 && ks[0].State == "online"
	})
	if err := w.st.LogIn("wang", "246813"); err != nil {
		t.Fatal(err)
	}
	w.st.Show(station.TabFleet)
	rows := w.st.FleetRows()
	if len(rows) != 2 {
		t.Fatalf("rows %q", rows)
	}
	got := strings.Join(rows[1], "|")
	for _, want := range []string{"wall-01|在线|机箱过热|", "|3|2分钟|", "箱 61°", "|调暗|4"} {
		if !strings.Contains(got, want) {
			t.Errorf("fleet row %q lacks %q", got, want)
		}
	}
	w.ui.Want("wall-01：机箱温度 61.0 °C")
}

// TestPollThroughTheScreens: a lead writes a poll, publishes it, a kiosk
// gets it and a resident's vote is tallied live, probable play apart; the
// lead closes it and publishes the results, which reach the kiosk.
func TestPollThroughTheScreens(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	w := newStationWorld(t, f)
	ctx := context.Background()
	if err := w.st.LogIn("zhang", "246813"); err != nil {
		t.Fatal(err)
	}
	u := w.ui
	w.st.Show(station.TabPolls)
	u.Entry("议题（中文）").SetText("村口空地做什么")
	u.Entry("议题（英文").SetText("The square")
	u.Entry("选项（中文）").SetText("篮球场\n儿童乐园")
	u.Entry("选项（英文").SetText("Basketball\nPlayground")
	now := time.Now()
	u.Entry("开始时间").SetText(now.Add(-time.Minute).Format("2006-01-02 15:04"))
	u.Tap("保存草稿")
	u.Want("村口空地做什么 · 草稿")
	u.Tap("发布到设备")
	u.Want("村口空地做什么 · 草稿") // nothing happens before the lead confirms
	confirm(t, w.ui.Win, "把投票《村口空地做什么》发布到所有设备？")
	u.Want("投票中")
	waitFor(t, "the poll at the kiosk", func() bool {
		ps, _ := f.DB.Polls(ctx)
		return len(ps.Polls) == 1 && ps.Polls[0].Title.En == "The square"
	})

	ps, _ := f.DB.Polls(ctx)
	pollID := ps.Polls[0].ID
	var gen kiosk.UUIDGen
	for i, play := range []bool{false, false, true} {
		s := &kiosk.Submission{Kiosk: "wall-01", Kind: kiosk.KindVote, CreatedAt: time.Now(), ClockSynced: true,
			Body: kiosk.Body{PollID: pollID, Option: "o1", Lang: "zh", Channel: kiosk.ChannelTouch}}
		if play {
			s.Body.Flags = []string{kiosk.FlagProbablePlay}
		}
		s.ID = gen.New(s.CreatedAt.Add(time.Duration(i) * time.Millisecond))
		s.Body.Visit = s.ID // three residents: one vote a visit
		if err := f.DB.Submit(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "three votes at the hub", func() bool { n, _, _ := w.hubDB.Count(ctx); return n == 3 })
	w.st.Show(station.TabInbox)
	w.st.Show(station.TabPolls)
	u.Want("有效票 2 · 疑似误触 1")
	u.Want("篮球场：2 票（另有疑似误触 1）")
	u.Tap("结束投票")
	confirm(t, w.ui.Win, "结束投票《村口空地做什么》？\n设备立即停止接受投票")
	u.Tap("公布结果")
	confirm(t, w.ui.Win, "公布到所有设备")
	u.Want("已公布结果")
	waitFor(t, "the results at the kiosk", func() bool {
		ps, _ := f.DB.Polls(ctx)
		return len(ps.Polls) == 1 && ps.Polls[0].Results["o1"] == 2 && ps.Polls[0].Results["o2"] == 0
	})
}

// TestEnglishScreens: with Lang set to English the station speaks only
// English: the log-in, the tabs, a refusal.
func TestEnglishScreens(t *testing.T) {
	f := displaytest.NewKiosk(t, 0)
	w := newStationWorld(t, f)
	win := f.App.NewWindow("station-en")
	win.Resize(fyne.NewSize(1400, 900))
	st := station.New(win, station.Deps{Desk: w.desk, Catalog: hub.NewCatalog(kiosk.Defaults()), Lang: station.LangEn})
	u := displaytest.Screen{T: t, Win: win}
	u.Want("Worker log-in")
	u.Choose("王刚")
	u.Entry("PIN").SetText("1111")
	u.Tap("Log in")
	u.Want("Log in: wrong name or PIN")
	if err := st.LogIn("wang", "246813"); err != nil {
		t.Fatal(err)
	}
	u.Want("王刚 (social or grid worker)")
	u.Want("<Open (0)>")
	st.Show(station.TabPolls)
	u.Entry("Title in Chinese").SetText("村口空地做什么")
	u.Entry("Options in Chinese").SetText("篮球场\n儿童乐园")
	u.Tap("Save draft")
	u.Want("Poll: not allowed (a social or grid worker may not do this)")
	for _, zh := range []string{"收件箱", "退出", "待办", "保存草稿"} {
		if u.Has(zh) {
			t.Errorf("%q on an English screen:\n%s", zh, u.Texts())
		}
	}
}

// choose picks the option containing opt in the select whose placeholder is ph.
func choose(u displaytest.Screen, ph, opt string) {
	u.T.Helper()
	for _, o := range u.Objects() {
		if s, ok := o.(*widget.Select); ok && s.PlaceHolder == ph {
			for _, x := range s.Options {
				if strings.Contains(x, opt) {
					s.SetSelected(x)
					return
				}
			}
		}
	}
	u.T.Fatalf("no select %q offers %q", ph, opt)
}

// confirm checks the confirmation on top says what, and confirms it.
func confirm(t *testing.T, win fyne.Window, what string) {
	t.Helper()
	top := win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no confirmation asked (%q)", what)
	}
	var yes *widget.Button
	said := ""
	for _, o := range test.LaidOutObjects(top) {
		switch x := o.(type) {
		case *widget.Label:
			said += x.Text
		case *widget.Button:
			if x.Text == "确定" || x.Text == "Confirm" {
				yes = x
			}
		}
	}
	if !strings.Contains(said, what) || yes == nil {
		t.Fatalf("the confirmation says %q (want %q), button %v", said, what, yes != nil)
	}
	test.Tap(yes)
}
