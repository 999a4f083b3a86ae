package ca

import (
	"crypto/rand"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"time"
)

// index is index.json: every certificate the CA issued.
type index struct {
	CRLNumber int64   `json:"crl_number"`
	Certs     []entry `json:"certs"`
}

// entry is one issued certificate.
type entry struct {
	Serial    string     `json:"serial"`
	Name      string     `json:"name"` // CN: a kiosk id or the station's name
	Kind      string     `json:"kind"` // server or kiosk
	Issued    time.Time  `json:"issued"`
	NotAfter  time.Time  `json:"not_after"`
	RevokedAt *time.Time `json:"revoked_at,omitempty"`
}

// Entry is a certificate as List reports it.
type Entry struct {
	Serial, Name, Kind string
	Issued, NotAfter   time.Time
	Revoked            bool
}

// List returns every certificate the index records, oldest first.
func (c *CA) List() ([]Entry, error) {
	ix, err := c.readIndex()
	if err != nil {
		return nil, err
	}
	out := make([]Entry, len(ix.Certs))
	for i, e := range ix.Certs {
		out[i] = Entry{Serial: e.Serial, Name: e.Name, Kind: e.Kind, Issued: e.Issued, NotAfter: e.NotAfter, Revoked: e.RevokedAt != nil}
	}
	return out, nil
}

// Revoke revokes a kiosk's certificate, named by the kiosk id or by its
// serial number, removes its files from the folder (a new card gets a new
// certificate) and rewrites the CRL. It returns the serial revoked.
func (c *CA) Revoke(nameOrSerial string) (string, error) {
	if _, err := c.signer(); err != nil {
		return "", err
	}
	serial, name := nameOrSerial, ""
	certPath, keyPath := c.KioskFiles(nameOrSerial)
	if b, err := os.ReadFile(certPath); err == nil {
		leaf, err := parseCert(b)
		if err != nil {
			return "", fmt.Errorf("ca: %s: %w", certPath, err)
		}
		serial, name = leaf.SerialNumber.String(), nameOrSerial
	} else if _, ok := new(big.Int).SetString(nameOrSerial, 10); !ok {
		return "", fmt.Errorf("ca: %s is neither a kiosk with a certificate in %s nor a serial number", nameOrSerial, filepath.Join(c.Dir, KiosksDir))
	}
	if _, err := c.revokeSerial(serial, name, KindKiosk); err != nil {
		return "", err
	}
	if name != "" {
		for _, p := range []string{certPath, keyPath} {
			if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return serial, fmt.Errorf("ca: %w", err)
			}
		}
	}
	return serial, nil
}

// revokeSerial marks serial revoked in the index (adding it if the CA
// issued it before the index existed, as make-certs.sh did) and rewrites
// the CRL. It reports whether the serial was newly revoked.
func (c *CA) revokeSerial(serial, name, kind string) (bool, error) {
	now := c.Now().UTC()
	fresh := false
	err := c.updateIndex(func(ix *index) error {
		for i := range ix.Certs {
			if ix.Certs[i].Serial == serial {
				if ix.Certs[i].RevokedAt == nil {
					ix.Certs[i].RevokedAt, fresh = &now, true
				}
				return nil
			}
		}
		ix.Certs = append(ix.Certs, entry{Serial: serial, Name: name, Kind: kind, RevokedAt: &now})
		fresh = true
		return nil
	})
	if err != nil {
		return false, err
	}
	return fresh, c.WriteCRL()
}

// WriteCRL writes ca.crl: every revoked serial, signed by the CA, valid
// for CRLValidity (run it again, `hub ca crl`, before that ends).
func (c *CA) WriteCRL() error {
	signer, err := c.signer()
	if err != nil {
		return err
	}
	var der []byte
	err = c.updateIndex(func(ix *index) error {
		ix.CRLNumber++
		now := c.Now()
		list := &x509.RevocationList{Number: big.NewInt(ix.CRLNumber), ThisUpdate: now.Add(-time.Hour), NextUpdate: now.Add(CRLValidity)}
		for _, e := range ix.Certs {
			if e.RevokedAt == nil {
				continue
			}
			n, ok := new(big.Int).SetString(e.Serial, 10)
			if !ok {
				return fmt.Errorf("ca: index: serial %q", e.Serial)
			}
			list.RevokedCertificateEntries = append(list.RevokedCertificateEntries, x509.RevocationListEntry{SerialNumber: n, RevocationTime: *e.RevokedAt})
		}
		var err error
		der, err = x509.CreateRevocationList(rand.Reader, list, c.Cert, signer)
		return err
	})
	if err != nil {
		return fmt.Errorf("ca: crl: %w", err)
	}
	return writePEM(filepath.Join(c.Dir, CRLFile), "X509 CRL", der, 0o644)
}

func (c *CA) readIndex() (*index, error) {
	ix := &index{}
	b, err := os.ReadFile(filepath.Join(c.Dir, indexFile))
	if errors.Is(err, fs.ErrNotExist) {
		return ix, nil
	}
	if err != nil {
		return nil, fmt.Errorf("ca: %w", err)
	}
	if err := json.Unmarshal(b, ix); err != nil {
		return nil, fmt.Errorf("ca: %s: %w", filepath.Join(c.Dir, indexFile), err)
	}
	return ix, nil
}

// updateIndex reads the index, lets fn change it and writes it back.
func (c *CA) updateIndex(fn func(*index) error) error {
	ix, err := c.readIndex()
	if err != nil {
		return err
	}
	if err := fn(ix); err != nil {
		return err
	}
	b, err := json.MarshalIndent(ix, "", "  ")
	if err != nil {
		return fmt.Errorf("ca: %w", err)
	}
	return writeFile(filepath.Join(c.Dir, indexFile), append(b, '\n'), 0o600)
}
