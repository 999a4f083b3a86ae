package hub

import (
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"

	"opinionwall/kiosk"
)

// Limits of what the hub takes from a kiosk, whatever the kiosk's own
// checks: a kiosk's credential can be stolen, so the hub trusts a message
// no more than the password that sent it (docs/SECURITY.md).
const (
	MaxNameChars     = 40  // a contact's name
	MaxPlaceChars    = 60  // a location's street or building
	MaxIDChars       = 64  // a topic, phrase, reason, flag, poll or option id
	MaxListItems     = 16  // phrases, reasons
	MaxFlags         = 8   // flags
	MaxReportChars   = 300 // a string of a state or telemetry message
	MaxReportStrings = 32  // store events in one telemetry report

	// MaxOutboxAge is the oldest a submission can be when it arrives: a
	// kiosk keeps undelivered submissions this long at most.
	MaxOutboxAge = 60 * 24 * time.Hour
	// MaxClockAhead is how far in the future a created_at may be.
	MaxClockAhead = 5 * time.Minute

	// FlagCreatedAtReplaced marks a submission whose created_at was outside
	// [received − MaxOutboxAge, received + MaxClockAhead] and was replaced
	// by the receive time.
	FlagCreatedAtReplaced = "created_at_replaced"
)

// CheckFields checks every field of s beyond kiosk.Submission.Validate:
// names and places are clean text of bounded length (no control, bidi or
// zero-width characters that would reach the station's screens), ids are
// short identifiers, lists are short.
func CheckFields(s *kiosk.Submission) error {
	b := &s.Body
	if b.Contact != nil {
		if err := cleanField("contact name", b.Contact.Name, MaxNameChars); err != nil {
			return err
		}
	}
	if b.Location != nil {
		if err := cleanField("location street", b.Location.Street, MaxPlaceChars); err != nil {
			return err
		}
		if err := cleanField("location building", b.Location.Building, MaxPlaceChars); err != nil {
			return err
		}
	}
	for _, f := range []struct{ what, v string }{{"topic", b.Topic}, {"poll id", b.PollID}, {"option", b.Option}, {"visit", b.Visit}} {
		if f.v != "" && !validID(f.v) {
			return kiosk.Errorf(kiosk.EINVALID, "%s %q is not an id (1 to %d of a-z, 0-9, '-', '_', '.')", f.what, clip(f.v), MaxIDChars)
		}
	}
	for _, l := range []struct {
		what  string
		items []string
		max   int
	}{{"phrases", b.Phrases, MaxListItems}, {"reasons", b.Reasons, MaxListItems}, {"flags", b.Flags, MaxFlags}} {
		if len(l.items) > l.max {
			return kiosk.Errorf(kiosk.EINVALID, "%d %s; at most %d", len(l.items), l.what, l.max)
		}
		for _, v := range l.items {
			if !validID(v) {
				return kiosk.Errorf(kiosk.EINVALID, "%s: %q is not an id", l.what, clip(v))
			}
		}
	}
	return nil
}

// CheckCreatedAt replaces r's created_at by its receive time when it lies
// outside [received − MaxOutboxAge, received + MaxClockAhead], marks the
// clock unsynchronised and flags the submission; it reports whether it did.
// A created_at cannot then place a submission outside the period it was
// really sent in, for statistics or a case's age.
func CheckCreatedAt(r *Received) bool {
	if !r.CreatedAt.Before(r.ReceivedAt.Add(-MaxOutboxAge)) && !r.CreatedAt.After(r.ReceivedAt.Add(MaxClockAhead)) {
		return false
	}
	r.CreatedAt, r.ClockSynced = r.ReceivedAt, false
	if !r.HasFlag(FlagCreatedAtReplaced) {
		r.Body.Flags = append(r.Body.Flags, FlagCreatedAtReplaced)
		r.RawBody = withFlags(r.RawBody, r.Body.Flags)
	}
	return true
}

// withFlags sets "flags" in a raw body, keeping the fields a newer kiosk
// added; nil (encode Body) stays nil.
func withFlags(raw json.RawMessage, flags []string) json.RawMessage {
	if raw == nil {
		return nil
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return nil
	}
	m["flags"], _ = json.Marshal(flags)
	out, err := json.Marshal(m)
	if err != nil {
		return nil
	}
	return out
}

// CheckReport checks the strings of a state or telemetry message, which
// the fleet and case screens show: one line each, clean, bounded.
func CheckReport(strs ...string) error {
	if len(strs) > MaxReportStrings+8 {
		return kiosk.Errorf(kiosk.EINVALID, "%d strings in a report", len(strs))
	}
	for _, s := range strs {
		if strings.Contains(s, "\n") {
			return kiosk.Errorf(kiosk.EINVALID, "a report string of several lines: %q", clip(s))
		}
		if err := cleanField("report", s, MaxReportChars); err != nil {
			return err
		}
	}
	return nil
}

// CheckTelemetry applies CheckReport to a telemetry report's strings.
func CheckTelemetry(t kiosk.Telemetry) error {
	if len(t.StoreEvents) > MaxReportStrings {
		return kiosk.Errorf(kiosk.EINVALID, "%d store events; at most %d", len(t.StoreEvents), MaxReportStrings)
	}
	return CheckReport(append([]string{t.ConfigError, t.ReadOnly, t.Screen, t.Hardware}, t.StoreEvents...)...)
}

// cleanField reports an error when s is not already clean text (the
// kiosk's CleanText leaves it unchanged) of at most limit characters.
func cleanField(what, s string, limit int) error {
	if s == "" {
		return nil
	}
	clean, err := kiosk.CleanText(s, limit)
	if err != nil {
		return kiosk.Errorf(kiosk.EINVALID, "%s: %s", what, strings.TrimPrefix(err.Error(), kiosk.EINVALID+": "))
	}
	if clean != s {
		return kiosk.Errorf(kiosk.EINVALID, "%s %q contains control, bidi or zero-width characters or untrimmed space", what, clip(s))
	}
	return nil
}

// validID reports whether s is 1 to MaxIDChars of a-z, 0-9, '-', '_', '.'.
func validID(s string) bool {
	if s == "" || len(s) > MaxIDChars {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// clip shortens s for an error message.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	return string([]rune(s)[:40]) + "…"
}
