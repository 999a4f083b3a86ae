package mqtt_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"opinionwall/mqtt"
)

func TestResendWhenHubComesBack(t *testing.T) {
	w := newWorld(t, "wall-01")
	b := w.startBroker("127.0.0.1:0")
	url := "tcp://" + b.ListenAddr()
	hubc := rawClient(t, url, mqtt.UserHub, "ow-hub-fake", nil)
	say := func(state string) {
		if tok := hubc.Publish(mqtt.TopicHubState, 1, true, fmt.Sprintf(`{"v":1,"state":%q}`, state)); !tok.WaitTimeout(5*time.Second) || tok.Error() != nil {
			t.Fatal(tok.Error())
		}
	}
	say(mqtt.StateOnline) // retained: the kiosk finds it when it subscribes
	k := w.newKiosk("wall-01", 11)
	w.startRelay(k, url, func(r *mqtt.Relay) { r.AckTimeout = time.Hour })
	k.submit(t, 5)
	eventually(t, 10*time.Second, func() bool { return k.relay.Stats().Published == 5 && k.relay.Stats().Subscribed },
		func() string { return fmt.Sprintf("%+v", k.relay.Stats()) })
	handled(t, hubc, k, mqtt.TopicHubState) // the retained state is in
	say(mqtt.StateOnline)                   // no change of state: nothing is resent
	handled(t, hubc, k, mqtt.TopicHubState)
	if st := k.relay.Stats(); st.Published != 5 {
		t.Fatalf("resent on a hub state that did not change: %+v", st)
	}
	say(mqtt.StateLost)
	say(mqtt.StateOnline)
	eventually(t, 10*time.Second, func() bool { return k.relay.Stats().Published == 10 },
		func() string { return fmt.Sprintf("after the hub came back: %+v", k.relay.Stats()) })
}

// TestResendWhenHubSubscribesAfterKiosk: a kiosk that published before the
// hub's first subscription reached nobody; the hub's first, live online
// (said once its subscriptions are granted) makes it resend.
func TestResendWhenHubSubscribesAfterKiosk(t *testing.T) {
	w := newWorld(t, "wall-01")
	b := w.startBroker("127.0.0.1:0")
	url := "tcp://" + b.ListenAddr()
	k := w.newKiosk("wall-01", 11)
	w.startRelay(k, url, func(r *mqtt.Relay) { r.AckTimeout = time.Hour })
	k.submit(t, 5)
	eventually(t, 10*time.Second, func() bool { return k.relay.Stats().Published == 5 && k.relay.Stats().Subscribed },
		func() string { return fmt.Sprintf("%+v", k.relay.Stats()) })
	w.startIngest(url)
	eventually(t, 10*time.Second, func() bool { return k.acked(t) == 5 },
		func() string {
			return fmt.Sprintf("acked %d/5 after the hub subscribed: %+v", k.acked(t), k.relay.Stats())
		})
	w.checkExactlyOnce(k)
}

func TestResendAfterAckTimeoutAndTelemetry(t *testing.T) {
	w := newWorld(t, "wall-01")
	b := w.startBroker("127.0.0.1:0")
	url := "tcp://" + b.ListenAddr()
	k := w.newKiosk("wall-01", 11)
	w.startRelay(k, url, func(r *mqtt.Relay) {
		r.AckTimeout = 500 * time.Millisecond
		r.TelemetryEvery = 200 * time.Millisecond
	})
	k.submit(t, 5)
	// Nobody acks (no hub yet): after the timeout the five go out again.
	eventually(t, 10*time.Second, func() bool { return k.relay.Stats().Published >= 10 },
		func() string { return fmt.Sprintf("no resend after the ack timeout: %+v", k.relay.Stats()) })
	st, _ := k.db.Status(t.Context())
	if st.Acked != 0 || st.Pending+st.Inflight != 5 {
		t.Fatalf("store before any ack: %+v", st)
	}
	w.startIngest(url)
	eventually(t, 10*time.Second, func() bool { return k.acked(t) == 5 },
		func() string { return fmt.Sprintf("acked %d/5", k.acked(t)) })
	w.checkExactlyOnce(k)
	// Telemetry reaches the hub with the relay's counters.
	eventually(t, 10*time.Second, func() bool {
		fleet, _ := w.hubDB.Kiosks(t.Context())
		return len(fleet) == 1 && strings.Contains(string(fleet[0].Telemetry), `"relay_acked":5`)
	}, func() string { fleet, _ := w.hubDB.Kiosks(t.Context()); return fmt.Sprintf("fleet %+v", fleet) })
}
