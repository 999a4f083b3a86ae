package mqtt_test

import (
	"fmt"
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"opinionwall/mqtt"
	"opinionwall/mqtt/hubside"
)

// TestSharedHubsKeepTheStationOnline: two hubs share the work on the
// embedded broker. One stops and says the station is lost; the other
// answers online, so a kiosk subscribing then finds the station online.
// When the last one stops, its "lost" stands: it does not answer itself.
// (cmd/hub TestSeveralHubsOnePostgreSQL kills a hub with SIGKILL: the
// broker's will, answered the same way.)
func TestSharedHubsKeepTheStationOnline(t *testing.T) {
	w := newWorld(t, "wall-01")
	b := w.startBroker("127.0.0.1:0")
	url := "tcp://" + b.ListenAddr()
	var ins []*hubside.Ingest
	for i := range 2 {
		in := w.newIngest(url)
		in.Shared, in.ClientID = true, fmt.Sprintf("ow-hub-%d", i+1)
		if err := in.Open(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { in.Close() })
		ins = append(ins, in)
	}
	// The retained state, as a kiosk connecting now gets it.
	retained := func() string {
		got := make(chan string, 1)
		// A clean session: only the retained state, nothing queued before.
		c := paho.NewClient(paho.NewClientOptions().AddBroker(url).SetClientID("wall-01").SetUsername("wall-01").
			SetPassword(password("wall-01")).SetCleanSession(true).SetConnectTimeout(2 * time.Second))
		if tok := c.Connect(); !tok.WaitTimeout(5*time.Second) || tok.Error() != nil {
			t.Fatalf("connect: %v", tok.Error())
		}
		defer c.Disconnect(10)
		c.Subscribe(mqtt.TopicHubState, 1, func(_ paho.Client, m paho.Message) {
			st, _ := mqtt.DecodeState(m.Payload())
			select {
			case got <- st.State:
			default:
			}
		})
		select {
		case s := <-got:
			return s
		case <-time.After(2 * time.Second):
			return "none"
		}
	}
	eventually(t, 10*time.Second, func() bool { return ins[0].Connected() && ins[1].Connected() && retained() == mqtt.StateOnline },
		func() string { return "the hubs did not say online" })
	ins[0].Close()
	time.Sleep(300 * time.Millisecond) // the other hub's answer
	if s := retained(); s != mqtt.StateOnline {
		t.Fatalf("one of two hubs stopped: the station's state is %q", s)
	}
	ins[1].Close()
	time.Sleep(300 * time.Millisecond)
	if s := retained(); s != mqtt.StateLost {
		t.Fatalf("both hubs stopped: the station's state is %q", s)
	}
}
