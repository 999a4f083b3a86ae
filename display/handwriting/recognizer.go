package handwriting

import "errors"

// Point is a point of a stroke in the unit square of the pad: X from the
// left edge, Y from the top edge, both 0 to 1.
type Point struct{ X, Y float32 }

// Candidate is one character the recogniser proposes and its score (higher
// is better; the scale is the engine's own).
type Candidate struct {
	Char  string
	Score float32
}

// Recognizer proposes characters for what was written.
type Recognizer interface {
	// Recognize returns at most n candidates for strokes (in the order they
	// were written), best first. No strokes give no candidates.
	Recognize(strokes [][]Point, n int) ([]Candidate, error)
}

// ErrNoModel is returned when the recogniser's model file is not there:
// the pad says handwriting is not available and pinyin still works.
var ErrNoModel = errors.New("handwriting model not installed")

// DefaultModel is where Debian's tegaki-zinnia-simplified-chinese package
// installs the Tegaki simplified-Chinese model for Zinnia.
const DefaultModel = "/usr/share/tegaki/models/zinnia/handwriting-zh_CN.model"

// DefaultStandardModel is where make deps and the Pi's setup install the
// standard-order model (deploy/handwriting), the supplement for the
// characters the Tegaki model misses in the standard stroke order.
const DefaultStandardModel = "/usr/share/opinionwall/handwriting-zh_CN-standard-order.model"
