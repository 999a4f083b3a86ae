package broker

import (
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mochi-mqtt/server/v2/listeners"
	"github.com/mochi-mqtt/server/v2/packets"
)

// guardedListener bounds what a connection can cost before it has
// authenticated: at most maxConns are open at once (more are closed at
// accept), each must send its CONNECT within timeout (mochi sets the
// keep-alive deadline after it), and the first packet must be a CONNECT of
// at most MaxConnectBytes. mochi checks only the broker-wide maximum packet
// size, and only after the CONNECT does it count clients.
type guardedListener struct {
	net.Listener
	tls      *tls.Config // nil for plain TCP
	maxConns int64
	timeout  time.Duration
	open     atomic.Int64
	turned   *atomic.Int64 // connections closed at accept or for a bad first packet
}

func (l *guardedListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		if l.open.Add(1) > l.maxConns {
			l.open.Add(-1)
			l.turned.Add(1)
			c.Close()
			continue
		}
		if err := c.SetDeadline(time.Now().Add(l.timeout)); err != nil {
			l.open.Add(-1)
			c.Close()
			continue
		}
		counted := &countedConn{Conn: c, l: l}
		var inner net.Conn = counted
		if l.tls != nil {
			inner = tls.Server(counted, l.tls)
		}
		return &connectGuard{Conn: inner, turned: l.turned}, nil
	}
}

// countedConn gives its place back when closed.
type countedConn struct {
	net.Conn
	l    *guardedListener
	once sync.Once
}

func (c *countedConn) Close() error {
	c.once.Do(func() { c.l.open.Add(-1) })
	return c.Conn.Close()
}

// errBadFirstPacket closes a connection whose first packet is not a small
// CONNECT.
var errBadFirstPacket = errors.New("first packet is not a CONNECT within the size limit")

// connectGuard reads the first packet's fixed header itself and refuses
// anything but a CONNECT of at most MaxConnectBytes; then it hands the
// header and the rest of the stream to mochi.
type connectGuard struct {
	net.Conn
	turned  *atomic.Int64
	checked bool
	pending []byte
}

func (g *connectGuard) Read(p []byte) (int, error) {
	if !g.checked {
		g.checked = true
		head, err := readFixedHeader(g.Conn)
		if err != nil {
			g.turned.Add(1)
			g.Conn.Close()
			return 0, err
		}
		g.pending = head
	}
	if len(g.pending) > 0 {
		n := copy(p, g.pending)
		g.pending = g.pending[n:]
		return n, nil
	}
	return g.Conn.Read(p)
}

// readFixedHeader reads a CONNECT's fixed header (a type byte and one to
// four bytes of remaining length) and checks its type and size.
func readFixedHeader(c net.Conn) ([]byte, error) {
	head := make([]byte, 0, 5)
	b := make([]byte, 1)
	if _, err := readFull(c, b); err != nil {
		return nil, err
	}
	if b[0] != 0x10 {
		return nil, fmt.Errorf("%w: type byte %#x", errBadFirstPacket, b[0])
	}
	head = append(head, b[0])
	remaining, mult := 0, 1
	for i := 0; i < 4; i++ {
		if _, err := readFull(c, b); err != nil {
			return nil, err
		}
		head = append(head, b[0])
		remaining += int(b[0]&0x7f) * mult
		if remaining > MaxConnectBytes {
			return nil, fmt.Errorf("%w: announces %d bytes", errBadFirstPacket, remaining)
		}
		if b[0]&0x80 == 0 {
			return head, nil
		}
		mult *= 128
	}
	return nil, fmt.Errorf("%w: malformed length", errBadFirstPacket)
}

func readFull(c net.Conn, b []byte) (int, error) {
	n := 0
	for n < len(b) {
		m, err := c.Read(b[n:])
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// mochiListener serves a guardedListener to mochi. It replaces mochi's
// listeners.Net, whose warnings had an empty message and no address:
// "connection ended" says why and from where. Refused logins are not
// repeated here: the auth hook logged them with the user and client id.
type mochiListener struct {
	id  string
	l   *guardedListener
	log *slog.Logger
	end atomic.Bool

	// The connections being served, so that the broker can end them and
	// wait for mochi's handling of each before it closes mochi (whose Close
	// races with a connection still being established).
	mu    sync.Mutex
	conns map[net.Conn]struct{}
	wg    sync.WaitGroup
}

// shutdown stops accepting, ends every connection and waits, at most
// wait, for their handling to return.
func (m *mochiListener) shutdown(wait time.Duration) {
	m.end.Store(true)
	m.l.Close()
	m.mu.Lock()
	for c := range m.conns {
		c.Close()
	}
	m.mu.Unlock()
	done := make(chan struct{})
	go func() { m.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(wait):
	}
}

func (m *mochiListener) ID() string       { return m.id }
func (m *mochiListener) Address() string  { return m.l.Addr().String() }
func (m *mochiListener) Protocol() string { return m.l.Addr().Network() }

func (m *mochiListener) Init(log *slog.Logger) error {
	if m.log == nil {
		m.log = log
	}
	return nil
}

func (m *mochiListener) Serve(establish listeners.EstablishFn) {
	for {
		conn, err := m.l.Accept()
		if err != nil || m.end.Load() {
			if conn != nil {
				conn.Close()
			}
			return
		}
		m.mu.Lock()
		if m.conns == nil {
			m.conns = map[net.Conn]struct{}{}
		}
		m.conns[conn] = struct{}{}
		m.wg.Add(1)
		m.mu.Unlock()
		go func() {
			defer func() {
				m.mu.Lock()
				delete(m.conns, conn)
				m.mu.Unlock()
				m.wg.Done()
			}()
			remote := conn.RemoteAddr().String()
			err := establish(m.id, conn)
			if err == nil || errors.Is(err, packets.ErrBadUsernameOrPassword) {
				return
			}
			m.log.Warn("connection ended: "+err.Error(), "remote", remote, "listener", m.id)
		}()
	}
}

func (m *mochiListener) Close(closeClients listeners.CloseFn) {
	if m.end.CompareAndSwap(false, true) {
		closeClients(m.id)
	}
	m.l.Close()
}
