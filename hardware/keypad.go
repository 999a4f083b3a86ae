package hardware

import (
	"strings"
	"time"
)

// KeypadLayout is the 3×4 telephone keypad, rows top to bottom, columns
// left to right.
var KeypadLayout = [4][3]byte{{'1', '2', '3'}, {'4', '5', '6'}, {'7', '8', '9'}, {'*', '0', '#'}}

// KeyInput names the input of a keypad key: "key5", "key*", "key#".
func KeyInput(k byte) string { return "key" + string(k) }

// IsKeyInput reports whether input is a keypad key's.
func IsKeyInput(input string) bool { return strings.HasPrefix(input, "key") && len(input) == 4 }

// Matrix scans a 3×4 keypad matrix through one debouncer per key: the
// caller drives each row in turn and reports which columns read pressed.
// It is a pure state machine fed samples and time, like Debouncer.
type Matrix struct {
	Window time.Duration // a key's state must hold this long
	keys   [4][3]Debouncer
	init   bool
}

// Scan takes one full scan, pressed(row, col) for every key, at now, and
// returns the key events that became certain.
func (m *Matrix) Scan(pressed func(row, col int) bool, now time.Time) []Event {
	if !m.init {
		for r := range m.keys {
			for c := range m.keys[r] {
				m.keys[r][c] = Debouncer{Input: KeyInput(KeypadLayout[r][c]), Window: m.Window}
			}
		}
		m.init = true
	}
	var evs []Event
	for r := range m.keys {
		for c := range m.keys[r] {
			evs = append(evs, m.keys[r][c].Feed(pressed(r, c), now)...)
		}
	}
	return evs
}
