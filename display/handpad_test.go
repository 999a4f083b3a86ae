package display_test

import (
	"errors"
	"math"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"opinionwall/display"
	"opinionwall/display/displaytest"
	"opinionwall/display/handwriting"
	"opinionwall/display/handwriting/handwritingtest"
)

// padScreen is a handwriting pad alone in a test window, with what it
// committed and a channel of what it showed after each recognition.
type padScreen struct {
	displaytest.Screen
	pad       *display.HandPad
	fake      *handwritingtest.Fake
	committed []string
	shown     chan []string
}

func newPad(t *testing.T, lang string, fake *handwritingtest.Fake) *padScreen {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(&display.Theme{})
	var rec handwriting.Recognizer
	if fake != nil {
		rec = fake
	}
	p := &padScreen{pad: display.NewHandPad(lang, rec, display.PadSide), fake: fake, shown: make(chan []string, 16)}
	p.pad.OnCommit = func(s string) { p.committed = append(p.committed, s) }
	p.pad.OnCandidates = func(c []string) { p.shown <- c }
	w := test.NewTempWindow(t, p.pad.Object())
	w.Resize(fyne.NewSize(1000, 500))
	p.Screen = displaytest.Screen{T: t, Win: w}
	return p
}

// square returns the writing square: the one thing on screen a drag goes to.
func (p *padScreen) square() fyne.CanvasObject {
	p.T.Helper()
	for _, o := range p.Objects() {
		if _, ok := o.(fyne.Draggable); ok {
			return o
		}
	}
	p.T.Fatal("no draggable square on screen")
	return nil
}

// write drags each stroke (unit-square polylines) across the square as
// Fyne's desktop driver delivers a finger: Dragged with the position
// reached and the move since the last event, then DragEnd.
func (p *padScreen) write(strokes [][]handwriting.Point) {
	sq := p.square()
	d := sq.(fyne.Draggable)
	s := sq.Size()
	for _, st := range handwritingtest.Densify(strokes, 0.02) {
		for j := 1; j < len(st); j++ {
			at := fyne.NewPos(st[j].X*s.Width, st[j].Y*s.Height)
			prev := fyne.NewPos(st[j-1].X*s.Width, st[j-1].Y*s.Height)
			d.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: at}, Dragged: fyne.NewDelta(at.X-prev.X, at.Y-prev.Y)})
		}
		d.DragEnd()
	}
}

// writeEach writes the strokes one by one, as a resident does, each time
// waiting for its candidates.
func (p *padScreen) writeEach(strokes [][]handwriting.Point) {
	for i := range strokes {
		p.write(strokes[i : i+1])
		p.next()
	}
}

// next waits for the pad to show the candidates of a recognition.
func (p *padScreen) next() []string {
	p.T.Helper()
	select {
	case c := <-p.shown:
		return c
	case <-time.After(5 * time.Second):
		p.T.Fatal("no candidates shown after a stroke")
		return nil
	}
}

// TestHandPadDragReachesSquare: a drag on the window lands on the square,
// is recognised, and the candidates are buttons.
func TestHandPadDragReachesSquare(t *testing.T) {
	p := newPad(t, "zh", &handwritingtest.Fake{Chars: []string{"一", "二"}})
	p.Want("请在框里写字")
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(p.square()).AddXY(display.PadSide/2, display.PadSide/2)
	test.Drag(p.Win.Canvas(), pos, 120, 0)
	if got := p.next(); !slices.Equal(got, []string{"一", "二"}) {
		t.Fatalf("shown %v", got)
	}
	if calls := p.fake.Calls(); len(calls) != 1 || len(calls[0]) != 1 {
		t.Fatalf("recogniser got %v, want one call with one stroke", calls)
	}
	p.Want("[一]")
	p.Want("[二]")
	if p.Has("请在框里写字") {
		t.Error("the hint is still over the written square")
	}
}

// TestHandPadStrokes: each stroke is recognised with all the strokes so
// far, in the unit square, where they were drawn; at most eight
// candidates are shown, none the bundled font cannot draw.
func TestHandPadStrokes(t *testing.T) {
	chars := []string{"大", "犬", "太", "𠂇", "夫", "天", "木", "丈", "尢", "六"}
	p := newPad(t, "zh", &handwritingtest.Fake{Chars: chars})
	glyph := handwritingtest.Glyphs["大"]
	for i := range glyph {
		p.write(glyph[i : i+1])
		if got := p.next(); !slices.Equal(got, []string{"大", "犬", "太", "夫", "天", "木", "丈", "尢"}) {
			t.Fatalf("stroke %d: shown %v", i+1, got)
		}
	}
	calls := p.fake.Calls()
	if len(calls) != len(glyph) {
		t.Fatalf("%d recognitions, want one per stroke (%d)", len(calls), len(glyph))
	}
	last := calls[len(calls)-1]
	if len(last) != len(glyph) {
		t.Fatalf("last recognition had %d strokes, want %d", len(last), len(glyph))
	}
	for i, st := range last {
		first, end := st[0], st[len(st)-1]
		want := glyph[i]
		if far(first, want[0]) || far(end, want[len(want)-1]) {
			t.Errorf("stroke %d runs %v → %v, drawn %v → %v", i+1, first, end, want[0], want[len(want)-1])
		}
	}
	if p.Has("[六]") {
		t.Error("a ninth candidate is shown")
	}
}

func far(a, b handwriting.Point) bool {
	return math.Hypot(float64(a.X-b.X), float64(a.Y-b.Y)) > 0.01
}

// TestHandPadPickCommits: a pick commits the character, clears the square
// and offers the associations of the word engine; picking one commits it.
func TestHandPadPickCommits(t *testing.T) {
	p := newPad(t, "zh", &handwritingtest.Fake{Chars: []string{"电", "由"}})
	var asked []string
	p.pad.Associate = func(s string) []string {
		asked = append(asked, s)
		return map[string][]string{"电": {"电梯", "电话"}, "电梯": {"坏了"}}[s]
	}
	p.writeEach(handwritingtest.Glyphs["电"])
	p.Tap("电")
	if !slices.Equal(p.committed, []string{"电"}) {
		t.Fatalf("committed %v, want [电]", p.committed)
	}
	if got := p.next(); !slices.Equal(got, []string{"电梯", "电话"}) {
		t.Fatalf("after the pick shown %v, want the associations", got)
	}
	p.Tap("电梯")
	if got := p.next(); !slices.Equal(got, []string{"坏了"}) {
		t.Fatalf("after the association shown %v", got)
	}
	if !slices.Equal(p.committed, []string{"电", "电梯"}) || !slices.Equal(asked, []string{"电", "电梯"}) {
		t.Fatalf("committed %v, asked %v", p.committed, asked)
	}
	p.write(handwritingtest.Glyphs["一"])
	if got := p.next(); !slices.Equal(got, []string{"电", "由"}) {
		t.Fatalf("a new stroke shows %v, want its recognition", got)
	}
	if calls := p.fake.Calls(); len(calls[len(calls)-1]) != 1 {
		t.Fatalf("after a commit the square still holds %d strokes", len(calls[len(calls)-1]))
	}
}

// TestHandPadRewrite: 重写 clears the square and the candidates, and a
// stroke after it is recognised alone.
func TestHandPadRewrite(t *testing.T) {
	p := newPad(t, "zh", &handwritingtest.Fake{Chars: []string{"二", "十"}})
	p.writeEach(handwritingtest.Glyphs["二"])
	p.Tap("重写")
	if p.Has("[二]") || len(p.pad.Candidates()) != 0 {
		t.Fatalf("candidates after 重写: %v", p.pad.Candidates())
	}
	p.Want("请在框里写字")
	p.write(handwritingtest.Glyphs["一"])
	p.next()
	if calls := p.fake.Calls(); len(calls[len(calls)-1]) != 1 {
		t.Fatalf("after 重写 the recogniser got %d strokes, want 1", len(calls[len(calls)-1]))
	}
	if len(p.committed) != 0 {
		t.Fatalf("重写 committed %v", p.committed)
	}
}

// TestHandPadRewriteDropsLateResult: candidates of a recognition that
// finishes after 重写 are not shown over the empty square.
func TestHandPadRewriteDropsLateResult(t *testing.T) {
	fake := &handwritingtest.Fake{Chars: []string{"一"}, Gate: make(chan struct{})}
	p := newPad(t, "zh", fake)
	p.write(handwritingtest.Glyphs["一"])
	p.Tap("重写")
	fake.Gate <- struct{}{}
	for len(fake.Calls()) == 0 {
		time.Sleep(time.Millisecond)
	}
	select {
	case c := <-p.shown:
		t.Fatalf("shown %v after 重写", c)
	case <-time.After(200 * time.Millisecond):
	}
	if p.Has("[一]") {
		t.Fatal("a late candidate is on screen after 重写")
	}
}

// TestHandPadTapIsDot: a tap on the square is a stroke (a dot).
func TestHandPadTapIsDot(t *testing.T) {
	p := newPad(t, "zh", &handwritingtest.Fake{Chars: []string{"丶"}})
	test.TapAt(p.square().(fyne.Tappable), fyne.NewPos(100, 80))
	p.next()
	if calls := p.fake.Calls(); len(calls) != 1 || len(calls[0]) != 1 {
		t.Fatalf("a tap gave %v, want one stroke", calls)
	}
}

// TestHandPadNoModel: without a model the pad says so in the screen's
// language and takes no strokes.
func TestHandPadNoModel(t *testing.T) {
	for lang, want := range map[string]string{"zh": "手写用不了\n请用拼音输入", "en": "No handwriting here.\nPlease use pinyin."} {
		t.Run(lang, func(t *testing.T) {
			p := newPad(t, lang, nil)
			p.Want(want)
			p.write(handwritingtest.Glyphs["一"])
			select {
			case c := <-p.shown:
				t.Fatalf("recognised %v without a model", c)
			case <-time.After(100 * time.Millisecond):
			}
			p.Want(want)
		})
	}
}

// TestHandPadRecognizerFails: an error from the recogniser is a plain
// message, and 重写 takes it away.
func TestHandPadRecognizerFails(t *testing.T) {
	p := newPad(t, "en", &handwritingtest.Fake{Err: errors.New("boom")})
	p.write(handwritingtest.Glyphs["一"])
	p.next()
	p.Want("Could not read that: please write it again")
	p.Tap("Write again")
	if p.Has("Could not read that") {
		t.Fatal("the failure is still shown after 重写")
	}
}
