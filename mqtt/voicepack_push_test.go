package mqtt_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"opinionwall/hardware"
	"opinionwall/hardware/audiotest"
	"opinionwall/kiosk"
	"opinionwall/kiosk/booth"
	"opinionwall/kiosk/espeak"
	"opinionwall/kiosk/voicepack"
	"opinionwall/mqtt"
)

// TestVoicePackPushedToBooth: the station pushes a voice pack the way it
// pushes configuration; the booth verifies it, installs it and its next
// caller hears the recorded welcome. A pack signed by the hub key, a
// forged one and an older one are refused and change nothing; a pack for
// the whole fleet reaches the booth too.
func TestVoicePackPushedToBooth(t *testing.T) {
	w := newWorld(t, "booth-01")
	b := w.startBroker("127.0.0.1:0")
	opsPub, opsKey, _ := ed25519.GenerateKey(rand.Reader)
	w.trust.Add(mqtt.RoleOps, opsPub)
	opsSigner := mqtt.NewSigner(opsKey)
	ctx := context.Background()

	level := kiosk.Defaults().Booth.PromptLevel
	voice := &booth.Voice{Synth: &espeak.Espeak{CacheDir: t.TempDir()}, Level: level}
	path := filepath.Join(w.dir, "booth-01", "voicepack.signed")
	var installed []int64
	in := &voicepack.Installer{Path: path, Verifier: w.trust, Voice: voice,
		Installed: func(p *voicepack.Pack) { installed = append(installed, p.Version) }}
	k := w.newKiosk("booth-01", 7)
	w.startRelay(k, "tcp://"+b.ListenAddr(), func(r *mqtt.Relay) { r.VoicePack = in })
	eventually(t, 10*time.Second, func() bool { return k.relay.Stats().Subscribed }, func() string { return "not subscribed" })

	o := &mqtt.Ops{Conn: mqtt.Conn{Broker: "tcp://" + b.ListenAddr(), Username: mqtt.UserOps, Password: password(mqtt.UserOps)}, Signer: opsSigner}
	push := func(kiosks []string, signed []byte, version int64) mqtt.Outcome {
		t.Helper()
		timeout := 10 * time.Second
		if kiosks == nil {
			timeout = 3 * time.Second
		}
		outs, err := o.PushVoicePack(ctx, kiosks, signed, version, timeout)
		if err != nil || len(outs) != 1 {
			t.Fatalf("push v%d: %+v %v", version, outs, err)
		}
		return outs[0]
	}
	pack := func(s *mqtt.Signer, version int64, hz float64) []byte {
		m := voicepack.Build(version, "李姐", time.Now(), map[booth.Prompt][]int16{booth.Welcome: recording(hz)})
		signed, err := s.Sign(voicepack.Type, voicepack.Topic, m)
		if err != nil {
			t.Fatal(err)
		}
		return signed
	}
	welcome := func() []int16 {
		t.Helper()
		dev := audiotest.New()
		bo := &booth.Booth{Audio: dev, Voice: voice, Config: kiosk.Defaults().Booth}
		if err := bo.Open(); err != nil {
			t.Fatal(err)
		}
		defer bo.Close()
		bo.HookUp()
		wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		clips, err := dev.Wait(wctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		bo.HookDown()
		return clips[0].PCM
	}

	synthesised := welcome()
	if oc := push([]string{"booth-01"}, pack(opsSigner, 2, 300), 2); oc.Final != mqtt.ResultSucceeded {
		t.Fatalf("the booth did not install the pack: %+v", oc)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("not installed: %v", err)
	}
	if got := welcome(); !slices.Equal(got, hardware.Normalize(recording(300), level)) {
		t.Fatalf("the caller hears the synthesised welcome (%v), not the recorded one", slices.Equal(got, synthesised))
	}

	var env mqtt.Envelope
	json.Unmarshal(pack(opsSigner, 3, 500), &env)
	env.Payload = []byte(strings.Replace(string(env.Payload), `"version":3`, `"version":4`, 1))
	forged, _ := json.Marshal(env)
	for name, c := range map[string]struct {
		signed  []byte
		version int64
	}{
		"signed by the hub key": {pack(w.signer, 5, 500), 5},
		"forged":                {forged, 4},
		"older":                 {pack(opsSigner, 1, 500), 1},
		"signed by no one":      {pack(mqtt.NewSigner(ed25519.NewKeyFromSeed(make([]byte, 32))), 6, 500), 6},
	} {
		oc := push([]string{"booth-01"}, c.signed, c.version)
		if oc.Final != mqtt.ResultRejected {
			t.Errorf("%s: %+v, want rejected", name, oc)
		}
	}
	if got := welcome(); !slices.Equal(got, hardware.Normalize(recording(300), level)) {
		t.Error("a refused pack changed the booth's voice")
	}
	if _, err := voicepack.Load(path, w.trust); err != nil {
		t.Errorf("the installed pack was damaged: %v", err)
	}

	// The fleet's topic: every booth, and the retained pack installs once.
	p7 := pack(opsSigner, 7, 600)
	if oc := push(nil, p7, 7); oc.Kiosk != "booth-01" || oc.Final != mqtt.ResultSucceeded {
		t.Fatalf("fleet push: %+v", oc)
	}
	// The very pack pushed again live, as a hub publishes its packs again
	// after it reconnects: the booth has it (it answered "not newer",
	// which the review app showed as the booth refusing the pack it plays).
	// Another pack of the same version is still refused.
	if oc := push([]string{"booth-01"}, p7, 7); oc.Final != mqtt.ResultSucceeded {
		t.Errorf("the installed pack pushed again: %+v, want succeeded", oc)
	}
	if oc := push([]string{"booth-01"}, pack(opsSigner, 7, 700), 7); oc.Final != mqtt.ResultRejected {
		t.Errorf("another pack of the installed version: %+v, want rejected", oc)
	}
	if got := welcome(); !slices.Equal(got, hardware.Normalize(recording(600), level)) {
		t.Error("the fleet's pack is not played")
	}
	if !slices.Equal(installed, []int64{2, 7}) {
		t.Errorf("installed %v, want [2 7]", installed)
	}
}

// TestVoicePackACL: maintenance and the hub (for the review app) publish
// packs; a booth reads its own and the fleet's, never another booth's.
func TestVoicePackACL(t *testing.T) {
	for _, c := range []struct {
		user, topic string
		write, read bool
	}{
		{mqtt.UserOps, mqtt.TopicVoicePack, true, false},
		{mqtt.UserOps, mqtt.KioskTopic("booth-01", mqtt.LeafVoicePack), true, false},
		{mqtt.UserHub, mqtt.TopicVoicePack, true, true},
		{mqtt.UserHub, mqtt.KioskTopic("booth-01", mqtt.LeafVoicePack), true, true},
		{"booth-01", mqtt.TopicVoicePack, false, true},
		{"booth-01", mqtt.KioskTopic("booth-01", mqtt.LeafVoicePack), false, true},
		{"booth-01", mqtt.KioskTopic("booth-02", mqtt.LeafVoicePack), false, false},
	} {
		if got := mqtt.CanWrite(c.user, c.topic); got != c.write {
			t.Errorf("%s write %s: %v", c.user, c.topic, got)
		}
		if got := mqtt.CanRead(c.user, c.topic); got != c.read {
			t.Errorf("%s read %s: %v", c.user, c.topic, got)
		}
	}
}

// recording stands in for a worker's voice: a quiet tone.
func recording(hz float64) []int16 { return hardware.Tone(hz, hardware.SampleRate, 0.02) }
