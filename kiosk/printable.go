package kiosk

import (
	"fmt"
	"strings"
	"unicode"
)

// Printable returns s safe to print on an operator's terminal: control
// characters (escape sequences that move the cursor, retitle the window
// or clear the screen), bidi controls that reorder what follows, other
// invisible format characters and invalid UTF-8 are written as Go-style
// escapes (\x1b, \u202e), and a backslash as \\, so what a kiosk sends
// is shown, never obeyed. Everything else, Chinese included, is kept.
func Printable(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == unicode.ReplacementChar && isInvalidAt(s, i):
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\\':
			b.WriteString(`\\`)
		case r < 0x80 && (unicode.IsControl(r)):
			fmt.Fprintf(&b, `\x%02x`, r)
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029':
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func needsEscape(s string) bool {
	for i, r := range s {
		if r == '\\' || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029' ||
			(r == unicode.ReplacementChar && isInvalidAt(s, i)) {
			return true
		}
	}
	return false
}

// isInvalidAt reports whether s holds an invalid UTF-8 byte at i (rather
// than a real U+FFFD).
func isInvalidAt(s string, i int) bool {
	return !strings.HasPrefix(s[i:], "\uFFFD")
}
