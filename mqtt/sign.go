package mqtt

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"opinionwall/kiosk"
)

// Envelope is the signed form of every downstream message:
// {v: 1, key: KEY_ID, payload: BASE64(json), sig: BASE64(ed25519(payload bytes))}.
// encoding/json writes []byte as standard base64.
type Envelope struct {
	V       int    `json:"v"`
	Key     string `json:"key"`
	Payload []byte `json:"payload"`
	Sig     []byte `json:"sig"`
}

// KeyID names a public key: the first 8 bytes of its SHA-256, in hex.
func KeyID(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	return hex.EncodeToString(sum[:8])
}

// Signer signs downstream messages with one private key.
type Signer struct {
	key ed25519.PrivateKey
	id  string
}

// NewSigner returns a signer for the private key.
func NewSigner(key ed25519.PrivateKey) *Signer {
	return &Signer{key: key, id: KeyID(key.Public().(ed25519.PublicKey))}
}

// KeyID returns the id of the signer's public key.
func (s *Signer) KeyID() string { return s.id }

// Sign marshals v and returns the signed envelope.
func (s *Signer) Sign(v any) ([]byte, error) {
	payload, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("sign: %w", err)
	}
	return json.Marshal(Envelope{V: Version, Key: s.id, Payload: payload, Sig: ed25519.Sign(s.key, payload)})
}

// Trust is the list of public keys a kiosk accepts signatures from.
type Trust struct {
	mu   sync.RWMutex
	keys map[string]ed25519.PublicKey
}

// NewTrust returns a trust list of the given keys.
func NewTrust(keys ...ed25519.PublicKey) *Trust {
	t := &Trust{keys: map[string]ed25519.PublicKey{}}
	for _, k := range keys {
		t.keys[KeyID(k)] = k
	}
	return t
}

// KeyIDs returns the ids of the trusted keys, sorted.
func (t *Trust) KeyIDs() []string {
	t.mu.RLock()
	defer t.mu.RUnlock()
	ids := make([]string, 0, len(t.keys))
	for id := range t.keys {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Open checks a signed envelope and returns its payload and key id. It fails
// for a malformed or oversized envelope, an unknown key or a bad signature.
func (t *Trust) Open(what string, b []byte, limit int) ([]byte, string, error) {
	var e Envelope
	if err := decodeJSON(what, b, limit, &e); err != nil {
		return nil, "", err
	}
	if err := checkVersion(what, e.V); err != nil {
		return nil, "", err
	}
	t.mu.RLock()
	pub, ok := t.keys[e.Key]
	t.mu.RUnlock()
	if !ok {
		return nil, "", invalid(what, "signed by unknown key %q", e.Key)
	}
	if len(e.Sig) != ed25519.SignatureSize || !ed25519.Verify(pub, e.Payload, e.Sig) {
		return nil, "", invalid(what, "bad signature (key %s)", e.Key)
	}
	return e.Payload, e.Key, nil
}

// open checks the envelope and decodes its payload into v.
func (t *Trust) open(what string, b []byte, limit int, v any) error {
	payload, _, err := t.Open(what, b, limit)
	if err != nil {
		return err
	}
	return decodeJSON(what, payload, limit, v)
}

// OpenAck checks a signed ack meant for kiosk self.
func (t *Trust) OpenAck(self string, b []byte) (AckMsg, error) {
	var m AckMsg
	if err := t.open("ack", b, MaxPayloadBytes, &m); err != nil {
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
	if err := t.open("tickets", b, MaxPayloadBytes, &m); err != nil {
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

// OpenCommand checks a signed command. Whether it is for this kiosk, fresh
// and unseen is for the command handler to decide and report.
func (t *Trust) OpenCommand(b []byte) (Command, error) {
	var m Command
	if err := t.open("cmd", b, MaxPayloadBytes, &m); err != nil {
		return m, err
	}
	if m.CID == "" || m.Cmd == "" || m.Nonce == "" {
		return m, invalid("cmd", "cid, cmd and nonce are required")
	}
	return m, nil
}

// OpenConfig checks a signed desired configuration meant for kiosk self.
func (t *Trust) OpenConfig(self string, b []byte) (ConfigMsg, error) {
	var m ConfigMsg
	if err := t.open("config", b, MaxSignedBytes, &m); err != nil {
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
	if err := t.open("wall", b, MaxSignedBytes, &m); err != nil {
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
	if err := t.open("polls", b, MaxSignedBytes, &m); err != nil {
		return m, err
	}
	if m.Version < 1 {
		return m, invalid("polls", "version %d is not positive", m.Version)
	}
	return m, nil
}

// GenerateKey makes a key pair and writes NAME.key (PKCS #8, mode 0600) and
// NAME.pub (PKIX) into dir. It refuses to overwrite a key.
func GenerateKey(dir, name string) (ed25519.PublicKey, error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generate key: %w", err)
	}
	privDER, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return nil, fmt.Errorf("generate key: %w", err)
	}
	pubDER, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return nil, fmt.Errorf("generate key: %w", err)
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("generate key: %w", err)
	}
	if err := writeNew(filepath.Join(dir, name+".key"), pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: privDER}), 0o600); err != nil {
		return nil, err
	}
	if err := writeNew(filepath.Join(dir, name+".pub"), pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER}), 0o644); err != nil {
		return nil, err
	}
	return pub, nil
}

func writeNew(path string, data []byte, mode os.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return fmt.Errorf("write key: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("write key: %w", err)
	}
	return f.Close()
}

// LoadPrivateKey reads a PKCS #8 PEM ed25519 private key.
func LoadPrivateKey(path string) (ed25519.PrivateKey, error) {
	der, err := readPEM(path, "PRIVATE KEY")
	if err != nil {
		return nil, err
	}
	k, err := x509.ParsePKCS8PrivateKey(der)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	priv, ok := k.(ed25519.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("%s: not an ed25519 key", path)
	}
	return priv, nil
}

// LoadPublicKey reads a PKIX PEM ed25519 public key.
func LoadPublicKey(path string) (ed25519.PublicKey, error) {
	der, err := readPEM(path, "PUBLIC KEY")
	if err != nil {
		return nil, err
	}
	k, err := x509.ParsePKIXPublicKey(der)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	pub, ok := k.(ed25519.PublicKey)
	if !ok {
		return nil, fmt.Errorf("%s: not an ed25519 key", path)
	}
	return pub, nil
}

func readPEM(path, typ string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read key: %w", err)
	}
	b, _ := pem.Decode(data)
	if b == nil || b.Type != typ {
		return nil, fmt.Errorf("%s: no %s PEM block", path, typ)
	}
	return b.Bytes, nil
}

// LoadTrust reads every *.pub file of the given files or directories.
func LoadTrust(paths ...string) (*Trust, error) {
	var keys []ed25519.PublicKey
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
			k, err := LoadPublicKey(f)
			if err != nil {
				return nil, fmt.Errorf("trust: %w", err)
			}
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("trust: no public keys in %s", strings.Join(paths, ", "))
	}
	return NewTrust(keys...), nil
}
