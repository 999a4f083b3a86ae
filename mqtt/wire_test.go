package mqtt_test

import (
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
	got, err := mqtt.DecodeUp("wall-01", good)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != s.ID || got.Seq != 7 || got.Body.Text != "垃圾站很臭" || !got.CreatedAt.Equal(s.CreatedAt) {
		t.Errorf("round trip: %+v", got)
	}
	change := func(f func(m map[string]any)) []byte {
		var m map[string]any
		json.Unmarshal(good, &m)
		f(m)
		b, _ := json.Marshal(m)
		return b
	}
	tests := []struct {
		name, topicKiosk string
		payload          []byte
		want             string
	}{
		{"wrong kiosk", "wall-02", good, "topic of"},
		{"malformed", "wall-01", []byte(`{"v":1,`), "malformed"},
		{"trailing data", "wall-01", append(append([]byte{}, good...), []byte(`{}`)...), "after the JSON"},
		{"oversized", "wall-01", []byte(`{"v":1,"x":"` + strings.Repeat("a", 70<<10) + `"}`), "more than"},
		{"wrong version", "wall-01", change(func(m map[string]any) { m["v"] = 2 }), "protocol version 2"},
		{"no version", "wall-01", change(func(m map[string]any) { delete(m, "v") }), "protocol version 0"},
		{"bad id", "wall-01", change(func(m map[string]any) { m["id"] = "x" }), "UUIDv7"},
		{"bad seq", "wall-01", change(func(m map[string]any) { m["seq"] = 0 }), "seq"},
		{"bad ticket", "wall-01", change(func(m map[string]any) { m["ticket"] = "123456789" }), "ticket"},
		{"bad kind", "wall-01", change(func(m map[string]any) { m["kind"] = "spam" }), "kind"},
		{"control characters", "wall-01", change(func(m map[string]any) { m["body"].(map[string]any)["text"] = "a\u0000b" }), "control"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := mqtt.DecodeUp(tt.topicKiosk, tt.payload)
			if err == nil || kiosk.ErrorCode(err) != kiosk.EINVALID || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want invalid mentioning %q", err, tt.want)
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

func TestSignedEnvelope(t *testing.T) {
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	s := mqtt.NewSigner(priv)
	trust := mqtt.NewTrust(pub)
	if s.KeyID() != mqtt.KeyID(pub) || len(s.KeyID()) != 16 {
		t.Fatalf("key id %q", s.KeyID())
	}
	env, _ := s.Sign(mqtt.AckMsg{Kiosk: "wall-01", IDs: []string{"0190b5a0-0000-7000-8000-000000000000"}})
	if _, err := trust.OpenAck("wall-01", env); err != nil {
		t.Fatal(err)
	}
	if _, err := trust.OpenAck("wall-02", env); err == nil {
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
	foreign, _ := mqtt.NewSigner(other).Sign(mqtt.AckMsg{Kiosk: "wall-01"})
	if _, err := trust.OpenAck("wall-01", foreign); err == nil || !strings.Contains(err.Error(), "unknown key") {
		t.Errorf("unknown key: %v", err)
	}
	w, _ := s.Sign(kiosk.WallSnapshot{Version: 3, Items: []kiosk.WallItem{{ID: "a", Reply: "好"}}})
	if got, err := trust.OpenWall(w); err != nil || got.Version != 3 {
		t.Errorf("wall: %+v %v", got, err)
	}
	p0, _ := s.Sign(kiosk.PollsSnapshot{Version: 0})
	if _, err := trust.OpenPolls(p0); err == nil {
		t.Error("polls version 0 accepted")
	}
	cmd, _ := s.Sign(mqtt.Command{CID: "c1", Kiosk: "wall-01", Cmd: "status", Nonce: "n1"})
	if got, err := trust.OpenCommand(cmd); err != nil || got.Cmd != "status" {
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
	if err != nil || trust.KeyIDs()[0] != mqtt.KeyID(pub) {
		t.Fatalf("trust %v %v", trust, err)
	}
	env, _ := mqtt.NewSigner(priv).Sign(mqtt.AckMsg{Kiosk: "k"})
	if _, _, err := trust.Open("ack", env, 1<<20); err != nil {
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
		user, topic string
		write, want bool
	}{
		{"wall-01", up, true, true},
		{"wall-01", mqtt.KioskTopic("wall-01", mqtt.LeafState), true, true},
		{"wall-01", mqtt.KioskTopic("wall-01", mqtt.LeafAck), true, false},
		{"wall-01", mqtt.KioskTopic("wall-02", mqtt.LeafUp), true, false},
		{"wall-01", mqtt.TopicWall, true, false},
		{"wall-01", mqtt.KioskTopic("wall-01", mqtt.LeafAck), false, true},
		{"wall-01", mqtt.KioskTopic("wall-01", mqtt.LeafUp), false, false},
		{"wall-01", mqtt.TopicPolls, false, true},
		{"wall-01", "ow/v1/kiosk/+/ack", false, false},
		{"hub", up, false, true},
		{"hub", "$share/ow-hub/ow/v1/kiosk/+/up", false, true},
		{"hub", mqtt.KioskTopic("wall-01", mqtt.LeafAck), true, true},
		{"hub", "elsewhere/x", true, false},
		{"ops", mqtt.KioskTopic("wall-01", mqtt.LeafCmd), true, true},
		{"ops", mqtt.KioskTopic("wall-01", mqtt.LeafAck), true, false},
		{"ops", "ow/v1/kiosk/+/res", false, true},
		{"ops", "ow/v1/kiosk/+/up", false, false},
	} {
		var got bool
		if tt.write {
			got = mqtt.CanWrite(tt.user, tt.topic)
		} else {
			got = mqtt.CanRead(tt.user, tt.topic)
		}
		if got != tt.want {
			t.Errorf("%s write=%v %s: %v, want %v", tt.user, tt.write, tt.topic, got, tt.want)
		}
	}
}
