package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"opinionwall/display/station"
	"opinionwall/hub"
	"opinionwall/hub/charts"
	"opinionwall/hub/report"
	"opinionwall/kiosk"
)

// reportSource is where a monthly report's figures come from: the whole
// store (the administrator's command) or the Desk as a worker sees it
// (the statistics tab's button).
type reportSource interface {
	Stats(ctx context.Context, from, to time.Time) (hub.Stats, error)
	EachCase(ctx context.Context, f hub.Filter, fn func(hub.Case) error) error
	Targets(ctx context.Context) (hub.Targets, error)
	ItemChanges(ctx context.Context, from, to time.Time) ([]hub.ItemChange, error)
}

// storeSource is the whole store, targets over their defaults.
type storeSource struct{ *desk }

func (s storeSource) Stats(ctx context.Context, from, to time.Time) (hub.Stats, error) {
	return s.db.Stats(ctx, from, to)
}

func (s storeSource) EachCase(ctx context.Context, f hub.Filter, fn func(hub.Case) error) error {
	return s.db.EachCase(ctx, f, fn)
}

func (s storeSource) Targets(ctx context.Context) (hub.Targets, error) {
	set, err := s.db.Targets(ctx)
	out := hub.DefaultTargets()
	for m, t := range set {
		out[m] = t
	}
	return out, err
}

func (s storeSource) ItemChanges(ctx context.Context, from, to time.Time) ([]hub.ItemChange, error) {
	return s.db.ItemChanges(ctx, from, to)
}

// workerSource is the Desk as the worker me may see it.
type workerSource struct {
	d  reviewDesk
	me hub.Worker
}

func (s workerSource) ItemChanges(ctx context.Context, from, to time.Time) ([]hub.ItemChange, error) {
	return s.d.ItemChanges(ctx, s.me, from, to)
}

func (s workerSource) Stats(ctx context.Context, from, to time.Time) (hub.Stats, error) {
	return s.d.Stats(ctx, s.me, from, to)
}

func (s workerSource) EachCase(ctx context.Context, f hub.Filter, fn func(hub.Case) error) error {
	return s.d.EachCase(ctx, s.me, f, fn)
}

func (s workerSource) Targets(ctx context.Context) (hub.Targets, error) {
	return s.d.Targets(ctx, s.me)
}

// deliberationChanges lists the deliberation list's changes in [from, to),
// one line each in the report's language: the items that changed stage
// (new on the list, put to the vote, adopted or not, started, done), each
// with its number and title, oldest first; a line saying so when none did.
func (s *desk) deliberationChanges(ctx context.Context, src reportSource, from, to time.Time) ([]string, error) {
	changes, err := src.ItemChanges(ctx, from, to)
	if err != nil {
		return nil, err
	}
	lang := s.language()
	t := station.Texts(lang)
	out := []string{}
	for _, c := range changes {
		title, day := c.Title.In(string(lang)), c.At.Local().Format("01-02")
		if c.From == "" {
			out = append(out, fmt.Sprintf(t("report.item.new"), c.N, title, t("stage."+string(c.To)), day))
		} else {
			out = append(out, fmt.Sprintf(t("report.item.step"), c.N, title, t("stage."+string(c.From)), t("stage."+string(c.To)), day))
		}
	}
	if len(out) == 0 {
		out = append(out, t("report.item.none"))
	}
	return out, nil
}

// monthReport gathers the report of the month that starts at month.
func (s *desk) monthReport(ctx context.Context, src reportSource, month time.Time) (*report.Month, error) {
	from, to := hub.MonthOf(month)
	st, err := src.Stats(ctx, from, to)
	if err != nil {
		return nil, err
	}
	targets, err := src.Targets(ctx)
	if err != nil {
		return nil, err
	}
	drawn, err := charts.Draw(st, s.chartOptions(targets))
	if err != nil {
		return nil, err
	}
	var cases []hub.Case
	err = src.EachCase(ctx, hub.Filter{From: from, To: to}, func(c hub.Case) error {
		if c.Reply != "" {
			cases = append(cases, c)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(cases))
	for i := range cases {
		ids[i] = cases[i].ID
	}
	// Quoted residents are not named in the report: their contacts in hand.
	// The review app over the service's socket has no store to read them
	// from: its report quotes nobody (hub report on the station does).
	var contacts map[string]*kiosk.Contact
	if s.db != nil {
		if contacts, err = s.db.Contacts(ctx, ids); err != nil {
			return nil, err
		}
	} else {
		cases = nil
	}
	m := &report.Month{From: from, To: to, Stats: st, Targets: targets, Charts: drawn, Examples: hub.ExampleRepliesFor(cases, 10, contacts),
		Text: station.Texts(s.language()), English: s.language() == station.LangEn, Name: func(id string) string { return s.catalog.NameIn(id, string(s.language())) }}
	if m.Deliberation, err = s.deliberationChanges(ctx, src, from, to); err != nil {
		return nil, err
	}
	return m, nil
}

// writeReport writes the report as PNG at path and as XLSX beside it,
// each whole or not at all, and returns both paths.
func writeReport(m *report.Month, path string) ([]string, error) {
	base := strings.TrimSuffix(path, filepath.Ext(path))
	paths := []string{base + ".png", base + ".xlsx"}
	for i, write := range []func(io.Writer, *report.Month) error{report.WritePNG, report.WriteXLSX} {
		var buf bytes.Buffer
		if err := write(&buf, m); err != nil {
			return nil, err
		}
		if err := writeFileAtomic(paths[i], buf.Bytes()); err != nil {
			return nil, err
		}
	}
	return paths, nil
}

func writeFileAtomic(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return err
	}
	f, err := createPrivate(path + ".part") // 0600: the report quotes residents
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path + ".part")
		return err
	}
	return os.Rename(path+".part", path)
}

// workerReport is the statistics tab's button: the month's report as me
// may see it, into dir.
func (s *desk) workerReport(ctx context.Context, me hub.Worker, month time.Time, dir string) ([]string, error) {
	m, err := s.monthReport(ctx, workerSource{s.api, me}, month)
	if err != nil {
		return nil, err
	}
	return writeReport(m, filepath.Join(dir, fmt.Sprintf("%s-%s.png", station.Texts(s.language())("report.file"), m.From.Format("2006-01"))))
}

// reportCmd writes a month's report from the whole store.
func reportCmd(ctx context.Context, args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("report", flag.ContinueOnError)
	data := fl.String("data", "/var/lib/opinionwall-hub", "data directory")
	dbURL := storeFlag(fl)
	monthFlag := fl.String("month", time.Now().AddDate(0, -1, 0).Format("2006-01"), "the month, as 2026-11")
	out := fl.String("o", "", "the report's PNG page (the workbook goes beside it, .xlsx)")
	lang := fl.String("lang", string(station.LangZh), "the report's language: zh or en")
	if err := fl.Parse(args); err != nil {
		return err
	}
	month, err := time.ParseInLocation("2006-01", *monthFlag, time.Local)
	if err != nil {
		return fmt.Errorf("report: -month %q: write it as 2026-11", *monthFlag)
	}
	if l := station.Lang(*lang); l != station.LangZh && l != station.LangEn {
		return fmt.Errorf("report: -lang %q: use zh or en", *lang)
	}
	if *out == "" {
		*out = "report-" + *monthFlag + ".png"
	}
	db, err := openStore(*data, *dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	s, err := newDesk(*data, db)
	if err != nil {
		return err
	}
	s.lang = station.Lang(*lang)
	m, err := s.monthReport(ctx, storeSource{s}, month) // the whole store: run by the station's administrator
	if err != nil {
		return err
	}
	paths, err := writeReport(m, *out)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "%s\n", strings.Join(paths, "\n"))
	return err
}
