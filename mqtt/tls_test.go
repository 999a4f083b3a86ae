package mqtt_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"log/slog"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"opinionwall/mqtt"
	"opinionwall/mqtt/broker"
)

// testPKI makes a CA, a server certificate for 127.0.0.1 and a client
// certificate, as files.
type testPKI struct {
	dir                                      string
	caFile, srvCert, srvKey, cliCert, cliKey string
	pool                                     *x509.CertPool
}

func newPKI(t *testing.T) *testPKI {
	t.Helper()
	p := &testPKI{dir: t.TempDir()}
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Opinion Wall test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(caDER)
	p.pool = x509.NewCertPool()
	p.pool.AddCert(ca)
	p.caFile = p.write("ca.pem", "CERTIFICATE", caDER)
	leaf := func(name string, serial int64, usage x509.ExtKeyUsage, ips []net.IP) (string, string) {
		key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		tmpl := &x509.Certificate{SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: name},
			NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), ExtKeyUsage: []x509.ExtKeyUsage{usage}, IPAddresses: ips}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
		if err != nil {
			t.Fatal(err)
		}
		kb, _ := x509.MarshalECPrivateKey(key)
		return p.write(name+".pem", "CERTIFICATE", der), p.write(name+".key", "EC PRIVATE KEY", kb)
	}
	p.srvCert, p.srvKey = leaf("broker", 2, x509.ExtKeyUsageServerAuth, []net.IP{net.ParseIP("127.0.0.1")})
	p.cliCert, p.cliKey = leaf("wall-01", 3, x509.ExtKeyUsageClientAuth, nil)
	return p
}

func (p *testPKI) write(name, typ string, der []byte) string {
	path := filepath.Join(p.dir, name)
	os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600)
	return path
}

// The broker's TLS listener, requiring a client certificate from the
// station's CA; the kiosk checks the broker against the CA and shows its own.
func TestDrainOverMutualTLS(t *testing.T) {
	p := newPKI(t)
	w := newWorld(t, "wall-01")
	cert, err := tls.LoadX509KeyPair(p.srvCert, p.srvKey)
	if err != nil {
		t.Fatal(err)
	}
	b := &broker.Broker{Addr: "127.0.0.1:0", TLSAddr: "127.0.0.1:0", Credentials: w.creds,
		TLS: &tls.Config{Certificates: []tls.Certificate{cert}, ClientCAs: p.pool, ClientAuth: tls.RequireAndVerifyClientCert, MinVersion: tls.VersionTLS12}}
	if err := b.Open(); err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	w.startIngest("tcp://" + b.ListenAddr())

	k := w.newKiosk("wall-01", 11)
	k.submit(t, 100)
	clientTLS, err := mqtt.TLSConfig(p.caFile, p.cliCert, p.cliKey)
	if err != nil {
		t.Fatal(err)
	}
	w.startRelay(k, "ssl://"+b.TLSListenAddr(), func(r *mqtt.Relay) { r.TLS = clientTLS })
	eventually(t, 30*time.Second, func() bool { return k.acked(t) == 100 },
		func() string { return fmt.Sprintf("acked %d/100 over TLS: %+v", k.acked(t), k.relay.Stats()) })
	w.checkExactlyOnce(k)

	// Without a client certificate the broker refuses the TLS handshake.
	noCert, _ := mqtt.TLSConfig(p.caFile, "", "")
	k2 := w.newKiosk("wall-01", 11)
	failures := &logCounter{msg: "relay: cannot reach the broker"}
	r := &mqtt.Relay{Conn: mqtt.Conn{Broker: "ssl://" + b.TLSListenAddr(), Username: "wall-01", Password: password("wall-01"), TLS: noCert, ConnectTimeout: time.Second},
		Kiosk: "wall-01", Outbox: k2.db, Trust: w.trust, MinBackoff: 50 * time.Millisecond, MaxBackoff: 100 * time.Millisecond,
		Log: slog.New(failures)}
	if err := r.Open(); err != nil {
		t.Fatal(err)
	}
	eventually(t, 10*time.Second, func() bool { return failures.n.Load() >= 3 },
		func() string { return fmt.Sprintf("%d refused attempts", failures.n.Load()) })
	if st := r.Stats(); st.Connects != 0 {
		t.Errorf("connected without a client certificate: %+v", st)
	}
	r.Close()
}

func TestTLSConfigErrors(t *testing.T) {
	if _, err := mqtt.TLSConfig(filepath.Join(t.TempDir(), "none.pem"), "", ""); err == nil {
		t.Error("a missing CA file was accepted")
	}
	empty := filepath.Join(t.TempDir(), "empty.pem")
	os.WriteFile(empty, []byte("no certificate here"), 0o600)
	if _, err := mqtt.TLSConfig(empty, "", ""); err == nil {
		t.Error("a CA file without certificates was accepted")
	}
}

// logCounter is a log handler that counts the records saying msg.
type logCounter struct {
	msg string
	n   atomic.Int64
}

func (c *logCounter) Enabled(context.Context, slog.Level) bool { return true }
func (c *logCounter) WithAttrs([]slog.Attr) slog.Handler       { return c }
func (c *logCounter) WithGroup(string) slog.Handler            { return c }

func (c *logCounter) Handle(_ context.Context, r slog.Record) error {
	if r.Message == c.msg {
		c.n.Add(1)
	}
	return nil
}
