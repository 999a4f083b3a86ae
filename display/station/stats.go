package station

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"opinionwall/hub"
)

type statsView struct {
	from, to *widget.Entry
	grid     *fyne.Container
	charts   []hub.Chart
}

func (s *App) statsScreen() fyne.CanvasObject {
	v := &s.stats
	now := s.d.Now().Local()
	v.from, v.to = widget.NewEntry(), widget.NewEntry()
	v.from.SetText(now.AddDate(0, 0, -7*12).Format("2006-01-02"))
	v.to.SetText(now.Format("2006-01-02"))
	v.grid = container.NewGridWithColumns(2)
	bar := container.NewHBox(widget.NewLabel("从 from"), container.NewGridWrap(fyne.NewSize(130, v.from.MinSize().Height), v.from),
		widget.NewLabel("到 to"), container.NewGridWrap(fyne.NewSize(130, v.to.MinSize().Height), v.to),
		widget.NewButton("更新 Update", s.refreshStats), widget.NewButton("导出图片 Export PNG", s.exportCharts))
	return container.NewBorder(bar, nil, nil, nil, v.grid)
}

// refreshStats computes the statistics for the dates chosen and draws them.
func (s *App) refreshStats() {
	v := &s.stats
	if v.grid == nil {
		return
	}
	from, err := parseDay(v.from.Text)
	if s.fail("统计 Statistics", err) {
		return
	}
	to, err := parseDay(v.to.Text)
	if s.fail("统计 Statistics", err) {
		return
	}
	if from.IsZero() || to.IsZero() || !to.After(from.AddDate(0, 0, -1)) {
		s.say("统计：请填写开始和结束日期 (give both dates, from before to)")
		return
	}
	start := time.Now()
	st, err := s.d.Store.Stats(s.ctx, from, to.AddDate(0, 0, 1))
	if s.fail("统计 Statistics", err) {
		return
	}
	if s.d.Charts == nil {
		s.say("图表不可用 (no charts)")
		return
	}
	charts, err := s.d.Charts(st)
	if s.fail("图表 Charts", err) {
		return
	}
	v.charts = charts
	var objs []fyne.CanvasObject
	for _, c := range charts {
		img := canvas.NewImageFromImage(c.Image)
		img.FillMode = canvas.ImageFillContain
		img.SetMinSize(fyne.NewSize(420, 260))
		objs = append(objs, img)
	}
	v.grid.Objects = objs
	v.grid.Refresh()
	s.say("统计 %s 至 %s，用时 %d ms", v.from.Text, v.to.Text, time.Since(start).Milliseconds())
}

// ExportCharts saves the charts shown as PNG files and returns their paths.
func (s *App) ExportCharts() ([]string, error) {
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
		if err := os.WriteFile(p, c.PNG, 0o640); err != nil {
			return paths, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}

func (s *App) exportCharts() {
	paths, err := s.ExportCharts()
	if s.fail("导出图片 Export", err) {
		return
	}
	if len(paths) == 0 {
		s.say("先按“更新”画出图表 (press Update first)")
		return
	}
	s.say("已导出 %d 张图到 %s", len(paths), filepath.Dir(paths[0]))
}
