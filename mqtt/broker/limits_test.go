package broker_test

import (
	"net"
	"runtime"
	"sync"
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"opinionwall/mqtt"
	"opinionwall/mqtt/broker"
)

// openBroker starts a broker with users wall-01, wall-02, hub and ops
// (password "pw-" + user) and the given limits.
func openBroker(t *testing.T, lim broker.Limits, now func() time.Time) *broker.Broker {
	t.Helper()
	creds := &mqtt.Credentials{}
	for _, u := range []string{"wall-01", "wall-02", mqtt.UserHub, mqtt.UserOps} {
		if err := creds.Set(u, "pw-"+u); err != nil {
			t.Fatal(err)
		}
	}
	b := &broker.Broker{Addr: "127.0.0.1:0", Credentials: creds, Limits: lim, Now: now}
	if err := b.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

// login connects user with client id and password; it returns the
// client and the connect error.
func login(t *testing.T, b *broker.Broker, user, id, password string) (paho.Client, error) {
	t.Helper()
	o := paho.NewClientOptions().AddBroker("tcp://" + b.ListenAddr()).SetClientID(id).SetUsername(user).
		SetPassword(password).SetConnectTimeout(3 * time.Second).SetProtocolVersion(4).SetAutoReconnect(false).
		SetConnectRetry(false)
	c := paho.NewClient(o)
	tok := c.Connect()
	if !tok.WaitTimeout(5 * time.Second) {
		t.Fatal("connect: timeout")
	}
	if tok.Error() == nil {
		t.Cleanup(func() { c.Disconnect(50) })
	}
	return c, tok.Error()
}

// closedByPeer reports whether the broker closes c within a few seconds.
func closedByPeer(c net.Conn) bool {
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, err := c.Read(make([]byte, 1))
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		return false
	}
	return err != nil
}

// TestHugePacketsDoNotGrowTheHeap performs the memory attack: several
// unauthenticated connections announce 128 MB CONNECTs and start sending
// them. The broker must refuse them from the header and the heap of this
// process (which hosts the broker) stay under a generous bound.
func TestHugePacketsDoNotGrowTheHeap(t *testing.T) {
	b := openBroker(t, broker.Limits{}, nil)
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	const conns = 4
	var wg sync.WaitGroup
	var peak uint64
	var mu sync.Mutex
	for i := 0; i < conns; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := net.Dial("tcp", b.ListenAddr())
			if err != nil {
				t.Error(err)
				return
			}
			defer c.Close()
			// CONNECT, remaining length 128 MiB - 1 (0xff 0xff 0xff 0x3f).
			c.Write([]byte{0x10, 0xff, 0xff, 0xff, 0x3f})
			chunk := make([]byte, 64<<10)
			c.SetWriteDeadline(time.Now().Add(3 * time.Second))
			for n := 0; n < 16<<20; n += len(chunk) {
				if _, err := c.Write(chunk); err != nil {
					break
				}
			}
		}()
	}
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			mu.Lock()
			peak = max(peak, m.HeapAlloc)
			mu.Unlock()
			select {
			case <-stop:
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}()
	wg.Wait()
	time.Sleep(200 * time.Millisecond)
	close(stop)
	<-done
	const bound = 64 << 20
	grown := int64(peak) - int64(before.HeapAlloc)
	t.Logf("heap grew by %.1f MiB at most", float64(grown)/(1<<20))
	if grown > bound {
		t.Errorf("heap grew by %d MiB under %d unauthenticated 128 MiB CONNECTs; bound %d MiB", grown>>20, conns, bound>>20)
	}
	if st := b.Stats(); st.Turned < conns {
		t.Errorf("stats %+v: want %d connections turned away", st, conns)
	}
}

// TestPacketOverTheMaximumIsRefused: an authenticated kiosk that publishes
// a packet over MaxPacketBytes is disconnected, and nothing reaches the hub.
func TestPacketOverTheMaximumIsRefused(t *testing.T) {
	b := openBroker(t, broker.Limits{}, nil)
	hub, err := login(t, b, mqtt.UserHub, "ow-hub", "pw-hub")
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan int, 4)
	hub.Subscribe("ow/v1/kiosk/+/up", 1, func(_ paho.Client, m paho.Message) { got <- len(m.Payload()) }).Wait()
	k, err := login(t, b, "wall-01", "wall-01", "pw-wall-01")
	if err != nil {
		t.Fatal(err)
	}
	k.Publish(mqtt.KioskTopic("wall-01", mqtt.LeafUp), 1, false, make([]byte, broker.MaxPacketBytes+1)).WaitTimeout(5 * time.Second)
	select {
	case n := <-got:
		t.Errorf("a %d-byte message over the maximum packet size reached the hub", n)
	case <-time.After(time.Second):
	}
	if k.IsConnectionOpen() {
		t.Error("the kiosk is still connected after an oversized packet")
	}
}

// TestConnectDeadline: a connection that sends nothing is closed after
// the connect timeout instead of holding a place for ever.
func TestConnectDeadline(t *testing.T) {
	b := openBroker(t, broker.Limits{ConnectTimeout: 300 * time.Millisecond}, nil)
	c, err := net.Dial("tcp", b.ListenAddr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if !closedByPeer(c) {
		t.Error("a silent connection was still open seconds after the connect timeout")
	}
}

// TestConnectionAndClientLimits: connections over MaxConns are closed at
// once; logins over MaxClients are refused.
func TestConnectionAndClientLimits(t *testing.T) {
	b := openBroker(t, broker.Limits{MaxConns: 3}, nil)
	var idle []net.Conn
	for i := 0; i < 3; i++ {
		c, err := net.Dial("tcp", b.ListenAddr())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		idle = append(idle, c)
	}
	extra, err := net.Dial("tcp", b.ListenAddr())
	if err != nil {
		t.Fatal(err)
	}
	defer extra.Close()
	if !closedByPeer(extra) {
		t.Error("a fourth connection stayed open with MaxConns 3")
	}
	for _, c := range idle {
		c.Close()
	}

	b2 := openBroker(t, broker.Limits{MaxClients: 1}, nil)
	if _, err := login(t, b2, "wall-01", "wall-01", "pw-wall-01"); err != nil {
		t.Fatal(err)
	}
	if _, err := login(t, b2, "wall-02", "wall-02", "pw-wall-02"); err == nil {
		t.Error("a second client logged in with MaxClients 1")
	}
}

// clock is a settable time for the throttle and rate tests.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }
func newClock() *clock               { return &clock{t: time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)} }
