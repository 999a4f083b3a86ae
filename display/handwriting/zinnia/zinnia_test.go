//go:build cgo

package zinnia_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"opinionwall/display/handwriting"
	"opinionwall/display/handwriting/handwritingtest"
	"opinionwall/display/handwriting/zinnia"
)

// open loads Debian's model; the test fails (not skips) without it: the
// recognition tests are the point of this package.
func open(tb testing.TB) *zinnia.Recognizer {
	tb.Helper()
	r, err := zinnia.Open(handwriting.DefaultModel)
	if err != nil {
		tb.Fatalf("%v (install tegaki-zinnia-simplified-chinese: make deps)", err)
	}
	tb.Cleanup(func() { r.Close() })
	return r
}

// standardModel is the committed standard-order model (make
// handwriting-model), read from the tree so that the tests check what is
// committed, installed or not.
const standardModel = "../../../deploy/handwriting/handwriting-zh_CN-standard-order.model"

// openBoth is the recogniser the kiosk runs: Tegaki's model supplemented
// by the standard-order model.
func openBoth(tb testing.TB) handwriting.Supplemented {
	tb.Helper()
	s, err := zinnia.Open(standardModel)
	if err != nil {
		tb.Fatalf("%v (make handwriting-model)", err)
	}
	tb.Cleanup(func() { s.Close() })
	return handwriting.Supplemented{Main: open(tb), Extra: s, MinScore: handwriting.DefaultMinScore}
}

// top5 reports whether ch is among the first five candidates for strokes
// (densified as a finger's drag delivers them) as the pad shows them
// (handwriting.Rank), and what they were.
func top5(t *testing.T, r handwriting.Recognizer, ch string, strokes [][]handwriting.Point) (bool, []handwriting.Candidate) {
	t.Helper()
	got, err := r.Recognize(handwritingtest.Densify(strokes, 0.02), 8)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 8 {
		t.Fatalf("got %d candidates, want 8", len(got))
	}
	got = handwriting.Rank(got)[:5]
	for _, c := range got {
		if c.Char == ch {
			return true, got
		}
	}
	return false, got
}

// TestRecognizesCommonCharacters: each common character, written stroke by
// stroke in the standard order, is among the first five candidates of
// Tegaki's model supplemented by the standard-order model.
func TestRecognizesCommonCharacters(t *testing.T) {
	if r := open(t); r.Size() < 3000 {
		t.Fatalf("model knows %d characters; want the full simplified-Chinese set", r.Size())
	}
	r := openBoth(t)
	for _, ch := range handwritingtest.Order {
		t.Run(ch, func(t *testing.T) {
			if ok, got := top5(t, r, ch, handwritingtest.Glyphs[ch]); !ok {
				t.Errorf("%s not in the top 5: %v", ch, got)
			}
		})
	}
}

// TestRecognizesSmallAndShaky: the same characters written as a
// resident might — smaller (60 % of the square) and off centre, each stroke
// a little out of place (up to 3 % of the square) and with a slight tremor
// (up to 0.5 % at each point; fixed pseudo-random numbers seeded by the
// character, the same every run) — are still among the first five.
func TestRecognizesSmallAndShaky(t *testing.T) {
	r := openBoth(t)
	var seed uint32
	rnd := func(amp float32) float32 {
		seed = seed*1664525 + 1013904223 // a fixed LCG
		return (float32(seed>>8)/float32(1<<24)*2 - 1) * amp
	}
	for _, ch := range handwritingtest.Order {
		t.Run(ch, func(t *testing.T) {
			seed = uint32([]rune(ch)[0]) // each character its own wobble
			var strokes [][]handwriting.Point
			for _, st := range handwritingtest.Densify(handwritingtest.Glyphs[ch], 0.02) {
				dx, dy := rnd(0.03), rnd(0.03)
				var out []handwriting.Point
				for _, p := range st {
					out = append(out, handwriting.Point{X: 0.05 + 0.6*p.X + dx + rnd(0.005), Y: 0.3 + 0.6*p.Y + dy + rnd(0.005)})
				}
				strokes = append(strokes, out)
			}
			if ok, got := top5(t, r, ch, strokes); !ok {
				t.Errorf("%s written small and shaky not in the top 5: %v", ch, got)
			}
		})
	}
}

// TestRecognizesInModelOrder: the characters Tegaki's model knows in
// another stroke order are still recognised in that order (a resident who
// writes them so) with the supplement in place.
func TestRecognizesInModelOrder(t *testing.T) {
	r := openBoth(t)
	for ch, order := range handwritingtest.ModelOrder {
		t.Run(ch, func(t *testing.T) {
			if ok, got := top5(t, r, ch, handwritingtest.Reorder(handwritingtest.Glyphs[ch], order)); !ok {
				t.Errorf("%s in the order %v not in the top 5: %v", ch, order, got)
			}
		})
	}
}

func TestNoStrokesNoCandidates(t *testing.T) {
	r := open(t)
	for name, strokes := range map[string][][]handwriting.Point{"nil": nil, "empty strokes": {{}, {}}} {
		got, err := r.Recognize(strokes, 5)
		if err != nil || len(got) != 0 {
			t.Errorf("%s: got %v, %v; want nothing", name, got, err)
		}
	}
}

func TestMissingModel(t *testing.T) {
	_, err := zinnia.Open(filepath.Join(t.TempDir(), "none.model"))
	if !errors.Is(err, handwriting.ErrNoModel) {
		t.Fatalf("got %v, want ErrNoModel", err)
	}
}

func TestNotAModel(t *testing.T) {
	_, err := zinnia.Open("zinnia_test.go")
	if err == nil || errors.Is(err, handwriting.ErrNoModel) {
		t.Fatalf("got %v, want an error saying the model could not be read", err)
	}
}

func TestRecognizeAfterClose(t *testing.T) {
	r := open(t)
	r.Close()
	if _, err := r.Recognize(handwritingtest.Glyphs["一"], 5); err == nil {
		t.Fatal("Recognize after Close: no error")
	}
}

// BenchmarkRecognize is one recognition of each character, as the pad runs
// it after the last stroke: with Tegaki's model alone (the baseline) and
// supplemented by the standard-order model, one after the other for each
// character.
func BenchmarkRecognize(b *testing.B) {
	both := openBoth(b)
	for _, ch := range handwritingtest.Order {
		strokes := handwritingtest.Densify(handwritingtest.Glyphs[ch], 0.02)
		for _, r := range []struct {
			name string
			rec  handwriting.Recognizer
		}{{"tegaki", both.Main}, {"both", both}} {
			b.Run(ch+"/"+r.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := r.rec.Recognize(strokes, 24); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkOpen is loading each model, as the kiosk does once at start.
func BenchmarkOpen(b *testing.B) {
	for _, m := range []struct{ name, path string }{{"tegaki", handwriting.DefaultModel}, {"standard", standardModel}} {
		b.Run(m.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r, err := zinnia.Open(m.path)
				if err != nil {
					b.Fatal(err)
				}
				r.Close()
			}
		})
	}
}

// TestStandardModel: the committed standard-order model holds exactly the
// characters its list names (deploy/handwriting, both written by make
// handwriting-model).
func TestStandardModel(t *testing.T) {
	list, err := os.ReadFile("../../../deploy/handwriting/standard-order-characters.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := utf8.RuneCountInString(strings.TrimSpace(string(list)))
	s, err := zinnia.Open(standardModel)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := s.Size(); got != want || want < 100 {
		t.Errorf("the standard-order model holds %d characters, its list %d", got, want)
	}
}
