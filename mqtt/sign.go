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
	"strings"
)

// Envelope is the signed form of every downstream message (envelope
// version 2): {v: 2, key: KEY_ID, type: TYPE, topic: TOPIC, payload:
// BASE64(json), sig: BASE64(ed25519(SignedBytes(type, topic, payload)))}.
// The signature covers the message type and the topic it is meant for, so a
// message cannot be replayed as another type or on another topic.
// encoding/json writes []byte as standard base64.
type Envelope struct {
	V       int    `json:"v"`
	Key     string `json:"key"`
	Type    string `json:"type"`
	Topic   string `json:"topic"`
	Payload []byte `json:"payload"`
	Sig     []byte `json:"sig"`
}

// EnvelopeVersion is the version a signed envelope carries as "v". Version 1
// signed the payload alone and is refused.
const EnvelopeVersion = 2

// SignedBytes returns what a signature covers: a domain prefix, the message
// type, the topic and the payload, separated by NUL bytes (none of the three
// names may contain one).
func SignedBytes(typ, topic string, payload []byte) []byte {
	b := make([]byte, 0, len(sigDomain)+len(typ)+len(topic)+len(payload)+3)
	b = append(b, sigDomain...)
	b = append(b, 0)
	b = append(b, typ...)
	b = append(b, 0)
	b = append(b, topic...)
	b = append(b, 0)
	return append(b, payload...)
}

const sigDomain = "opinionwall-signed-v2"

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

// Sign marshals v and returns the envelope signed for message type typ
// (TypeAck, TypeWall, …) on topic.
func (s *Signer) Sign(typ, topic string, v any) ([]byte, error) {
	payload, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("sign: %w", err)
	}
	if strings.ContainsRune(typ, 0) || strings.ContainsRune(topic, 0) || typ == "" || topic == "" {
		return nil, fmt.Errorf("sign: type %q and topic %q must be set and hold no NUL", typ, topic)
	}
	sig := ed25519.Sign(s.key, SignedBytes(typ, topic, payload))
	return json.Marshal(Envelope{V: EnvelopeVersion, Key: s.id, Type: typ, Topic: topic, Payload: payload, Sig: sig})
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
