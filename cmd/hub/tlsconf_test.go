package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

type testCA struct {
	dir  string
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
	file string
}

func newTestCA(t *testing.T) *testCA {
	t.Helper()
	ca := &testCA{dir: t.TempDir()}
	ca.key, _ = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test CA"}, IsCA: true, BasicConstraintsValid: true,
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &ca.key.PublicKey, ca.key)
	if err != nil {
		t.Fatal(err)
	}
	ca.cert, _ = x509.ParseCertificate(der)
	ca.file = ca.write("ca.pem", "CERTIFICATE", der)
	return ca
}

func (ca *testCA) write(name, typ string, der []byte) string {
	p := filepath.Join(ca.dir, name)
	os.WriteFile(p, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600)
	return p
}

// issue returns a tls.Certificate for name with serial, and its files.
func (ca *testCA) issue(t *testing.T, name string, serial int64, usage x509.ExtKeyUsage) (tls.Certificate, string, string) {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: name}, ExtKeyUsage: []x509.ExtKeyUsage{usage},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		t.Fatal(err)
	}
	kb, _ := x509.MarshalECPrivateKey(key)
	cf, kf := ca.write(name+".pem", "CERTIFICATE", der), ca.write(name+".key", "EC PRIVATE KEY", kb)
	c, err := tls.LoadX509KeyPair(cf, kf)
	if err != nil {
		t.Fatal(err)
	}
	return c, cf, kf
}

// handshake runs a TLS handshake of a client showing cert (none when nil)
// against the server configuration.
func handshake(srv *tls.Config, ca *testCA, cert *tls.Certificate) error {
	a, b := net.Pipe()
	defer a.Close()
	defer b.Close()
	pool := x509.NewCertPool()
	pool.AddCert(ca.cert)
	cli := &tls.Config{RootCAs: pool, ServerName: "127.0.0.1"}
	if cert != nil {
		cli.Certificates = []tls.Certificate{*cert}
	}
	go func() {
		c := tls.Client(b, cli)
		c.Handshake()
		c.Read(make([]byte, 1)) // until the pipe closes
	}()
	return tls.Server(a, srv).Handshake()
}

// TestBrokerTLSRequiresClientCertificates: the embedded broker's TLS
// listener used to take any client (no ClientAuth); it now needs -tls-ca,
// refuses a client without a certificate, and refuses a revoked one.
func TestBrokerTLSRequiresClientCertificates(t *testing.T) {
	ca := newTestCA(t)
	_, srvCert, srvKey := ca.issue(t, "broker", 2, x509.ExtKeyUsageServerAuth)
	good, _, _ := ca.issue(t, "wall-01", 3, x509.ExtKeyUsageClientAuth)
	gone, _, _ := ca.issue(t, "wall-02", 4, x509.ExtKeyUsageClientAuth)
	if _, err := brokerTLS(srvCert, srvKey, "", "", nil); err == nil || !strings.Contains(err.Error(), "-tls-ca is required") {
		t.Fatalf("no CA: %v", err)
	}
	crlDER, err := x509.CreateRevocationList(rand.Reader, &x509.RevocationList{Number: big.NewInt(1), ThisUpdate: time.Now(), NextUpdate: time.Now().Add(time.Hour),
		RevokedCertificateEntries: []x509.RevocationListEntry{{SerialNumber: big.NewInt(4), RevocationTime: time.Now()}}}, ca.cert, ca.key)
	if err != nil {
		t.Fatal(err)
	}
	conf, err := brokerTLS(srvCert, srvKey, ca.file, ca.write("ca.crl", "X509 CRL", crlDER), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := handshake(conf, ca, &good); err != nil {
		t.Errorf("wall-01's certificate: %v", err)
	}
	if err := handshake(conf, ca, nil); err == nil {
		t.Error("a client without a certificate was accepted")
	}
	if err := handshake(conf, ca, &gone); err == nil || !strings.Contains(err.Error(), "revoked") {
		t.Errorf("a revoked certificate: %v", err)
	}
}

// TestReleasesWithoutListing: the release server serves kiosk-VERSION files
// and lists no folder.
func TestReleasesWithoutListing(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "kiosk-1.1"), []byte("binary"), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("private"), 0o644)
	h := http.StripPrefix("/releases/", noListing(http.FileServer(http.Dir(dir))))
	for path, want := range map[string]int{"/releases/kiosk-1.1": 200, "/releases/": 404, "/releases/notes.txt": 404, "/releases/x/": 404} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != want || strings.Contains(rec.Body.String(), "kiosk-1.1\"") {
			t.Errorf("GET %s: %d %q, want %d", path, rec.Code, rec.Body.String(), want)
		}
	}
}
