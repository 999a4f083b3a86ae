package mqtt

import (
	"crypto/ed25519"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"opinionwall/kiosk"
)

// Role is what a trusted key may sign.
type Role string

// Key roles. Operations keys (kioskctl, on the station) sign what changes a
// kiosk: commands and configuration. The hub key (the hub service) signs what
// the hub tells kiosks: acks, ticket updates, the wall, polls and lookup
// answers. A key of one role cannot sign the other's messages, so a stolen
// hub.key cannot order a software update.
//
// Release keys (kept offline) sign no message at all: they sign kiosk
// releases, which the kiosk checks over the downloaded file (kiosk/update),
// so a stolen ops.key cannot install software the release key did not sign.
const (
	RoleOps     Role = "ops"
	RoleHub     Role = "hub"
	RoleRelease Role = "release"
)

// Signed message types; each is bound to its topic by the signature.
const (
	TypeAck     = "ack"
	TypeTickets = "tickets"
	TypeWall    = "wall"
	TypePolls   = "polls"
	TypeLookup  = "lookup" // a lookup answer
	TypeCmd     = "cmd"
	TypeConfig  = "config"
	// TypeVoicePack is a booth's recorded prompts (kiosk/voicepack).
	TypeVoicePack = "voicepack"
)

// TypeRole gives the role whose keys may sign each message type. A type not
// listed is refused.
var TypeRole = map[string]Role{
	TypeAck: RoleHub, TypeTickets: RoleHub, TypeWall: RoleHub, TypePolls: RoleHub, TypeLookup: RoleHub, TypeVoiceAck: RoleHub,
	TypeCmd: RoleOps, TypeConfig: RoleOps,
	TypeVoicePack: RoleOps,
}

// Trust is the set of public keys a kiosk accepts signatures from, each with
// its role.
type Trust struct {
	mu   sync.RWMutex
	keys map[string]trusted
}

type trusted struct {
	pub  ed25519.PublicKey
	role Role
}

// NewTrust returns an empty trust store; Add fills it.
func NewTrust() *Trust { return &Trust{keys: map[string]trusted{}} }

// Add trusts keys for one role and returns t.
func (t *Trust) Add(role Role, keys ...ed25519.PublicKey) *Trust {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, k := range keys {
		t.keys[KeyID(k)] = trusted{pub: k, role: role}
	}
	return t
}

// Keys returns the trusted keys of one role.
func (t *Trust) Keys(role Role) []ed25519.PublicKey {
	t.mu.RLock()
	defer t.mu.RUnlock()
	var out []ed25519.PublicKey
	for _, k := range t.keys {
		if k.role == role {
			out = append(out, k.pub)
		}
	}
	return out
}

// KeyIDs returns "role:id" of the trusted keys, sorted.
func (t *Trust) KeyIDs() []string {
	t.mu.RLock()
	defer t.mu.RUnlock()
	ids := make([]string, 0, len(t.keys))
	for id, k := range t.keys {
		ids = append(ids, string(k.role)+":"+id)
	}
	sort.Strings(ids)
	return ids
}

// Open checks a signed envelope of message type what received on topic and
// returns its payload and key id. It fails for a malformed or oversized
// envelope, an unknown key, a key whose role may not sign what, an envelope
// signed for another type or topic, or a bad signature.
func (t *Trust) Open(what, topic string, b []byte, limit int) ([]byte, string, error) {
	var e Envelope
	if err := decodeJSON(what, b, limit, &e); err != nil {
		return nil, "", err
	}
	if e.V != EnvelopeVersion {
		return nil, "", invalid(what, "envelope version %d, want %d", e.V, EnvelopeVersion)
	}
	role, ok := TypeRole[what]
	if !ok {
		return nil, "", invalid(what, "no key role may sign this message type")
	}
	t.mu.RLock()
	k, ok := t.keys[e.Key]
	t.mu.RUnlock()
	if !ok {
		return nil, "", invalid(what, "signed by unknown key %q", e.Key)
	}
	if k.role != role {
		return nil, "", invalid(what, "signed by %s key %s; only %s keys may sign it", k.role, e.Key, role)
	}
	if e.Type != what || e.Topic != topic {
		return nil, "", invalid(what, "signed as %q for topic %q, received as %q on %q", e.Type, e.Topic, what, topic)
	}
	if len(e.Sig) != ed25519.SignatureSize || !ed25519.Verify(k.pub, SignedBytes(e.Type, e.Topic, e.Payload), e.Sig) {
		return nil, "", invalid(what, "bad signature (key %s)", e.Key)
	}
	return e.Payload, e.Key, nil
}

// open checks the envelope and decodes its payload into v.
func (t *Trust) open(what, topic string, b []byte, limit int, v any) error {
	payload, _, err := t.Open(what, topic, b, limit)
	if err != nil {
		return err
	}
	return decodeJSON(what, payload, limit, v)
}

// OpenAck checks a signed ack meant for kiosk self.
func (t *Trust) OpenAck(self string, b []byte) (AckMsg, error) {
	var m AckMsg
	if err := t.open(TypeAck, KioskTopic(self, LeafAck), b, MaxPayloadBytes, &m); err != nil {
		return m, err
	}
	if m.Kiosk != self {
		return m, invalid("ack", "meant for kiosk %q, not %q", m.Kiosk, self)
	}
	for _, id := range m.IDs {
		if !kiosk.ValidUUID(id) {
			return m, invalid("ack", "id %q is not a UUIDv7", id)
		}
	}
	return m, nil
}

// OpenTickets checks signed ticket updates meant for kiosk self.
func (t *Trust) OpenTickets(self string, b []byte) (TicketsMsg, error) {
	var m TicketsMsg
	if err := t.open(TypeTickets, KioskTopic(self, LeafTickets), b, MaxPayloadBytes, &m); err != nil {
		return m, err
	}
	if m.Kiosk != self {
		return m, invalid("tickets", "meant for kiosk %q, not %q", m.Kiosk, self)
	}
	for _, u := range m.Updates {
		if _, err := kiosk.ParseTicket(u.Ticket); err != nil {
			return m, invalid("tickets", "ticket %q: %v", u.Ticket, err)
		}
	}
	return m, nil
}

// OpenCommand checks a signed command received on kiosk self's command
// topic. Whether it is for this kiosk, fresh and unseen is for the command
// handler to decide and report.
func (t *Trust) OpenCommand(self string, b []byte) (Command, error) {
	var m Command
	payload, key, err := t.Open(TypeCmd, KioskTopic(self, LeafCmd), b, MaxPayloadBytes)
	if err != nil {
		return m, err
	}
	if err := decodeJSON(TypeCmd, payload, MaxPayloadBytes, &m); err != nil {
		return m, err
	}
	m.Key = key
	if m.CID == "" || m.Cmd == "" || m.Nonce == "" {
		return m, invalid("cmd", "cid, cmd and nonce are required")
	}
	return m, nil
}

// OpenConfig checks a signed desired configuration meant for kiosk self.
func (t *Trust) OpenConfig(self string, b []byte) (ConfigMsg, error) {
	var m ConfigMsg
	if err := t.open(TypeConfig, KioskTopic(self, LeafConfig), b, MaxSignedBytes, &m); err != nil {
		return m, err
	}
	if m.Kiosk != self {
		return m, invalid("config", "meant for kiosk %q, not %q", m.Kiosk, self)
	}
	if m.Version < 1 {
		return m, invalid("config", "version %d is not positive", m.Version)
	}
	return m, nil
}

// OpenWall checks a signed wall snapshot.
func (t *Trust) OpenWall(b []byte) (kiosk.WallSnapshot, error) {
	var m kiosk.WallSnapshot
	if err := t.open(TypeWall, TopicWall, b, MaxSignedBytes, &m); err != nil {
		return m, err
	}
	if m.Version < 1 {
		return m, invalid("wall", "version %d is not positive", m.Version)
	}
	return m, nil
}

// OpenPolls checks a signed polls snapshot.
func (t *Trust) OpenPolls(b []byte) (kiosk.PollsSnapshot, error) {
	var m kiosk.PollsSnapshot
	if err := t.open(TypePolls, TopicPolls, b, MaxSignedBytes, &m); err != nil {
		return m, err
	}
	if m.Version < 1 {
		return m, invalid("polls", "version %d is not positive", m.Version)
	}
	return m, nil
}

// RoleOfKeyFile gives the role a public key file's name gives its key:
// hub*.pub is a hub key, ops*.pub an operations key, release*.pub a release
// key.
func RoleOfKeyFile(path string) (Role, error) {
	name := filepath.Base(path)
	switch {
	case strings.HasPrefix(name, "release"):
		return RoleRelease, nil
	case strings.HasPrefix(name, "hub"):
		return RoleHub, nil
	case strings.HasPrefix(name, "ops"):
		return RoleOps, nil
	}
	return "", fmt.Errorf("trust: %s: the file name must start with hub (hub key), ops (operations key) or release (release key)", path)
}

// LoadTrust reads every *.pub file of the given files or directories; each
// file's name gives its key's role (RoleOfKeyFile).
func LoadTrust(paths ...string) (*Trust, error) {
	t := NewTrust()
	n := 0
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("trust: %w", err)
		}
		files := []string{p}
		if fi.IsDir() {
			files, _ = filepath.Glob(filepath.Join(p, "*.pub"))
		}
		for _, f := range files {
			role, err := RoleOfKeyFile(f)
			if err != nil {
				return nil, err
			}
			k, err := LoadPublicKey(f)
			if err != nil {
				return nil, fmt.Errorf("trust: %w", err)
			}
			t.Add(role, k)
			n++
		}
	}
	if n == 0 {
		return nil, fmt.Errorf("trust: no public keys in %s", strings.Join(paths, ", "))
	}
	return t, nil
}
