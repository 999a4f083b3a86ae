package ops

import (
	"strings"
	"sync"
)

// Ring keeps the last lines written to it: the kiosk's log for the logs
// command, whatever the journal keeps.
type Ring struct {
	mu    sync.Mutex
	size  int
	lines []string
	next  int
	part  string
}

// NewRing keeps the last size lines.
func NewRing(size int) *Ring { return &Ring{size: size} }

// Write takes log output; it never fails.
func (r *Ring) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.part + string(p)
	parts := strings.Split(s, "\n")
	r.part = parts[len(parts)-1]
	for _, l := range parts[:len(parts)-1] {
		if len(r.lines) < r.size {
			r.lines = append(r.lines, l)
		} else {
			r.lines[r.next] = l
			r.next = (r.next + 1) % r.size
		}
	}
	return len(p), nil
}

// last returns up to n of the last lines, oldest first.
func (r *Ring) last(n int) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	all := append(append([]string(nil), r.lines[r.next:]...), r.lines[:r.next]...)
	if n < len(all) {
		all = all[len(all)-n:]
	}
	return all
}
