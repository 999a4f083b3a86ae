package ca

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"time"
)

// ErrExists is returned when a kiosk already has a certificate and no
// replacement was asked for.
var ErrExists = errors.New("ca: the kiosk already has a certificate")

// Kinds of certificate the CA issues.
const (
	KindServer = "server"
	KindKiosk  = "kiosk"
)

var kioskID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,31}$`)

// Issued is a certificate the CA issued: its files and serial number.
type Issued struct {
	Cert, Key string
	Serial    string
	Leaf      *x509.Certificate
}

// KioskFiles returns where kiosk id's certificate and key are in the folder.
func (c *CA) KioskFiles(id string) (cert, key string) {
	base := filepath.Join(c.Dir, KiosksDir, id)
	return base + ".crt", base + ".key"
}

// IssueKiosk makes kiosk id's client certificate (CN = id). A kiosk that
// already has one gets ErrExists unless replace is set; then the old
// certificate is revoked (the card it was on is lost or replaced).
func (c *CA) IssueKiosk(id string, replace bool) (Issued, error) {
	if !kioskID.MatchString(id) {
		return Issued{}, fmt.Errorf("ca: %q is not a kiosk id (1 to 32 of a-z, 0-9 and '-')", id)
	}
	if _, err := c.signer(); err != nil {
		return Issued{}, err
	}
	certPath, keyPath := c.KioskFiles(id)
	if old, err := os.ReadFile(certPath); err == nil {
		if !replace {
			return Issued{}, fmt.Errorf("%w: %s", ErrExists, certPath)
		}
		leaf, err := parseCert(old)
		if err != nil {
			return Issued{}, fmt.Errorf("ca: %s: %w", certPath, err)
		}
		if _, err := c.revokeSerial(leaf.SerialNumber.String(), id, KindKiosk); err != nil {
			return Issued{}, err
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return Issued{}, fmt.Errorf("ca: %w", err)
	}
	tmpl := &x509.Certificate{Subject: pkix.Name{CommonName: id},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}}
	return c.issue(tmpl, KindKiosk, certPath, keyPath)
}

// IssueServer makes the broker's certificate for the station's names and
// addresses (and localhost, 127.0.0.1, for the hub on the same machine),
// replacing the one in the folder.
func (c *CA) IssueServer(hosts []string) (Issued, error) {
	if len(hosts) == 0 || hosts[0] == "" {
		return Issued{}, errors.New("ca: the server certificate needs the station's name or address")
	}
	tmpl := &x509.Certificate{Subject: pkix.Name{CommonName: hosts[0]},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	for _, h := range append(hosts, "localhost", "127.0.0.1") {
		if ip := net.ParseIP(h); ip != nil {
			tmpl.IPAddresses = appendIP(tmpl.IPAddresses, ip)
		} else if h != "" && !contains(tmpl.DNSNames, h) {
			tmpl.DNSNames = append(tmpl.DNSNames, h)
		}
	}
	base := filepath.Join(c.Dir, ServerName)
	return c.issue(tmpl, KindServer, base+".crt", base+".key")
}

// issue signs a new key's certificate from tmpl, writes the key (0600) and
// the certificate, and records the serial in the index.
func (c *CA) issue(tmpl *x509.Certificate, kind, certPath, keyPath string) (Issued, error) {
	signer, err := c.signer()
	if err != nil {
		return Issued{}, err
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return Issued{}, fmt.Errorf("ca: %w", err)
	}
	if tmpl.SerialNumber, err = randomSerial(); err != nil {
		return Issued{}, err
	}
	now := c.Now()
	tmpl.NotBefore, tmpl.NotAfter = now.Add(-time.Hour), now.Add(CertValidity)
	tmpl.BasicConstraintsValid = true
	der, err := x509.CreateCertificate(rand.Reader, tmpl, c.Cert, &key.PublicKey, signer)
	if err != nil {
		return Issued{}, fmt.Errorf("ca: %w", err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		return Issued{}, fmt.Errorf("ca: %w", err)
	}
	kb, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return Issued{}, fmt.Errorf("ca: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(certPath), 0o700); err != nil {
		return Issued{}, fmt.Errorf("ca: %w", err)
	}
	// The index first: a serial the CA signed is never lost, even if
	// writing the files fails.
	serial := leaf.SerialNumber.String()
	err = c.updateIndex(func(ix *index) error {
		ix.Certs = append(ix.Certs, entry{Serial: serial, Name: tmpl.Subject.CommonName, Kind: kind, Issued: now.UTC(), NotAfter: leaf.NotAfter.UTC()})
		return nil
	})
	if err != nil {
		return Issued{}, err
	}
	if err := writePEM(keyPath, "PRIVATE KEY", kb, 0o600); err != nil {
		return Issued{}, err
	}
	if err := writePEM(certPath, "CERTIFICATE", der, 0o644); err != nil {
		return Issued{}, err
	}
	return Issued{Cert: certPath, Key: keyPath, Serial: serial, Leaf: leaf}, nil
}

func appendIP(ips []net.IP, ip net.IP) []net.IP {
	for _, x := range ips {
		if x.Equal(ip) {
			return ips
		}
	}
	return append(ips, ip)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
