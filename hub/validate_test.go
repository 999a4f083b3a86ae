package hub_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

func TestCheckFields(t *testing.T) {
	good := func() *kiosk.Submission {
		return &kiosk.Submission{Kind: kiosk.KindOpinion, Body: kiosk.Body{
			Topic: "sanitation", Phrases: []string{"smell"}, Flags: []string{kiosk.FlagProbablePlay},
			Location: &kiosk.Location{Street: "大和路", Building: "3栋"},
			Contact:  &kiosk.Contact{Name: "王阿姨", Phone: "13812345678", Consent: true},
		}}
	}
	if err := hub.CheckFields(good()); err != nil {
		t.Fatalf("a good submission: %v", err)
	}
	for _, c := range []struct {
		name string
		edit func(s *kiosk.Submission)
	}{
		{"bidi override in a name", func(s *kiosk.Submission) { s.Body.Contact.Name = "王\u202e阿姨" }},
		{"zero-width in a building", func(s *kiosk.Submission) { s.Body.Location.Building = "3\u200b栋" }},
		{"control in a street", func(s *kiosk.Submission) { s.Body.Location.Street = "大和\x1b[31m路" }},
		{"long name", func(s *kiosk.Submission) { s.Body.Contact.Name = strings.Repeat("王", hub.MaxNameChars+1) }},
		{"long street", func(s *kiosk.Submission) { s.Body.Location.Street = strings.Repeat("路", hub.MaxPlaceChars+1) }},
		{"topic not an id", func(s *kiosk.Submission) { s.Body.Topic = "卫生\u202e" }},
		{"long topic", func(s *kiosk.Submission) { s.Body.Topic = strings.Repeat("a", hub.MaxIDChars+1) }},
		{"phrase not an id", func(s *kiosk.Submission) { s.Body.Phrases = []string{"smell", "<b>"} }},
		{"too many phrases", func(s *kiosk.Submission) { s.Body.Phrases = make([]string, hub.MaxListItems+1) }},
		{"flag with a newline", func(s *kiosk.Submission) { s.Body.Flags = []string{"a\nb"} }},
		{"poll id not an id", func(s *kiosk.Submission) { s.Body.PollID = "Square 1" }},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := good()
			c.edit(s)
			if err := hub.CheckFields(s); err == nil || kiosk.ErrorCode(err) != kiosk.EINVALID {
				t.Errorf("err = %v, want invalid", err)
			}
		})
	}
}

func TestCheckCreatedAt(t *testing.T) {
	recv := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name     string
		created  time.Time
		replaced bool
	}{
		{"just now", recv.Add(-time.Minute), false},
		{"a week in the outbox", recv.Add(-7 * 24 * time.Hour), false},
		{"a little ahead", recv.Add(4 * time.Minute), false},
		{"an hour ahead", recv.Add(time.Hour), true},
		{"older than any outbox", recv.Add(-hub.MaxOutboxAge - time.Hour), true},
		{"year 1990", time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), true},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := &hub.Received{ReceivedAt: recv, RawBody: json.RawMessage(`{"topic":"x","lang":"zh","future_field":1}`)}
			r.CreatedAt, r.ClockSynced = c.created, true
			if got := hub.CheckCreatedAt(r); got != c.replaced {
				t.Fatalf("replaced %v, want %v", got, c.replaced)
			}
			if !c.replaced {
				if !r.CreatedAt.Equal(c.created) || r.RawBody == nil || strings.Contains(string(r.RawBody), "flags") {
					t.Errorf("changed a good submission: %v %s", r.CreatedAt, r.RawBody)
				}
				return
			}
			if !r.CreatedAt.Equal(recv) || r.ClockSynced || !r.HasFlag(hub.FlagCreatedAtReplaced) {
				t.Errorf("created %v synced %v flags %v", r.CreatedAt, r.ClockSynced, r.Body.Flags)
			}
			if !strings.Contains(string(r.RawBody), hub.FlagCreatedAtReplaced) || !strings.Contains(string(r.RawBody), "future_field") {
				t.Errorf("raw body %s", r.RawBody)
			}
		})
	}
}

func TestCheckTelemetry(t *testing.T) {
	if err := hub.CheckTelemetry(kiosk.Telemetry{Hardware: "periph", StoreEvents: []string{"corrupt_moved_aside: moved"}}); err != nil {
		t.Fatal(err)
	}
	for name, tel := range map[string]kiosk.Telemetry{
		"bidi in hardware":      {Hardware: "none\u202e (ok)"},
		"escape in read_only":   {ReadOnly: "\x1b[2J"},
		"newline in an event":   {StoreEvents: []string{"a\nb"}},
		"long config error":     {ConfigError: strings.Repeat("x", hub.MaxReportChars+1)},
		"too many store events": {StoreEvents: make([]string, hub.MaxReportStrings+1)},
	} {
		if err := hub.CheckTelemetry(tel); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if err := hub.CheckReport("v1.2\u202e"); err == nil {
		t.Error("a state version with a bidi override accepted")
	}
}
