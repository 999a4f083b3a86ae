package display_test

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"opinionwall/display"
	"opinionwall/display/displaytest"
	"opinionwall/display/handwriting/handwritingtest"
)

// handVisit is a kiosk whose handwriting pad recognises with a fake (the
// display tests build without cgo; the Zinnia binding is tested with its
// real model in its own package).
func handVisit(t *testing.T, chars ...string) visit {
	fake := &handwritingtest.Fake{Chars: chars}
	k := displaytest.NewKiosk(t, 0, func(d *display.Deps) { d.Handwriting = fake })
	return visit{Kiosk: k, m: modes[0]}
}

// write drags the strokes of glyph across the keyboard's square, as the
// desktop driver delivers a finger, and waits for the candidate want.
func (v visit) write(glyph, want string) {
	v.T.Helper()
	var sq fyne.CanvasObject
	for _, o := range v.Objects() {
		if _, ok := o.(fyne.Draggable); ok && o.Visible() {
			sq = o
		}
	}
	if sq == nil {
		v.T.Fatalf("no writing square on screen:\n%s", v.Texts())
	}
	d, s := sq.(fyne.Draggable), sq.Size()
	for _, st := range handwritingtest.Densify(handwritingtest.Glyphs[glyph], 0.02) {
		for j := 1; j < len(st); j++ {
			at := fyne.NewPos(st[j].X*s.Width, st[j].Y*s.Height)
			d.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: at}, Dragged: fyne.NewDelta(at.X-st[j-1].X*s.Width, at.Y-st[j-1].Y*s.Height)})
		}
		d.DragEnd()
	}
	for end := time.Now().Add(5 * time.Second); !v.Has("[" + want + "]"); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(end) {
			v.T.Fatalf("%s not proposed after writing %s:\n%s", want, glyph, v.Texts())
		}
	}
}

// TestKeyboardHandwriting: 手写 puts the pad in place of the letters; a
// pick goes into the text and the word engine's associations follow in
// the candidate row; the mode stays for the visit and ends with it.
func TestKeyboardHandwriting(t *testing.T) {
	// Fyne's test driver runs fyne.Do on the calling goroutine, so the
	// recognition's result lands on the recogniser's goroutine beside this
	// test's drags; the desktop driver runs both on its one thread. Under
	// -race that reports the test driver, not the pad: this test runs in
	// make unit's pass without -race (the pad's own tests wait for each
	// result through OnCandidates and run under -race).
	skipUnderRace(t)
	v := handVisit(t, "大", "太", "犬")
	v.begin()
	v.keyboard("")
	v.tapKey("kbd.hand")
	if v.Has("[q]") {
		t.Fatalf("letter keys still shown in handwriting mode:\n%s", v.Texts())
	}
	v.write("大", "大")
	v.Tap("大")
	if got := v.S.View().Draft.Body.Text; got != "大" {
		t.Fatalf("text %q after picking 大, want 大", got)
	}
	v.Want("[家]") // 大家: an association from the word engine
	v.Tap("家")
	if got := v.S.View().Draft.Body.Text; got != "大家" {
		t.Fatalf("text %q after the association, want 大家", got)
	}
	v.tapKey("kbd.done")
	v.tapKey("opinion.write")
	if v.Has("[q]") {
		t.Fatal("the keyboard forgot handwriting mode within the visit")
	}
	v.tapKey("kbd.back")
	if got := v.S.View().Draft.Body.Text; got != "大" {
		t.Fatalf("text %q after 删除, want 大", got)
	}
	if v.Has("[庭]") {
		t.Fatalf("associations of the deleted 家 still offered:\n%s", v.Texts())
	}
	v.tapKey("kbd.done")
	v.tapKey("nav.home") // the visit's inputs end here
	v.keyboard("")
	v.Want("[q]")
	v.tapKey("kbd.hand")
	if v.Has("[大]") || v.Has("[家]") {
		t.Fatalf("the pad kept the last visit's candidates:\n%s", v.Texts())
	}
}
