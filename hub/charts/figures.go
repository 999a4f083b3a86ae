package charts

import (
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

// classKeys name the classes in the catalog.
var classKeys = map[kiosk.Matter]string{kiosk.MatterBig: "matter.big", kiosk.MatterSmall: "matter.small",
	kiosk.MatterPrivate: "matter.private", hub.Untriaged: "matter.untriaged"}

// classTimes draws, per class, the median and 90th percentile of the days
// to first reply and to close, each class's target as a red line.
func classTimes(dc draw.Canvas, st *hub.Stats, o *Options) error {
	dc = heading(dc, o.t("chart.times"))
	dc = note(dc, o.t("chart.times.note"))
	ct := st.ClassTimes(o.Targets)
	days := func(d interface{ Hours() float64 }) float64 { return d.Hours() / 24 }
	reply, err := timePanel(o, o.t("chart.reply"), ct, func(c hub.ClassTime) (float64, float64, float64, int) {
		return days(c.ReplyP50), days(c.ReplyP90), days(c.Target.FirstReply), c.Replied
	})
	if err != nil {
		return err
	}
	closing, err := timePanel(o, o.t("chart.close"), ct, func(c hub.ClassTime) (float64, float64, float64, int) {
		return days(c.CloseP50), days(c.CloseP90), days(c.Target.Close), c.Closed
	})
	if err != nil {
		return err
	}
	tiles := draw.Tiles{Rows: 1, Cols: 2, PadX: vg.Points(10), PadLeft: vg.Points(4), PadRight: vg.Points(8), PadBottom: vg.Points(2)}
	cs := plot.Align([][]*plot.Plot{{reply, closing}}, tiles, dc)
	reply.Draw(cs[0][0])
	closing.Draw(cs[0][1])
	return nil
}

// timePanel is one of classTimes' halves: of returns a class's median,
// 90th percentile, target (days) and the cases they rest on.
func timePanel(o *Options, title string, ct []hub.ClassTime, of func(hub.ClassTime) (float64, float64, float64, int)) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = vg.Points(11)
	p.Y.Label.Text = o.t("chart.days")
	p50, p90 := make(plotter.Values, len(ct)), make(plotter.Values, len(ct))
	names := make([]string, len(ct))
	top := 1.0
	var targets []plotter.XYs
	for i, c := range ct {
		a, b, target, n := of(c)
		p50[i], p90[i] = a, b
		names[i] = o.t("chart.class", o.t(classKeys[c.Matter]), n)
		top = max(top, b, target)
		targets = append(targets, plotter.XYs{{X: float64(i) - 0.4, Y: target}, {X: float64(i) + 0.4, Y: target}})
	}
	w := vg.Points(10)
	b50, err := plotter.NewBarChart(p50, w)
	if err != nil {
		return nil, err
	}
	b90, err := plotter.NewBarChart(p90, w)
	if err != nil {
		return nil, err
	}
	b50.Color, b50.LineStyle.Width, b50.Offset = blue, 0, -w/2
	b90.Color, b90.LineStyle.Width, b90.Offset = light, 0, w/2
	p.Add(plotter.NewGrid(), b50, b90)
	for _, xy := range targets {
		l, err := plotter.NewLine(xy)
		if err != nil {
			return nil, err
		}
		l.Color, l.Width = red, vg.Points(2)
		p.Add(l)
	}
	p.NominalX(names...)
	p.X.Tick.Label.Font.Size = vg.Points(8)
	p.Y.Min, p.Y.Max = 0, top*1.1
	return p, nil
}

// serviceScores draws each service's satisfaction (0..100) as a
// horizontal bar, named with the number of ratings it rests on.
func serviceScores(dc draw.Canvas, st *hub.Stats, o *Options) error {
	dc = heading(dc, o.t("chart.services"))
	scores := st.ServiceScores()
	if len(scores) == 0 {
		noData(dc, o)
		return nil
	}
	if len(scores) > 10 {
		scores = scores[:10]
	}
	// The most rated on top: the bars go up from the bottom.
	vals := make(plotter.Values, len(scores))
	names := make([]string, len(scores))
	for i, s := range scores {
		j := len(scores) - 1 - i
		vals[j], names[j] = s.Index, o.t("chart.service", o.name(s.Service), s.N)
	}
	p := plot.New()
	bars, err := plotter.NewBarChart(vals, vg.Points(12))
	if err != nil {
		return err
	}
	bars.Horizontal, bars.Color, bars.LineStyle.Width = true, blue, 0
	p.Add(plotter.NewGrid(), bars)
	p.NominalY(names...)
	p.X.Min, p.X.Max = 0, 100
	p.X.Label.Text = o.t("chart.index")
	p.Draw(dc)
	return nil
}

// openByClass draws the open cases by class.
func openByClass(dc draw.Canvas, st *hub.Stats, o *Options) error {
	dc = heading(dc, o.t("chart.open"))
	vals := make(plotter.Values, len(hub.Classes))
	names := make([]string, len(hub.Classes))
	top := 0.0
	for i, m := range hub.Classes {
		vals[i], names[i] = float64(st.OpenByClass[m]), o.t(classKeys[m])
		top = max(top, vals[i])
	}
	p := plot.New()
	bars, err := plotter.NewBarChart(vals, vg.Points(40))
	if err != nil {
		return err
	}
	bars.Color, bars.LineStyle.Width = blue, 0
	p.Add(plotter.NewGrid(), bars)
	p.NominalX(names...)
	p.Y.Label.Text = o.t("chart.cases")
	countAxis(p, top)
	p.Draw(dc)
	return nil
}

// Heat table limits: the busiest topics and streets.
const (
	heatRows = 8
	heatCols = 6
)

// heatTable draws the open opinions by topic (rows) and street (columns),
// each cell shaded by its count and labelled with it.
func heatTable(dc draw.Canvas, st *hub.Stats, o *Options) error {
	dc = heading(dc, o.t("chart.heat"))
	h := st.OpenHeat()
	if len(h.Streets) == 0 {
		noData(dc, o)
		return nil
	}
	rows, cols := min(len(h.Topics), heatRows), min(len(h.Streets), heatCols)
	label := textStyle(9)
	rowW := vg.Length(0)
	for r := 0; r < rows; r++ {
		rowW = max(rowW, label.Width(o.name(h.Topics[r])))
	}
	pad := vg.Points(8)
	left, top := dc.Min.X+pad+rowW+pad, dc.Max.Y-vg.Points(18)
	cw := (dc.Max.X - pad - left) / vg.Length(cols)
	ch := min((top-dc.Min.Y-pad)/vg.Length(rows), vg.Points(26))
	head := label
	head.XAlign, head.YAlign = draw.XCenter, draw.YBottom
	for c := 0; c < cols; c++ {
		name := h.Streets[c]
		if name == "" {
			name = o.t("chart.nostreet")
		}
		dc.FillText(head, vg.Point{X: left + cw*vg.Length(c) + cw/2, Y: top + vg.Points(3)}, name)
	}
	rl := label
	rl.XAlign, rl.YAlign = draw.XRight, draw.YCenter
	num := label
	num.XAlign, num.YAlign = draw.XCenter, draw.YCenter
	for r := 0; r < rows; r++ {
		y := top - ch*vg.Length(r+1)
		dc.FillText(rl, vg.Point{X: left - pad, Y: y + ch/2}, o.name(h.Topics[r]))
		for c := 0; c < cols; c++ {
			n := h.N[c][r] // counts are by street, then topic
			x := left + cw*vg.Length(c)
			shade := heat(n, h.Max)
			cell := vg.Rectangle{Min: vg.Point{X: x + 1, Y: y + 1}, Max: vg.Point{X: x + cw - 1, Y: y + ch - 1}}
			dc.SetColor(shade)
			dc.Fill(cell.Path())
			num.Color = ink
			if n*2 > h.Max {
				num.Color = color.White
			}
			dc.FillText(num, vg.Point{X: x + cw/2, Y: y + ch/2}, fmt.Sprint(n))
		}
	}
	return nil
}

// heat shades a count from white (none) to a deep orange (the most).
func heat(n, most int) color.Color {
	if most == 0 || n == 0 {
		return color.RGBA{0xf4, 0xf4, 0xf4, 255}
	}
	f := float64(n) / float64(most)
	return color.RGBA{uint8(255 - 25*f), uint8(235 - 150*f), uint8(210 - 190*f), 255}
}
