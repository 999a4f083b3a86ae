package mqtt_test

import (
	"fmt"
	"testing"
	"time"

	"opinionwall/mqtt"
)

func TestDrainToHub(t *testing.T) {
	w := newWorld(t, "wall-01", "wall-02")
	b := w.startBroker("127.0.0.1:0")
	url := "tcp://" + b.ListenAddr()
	w.startIngest(url)
	a, c := w.newKiosk("wall-01", 11), w.newKiosk("wall-02", 12)
	a.submit(t, 300)
	w.startRelay(a, url, nil)
	w.startRelay(c, url, nil)
	c.submit(t, 200)
	a.submit(t, 50)
	eventually(t, 30*time.Second, func() bool { return a.acked(t) == 350 && c.acked(t) == 200 },
		func() string { return fmt.Sprintf("acked %d/350 and %d/200", a.acked(t), c.acked(t)) })
	w.checkExactlyOnce(a, c)
}

func TestPresence(t *testing.T) {
	w := newWorld(t, "wall-01")
	b := w.startBroker("127.0.0.1:0")
	url := "tcp://" + b.ListenAddr()
	w.startIngest(url)
	state := func() string {
		fleet, _ := w.hubDB.Kiosks(t.Context())
		if len(fleet) == 0 {
			return ""
		}
		return fleet[0].State
	}
	k := w.newKiosk("wall-01", 11)
	r := w.startRelay(k, url, nil)
	eventually(t, 10*time.Second, func() bool { return state() == mqtt.StateOnline }, func() string { return "state " + state() })
	r.Close() // a clean exit says offline
	eventually(t, 10*time.Second, func() bool { return state() == mqtt.StateOffline }, func() string { return "state " + state() })
	// A dropped connection makes the broker send the will: lost.
	p := newProxy(t, b.ListenAddr())
	w.startRelay(k, "tcp://"+p.Addr(), func(r *mqtt.Relay) { r.MinBackoff, r.MaxBackoff = time.Minute, time.Minute })
	eventually(t, 10*time.Second, func() bool { return state() == mqtt.StateOnline }, func() string { return "state " + state() })
	p.Cut()
	eventually(t, 10*time.Second, func() bool { return state() == mqtt.StateLost }, func() string { return "state " + state() })
}

// TestReconnectBackoffIsCapped: by default the delay between reconnects
// grows to 15 s at most (jitter takes it down to half), so a minute's hub
// outage costs at most 15 s more.
func TestReconnectBackoffIsCapped(t *testing.T) {
	w := newWorld(t, "wall-01")
	k := w.newKiosk("wall-01", 11)
	r := w.startRelay(k, "tcp://127.0.0.1:1", func(r *mqtt.Relay) { r.MinBackoff, r.MaxBackoff = 0, 0 })
	if got, want := r.MaxBackoff, 15*time.Second; got != want {
		t.Errorf("default reconnect cap %v, want %v", got, want)
	}
}
