package mqtt_test

import (
	"fmt"
	"testing"
	"time"

	"opinionwall/internal/freeport"
	"opinionwall/mqtt"
)

func TestBrokerDownWhileSubmitting(t *testing.T) {
	w := newWorld(t, "wall-01")
	addr := freeport.Addr(t)
	url := "tcp://" + addr
	k := w.newKiosk("wall-01", 11)
	w.startRelay(k, url, nil) // nothing listens yet
	for i := 0; i < 10; i++ {
		k.submit(t, 20)
		time.Sleep(50 * time.Millisecond)
	}
	if got := k.relay.Stats(); got.Connects != 0 || got.Published != 0 {
		t.Fatalf("with no broker: %+v", got)
	}
	w.startBroker(addr)
	w.startIngest(url)
	eventually(t, 30*time.Second, func() bool { return k.acked(t) == 200 },
		func() string { return fmt.Sprintf("acked %d/200", k.acked(t)) })
	w.checkExactlyOnce(k)
}

func TestBrokerRestartDuringDrain(t *testing.T) {
	w := newWorld(t, "wall-01")
	addr := freeport.Addr(t)
	url := "tcp://" + addr
	b := w.startBroker(addr)
	w.startIngest(url)
	k := w.newKiosk("wall-01", 11)
	k.submit(t, 1000)
	w.startRelay(k, url, func(r *mqtt.Relay) { r.Window = 32 })
	eventually(t, 30*time.Second, func() bool { return k.acked(t) >= 100 },
		func() string { return fmt.Sprintf("acked %d", k.acked(t)) })
	if !k.relay.Stats().Subscribed {
		t.Error("acks arrive, yet the relay does not say it is subscribed")
	}
	b.Close()
	if n := k.acked(t); n == 1000 {
		t.Fatal("the drain finished before the broker went down: nothing was tested")
	}
	eventually(t, 10*time.Second, func() bool { return !k.relay.Stats().Subscribed },
		func() string { return "the relay still says it is subscribed with the broker gone" })
	w.startBroker(addr)
	eventually(t, 60*time.Second, func() bool { return k.acked(t) == 1000 },
		func() string { return fmt.Sprintf("acked %d/1000", k.acked(t)) })
	eventually(t, 10*time.Second, func() bool { return k.relay.Stats().Subscribed },
		func() string { return "not subscribed again after the broker came back" })
	w.checkExactlyOnce(k)
	if k.relay.Stats().Lost == 0 {
		t.Error("the relay never noticed the broker going down")
	}
}

func TestConnectionCutMidStream(t *testing.T) {
	w := newWorld(t, "wall-01")
	b := w.startBroker("127.0.0.1:0")
	w.startIngest("tcp://" + b.ListenAddr())
	p := newProxy(t, b.ListenAddr())
	k := w.newKiosk("wall-01", 11)
	k.submit(t, 1000)
	w.startRelay(k, "tcp://"+p.Addr(), func(r *mqtt.Relay) { r.Window = 16 })
	for cut := 0; cut < 3; cut++ {
		target := 150 * (cut + 1)
		eventually(t, 30*time.Second, func() bool { return k.acked(t) >= target },
			func() string { return fmt.Sprintf("acked %d", k.acked(t)) })
		p.Cut()
	}
	eventually(t, 60*time.Second, func() bool { return k.acked(t) == 1000 },
		func() string { return fmt.Sprintf("acked %d/1000", k.acked(t)) })
	w.checkExactlyOnce(k)
	if k.relay.Stats().Lost < 3 {
		t.Errorf("lost %d connections, want at least 3", k.relay.Stats().Lost)
	}
}

func TestConnectionStalledMidStream(t *testing.T) {
	w := newWorld(t, "wall-01")
	b := w.startBroker("127.0.0.1:0")
	w.startIngest("tcp://" + b.ListenAddr())
	p := newProxy(t, b.ListenAddr())
	k := w.newKiosk("wall-01", 11)
	k.submit(t, 1000)
	w.startRelay(k, "tcp://"+p.Addr(), func(r *mqtt.Relay) { r.Window = 16 })
	eventually(t, 30*time.Second, func() bool { return k.acked(t) >= 200 },
		func() string { return fmt.Sprintf("acked %d", k.acked(t)) })
	p.Stall()
	// Nothing moves; the relay must notice on its own (keepalive), not hang.
	eventually(t, 30*time.Second, func() bool { return k.relay.Stats().Lost >= 1 },
		func() string { return "the relay never noticed the stalled link" })
	stalledAt := k.acked(t)
	p.Resume()
	eventually(t, 60*time.Second, func() bool { return k.acked(t) == 1000 },
		func() string { return fmt.Sprintf("acked %d/1000 (stalled at %d)", k.acked(t), stalledAt) })
	w.checkExactlyOnce(k)
}
