// Package handwriting is what the kiosk's handwriting pad (手写) needs of a
// recogniser: strokes as polylines in the unit square, candidates best
// first, and ErrNoModel when the model file is not installed. Pure Go, no
// cgo: the Zinnia binding lives in display/handwriting/zinnia, and screen
// tests use the fake in display/handwriting/handwritingtest.
package handwriting
