package mqtt_test

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"testing"
	"time"

	"opinionwall/kiosk"
	"opinionwall/mqtt"
)

func TestDecodeLookup(t *testing.T) {
	var g kiosk.UUIDGen
	good := mqtt.LookupMsg{V: 1, ID: g.New(time.Now()), Ticket: "126658404", TS: time.Now()}
	for _, c := range []struct {
		name string
		edit func(*mqtt.LookupMsg)
		ok   bool
	}{
		{"good", func(*mqtt.LookupMsg) {}, true},
		{"other version", func(m *mqtt.LookupMsg) { m.V = 2 }, false},
		{"id not a UUID", func(m *mqtt.LookupMsg) { m.ID = "x" }, false},
		{"wrong check digit", func(m *mqtt.LookupMsg) { m.Ticket = "126658405" }, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := good
			c.edit(&m)
			b, _ := json.Marshal(m)
			if _, err := mqtt.DecodeLookup(b); (err == nil) != c.ok {
				t.Errorf("err %v, want ok=%v", err, c.ok)
			}
		})
	}
}

func TestOpenAnswer(t *testing.T) {
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	s, trust := mqtt.NewSigner(priv), mqtt.NewTrust().Add(mqtt.RoleHub, pub)
	u := kiosk.TicketUpdate{Ticket: "126658404", Status: kiosk.StatusReplied}
	good := mqtt.AnswerMsg{Kiosk: "wall-02", ID: "q", Ticket: "126658404", Status: mqtt.AnswerFound, Update: &u}
	for _, c := range []struct {
		name string
		edit func(*mqtt.AnswerMsg)
		ok   bool
	}{
		{"found", func(*mqtt.AnswerMsg) {}, true},
		{"not found", func(m *mqtt.AnswerMsg) { m.Status, m.Update = mqtt.AnswerNotFound, nil }, true},
		{"busy", func(m *mqtt.AnswerMsg) { m.Status, m.Update = mqtt.AnswerBusy, nil }, true},
		{"for another kiosk", func(m *mqtt.AnswerMsg) { m.Kiosk = "wall-01" }, false},
		{"found without the update", func(m *mqtt.AnswerMsg) { m.Update = nil }, false},
		{"the update of another ticket", func(m *mqtt.AnswerMsg) { o := u; o.Ticket = "115634812"; m.Update = &o }, false},
		{"unknown status", func(m *mqtt.AnswerMsg) { m.Status = "maybe" }, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := good
			c.edit(&m)
			b, _ := s.Sign(mqtt.TypeLookup, mqtt.KioskTopic("wall-02", mqtt.LeafAnswer), m)
			if _, err := trust.OpenAnswer("wall-02", b); (err == nil) != c.ok {
				t.Errorf("err %v, want ok=%v", err, c.ok)
			}
		})
	}
}
