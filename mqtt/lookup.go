package mqtt

import (
	"time"

	"opinionwall/kiosk"
)

// Leaves of a kiosk's lookup topics: a kiosk asks the station about a
// ticket another kiosk issued, on its own topic, and the hub answers on
// the kiosk's answer topic, signed.
const (
	LeafLookup = "lookup" // kiosk → hub, QoS 1: a question about a ticket
	LeafAnswer = "answer" // hub → kiosk, signed, QoS 1: the station's answer
)

// LookupMsg is a kiosk's question about a ticket code.
type LookupMsg struct {
	V      int       `json:"v"`
	ID     string    `json:"id"`     // the question's id (UUIDv7), echoed in the answer
	Ticket string    `json:"ticket"` // nine digits
	TS     time.Time `json:"ts"`
}

// Answer statuses.
const (
	AnswerFound    = "found"     // Update holds what the station knows
	AnswerNotFound = "not_found" // the station has no case with that ticket
	AnswerBusy     = "busy"      // the kiosk asked too often; ask again later
)

// AnswerMsg is the station's answer to a LookupMsg. It is sent signed.
type AnswerMsg struct {
	Kiosk  string              `json:"kiosk"` // the kiosk that asked
	ID     string              `json:"id"`    // the question's id
	Ticket string              `json:"ticket"`
	Status string              `json:"status"`
	Update *kiosk.TicketUpdate `json:"update,omitempty"`
	TS     time.Time           `json:"ts"`
}

// DecodeLookup checks a kiosk's question.
func DecodeLookup(b []byte) (LookupMsg, error) {
	var m LookupMsg
	if err := decodeJSON("lookup", b, 1<<10, &m); err != nil {
		return m, err
	}
	if err := checkVersion("lookup", m.V); err != nil {
		return m, err
	}
	if !kiosk.ValidUUID(m.ID) {
		return m, invalid("lookup", "id %q is not a UUIDv7", m.ID)
	}
	if _, err := kiosk.ParseTicket(m.Ticket); err != nil {
		return m, invalid("lookup", "ticket %q: %v", m.Ticket, err)
	}
	return m, nil
}

// OpenAnswer checks a signed answer meant for kiosk self: its signature,
// the kiosk it names, and that a found update is of the ticket asked.
func (t *Trust) OpenAnswer(self string, b []byte) (AnswerMsg, error) {
	var m AnswerMsg
	if err := t.open(TypeLookup, KioskTopic(self, LeafAnswer), b, MaxPayloadBytes, &m); err != nil {
		return m, err
	}
	if m.Kiosk != self {
		return m, invalid("answer", "meant for kiosk %q, not %q", m.Kiosk, self)
	}
	switch m.Status {
	case AnswerFound:
		if m.Update == nil || m.Update.Ticket != m.Ticket {
			return m, invalid("answer", "a found answer carries the update of ticket %q", m.Ticket)
		}
	case AnswerNotFound, AnswerBusy:
	default:
		return m, invalid("answer", "unknown status %q", m.Status)
	}
	return m, nil
}
