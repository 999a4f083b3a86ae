// Package playback plays voice messages on the station PC: a thin cgo
// adapter over miniaudio (github.com/gen2brain/malgo, which loads ALSA or
// PulseAudio at run time) and libopus (voice/opus). A Track is one
// recording decoded to 16 kHz mono; its device is made on the first Play.
package playback
