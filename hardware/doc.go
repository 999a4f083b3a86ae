// Package hardware is the kiosk's physical side in domain terms: button,
// handset and motion events, LED patterns, sensor readings and the
// backlight, and the debouncer that turns raw GPIO edges into clean
// presses. It imports only the standard library; hardware/periph drives a
// Raspberry Pi through periph.io, hardware/sim stands in for it.
package hardware
