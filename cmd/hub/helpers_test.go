package main

import (
	"testing"
	"time"
)

// waitFor waits until cond holds, failing the test with what() after d.
func waitFor(t *testing.T, d time.Duration, cond func() bool, what func() string) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("after %s: %s", d, what())
		}
		time.Sleep(20 * time.Millisecond)
	}
}
