package main

import (
	"flag"
	"path/filepath"
	"testing"

	"opinionwall/internal/ca"
)

// TestOpsPresentsItsCertificate: -tls-cert and -tls-key give the ops
// tools a client certificate, which a broker that maps certificates to
// users (a district's nats-server) needs; a missing key file is an error.
func TestOpsPresentsItsCertificate(t *testing.T) {
	dir := t.TempDir()
	c, err := ca.Init(dir, "test CA")
	if err != nil {
		t.Fatal(err)
	}
	is, err := c.IssueKiosk("ops", false)
	if err != nil {
		t.Fatal(err)
	}
	var cm common
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	cm.register(fs)
	args := []string{"-broker", "ssl://127.0.0.1:8883,ssl://127.0.0.2:8883", "-tls-ca", filepath.Join(dir, ca.CertFile), "-tls-cert", is.Cert, "-tls-key", is.Key}
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	o, err := cm.ops(false)
	if err != nil {
		t.Fatal(err)
	}
	if o.Conn.TLS == nil || len(o.Conn.TLS.Certificates) != 1 {
		t.Fatalf("no client certificate in %+v", o.Conn.TLS)
	}
	cm.tlsKey = filepath.Join(dir, "missing.key")
	if _, err := cm.ops(false); err == nil {
		t.Error("a missing key file was not an error")
	}
}
