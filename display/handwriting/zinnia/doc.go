// Package zinnia binds the Zinnia handwriting recogniser (libzinnia, C++)
// through cgo for the kiosk's handwriting pad, with Tegaki's
// simplified-Chinese model from Debian (tegaki-zinnia-simplified-chinese)
// and the standard-order model of deploy/handwriting, one Recognizer per
// model (the kiosk joins them with handwriting.Supplemented). It is a thin
// adapter: it turns handwriting.Point strokes, fitted to the canvas
// (handwriting.Fitter), into a Zinnia character and the result back into
// candidates, nothing else. Building it needs libzinnia-dev
// (deploy/deps.sh; for the Pi's arm64 build the extracted :arm64 package,
// see deploy/release.sh).
package zinnia
