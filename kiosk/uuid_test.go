package kiosk_test

import (
	"testing"
	"time"

	"opinionwall/kiosk"
)

func TestUUIDv7(t *testing.T) {
	var g kiosk.UUIDGen
	now := time.Date(2026, 11, 29, 8, 0, 0, 0, time.UTC)
	prev := ""
	seen := map[string]bool{}
	for i := 0; i < 10000; i++ {
		// Many in one millisecond, then the clock steps back: still ordered.
		at := now.Add(time.Duration(i/5000) * time.Millisecond)
		if i == 7000 {
			now = now.Add(-time.Second)
		}
		id := g.New(at)
		if !kiosk.ValidUUID(id) {
			t.Fatalf("%q is not a valid UUIDv7", id)
		}
		if id <= prev || seen[id] {
			t.Fatalf("id %d %s is not after %s", i, id, prev)
		}
		prev, seen[id] = id, true
	}
	for _, tt := range []struct{ name, bad string }{
		{"empty", ""},
		{"version 4", "0190b5a0-0000-4000-8000-000000000000"},
		{"upper case", "0190B5A0-0000-7000-8000-000000000000"},
		{"wrong variant", "0190b5a0-0000-7000-c000-000000000000"},
		{"no dashes", "0190b5a000007000800000000000000000000"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if kiosk.ValidUUID(tt.bad) {
				t.Errorf("ValidUUID(%q) = true", tt.bad)
			}
		})
	}
}

func TestPlainMessage(t *testing.T) {
	full := kiosk.WrapError(kiosk.EUNAVAILABLE, nil, "disk full")
	if got := kiosk.PlainMessage(full, "en"); got == "" || got == full.Error() {
		t.Errorf("plain message for a resident: %q", got)
	}
	if kiosk.PlainMessage(full, "zh") == kiosk.PlainMessage(kiosk.Errorf(kiosk.EINVALID, "x"), "zh") {
		t.Error("unavailable and invalid read the same")
	}
	if got := kiosk.ErrorCode(errPlain{}); got != kiosk.EINTERNAL {
		t.Errorf("code of a foreign error = %q", got)
	}
}

type errPlain struct{}

func (errPlain) Error() string { return "plain" }
