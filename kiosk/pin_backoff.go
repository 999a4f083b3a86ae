package kiosk

import (
	"crypto/subtle"
	"time"
)

// PINBackoff slows down guessing a PIN typed on a screen (the kiosk's
// maintenance PIN): after each wrong PIN the next try waits, twice as
// long each time, from PINBackoffFirst to at most PINBackoffMax; a right
// PIN clears it. A try while waiting is refused without being compared.
// The zero PINBackoff has no wrong tries.
type PINBackoff struct {
	fails int
	until time.Time
}

// The back-off's delays.
const (
	PINBackoffFirst = time.Second
	PINBackoffMax   = 5 * time.Minute
)

// Wait returns how long the next try must wait at now; 0: it may be made.
func (b *PINBackoff) Wait(now time.Time) time.Duration {
	if now.Before(b.until) {
		return b.until.Sub(now)
	}
	return 0
}

// Fails returns the wrong tries since the last right one.
func (b *PINBackoff) Fails() int { return b.fails }

// Try checks pin against want at now. While a wait runs it returns false
// and what is left of the wait; a wrong PIN returns false and the wait it
// starts; the right one returns true.
func (b *PINBackoff) Try(pin, want string, now time.Time) (bool, time.Duration) {
	if w := b.Wait(now); w > 0 {
		return false, w
	}
	if want != "" && subtle.ConstantTimeCompare([]byte(pin), []byte(want)) == 1 {
		*b = PINBackoff{}
		return true, 0
	}
	b.fails++
	d := PINBackoffFirst
	for i := 1; i < b.fails && d < PINBackoffMax; i++ {
		d *= 2
	}
	d = min(d, PINBackoffMax)
	b.until = now.Add(d)
	return false, d
}
