package hub

import (
	"sync"
	"time"
)

// RateLimit counts requests per key (an API key, an address) in token
// buckets: each holds a minute's allowance and refills evenly. The zero
// value is ready.
type RateLimit struct {
	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

// maxBuckets bounds the memory a flood of addresses can take: past it,
// buckets that are full again are forgotten.
const maxBuckets = 10000

// Allow takes one request of key, which may make perMinute a minute
// (bursts up to perMinute), and reports whether it is within its rate.
func (l *RateLimit) Allow(key string, perMinute int, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.buckets == nil {
		l.buckets = map[string]*bucket{}
	}
	limit := float64(perMinute)
	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) >= maxBuckets {
			l.forget(now)
		}
		b = &bucket{tokens: limit, at: now}
		l.buckets[key] = b
	}
	if dt := now.Sub(b.at); dt > 0 {
		b.tokens = min(limit, b.tokens+dt.Minutes()*limit)
		b.at = now
	}
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// forget drops the buckets idle for a minute (full again); in a flood of
// new keys where none is, all of them: memory stays bounded, and the
// flood's keys start again from a full minute's allowance.
func (l *RateLimit) forget(now time.Time) {
	for k, b := range l.buckets {
		if now.Sub(b.at) >= time.Minute {
			delete(l.buckets, k)
		}
	}
	if len(l.buckets) >= maxBuckets {
		clear(l.buckets)
	}
}
