package handwriting_test

import (
	"errors"
	"slices"
	"testing"

	"opinionwall/display/handwriting"
)

// fixed proposes the same candidates for any strokes, or fails.
type fixed struct {
	cands []handwriting.Candidate
	err   error
}

func (f fixed) Recognize(_ [][]handwriting.Point, n int) ([]handwriting.Candidate, error) {
	return f.cands[:min(n, len(f.cands))], f.err
}

// cands makes candidates of the characters of s with the given scores.
func cands(s string, scores ...float32) []handwriting.Candidate {
	var out []handwriting.Candidate
	for i, r := range []rune(s) {
		out = append(out, handwriting.Candidate{Char: string(r), Score: scores[i]})
	}
	return out
}

func TestSupplemented(t *testing.T) {
	main := cands("贝仆如父井", 0.5, -0.1, -0.3, -0.35, -0.4)
	for _, c := range []struct {
		name  string
		extra []handwriting.Candidate
		n     int
		want  string
	}{
		{"sure ones in turn after main's", cands("火忆悄", -0.35, -0.45, -0.6), 8, "贝火仆忆如父井"},
		{"unsure ones left out", cands("于寺", -0.51, -0.9), 8, "贝仆如父井"},
		{"a character once", cands("仆火", 0.2, -0.1), 8, "贝仆火如父井"},
		{"at most n", cands("火忆", -0.35, -0.45), 3, "贝火仆"},
		{"no extra", nil, 8, "贝仆如父井"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := handwriting.Supplemented{Main: fixed{cands: main}, Extra: fixed{cands: c.extra}, MinScore: -0.5}
			got, err := r.Recognize([][]handwriting.Point{{{X: 0.5, Y: 0.5}}}, c.n)
			if err != nil {
				t.Fatal(err)
			}
			var chars []string
			for _, x := range got {
				chars = append(chars, x.Char)
			}
			var want []string
			for _, r := range c.want {
				want = append(want, string(r))
			}
			if !slices.Equal(chars, want) {
				t.Errorf("got %v, want %v", chars, want)
			}
		})
	}
}

func TestSupplementedErrors(t *testing.T) {
	boom := errors.New("boom")
	ok := fixed{cands: cands("大", 1)}
	for name, r := range map[string]handwriting.Supplemented{
		"main fails":  {Main: fixed{err: boom}, Extra: ok},
		"extra fails": {Main: ok, Extra: fixed{err: boom}},
	} {
		if _, err := r.Recognize([][]handwriting.Point{{{X: 0.5, Y: 0.5}}}, 5); !errors.Is(err, boom) {
			t.Errorf("%s: got %v, want the error", name, err)
		}
	}
}
