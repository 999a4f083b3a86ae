// Package handwriting is what the kiosk's handwriting pad (手写) needs of a
// recogniser: strokes as polylines in the unit square, candidates best
// first, and ErrNoModel when the model file is not installed. Pure Go, no
// cgo: the Zinnia binding lives in display/handwriting/zinnia, and screen
// tests use the fake in display/handwriting/handwritingtest.
//
// Tegaki's model misses about one common character in five when it is
// written in the stroke order taught in school (山, 水, 火 among them).
// Supplemented joins it with a second model trained on those characters in
// the standard order (deploy/handwriting), made by internal/genmodel and
// zinnia_learn from hanzi-writer-data's stroke medians (Make Me a Hanzi,
// derived from Arphic's fonts): the data and the model trained on it are
// under the Arphic Public License, deploy/handwriting/ARPHICPL.TXT, which
// is shipped beside the model. Fitter fits strokes to the canvas the same
// way for recognition and for training.
package handwriting
