package main

import (
	"crypto/tls"
	"fmt"
	"os"
	"path/filepath"
	"strings"
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

// copyCerts puts the station's CA certificate and the kiosk's own
// certificate and key (made by deploy/mosquitto/make-certs.sh, CN = the
// kiosk id) into the bundle's tls folder, for an ssl:// broker.
func (p provision) copyCerts(dir string) error {
	if !strings.HasPrefix(p.broker, "ssl://") {
		return nil
	}
	ca := filepath.Join(p.certs, "ca.crt")
	crt, key := filepath.Join(p.certs, "kiosks", p.id+".crt"), filepath.Join(p.certs, "kiosks", p.id+".key")
	pair, err := tls.LoadX509KeyPair(crt, key)
	if err != nil {
		return fmt.Errorf("provision %s: no certificate for the kiosk (make it with deploy/mosquitto/make-certs.sh %s STATION-HOST %s): %w", p.id, p.certs, p.id, err)
	}
	if pair.Leaf == nil || pair.Leaf.Subject.CommonName != p.id {
		return fmt.Errorf("provision %s: %s is not the kiosk's certificate (its CN must be %s)", p.id, crt, p.id)
	}
	if err := os.MkdirAll(filepath.Join(dir, "tls"), 0o750); err != nil {
		return err
	}
	for src, name := range map[string]string{ca: "ca.crt", crt: "kiosk.crt", key: "kiosk.key"} {
		b, err := os.ReadFile(src)
		if err != nil {
			return fmt.Errorf("provision %s: %w", p.id, err)
		}
		if err := os.WriteFile(filepath.Join(dir, "tls", name), b, 0o640); err != nil { // root:kiosk on the card
			return err
		}
	}
	return nil
}
