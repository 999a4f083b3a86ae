package ca_test

import (
	"crypto/x509"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"opinionwall/internal/ca"
)

// TestIssueRevokeAndReload: kiosks' certificates chain to the CA with the
// kiosk id as CN; a second certificate for a kiosk needs -replace, which
// revokes the first; revocations reach a running Revocations when the CRL
// file changes; a broken or foreign CRL keeps the last good list.
func TestIssueRevokeAndReload(t *testing.T) {
	dir := t.TempDir()
	c, err := ca.Init(dir, "test CA")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ca.Init(dir, "again"); err == nil {
		t.Fatal("Init over an existing CA")
	}
	if st, _ := os.Stat(filepath.Join(dir, ca.KeyFile)); st.Mode().Perm() != 0o600 {
		t.Errorf("ca.key mode %v", st.Mode().Perm())
	}
	srv, err := c.IssueServer([]string{"station.local", "192.168.1.10"})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Leaf.VerifyHostname("192.168.1.10"); err != nil {
		t.Error(err)
	}
	if err := srv.Leaf.VerifyHostname("localhost"); err != nil {
		t.Error(err)
	}
	a, err := c.IssueKiosk("wall-01", false)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(c.Cert)
	if _, err := a.Leaf.Verify(x509.VerifyOptions{Roots: pool, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}}); err != nil || a.Leaf.Subject.CommonName != "wall-01" {
		t.Fatalf("kiosk certificate: %v %q", err, a.Leaf.Subject.CommonName)
	}
	if _, err := c.IssueKiosk("wall-01", false); !errors.Is(err, ca.ErrExists) {
		t.Fatalf("issued twice: %v", err)
	}
	if _, err := c.IssueKiosk("Wall 1", false); err == nil {
		t.Error("a bad id issued")
	}
	revs, err := ca.NewRevocations(filepath.Join(dir, ca.CRLFile), c.Cert)
	if err != nil {
		t.Fatal(err)
	}
	if revs.Revoked(a.Leaf) {
		t.Fatal("revoked before revocation")
	}
	b, err := c.IssueKiosk("wall-01", true)
	if err != nil {
		t.Fatal(err)
	}
	if !revs.Revoked(a.Leaf) || revs.Revoked(b.Leaf) {
		t.Fatal("-replace did not revoke the old certificate (or revoked the new)")
	}
	// A CRL of another CA, then garbage: the list stays.
	other, _ := ca.Init(t.TempDir(), "other")
	foreign, _ := os.ReadFile(filepath.Join(other.Dir, ca.CRLFile))
	var reported []string
	revs.OnError = func(err error) { reported = append(reported, err.Error()) }
	os.WriteFile(filepath.Join(dir, ca.CRLFile), foreign, 0o644)
	if !revs.Revoked(a.Leaf) {
		t.Error("a foreign CRL un-revoked a certificate")
	}
	os.WriteFile(filepath.Join(dir, ca.CRLFile), []byte("garbage, longer than before"), 0o644)
	if !revs.Revoked(a.Leaf) || len(reported) != 2 || !strings.Contains(reported[0], "not signed by the CA") {
		t.Errorf("broken CRLs: %q", reported)
	}
	if serial, err := c.Revoke("wall-01"); err != nil || serial != b.Leaf.SerialNumber.String() {
		t.Fatalf("revoke: %s %v", serial, err)
	}
	if !revs.Revoked(b.Leaf) {
		t.Error("revoked wall-01 is not on the list")
	}
	if _, err := os.Stat(b.Cert); err == nil {
		t.Error("a revoked kiosk's certificate stays in the folder")
	}
	// The station's copy (no ca.key) verifies but cannot issue.
	os.Remove(filepath.Join(dir, ca.KeyFile))
	ro, err := ca.Open(dir)
	if err != nil || ro.CanSign() {
		t.Fatalf("open without key: %v", err)
	}
	if _, err := ro.IssueKiosk("wall-02", false); err == nil || !strings.Contains(err.Error(), "has no ca.key") {
		t.Errorf("issue without the key: %v", err)
	}
	list, _ := c.List()
	if len(list) != 3 || list[0].Kind != ca.KindServer || !list[1].Revoked || !list[2].Revoked {
		t.Errorf("index: %+v", list)
	}
}
