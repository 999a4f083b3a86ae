package mqtt_test

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"opinionwall/kiosk"
	"opinionwall/mqtt"
)

func validUp(t testing.TB) (*kiosk.Submission, []byte) {
	var g kiosk.UUIDGen
	codec, _ := kiosk.NewTicketCodec(11, "wall-01")
	s := &kiosk.Submission{ID: g.New(time.Now()), Seq: 7, Kiosk: "wall-01", Kind: kiosk.KindOpinion, Ticket: codec.Code(7),
		CreatedAt: time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC), ClockSynced: true,
		Body: kiosk.Body{Topic: "sanitation", Text: "垃圾站很臭", Lang: "zh", Channel: kiosk.ChannelTouch}}
	b, err := mqtt.EncodeUp(s)
	if err != nil {
		t.Fatal(err)
	}
	return s, b
}

func TestDecodeUp(t *testing.T) {
	s, good := validUp(t)
	got, bad, err := mqtt.DecodeUp("wall-01", good)
	if err != nil || len(bad) != 0 || len(got) != 1 {
		t.Fatalf("good message: %d good, %v bad, %v", len(got), bad, err)
	}
	if got[0].ID != s.ID || got[0].Seq != 7 || got[0].Body.Text != "垃圾站很臭" || !got[0].CreatedAt.Equal(s.CreatedAt) {
		t.Errorf("round trip: %+v", got[0])
	}

	// Whole messages refused.
	for _, tt := range []struct {
		name    string
		payload []byte
		want    string
	}{
		{"malformed", []byte(`{"v":1,`), "malformed"},
		{"trailing data", append(append([]byte{}, good...), []byte(`{}`)...), "after the JSON"},
		{"oversized", []byte(`{"v":1,"subs":["` + strings.Repeat("a", 33*64<<10) + `"]}`), "more than"},
		{"wrong version", []byte(`{"v":2,"subs":[{}]}`), "protocol version 2"},
		{"no version", []byte(`{"subs":[{}]}`), "protocol version 0"},
		{"empty batch", []byte(`{"v":1,"subs":[]}`), "0 submissions"},
		{"batch too big", []byte(`{"v":1,"subs":[` + strings.Repeat(`{},`, 32) + `{}]}`), "33 submissions"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := mqtt.DecodeUp("wall-01", tt.payload)
			if err == nil || kiosk.ErrorCode(err) != kiosk.EINVALID || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want invalid mentioning %q", err, tt.want)
			}
		})
	}

	// Submissions refused one by one; the rest of the batch goes through.
	change := func(f func(m map[string]any)) *kiosk.Submission {
		b, _ := json.Marshal(s)
		var m map[string]any
		json.Unmarshal(b, &m)
		f(m)
		b, _ = json.Marshal(m)
		var out kiosk.Submission
		json.Unmarshal(b, &out)
		return &out
	}
	for _, tt := range []struct {
		name, topicKiosk string
		sub              *kiosk.Submission
		want             string
		keepsID          bool
	}{
		{"wrong kiosk", "wall-02", s, "topic of", true},
		{"bad id", "wall-01", change(func(m map[string]any) { m["id"] = "x" }), "UUIDv7", false},
		{"bad seq", "wall-01", change(func(m map[string]any) { m["seq"] = 0 }), "seq", true},
		{"bad ticket", "wall-01", change(func(m map[string]any) { m["ticket"] = "123456789" }), "ticket", true},
		{"bad kind", "wall-01", change(func(m map[string]any) { m["kind"] = "spam" }), "kind", true},
		{"control characters", "wall-01", change(func(m map[string]any) { m["body"].(map[string]any)["text"] = "a\u0000b" }), "control", true},
		{"oversized submission", "wall-01", change(func(m map[string]any) { m["body"].(map[string]any)["text"] = strings.Repeat("长", 23000) }), "more than", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			other, _ := validUp(t)
			other.Kiosk = tt.topicKiosk
			payload, _ := mqtt.EncodeUp(tt.sub, other)
			good, bad, err := mqtt.DecodeUp(tt.topicKiosk, payload)
			if err != nil {
				t.Fatalf("whole message refused: %v", err)
			}
			if len(good) != 1 || len(bad) != 1 {
				t.Fatalf("%d good, %d bad; want 1 and 1", len(good), len(bad))
			}
			if !strings.Contains(bad[0].Err.Error(), tt.want) || kiosk.ErrorCode(bad[0].Err) != kiosk.EINVALID {
				t.Errorf("err = %v, want invalid mentioning %q", bad[0].Err, tt.want)
			}
			if n := strings.Count(bad[0].Err.Error(), "invalid:"); n != 1 {
				t.Errorf("err = %v: the prefix invalid: %d times", bad[0].Err, n)
			}
			if (bad[0].ID != "") != tt.keepsID {
				t.Errorf("bad id %q, want kept=%v", bad[0].ID, tt.keepsID)
			}
		})
	}
}

func TestDecodeStateTeleResult(t *testing.T) {
	if _, err := mqtt.DecodeState([]byte(`{"v":1,"state":"online","ts":"2026-11-29T09:00:00Z"}`)); err != nil {
		t.Error(err)
	}
	for _, bad := range []string{`{"v":1,"state":"sleepy"}`, `{"v":3,"state":"online"}`, `[]`} {
		if _, err := mqtt.DecodeState([]byte(bad)); err == nil {
			t.Errorf("state %s accepted", bad)
		}
	}
	if _, err := mqtt.DecodeTele("wall-01", []byte(`{"v":1,"kiosk":"wall-01","outbox_pending":3}`)); err != nil {
		t.Error(err)
	}
	if _, err := mqtt.DecodeTele("wall-01", []byte(`{"v":1,"kiosk":"wall-02"}`)); err == nil {
		t.Error("telemetry for another kiosk accepted")
	}
	if _, err := mqtt.DecodeResult([]byte(`{"v":1,"cid":"c1","status":"succeeded"}`)); err != nil {
		t.Error(err)
	}
	if _, err := mqtt.DecodeResult([]byte(`{"v":1,"cid":"c1","status":"maybe"}`)); err == nil {
		t.Error("unknown result status accepted")
	}
}

var ack01 = mqtt.KioskTopic("wall-01", mqtt.LeafAck)

func TestSignedEnvelope(t *testing.T) {
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	s := mqtt.NewSigner(priv)
	trust := mqtt.NewTrust().Add(mqtt.RoleHub, pub)
	if s.KeyID() != mqtt.KeyID(pub) || len(s.KeyID()) != 16 {
		t.Fatalf("key id %q", s.KeyID())
	}
	env, _ := s.Sign(mqtt.TypeAck, ack01, mqtt.AckMsg{Kiosk: "wall-01", IDs: []string{"0190b5a0-0000-7000-8000-000000000000"}})
	if _, err := trust.OpenAck("wall-01", env); err != nil {
		t.Fatal(err)
	}
	if _, err := trust.OpenAck("wall-02", env); err == nil || !strings.Contains(err.Error(), "for topic") {
		t.Error("ack for wall-01 accepted by wall-02")
	}
	var e mqtt.Envelope
	json.Unmarshal(env, &e)
	e.Sig[0] ^= 1
	flipped, _ := json.Marshal(e)
	if _, err := trust.OpenAck("wall-01", flipped); err == nil || !strings.Contains(err.Error(), "bad signature") {
		t.Errorf("flipped signature: %v", err)
	}
	_, other, _ := ed25519.GenerateKey(rand.Reader)
	foreign, _ := mqtt.NewSigner(other).Sign(mqtt.TypeAck, ack01, mqtt.AckMsg{Kiosk: "wall-01"})
	if _, err := trust.OpenAck("wall-01", foreign); err == nil || !strings.Contains(err.Error(), "unknown key") {
		t.Errorf("unknown key: %v", err)
	}
	w, _ := s.Sign(mqtt.TypeWall, mqtt.TopicWall, kiosk.WallSnapshot{Version: 3, Items: []kiosk.WallItem{{ID: "a", Reply: "好"}}})
	if got, err := trust.OpenWall(w); err != nil || got.Version != 3 {
		t.Errorf("wall: %+v %v", got, err)
	}
	p0, _ := s.Sign(mqtt.TypePolls, mqtt.TopicPolls, kiosk.PollsSnapshot{Version: 0})
	if _, err := trust.OpenPolls(p0); err == nil {
		t.Error("polls version 0 accepted")
	}
	trust.Add(mqtt.RoleOps, other.Public().(ed25519.PublicKey))
	cmd, _ := mqtt.NewSigner(other).Sign(mqtt.TypeCmd, mqtt.KioskTopic("wall-01", mqtt.LeafCmd), mqtt.Command{CID: "c1", Kiosk: "wall-01", Cmd: "status", Nonce: "n1"})
	if got, err := trust.OpenCommand("wall-01", cmd); err != nil || got.Cmd != "status" {
		t.Errorf("command: %+v %v", got, err)
	}
}

func TestKeyFiles(t *testing.T) {
	dir := t.TempDir()
	pub, err := mqtt.GenerateKey(dir, "hub")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := mqtt.GenerateKey(dir, "hub"); err == nil {
		t.Error("an existing key was overwritten")
	}
	priv, err := mqtt.LoadPrivateKey(dir + "/hub.key")
	if err != nil {
		t.Fatal(err)
	}
	trust, err := mqtt.LoadTrust(dir)
	if err != nil || trust.KeyIDs()[0] != "hub:"+mqtt.KeyID(pub) {
		t.Fatalf("trust %v %v", trust, err)
	}
	env, _ := mqtt.NewSigner(priv).Sign(mqtt.TypeAck, "t", mqtt.AckMsg{Kiosk: "k"})
	if _, _, err := trust.Open(mqtt.TypeAck, "t", env, 1<<20); err != nil {
		t.Error(err)
	}
	if _, err := mqtt.LoadTrust(t.TempDir()); err == nil {
		t.Error("an empty trust list was accepted")
	}
}

func TestCredentials(t *testing.T) {
	var c mqtt.Credentials
	c.Set("wall-01", "secret")
	c.Set("hub", "other")
	parsed, err := mqtt.ParseCredentials(c.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if !parsed.Check("wall-01", "secret") || parsed.Check("wall-01", "Secret") || parsed.Check("nobody", "secret") {
		t.Error("password checks wrong")
	}
	for _, bad := range []string{"wall-01", "wall-01:plain", "wall-01:$6$salt$hash", "wall-01:$7$x$YQ==$YQ=="} {
		if _, err := mqtt.ParseCredentials([]byte(bad)); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestACL(t *testing.T) {
	up := mqtt.KioskTopic("wall-01", mqtt.LeafUp)
	for _, tt := range []struct {
		name, user, topic string
		write, want       bool
	}{
		{"kiosk publishes its submissions", "wall-01", up, true, true},
		{"kiosk publishes its state", "wall-01", mqtt.KioskTopic("wall-01", mqtt.LeafState), true, true},
		{"kiosk cannot ack itself", "wall-01", mqtt.KioskTopic("wall-01", mqtt.LeafAck), true, false},
		{"kiosk cannot publish for another", "wall-01", mqtt.KioskTopic("wall-02", mqtt.LeafUp), true, false},
		{"kiosk cannot publish the wall", "wall-01", mqtt.TopicWall, true, false},
		{"kiosk reads its acks", "wall-01", mqtt.KioskTopic("wall-01", mqtt.LeafAck), false, true},
		{"kiosk cannot read its own up", "wall-01", mqtt.KioskTopic("wall-01", mqtt.LeafUp), false, false},
		{"kiosk reads the polls", "wall-01", mqtt.TopicPolls, false, true},
		{"kiosk cannot read every kiosk's acks", "wall-01", "ow/v1/kiosk/+/ack", false, false},
		{"hub reads a kiosk's up", "hub", up, false, true},
		{"hub reads every up through its shared subscription", "hub", "$share/ow-hub/ow/v1/kiosk/+/up", false, true},
		{"hub acks", "hub", mqtt.KioskTopic("wall-01", mqtt.LeafAck), true, true},
		{"hub cannot publish outside the protocol", "hub", "elsewhere/x", true, false},
		{"ops sends commands", "ops", mqtt.KioskTopic("wall-01", mqtt.LeafCmd), true, true},
		{"ops cannot ack", "ops", mqtt.KioskTopic("wall-01", mqtt.LeafAck), true, false},
		{"ops pushes configuration", "ops", mqtt.KioskTopic("wall-01", mqtt.LeafConfig), true, true},
		{"ops reads results", "ops", "ow/v1/kiosk/+/res", false, true},
		{"kiosk asks the station on its lookup topic", "wall-01", mqtt.KioskTopic("wall-01", mqtt.LeafLookup), true, true},
		{"kiosk cannot ask as another", "wall-01", mqtt.KioskTopic("wall-02", mqtt.LeafLookup), true, false},
		{"kiosk cannot answer itself", "wall-01", mqtt.KioskTopic("wall-01", mqtt.LeafAnswer), true, false},
		{"kiosk reads its answers", "wall-01", mqtt.KioskTopic("wall-01", mqtt.LeafAnswer), false, true},
		{"kiosk cannot read another's answers", "wall-01", mqtt.KioskTopic("wall-02", mqtt.LeafAnswer), false, false},
		{"ops cannot answer lookups", "ops", mqtt.KioskTopic("wall-01", mqtt.LeafAnswer), true, false},
		{"ops cannot read submissions", "ops", "ow/v1/kiosk/+/up", false, false},
		{"kiosk sends its recordings' chunks", "booth-01", mqtt.KioskTopic("booth-01", mqtt.LeafVoice), true, true},
		{"kiosk cannot send chunks as another", "booth-01", mqtt.KioskTopic("booth-02", mqtt.LeafVoice), true, false},
		{"kiosk cannot ack its own chunks", "booth-01", mqtt.KioskTopic("booth-01", mqtt.LeafVoiceAck), true, false},
		{"kiosk reads its chunk acks", "booth-01", mqtt.KioskTopic("booth-01", mqtt.LeafVoiceAck), false, true},
		{"kiosk cannot read another's chunk acks", "booth-01", mqtt.KioskTopic("booth-02", mqtt.LeafVoiceAck), false, false},
		{"kiosk cannot listen to another's recordings", "booth-01", mqtt.KioskTopic("booth-02", mqtt.LeafVoice), false, false},
		{"ops cannot listen to recordings", "ops", "ow/v1/kiosk/+/voice", false, false},
		{"hub takes every kiosk's chunks", "hub", "$share/ow-hub/ow/v1/kiosk/+/voice", false, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got bool
			if tt.write {
				got = mqtt.CanWrite(tt.user, tt.topic)
			} else {
				got = mqtt.CanRead(tt.user, tt.topic)
			}
			if got != tt.want {
				t.Errorf("%s write=%v %s: %v, want %v", tt.user, tt.write, tt.topic, got, tt.want)
			}
		})
	}
}

func TestDecodeVoiceChunk(t *testing.T) {
	id := "019ace1b-9e30-7c4a-9d2e-6f1a2b3c4d5e"
	ok := func(i, n int) []byte {
		b, _ := json.Marshal(mqtt.VoiceChunkMsg{V: 1, ID: id, I: i, Data: bytes.Repeat([]byte{1}, n)})
		return b
	}
	if m, err := mqtt.DecodeVoiceChunk(ok(3, kiosk.ChunkBytes)); err != nil || m.I != 3 || len(m.Data) != kiosk.ChunkBytes {
		t.Fatalf("a full chunk: %v", err)
	}
	for name, b := range map[string][]byte{
		"over 32 KiB":      ok(0, kiosk.ChunkBytes+1),
		"empty":            ok(0, 0),
		"negative index":   ok(-1, 10),
		"past the largest": ok(kiosk.MaxAudioBytes/kiosk.ChunkBytes, 10),
		"not a uuid":       []byte(`{"v":1,"id":"x","i":0,"data":"AQ=="}`),
		"another version":  []byte(`{"v":2,"id":"` + id + `","i":0,"data":"AQ=="}`),
		"not base64":       []byte(`{"v":1,"id":"` + id + `","i":0,"data":"!!"}`),
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := mqtt.DecodeVoiceChunk(b); err == nil {
				t.Fatal("decoded")
			}
		})
	}
}

// TestOpenVoiceAck: a kiosk takes a chunk ack only signed by a trusted hub
// key, as a vack, on its own topic and naming itself; a forged done would
// make it delete a recording the station never got.
func TestOpenVoiceAck(t *testing.T) {
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	_, other, _ := ed25519.GenerateKey(rand.Reader)
	trust := mqtt.NewTrust().Add(mqtt.RoleHub, pub)
	hubKey, forger := mqtt.NewSigner(priv), mqtt.NewSigner(other)
	id := "019ace1b-9e30-7c4a-9d2e-6f1a2b3c4d5e"
	ack := mqtt.VoiceAckMsg{Kiosk: "booth-01", ID: id, Have: 4, Done: true, TS: time.Now()}
	topic := mqtt.KioskTopic("booth-01", mqtt.LeafVoiceAck)
	good, _ := hubKey.Sign(mqtt.TypeVoiceAck, topic, ack)
	if m, err := trust.OpenVoiceAck("booth-01", good); err != nil || !m.Done || m.Have != 4 {
		t.Fatalf("a good ack: %+v, %v", m, err)
	}
	forged, _ := forger.Sign(mqtt.TypeVoiceAck, topic, ack)
	asAck, _ := hubKey.Sign(mqtt.TypeAck, topic, ack)
	other2 := ack
	other2.Kiosk = "booth-02"
	toOther, _ := hubKey.Sign(mqtt.TypeVoiceAck, mqtt.KioskTopic("booth-02", mqtt.LeafVoiceAck), other2)
	named, _ := hubKey.Sign(mqtt.TypeVoiceAck, topic, other2)
	for name, b := range map[string][]byte{"an untrusted key": forged, "another type": asAck, "another kiosk's topic": toOther, "naming another kiosk": named} {
		t.Run(name, func(t *testing.T) {
			if _, err := trust.OpenVoiceAck("booth-01", b); err == nil {
				t.Fatal("taken")
			}
		})
	}
}
