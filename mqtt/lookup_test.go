package mqtt_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"opinionwall/kiosk"
	"opinionwall/mqtt"
	"opinionwall/mqtt/hubside"
)

// A code issued at kiosk A is looked up at kiosk B through the real broker,
// the hub's store and B's store: found, kept at B, limited at the hub,
// refused when forged, and plainly unavailable when the hub is down.
func TestLookupAnyCodeAtAnyKiosk(t *testing.T) {
	w := newWorld(t, "wall-01", "wall-02")
	b := w.startBroker("127.0.0.1:0")
	lookupAnyCode(t, w, "tcp://"+b.ListenAddr())
}

// The same through Debian's mosquitto with the ACL `hub acl` prints.
func TestLookupAnyCodeOnMosquitto(t *testing.T) {
	w := newWorld(t, "wall-01", "wall-02")
	lookupAnyCode(t, w, startMosquitto(t, w))
}

func lookupAnyCode(t *testing.T, w *world, url string) {
	ctx := t.Context()
	lookups := &hubside.Lookups{Store: w.hubDB, Signer: w.signer, PerMinute: 2, Log: testLog(t)}
	in := &hubside.Ingest{
		Conn:  mqtt.Conn{Broker: url, Username: mqtt.UserHub, Password: password(mqtt.UserHub), KeepAlive: 5 * time.Second},
		Store: w.hubDB, Signer: w.signer, Log: testLog(t), OnLookup: lookups.Offer,
	}
	if err := in.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { in.Close() })
	lookups.Ingest = in
	if err := lookups.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lookups.Close() })
	eventually(t, 10*time.Second, in.Connected, func() string { return "ingest not connected" })

	a, bk := w.newKiosk("wall-01", 11), w.newKiosk("wall-02", 22)
	w.startRelay(a, url, nil)
	relayB := w.startRelay(bk, url, nil)
	a.submit(t, 1)
	eventually(t, 10*time.Second, func() bool { return a.acked(t) == 1 }, func() string { return "A's submission not acked" })
	sub, err := a.db.Submission(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	code := sub.Ticket
	eventually(t, 10*time.Second, func() bool { _, err := w.hubDB.CaseByTicket(ctx, code); return err == nil },
		func() string { return "no case for A's ticket at the hub" })
	eventually(t, 10*time.Second, func() bool { return relayB.Stats().Subscribed }, func() string { return "B not subscribed" })

	look := &kiosk.Lookup{Number: 22, Store: bk.db, Station: relayB, Timeout: 3 * time.Second, PerMinute: 60}
	u, err := look.LookupTicket(ctx, code)
	if err != nil || u.Status != kiosk.StatusReceived || u.SubmissionID != sub.ID {
		t.Fatalf("B looks up A's code: %+v, %v", u, err)
	}
	if kept, err := bk.db.LookupTicket(ctx, code); err != nil || kept.SubmissionID != sub.ID {
		t.Fatalf("the answer is not kept in B's store: %+v, %v", kept, err)
	}

	// The hub answers each kiosk at most twice a minute: the third question
	// (a code nobody issued, so nothing kept to fall back on) is busy.
	codecA, _ := kiosk.NewTicketCodec(11, "wall-01")
	if _, err := look.LookupTicket(ctx, codecA.Code(999)); kiosk.ErrorCode(err) != kiosk.ENOTFOUND {
		t.Fatalf("second question, unknown code: %v, want %s", err, kiosk.ENOTFOUND)
	}
	if _, err := look.LookupTicket(ctx, codecA.Code(998)); kiosk.ErrorCode(err) != kiosk.EBUSY {
		t.Fatalf("third question in a minute: %v, want %s", err, kiosk.EBUSY)
	}
	if st := lookups.Stats(); st.Busy != 1 || st.Answered != 2 {
		t.Errorf("hub stats %+v, want 2 answered and 1 busy", st)
	}

	// A forger with broker access answers B's questions with a key B does
	// not trust: B refuses the answer and tells the resident plainly.
	lookups.Close()
	_, forgedKey, _ := ed25519.GenerateKey(rand.Reader)
	forger := mqtt.NewSigner(forgedKey)
	raw := rawClient(t, url, mqtt.UserHub, "ow-hub-forger", nil)
	tok := raw.Subscribe(mqtt.KioskTopic("wall-02", mqtt.LeafLookup), 1, func(c paho.Client, m paho.Message) {
		q, err := mqtt.DecodeLookup(m.Payload())
		if err != nil {
			t.Errorf("forger: %v", err)
			return
		}
		fake := kiosk.TicketUpdate{Ticket: q.Ticket, Status: kiosk.StatusClosed, Reply: "已办结（伪造）"}
		payload, _ := forger.Sign(mqtt.TypeLookup, mqtt.KioskTopic("wall-02", mqtt.LeafAnswer), mqtt.AnswerMsg{Kiosk: "wall-02", ID: q.ID, Ticket: q.Ticket, Status: mqtt.AnswerFound, Update: &fake, TS: time.Now()})
		c.Publish(mqtt.KioskTopic("wall-02", mqtt.LeafAnswer), 1, false, payload)
	})
	if !tok.WaitTimeout(5*time.Second) || tok.Error() != nil {
		t.Fatal(tok.Error())
	}
	rejected := relayB.Stats().Rejected
	short := &kiosk.Lookup{Number: 22, Store: bk.db, Station: relayB, Timeout: time.Second, PerMinute: 60}
	if u, err := short.LookupTicket(ctx, codecA.Code(997)); kiosk.ErrorCode(err) != kiosk.EOFFLINE {
		t.Fatalf("forged answer: %+v, %v; want %s", u, err, kiosk.EOFFLINE)
	}
	eventually(t, 5*time.Second, func() bool { return relayB.Stats().Rejected > rejected }, func() string { return "the forged answer was not refused" })
	raw.Disconnect(100)

	// The hub is down (closed, it says so): B does not wait for an answer.
	in.Close()
	eventually(t, 5*time.Second, func() bool {
		_, err := short.LookupTicket(ctx, codecA.Code(996))
		return kiosk.ErrorCode(err) == kiosk.EOFFLINE && !errors.Is(err, context.DeadlineExceeded)
	}, func() string { return "B still waits for a hub that said it is gone" })
	// What B kept is still shown.
	if u, err := short.LookupTicket(ctx, code); err != nil || u.SubmissionID != sub.ID {
		t.Fatalf("hub down, kept answer: %+v, %v", u, err)
	}
}

// TestLookupBurstRefusedAtTheHub is the attack past the kiosk's own
// limits: someone with wall-02's broker password publishes question after
// question about codes nobody issued. After WrongPerHour not-found answers
// the hub answers busy, whatever the minute's rate; another kiosk is still
// answered.
func TestLookupBurstRefusedAtTheHub(t *testing.T) {
	w := newWorld(t, "wall-01", "wall-02")
	b := w.startBroker("127.0.0.1:0")
	url := "tcp://" + b.ListenAddr()
	lookups := &hubside.Lookups{Store: w.hubDB, Signer: w.signer, PerMinute: 100, WrongPerHour: 5, Log: testLog(t)}
	in := &hubside.Ingest{
		Conn:  mqtt.Conn{Broker: url, Username: mqtt.UserHub, Password: password(mqtt.UserHub), KeepAlive: 5 * time.Second},
		Store: w.hubDB, Signer: w.signer, Log: testLog(t), OnLookup: lookups.Offer,
	}
	if err := in.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { in.Close() })
	lookups.Ingest = in
	if err := lookups.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lookups.Close() })
	eventually(t, 10*time.Second, in.Connected, func() string { return "ingest not connected" })
	// The hub says online once its subscriptions are granted.
	online := make(chan struct{}, 1)
	watch := rawClient(t, url, mqtt.UserHub, "ow-hub-watch", nil)
	watch.Subscribe(mqtt.TopicHubState, 1, func(_ paho.Client, m paho.Message) {
		if strings.Contains(string(m.Payload()), mqtt.StateOnline) {
			select {
			case online <- struct{}{}:
			default:
			}
		}
	})
	select {
	case <-online:
	case <-time.After(10 * time.Second):
		t.Fatal("the ingest never said online")
	}

	guess, _ := kiosk.NewTicketCodec(11, "guess")
	gen := kiosk.UUIDGen{}
	ask := func(c paho.Client, k string, n int64) {
		q, _ := json.Marshal(mqtt.LookupMsg{V: mqtt.Version, ID: gen.New(time.Now()), Ticket: guess.Code(n), TS: time.Now()})
		publish(t, c, mqtt.KioskTopic(k, mqtt.LeafLookup), q)
	}
	thief := rawClient(t, url, "wall-02", "wall-02", nil)
	for n := range int64(20) {
		ask(thief, "wall-02", n)
	}
	eventually(t, 10*time.Second, func() bool { st := lookups.Stats(); return st.Answered+st.Busy == 20 },
		func() string { return fmt.Sprintf("hub stats %+v", lookups.Stats()) })
	if st := lookups.Stats(); st.Answered != 5 || st.Busy != 15 {
		t.Fatalf("hub stats %+v: want 5 answered and 15 busy", st)
	}
	other := rawClient(t, url, "wall-01", "wall-01", nil)
	ask(other, "wall-01", 100)
	eventually(t, 10*time.Second, func() bool { return lookups.Stats().Answered == 6 },
		func() string { return fmt.Sprintf("wall-01 not answered: %+v", lookups.Stats()) })
}
