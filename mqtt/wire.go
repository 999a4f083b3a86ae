package mqtt

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"opinionwall/kiosk"
)

// Version is the protocol version every payload carries as "v".
const Version = 1

// Size limits of payloads a decoder accepts.
const (
	MaxSubmissionBytes = 64 << 10  // an up message
	MaxPayloadBytes    = 256 << 10 // anything else (telemetry, results, signed envelopes)
	MaxSignedBytes     = 4 << 20   // a signed wall, polls or config snapshot
)

// hubTextLimit is the longest text the hub accepts: the highest limit a
// kiosk may be configured with.
const hubTextLimit = 2000

// State values.
const (
	StateOnline  = "online"
	StateOffline = "offline" // a clean exit
	StateLost    = "lost"    // the will: the connection dropped
)

// StateMsg is a kiosk's (or the hub's) retained presence.
type StateMsg struct {
	V       int    `json:"v"`
	State   string `json:"state"`
	Session string `json:"session,omitempty"` // changes at every process start
	BootID  string `json:"boot_id,omitempty"` // changes at every boot
	Version string `json:"version,omitempty"` // software version
	// ConfigVersion is the configuration version the kiosk applied.
	ConfigVersion int64 `json:"config_version,omitempty"`
	// The hub's pace (hub's state only, docs/PROTOCOL.md): Window is the
	// most submissions a kiosk keeps in flight, SpreadMS the span within
	// which a kiosk starts its resend at a random point after the hub comes
	// back. Zero: no limit beyond the kiosk's own, no spread.
	Window   int       `json:"window,omitempty"`
	SpreadMS int64     `json:"spread_ms,omitempty"`
	TS       time.Time `json:"ts"`
}

// TeleMsg is a kiosk's telemetry.
type TeleMsg struct {
	V     int       `json:"v"`
	Kiosk string    `json:"kiosk"`
	TS    time.Time `json:"ts"`
	kiosk.Telemetry
}

// UpMsg is what a kiosk publishes on its up topic: a batch of one to
// MaxUpBatch submissions, in seq order.
type UpMsg struct {
	V    int               `json:"v"`
	Subs []json.RawMessage `json:"subs"`
}

// MaxUpBatch is the most submissions one up message carries.
const MaxUpBatch = 32

// AckMsg is the hub's acknowledgement of submissions it committed. It is
// sent signed.
type AckMsg struct {
	Kiosk string    `json:"kiosk"`
	IDs   []string  `json:"ids"`
	TS    time.Time `json:"ts"`
}

// TicketsMsg carries updates of a kiosk's tickets. It is sent signed.
type TicketsMsg struct {
	Kiosk   string               `json:"kiosk"`
	Updates []kiosk.TicketUpdate `json:"updates"`
}

// Command is a maintenance command (the domain's). It is sent signed.
type Command = kiosk.Command

// Result statuses, as the domain names them.
const (
	ResultAccepted   = kiosk.ResultAccepted
	ResultInProgress = kiosk.ResultInProgress
	ResultSucceeded  = kiosk.ResultSucceeded
	ResultFailed     = kiosk.ResultFailed
	ResultRejected   = kiosk.ResultRejected
)

// ResultMsg is a kiosk's answer to a command.
type ResultMsg struct {
	V      int             `json:"v"`
	CID    string          `json:"cid"`
	Status string          `json:"status"`
	Detail string          `json:"detail,omitempty"`
	Data   json.RawMessage `json:"data,omitempty"`
}

// ConfigMsg is the desired configuration of a kiosk. It is sent signed and
// retained, and applied only when its version is newer.
type ConfigMsg struct {
	Kiosk   string          `json:"kiosk"`
	Version int64           `json:"version"`
	Config  json.RawMessage `json:"config"`
}

// invalid returns the error of a payload a decoder refuses.
func invalid(what, format string, args ...any) error {
	return kiosk.Errorf(kiosk.EINVALID, "%s: %s", what, fmt.Sprintf(format, args...))
}

// message is err without its domain code, so that re-coding it as
// invalid does not say "invalid: up: invalid: …".
func message(err error) string {
	var ke *kiosk.Error
	if errors.As(err, &ke) && ke.Err == nil {
		return ke.Message
	}
	return err.Error()
}

// decodeJSON decodes one JSON object and nothing after it.
func decodeJSON(what string, b []byte, limit int, v any) error {
	if len(b) > limit {
		return invalid(what, "payload is %d bytes, more than %d", len(b), limit)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(v); err != nil {
		return invalid(what, "malformed JSON: %v", err)
	}
	if dec.More() {
		return invalid(what, "data after the JSON object")
	}
	return nil
}

func checkVersion(what string, v int) error {
	if v != Version {
		return invalid(what, "protocol version %d, want %d", v, Version)
	}
	return nil
}

// EncodeUp returns the wire form of a batch of submissions.
func EncodeUp(subs ...*kiosk.Submission) ([]byte, error) {
	m := UpMsg{V: Version, Subs: make([]json.RawMessage, len(subs))}
	for i, s := range subs {
		b, err := json.Marshal(s)
		if err != nil {
			return nil, fmt.Errorf("encode up: %w", err)
		}
		m.Subs[i] = b
	}
	return json.Marshal(m)
}

// encodeUpJSON returns the wire form of a batch of submissions already
// encoded as JSON (kiosk.Claimed), without decoding them again.
func encodeUpJSON(subs ...[]byte) []byte {
	n := 20
	for _, s := range subs {
		n += len(s) + 1
	}
	b := make([]byte, 0, n)
	b = append(b, `{"v":1,"subs":[`...)
	for i, s := range subs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, s...)
	}
	return append(b, "]}"...)
}

// BadSubmission is a submission of an up message that the hub cannot
// accept. When its id can be read, the hub keeps it aside and acks it, so
// the kiosk does not resend it for ever.
type BadSubmission struct {
	ID  string // "" when not even the id could be read
	Raw []byte
	Err error
}

// DecodeUp decodes an up message that arrived on topicKiosk's topic. The
// whole message is refused (err) when it is malformed, over MaxUpBatch
// submissions or their size, or of another version. Each submission is
// then checked on its own: at most 64 KiB, the same kiosk as the topic, a
// UUIDv7, a positive seq, a valid ticket code and a valid body; the ones
// that fail come back in bad.
func DecodeUp(topicKiosk string, b []byte) (good []*UpSubmission, bad []BadSubmission, err error) {
	const what = "up"
	if len(b) <= MaxSubmissionBytes {
		if good, bad, ok := decodeUpFast(topicKiosk, b); ok {
			return good, bad, nil
		}
	}
	var m UpMsg
	if err := decodeJSON(what, b, MaxUpBatch*MaxSubmissionBytes, &m); err != nil {
		return nil, nil, err
	}
	if err := checkVersion(what, m.V); err != nil {
		return nil, nil, err
	}
	if len(m.Subs) == 0 || len(m.Subs) > MaxUpBatch {
		return nil, nil, invalid(what, "%d submissions in one message; 1 to %d allowed", len(m.Subs), MaxUpBatch)
	}
	for _, raw := range m.Subs {
		s, err := decodeSubmission(topicKiosk, raw)
		if err != nil {
			bad = append(bad, BadSubmission{ID: s.ID, Raw: raw, Err: err})
			continue
		}
		good = append(good, s)
	}
	return good, bad, nil
}

// decodeUpFast decodes, in one pass, a message so small that none of its
// submissions can be oversized: the usual case. ok is false when the
// message does not decode cleanly, and the careful path must say why.
func decodeUpFast(topicKiosk string, b []byte) (good []*UpSubmission, bad []BadSubmission, ok bool) {
	var m struct {
		V    int                `json:"v"`
		Subs []kiosk.Submission `json:"subs"`
	}
	if json.Unmarshal(b, &m) != nil || m.V != Version || len(m.Subs) == 0 || len(m.Subs) > MaxUpBatch {
		return nil, nil, false
	}
	for i := range m.Subs {
		s := &UpSubmission{Submission: m.Subs[i]}
		if err := checkSubmission(topicKiosk, &s.Submission); err != nil {
			raw, _ := json.Marshal(&m.Subs[i])
			id := s.ID
			if !kiosk.ValidUUID(id) {
				id = ""
			}
			bad = append(bad, BadSubmission{ID: id, Raw: raw, Err: err})
			continue
		}
		good = append(good, s)
	}
	return good, bad, true
}

// UpSubmission is a submission decoded from an up message, with its body
// as it arrived.
type UpSubmission struct {
	kiosk.Submission
	RawBody json.RawMessage `json:"body"` // shadows Submission.Body when decoding
}

// decodeSubmission decodes and checks one submission of a batch. It returns
// the submission decoded so far (for its id) with any error.
func decodeSubmission(topicKiosk string, raw []byte) (*UpSubmission, error) {
	const what = "up"
	s := &UpSubmission{}
	if err := json.Unmarshal(raw, s); err != nil {
		return &UpSubmission{}, invalid(what, "malformed submission: %v", err)
	}
	if !kiosk.ValidUUID(s.ID) {
		id := s.ID
		s.ID = ""
		return s, invalid(what, "id %q is not a UUIDv7", id)
	}
	if err := json.Unmarshal(s.RawBody, &s.Body); err != nil {
		return s, invalid(what, "malformed submission body: %v", err)
	}
	if len(raw) > MaxSubmissionBytes {
		return s, invalid(what, "a submission of %d bytes, more than %d", len(raw), MaxSubmissionBytes)
	}
	return s, checkSubmission(topicKiosk, &s.Submission)
}

// checkSubmission checks a decoded submission of topicKiosk's up topic.
func checkSubmission(topicKiosk string, s *kiosk.Submission) error {
	const what = "up"
	if !kiosk.ValidUUID(s.ID) {
		return invalid(what, "id %q is not a UUIDv7", s.ID)
	}
	if s.Kiosk != topicKiosk {
		return invalid(what, "kiosk %q published on the topic of %q", s.Kiosk, topicKiosk)
	}
	if s.Seq < 1 {
		return invalid(what, "seq %d is not positive", s.Seq)
	}
	if _, err := kiosk.ParseTicket(s.Ticket); err != nil {
		return invalid(what, "ticket: %s", message(err))
	}
	if s.CreatedAt.IsZero() {
		return invalid(what, "no created_at")
	}
	if err := s.Validate(hubTextLimit); err != nil {
		return invalid(what, "%s", message(err))
	}
	return nil
}

// DecodeState decodes a retained presence message.
func DecodeState(b []byte) (StateMsg, error) {
	const what = "state"
	var m StateMsg
	if err := decodeJSON(what, b, MaxPayloadBytes, &m); err != nil {
		return m, err
	}
	if err := checkVersion(what, m.V); err != nil {
		return m, err
	}
	switch m.State {
	case StateOnline, StateOffline, StateLost:
	default:
		return m, invalid(what, "unknown state %q", m.State)
	}
	if m.Window < 0 || m.SpreadMS < 0 {
		return m, invalid(what, "negative pace (window %d, spread %d ms)", m.Window, m.SpreadMS)
	}
	return m, nil
}

// DecodeTele decodes telemetry that arrived on topicKiosk's tele topic.
func DecodeTele(topicKiosk string, b []byte) (TeleMsg, error) {
	const what = "tele"
	var m TeleMsg
	if err := decodeJSON(what, b, MaxPayloadBytes, &m); err != nil {
		return m, err
	}
	if err := checkVersion(what, m.V); err != nil {
		return m, err
	}
	if m.Kiosk != topicKiosk {
		return m, invalid(what, "kiosk %q published on the topic of %q", m.Kiosk, topicKiosk)
	}
	return m, nil
}

// DecodeResult decodes a command result.
func DecodeResult(b []byte) (ResultMsg, error) {
	const what = "res"
	var m ResultMsg
	if err := decodeJSON(what, b, MaxPayloadBytes, &m); err != nil {
		return m, err
	}
	if err := checkVersion(what, m.V); err != nil {
		return m, err
	}
	switch m.Status {
	case ResultAccepted, ResultInProgress, ResultSucceeded, ResultFailed, ResultRejected:
	default:
		return m, invalid(what, "unknown status %q", m.Status)
	}
	if m.CID == "" {
		return m, invalid(what, "no cid")
	}
	return m, nil
}
