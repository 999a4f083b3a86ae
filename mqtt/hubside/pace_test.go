package hubside

import (
	"testing"
	"time"
)

// TestPaceFollowsTheCommits: while the hub is behind, the budget becomes a
// second's worth of what it committed, shared among the fleet; once it
// keeps up, the budget grows back by a quarter a second toward its maximum.
func TestPaceFollowsTheCommits(t *testing.T) {
	p := newPacer(Pace{Fleet: 100, Budget: 16384})
	if w, spread := p.pace(); w != 163 || spread != 200*time.Millisecond {
		t.Fatalf("window %d, spread %v; want 16384/100, 100 × 2 ms", w, spread)
	}
	p.state(time.Now()) // said: 163
	if !p.tune(2000, true, time.Second) {
		t.Error("a budget from 16,384 down to 2,000 did not move the window")
	}
	if w, _ := p.pace(); w != 20 {
		t.Errorf("window %d after 2,000 committed in a second while behind; want 2000/100", w)
	}
	p.state(time.Now())
	p.tune(3000, true, time.Second) // 1,000 more in a second
	if w, _ := p.pace(); w != 10 {
		t.Errorf("window %d; want 1000/100", w)
	}
	for range 3 {
		p.tune(3000, false, time.Second)
	}
	if w, _ := p.pace(); w != 19 { // 1,000 → 1,250 → 1,562 → 1,952
		t.Errorf("window %d after three seconds keeping up; want 1,952/100", w)
	}
	p.tune(3000, true, time.Second) // behind, but nothing committed: unchanged
	if w, _ := p.pace(); w != 19 {
		t.Errorf("window %d after a second without commits; want it kept", w)
	}
	for range 20 {
		p.tune(3000, false, time.Second)
	}
	if w, _ := p.pace(); w != 163 {
		t.Errorf("window %d; want back at 16384/100", w)
	}
}
