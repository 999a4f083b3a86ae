package mqtt_test

import (
	"encoding/json"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"opinionwall/mqtt"
	"opinionwall/mqtt/hubside"
)

// fakeHub is a client as the hub that says the hub's state itself and
// records the submissions kiosks publish, acking none unless told.
type fakeHub struct {
	t     *testing.T
	c     paho.Client
	mu    sync.Mutex
	ids   map[string][]string  // by kiosk, in arrival order
	first map[string]time.Time // first arrival per kiosk since reset
}

func newFakeHub(t *testing.T, url string) *fakeHub {
	h := &fakeHub{t: t, c: rawClient(t, url, mqtt.UserHub, "ow-hub-fake", nil), ids: map[string][]string{}, first: map[string]time.Time{}}
	t.Cleanup(func() { h.c.Disconnect(50) })
	tok := h.c.Subscribe(mqtt.KioskFilter(mqtt.LeafUp), 1, func(_ paho.Client, m paho.Message) {
		k, _, _ := mqtt.ParseKioskTopic(m.Topic())
		good, _, err := mqtt.DecodeUp(k, m.Payload())
		if err != nil {
			t.Error(err)
			return
		}
		h.mu.Lock()
		defer h.mu.Unlock()
		if _, ok := h.first[k]; !ok {
			h.first[k] = time.Now()
		}
		for _, s := range good {
			h.ids[k] = append(h.ids[k], s.ID)
		}
	})
	if !tok.WaitTimeout(5*time.Second) || tok.Error() != nil {
		t.Fatal(tok.Error())
	}
	return h
}

func (h *fakeHub) say(st mqtt.StateMsg) {
	st.V, st.TS = mqtt.Version, time.Now()
	b, _ := json.Marshal(st)
	if tok := h.c.Publish(mqtt.TopicHubState, 1, true, b); !tok.WaitTimeout(5*time.Second) || tok.Error() != nil {
		h.t.Fatal(tok.Error())
	}
}

func (h *fakeHub) received(k string) []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.ids[k]...)
}

func (h *fakeHub) ack(w *world, k string, ids []string) {
	payload, err := w.signer.Sign(mqtt.TypeAck, mqtt.KioskTopic(k, mqtt.LeafAck), mqtt.AckMsg{Kiosk: k, IDs: ids, TS: time.Now()})
	if err != nil {
		h.t.Fatal(err)
	}
	publish(h.t, h.c, mqtt.KioskTopic(k, mqtt.LeafAck), payload)
}

// TestRelayKeepsTheHubsWindow: the hub's state asks for a window of 8; a
// kiosk with 100 queued keeps no more than 8 unacknowledged in flight, and
// sends the next 8 once those are acked.
func TestRelayKeepsTheHubsWindow(t *testing.T) {
	w := newWorld(t, "wall-01")
	b := w.startBroker("127.0.0.1:0")
	url := "tcp://" + b.ListenAddr()
	h := newFakeHub(t, url)
	h.say(mqtt.StateMsg{State: mqtt.StateOnline, Window: 8})
	k := w.newKiosk("wall-01", 11)
	k.submit(t, 100)
	w.startRelay(k, url, nil)
	eventually(t, 10*time.Second, func() bool { return len(h.received("wall-01")) >= 8 },
		func() string { return fmt.Sprintf("received %d", len(h.received("wall-01"))) })
	time.Sleep(time.Second) // what else the kiosk would send comes within this
	first := h.received("wall-01")
	if len(first) != 8 {
		t.Fatalf("the kiosk sent %d submissions with none acked; the hub's window is 8", len(first))
	}
	h.ack(w, "wall-01", first)
	eventually(t, 10*time.Second, func() bool { return len(h.received("wall-01")) >= 16 },
		func() string { return fmt.Sprintf("received %d after the ack", len(h.received("wall-01"))) })
	time.Sleep(500 * time.Millisecond)
	if n := len(h.received("wall-01")); n != 16 {
		t.Errorf("%d sent after acking the first 8; want 16", n)
	}
}

// TestKiosksSpreadTheirResend: ten kiosks with a backlog see the hub come
// back with a spread of 2 s: their resends start at points spread over it,
// not together.
func TestKiosksSpreadTheirResend(t *testing.T) {
	var ids []string
	for i := range 10 {
		ids = append(ids, fmt.Sprintf("wall-%02d", i+1))
	}
	w := newWorld(t, ids...)
	b := w.startBroker("127.0.0.1:0")
	url := "tcp://" + b.ListenAddr()
	h := newFakeHub(t, url)
	h.say(mqtt.StateMsg{State: mqtt.StateOnline})
	for i, id := range ids {
		k := w.newKiosk(id, 11+i)
		k.submit(t, 5)
		w.startRelay(k, url, nil)
	}
	eventually(t, 10*time.Second, func() bool {
		for _, id := range ids {
			if len(h.received(id)) < 5 {
				return false
			}
		}
		return true
	}, func() string { return "not every kiosk sent its backlog" })
	// The hub goes and comes back: every kiosk resends what it has not
	// seen acked.
	h.say(mqtt.StateMsg{State: mqtt.StateLost})
	time.Sleep(300 * time.Millisecond)
	h.mu.Lock()
	clear(h.first)
	h.mu.Unlock()
	back := time.Now()
	h.say(mqtt.StateMsg{State: mqtt.StateOnline, SpreadMS: 2000})
	eventually(t, 10*time.Second, func() bool { h.mu.Lock(); defer h.mu.Unlock(); return len(h.first) == len(ids) },
		func() string { return "not every kiosk resent" })
	var at []time.Duration
	h.mu.Lock()
	for _, f := range h.first {
		at = append(at, f.Sub(back))
	}
	h.mu.Unlock()
	sort.Slice(at, func(i, j int) bool { return at[i] < at[j] })
	t.Logf("resends started after %v", at)
	// Ten points uniform over 2 s all within 0.5 s: odds of 4 in 100,000.
	if at[len(at)-1]-at[0] < 500*time.Millisecond {
		t.Errorf("the kiosks resent together (within %v), not spread over 2 s", at[len(at)-1]-at[0])
	}
	if at[len(at)-1] > 3*time.Second {
		t.Errorf("a kiosk waited %v, past the 2 s spread", at[len(at)-1])
	}
}

// TestHubSaysItsPace: the hub's state carries a window of its budget
// shared among the fleet, and a spread of 2 ms a kiosk; when more kiosks
// come online than the fleet it was told of, it says a smaller window
// (seen failing with the kiosks online not counted: no second state).
func TestHubSaysItsPace(t *testing.T) {
	var ids []string
	for i := range 8 {
		ids = append(ids, fmt.Sprintf("wall-%02d", i+1))
	}
	w := newWorld(t, ids...)
	b := w.startBroker("127.0.0.1:0")
	url := "tcp://" + b.ListenAddr()
	states := make(chan mqtt.StateMsg, 16)
	ops := rawClient(t, url, mqtt.UserOps, "ow-ops-test", nil)
	ops.Subscribe(mqtt.TopicHubState, 1, func(_ paho.Client, m paho.Message) {
		if st, err := mqtt.DecodeState(m.Payload()); err == nil && st.State == mqtt.StateOnline {
			states <- st
		}
	}).Wait()
	in := w.newIngest(url)
	in.Pace = hubside.Pace{Fleet: 4, Budget: 64}
	if err := in.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { in.Close() })
	next := func() mqtt.StateMsg {
		select {
		case st := <-states:
			return st
		case <-time.After(10 * time.Second):
			t.Fatal("no hub state")
		}
		return mqtt.StateMsg{}
	}
	if st := next(); st.Window != 16 || st.SpreadMS != 8 {
		t.Fatalf("hub state %+v: want window 64/4 = 16, spread 4 × 2 ms", st)
	}
	for _, id := range ids {
		c := rawClient(t, url, id, id, nil)
		on, _ := json.Marshal(mqtt.StateMsg{V: mqtt.Version, State: mqtt.StateOnline, TS: time.Now()})
		publish(t, c, mqtt.KioskTopic(id, mqtt.LeafState), on)
	}
	// The kiosks' states come in batches; the hub says a new window each
	// time it moved by a quarter, so the last one is within a quarter of 8.
	last := next()
	for more := true; more; {
		select {
		case last = <-states:
		case <-time.After(time.Second):
			more = false
		}
	}
	if last.Window > 10 || last.SpreadMS < 12 {
		t.Errorf("hub state %+v with 8 kiosks online: want window 64/8 = 8 (within a quarter), spread 16 ms", last)
	}
}

// TestStateRefusesANegativePace: a hub state with a negative window or
// spread is refused whole, as any malformed message.
func TestStateRefusesANegativePace(t *testing.T) {
	for _, s := range []string{
		`{"v":1,"state":"online","window":-1,"ts":"2026-11-30T08:00:00Z"}`,
		`{"v":1,"state":"online","spread_ms":-5,"ts":"2026-11-30T08:00:00Z"}`,
	} {
		if _, err := mqtt.DecodeState([]byte(s)); err == nil {
			t.Errorf("%s was accepted", s)
		}
	}
	st, err := mqtt.DecodeState([]byte(`{"v":1,"state":"online","window":16,"spread_ms":2000,"ts":"2026-11-30T08:00:00Z"}`))
	if err != nil || st.Window != 16 || st.SpreadMS != 2000 {
		t.Errorf("%+v %v", st, err)
	}
}
