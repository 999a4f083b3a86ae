package mqtt_test

import (
	"crypto/ed25519"
	"testing"

	"opinionwall/kiosk"
	"opinionwall/mqtt"
)

// Every decoder takes bytes from the network: none may panic, and what one
// accepts must satisfy its promises.

func FuzzDecodeUp(f *testing.F) {
	_, good := validUp(f)
	for _, s := range [][]byte{good, []byte(`{"v":1}`), []byte(`null`), []byte(`{"v":1,"subs":[{"kiosk":"wall-01","seq":-1}]}`), {0xff}} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		good, bad, err := mqtt.DecodeUp("wall-01", b)
		if err != nil {
			return
		}
		if len(good)+len(bad) == 0 || len(good)+len(bad) > mqtt.MaxUpBatch {
			t.Fatalf("%d good and %d bad in one message", len(good), len(bad))
		}
		for _, s := range good {
			if s.Kiosk != "wall-01" || s.Seq < 1 || !kiosk.ValidUUID(s.ID) || s.Validate(2000) != nil {
				t.Fatalf("accepted %+v", s)
			}
		}
		for _, s := range bad {
			if s.Err == nil || (s.ID != "" && !kiosk.ValidUUID(s.ID)) {
				t.Fatalf("bad submission %+v", s)
			}
		}
	})
}

func FuzzDecodeState(f *testing.F) {
	for _, s := range []string{`{"v":1,"state":"online"}`, `{"v":1,"state":"lost","ts":"x"}`, `{}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := mqtt.DecodeState(b)
		if err == nil && m.State != mqtt.StateOnline && m.State != mqtt.StateOffline && m.State != mqtt.StateLost {
			t.Fatalf("accepted state %q", m.State)
		}
	})
}

func FuzzDecodeTele(f *testing.F) {
	f.Add([]byte(`{"v":1,"kiosk":"wall-01","counters":{"a":1},"temp_c":41.5}`))
	f.Add([]byte(`{"v":1,"kiosk":"wall-01","counters":[]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := mqtt.DecodeTele("wall-01", b)
		if err == nil && m.Kiosk != "wall-01" {
			t.Fatalf("accepted kiosk %q", m.Kiosk)
		}
	})
}

func FuzzDecodeResult(f *testing.F) {
	f.Add([]byte(`{"v":1,"cid":"c","status":"failed","data":{"x":1}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := mqtt.DecodeResult(b)
		if err == nil && m.CID == "" {
			t.Fatal("accepted a result without cid")
		}
	})
}

// FuzzSigned feeds every signed decoder the same bytes: forged, truncated
// and garbled envelopes, and properly signed payloads of every shape.
func FuzzSigned(f *testing.F) {
	seed := ed25519.NewKeyFromSeed(make([]byte, 32))
	opsSeed := make([]byte, 32)
	opsSeed[0] = 1
	opsKey := ed25519.NewKeyFromSeed(opsSeed)
	s, so := mqtt.NewSigner(seed), mqtt.NewSigner(opsKey)
	trust := mqtt.NewTrust().Add(mqtt.RoleHub, seed.Public().(ed25519.PublicKey)).Add(mqtt.RoleOps, opsKey.Public().(ed25519.PublicKey))
	for _, c := range []struct {
		s          *mqtt.Signer
		typ, topic string
		v          any
	}{
		{s, mqtt.TypeAck, mqtt.KioskTopic("wall-01", mqtt.LeafAck), mqtt.AckMsg{Kiosk: "wall-01", IDs: []string{"0190b5a0-0000-7000-8000-000000000000"}}},
		{s, mqtt.TypeTickets, mqtt.KioskTopic("wall-01", mqtt.LeafTickets), mqtt.TicketsMsg{Kiosk: "wall-01", Updates: []kiosk.TicketUpdate{{Ticket: "x"}}}},
		{so, mqtt.TypeCmd, mqtt.KioskTopic("wall-01", mqtt.LeafCmd), mqtt.Command{CID: "c", Kiosk: "wall-01", Cmd: "status", Nonce: "n"}},
		{so, mqtt.TypeConfig, mqtt.KioskTopic("wall-01", mqtt.LeafConfig), mqtt.ConfigMsg{Kiosk: "wall-01", Version: 2, Config: []byte(`{}`)}},
		{s, mqtt.TypeWall, mqtt.TopicWall, kiosk.WallSnapshot{Version: 1}},
		{s, mqtt.TypePolls, mqtt.TopicPolls, kiosk.PollsSnapshot{Version: 1}},
		{s, mqtt.TypeWall, mqtt.TopicPolls, kiosk.WallSnapshot{Version: 1}},
		{s, mqtt.TypeCmd, mqtt.KioskTopic("wall-01", mqtt.LeafCmd), mqtt.Command{CID: "c", Kiosk: "wall-01", Cmd: "update", Nonce: "n"}},
		{s, mqtt.TypeWall, mqtt.TopicWall, "just a string"},
	} {
		b, _ := c.s.Sign(c.typ, c.topic, c.v)
		f.Add(b)
	}
	f.Add([]byte(`{"v":1,"key":"00","payload":"e30=","sig":"AAAA"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		if a, err := trust.OpenAck("wall-01", b); err == nil {
			for _, id := range a.IDs {
				if !kiosk.ValidUUID(id) {
					t.Fatalf("ack accepted id %q", id)
				}
			}
		}
		trust.OpenTickets("wall-01", b)
		if c, err := trust.OpenCommand("wall-01", b); err == nil && (c.CID == "" || c.Nonce == "") {
			t.Fatalf("command accepted: %+v", c)
		}
		if c, err := trust.OpenConfig("wall-01", b); err == nil && c.Version < 1 {
			t.Fatalf("config accepted: %+v", c)
		}
		trust.OpenWall(b)
		trust.OpenPolls(b)
	})
}

func FuzzParseCredentials(f *testing.F) {
	var c mqtt.Credentials
	c.Set("wall-01", "pw")
	f.Add(c.Bytes())
	f.Add([]byte("a:$7$1$$\n# comment\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if c, err := mqtt.ParseCredentials(b); err == nil {
			for _, u := range c.Users() {
				c.Check(u, "x")
			}
		}
	})
}
