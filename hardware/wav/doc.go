// Package wav reads and writes the kiosk's audio as RIFF WAVE files:
// 16-bit PCM, any rate and channel count on reading (mixed down to mono
// and resampled to hardware.SampleRate), 16 kHz mono on writing. It
// imports only the standard library; the fake audio device, the espeak-ng
// adapter and voice packs use it.
package wav
