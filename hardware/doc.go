// Package hardware will hold the interfaces for a kiosk's physical inputs
// and outputs: buttons, the booth's handset hook switch, the motion sensor,
// light and climate sensors, LEDs and the backlight (DESIGN.md §7), with a
// Raspberry Pi backend on periph.io and a simulated one beside it.
//
// Nothing is here yet: it is built by the hardware issue. The session
// package already takes the events these produce (Wake, HookUp, HookDown,
// ButtonRating).
package hardware
