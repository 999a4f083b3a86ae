package kiosk

import (
	"testing"
	"time"
)

// TestPINBackoff: each wrong PIN doubles the wait before the next try (1 s,
// 2 s, 4 s … at most 5 min); a try during the wait is refused even when
// right, and not counted; the right PIN after the wait clears it.
func TestPINBackoff(t *testing.T) {
	t0 := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	var b PINBackoff
	now := t0
	want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second, 32 * time.Second,
		64 * time.Second, 128 * time.Second, 256 * time.Second, 5 * time.Minute, 5 * time.Minute}
	for i, w := range want {
		ok, d := b.Try("000000", "480731", now)
		if ok || d != w || b.Wait(now) != w {
			t.Fatalf("wrong PIN %d: ok=%v wait %v, want %v", i+1, ok, d, w)
		}
		if ok, left := b.Try("480731", "480731", now.Add(w/2)); ok || left != w-w/2 {
			t.Fatalf("the right PIN during wait %d: ok=%v left %v", i+1, ok, left)
		}
		if b.Fails() != i+1 {
			t.Fatalf("fails %d after %d wrong PINs and a try while waiting", b.Fails(), i+1)
		}
		now = now.Add(w)
	}
	if ok, _ := b.Try("480731", "480731", now); !ok || b.Fails() != 0 || b.Wait(now) != 0 {
		t.Fatalf("the right PIN after the wait: ok=%v fails %d", ok, b.Fails())
	}
	if ok, _ := b.Try("", "", now); ok {
		t.Error("an empty PIN matched an unset one")
	}
}
