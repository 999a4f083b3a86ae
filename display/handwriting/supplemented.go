package handwriting

// Supplemented is a recogniser with a supplement: Main proposes from every
// character it knows, Extra only characters that Main misses when they are
// written in the standard stroke order (the standard-order model). A
// candidate of Extra scoring at least MinScore is shown after each of
// Main's first ones, in turn, so that a character Main holds in another
// order still comes up near the top, while Extra's unsure guesses, for a
// character it does not know, stay out of the way.
type Supplemented struct {
	Main, Extra Recognizer
	MinScore    float32
}

var _ Recognizer = Supplemented{}

// DefaultMinScore is the least score of a supplementary candidate that is
// shown. Measured on the 3,755 characters of GB2312 level 1, each written
// from its medians with a jitter the model was not trained with
// (docs/BENCHMARKS.md): from -0.45 up none of Tegaki's hits is pushed out
// of the first five, from -0.5 down some are; every target is in the
// first five from -0.4 down. The tests' characters that need the
// supplement score -0.35 and above.
const DefaultMinScore = -0.45

// Recognize returns at most n candidates: Main's and Extra's sure ones
// taken in turn, Main first, each character once.
func (s Supplemented) Recognize(strokes [][]Point, n int) ([]Candidate, error) {
	main, err := s.Main.Recognize(strokes, n)
	if err != nil {
		return nil, err
	}
	extra, err := s.Extra.Recognize(strokes, n)
	if err != nil {
		return nil, err
	}
	sure := extra[:0:0]
	for _, c := range extra {
		if c.Score >= s.MinScore {
			sure = append(sure, c)
		}
	}
	return interleave(main, sure, n), nil
}

// interleave takes a's and b's candidates in turn, a first, each character
// once, at most n.
func interleave(a, b []Candidate, n int) []Candidate {
	out := make([]Candidate, 0, min(n, len(a)+len(b)))
	seen := map[string]bool{}
	for i := 0; len(out) < n && (i < len(a) || i < len(b)); i++ {
		for _, l := range [2][]Candidate{a, b} {
			if i < len(l) && !seen[l[i].Char] && len(out) < n {
				seen[l[i].Char] = true
				out = append(out, l[i])
			}
		}
	}
	return out
}
