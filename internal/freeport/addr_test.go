package freeport_test

import (
	"testing"

	"opinionwall/internal/freeport"
)

// TestNeverTheSamePortTwice: the kernel hands out recently closed ports
// again; Addr does not.
func TestNeverTheSamePortTwice(t *testing.T) {
	seen := map[string]bool{}
	for range 2000 {
		a := freeport.Addr(t)
		if seen[a] {
			t.Fatalf("%s handed out twice", a)
		}
		seen[a] = true
	}
}
