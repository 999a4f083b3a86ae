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

func TestResendWhenHubComesBack(t *testing.T) {
	w := newWorld(t, "wall-01")
	b := w.startBroker("127.0.0.1:0")
	url := "tcp://" + b.ListenAddr()
	k := w.newKiosk("wall-01", 11)
	w.startRelay(k, url, func(r *mqtt.Relay) { r.AckTimeout = time.Hour })
	k.submit(t, 5)
	eventually(t, 10*time.Second, func() bool { return k.relay.Stats().Published == 5 },
		func() string { return fmt.Sprintf("%+v", k.relay.Stats()) })
	hubc := rawClient(t, url, mqtt.UserHub, "fake-hub", nil)
	say := func(state string) {
		if tok := hubc.Publish(mqtt.TopicHubState, 1, true, fmt.Sprintf(`{"v":1,"state":%q}`, state)); !tok.WaitTimeout(5*time.Second) || tok.Error() != nil {
			t.Fatal(tok.Error())
		}
	}
	say(mqtt.StateOnline) // no change of state: nothing is resent
	time.Sleep(300 * time.Millisecond)
	if st := k.relay.Stats(); st.Published != 5 {
		t.Fatalf("resent on a hub state that did not change: %+v", st)
	}
	say(mqtt.StateLost)
	say(mqtt.StateOnline)
	eventually(t, 10*time.Second, func() bool { return k.relay.Stats().Published == 10 },
		func() string { return fmt.Sprintf("after the hub came back: %+v", k.relay.Stats()) })
}
