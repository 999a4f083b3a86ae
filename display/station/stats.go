package station

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"opinionwall/hub"
)

type statsView struct {
	from, to, month *widget.Entry
	grid            *fyne.Container
	charts          []hub.Chart
}

func (s *App) statsScreen() fyne.CanvasObject {
	v := &s.stats
	now := s.d.Now().Local()
	v.from, v.to = widget.NewEntry(), widget.NewEntry()
	v.from.SetText(now.AddDate(0, 0, -7*12).Format("2006-01-02"))
	v.to.SetText(now.Format("2006-01-02"))
	v.grid = container.NewGridWithColumns(2)
	sized := func(w float32, o fyne.CanvasObject) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o)
	}
	bar := container.NewHBox(widget.NewLabel(s.t("from")), sized(130, v.from),
		widget.NewLabel(s.t("to")), sized(130, v.to),
		widget.NewButton(s.t("update"), s.refreshStats), widget.NewButton(s.t("export.png"), s.exportCharts))
	if s.d.Report != nil {
		v.month = widget.NewEntry()
		v.month.PlaceHolder = s.t("ph.month")
		v.month.SetText(now.AddDate(0, -1, 0).Format("2006-01"))
		bar.Add(widget.NewSeparator())
		bar.Add(sized(110, v.month))
		bar.Add(widget.NewButton(s.t("report.button"), s.makeReport))
	}
	// The targets fold at the head of the charts, as the 议事 settings do.
	return container.NewBorder(bar, nil, nil, nil, container.NewVScroll(container.NewVBox(s.targetsForm(), v.grid)))
}

// refreshStats computes the statistics for the dates chosen and draws them.
func (s *App) refreshStats() {
	v := &s.stats
	if v.grid == nil {
		return
	}
	from, err := s.parseDay(v.from.Text)
	if s.fail(s.t("what.stats"), err) {
		return
	}
	to, err := s.parseDay(v.to.Text)
	if s.fail(s.t("what.stats"), err) {
		return
	}
	if from.IsZero() || to.IsZero() || !to.After(from.AddDate(0, 0, -1)) {
		s.say("%s", s.t("stats.dates"))
		return
	}
	st, err := s.d.Desk.Stats(s.ctx, s.me, from, to.AddDate(0, 0, 1))
	if s.fail(s.t("what.stats"), err) {
		return
	}
	if s.d.Charts == nil {
		s.say("%s", s.t("charts.none"))
		return
	}
	charts, err := s.d.Charts(st, s.targets)
	if s.fail(s.t("what.charts"), err) {
		return
	}
	v.charts = charts
	var objs []fyne.CanvasObject
	for _, c := range charts {
		img := canvas.NewImageFromImage(c.Image)
		img.FillMode = canvas.ImageFillContain
		img.SetMinSize(fyne.NewSize(600, 375))
		objs = append(objs, img)
	}
	v.grid.Objects = objs
	v.grid.Refresh()
	s.say("%s", s.tf("stats.done", v.from.Text, v.to.Text))
}

// saveCharts saves the charts shown as PNG files and returns their paths.
func (s *App) saveCharts() ([]string, error) {
	dir := s.d.ExportDir
	if dir == "" {
		dir = os.TempDir()
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, err
	}
	stamp := s.d.Now().Format("20060102-150405")
	var paths []string
	for _, c := range s.stats.charts {
		p := filepath.Join(dir, fmt.Sprintf("%s-%s.png", c.Name, stamp))
		if err := writePrivate(p, c.PNG); err != nil {
			return paths, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}

func (s *App) exportCharts() {
	paths, err := s.saveCharts()
	if s.fail(s.t("export.png"), err) {
		return
	}
	if len(paths) == 0 {
		s.say("%s", s.t("export.first"))
		return
	}
	s.say("%s", s.tf("export.pngs", len(paths), filepath.Dir(paths[0])))
}

// makeReport writes the monthly report of the month typed (the button).
func (s *App) makeReport() {
	month, err := time.ParseInLocation("2006-01", strings.TrimSpace(s.stats.month.Text), time.Local)
	if err != nil {
		s.say("%s", s.tf("bad.month", s.stats.month.Text))
		return
	}
	s.MakeReport(month)
}

// MakeReport writes the monthly report of month into the export
// directory, says where, and returns its files (the button's action).
func (s *App) MakeReport(month time.Time) ([]string, error) {
	dir := s.d.ExportDir
	if dir == "" {
		dir = os.TempDir()
	}
	paths, err := s.d.Report(s.ctx, s.me, month, dir)
	if s.fail(s.t("what.report"), err) {
		return nil, err
	}
	s.say("%s", s.tf("report.done", strings.Join(paths, s.t("list.sep"))))
	return paths, nil
}
