package ca

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"time"
)

// File names in a CA folder.
const (
	CertFile   = "ca.crt"
	KeyFile    = "ca.key"
	CRLFile    = "ca.crl"
	ServerName = "server"
	KiosksDir  = "kiosks"
	indexFile  = "index.json"
)

// How long what the CA makes is valid. A kiosk in the street is not
// re-provisioned often; revocation, not expiry, is how a card is shut out.
const (
	CAValidity   = 20 * 365 * 24 * time.Hour
	CertValidity = 10 * 365 * 24 * time.Hour
	CRLValidity  = 10 * 365 * 24 * time.Hour
)

// CA is an open certificate authority folder.
type CA struct {
	Dir  string
	Cert *x509.Certificate
	key  crypto.Signer // nil when the folder holds no ca.key
	Now  func() time.Time
}

// Init makes a new CA in dir: its key (0600) and self-signed certificate,
// and an empty revocation list. It refuses a folder that already holds one.
func Init(dir, name string) (*CA, error) {
	if _, err := os.Stat(filepath.Join(dir, KeyFile)); err == nil {
		return nil, fmt.Errorf("ca: %s already holds a CA (%s)", dir, KeyFile)
	}
	if err := os.MkdirAll(filepath.Join(dir, KiosksDir), 0o700); err != nil {
		return nil, fmt.Errorf("ca: %w", err)
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("ca: %w", err)
	}
	serial, err := randomSerial()
	if err != nil {
		return nil, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{SerialNumber: serial, Subject: pkix.Name{CommonName: name},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(CAValidity),
		IsCA: true, BasicConstraintsValid: true, MaxPathLenZero: true,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, fmt.Errorf("ca: %w", err)
	}
	kb, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, fmt.Errorf("ca: %w", err)
	}
	if err := writePEM(filepath.Join(dir, KeyFile), "PRIVATE KEY", kb, 0o600); err != nil {
		return nil, err
	}
	if err := writePEM(filepath.Join(dir, CertFile), "CERTIFICATE", der, 0o644); err != nil {
		return nil, err
	}
	c, err := Open(dir)
	if err != nil {
		return nil, err
	}
	return c, c.WriteCRL()
}

// Open reads the CA in dir. Without ca.key the CA can verify but not issue
// or revoke (a station's copy).
func Open(dir string) (*CA, error) {
	certPEM, err := os.ReadFile(filepath.Join(dir, CertFile))
	if err != nil {
		return nil, fmt.Errorf("ca: %w (make one with: hub ca init -ca %s)", err, dir)
	}
	cert, err := parseCert(certPEM)
	if err != nil {
		return nil, fmt.Errorf("ca: %s: %w", filepath.Join(dir, CertFile), err)
	}
	c := &CA{Dir: dir, Cert: cert, Now: time.Now}
	keyPEM, err := os.ReadFile(filepath.Join(dir, KeyFile))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return c, nil
	case err != nil:
		return nil, fmt.Errorf("ca: %w", err)
	}
	if c.key, err = parseKey(keyPEM); err != nil {
		return nil, fmt.Errorf("ca: %s: %w", filepath.Join(dir, KeyFile), err)
	}
	if !publicKeysEqual(c.key.Public(), cert.PublicKey) {
		return nil, fmt.Errorf("ca: %s is not the key of %s", KeyFile, CertFile)
	}
	return c, nil
}

// CanSign reports whether the folder holds the CA's key.
func (c *CA) CanSign() bool { return c.key != nil }

func (c *CA) signer() (crypto.Signer, error) {
	if c.key == nil {
		return nil, fmt.Errorf("ca: %s has no %s: issue and revoke where the CA's key is (the offline machine or USB stick)", c.Dir, KeyFile)
	}
	return c.key, nil
}

func parseCert(data []byte) (*x509.Certificate, error) {
	b, _ := pem.Decode(data)
	if b == nil || b.Type != "CERTIFICATE" {
		return nil, errors.New("no CERTIFICATE PEM block")
	}
	return x509.ParseCertificate(b.Bytes)
}

// parseKey reads a PKCS#8 or SEC 1 (openssl's EC PRIVATE KEY) key.
func parseKey(data []byte) (crypto.Signer, error) {
	b, _ := pem.Decode(data)
	if b == nil {
		return nil, errors.New("no PEM block")
	}
	if k, err := x509.ParseECPrivateKey(b.Bytes); err == nil {
		return k, nil
	}
	k, err := x509.ParsePKCS8PrivateKey(b.Bytes)
	if err != nil {
		return nil, err
	}
	s, ok := k.(crypto.Signer)
	if !ok {
		return nil, fmt.Errorf("a %T cannot sign", k)
	}
	return s, nil
}

func publicKeysEqual(a, b crypto.PublicKey) bool {
	ea, ok := a.(interface{ Equal(crypto.PublicKey) bool })
	return ok && ea.Equal(b)
}

func randomSerial() (*big.Int, error) {
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, fmt.Errorf("ca: %w", err)
	}
	return n.Add(n, big.NewInt(1)), nil // never 0
}

// writePEM writes one PEM block atomically with the given mode.
func writePEM(path, typ string, der []byte, mode os.FileMode) error {
	return writeFile(path, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), mode)
}

func writeFile(path string, data []byte, mode os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("ca: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return fmt.Errorf("ca: %w", err)
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("ca: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("ca: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("ca: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("ca: %w", err)
	}
	return nil
}
