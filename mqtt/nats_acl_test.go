package mqtt_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"opinionwall/kiosk"
	"opinionwall/mqtt"
)

// TestNATSClusterACL performs, on the district's cluster run from
// deploy/nats with the generated users.conf, what a kiosk's stolen
// certificate would try: publish as another kiosk, read another kiosk's
// acks, read every kiosk's submissions, and read nats-server's own
// subjects (the JetStream streams and consumers' deliveries behind the
// MQTT gateway). Nothing but its own topics works.
func TestNATSClusterACL(t *testing.T) {
	d := startNATSDistrict(t, 2, nil, nil)
	eventually(t, 30*time.Second, d.in.Connected, func() string { return "hub not connected" })
	thief := d.natsClient(t, "wall-01", "wall-01", 1)

	// Reading: every filter but its own is refused.
	refusedFilters := []string{
		mqtt.KioskTopic("wall-02", mqtt.LeafAck), mqtt.KioskFilter(mqtt.LeafUp), mqtt.KioskFilter(mqtt.LeafAck), "#", "ow/#",
		"$MQTT/sub/#", "$MQTT/msgs/#", "$MQTT/msgs/ow/v1/kiosk/+/up", "$MQTT/sess/#", "$MQTT/rmsgs", "$JS/API/#", "$SYS/#",
	}
	for _, f := range refusedFilters {
		tok := thief.Subscribe(f, 1, nil)
		if err := mqtt.WaitToken(tok, 10*time.Second, f); err != nil {
			t.Fatal(err)
		}
		if got := tok.(*paho.SubscribeToken).Result()[f]; got != 0x80 {
			t.Errorf("wall-01 subscribed to %s (granted QoS %d)", f, got)
		}
	}
	own := mqtt.KioskTopic("wall-01", mqtt.LeafAck)
	if tok := thief.Subscribe(own, 1, nil); !tok.WaitTimeout(10*time.Second) || tok.(*paho.SubscribeToken).Result()[own] != 1 {
		t.Fatalf("wall-01 cannot read its own acks: %v", tok.Error())
	}

	// Writing: a submission as wall-02 is not stored, wall-01's own is.
	gen := kiosk.UUIDGen{}
	codec2, _ := kiosk.NewTicketCodec(12, "wall-02")
	forged := &kiosk.Submission{ID: gen.New(time.Now()), Seq: 1, Kiosk: "wall-02", Kind: kiosk.KindRating, Ticket: codec2.Code(1),
		CreatedAt: time.Now(), Body: kiosk.Body{Topic: "station", Rating: 1, Lang: "zh", Channel: kiosk.ChannelButton}}
	payload, _ := mqtt.EncodeUp(forged)
	publish(t, thief, mqtt.KioskTopic("wall-02", mqtt.LeafUp), payload)
	publish(t, thief, mqtt.TopicWall, []byte(`{}`))
	codec1, _ := kiosk.NewTicketCodec(11, "wall-01")
	mine := &kiosk.Submission{ID: gen.New(time.Now()), Seq: 1, Kiosk: "wall-01", Kind: kiosk.KindRating, Ticket: codec1.Code(999_999),
		CreatedAt: time.Now(), Body: kiosk.Body{Topic: "station", Rating: 4, Lang: "zh", Channel: kiosk.ChannelButton}}
	payload, _ = mqtt.EncodeUp(mine)
	publish(t, thief, mqtt.KioskTopic("wall-01", mqtt.LeafUp), payload)
	eventually(t, 30*time.Second, func() bool { ok, _ := d.w.hubDB.Has(t.Context(), mine.ID); return ok },
		func() string { return "wall-01's own submission never reached the hub" })
	time.Sleep(time.Second)
	if ok, _ := d.w.hubDB.Has(t.Context(), forged.ID); ok {
		t.Fatal("the hub stored a submission wall-01 published as wall-02")
	}
}

// natsClient connects a raw MQTT client to node with user's certificate
// and clientID.
func (d *natsDistrict) natsClient(t *testing.T, user, clientID string, node int) paho.Client {
	t.Helper()
	var connects atomic.Int64
	url, _, _ := strings.Cut(d.cluster.urls(node), ",")
	o := paho.NewClientOptions().AddBroker(url).SetClientID(clientID).SetTLSConfig(d.cluster.tlsFor(user)).
		SetCleanSession(false).SetAutoReconnect(false).SetConnectTimeout(10 * time.Second).SetProtocolVersion(4)
	o.SetOnConnectHandler(func(paho.Client) { connects.Add(1) })
	// Whatever arrives must be on a topic user may read.
	o.SetDefaultPublishHandler(func(_ paho.Client, m paho.Message) {
		if !mqtt.CanRead(user, m.Topic()) {
			t.Errorf("%s got a message on %s", user, m.Topic())
		}
	})
	c := paho.NewClient(o)
	if tok := c.Connect(); !tok.WaitTimeout(15*time.Second) || tok.Error() != nil {
		t.Fatalf("connect %s as %s: %v", user, clientID, fmt.Sprint(tok.Error()))
	}
	t.Cleanup(func() { c.Disconnect(100) })
	return c
}

// TestNATSClusterCarriesTheLargestMessage: a signed snapshot of the
// largest size the protocol allows (mqtt.MaxSignedBytes), retained by the
// hub through one node (its JetStream stream of retained messages), reaches
// a kiosk that subscribes on another. nats-server 2.9 holds MQTT packets
// to no max_payload; a JetStream store too small for the snapshot (seen
// with max_file_store: 3MB) leaves the hub's publish unanswered.
func TestNATSClusterCarriesTheLargestMessage(t *testing.T) {
	d := startNATSDistrict(t, 1, nil, nil)
	hub := d.natsClient(t, mqtt.UserHub, "ow-ops-big", 0)
	big := make([]byte, mqtt.MaxSignedBytes)
	for i := range big {
		big[i] = byte('a' + i%26)
	}
	publishRetained := hub.Publish(mqtt.TopicWall, 1, true, big)
	if err := mqtt.WaitToken(publishRetained, 30*time.Second, "publish"); err != nil {
		t.Fatal(err)
	}
	got := make(chan int, 1)
	k := d.natsClient(t, "wall-01", "wall-01", 2)
	tok := k.Subscribe(mqtt.TopicWall, 1, func(_ paho.Client, m paho.Message) { got <- len(m.Payload()) })
	if err := mqtt.WaitToken(tok, 10*time.Second, "subscribe"); err != nil {
		t.Fatal(err)
	}
	select {
	case n := <-got:
		if n != len(big) {
			t.Fatalf("got %d bytes of %d", n, len(big))
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the retained snapshot never reached the kiosk on another node")
	}
}

// TestNATSClusterRevokedKioskShutOut: nats-server has no CRL; a stolen
// kiosk is shut out by taking its user out of users.conf and reloading
// the nodes (SIGHUP, systemctl reload): its live connection is closed and
// it cannot log in again, while the other kiosks go on.
func TestNATSClusterRevokedKioskShutOut(t *testing.T) {
	d := startNATSDistrict(t, 2, nil, nil)
	for _, k := range d.kiosks {
		k.submit(t, 5)
	}
	d.startRelays(t)
	eventually(t, 60*time.Second, func() bool { s, w := d.acked(t); return s == w },
		func() string { s, w := d.acked(t); return fmt.Sprintf("acked %d/%d", s, w) })
	stolen := d.kiosks[1]
	auth, err := mqtt.NATSAuthorization([]mqtt.NATSUser{{Name: mqtt.UserHub}, {Name: mqtt.UserOps}, {Name: d.kiosks[0].id}})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(d.cluster.dir, "users.conf"), []byte(auth), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, n := range d.cluster.nodes {
		n.cmd.Process.Signal(syscall.SIGHUP)
	}
	eventually(t, 30*time.Second, func() bool { return !stolen.relay.Stats().Connected },
		func() string { return fmt.Sprintf("%s still connected after the reload", stolen.id) })
	stolen.submit(t, 1)
	d.kiosks[0].submit(t, 5)
	eventually(t, 60*time.Second, func() bool { return d.kiosks[0].acked(t) == 10 },
		func() string {
			return fmt.Sprintf("%s acked %d/10 after the reload", d.kiosks[0].id, d.kiosks[0].acked(t))
		})
	time.Sleep(3 * time.Second) // the stolen kiosk's relay retries within its backoff (1 s, 2 s)
	if stolen.relay.Stats().Connected || stolen.acked(t) != 5 {
		t.Fatalf("%s after its user was taken out: %+v, %d acked", stolen.id, stolen.relay.Stats(), stolen.acked(t))
	}
}

// TestNATSClusterHasNoSharedSubscriptions: nats-server 2.9 has no MQTT
// shared subscriptions, and the hub's permissions refuse $share/ filters:
// a second hub run with -shared receives nothing (it keeps asking, and
// says so in its log), while the district's one hub takes everything.
func TestNATSClusterHasNoSharedSubscriptions(t *testing.T) {
	d := startNATSDistrict(t, 1, nil, nil)
	shared := d.w.newIngest(d.cluster.urls(1))
	shared.ClientID, shared.Shared = "ow-hub-2", true
	shared.TLS, shared.Password, shared.KeepAlive = d.cluster.tlsFor(mqtt.UserHub), "", 0
	if err := shared.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { shared.Close() })
	eventually(t, 30*time.Second, shared.Connected, func() string { return "the -shared hub did not connect" })
	k := d.kiosks[0]
	k.submit(t, 20)
	d.startRelays(t)
	eventually(t, 60*time.Second, func() bool { return k.acked(t) == 20 }, func() string { return fmt.Sprintf("acked %d/20", k.acked(t)) })
	if st := shared.Stats(); st.Received != 0 {
		t.Fatalf("the -shared hub received %+v: nats-server shares subscriptions now; see docs/OPERATIONS.md", st)
	}
	d.w.checkExactlyOnce(k)
}
