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
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"opinionwall/display"
	"opinionwall/hub"
	"opinionwall/hub/charts"
	"opinionwall/hub/ledger"
	hubsqlite "opinionwall/hub/sqlite"
	"opinionwall/kiosk"
)

// loadChecklist reads DATA/checklist.json, writing the default there first
// if there is none (the station edits that file).
func loadChecklist(data string) (*hub.Checklist, error) {
	path := filepath.Join(data, "checklist.json")
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		b = hub.DefaultChecklist()
		if err := os.MkdirAll(data, 0o750); err != nil {
			return nil, err
		}
		if err := os.WriteFile(path, b, 0o640); err != nil {
			return nil, fmt.Errorf("checklist: %w", err)
		}
	} else if err != nil {
		return nil, fmt.Errorf("checklist: %w", err)
	}
	cl, err := hub.ParseChecklist(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return cl, nil
}

// station is the review app's wiring over the store.
type station struct {
	desk    *hub.Desk
	catalog *hub.Catalog
	db      *hubsqlite.DB
}

func newStation(data string, db *hubsqlite.DB) (*station, error) {
	cl, err := loadChecklist(data)
	if err != nil {
		return nil, err
	}
	return &station{desk: &hub.Desk{Store: db, Checklist: cl, Now: time.Now}, catalog: hub.NewCatalog(kiosk.Defaults()), db: db}, nil
}

// deps returns what the screens need.
func (s *station) deps(exportDir string) display.StationDeps {
	return display.StationDeps{
		Desk: s.desk, Store: s.db, Catalog: s.catalog, ExportDir: exportDir,
		Charts: func(st hub.Stats) ([]display.Chart, error) {
			cs, err := charts.Draw(st, s.catalog)
			out := make([]display.Chart, len(cs))
			for i, c := range cs {
				out[i] = display.Chart{Name: c.Name, Title: c.Title, Image: c.Image, PNG: c.PNG}
			}
			return out, err
		},
		Ledger: s.ledger,
	}
}

// ledger writes the work ledger with the station's names.
func (s *station) ledger(ctx context.Context, w io.Writer, format string, f hub.Filter) (int, error) {
	ws, err := s.db.Workers(ctx)
	if err != nil {
		return 0, err
	}
	names := ledger.Names{Catalog: s.catalog, Checklist: s.desk.Checklist, Workers: map[string]string{}}
	for _, w := range ws {
		names.Workers[w.ID] = w.Name
	}
	return ledger.Write(ctx, w, format, s.db, f, names)
}

// showWindow runs the review app until the window closes or ctx ends; it
// must run on the main goroutine.
func (s *station) showWindow(ctx context.Context, cancel context.CancelFunc, exportDir string, log *slog.Logger) {
	a := app.NewWithID("opinionwall.hub")
	a.Settings().SetTheme(display.StationTheme{})
	w := a.NewWindow("意见墙 · 社区工作站 Opinion Wall station")
	w.Resize(fyne.NewSize(1400, 900))
	display.NewStation(w, s.deps(exportDir))
	go func() {
		<-ctx.Done()
		fyne.Do(a.Quit)
	}()
	log.Info("review app open")
	w.ShowAndRun()
	cancel()
}
