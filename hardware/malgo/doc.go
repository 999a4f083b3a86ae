// Package malgo plays and records the booth's audio through miniaudio
// (github.com/gen2brain/malgo, cgo), which loads ALSA or PulseAudio at run
// time: the sound card wired to the handset, named in the kiosk's
// configuration. It is the thin adapter behind hardware.Audio; the booth's
// logic and its tests use hardware/audiotest instead.
package malgo
