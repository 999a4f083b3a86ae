package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCACommands: `hub ca` as the operator runs it: init with the
// station's names, kiosks issued (flags after the ids too), a second
// certificate for a kiosk refused without -replace, revoke copies the CRL
// to the station's file, list shows the states; the CA's key is 0600.
func TestCACommands(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "owca")
	station := filepath.Join(t.TempDir(), "ca.crl")
	run := func(args ...string) (string, error) {
		var b strings.Builder
		err := caCmd(args, &b)
		return b.String(), err
	}
	if _, err := run("init", "-ca", dir); err == nil || !strings.Contains(err.Error(), "-host is required") {
		t.Fatalf("init without -host: %v", err)
	}
	if _, err := run("issue", "wall-01"); err == nil || !strings.Contains(err.Error(), "-ca DIR is required") {
		t.Fatalf("issue without -ca: %v", err)
	}
	if msg, err := run("init", "-ca", dir, "-host", "station.local,192.168.1.10"); err != nil || !strings.Contains(msg, "station.local, localhost, 192.168.1.10, 127.0.0.1") {
		t.Fatalf("init: %v %s", err, msg)
	}
	if st, err := os.Stat(filepath.Join(dir, "ca.key")); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("ca.key: %v", err)
	}
	if _, err := run("issue", "wall-01", "booth-02", "-ca", dir); err != nil {
		t.Fatal(err)
	}
	if _, err := run("issue", "-ca", dir, "wall-01"); err == nil || !strings.Contains(err.Error(), "already has a certificate") {
		t.Fatalf("issued twice: %v", err)
	}
	if _, err := run("revoke", "-ca", dir, "-crl-to", station, "wall-01"); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(station); err != nil || !strings.Contains(string(b), "X509 CRL") {
		t.Fatalf("the station's CRL: %v", err)
	}
	msg, err := run("list", "-ca", dir)
	if err != nil || strings.Count(msg, "revoked") != 1 || strings.Count(msg, "valid") != 2 {
		t.Errorf("list:\n%s", msg)
	}
}
