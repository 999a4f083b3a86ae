package booth

import "opinionwall/hardware"

// Key is a key of the telephone keypad: '0'-'9', '*' and '#'; KeyLouder
// is the volume toggle (the help button, or 0 at the menu).
type Key byte

// Keys with a meaning of their own.
const (
	KeyStar   Key = '*'
	KeyHash   Key = '#'
	KeyLouder Key = 'L'
)

// Digit reports whether k is 0-9.
func (k Key) Digit() bool { return k >= '0' && k <= '9' }

// KeyOf maps a hardware input to a key: the keypad's "key1".."key#", the
// four rating buttons as 1-4 and the help button as the volume toggle.
func KeyOf(input string) (Key, bool) {
	switch input {
	case hardware.Rate1:
		return '1', true
	case hardware.Rate2:
		return '2', true
	case hardware.Rate3:
		return '3', true
	case hardware.Rate4:
		return '4', true
	case hardware.Help:
		return KeyLouder, true
	}
	if len(input) == 4 && input[:3] == "key" {
		k := Key(input[3])
		if k.Digit() || k == KeyStar || k == KeyHash {
			return k, true
		}
	}
	return 0, false
}
