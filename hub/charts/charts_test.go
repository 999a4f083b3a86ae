package charts

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"gonum.org/v1/plot/vg/draw"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

// texts stand in for the station's catalog (keys as themselves but the titles).
var texts = map[string]string{"chart.topics": "每周各话题意见数", "chart.panel": "%s（%d）", "chart.class": "%s（%d）",
	"chart.service": "%s（%d 次）", "chart.heat": "待办意见：话题 × 街道", "chart.times": "首次回复与办结用时",
	"chart.services": "各服务满意度", "chart.open": "待办事项分类", "chart.nodata": "暂无数据"}

func testOptions() Options {
	cat := hub.NewCatalog(kiosk.Defaults())
	return Options{Text: func(k string) string {
		if s, ok := texts[k]; ok {
			return s
		}
		return k
	}, Name: cat.Name}
}

func testStats() hub.Stats {
	loc := time.FixedZone("CST", 8*3600)
	w0 := time.Date(2026, 9, 7, 0, 0, 0, 0, loc)
	var pts []hub.Point
	for i := 0; i < 12; i++ {
		pts = append(pts, hub.Point{Week: w0.AddDate(0, 0, 7*i), Value: float64(10 + i*3%7)})
	}
	return hub.Stats{
		From: w0, To: w0.AddDate(0, 0, 7*11+3), // ends on a Thursday: the last week is partial
		TopicWeeks:  []hub.Series{{Name: "sanitation", Points: pts}, {Name: "safety", Points: pts[:6]}},
		OpenByClass: map[kiosk.Matter]int{kiosk.MatterBig: 3, kiosk.MatterSmall: 12, hub.Untriaged: 40},
		Cases: []hub.CaseTimes{{Matter: kiosk.MatterSmall, Received: w0, FirstReply: w0.Add(30 * time.Hour), Closed: w0.AddDate(0, 0, 9)},
			{Matter: kiosk.MatterBig, Received: w0, FirstReply: w0.Add(50 * time.Hour)}},
		OpenPlaces: []hub.PlaceCount{{Street: "大和路", Topic: "sanitation", N: 7}, {Street: "桃源街", Topic: "safety", N: 2},
			{Topic: "sanitation", N: 1}},
		Ratings: []hub.RatingCount{{Service: "clinic", N: 12, Sum: 40}, {Service: "library", N: 3, Sum: 6}},
	}
}

func TestDrawChartsWithChineseLabels(t *testing.T) {
	charts, err := Draw(testStats(), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(charts) != 5 {
		t.Fatalf("%d charts, want 5", len(charts))
	}
	dir := os.Getenv("OW_CHART_DIR")
	for _, c := range charts {
		img, err := png.Decode(bytes.NewReader(c.PNG))
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		// Ink in the title band: the Chinese title was drawn (a font without
		// the glyphs draws nothing there).
		if dark := darkIn(img, 0, img.Bounds().Dy()/12); dark < 150 {
			t.Errorf("%s: only %d dark pixels in the title band", c.Name, dark)
		}
		if dir != "" {
			os.WriteFile(filepath.Join(dir, c.Name+".png"), c.PNG, 0o644)
		}
	}
}

func darkIn(img image.Image, y0, y1 int) int {
	b := img.Bounds()
	dark := 0
	for y := b.Min.Y + y0; y < b.Min.Y+y1; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, g, bl, _ := img.At(x, y).RGBA(); r+g+bl < 3*0x8000 {
				dark++
			}
		}
	}
	return dark
}

// The partial week is explained in a note at the foot of the weekly
// chart; a period of whole weeks has none.
func TestPartialWeekNoted(t *testing.T) {
	st := testStats()
	foot := func(st hub.Stats) int {
		c, err := render(func(dc draw.Canvas) error { return topicWeeks(dc, &st, ptr(testOptions())) })
		if err != nil {
			t.Fatal(err)
		}
		h := c.Image.Bounds().Dy()
		return darkIn(c.Image, h-h/30, h)
	}
	partial := foot(st)
	st.To = hub.WeekOf(st.To)
	if whole := foot(st); partial < 50 || whole != 0 {
		t.Fatalf("ink at the foot: %d with a partial week, %d without", partial, whole)
	}
}

func TestIntTicks(t *testing.T) {
	for _, span := range [][2]float64{{0, 1}, {0, 3.3}, {0, 7}, {0, 48}, {0, 1234}} {
		ticks := intTicks{}.Ticks(span[0], span[1])
		if len(ticks) < 2 {
			t.Errorf("%v: %d ticks", span, len(ticks))
		}
		for _, tk := range ticks {
			if n, err := strconv.Atoi(tk.Label); err != nil || float64(n) != tk.Value {
				t.Errorf("%v: tick %q at %v is not a whole number", span, tk.Label, tk.Value)
			}
		}
	}
}

func TestEmptyStatsStillDraw(t *testing.T) {
	charts, err := Draw(hub.Stats{OpenByClass: map[kiosk.Matter]int{}}, testOptions())
	if err != nil || len(charts) != 5 {
		t.Fatalf("%d charts, %v", len(charts), err)
	}
}

func ptr[T any](v T) *T { return &v }
