// Package zinnia binds the Zinnia handwriting recogniser (libzinnia, C++)
// through cgo for the kiosk's handwriting pad, with Tegaki's
// simplified-Chinese model from Debian (tegaki-zinnia-simplified-chinese).
// It is a thin adapter: it turns handwriting.Point strokes into a Zinnia
// character and the result back into candidates, nothing else. Building it
// needs libzinnia-dev (deploy/deps.sh; for the Pi's arm64 build the
// extracted :arm64 package, see deploy/release.sh).
package zinnia
