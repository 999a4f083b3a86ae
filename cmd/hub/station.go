package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"opinionwall/display/station"
	"opinionwall/hub"
	"opinionwall/hub/charts"
	"opinionwall/hub/ledger"
	hubsqlite "opinionwall/hub/sqlite"
	"opinionwall/kiosk"
	"opinionwall/voice/playback"
)

// loadChecklist reads DATA/checklist.json, writing the default there first
// if there is none (the station edits that file), and returns it parsed
// and as read.
func loadChecklist(data string) (*hub.Checklist, []byte, error) {
	path := filepath.Join(data, "checklist.json")
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		b = hub.DefaultChecklist()
		if err := os.MkdirAll(data, hubsqlite.DirMode); err != nil {
			return nil, nil, err
		}
		if err := os.WriteFile(path, b, hubsqlite.FileMode); err != nil {
			return nil, nil, fmt.Errorf("checklist: %w", err)
		}
	} else if err != nil {
		return nil, nil, fmt.Errorf("checklist: %w", err)
	}
	cl, err := hub.ParseChecklist(b)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return cl, b, nil
}

// reviewDesk is what the review app and its exports work on: the Desk in
// the service's own process, or a client of the service's local API
// (hub/deskapi) in `hub app`.
type reviewDesk interface {
	station.Desk
	EachCase(ctx context.Context, w hub.Worker, f hub.Filter, fn func(hub.Case) error) error
	ItemChanges(ctx context.Context, w hub.Worker, from, to time.Time) ([]hub.ItemChange, error)
}

// desk is the review app's wiring: the rules (the Desk, or the service's
// through a client), the checklist and the names. In the service, desk
// and db are the store's; in `hub app`, both are nil and api is the
// client.
type desk struct {
	desk          *hub.Desk
	api           reviewDesk
	checklist     *hub.Checklist
	checklistJSON []byte // as the station's file has it, for the API's clients
	catalog       *hub.Catalog
	db            *hubsqlite.DB
	lang          station.Lang // the screens' language; "" is Chinese
	player        *playback.Player
	voicePack     *station.VoicePack // the 语音包 screen's wiring (hub app); nil hides it
}

func newDesk(data string, db *hubsqlite.DB) (*desk, error) {
	cl, raw, err := loadChecklist(data)
	if err != nil {
		return nil, err
	}
	d := &hub.Desk{Store: db, Settings: db, Lockouts: db, Checklist: cl, Now: time.Now, Delib: db, Voice: db}
	return &desk{desk: d, api: d, checklist: cl, checklistJSON: raw, catalog: hub.NewCatalog(kiosk.Defaults()), db: db, player: &playback.Player{}}, nil
}

// chartOptions word the charts in the screens' language against the targets.
func (s *desk) chartOptions(tg hub.Targets) charts.Options {
	lang := s.language()
	return charts.Options{Text: station.Texts(lang), Targets: tg,
		Name: func(id string) string { return s.catalog.NameIn(id, string(lang)) }}
}

// language is the screens' language.
func (s *desk) language() station.Lang {
	if s.lang == "" {
		return station.LangZh
	}
	return s.lang
}

// deps returns what the screens need.
func (s *desk) deps(exportDir string) station.Deps {
	return station.Deps{
		Desk: s.api, Checklist: s.checklist, Catalog: s.catalog, ExportDir: exportDir, Lang: s.lang,
		Charts: func(st hub.Stats, tg hub.Targets) ([]hub.Chart, error) { return charts.Draw(st, s.chartOptions(tg)) },
		Ledger: s.workerLedger, Report: s.workerReport, ItemsList: ledger.WriteItems,
		Voice: speaker{s.player}, VoicePack: s.voicePack,
	}
}

// workerLedger writes the work ledger of the cases as the worker me may
// see them (the review app's export).
func (s *desk) workerLedger(ctx context.Context, me hub.Worker, w io.Writer, format string, f hub.Filter) (int, error) {
	return s.ledger(ctx, deskCases{s.api, me}, w, format, f)
}

// ledger writes the work ledger of the cases src gives, with the
// station's names.
func (s *desk) ledger(ctx context.Context, src ledger.Source, w io.Writer, format string, f hub.Filter) (int, error) {
	ws, err := s.api.Roster(ctx)
	if err != nil {
		return 0, err
	}
	names := ledger.Names{Catalog: s.catalog, Checklist: s.checklist, Workers: map[string]string{}}
	for _, w := range ws {
		names.Workers[w.ID] = w.Name
	}
	return ledger.Write(ctx, w, format, src, f, names)
}

// deskCases are the cases as a worker may see them (ledger.Source).
type deskCases struct {
	desk reviewDesk
	me   hub.Worker
}

func (c deskCases) EachCase(ctx context.Context, f hub.Filter, fn func(hub.Case) error) error {
	return c.desk.EachCase(ctx, c.me, f, fn)
}

// showWindow runs the review app until the window closes or ctx ends; it
// must run on the main goroutine.
func (s *desk) showWindow(ctx context.Context, cancel context.CancelFunc, exportDir string, log *slog.Logger) {
	a := app.NewWithID("opinionwall.hub")
	a.Settings().SetTheme(station.Theme{})
	w := a.NewWindow("意见墙 · 社区工作站 Opinion Wall station")
	w.Resize(fyne.NewSize(1366, 768)) // the most common office screen: every screen fits it
	st := station.New(w, s.deps(exportDir))
	if dir := os.Getenv("OW_SMOKE_TOUR"); dir != "" {
		go s.tour(ctx, w, st, dir, os.Getenv("OW_SMOKE_LOGIN"), log)
	}
	go func() {
		t := time.NewTicker(15 * time.Second)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				fyne.Do(a.Quit)
				return
			case <-t.C:
				fyne.Do(st.Tick)
			}
		}
	}()
	log.Info("review app open")
	w.ShowAndRun()
	cancel()
}

// tour walks the review app through its screens for the smoke test
// (OW_SMOKE_TOUR=DIR, OW_SMOKE_LOGIN=id:pin): at each screen it writes
// DIR/NN-name.ready and waits for the script to screenshot the real window
// and write DIR/NN-name.done.
func (s *desk) tour(ctx context.Context, w fyne.Window, st *station.App, dir, login string, log *slog.Logger) {
	id, pin, _ := strings.Cut(login, ":")
	dismiss := func() { // the dialog on top, as its cancel button would
		if top := w.Canvas().Overlays().Top(); top != nil {
			w.Canvas().Overlays().Remove(top)
		}
	}
	type step struct {
		name string
		do   func()
	}
	steps := []step{
		{"login", func() {}},
		{"inbox", func() {
			if err := st.LogIn(id, pin); err != nil {
				log.Error("smoke tour: log in", "err", err)
			}
		}},
		{"case", func() {
			in, err := s.api.Inbox(ctx, st.Me(), hub.Filter{Status: kiosk.StatusReplied})
			if err == nil && len(in.Cases) > 0 {
				st.OpenCase(in.Cases[0].ID)
			}
		}},
		{"case-close", st.CloseCase},
		{"templates", func() { dismiss(); st.EditTemplates() }},
		{"polls", func() { dismiss(); st.Show(station.TabPolls) }},
		{"stats", func() { st.Show(station.TabStats) }},
		{"fleet", func() { st.Show(station.TabFleet) }},
		{"report", func() {
			st.Show(station.TabStats)
			from, _ := hub.MonthOf(time.Now().AddDate(0, -1, 0))
			if paths, err := st.MakeReport(from); err != nil {
				log.Error("smoke tour: report", "err", err)
			} else {
				log.Info("smoke tour: report", "files", strings.Join(paths, " "))
			}
		}},
		{"items", func() { st.Show(station.TabItems) }},
		{"targets", func() { st.Show(station.TabStats); st.OpenTargets() }},
		{"referrals", func() { st.Show(station.TabItems); st.OpenReferrals() }},
		{"voice", func() { st.Show(station.TabInbox); s.openNewest(ctx, st, kiosk.KindVoice, true) }},
		{"voice-untold", func() { s.openNewest(ctx, st, kiosk.KindVoice, false) }},
	}
	if s.voicePack != nil && s.voicePack.NoMic == "" { // the 语音包 screen: a take, listened to, kept, sent
		steps = append(steps, step{"voicepack", func() { st.Show(station.TabVoicePack) }},
			step{"voicepack-recording", func() { st.RecordPrompt(0) }}, step{"voicepack-taken", func() { st.RecordPrompt(0) }},
			step{"voicepack-kept", st.KeepTake}, step{"voicepack-sent", st.SendVoicePack})
	}
	// how long a screen changes on its own before its screenshot: the
	// meter moving, the take ending
	settle := map[string]time.Duration{"voicepack-recording": 1500 * time.Millisecond, "voicepack-taken": time.Second}
	for i, step := range steps {
		fyne.DoAndWait(step.do)
		time.Sleep(settle[step.name])
		name := filepath.Join(dir, fmt.Sprintf("%02d-%s", i+1, step.name))
		if err := os.WriteFile(name+".ready", nil, 0o644); err != nil {
			log.Error("smoke tour", "err", err)
			return
		}
		for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(50 * time.Millisecond) {
			if _, err := os.Stat(name + ".done"); err == nil {
				break
			}
			if time.Now().After(deadline) || ctx.Err() != nil {
				log.Error("smoke tour: no screenshot taken", "step", step.name)
				return
			}
		}
	}
}
