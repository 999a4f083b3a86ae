// Package audiotest is a file-backed fake audio device for tests and the
// simulator: it keeps every clip played (and writes it as a WAV file when
// given a directory) and plays queued WAV files or samples into "the
// microphone". It imports only the standard library and the kiosk's
// hardware and wav packages.
package audiotest
