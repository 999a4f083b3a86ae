package hub

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base32"
	"encoding/hex"
	"strings"
	"time"

	"opinionwall/kiosk"
)

// APIKey lets a partner (the 12345 hotline's desk, a district platform)
// submit requests on residents' behalf. The station keeps only the hash
// of its secret; the partner holds "ID.SECRET".
type APIKey struct {
	ID        string // public part, a-z 0-9 -, at most MaxAPIKeyID
	Name      string // who holds it: 12345热线
	Hash      string // hex sha256 of the secret
	Number    int    // the first two digits of its requests' receipt codes (10-99, no kiosk's)
	PerMinute int    // requests a minute it may make
	CreatedAt time.Time
	RevokedAt time.Time // zero: in use
}

// Limits of API keys.
const (
	MaxAPIKeyID        = 24 // "partner-" + id is a kiosk id
	DefaultPerMinute   = 60
	PartnerKioskPrefix = "partner-"
)

// ChannelPartner is the channel of a request a partner submitted.
const ChannelPartner kiosk.Channel = "partner"

// NewAPIKey makes a key and returns it with the string the partner
// keeps (shown once).
func NewAPIKey(id, name string, number, perMinute int, now time.Time) (APIKey, string, error) {
	k := APIKey{ID: id, Name: strings.TrimSpace(name), Number: number, PerMinute: perMinute, CreatedAt: now}
	if k.PerMinute == 0 {
		k.PerMinute = DefaultPerMinute
	}
	if err := k.Validate(); err != nil {
		return k, "", err
	}
	b := make([]byte, 20)
	rand.Read(b)
	secret := strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b))
	k.Hash = hashSecret(secret)
	return k, id + "." + secret, nil
}

// Validate checks a key's record.
func (k APIKey) Validate() error {
	if !kiosk.ValidKioskID(k.ID) || len(k.ID) > MaxAPIKeyID {
		return kiosk.Errorf(kiosk.EINVALID, "key id %q: use 1-%d of a-z, 0-9 and -", k.ID, MaxAPIKeyID)
	}
	if k.Name == "" || len([]rune(k.Name)) > 40 {
		return kiosk.Errorf(kiosk.EINVALID, "key %s: a holder's name of 1-40 characters is needed", k.ID)
	}
	if k.Number < kiosk.MinKioskNumber || k.Number > kiosk.MaxKioskNumber {
		return kiosk.Errorf(kiosk.EINVALID, "key %s: number %d is not between %d and %d", k.ID, k.Number, kiosk.MinKioskNumber, kiosk.MaxKioskNumber)
	}
	if k.PerMinute < 1 || k.PerMinute > 6000 {
		return kiosk.Errorf(kiosk.EINVALID, "key %s: %d requests a minute: use 1-6000", k.ID, k.PerMinute)
	}
	return nil
}

func hashSecret(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// SplitAPIKey reads "ID.SECRET".
func SplitAPIKey(s string) (id, secret string, ok bool) {
	id, secret, ok = strings.Cut(strings.TrimSpace(s), ".")
	return id, secret, ok && id != "" && secret != ""
}

// Check reports whether secret is the key's and the key is in use.
func (k APIKey) Check(secret string, now time.Time) bool {
	ok := subtle.ConstantTimeCompare([]byte(hashSecret(secret)), []byte(k.Hash)) == 1
	return ok && (k.RevokedAt.IsZero() || now.Before(k.RevokedAt))
}

// Kiosk is the source its requests are stored under, in place of a kiosk.
func (k APIKey) Kiosk() string { return PartnerKioskPrefix + k.ID }

// TicketCode is the receipt code of its request number seq.
func (k APIKey) TicketCode(seq int64) string {
	c, err := kiosk.NewTicketCodec(k.Number, k.Kiosk())
	if err != nil {
		return ""
	}
	return c.Code(seq)
}

// PartnerRequest is what a partner POSTs (GeoReport's fields the station
// keeps). Anything else a partner sends is refused, not dropped.
type PartnerRequest struct {
	ServiceCode string
	Description string
	Address     string // address_string: the building
	FirstName   string
	LastName    string
	Phone       string
	// Unkept names fields given that the station does not keep (email,
	// media_url, lat/long, attributes...).
	Unkept []string
}

// MaxIdempotencyKey is the longest Idempotency-Key a partner may send.
const MaxIdempotencyKey = 80

// Limits of what a partner sends.
const (
	MaxBuildingRunes = 40 // address_string, taken as the building
	MaxContactName   = 32 // last_name + first_name
)

// PartnerSubmission turns a partner's request into the submission the
// station stores, as a kiosk would: the text cleaned, phone numbers in it
// masked unless the resident left a phone (given with their consent to
// the partner), contact kept only with a valid phone. Seq and Ticket are
// left for the store.
func PartnerSubmission(p PartnerRequest, key APIKey, cfg kiosk.Config, id string, now time.Time) (Received, error) {
	var r Received
	if len(p.Unkept) > 0 {
		return r, kiosk.Errorf(kiosk.EINVALID, "this station does not keep %s: leave them out (a phone is kept, with the resident's consent)", strings.Join(p.Unkept, ", "))
	}
	if _, ok := cfg.Topic(p.ServiceCode); !ok {
		return r, kiosk.Errorf(kiosk.EINVALID, "service_code %q is not a service of this station (GET services)", p.ServiceCode)
	}
	building, err := kiosk.CleanText(p.Address, MaxBuildingRunes)
	if err != nil || building == "" {
		return r, kiosk.Errorf(kiosk.EINVALID, "address_string: the building, 1-%d characters of text, is needed (lat/long are not kept)", MaxBuildingRunes)
	}
	var contact *kiosk.Contact
	if phone := strings.TrimSpace(p.Phone); phone != "" {
		if !kiosk.ValidPhone(phone) {
			return r, kiosk.Errorf(kiosk.EINVALID, "phone %q is not a phone number", phone)
		}
		name, err := kiosk.CleanText(strings.TrimSpace(p.LastName)+strings.TrimSpace(p.FirstName), MaxContactName)
		if err != nil {
			return r, kiosk.WrapError(kiosk.EINVALID, err, "first_name, last_name")
		}
		contact = &kiosk.Contact{Name: name, Phone: phone, Consent: true}
	} else if strings.TrimSpace(p.FirstName+p.LastName) != "" {
		return r, kiosk.Errorf(kiosk.EINVALID, "a name is kept only with a phone to call back")
	}
	limit := cfg.Session.TextLimit
	if limit <= 0 {
		limit = kiosk.DefaultTextLimit
	}
	text, err := kiosk.PrepareText(p.Description, limit, contact != nil)
	if err != nil {
		return r, kiosk.WrapError(kiosk.ErrorCode(err), err, "description")
	}
	if text == "" {
		return r, kiosk.Errorf(kiosk.EINVALID, "description: what the resident said is needed")
	}
	r.Submission = kiosk.Submission{ID: id, Kiosk: key.Kiosk(), Kind: kiosk.KindOpinion, CreatedAt: now, ClockSynced: true,
		Body: kiosk.Body{Topic: p.ServiceCode, Text: text, Location: &kiosk.Location{Building: building}, Contact: contact,
			Lang: "zh", Channel: ChannelPartner}}
	r.ReceivedAt = now
	return r, nil
}

// PartnerTicket reports whether a receipt code's case came from a partner
// (tokens are given only for those).
func PartnerTicket(c *Case) bool { return strings.HasPrefix(c.Kiosk, PartnerKioskPrefix) }
