package kiosk

import "time"

// Window counts events over the last Span, to limit them to Max (a
// sliding window: each event counts for Span after it). The zero Max
// limits nothing. Not safe for concurrent use.
type Window struct {
	Span time.Duration
	Max  int
	at   []time.Time
}

// Full reports whether Max events happened in the Span before now.
func (w *Window) Full(now time.Time) bool {
	keep := w.at[:0]
	for _, t := range w.at {
		if now.Sub(t) < w.Span {
			keep = append(keep, t)
		}
	}
	w.at = keep
	return w.Max > 0 && len(w.at) >= w.Max
}

// Add counts an event at now.
func (w *Window) Add(now time.Time) {
	w.Full(now)
	w.at = append(w.at, now)
}
