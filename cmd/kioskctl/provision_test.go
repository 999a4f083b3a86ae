package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"opinionwall/internal/ca"
	"opinionwall/kiosk"
	"opinionwall/kiosk/toml"
	"opinionwall/mqtt"
)

// TestProvisionAndRevoke makes a kiosk's bundle from a station's files and
// checks the kiosk could start from it: the configuration validates with
// the id and number asked for, its password is the one the station's file
// now accepts, it trusts the hub and ops keys. Then revokes it.
func TestProvisionAndRevoke(t *testing.T) {
	ctx := context.Background()
	station := t.TempDir()
	for _, name := range []string{"hub", "ops", "release"} {
		if _, err := mqtt.GenerateKey(station, name); err != nil {
			t.Fatal(err)
		}
	}
	passwd := filepath.Join(station, "passwd")
	creds, _ := mqtt.ParseCredentials(nil)
	creds.Set("ops", "ops-password")
	os.WriteFile(passwd, creds.Bytes(), 0o600)
	out := t.TempDir()
	run := func(args ...string) (string, error) {
		var b strings.Builder
		err := dispatch(ctx, args, &b)
		return b.String(), err
	}
	// The CA on a USB stick issued booth-07's certificate (hub ca issue);
	// the station holds a copy without the CA's key.
	usb := filepath.Join(t.TempDir(), "owca")
	authority, err := ca.Init(usb, "test CA")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := authority.IssueKiosk("booth-07", false); err != nil {
		t.Fatal(err)
	}
	certs := filepath.Join(station, "tls")
	os.MkdirAll(filepath.Join(certs, "kiosks"), 0o700)
	for _, f := range []string{"ca.crt", "kiosks/booth-07.crt", "kiosks/booth-07.key"} {
		b, _ := os.ReadFile(filepath.Join(usb, f))
		os.WriteFile(filepath.Join(certs, f), b, 0o600)
	}
	flags := []string{"-passwd", passwd, "-trust", station, "-o", out, "-ca", certs}
	if _, err := run(append([]string{"provision", "wall-03", "-number", "13"}, flags...)...); err == nil || !strings.Contains(err.Error(), "hub ca issue -ca CA-DIR wall-03") {
		t.Fatalf("a kiosk without a certificate: %v", err)
	}

	msg, err := run(append([]string{"provision", "booth-07", "-number", "17", "-role", "booth"}, flags...)...)
	if err != nil {
		t.Fatalf("provision: %v", err)
	}
	etc := filepath.Join(out, "booth-07", "etc", "opinionwall")
	cfg, err := toml.Load(filepath.Join(etc, "kiosk.toml"))
	if err != nil {
		t.Fatalf("the bundle's configuration: %v", err)
	}
	if err := cfg.Validate(); err != nil || cfg.Kiosk.ID != "booth-07" || cfg.Kiosk.Number != 17 || cfg.Kiosk.Role != "booth" {
		t.Fatalf("configuration %+v: %v", cfg.Kiosk, err)
	}
	if !strings.Contains(msg, cfg.Kiosk.AdminPIN) || cfg.Kiosk.AdminPIN == "480731" {
		t.Errorf("admin PIN %q not fresh or not told: %s", cfg.Kiosk.AdminPIN, msg)
	}
	pw, _ := os.ReadFile(filepath.Join(etc, "broker.password"))
	now, err := mqtt.LoadCredentials(passwd)
	if err != nil || !now.Check("booth-07", strings.TrimSpace(string(pw))) || !now.Check("ops", "ops-password") {
		t.Fatalf("the station's file does not take the bundle's password (or lost ops): %v", err)
	}
	if env, _ := os.ReadFile(filepath.Join(etc, "kiosk.env")); !bytes.Contains(env, []byte("OW_BROKER=ssl://station.local:8883\nOW_TLS=-tls-ca /etc/opinionwall/tls/ca.crt -tls-cert /etc/opinionwall/tls/kiosk.crt -tls-key /etc/opinionwall/tls/kiosk.key\n")) {
		t.Errorf("kiosk.env (ssl:// is the default): %q", env)
	}
	if _, err := mqtt.TLSConfig(filepath.Join(etc, "tls", "ca.crt"), filepath.Join(etc, "tls", "kiosk.crt"), filepath.Join(etc, "tls", "kiosk.key")); err != nil {
		t.Errorf("the bundle's TLS files: %v", err)
	}
	trust, err := mqtt.LoadTrust(filepath.Join(etc, "trust"))
	if err != nil || len(trust.KeyIDs()) != 3 || len(trust.Keys(mqtt.RoleRelease)) != 1 {
		t.Fatalf("trust: %v", err)
	}
	if st, _ := os.Stat(filepath.Join(etc, "broker.password")); st.Mode().Perm() != 0o640 {
		t.Errorf("broker.password mode %v", st.Mode().Perm())
	}

	// A secret ticket key, and the station's registry of numbers.
	if b, _ := os.ReadFile(filepath.Join(etc, "ticket.key")); cfg.Kiosk.TicketKeyFile != "/etc/opinionwall/ticket.key" {
		t.Errorf("ticket_key_file = %q", cfg.Kiosk.TicketKeyFile)
	} else if _, err := kiosk.ParseTicketKey(b); err != nil {
		t.Errorf("ticket.key: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(station, "kiosks")); !bytes.Contains(b, []byte("\nbooth-07 17\n")) {
		t.Errorf("registry: %q", b)
	}
	if _, err := run(append([]string{"provision", "wall-08", "-number", "17"}, flags...)...); err == nil || !strings.Contains(err.Error(), "booth-07") {
		t.Errorf("booth-07's number given to wall-08: %v", err)
	}

	// Twice is a mistake unless it is a new card; a bad number changes nothing.
	var ee *exitError
	if _, err := run(append([]string{"provision", "booth-07", "-number", "17"}, flags...)...); !errors.As(err, &ee) || ee.code != exitUsage {
		t.Errorf("provisioned twice: %v", err)
	}
	before, _ := os.ReadFile(passwd)
	if _, err := run(append([]string{"provision", "wall-09", "-number", "5"}, flags...)...); err == nil || !strings.Contains(err.Error(), "kiosk.number") {
		t.Errorf("number 5: %v", err)
	}
	if _, err := run(append([]string{"provision", "Wall 9", "-number", "19"}, flags...)...); err == nil {
		t.Error("a bad id accepted")
	}
	for _, id := range []string{"hub", "ops", "ow-hub", "ow-hub-2", "ow-ops-x"} {
		if _, err := run(append([]string{"provision", id, "-number", "19"}, flags...)...); !errors.As(err, &ee) || ee.code != exitUsage {
			t.Errorf("reserved id %q: %v", id, err)
		}
	}
	if after, _ := os.ReadFile(passwd); !bytes.Equal(before, after) {
		t.Error("a refused provision changed the password file")
	}
	// A new card for booth-07: a new certificate from the CA on the
	// stick, the old one revoked.
	oldCert, _ := os.ReadFile(filepath.Join(etc, "tls", "kiosk.crt"))
	flags[len(flags)-1] = usb
	if _, err := run(append([]string{"provision", "booth-07", "-number", "17", "-replace"}, flags...)...); err != nil {
		t.Fatalf("replace: %v", err)
	}
	pw2, _ := os.ReadFile(filepath.Join(etc, "broker.password"))
	now, _ = mqtt.LoadCredentials(passwd)
	if bytes.Equal(pw, pw2) || now.Check("booth-07", strings.TrimSpace(string(pw))) || !now.Check("booth-07", strings.TrimSpace(string(pw2))) {
		t.Error("a replaced kiosk's old password still works, or the new one does not")
	}

	if newCert, _ := os.ReadFile(filepath.Join(etc, "tls", "kiosk.crt")); bytes.Equal(oldCert, newCert) {
		t.Error("a replaced kiosk kept its certificate")
	}
	if list, _ := authority.List(); len(list) != 2 || !list[0].Revoked || list[1].Revoked {
		t.Errorf("the CA's certificates after -replace (old, new): %+v", list)
	}

	crl := filepath.Join(station, "ca.crl")
	if _, err := run("revoke", "booth-07", "-passwd", passwd, "-ca", usb, "-crl-to", crl); err != nil {
		t.Fatal(err)
	}
	if list, _ := authority.List(); !list[1].Revoked {
		t.Errorf("kioskctl revoke -ca left the certificate valid: %+v", list)
	}
	if b, err := os.ReadFile(crl); err != nil || !bytes.Contains(b, []byte("X509 CRL")) {
		t.Errorf("no CRL copied to the station: %v", err)
	}
	now, _ = mqtt.LoadCredentials(passwd)
	if now.Check("booth-07", strings.TrimSpace(string(pw2))) || !now.Check("ops", "ops-password") {
		t.Error("revoke left the kiosk in, or took ops out")
	}
	if _, err := run("revoke", "booth-07", "-passwd", passwd); !errors.As(err, &ee) || ee.code != exitUsage {
		t.Errorf("revoked twice: %v", err)
	}
	if _, err := run("revoke", "ops", "-passwd", passwd); err == nil {
		t.Error("revoked the ops user")
	}
}
