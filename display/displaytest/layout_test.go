package displaytest_test

import (
	"image/color"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"opinionwall/display/displaytest"
)

// fixed places objects where told, whatever their size.
type fixed struct{ at []fyne.Position }

func (f fixed) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(10, 10) }
func (f fixed) Layout(objs []fyne.CanvasObject, _ fyne.Size) {
	for i, o := range objs {
		o.Move(f.at[i])
		o.Resize(o.MinSize())
	}
}

// TestCheckLayoutFindsABrokenScreen: a screen with every fault the check
// knows, each found; and a good screen passes.
func TestCheckLayoutFindsABrokenScreen(t *testing.T) {
	a := test.NewTempApp(t)
	bg := displaytest.ThemeBackground(a)
	rules := displaytest.Rules{MinTarget: 72, Needed: []string{"下一步", "确认提交"}, Background: bg, Panel: fyne.NewSize(400, 300)}

	small := widget.NewButton("小", nil)
	off := widget.NewButton("看不见的按钮", nil)
	over1, over2 := widget.NewButton("上面的按钮", nil), widget.NewButton("下面的按钮", nil)
	grey := canvas.NewText("浅灰色的字", bg) // text the colour of the background
	grey.TextSize = 16
	vertical := widget.NewLabel("0/300")
	vertical.Wrapping = fyne.TextWrapWord
	disabled := widget.NewButton("下一步", nil)
	disabled.Disable()
	for _, b := range []*widget.Button{off, over1, over2} {
		b.Resize(fyne.NewSize(100, 80))
	}
	w := test.NewWindow(container.NewStack(
		container.New(fixed{[]fyne.Position{{X: 10, Y: 10}, {X: 350, Y: 260}, {X: 10, Y: 100}, {X: 30, Y: 110}, {X: 200, Y: 10}, {X: 10, Y: 200}}},
			small, off, over1, over2, grey, disabled),
		container.NewHBox(layout.NewSpacer(), container.NewVBox(layout.NewSpacer(), vertical)),
	))
	w.Resize(fyne.NewSize(400, 300))
	got := strings.Join(displaytest.CheckLayout(w, rules), "\n")
	for _, want := range []string{
		`button "小" is`,                         // too small
		`button "看不见的按钮" at`,                    // off the canvas
		`outside the 0,0 400×300 canvas`,        //
		`button "上面的按钮" at`,                     // covered
		`overlap`,                               //
		`text "浅灰色的字" has contrast`,             // low contrast
		`label "0/300" is wrapped to fewer`,     // one character a line
		`needed button "下一步" is disabled`,       // disabled
		`needed button "确认提交" is not on screen`, // missing
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the check missed %q; it said:\n%s", want, got)
		}
	}

	ok := widget.NewButton("确认提交", nil)
	next := widget.NewButton("下一步", nil)
	good := test.NewWindow(container.NewVBox(widget.NewLabel("请确认"),
		container.NewGridWithColumns(2, container.NewStack(canvas.NewRectangle(color.Transparent), ok), next)))
	good.Resize(fyne.NewSize(400, 300))
	for _, o := range []*widget.Button{ok, next} {
		o.Resize(fyne.NewSize(190, 80))
	}
	rules.MinTarget = 30
	if problems := displaytest.CheckLayout(good, rules); len(problems) > 0 {
		t.Errorf("a good screen failed:\n%s", strings.Join(problems, "\n"))
	}
}
