// Package handwritingtest holds what tests of handwriting need: common
// characters written as polylines in their stroke order (Glyphs), and a
// fake recogniser for screen tests that run without cgo. Production code
// never imports it.
package handwritingtest
