package charts

import (
	"slices"
	"sort"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"opinionwall/hub"
)

// Panels of the weekly small multiples: the topics with the most opinions.
const (
	panelCols = 3
	panelRows = 2
)

// topicWeeks draws one small bar chart of opinions per week for each of
// the busiest topics, on one scale; the current, partial week is drawn
// in outline (so far), not as a drop.
func topicWeeks(dc draw.Canvas, st *hub.Stats, o *Options) error {
	dc = heading(dc, o.t("chart.topics"))
	weeks := st.Weeks()
	partial := make([]bool, len(weeks))
	for i, w := range weeks {
		partial[i] = st.Partial(w)
	}
	if slices.Contains(partial, true) {
		dc = note(dc, o.t("chart.partial"))
	}
	type topic struct {
		name   string
		counts []float64
		total  float64
	}
	at := map[int64]int{}
	for i, w := range weeks {
		at[w.Unix()] = i
	}
	var topics []topic
	top := 0.0
	for _, s := range st.TopicWeeks {
		t := topic{name: s.Name, counts: make([]float64, len(weeks))}
		for _, pt := range s.Points {
			if i, ok := at[hub.WeekOf(pt.Week).Unix()]; ok {
				t.counts[i] += pt.Value
				t.total += pt.Value
				top = max(top, t.counts[i])
			}
		}
		if t.total > 0 {
			topics = append(topics, t)
		}
	}
	if len(topics) == 0 || len(weeks) == 0 {
		noData(dc, o)
		return nil
	}
	sort.Slice(topics, func(i, j int) bool {
		if topics[i].total != topics[j].total {
			return topics[i].total > topics[j].total
		}
		return topics[i].name < topics[j].name
	})
	plots := make([][]*plot.Plot, panelRows)
	for r := range plots {
		plots[r] = make([]*plot.Plot, panelCols)
		for c := range plots[r] {
			i := r*panelCols + c
			if i >= len(topics) {
				plots[r][c] = emptyPanel()
				continue
			}
			t := topics[i]
			p, err := weekPanel(o.t("chart.panel", o.name(t.name), int(t.total)), t.counts, weeks, top, partial)
			if err != nil {
				return err
			}
			plots[r][c] = p
		}
	}
	tiles := draw.Tiles{Rows: panelRows, Cols: panelCols, PadX: vg.Points(6), PadY: vg.Points(6), PadLeft: vg.Points(4), PadRight: vg.Points(8)}
	canvases := plot.Align(plots, tiles, dc)
	for r := range plots {
		for c := range plots[r] {
			plots[r][c].Draw(canvases[r][c])
		}
	}
	return nil
}

// weekPanel is one topic's weekly bars; the weeks only partly in the
// period drawn light with an outline (so far), not as a drop.
func weekPanel(title string, counts []float64, weeks []time.Time, top float64, partial []bool) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = vg.Points(10)
	countAxis(p, top)
	p.Add(plotter.NewGrid())
	for i, n := range counts {
		if n == 0 {
			continue
		}
		bar, err := plotter.NewBarChart(plotter.Values{n}, vg.Points(5))
		if err != nil {
			return nil, err
		}
		bar.XMin, bar.Color, bar.LineStyle.Width = float64(i), blue, 0
		if partial[i] {
			bar.Color, bar.LineStyle.Color, bar.LineStyle.Width = light, blue, vg.Points(0.8)
		}
		p.Add(bar)
	}
	p.X.Min, p.X.Max = -0.8, float64(len(counts))-0.2
	p.X.Tick.Marker = weekTicks(weeks)
	return p, nil
}

// weekTicks labels the first, middle and last weeks by their Monday.
func weekTicks(weeks []time.Time) plot.Ticker {
	return plot.TickerFunc(func(lo, hi float64) []plot.Tick {
		var out []plot.Tick
		for _, i := range []int{0, len(weeks) / 2, len(weeks) - 1} {
			if i >= 0 && i < len(weeks) && (len(out) == 0 || out[len(out)-1].Value != float64(i)) {
				out = append(out, plot.Tick{Value: float64(i), Label: weeks[i].Format("01-02")})
			}
		}
		return out
	})
}

// emptyPanel fills a tile with nothing (fewer topics than tiles).
func emptyPanel() *plot.Plot {
	p := plot.New()
	p.HideAxes()
	return p
}
