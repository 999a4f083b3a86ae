package mqtt_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"opinionwall/hub"
	"opinionwall/internal/freeport"
	"opinionwall/kiosk/booth"
	"opinionwall/kiosk/voicepack"
	"opinionwall/mqtt"
	"opinionwall/mqtt/hubside"
)

// TestVoicePackFromTheHubStillChecked: the hub publishes the packs a lead
// sends (hubside.VoicePacks), and again after its broker restarted, so a
// booth that connects later still gets it; but the hub is only a carrier.
// A hub whose broker login or key is stolen, publishing straight on the
// fleet's topic, gets a pack signed by the hub key and a forged one (an
// operations pack with its version changed) refused by the booth, which
// keeps the pack it had.
func TestVoicePackFromTheHubStillChecked(t *testing.T) {
	w := newWorld(t, "booth-01", "booth-02")
	addr := freeport.Addr(t)
	b := w.startBroker(addr)
	url := "tcp://" + addr
	opsPub, opsKey, _ := ed25519.GenerateKey(rand.Reader)
	w.trust.Add(mqtt.RoleOps, opsPub)
	ops := mqtt.NewSigner(opsKey)
	ctx := context.Background()

	booths := map[string]*[]int64{}
	var mu sync.Mutex
	startBooth := func(id string, n int) {
		var got []int64
		booths[id] = &got
		in := &voicepack.Installer{Path: filepath.Join(w.dir, id, "voicepack.signed"), Verifier: w.trust,
			Installed: func(p *voicepack.Pack) { mu.Lock(); got = append(got, p.Version); mu.Unlock() }}
		k := w.newKiosk(id, n)
		w.startRelay(k, url, func(r *mqtt.Relay) { r.VoicePack = in })
		eventually(t, 10*time.Second, func() bool { return k.relay.Stats().Subscribed }, func() string { return id + " not subscribed" })
	}
	installed := func(id string) []int64 { mu.Lock(); defer mu.Unlock(); return append([]int64(nil), *booths[id]...) }
	startBooth("booth-01", 7)

	in := w.startIngest(url)
	vp := &hubside.VoicePacks{Ingest: in, Trust: mqtt.NewTrust().Add(mqtt.RoleOps, opsPub), Dir: filepath.Join(w.dir, "voicepacks"),
		Audit: w.hubDB, Interval: 50 * time.Millisecond}
	if err := vp.Open(); err != nil {
		t.Fatal(err)
	}
	defer vp.Close()
	eventually(t, 10*time.Second, in.Connected, func() string { return "hub not connected" })
	pack := func(s *mqtt.Signer, version int64) []byte {
		signed, err := voicepack.Seal(s, voicepack.Build(version, "李姐", time.Now(), map[booth.Prompt][]int16{booth.Welcome: recording(300)}))
		if err != nil {
			t.Fatal(err)
		}
		return signed
	}
	if _, err := vp.PushVoicePack(ctx, pack(ops, 5), nil, hub.Audit{Case: hub.VoicePackAuditID, Worker: "zhang", At: time.Now(), Action: hub.ActVoicePack}); err != nil {
		t.Fatal(err)
	}
	eventually(t, 10*time.Second, func() bool { return len(installed("booth-01")) == 1 }, func() string { return "booth-01 did not install the hub's pack" })
	answered := func(status string, version int64) func() bool {
		return func() bool {
			as, _ := vp.VoicePackAnswers(ctx)
			return len(as) > 0 && as[0].Kiosk == "booth-01" && as[0].Status == status && as[0].Version == version
		}
	}
	eventually(t, 10*time.Second, answered(mqtt.ResultSucceeded, 5), func() string { return "the hub did not hear booth-01's answer" })
	if _, err := vp.PushVoicePack(ctx, pack(w.signer, 6), nil, hub.Audit{}); err == nil {
		t.Error("the hub's own check took a pack signed by the hub key")
	}
	if _, err := vp.PushVoicePack(ctx, pack(ops, 5), nil, hub.Audit{}); err == nil {
		t.Error("the hub sent the same version again")
	}

	// The embedded broker restarts and forgets what was retained: the hub
	// publishes the kept pack again, and a booth that comes later gets it.
	b.Close()
	w.startBroker(addr)
	startBooth("booth-02", 8)
	eventually(t, 20*time.Second, func() bool { return len(installed("booth-02")) == 1 }, func() string { return "booth-02 never got the pack after the broker restarted" })

	// The stolen hub login publishes straight on the fleet's topic.
	var env mqtt.Envelope
	json.Unmarshal(pack(ops, 7), &env)
	env.Payload = []byte(strings.Replace(string(env.Payload), `"version":7`, `"version":9`, 1))
	forged, _ := json.Marshal(env)
	answers := make(chan mqtt.ResultMsg, 8)
	watch := mqtt.Conn{Broker: url, Username: mqtt.UserOps, Password: password(mqtt.UserOps)}
	wo := watch.ClientOptions().SetClientID("ow-ops-watch").SetDefaultPublishHandler(func(_ paho.Client, m paho.Message) {
		if r, err := mqtt.DecodeResult(m.Payload()); err == nil {
			answers <- r
		}
	})
	wc := paho.NewClient(wo)
	if err := mqtt.WaitToken(wc.Connect(), 10*time.Second, "connect"); err != nil {
		t.Fatal(err)
	}
	defer wc.Disconnect(100)
	if err := mqtt.WaitToken(wc.Subscribe(mqtt.KioskTopic("booth-01", mqtt.LeafRes), 1, nil), 10*time.Second, "subscribe"); err != nil {
		t.Fatal(err)
	}
	evil := mqtt.Conn{Broker: url, Username: mqtt.UserHub, Password: password(mqtt.UserHub)}
	ec := paho.NewClient(evil.ClientOptions().SetClientID("ow-hub-evil"))
	if err := mqtt.WaitToken(ec.Connect(), 10*time.Second, "connect"); err != nil {
		t.Fatal(err)
	}
	defer ec.Disconnect(100)
	// The hub's answers hold each booth's latest; the hub may publish its
	// pack again meanwhile (its connection renewed under load), and
	// booth-01's answer to that replaces the refusal: watch all along.
	var heardRefusal atomic.Bool
	stopWatch := make(chan struct{})
	go func() {
		for {
			if answered(mqtt.ResultRejected, 8)() || answered(mqtt.ResultRejected, 9)() {
				heardRefusal.Store(true)
				return
			}
			select {
			case <-stopWatch:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	defer close(stopWatch)
	for name, c := range map[string]struct {
		signed  []byte
		version int64
	}{"signed by the hub key": {pack(w.signer, 8), 8}, "forged": {forged, 9}} {
		if err := mqtt.WaitToken(ec.Publish(mqtt.TopicVoicePack, 1, true, c.signed), 10*time.Second, "publish"); err != nil {
			t.Fatal(err)
		}
		select {
		case r := <-answers:
			if r.CID != mqtt.VoicePackCID(c.version) || r.Status != mqtt.ResultRejected {
				t.Errorf("%s: the booth answered %+v, want rejected", name, r)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: the booth did not answer", name)
		}
	}
	eventually(t, 10*time.Second, heardRefusal.Load, func() string { return "the hub did not hear booth-01 refuse" })
	if got := installed("booth-01"); len(got) != 1 || got[0] != 5 {
		t.Errorf("booth-01 installed %v, want [5]", got)
	}
	if p, err := voicepack.Load(filepath.Join(w.dir, "booth-01", "voicepack.signed"), w.trust); err != nil || p.Version != 5 {
		t.Errorf("booth-01's installed pack is not v5: %v", err)
	}
}
