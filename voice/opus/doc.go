// Package opus is the thin cgo adapter over libopus (gopkg.in/hraban/opus.v2,
// Debian's libopus-dev): it turns 16-bit mono PCM into an Ogg Opus file
// (the container is voice/ogg's, pure Go) and an Ogg Opus file back into
// PCM, nothing else. Voice messages are coded at 16 kHz (wideband), about
// 16 kbit/s, in 20 ms frames: a minute is about 120 KB.
package opus
