package charts

import (
	"bytes"
	"fmt"
	"image/color"
	"image/png"
	"sort"
	"sync"

	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"opinionwall/hub"
	"opinionwall/internal/assets"
	"opinionwall/kiosk"
)

// Size of a chart.
var (
	Width  = 16 * vg.Centimeter
	Height = 10 * vg.Centimeter
)

const typeface = "NotoSansSC"

var fontOnce sync.Once
var fontErr error

// useFont makes the bundled Chinese font plot's default.
func useFont() error {
	fontOnce.Do(func() {
		f, err := opentype.Parse(assets.Regular)
		if err != nil {
			fontErr = fmt.Errorf("charts: font: %w", err)
			return
		}
		fnt := font.Font{Typeface: typeface}
		font.DefaultCache.Add(font.Collection{{Font: fnt, Face: f}})
		plot.DefaultFont = fnt
	})
	return fontErr
}

var palette = []color.RGBA{{0x1f, 0x77, 0xb4, 255}, {0xd6, 0x27, 0x28, 255}, {0x2c, 0xa0, 0x2c, 255}, {0xff, 0x7f, 0x0e, 255},
	{0x94, 0x67, 0xbd, 255}, {0x8c, 0x56, 0x4b, 255}, {0xe3, 0x77, 0xc2, 255}, {0x7f, 0x7f, 0x7f, 255}, {0xbc, 0xbd, 0x22, 255}, {0x17, 0xbe, 0xcf, 255}}

// Draw draws the four statistics charts: opinions per topic per week,
// satisfaction per kiosk, median time to first reply and open cases by class.
func Draw(st hub.Stats, cat *hub.Catalog) ([]hub.Chart, error) {
	if err := useFont(); err != nil {
		return nil, err
	}
	var out []hub.Chart
	add := func(name string, p *plot.Plot, err error) error {
		if err != nil {
			return fmt.Errorf("chart %s: %w", name, err)
		}
		c, err := render(p)
		if err != nil {
			return fmt.Errorf("chart %s: %w", name, err)
		}
		c.Name = name
		out = append(out, c)
		return nil
	}
	p, err := lines("每周各话题意见数 Opinions per topic per week", "条 opinions", st.TopicWeeks, cat)
	if err := add("topics-per-week", p, err); err != nil {
		return nil, err
	}
	p, err = lines("各设备满意度指数 Satisfaction per kiosk (0-100)", "指数 index", st.Satisfaction, nil)
	if err == nil {
		p.Y.Min, p.Y.Max = 0, 100
	}
	if err := add("satisfaction-per-kiosk", p, err); err != nil {
		return nil, err
	}
	p, err = lines("首次回复时间中位数 Median hours to first reply", "小时 hours", []hub.Series{st.ReplyHours}, nil)
	if p != nil {
		p.Legend.Left = true
	}
	if err := add("reply-time", p, err); err != nil {
		return nil, err
	}
	p, err = openByClass(st.OpenByClass)
	if err := add("open-by-class", p, err); err != nil {
		return nil, err
	}
	return out, nil
}

func lines(title, ylabel string, series []hub.Series, cat *hub.Catalog) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = title
	p.Y.Label.Text = ylabel
	p.X.Tick.Marker = plot.TimeTicks{Format: "01-02"}
	p.Legend.Top = true
	p.Add(plotter.NewGrid())
	sorted := append([]hub.Series(nil), series...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	any := false
	for i, s := range sorted {
		if len(s.Points) == 0 {
			continue
		}
		xys := make(plotter.XYs, len(s.Points))
		for j, pt := range s.Points {
			xys[j].X, xys[j].Y = float64(pt.Week.Unix()), pt.Value
		}
		l, pts, err := plotterLinePoints(xys)
		if err != nil {
			return nil, err
		}
		c := palette[i%len(palette)]
		l.Color, pts.Color = c, c
		p.Add(l, pts)
		name := s.Name
		if cat != nil {
			name = cat.Name(name)
		}
		p.Legend.Add(name, l)
		any = true
	}
	if !any {
		p.Title.Text += "（暂无数据 no data）"
		p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
		p.X.Tick.Marker = plot.DefaultTicks{}
	}
	return p, nil
}

func plotterLinePoints(xys plotter.XYs) (*plotter.Line, *plotter.Scatter, error) {
	l, err := plotter.NewLine(xys)
	if err != nil {
		return nil, nil, err
	}
	l.Width = vg.Points(1.5)
	s, err := plotter.NewScatter(xys)
	if err != nil {
		return nil, nil, err
	}
	s.GlyphStyle.Shape = draw.CircleGlyph{}
	s.GlyphStyle.Radius = vg.Points(2)
	return l, s, nil
}

func openByClass(m map[kiosk.Matter]int) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = "待办事项分类 Open cases by class"
	p.Y.Label.Text = "件 cases"
	order := []struct {
		m    kiosk.Matter
		name string
	}{{kiosk.MatterBig, "大事"}, {kiosk.MatterSmall, "小事"}, {kiosk.MatterPrivate, "私事"}, {hub.Untriaged, "未分类"}}
	vals := make(plotter.Values, len(order))
	names := make([]string, len(order))
	for i, o := range order {
		vals[i], names[i] = float64(m[o.m]), o.name
	}
	bars, err := plotter.NewBarChart(vals, vg.Points(40))
	if err != nil {
		return nil, err
	}
	bars.Color = palette[0]
	bars.LineStyle.Width = 0
	p.Add(bars)
	p.NominalX(names...)
	p.Y.Min = 0
	return p, nil
}

func render(p *plot.Plot) (hub.Chart, error) {
	c := vgimg.PngCanvas{Canvas: vgimg.New(Width, Height)}
	p.Draw(draw.New(c))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return hub.Chart{}, err
	}
	img, err := png.Decode(bytes.NewReader(buf.Bytes()))
	if err != nil {
		return hub.Chart{}, err
	}
	return hub.Chart{Image: img, PNG: buf.Bytes()}, nil
}
