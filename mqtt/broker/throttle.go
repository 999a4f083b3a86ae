package broker

import (
	"sync"
	"time"
)

// loginThrottle counts failed logins per key (a user name, an address).
// After max failures within window, the key is refused until window has
// passed since its last failure, so guessing costs a window per few tries
// instead of milliseconds. Keys expire with their window, so the map holds
// only what failed recently.
type loginThrottle struct {
	mu     sync.Mutex
	max    int
	window time.Duration
	fails  map[string]failures
}

type failures struct {
	n    int
	last time.Time
}

// blocked reports whether key is refused at now.
func (t *loginThrottle) blocked(key string, now time.Time) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	f, ok := t.fails[key]
	if !ok {
		return false
	}
	if now.Sub(f.last) >= t.window {
		delete(t.fails, key)
		return false
	}
	return f.n >= t.max
}

// fail records a failed login for key at now.
func (t *loginThrottle) fail(key string, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.fails == nil {
		t.fails = map[string]failures{}
	}
	f := t.fails[key]
	if now.Sub(f.last) >= t.window {
		f.n = 0
	}
	f.n++
	f.last = now
	t.fails[key] = f
	if len(t.fails) > 4096 {
		for k, v := range t.fails {
			if now.Sub(v.last) >= t.window {
				delete(t.fails, k)
			}
		}
	}
}

// succeed forgets key's failures.
func (t *loginThrottle) succeed(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.fails, key)
}

// buckets holds one token bucket pair per broker user.
type buckets struct {
	mu    sync.Mutex
	users map[string]*bucket
}

type bucket struct {
	msgs, bytes float64
	at          time.Time
}

// take reports whether user may publish a message of size bytes at now
// under rate r, and takes it from the user's buckets when so.
func (b *buckets) take(user string, r Rate, size int, now time.Time) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.users == nil {
		b.users = map[string]*bucket{}
	}
	k, ok := b.users[user]
	if !ok {
		k = &bucket{msgs: r.MsgBurst, bytes: r.ByteBurst, at: now}
		b.users[user] = k
	}
	dt := now.Sub(k.at).Seconds()
	if dt > 0 {
		k.msgs = min(r.MsgBurst, k.msgs+dt*r.Msgs)
		k.bytes = min(r.ByteBurst, k.bytes+dt*r.Bytes)
		k.at = now
	}
	if k.msgs < 1 || k.bytes < float64(size) {
		return false
	}
	k.msgs--
	k.bytes -= float64(size)
	return true
}

// logLimiter lets one line per key through every interval, so that a
// client publishing at line speed cannot flood the hub's log with one
// warning per dropped message; the counters in Stats count every one.
type logLimiter struct {
	mu       sync.Mutex
	interval time.Duration
	last     map[string]time.Time
	skipped  map[string]int
}

// allow reports whether a line for key may be logged at now, and how many
// were held back since the last one.
func (l *logLimiter) allow(key string, now time.Time) (bool, int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.last == nil {
		l.last, l.skipped = map[string]time.Time{}, map[string]int{}
	}
	if t, ok := l.last[key]; ok && now.Sub(t) < l.interval {
		l.skipped[key]++
		return false, 0
	}
	if len(l.last) > 4096 {
		clear(l.last)
		clear(l.skipped)
	}
	n := l.skipped[key]
	l.last[key], l.skipped[key] = now, 0
	return true, n
}
