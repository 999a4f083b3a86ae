package hardware_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"opinionwall/hardware"
)

var t0 = time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)

// edge is a raw level change at an offset from t0.
type edge struct {
	at      time.Duration
	pressed bool
}

// bounce makes the raw edges of a real press from down to up, with random
// contact bounce of up to 20 ms at both ends: the contact flips back and
// forth a few times before it settles.
func bounce(rng *rand.Rand, down, up time.Duration) []edge {
	var es []edge
	add := func(at time.Duration, final bool) {
		t := at
		for i, n := 0, rng.IntN(6); i < n; i++ {
			es = append(es, edge{t, final})
			half := 500*time.Microsecond + time.Duration(rng.IntN(1000))*time.Microsecond
			es = append(es, edge{t + half, !final})
			t += half + 500*time.Microsecond + time.Duration(rng.IntN(1500))*time.Microsecond
		}
		es = append(es, edge{t, final})
	}
	add(down, true)
	add(up, false)
	return es
}

// run feeds edges in order, ticks between them and after, and collects events.
func run(d *hardware.Debouncer, es []edge, end time.Duration) []hardware.Event {
	var out []hardware.Event
	for _, e := range es {
		at := t0.Add(e.at)
		for dl := d.Deadline(); !dl.IsZero() && !dl.After(at); dl = d.Deadline() {
			out = append(out, d.Tick(dl)...)
		}
		out = append(out, d.Feed(e.pressed, at)...)
	}
	for dl := d.Deadline(); !dl.IsZero() && !dl.After(t0.Add(end)); dl = d.Deadline() {
		out = append(out, d.Tick(dl)...)
	}
	return out
}

func TestBounceGivesExactlyTheRealPresses(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 500; trial++ {
		d := &hardware.Debouncer{Input: hardware.Rate3, Window: 30 * time.Millisecond}
		var es []edge
		presses := 1 + rng.IntN(5)
		at := 100 * time.Millisecond
		var downs []time.Duration
		for i := 0; i < presses; i++ {
			hold := time.Duration(80+rng.IntN(400)) * time.Millisecond
			es = append(es, bounce(rng, at, at+hold)...)
			downs = append(downs, at)
			at += hold + time.Duration(80+rng.IntN(400))*time.Millisecond
		}
		// Glitches shorter than the window between presses.
		es = append(es, edge{at, true}, edge{at + 5*time.Millisecond, false})
		sortEdges(es)
		evs := run(d, es, at+time.Second)
		var got []hardware.Event
		for _, e := range evs {
			if e.Kind == hardware.Press {
				got = append(got, e)
			}
		}
		if len(got) != presses {
			t.Fatalf("trial %d: %d presses from %d real ones: %v", trial, len(got), presses, evs)
		}
		for i, e := range got {
			if lag := e.At.Sub(t0.Add(downs[i])); lag < 0 || lag > 25*time.Millisecond {
				t.Fatalf("trial %d: press %d at %v, real at %v", trial, i, e.At.Sub(t0), downs[i])
			}
		}
		if d.Pressed() {
			t.Fatalf("trial %d: left pressed", trial)
		}
	}
}

func sortEdges(es []edge) {
	for i := 1; i < len(es); i++ {
		for j := i; j > 0 && es[j].at < es[j-1].at; j-- {
			es[j], es[j-1] = es[j-1], es[j]
		}
	}
}

func TestLongPress(t *testing.T) {
	d := &hardware.Debouncer{Input: hardware.Help, Window: 30 * time.Millisecond, LongPress: 2 * time.Second}
	evs := run(d, []edge{{0, true}, {3 * time.Second, false}}, 4*time.Second)
	kinds := []hardware.Kind{}
	for _, e := range evs {
		kinds = append(kinds, e.Kind)
	}
	if len(kinds) != 3 || kinds[0] != hardware.Press || kinds[1] != hardware.LongPress || kinds[2] != hardware.Release {
		t.Fatalf("events %v", kinds)
	}
	if !evs[1].At.Equal(t0.Add(2 * time.Second)) {
		t.Errorf("long press at %v", evs[1].At.Sub(t0))
	}
	// A short press has no long press.
	d2 := &hardware.Debouncer{Input: hardware.Help, Window: 30 * time.Millisecond, LongPress: 2 * time.Second}
	for _, e := range run(d2, []edge{{0, true}, {500 * time.Millisecond, false}}, 4*time.Second) {
		if e.Kind == hardware.LongPress {
			t.Fatal("long press on a short press")
		}
	}
}

func TestTranslate(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   hardware.Event
		want hardware.Kind
		ok   bool
	}{
		{"handset put down", hardware.Event{Kind: hardware.Press, Input: hardware.Hook}, hardware.HookDown, true},
		{"handset lifted", hardware.Event{Kind: hardware.Release, Input: hardware.Hook}, hardware.HookUp, true},
		{"someone seen", hardware.Event{Kind: hardware.Press, Input: hardware.Motion}, hardware.Moved, true},
		{"nobody seen any more", hardware.Event{Kind: hardware.Release, Input: hardware.Motion}, "", false},
		{"button unchanged", hardware.Event{Kind: hardware.Press, Input: hardware.Rate1}, hardware.Press, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := hardware.Translate(tt.in)
			if ok != tt.ok || (ok && got.Kind != tt.want) {
				t.Errorf("Translate(%+v) = %+v, %v", tt.in, got, ok)
			}
		})
	}
}

// FuzzDebouncer: whatever the edges, presses and releases alternate,
// events come in time order, and the final state follows the last level
// held for the window.
func FuzzDebouncer(f *testing.F) {
	f.Add([]byte{10, 1, 3, 0, 50, 1, 40, 0})
	f.Add([]byte{1, 1, 1, 0, 1, 1, 1, 0, 100, 1})
	f.Fuzz(func(t *testing.T, b []byte) {
		d := &hardware.Debouncer{Input: hardware.Rate1, Window: 30 * time.Millisecond, LongPress: time.Second}
		var es []edge
		at := time.Duration(0)
		for i := 0; i+1 < len(b); i += 2 {
			at += time.Duration(b[i]) * time.Millisecond
			es = append(es, edge{at, b[i+1]&1 == 1})
		}
		evs := run(d, es, at+5*time.Second)
		pressed := false
		var last time.Time
		for _, e := range evs {
			if e.At.Before(last) {
				t.Fatalf("events out of order: %v", evs)
			}
			last = e.At
			switch e.Kind {
			case hardware.Press:
				if pressed {
					t.Fatalf("two presses without a release: %v", evs)
				}
				pressed = true
			case hardware.Release:
				if !pressed {
					t.Fatalf("a release without a press: %v", evs)
				}
				pressed = false
			case hardware.LongPress:
				if !pressed {
					t.Fatalf("long press while released: %v", evs)
				}
			}
		}
		if len(es) > 0 && pressed != es[len(es)-1].pressed {
			t.Fatalf("final state %v, last level %v held: %v", pressed, es[len(es)-1].pressed, evs)
		}
	})
}

func BenchmarkDebouncerEdge(b *testing.B) {
	d := &hardware.Debouncer{Input: hardware.Rate1, Window: 30 * time.Millisecond}
	at := t0
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		at = at.Add(40 * time.Millisecond)
		d.Feed(i%2 == 0, at)
	}
}
