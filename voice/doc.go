// Package voice holds what voice messages need beside the codec, in pure
// Go: 16-bit PCM WAV files read and written (the booth's test recordings,
// the station's exports) and the peaks a waveform is drawn from. The
// container is voice/ogg's and the codec voice/opus's (cgo).
package voice
