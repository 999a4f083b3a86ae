package broker_test

import (
	"fmt"
	"log/slog"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"opinionwall/mqtt"
	"opinionwall/mqtt/broker"
)

// TestFailedLoginsAreThrottled: after five wrong passwords for a user, even
// the right one is refused until the window has passed; the same for an
// address trying many user names.
func TestFailedLoginsAreThrottled(t *testing.T) {
	clk := newClock()
	b := openBroker(t, broker.Limits{LoginFailures: 5, LoginWindow: time.Minute}, clk.now)
	for i := 0; i < 5; i++ {
		if _, err := login(t, b, "wall-01", "wall-01", fmt.Sprintf("guess-%d", i)); err == nil {
			t.Fatal("a wrong password was accepted")
		}
	}
	if _, err := login(t, b, "wall-01", "wall-01", "pw-wall-01"); err == nil {
		t.Error("the right password was accepted straight after five wrong ones")
	}
	if st := b.Stats(); st.Throttled == 0 {
		t.Errorf("stats %+v: no throttled login", st)
	}
	clk.add(61 * time.Second)
	if _, err := login(t, b, "wall-01", "wall-01", "pw-wall-01"); err != nil {
		t.Errorf("the right password after the window: %v", err)
	}

	// Per address: wrong passwords for five different users from one
	// address that is not the loopback (the loopback is exempt: the hub
	// and ops tools connect there).
	ip := outsideAddress(t)
	creds := &mqtt.Credentials{}
	creds.Set("wall-02", "pw-wall-02")
	b2 := &broker.Broker{Addr: ip + ":0", Credentials: creds, Now: newClock().now,
		Limits: broker.Limits{LoginFailures: 5, LoginWindow: time.Minute}}
	if err := b2.Open(); err != nil {
		t.Fatal(err)
	}
	defer b2.Close()
	for i := 0; i < 5; i++ {
		user := fmt.Sprintf("nobody-%d", i)
		login(t, b2, user, user, "x")
	}
	if _, err := login(t, b2, "wall-02", "wall-02", "pw-wall-02"); err == nil {
		t.Error("an address that failed five logins with other names logged in at once")
	}
	// From the loopback, the same five failures lock out only their names.
	b3 := openBroker(t, broker.Limits{LoginFailures: 5, LoginWindow: time.Minute}, newClock().now)
	for i := 0; i < 5; i++ {
		user := fmt.Sprintf("nobody-%d", i)
		login(t, b3, user, user, "x")
	}
	if _, err := login(t, b3, "wall-02", "wall-02", "pw-wall-02"); err != nil {
		t.Errorf("the loopback was locked out: %v", err)
	}
}

// outsideAddress is an IPv4 address of this machine that is not the
// loopback; the test is skipped without one.
func outsideAddress(t *testing.T) string {
	t.Helper()
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() && n.IP.To4() != nil {
			return n.IP.String()
		}
	}
	t.Skip("no address other than the loopback")
	return ""
}

// TestPublishRateIsLimited: a kiosk publishing faster than its rate has
// the excess dropped; the hub receives only the burst.
func TestPublishRateIsLimited(t *testing.T) {
	clk := newClock()
	lim := broker.Limits{Kiosk: broker.Rate{Msgs: 1, MsgBurst: 3, Bytes: 1 << 20, ByteBurst: 1 << 20}}
	b := openBroker(t, lim, clk.now)
	hub, err := login(t, b, mqtt.UserHub, "ow-hub", "pw-hub")
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan string, 100)
	hub.Subscribe("ow/v1/kiosk/+/tele", 1, func(_ paho.Client, m paho.Message) { got <- string(m.Payload()) }).Wait()
	k, err := login(t, b, "wall-01", "wall-01", "pw-wall-01")
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 10; i++ {
		k.Publish(mqtt.KioskTopic("wall-01", mqtt.LeafTele), 1, false, fmt.Sprint(i)).WaitTimeout(5 * time.Second)
	}
	// Byte rate: one message bigger than the byte burst.
	clk.add(time.Hour)
	k.Publish(mqtt.KioskTopic("wall-01", mqtt.LeafTele), 1, false, make([]byte, 1<<20+1)).WaitTimeout(5 * time.Second)
	time.Sleep(300 * time.Millisecond)
	if n := len(got); n != 3 {
		t.Errorf("the hub received %d of 11 messages; want the burst of 3", n)
	}
	if st := b.Stats(); st.RateLimited != 8 {
		t.Errorf("stats %+v: want 8 rate-limited", st)
	}
}

// TestRetainOnlyWhereTheProtocolSays: a kiosk's retained telemetry or
// result is dropped, so a later subscriber gets no fake; its retained
// state is kept.
func TestRetainOnlyWhereTheProtocolSays(t *testing.T) {
	b := openBroker(t, broker.Limits{}, nil)
	k, err := login(t, b, "wall-01", "wall-01", "pw-wall-01")
	if err != nil {
		t.Fatal(err)
	}
	for _, leaf := range []string{mqtt.LeafTele, mqtt.LeafRes, mqtt.LeafUp, mqtt.LeafState} {
		k.Publish(mqtt.KioskTopic("wall-01", leaf), 1, true, "fake-"+leaf).WaitTimeout(5 * time.Second)
	}
	ops, err := login(t, b, mqtt.UserOps, "ow-ops-test", "pw-ops")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex // paho's callbacks run on its own goroutines
	var got []string
	for _, leaf := range []string{mqtt.LeafTele, mqtt.LeafRes, mqtt.LeafState} {
		ops.Subscribe(mqtt.KioskTopic("wall-01", leaf), 1, func(_ paho.Client, m paho.Message) {
			if m.Retained() {
				mu.Lock()
				got = append(got, string(m.Payload()))
				mu.Unlock()
			}
		}).Wait()
	}
	// Retained messages come at once on subscribing; wait a little for any
	// that should not be there.
	time.Sleep(300 * time.Millisecond)
	mu.Lock()
	retained := append([]string(nil), got...)
	mu.Unlock()
	if len(retained) != 1 || retained[0] != "fake-state" {
		t.Errorf("a later subscriber received retained %q; want only the state", retained)
	}
	if st := b.Stats(); st.Retained != 3 {
		t.Errorf("stats %+v: want 3 retained publishes dropped", st)
	}
}

// TestClientIDsAreBoundToUsers: hub and ops cannot take a kiosk's client id
// (which would knock the kiosk off) nor each other's.
func TestClientIDsAreBoundToUsers(t *testing.T) {
	b := openBroker(t, broker.Limits{}, nil)
	if _, err := login(t, b, "wall-01", "wall-01", "pw-wall-01"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		user, id string
		ok       bool
	}{
		{mqtt.UserHub, "wall-01", false},
		{mqtt.UserOps, "wall-01", false},
		{mqtt.UserOps, "ow-hub", false},
		{mqtt.UserHub, "ow-ops-1", false},
		{"wall-02", "wall-01", false},
		{mqtt.UserHub, "ow-hub", true},
		{mqtt.UserHub, "ow-hub-2", true},
		{mqtt.UserOps, "ow-ops-1", true},
	} {
		t.Run(c.user+" as "+c.id, func(t *testing.T) {
			_, err := login(t, b, c.user, c.id, "pw-"+c.user)
			if (err == nil) != c.ok {
				t.Errorf("connected %v, want %v (%v)", err == nil, c.ok, err)
			}
		})
	}
}

// syncBuffer is a log destination safe for the broker's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// TestWarningsSayWhatAndWho: every WARN line has a message, and names the
// client (a refused login) or the remote address (a connection that never
// logged in).
func TestWarningsSayWhatAndWho(t *testing.T) {
	var logged syncBuffer
	creds := &mqtt.Credentials{}
	creds.Set("wall-01", "pw-wall-01")
	b := &broker.Broker{Addr: "127.0.0.1:0", Credentials: creds, Log: slog.New(slog.NewTextHandler(&logged, nil))}
	if err := b.Open(); err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	login(t, b, "wall-01", "wall-01", "wrong")
	c, err := net.Dial("tcp", b.ListenAddr())
	if err != nil {
		t.Fatal(err)
	}
	c.Write([]byte("GET / HTTP/1.0\r\n\r\n"))
	closedByPeer(c)
	c.Close()
	time.Sleep(200 * time.Millisecond)
	var warns []string
	for _, l := range strings.Split(logged.String(), "\n") {
		if strings.Contains(l, "level=WARN") {
			warns = append(warns, l)
		}
	}
	if len(warns) < 2 {
		t.Fatalf("warnings:\n%s", logged.String())
	}
	for _, w := range warns {
		if strings.Contains(w, `msg=""`) || !(strings.Contains(w, "client=wall-01") || strings.Contains(w, "remote=127.0.0.1:")) {
			t.Errorf("a warning without a message or without whom: %s", w)
		}
	}
}

// TestDroppedPublishesDoNotFloodTheLog: a client over its rate gets one
// warning line per ten seconds, while Stats counts every drop.
func TestDroppedPublishesDoNotFloodTheLog(t *testing.T) {
	var logged syncBuffer
	clk := newClock()
	creds := &mqtt.Credentials{}
	creds.Set("wall-01", "pw-wall-01")
	b := &broker.Broker{Addr: "127.0.0.1:0", Credentials: creds, Now: clk.now, Log: slog.New(slog.NewTextHandler(&logged, nil)),
		Limits: broker.Limits{Kiosk: broker.Rate{Msgs: 1, MsgBurst: 1, Bytes: 1 << 20, ByteBurst: 1 << 20}}}
	if err := b.Open(); err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	k, err := login(t, b, "wall-01", "wall-01", "pw-wall-01")
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 50; i++ {
		k.Publish(mqtt.KioskTopic("wall-01", mqtt.LeafTele), 1, false, "x").WaitTimeout(5 * time.Second)
	}
	if n := strings.Count(logged.String(), "publish dropped"); n != 1 {
		t.Errorf("%d warning lines for 49 drops in the same second, want 1", n)
	}
	if st := b.Stats(); st.RateLimited != 49 {
		t.Errorf("stats %+v", st)
	}
}
