// Package booth is the phone booth as a telephone: a caller lifts the
// handset, hears a menu in Mandarin and does everything by keys — rates a
// service, listens to the reply wall, looks a receipt code up, leaves a
// voice message. It is the dialogue only: the sound card is a
// hardware.Audio, prompts come from a Voice (recorded voice pack first,
// then speech synthesis), the answers from kiosk stores. One goroutine per
// visit runs the dialogue as a script; hanging up cancels it at once. It
// imports only the standard library and the kiosk and hardware domains.
package booth
