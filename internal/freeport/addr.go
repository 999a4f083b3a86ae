package freeport

import (
	"net"
	"sync"
	"testing"
)

var (
	mu    sync.Mutex
	given = map[string]bool{}
)

// Addr returns 127.0.0.1:port with a port free right now and not
// returned before in this process. The kernel may give the same
// ephemeral port to two listeners opened and closed in a row; a NATS node
// given one port for its monitor and its routes dies at start.
func Addr(t testing.TB) string {
	t.Helper()
	mu.Lock()
	defer mu.Unlock()
	for range 1000 {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatalf("freeport: %v", err)
		}
		addr := l.Addr().String()
		l.Close()
		if !given[addr] {
			given[addr] = true
			return addr
		}
	}
	t.Fatal("freeport: every port offered was handed out before")
	return ""
}
