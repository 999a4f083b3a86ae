package mqtt_test

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"opinionwall/kiosk"
	"opinionwall/mqtt"
)

// rawClient connects a plain paho client, as a misbehaving peer would,
// with a persistent session like the relay's. connects counts its
// connections, to catch reconnect loops.
func rawClient(t testing.TB, url, user, clientID string, connects *atomic.Int64) paho.Client {
	t.Helper()
	o := paho.NewClientOptions().AddBroker(url).SetClientID(clientID).SetUsername(user).SetPassword(password(user)).
		SetCleanSession(false).SetAutoReconnect(true).SetMaxReconnectInterval(200 * time.Millisecond).SetConnectTimeout(2 * time.Second)
	o.SetOnConnectHandler(func(paho.Client) {
		if connects != nil {
			connects.Add(1)
		}
	})
	c := paho.NewClient(o)
	if tok := c.Connect(); !tok.WaitTimeout(5*time.Second) || tok.Error() != nil {
		t.Fatalf("connect %s: %v", user, tok.Error())
	}
	t.Cleanup(func() { c.Disconnect(100) })
	return c
}

func publish(t testing.TB, c paho.Client, topic string, payload []byte) {
	t.Helper()
	if tok := c.Publish(topic, 1, false, payload); !tok.WaitTimeout(5*time.Second) || tok.Error() != nil {
		t.Fatalf("publish %s: %v", topic, tok.Error())
	}
}

// handled publishes on topic a message the relay must refuse, and waits
// until it has: then it has handled everything published on that topic
// before (one publisher's messages on one topic keep their order).
func handled(t testing.TB, c paho.Client, k *kioskSide, topic string) {
	t.Helper()
	before := k.relay.Stats().Rejected
	publish(t, c, topic, []byte("not json"))
	eventually(t, 10*time.Second, func() bool { return k.relay.Stats().Rejected > before },
		func() string { return "the relay did not refuse the marker on " + topic })
}

func TestOnlySignedAcksForThisKioskCount(t *testing.T) {
	w := newWorld(t, "wall-01", "wall-02")
	b := w.startBroker("127.0.0.1:0")
	url := "tcp://" + b.ListenAddr()
	k := w.newKiosk("wall-01", 11)
	w.startRelay(k, url, func(r *mqtt.Relay) { r.AckTimeout = time.Hour })
	k.submit(t, 5)
	eventually(t, 10*time.Second, func() bool { return k.relay.Stats().Published == 5 },
		func() string { return fmt.Sprintf("published %d", k.relay.Stats().Published) })

	hubc := rawClient(t, url, mqtt.UserHub, "ow-hub-fake", nil)
	ackTopic := mqtt.KioskTopic("wall-01", mqtt.LeafAck)
	_, otherKey, _ := ed25519.GenerateKey(rand.Reader)
	forger := mqtt.NewSigner(otherKey)
	forged, _ := forger.Sign(mqtt.TypeAck, mqtt.KioskTopic("wall-01", mqtt.LeafAck), mqtt.AckMsg{Kiosk: "wall-01", IDs: k.ids})
	otherKiosk, _ := w.signer.Sign(mqtt.TypeAck, mqtt.KioskTopic("wall-01", mqtt.LeafAck), mqtt.AckMsg{Kiosk: "wall-02", IDs: k.ids})
	tampered, _ := w.signer.Sign(mqtt.TypeAck, mqtt.KioskTopic("wall-01", mqtt.LeafAck), mqtt.AckMsg{Kiosk: "wall-01", IDs: k.ids[:1]})
	var env mqtt.Envelope
	json.Unmarshal(tampered, &env)
	env.Payload, _ = json.Marshal(mqtt.AckMsg{Kiosk: "wall-01", IDs: k.ids}) // the signature is of one id
	tampered, _ = json.Marshal(env)
	for _, bad := range [][]byte{forged, otherKiosk, tampered, []byte("not json"), []byte(`{"v":2}`)} {
		publish(t, hubc, ackTopic, bad)
	}
	eventually(t, 10*time.Second, func() bool { return k.relay.Stats().Rejected == 5 },
		func() string { return fmt.Sprintf("rejected %d/5", k.relay.Stats().Rejected) })
	if n := k.acked(t); n != 0 {
		t.Fatalf("%d submissions marked delivered by forged acks", n)
	}

	// A genuine ack of two counts; replayed, it changes nothing more.
	good, _ := w.signer.Sign(mqtt.TypeAck, mqtt.KioskTopic("wall-01", mqtt.LeafAck), mqtt.AckMsg{Kiosk: "wall-01", IDs: k.ids[:2]})
	publish(t, hubc, ackTopic, good)
	eventually(t, 10*time.Second, func() bool { return k.acked(t) == 2 },
		func() string { return fmt.Sprintf("acked %d/2 after a genuine ack", k.acked(t)) })
	for i := 0; i < 3; i++ {
		publish(t, hubc, ackTopic, good)
	}
	// Real time: acks are marked at the end of a burst, after any marker
	// message in it was refused, so no marker says they were handled.
	time.Sleep(300 * time.Millisecond)
	if n, st := k.acked(t), k.relay.Stats(); n != 2 || st.Acked != 2 {
		t.Fatalf("after replays: %d acked in the store, relay counted %d", n, st.Acked)
	}
}

func TestKioskCannotPublishForAnother(t *testing.T) {
	w := newWorld(t, "wall-01", "wall-02")
	b := w.startBroker("127.0.0.1:0")
	url := "tcp://" + b.ListenAddr()
	in := w.startIngest(url)
	eventually(t, 10*time.Second, in.Connected, func() string { return "ingest not connected" })
	checkNoCrossPublish(t, w, url, func() int64 { return b.Stats().Denied })
}

// checkNoCrossPublish has wall-01 publish a submission on wall-02's topic:
// the broker drops it, the hub never sees it, and wall-01 stays connected
// (no reconnect loop) and can still deliver its own.
func checkNoCrossPublish(t *testing.T, w *world, url string, denied func() int64) {
	t.Helper()
	var connects atomic.Int64
	c := rawClient(t, url, "wall-01", "wall-01", &connects)
	gen := kiosk.UUIDGen{}
	codec, _ := kiosk.NewTicketCodec(12, "wall-02")
	forged := &kiosk.Submission{ID: gen.New(time.Now()), Seq: 1, Kiosk: "wall-02", Kind: kiosk.KindRating, Ticket: codec.Code(1),
		CreatedAt: time.Now(), Body: kiosk.Body{Topic: "station", Rating: 1, Lang: "zh", Channel: kiosk.ChannelButton}}
	payload, _ := mqtt.EncodeUp(forged)
	publish(t, c, mqtt.KioskTopic("wall-02", mqtt.LeafUp), payload)
	publish(t, c, mqtt.KioskTopic("wall-02", mqtt.LeafState), []byte(`{"v":1,"state":"lost"}`))
	publish(t, c, mqtt.TopicWall, []byte(`{}`))

	// wall-01's own submission still goes through on the same connection
	// (with a code its store has not issued: the hub refuses one twice).
	codec1, _ := kiosk.NewTicketCodec(11, "wall-01")
	own := &kiosk.Submission{ID: gen.New(time.Now()), Seq: 1, Kiosk: "wall-01", Kind: kiosk.KindRating, Ticket: codec1.Code(999_999),
		CreatedAt: time.Now(), Body: kiosk.Body{Topic: "station", Rating: 4, Lang: "zh", Channel: kiosk.ChannelButton}}
	payload, _ = mqtt.EncodeUp(own)
	publish(t, c, mqtt.KioskTopic("wall-01", mqtt.LeafUp), payload)
	eventually(t, 10*time.Second, func() bool { ok, _ := w.hubDB.Has(t.Context(), own.ID); return ok },
		func() string { return "wall-01's own submission never reached the hub" })
	time.Sleep(500 * time.Millisecond)
	if ok, _ := w.hubDB.Has(t.Context(), forged.ID); ok {
		t.Fatal("the hub stored a submission wall-01 published as wall-02")
	}
	fleet, _ := w.hubDB.Kiosks(t.Context())
	for _, k := range fleet {
		if k.ID == "wall-02" {
			t.Fatalf("the hub heard from wall-02: %+v", k)
		}
	}
	if denied != nil {
		if got := denied(); got != 3 {
			t.Errorf("broker denied %d publishes, want 3", got)
		}
	}
	if !c.IsConnectionOpen() || connects.Load() != 1 {
		t.Fatalf("after a denied publish: connected %v, %d connections (a reconnect loop?)", c.IsConnectionOpen(), connects.Load())
	}
}

func TestBrokerRefusesBadLogins(t *testing.T) {
	w := newWorld(t, "wall-01", "wall-02")
	b := w.startBroker("127.0.0.1:0")
	url := "tcp://" + b.ListenAddr()
	try := func(user, pass, clientID, willTopic string) error {
		o := paho.NewClientOptions().AddBroker(url).SetClientID(clientID).SetUsername(user).SetPassword(pass).SetConnectTimeout(2 * time.Second).SetProtocolVersion(4)
		if willTopic != "" {
			o.SetWill(willTopic, "x", 1, true)
		}
		c := paho.NewClient(o)
		tok := c.Connect()
		if !tok.WaitTimeout(5 * time.Second) {
			return fmt.Errorf("timeout")
		}
		if tok.Error() == nil {
			c.Disconnect(50)
		}
		return tok.Error()
	}
	if err := try("wall-01", password("wall-01"), "wall-01", mqtt.KioskTopic("wall-01", mqtt.LeafState)); err != nil {
		t.Fatalf("good login refused: %v", err)
	}
	for name, args := range map[string][4]string{
		"wrong password":           {"wall-01", "guess", "wall-01", ""},
		"unknown user":             {"wall-99", "pw-wall-99", "wall-99", ""},
		"another kiosk's clientid": {"wall-01", password("wall-01"), "wall-02", ""},
		"will on another's topic":  {"wall-01", password("wall-01"), "wall-01", mqtt.KioskTopic("wall-02", mqtt.LeafState)},
	} {
		t.Run(name, func(t *testing.T) {
			if err := try(args[0], args[1], args[2], args[3]); err == nil {
				t.Error("login accepted")
			}
		})
	}
	if n := b.Stats().Refused; n != 4 {
		t.Errorf("refused %d, want 4", n)
	}
}

func TestKioskSubscriptionsLimited(t *testing.T) {
	w := newWorld(t, "wall-01", "wall-02")
	b := w.startBroker("127.0.0.1:0")
	url := "tcp://" + b.ListenAddr()
	c := rawClient(t, url, "wall-01", "wall-01", nil)
	for filter, want := range map[string]bool{
		mqtt.KioskTopic("wall-01", mqtt.LeafAck): true,
		mqtt.TopicWall:                           true,
		mqtt.KioskTopic("wall-02", mqtt.LeafAck): false,
		mqtt.KioskFilter(mqtt.LeafUp):            false,
		"ow/v1/#":                                false,
		"#":                                      false,
	} {
		tok := c.Subscribe(filter, 1, nil)
		if !tok.WaitTimeout(5 * time.Second) {
			t.Fatalf("subscribe %s: timeout", filter)
		}
		granted := tok.(*paho.SubscribeToken).Result()[filter]
		if got := granted != 0x80; got != want {
			t.Errorf("subscribe %s: granted %#x, want allowed=%v", filter, granted, want)
		}
	}
}
