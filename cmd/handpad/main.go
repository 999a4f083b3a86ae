// Command handpad shows the kiosk's handwriting pad alone in a real window
// with the Zinnia recogniser (and its standard-order supplement), to check on the desktop driver (under Xvfb,
// deploy/smoke-handpad.sh) that a finger's drag reaches the pad, is drawn
// and is recognised. It is a test harness, not part of the kiosk: the
// keyboard embeds the pad (display.NewHandPad) once issue 13's rewrite
// lands.
//
//	handpad [-model FILE] [-standard FILE] [-lang zh|en] [-large] [-width W -height H] [-side PX] [-targets FILE]
//
// It logs each recognition (strokes, points, candidates) and each commit
// on stdout.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"opinionwall/display"
	"opinionwall/display/handwriting"
	"opinionwall/display/handwriting/zinnia"
)

func main() {
	model := flag.String("model", handwriting.DefaultModel, "the Zinnia model file")
	standard := flag.String("standard", handwriting.DefaultStandardModel, "the standard-order model that supplements it (\"\" for none)")
	lang := flag.String("lang", "zh", "the screen's language: zh or en")
	large := flag.Bool("large", false, "large-text (大字) mode")
	width := flag.Int("width", 1280, "window width")
	height := flag.Int("height", 800, "window height")
	side := flag.Float64("side", display.PadSide, "side of the writing square, in pixels")
	targets := flag.String("targets", "", "write the square's and the buttons' places here after each change")
	flag.Parse()

	var rec handwriting.Recognizer
	if z, err := zinnia.Open(*model); err != nil {
		fmt.Println("handpad: no recogniser:", err)
	} else {
		defer z.Close()
		fmt.Println("handpad: model", *model, "characters", z.Size())
		rec = logged{z}
		if *standard != "" {
			if sz, err := zinnia.Open(*standard); err != nil {
				fmt.Println("handpad: no standard-order supplement:", err)
			} else {
				defer sz.Close()
				fmt.Println("handpad: standard-order model", *standard, "characters", sz.Size())
				rec = logged{handwriting.Supplemented{Main: z, Extra: sz, MinScore: handwriting.DefaultMinScore}}
			}
		}
	}

	a := app.NewWithID("org.opinionwall.handpad")
	a.Settings().SetTheme(&display.Theme{Large: *large})
	w := a.NewWindow("handpad")
	pad := display.NewHandPad(*lang, rec, float32(*side))
	written := widget.NewLabel("")
	pad.OnCommit = func(s string) {
		fmt.Println("handpad: commit", s)
		written.SetText(written.Text + s)
	}
	pad.OnCandidates = func(shown []string) {
		fmt.Println("handpad: shown", strings.Join(shown, " "))
		writeTargets(*targets, w)
	}
	w.SetContent(container.NewVBox(written, pad.Object()))
	w.Resize(fyne.NewSize(float32(*width), float32(*height)))
	go func() {
		time.Sleep(time.Second)
		fyne.Do(func() { writeTargets(*targets, w) })
	}()
	w.ShowAndRun()
}

// logged logs every recognition: how many strokes and points the drags
// delivered and the first candidates.
type logged struct{ r handwriting.Recognizer }

func (l logged) Recognize(strokes [][]handwriting.Point, n int) ([]handwriting.Candidate, error) {
	pts := 0
	for _, s := range strokes {
		pts += len(s)
	}
	start := time.Now()
	c, err := l.r.Recognize(strokes, n)
	var top []string
	for i := 0; i < len(c) && i < 8; i++ {
		top = append(top, c[i].Char)
	}
	fmt.Printf("handpad: recognised strokes=%d points=%d in %v: %s (err %v)\n", len(strokes), pts, time.Since(start).Round(time.Millisecond), strings.Join(top, " "), err)
	return c, err
}

// writeTargets writes where the square is (its corner and size) and where
// each button is (its centre), in screen pixels, one a line.
func writeTargets(path string, w fyne.Window) {
	if path == "" {
		return
	}
	drv, scale := fyne.CurrentApp().Driver(), w.Canvas().Scale()
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if c, ok := o.(*fyne.Container); ok {
			for _, ch := range c.Objects {
				walk(ch)
			}
			return
		}
		p, s := drv.AbsolutePositionForObject(o), o.Size()
		switch x := o.(type) {
		case *widget.Button:
			if x.Text != "" {
				fmt.Fprintf(&b, "%s\t%d\t%d\n", x.Text, int((p.X+s.Width/2)*scale), int((p.Y+s.Height/2)*scale))
			}
		case fyne.Draggable:
			fmt.Fprintf(&b, "square\t%d\t%d\t%d\t%d\n", int(p.X*scale), int(p.Y*scale), int(s.Width*scale), int(s.Height*scale))
		}
	}
	walk(w.Content())
	if err := os.WriteFile(path+".tmp", []byte(b.String()), 0o644); err == nil {
		os.Rename(path+".tmp", path)
	}
}
