package main

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

// fakePolls counts refreshes and hands each one to the test.
type fakePolls struct {
	n    atomic.Int64
	fail bool
	seen chan int64
}

func (f *fakePolls) RefreshPolls(ctx context.Context) (bool, error) {
	n := f.n.Add(1)
	select {
	case f.seen <- n:
	default:
	}
	if f.fail {
		return false, errors.New("store gone")
	}
	return true, nil
}

// TestPollClock: the clock refreshes at Open and then by itself, keeps
// going through errors, and does nothing after Close.
func TestPollClock(t *testing.T) {
	for _, c := range []struct {
		name string
		fail bool
	}{
		{"refreshes", false},
		{"keeps going through errors", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := &fakePolls{fail: c.fail, seen: make(chan int64, 1)}
			clock := &pollClock{Polls: f, Interval: time.Millisecond}
			if err := clock.Open(); err != nil {
				t.Fatal(err)
			}
			timeout := time.After(10 * time.Second)
			for n := int64(0); n < 3; {
				select {
				case n = <-f.seen:
				case <-timeout:
					t.Fatalf("%d refreshes after 10 s", f.n.Load())
				}
			}
			if err := clock.Close(); err != nil {
				t.Fatal(err)
			}
			after := f.n.Load()
			if err := clock.Close(); err != nil {
				t.Errorf("second close: %v", err)
			}
			if got := f.n.Load(); got != after {
				t.Errorf("%d refreshes after Close", got-after)
			}
		})
	}
}
