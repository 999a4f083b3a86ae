package report

import (
	"image/color"
	"io"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// The page: A4 portrait at 150 dots per inch.
var (
	PageWidth  = 21 * vg.Centimeter
	PageHeight = 29.7 * vg.Centimeter
	margin     = 1.2 * vg.Centimeter
)

var (
	ink   = color.RGBA{0x22, 0x22, 0x22, 255}
	muted = color.RGBA{0x66, 0x66, 0x66, 255}
	rule  = color.RGBA{0xcc, 0xcc, 0xcc, 255}
	tint  = color.RGBA{0xee, 0xf4, 0xfa, 255}
)

// WritePNG writes the report as one PNG page. The charts package must
// have drawn the charts first (it registers the Chinese font plot uses).
func WritePNG(w io.Writer, m *Month) error {
	img := vgimg.NewWith(vgimg.UseWH(PageWidth, PageHeight), vgimg.UseDPI(150))
	dc := draw.New(img)
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	p := &pen{dc: dc, y: dc.Max.Y - margin, left: dc.Min.X + margin, right: dc.Max.X - margin}
	p.text(m.title(), 17, ink)
	p.text(m.t("report.period", m.From.Format("2006-01-02"), m.To.AddDate(0, 0, -1).Format("2006-01-02")), 9, muted)
	p.gap(4)
	p.figures(m.figures())
	p.gap(6)
	p.charts(m, []string{"topics-per-week", "times-per-class", "open-by-street-topic", "satisfaction-per-service"})
	p.heading(m.t("report.deliberation"))
	if m.Deliberation == nil {
		p.wrapped(m.t("report.deliberation.none"), 9, muted)
	}
	for _, l := range m.Deliberation {
		p.wrapped("· "+l, 9, ink)
	}
	p.heading(m.t("report.examples"))
	if len(m.Examples) == 0 {
		p.wrapped(m.t("report.examples.none"), 9, muted)
	}
	for _, e := range m.Examples {
		if p.y < dc.Min.Y+margin+vg.Points(24) {
			break // one page: what does not fit is in the workbook
		}
		p.wrapped(m.t("report.example", e.Ticket, m.name(e.Topic), e.Said, m.reply(e)), 8.5, ink)
	}
	_, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(w)
	return err
}

// pen writes down the page from the top.
type pen struct {
	dc          draw.Canvas
	y           vg.Length
	left, right vg.Length
}

func style(size float64, c color.Color) draw.TextStyle {
	s := plot.New().Title.TextStyle
	s.Font.Size, s.Color = vg.Points(size), c
	s.XAlign, s.YAlign = draw.XLeft, draw.YTop
	return s
}

func (p *pen) gap(points float64) { p.y -= vg.Points(points) }

func (p *pen) text(t string, size float64, c color.Color) {
	s := style(size, c)
	p.dc.FillText(s, vg.Point{X: p.left, Y: p.y}, t)
	p.y -= s.Height(t) + vg.Points(3)
}

// wrapped writes t in lines as wide as the page: Chinese breaks between
// any two characters, other text at its last space.
func (p *pen) wrapped(t string, size float64, c color.Color) {
	s := style(size, c)
	line := ""
	for _, r := range strings.ReplaceAll(t, "\n", " ") {
		if s.Width(line+string(r)) > p.right-p.left {
			rest := ""
			if i := strings.LastIndexByte(line, ' '); r < 0x2e80 && i > len(line)/2 {
				line, rest = line[:i], line[i+1:]
			}
			p.text(line, size, c)
			line = rest
		}
		line += string(r)
	}
	if line != "" {
		p.text(line, size, c)
	}
}

func (p *pen) heading(t string) {
	p.gap(6)
	p.dc.StrokeLine2(draw.LineStyle{Color: rule, Width: vg.Points(0.8)}, p.left, p.y, p.right, p.y)
	p.gap(4)
	p.text(t, 12, ink)
}

// figures writes the headline figures as a row of boxes: value above label.
func (p *pen) figures(fs [][2]string) {
	n := vg.Length(len(fs))
	gap := vg.Points(6)
	w := (p.right - p.left - gap*(n-1)) / n
	h := vg.Points(46)
	for i, f := range fs {
		x := p.left + (w+gap)*vg.Length(i)
		box := vg.Rectangle{Min: vg.Point{X: x, Y: p.y - h}, Max: vg.Point{X: x + w, Y: p.y}}
		p.dc.SetColor(tint)
		p.dc.Fill(box.Path())
		v := style(18, ink)
		v.XAlign = draw.XCenter
		p.dc.FillText(v, vg.Point{X: x + w/2, Y: p.y - vg.Points(4)}, f[1])
		l := style(8, muted)
		l.XAlign = draw.XCenter
		p.dc.FillText(l, vg.Point{X: x + w/2, Y: p.y - vg.Points(30)}, f[0])
	}
	p.y -= h
}

// charts draws the named charts two by two, each keeping its shape.
func (p *pen) charts(m *Month, names []string) {
	gap := vg.Points(8)
	w := (p.right - p.left - gap) / 2
	for i, name := range names {
		c, ok := m.chart(name)
		if !ok {
			continue
		}
		b := c.Image.Bounds()
		h := w * vg.Length(b.Dy()) / vg.Length(b.Dx())
		x := p.left + (w+gap)*vg.Length(i%2)
		p.dc.DrawImage(vg.Rectangle{Min: vg.Point{X: x, Y: p.y - h}, Max: vg.Point{X: x + w, Y: p.y}}, c.Image)
		if i%2 == 1 || i == len(names)-1 {
			p.y -= h + gap
		}
	}
}
