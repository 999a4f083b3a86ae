package mqtt_test

import (
	"io"
	"net"
	"sync"
	"testing"
)

// proxy is a TCP proxy between a client and the broker that a test can cut
// (close every connection) or stall (stop moving bytes, keep connections
// open: a blackholed link).
type proxy struct {
	t       testing.TB
	ln      net.Listener
	target  string
	mu      sync.Mutex
	conns   []net.Conn
	stalled bool
	resume  *sync.Cond
}

func newProxy(t testing.TB, target string) *proxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{t: t, ln: ln, target: target}
	p.resume = sync.NewCond(&p.mu)
	go p.serve()
	t.Cleanup(func() { ln.Close(); p.Cut(); p.Resume() })
	return p
}

func (p *proxy) Addr() string { return p.ln.Addr().String() }

func (p *proxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		go p.handle(c)
	}
}

func (p *proxy) handle(c net.Conn) {
	up, err := net.Dial("tcp", p.target)
	if err != nil {
		c.Close()
		return
	}
	p.mu.Lock()
	p.conns = append(p.conns, c, up)
	p.mu.Unlock()
	go p.pipe(up, c)
	p.pipe(c, up)
}

// pipe copies in small chunks, waiting while the proxy is stalled.
func (p *proxy) pipe(dst, src net.Conn) {
	defer dst.Close()
	defer src.Close()
	buf := make([]byte, 4096)
	for {
		n, err := src.Read(buf)
		p.mu.Lock()
		for p.stalled {
			p.resume.Wait()
		}
		p.mu.Unlock()
		if n > 0 {
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			if err != io.EOF {
				return
			}
			return
		}
	}
}

// Cut closes every connection through the proxy, as a pulled cable would
// (after which the peers notice at once).
func (p *proxy) Cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// Stall stops moving bytes but keeps every connection open, as a link that
// silently drops everything would: only keepalive timeouts notice.
func (p *proxy) Stall() {
	p.mu.Lock()
	p.stalled = true
	p.mu.Unlock()
}

// Resume moves bytes again.
func (p *proxy) Resume() {
	p.mu.Lock()
	p.stalled = false
	p.resume.Broadcast()
	p.mu.Unlock()
}
