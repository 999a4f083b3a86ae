package mqtt

import (
	"bytes"
	"encoding/json"
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
	V       int       `json:"v"`
	State   string    `json:"state"`
	Session string    `json:"session,omitempty"` // changes at every process start
	BootID  string    `json:"boot_id,omitempty"` // changes at every boot
	Version string    `json:"version,omitempty"` // software version
	TS      time.Time `json:"ts"`
}

// TeleMsg is a kiosk's telemetry.
type TeleMsg struct {
	V     int       `json:"v"`
	Kiosk string    `json:"kiosk"`
	TS    time.Time `json:"ts"`
	kiosk.Telemetry
}

// UpMsg is a submission on the wire.
type UpMsg struct {
	V int `json:"v"`
	kiosk.Submission
}

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

// Command is a maintenance command. It is sent signed.
type Command struct {
	CID   string          `json:"cid"`
	Kiosk string          `json:"kiosk"`
	Cmd   string          `json:"cmd"`
	Args  json.RawMessage `json:"args,omitempty"`
	IAT   time.Time       `json:"iat"`
	EXP   time.Time       `json:"exp"`
	Nonce string          `json:"nonce"`
}

// Result statuses.
const (
	ResultAccepted   = "accepted"
	ResultInProgress = "in_progress"
	ResultSucceeded  = "succeeded"
	ResultFailed     = "failed"
	ResultRejected   = "rejected"
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

// EncodeUp returns the wire form of a submission.
func EncodeUp(s *kiosk.Submission) ([]byte, error) {
	return json.Marshal(UpMsg{V: Version, Submission: *s})
}

// DecodeUp decodes and checks a submission that arrived on topicKiosk's up
// topic: at most 64 KiB, version 1, the same kiosk as the topic, a UUIDv7,
// a positive seq, a valid ticket code and a valid body.
func DecodeUp(topicKiosk string, b []byte) (*kiosk.Submission, error) {
	const what = "up"
	var m UpMsg
	if err := decodeJSON(what, b, MaxSubmissionBytes, &m); err != nil {
		return nil, err
	}
	if err := checkVersion(what, m.V); err != nil {
		return nil, err
	}
	s := &m.Submission
	if s.Kiosk != topicKiosk {
		return nil, invalid(what, "kiosk %q published on the topic of %q", s.Kiosk, topicKiosk)
	}
	if !kiosk.ValidUUID(s.ID) {
		return nil, invalid(what, "id %q is not a UUIDv7", s.ID)
	}
	if s.Seq < 1 {
		return nil, invalid(what, "seq %d is not positive", s.Seq)
	}
	if _, err := kiosk.ParseTicket(s.Ticket); err != nil {
		return nil, invalid(what, "ticket: %v", err)
	}
	if s.CreatedAt.IsZero() {
		return nil, invalid(what, "no created_at")
	}
	if err := s.Validate(hubTextLimit); err != nil {
		return nil, invalid(what, "%v", err)
	}
	return s, nil
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
