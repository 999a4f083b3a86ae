package kiosk

import (
	"context"
	"strings"
	"time"
)

// Kind is what a submission is.
type Kind string

// The kinds of submission a resident can make.
const (
	KindOpinion Kind = "opinion" // an opinion, complaint or suggestion on a topic
	KindRating  Kind = "rating"  // a rating of a community service
	KindVote    Kind = "vote"    // a vote on a deliberation item (议事事项)
	KindVoice   Kind = "voice"   // a spoken message left at a phone booth, with its audio
)

// Channel is how the resident gave the input.
type Channel string

// The input channels of a kiosk.
const (
	ChannelTouch   Channel = "touch"   // the touchscreen
	ChannelButton  Channel = "button"  // a physical button
	ChannelHandset Channel = "handset" // the phone booth's handset and keypad
)

// Rating is one of four satisfaction levels. Zero means no rating.
type Rating int

// The four rating levels, worst to best, so that a higher number is better.
const (
	RatingVeryDissatisfied Rating = 1 // 很不满意
	RatingDissatisfied     Rating = 2 // 不满意
	RatingSatisfied        Rating = 3 // 满意
	RatingVerySatisfied    Rating = 4 // 很满意
)

// Valid reports whether r is one of the four levels.
func (r Rating) Valid() bool { return r >= RatingVeryDissatisfied && r <= RatingVerySatisfied }

// Flags mark submissions for the hub without deleting anything.
const (
	// FlagProbablePlay marks ratings given in bursts or long same-button
	// streaks, typically children playing with the buttons. They are kept
	// but left out of statistics by default.
	FlagProbablePlay = "probable_play"
	// FlagClockUnsynced repeats ClockSynced=false for readers of the body alone.
	FlagClockUnsynced = "clock_unsynced"
)

// Location is where the matter is: a street or lane and a building. The zero
// Location means the resident gave none.
type Location struct {
	Street   string `json:"street,omitempty"`
	Building string `json:"building,omitempty"`
}

// IsZero reports whether no location was given.
func (l Location) IsZero() bool { return l.Street == "" && l.Building == "" }

// Contact is a way to reach the resident. It is only ever stored with the
// resident's explicit consent: a submission is anonymous by default.
type Contact struct {
	Name    string `json:"name,omitempty"`
	Phone   string `json:"phone"`
	Consent bool   `json:"consent"`
}

// Body is what the resident said. Which fields are set depends on the kind.
type Body struct {
	Topic    string    `json:"topic,omitempty"`    // opinion: topic id; rating: service id
	Location *Location `json:"location,omitempty"` // opinion: where, or nil for none
	Phrases  []string  `json:"phrases,omitempty"`  // opinion: ids of preset phrases chosen
	Text     string    `json:"text,omitempty"`     // opinion: free text, cleaned and masked
	Rating   Rating    `json:"rating,omitempty"`   // rating: 1..4
	Reasons  []string  `json:"reasons,omitempty"`  // rating: ids of follow-up reasons
	PollID   string    `json:"poll_id,omitempty"`  // vote
	Option   string    `json:"option,omitempty"`   // vote: option id
	Visit    string    `json:"visit,omitempty"`    // vote: the kiosk's id of the resident's visit (one vote per poll in a visit)
	Contact  *Contact  `json:"contact,omitempty"`  // any kind, only with consent
	Lang     string    `json:"lang"`               // "zh" or "en"
	Channel  Channel   `json:"channel"`
	Flags    []string  `json:"flags,omitempty"`
	Voice    *Audio    `json:"voice,omitempty"` // voice: the recording, relayed apart in chunks
}

// Submission is one resident's opinion, rating or vote, as stored on the
// kiosk and relayed to the hub.
type Submission struct {
	ID          string    `json:"id"`     // UUIDv7, made on the kiosk
	Seq         int64     `json:"seq"`    // per-kiosk sequence, assigned by the store
	Kiosk       string    `json:"kiosk"`  // kiosk id
	Kind        Kind      `json:"kind"`   //
	Ticket      string    `json:"ticket"` // ticket code, assigned by the store with Seq
	CreatedAt   time.Time `json:"created_at"`
	ClockSynced bool      `json:"clock_synced"` // false: CreatedAt is the Pi's unsynced clock
	Body        Body      `json:"body"`
}

// HasFlag reports whether the submission carries flag.
func (s *Submission) HasFlag(flag string) bool {
	for _, f := range s.Body.Flags {
		if f == flag {
			return true
		}
	}
	return false
}

// CountsInStats reports whether the submission is counted in statistics by
// default: probable play is kept but not counted.
func (s *Submission) CountsInStats() bool { return !s.HasFlag(FlagProbablePlay) }

// Validate checks a submission's shape before it is stored: a known kind with
// the fields that kind needs, clean text within limit characters, and contact
// only with consent. It does not check ids against the configuration; the
// session only offers configured choices.
func (s *Submission) Validate(limit int) error {
	if !ValidKioskID(s.Kiosk) {
		return Errorf(EINVALID, "kiosk id %q is not valid", s.Kiosk)
	}
	if s.ID != "" && !ValidUUID(s.ID) {
		return Errorf(EINVALID, "id %q is not a UUIDv7", s.ID)
	}
	b := &s.Body
	switch b.Channel {
	case ChannelTouch, ChannelButton, ChannelHandset:
	default:
		return Errorf(EINVALID, "unknown input channel %q", b.Channel)
	}
	if !SupportedLanguage(b.Lang) {
		return Errorf(EINVALID, "unsupported language %q", b.Lang)
	}
	if b.Text != "" {
		if _, err := checkText(b.Text, limit); err != nil {
			return err
		}
	}
	if b.Contact != nil {
		if !b.Contact.Consent {
			return Errorf(EINVALID, "contact given without consent")
		}
		if !ValidPhone(b.Contact.Phone) {
			return Errorf(EINVALID, "contact phone %q is not a phone number", b.Contact.Phone)
		}
	}
	switch s.Kind {
	case KindOpinion:
		if b.Topic == "" {
			return Errorf(EINVALID, "an opinion needs a topic")
		}
		if len(b.Phrases) == 0 && b.Text == "" {
			return Errorf(EINVALID, "an opinion needs a preset phrase or some text")
		}
	case KindRating:
		if b.Topic == "" {
			return Errorf(EINVALID, "a rating needs the service it rates")
		}
		if !b.Rating.Valid() {
			return Errorf(EINVALID, "rating %d is not one of the four levels", b.Rating)
		}
	case KindVote:
		if b.PollID == "" || b.Option == "" {
			return Errorf(EINVALID, "a vote needs a poll and an option")
		}
	case KindVoice:
		if b.Voice == nil {
			return Errorf(EINVALID, "a voice message needs its audio")
		}
		return b.Voice.Validate()
	default:
		return Errorf(EINVALID, "unknown kind %q", s.Kind)
	}
	return nil
}

// ReservedKioskID reports whether id is a name the broker keeps for its
// roles (the hub and maintenance users, the hub's client ids): a kiosk with
// it could log in as a role or take over the hub's session, so
// provisioning and configuration refuse it.
func ReservedKioskID(id string) bool {
	return id == "hub" || id == "ops" || id == "ow-hub" ||
		strings.HasPrefix(id, "ow-hub-") || strings.HasPrefix(id, "ow-ops-")
}

// ValidKioskID reports whether id matches the protocol's kiosk id rule
// [a-z0-9-]{1,32}.
func ValidKioskID(id string) bool {
	if len(id) == 0 || len(id) > 32 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// SubmissionStore keeps submissions durably. Submit assigns Seq and Ticket,
// writes the submission and its outbox row in one transaction, and returns
// only after the commit: a resident who saw the ticket code never loses the
// submission. When the kiosk cannot store (disk full, read-only media) it
// returns an EUNAVAILABLE error and stores nothing.
type SubmissionStore interface {
	Submit(ctx context.Context, s *Submission) error
}

// TicketLookup finds what is known of a ticket code a resident typed.
type TicketLookup interface {
	LookupTicket(ctx context.Context, code string) (TicketUpdate, error)
}
