package kiosk_test

import (
	"testing"

	"opinionwall/kiosk"
)

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"relay connected":                   "relay connected",
		"垃圾站 138******78":                   "垃圾站 138******78",
		"\x1b[2J\x1b]0;pwned\x07":           `\x1b[2J\x1b]0;pwned\x07`,
		"ok\u202edetail\u2066x\u2069\u200f": `ok\u202edetail\u2066x\u2069\u200f`,
		"a\tb\r\nc\x00":                     `a\x09b\x0d\x0ac\x00`,
		"back\\slash":                       `back\\slash`,
		"\xff\xfe bad utf-8, real \uFFFD":   `\xff\xfe bad utf-8, real ` + "\uFFFD",
		"\u0085next line\u2028sep\ufeffbom": `\u0085next line\u2028sep\ufeffbom`,
	} {
		if got := kiosk.Printable(in); got != want {
			t.Errorf("Printable(%q) = %q, want %q", in, got, want)
		}
	}
}
