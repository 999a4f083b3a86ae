// Package sim is the simulated backend of package hardware: buttons, the
// handset, the motion sensor and the light and climate sensors driven by
// text commands ("press rate1", "hook up", "lux 120", ...) from the kiosk
// window's keys or a control socket, so scripts can act as a resident; LEDs
// and backlight are kept in memory for them to read back. The kiosk also
// runs on it, by touch only, when a Pi's wiring fails.
package sim
