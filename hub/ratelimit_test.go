package hub

import (
	"fmt"
	"testing"
	"time"
)

func TestRateLimit(t *testing.T) {
	var l RateLimit
	for i := range 3 {
		if !l.Allow("a", 3, t0) {
			t.Fatalf("request %d refused", i+1)
		}
	}
	if l.Allow("a", 3, t0) {
		t.Error("a fourth in the same instant")
	}
	if !l.Allow("b", 3, t0) {
		t.Error("another key shares the bucket")
	}
	if !l.Allow("a", 3, t0.Add(20*time.Second)) || l.Allow("a", 3, t0.Add(20*time.Second)) {
		t.Error("20 s refill one of three a minute")
	}
	for i := range maxBuckets + 10 {
		l.Allow(fmt.Sprint(i), 1, t0.Add(2*time.Minute))
	}
	if len(l.buckets) > maxBuckets+1 {
		t.Errorf("%d buckets kept", len(l.buckets))
	}
}
