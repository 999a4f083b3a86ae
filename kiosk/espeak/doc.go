// Package espeak synthesises the booth's Mandarin speech with the
// espeak-ng command (Debian's espeak-ng, voice cmn), 16 kHz mono, keeping
// what it said in memory and, given a directory, on disk: a reply read
// twice is synthesised once, and the fixed prompts rendered at install
// (`kiosk voicepack render`) are never synthesised on a caller's time.
package espeak
