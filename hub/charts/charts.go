package charts

import (
	"bytes"
	"fmt"
	"image/color"
	"image/png"
	"math"
	"strconv"
	"sync"

	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"opinionwall/hub"
	"opinionwall/internal/assets"
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

// Colours: one hue per meaning, lighter for the less certain.
var (
	ink   = color.RGBA{0x33, 0x33, 0x33, 255}
	blue  = color.RGBA{0x1f, 0x77, 0xb4, 255}
	light = color.RGBA{0x9e, 0xc5, 0xe3, 255}
	red   = color.RGBA{0xd6, 0x27, 0x28, 255}
	grey  = color.RGBA{0xbb, 0xbb, 0xbb, 255}
)

// Options are what the charts are worded and judged with.
type Options struct {
	// Text returns a chart text by key in the reader's language (the
	// station's catalog: chart.*, matter.*); formats take fmt verbs.
	Text func(key string) string
	// Name returns a topic's or service's name in the reader's language.
	Name func(id string) string
	// Targets are the station's targets per class.
	Targets hub.Targets
}

func (o *Options) t(key string, args ...any) string {
	if o.Text == nil {
		return key
	}
	return fmt.Sprintf(o.Text(key), args...)
}

func (o *Options) name(id string) string {
	if o.Name == nil || id == "" {
		return id
	}
	return o.Name(id)
}

// Draw draws the statistics charts: opinions per topic per week (small
// multiples), open opinions by street × topic, times to first reply and
// to close per class against the targets, satisfaction per service and
// open cases by class.
func Draw(st hub.Stats, o Options) ([]hub.Chart, error) {
	if err := useFont(); err != nil {
		return nil, err
	}
	if o.Targets == nil {
		o.Targets = hub.DefaultTargets()
	}
	draws := []struct {
		name string
		draw func(dc draw.Canvas, st *hub.Stats, o *Options) error
	}{
		{"topics-per-week", topicWeeks},
		{"open-by-street-topic", heatTable},
		{"times-per-class", classTimes},
		{"satisfaction-per-service", serviceScores},
		{"open-by-class", openByClass},
	}
	out := make([]hub.Chart, 0, len(draws))
	for _, d := range draws {
		c, err := render(func(dc draw.Canvas) error { return d.draw(dc, &st, &o) })
		if err != nil {
			return nil, fmt.Errorf("chart %s: %w", d.name, err)
		}
		c.Name = d.name
		out = append(out, c)
	}
	return out, nil
}

// render draws onto a white PNG canvas of the chart size.
func render(fn func(dc draw.Canvas) error) (hub.Chart, error) {
	img := vgimg.New(Width, Height)
	dc := draw.New(img)
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	if err := fn(dc); err != nil {
		return hub.Chart{}, err
	}
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(&buf); err != nil {
		return hub.Chart{}, err
	}
	im, err := png.Decode(bytes.NewReader(buf.Bytes()))
	if err != nil {
		return hub.Chart{}, err
	}
	return hub.Chart{Image: im, PNG: buf.Bytes()}, nil
}

// textStyle is plot's default text at size points.
func textStyle(size float64) draw.TextStyle {
	s := plot.New().Title.TextStyle
	s.Font.Size = vg.Points(size)
	s.Color = ink
	return s
}

// heading writes a chart's title at the top and returns the canvas below it.
func heading(dc draw.Canvas, title string) draw.Canvas {
	s := textStyle(13)
	s.XAlign, s.YAlign = draw.XCenter, draw.YTop
	top := dc.Max.Y - vg.Points(6)
	dc.FillText(s, vg.Point{X: (dc.Min.X + dc.Max.X) / 2, Y: top}, title)
	dc.Max.Y = top - s.Height(title) - vg.Points(4)
	return dc
}

// note writes a line of explanation at the bottom and returns the canvas above it.
func note(dc draw.Canvas, text string) draw.Canvas {
	s := textStyle(9)
	s.XAlign, s.YAlign = draw.XLeft, draw.YBottom
	dc.FillText(s, vg.Point{X: dc.Min.X + vg.Points(8), Y: dc.Min.Y + vg.Points(4)}, text)
	dc.Min.Y += s.Height(text) + vg.Points(8)
	return dc
}

// noData writes that there is nothing to draw yet.
func noData(dc draw.Canvas, o *Options) {
	s := textStyle(12)
	s.XAlign, s.YAlign = draw.XCenter, draw.YCenter
	s.Color = grey
	dc.FillText(s, vg.Point{X: (dc.Min.X + dc.Max.X) / 2, Y: (dc.Min.Y + dc.Max.Y) / 2}, o.t("chart.nodata"))
}

// intTicks labels whole numbers only, at a step of 1, 2 or 5 times a
// power of ten: counts have no halves.
type intTicks struct{}

func (intTicks) Ticks(lo, hi float64) []plot.Tick {
	span := math.Max(hi-lo, 1)
	step := 1.0
	for _, m := range []float64{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000} {
		step = m
		if span/m <= 5 {
			break
		}
	}
	var out []plot.Tick
	for v := math.Ceil(lo/step) * step; v <= hi+1e-9; v += step {
		out = append(out, plot.Tick{Value: v, Label: strconv.Itoa(int(v))})
	}
	return out
}

// countAxis makes the Y axis a count from zero with room above the
// tallest bar, ticked in whole numbers.
func countAxis(p *plot.Plot, top float64) {
	p.Y.Min, p.Y.Max = 0, math.Max(1, math.Ceil(top*1.1))
	p.Y.Tick.Marker = intTicks{}
}
