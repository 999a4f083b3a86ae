package charts

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

func TestDrawChartsWithChineseLabels(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	w0 := time.Date(2026, 9, 7, 0, 0, 0, 0, loc)
	var pts []hub.Point
	for i := 0; i < 12; i++ {
		pts = append(pts, hub.Point{Week: w0.AddDate(0, 0, 7*i), Value: float64(10 + i*3%7)})
	}
	st := hub.Stats{
		TopicWeeks:   []hub.Series{{Name: "sanitation", Points: pts}, {Name: "safety", Points: pts[:6]}},
		Satisfaction: []hub.Series{{Name: "k-001", Points: pts}},
		ReplyHours:   hub.Series{Name: "median", Points: pts},
		OpenByClass:  map[kiosk.Matter]int{kiosk.MatterBig: 3, kiosk.MatterSmall: 12, hub.Untriaged: 40},
	}
	charts, err := Draw(st, hub.NewCatalog(kiosk.Defaults()))
	if err != nil {
		t.Fatal(err)
	}
	if len(charts) != 4 {
		t.Fatalf("%d charts, want 4", len(charts))
	}
	dir := os.Getenv("OW_CHART_DIR")
	for _, c := range charts {
		img, err := png.Decode(bytes.NewReader(c.PNG))
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		// Ink in the title band: the Chinese title was drawn (a font without
		// the glyphs draws nothing there).
		b := img.Bounds()
		dark := 0
		for y := b.Min.Y; y < b.Min.Y+b.Dy()/10; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				if r, g, bl, _ := img.At(x, y).RGBA(); r+g+bl < 3*0x8000 {
					dark++
				}
			}
		}
		if dark < 200 {
			t.Errorf("%s: only %d dark pixels in the title band", c.Name, dark)
		}
		if dir != "" {
			os.WriteFile(filepath.Join(dir, c.Name+".png"), c.PNG, 0o644)
		}
	}
}

func TestEmptyStatsStillDraw(t *testing.T) {
	charts, err := Draw(hub.Stats{OpenByClass: map[kiosk.Matter]int{}}, hub.NewCatalog(kiosk.Defaults()))
	if err != nil || len(charts) != 4 {
		t.Fatalf("%d charts, %v", len(charts), err)
	}
}
