package main

import (
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"opinionwall/internal/ca"
)

// Where a kiosk's TLS files go on its card.
const kioskTLSDir = "/etc/opinionwall/tls"

// tlsArgs are the kiosk's TLS flags for an ssl:// broker (kiosk.env's
// OW_TLS), or nothing.
func (p provision) tlsArgs() string {
	if !strings.HasPrefix(p.broker, "ssl://") {
		return ""
	}
	return fmt.Sprintf("-tls-ca %[1]s/ca.crt -tls-cert %[1]s/kiosk.crt -tls-key %[1]s/kiosk.key", kioskTLSDir)
}

// kioskCert returns the kiosk's certificate and key files in the CA
// folder: those already issued (`hub ca issue`), or, when the folder holds
// the CA's key (the USB stick), a certificate issued now. With -replace a
// new certificate is issued and the old one revoked.
func (p provision) kioskCert() (crt, key string, err error) {
	c, err := ca.Open(p.certs)
	if err != nil {
		return "", "", fmt.Errorf("provision %s: %w", p.id, err)
	}
	crt, key = c.KioskFiles(p.id)
	_, statErr := os.Stat(crt)
	if statErr == nil && !p.replace {
		return crt, key, nil
	}
	if !c.CanSign() {
		return "", "", fmt.Errorf("provision %s: no certificate for the kiosk in %s and no CA key there to issue one: give -ca the CA's folder (the USB stick) or run `hub ca issue -ca CA-DIR %s` where the CA is", p.id, p.certs, p.id)
	}
	is, err := c.IssueKiosk(p.id, p.replace)
	if err != nil {
		return "", "", fmt.Errorf("provision %s: %w", p.id, err)
	}
	return is.Cert, is.Key, nil
}

// copyCerts puts the station's CA certificate and the kiosk's own
// certificate and key (CN = the kiosk id) into the bundle's tls folder,
// for an ssl:// broker.
func (p provision) copyCerts(dir string, out io.Writer) error {
	if !strings.HasPrefix(p.broker, "ssl://") {
		return nil
	}
	crt, key, err := p.kioskCert()
	if err != nil {
		return err
	}
	pair, err := tls.LoadX509KeyPair(crt, key)
	if err != nil {
		return fmt.Errorf("provision %s: the kiosk's certificate: %w", p.id, err)
	}
	if pair.Leaf == nil || pair.Leaf.Subject.CommonName != p.id {
		return fmt.Errorf("provision %s: %s is not the kiosk's certificate (its CN must be %s)", p.id, crt, p.id)
	}
	if err := os.MkdirAll(filepath.Join(dir, "tls"), 0o750); err != nil {
		return err
	}
	for src, name := range map[string]string{filepath.Join(p.certs, ca.CertFile): "ca.crt", crt: "kiosk.crt", key: "kiosk.key"} {
		b, err := os.ReadFile(src)
		if err != nil {
			return fmt.Errorf("provision %s: %w", p.id, err)
		}
		if err := os.WriteFile(filepath.Join(dir, "tls", name), b, 0o640); err != nil { // root:kiosk on the card
			return err
		}
	}
	fmt.Fprintf(out, "certificate %s (serial %s) from the CA in %s\n", p.id, pair.Leaf.SerialNumber, p.certs)
	return nil
}

// revokeCert revokes the kiosk's certificate in the CA folder (when
// kioskctl revoke is given -ca) and copies the new CRL to the station's.
func revokeCert(dir, id, crlTo string, out io.Writer) error {
	c, err := ca.Open(dir)
	if err != nil {
		return err
	}
	serial, err := c.Revoke(id)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "certificate of %s (serial %s) revoked in %s\n", id, serial, filepath.Join(dir, ca.CRLFile))
	if crlTo == "" {
		fmt.Fprintf(out, "copy %s to the station's -tls-crl file (the hub rereads it; mosquitto: systemctl reload mosquitto)\n", filepath.Join(dir, ca.CRLFile))
		return nil
	}
	b, err := os.ReadFile(filepath.Join(dir, ca.CRLFile))
	if err != nil {
		return err
	}
	if err := os.WriteFile(crlTo+".tmp", b, 0o644); err != nil {
		return err
	}
	if err := os.Rename(crlTo+".tmp", crlTo); err != nil {
		return errors.Join(err, os.Remove(crlTo+".tmp"))
	}
	fmt.Fprintf(out, "copied to %s\n", crlTo)
	return nil
}
