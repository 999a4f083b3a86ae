package handwritingtest

import (
	"sync"

	"opinionwall/display/handwriting"
)

// Fake is a recogniser for screen tests: it proposes Chars (at most n of
// them) for any strokes and remembers what it was given.
type Fake struct {
	Chars []string
	Err   error
	// Gate, when set, holds every recognition until it receives (a slow
	// recogniser).
	Gate chan struct{}

	mu    sync.Mutex
	calls [][][]handwriting.Point
}

var _ handwriting.Recognizer = (*Fake)(nil)

// Recognize records strokes and returns the first n of Chars, or Err.
func (f *Fake) Recognize(strokes [][]handwriting.Point, n int) ([]handwriting.Candidate, error) {
	if f.Gate != nil {
		<-f.Gate
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	cp := make([][]handwriting.Point, len(strokes))
	for i, st := range strokes {
		cp[i] = append([]handwriting.Point(nil), st...)
	}
	f.calls = append(f.calls, cp)
	if f.Err != nil {
		return nil, f.Err
	}
	var out []handwriting.Candidate
	for i, c := range f.Chars {
		if i == n {
			break
		}
		out = append(out, handwriting.Candidate{Char: c, Score: float32(len(f.Chars) - i)})
	}
	return out, nil
}

// Calls returns the strokes of every call so far, oldest first.
func (f *Fake) Calls() [][][]handwriting.Point {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([][][]handwriting.Point(nil), f.calls...)
}
