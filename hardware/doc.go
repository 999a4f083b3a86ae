// Package hardware describes the kiosk's devices in domain terms: button,
// handset and motion events, LED patterns, sensor readings and the
// backlight, the debouncer that turns raw GPIO edges into clean presses,
// and the screen controller that dims an idle backlight at night. It
// imports only the standard library and knows nothing of visits: what a
// button means for one is decided in cmd/kiosk. hardware/periph drives a
// Raspberry Pi through periph.io, hardware/sim stands in for it.
package hardware
