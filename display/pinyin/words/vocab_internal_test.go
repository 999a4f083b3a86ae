package words

import (
	"slices"
	"testing"
	"unicode/utf8"
)

// TestUsualAreReadings: every entry of usual names a second reading the
// index has for its character (a typo there would silently do nothing).
func TestUsualAreReadings(t *testing.T) {
	ix, err := loadIndex()
	if err != nil {
		t.Fatal(err)
	}
	for k := range usual {
		r, n := utf8.DecodeRuneInString(k)
		c := ix.char(r)
		if c == nil || !slices.Contains(c.readings[1:], k[n:]) {
			t.Errorf("%s: not a second reading of %c", k, r)
		}
	}
}
