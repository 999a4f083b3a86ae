package mqtt

import (
	"context"
	"math/rand/v2"
	"time"
)

// MaxSpread caps the spread a kiosk takes from the hub's state: the state
// is not signed, and a kiosk never waits longer than this to drain.
const MaxSpread = time.Minute

// paceWait is how long a kiosk that just connected waits for the hub's
// retained state (and its pace) before it drains without one.
const paceWait = 2 * time.Second

// pace is what the hub's state asks of this kiosk (docs/PROTOCOL.md, "The
// hub's pace"); loop-owned.
type pace struct {
	known  bool          // a hub state was seen since Open
	await  bool          // the hold waits for the hub's state
	window int           // most submissions in flight; 0: the relay's own Window
	spread time.Duration // the resend starts at a random point within it
}

// window is how many submissions may be in flight: the relay's Window, or
// the hub's when smaller.
func (r *Relay) window() int {
	if r.pace.window > 0 {
		return min(r.pace.window, r.Window)
	}
	return r.Window
}

// setPace takes the pace from the hub's online state.
func (r *Relay) setPace(st StateMsg) {
	r.pace.known, r.pace.window = true, st.Window
	r.pace.spread = min(time.Duration(st.SpreadMS)*time.Millisecond, MaxSpread)
}

// resendSpread resends everything unacknowledged at a random point within
// the hub's spread, so that a fleet coming back together does not drain at
// once; without a pace yet (just started), it first waits for the hub's
// state, at most paceWait. Nothing is published while it waits. A wait
// already running is not moved.
func (r *Relay) resendSpread(ctx context.Context, why string) {
	if r.holding {
		return
	}
	var d time.Duration
	switch {
	case !r.pace.known:
		d, r.pace.await = paceWait, true
	case r.pace.spread > 0:
		d = rand.N(r.pace.spread)
	default:
		r.resendAll(ctx, why)
		return
	}
	r.hold(d, why)
}

// hold stops publishing submissions until the timer ends (loop: resume).
func (r *Relay) hold(d time.Duration, why string) {
	r.holding, r.holdWhy = true, why
	if r.resume == nil {
		r.resume = time.NewTimer(d)
		return
	}
	r.resume.Stop()
	r.resume.Reset(d)
}

// paceSeen: the hub's state came while the relay waited for it; the wait
// becomes a random point within the spread.
func (r *Relay) paceSeen(ctx context.Context) {
	if !r.holding || !r.pace.await {
		return
	}
	r.holding, r.pace.await = false, false
	r.resendSpread(ctx, r.holdWhy)
}

// resumed ends a hold: resend everything unacknowledged and drain.
func (r *Relay) resumed(ctx context.Context) {
	if !r.holding {
		return
	}
	r.holding, r.pace.await = false, false
	r.resendAll(ctx, r.holdWhy)
}

// resumeC is the hold's timer channel; nil (never ready) without one.
func (r *Relay) resumeC() <-chan time.Time {
	if r.resume == nil {
		return nil
	}
	return r.resume.C
}
