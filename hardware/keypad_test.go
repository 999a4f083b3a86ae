package hardware_test

import (
	"testing"
	"time"

	"opinionwall/hardware"
)

// TestMatrixDebounces: a bouncing 5 is one press and one release; a
// glitch on 9 shorter than the window is nothing.
func TestMatrixDebounces(t *testing.T) {
	m := &hardware.Matrix{Window: 20 * time.Millisecond}
	t0 := time.Unix(0, 0)
	var evs []hardware.Event
	// 5 is row 1, column 1: bouncing for 6 ms, then held 50 ms, then up.
	five := []bool{true, false, true, false, true, true, true, true, true, true, true, true, true, true, false, false, false, false, false, false}
	for i, p := range five {
		at := t0.Add(time.Duration(i) * 4 * time.Millisecond)
		evs = append(evs, m.Scan(func(r, c int) bool {
			switch {
			case r == 1 && c == 1:
				return p
			case r == 2 && c == 2:
				return i == 3 // a 4 ms glitch
			}
			return false
		}, at)...)
	}
	if len(evs) != 2 || evs[0].Input != "key5" || evs[0].Kind != hardware.Press || evs[1].Kind != hardware.Release {
		t.Fatalf("events %+v", evs)
	}
}

func TestKeyInput(t *testing.T) {
	if hardware.KeyInput('#') != "key#" || !hardware.IsKeyInput("key#") || hardware.IsKeyInput(hardware.Rate1) {
		t.Error("key inputs")
	}
}
