package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"opinionwall/internal/ca"
	"opinionwall/kiosk"
	"opinionwall/kiosk/sqlite"
	"opinionwall/mqtt"
	"opinionwall/mqtt/broker"
)

// TestProvisionedKioskOverTLS: the station's CA end to end. `hub ca`'s CA
// on a USB stick issues the broker's certificate; `kioskctl provision -ca`
// gives a kiosk a bundle it connects with over ssl:// to the real embedded
// broker. A certificate from another CA is refused. `kioskctl revoke -ca
// -crl-to` puts the kiosk's serial in the CRL the running broker reads, and
// its next connection is refused, without restarting the broker.
func TestProvisionedKioskOverTLS(t *testing.T) {
	station, usb := t.TempDir(), filepath.Join(t.TempDir(), "owca")
	authority, err := ca.Init(usb, "test CA")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := authority.IssueServer([]string{"station.local", "127.0.0.1"}); err != nil {
		t.Fatal(err)
	}
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
	if err := dispatch(context.Background(), []string{"provision", "wall-01", "-number", "11", "-passwd", passwd, "-trust", station, "-o", out, "-ca", usb}, &strings.Builder{}); err != nil {
		t.Fatal(err)
	}
	// The station's TLS folder: what `hub ca init` says to copy, no ca.key.
	tlsDir := filepath.Join(station, "tls")
	os.Mkdir(tlsDir, 0o700)
	for _, f := range []string{"ca.crt", "ca.crl", "server.crt", "server.key"} {
		b, _ := os.ReadFile(filepath.Join(usb, f))
		os.WriteFile(filepath.Join(tlsDir, f), b, 0o600)
	}
	crl := filepath.Join(tlsDir, "ca.crl")
	conf, err := ca.ServerTLS(filepath.Join(tlsDir, "server.crt"), filepath.Join(tlsDir, "server.key"), filepath.Join(tlsDir, "ca.crt"), crl, func(err error) { t.Error(err) })
	if err != nil {
		t.Fatal(err)
	}
	users, err := mqtt.LoadCredentials(passwd)
	if err != nil {
		t.Fatal(err)
	}
	b := &broker.Broker{TLSAddr: "127.0.0.1:0", TLS: conf, Credentials: users}
	if err := b.Open(); err != nil {
		t.Fatal(err)
	}
	defer b.Close()

	bundle := filepath.Join(out, "wall-01", "etc", "opinionwall")
	pw, _ := os.ReadFile(filepath.Join(bundle, "broker.password"))
	connect := func(cert, key string) error {
		c, err := mqtt.TLSConfig(filepath.Join(bundle, "tls", "ca.crt"), cert, key)
		if err != nil {
			return err
		}
		cl := paho.NewClient(paho.NewClientOptions().AddBroker("ssl://" + b.TLSListenAddr()).SetClientID("wall-01").
			SetUsername("wall-01").SetPassword(strings.TrimSpace(string(pw))).SetTLSConfig(c).
			SetConnectTimeout(3 * time.Second).SetAutoReconnect(false))
		if err := mqtt.WaitToken(cl.Connect(), 5*time.Second, "connect"); err != nil {
			return err
		}
		cl.Disconnect(10)
		return nil
	}
	kioskCert, kioskKey := filepath.Join(bundle, "tls", "kiosk.crt"), filepath.Join(bundle, "tls", "kiosk.key")
	kioskRelay(t, bundle, b.TLSListenAddr())
	if err := connect(kioskCert, kioskKey); err != nil {
		t.Fatalf("the provisioned kiosk over ssl://: %v", err)
	}

	// Another CA's certificate for the same name, with the right password.
	other, err := ca.Init(filepath.Join(t.TempDir(), "other"), "another CA")
	if err != nil {
		t.Fatal(err)
	}
	forged, err := other.IssueKiosk("wall-01", false)
	if err != nil {
		t.Fatal(err)
	}
	if err := connect(forged.Cert, forged.Key); err == nil {
		t.Error("a certificate from another CA connected")
	}

	// kioskctl revoke takes the kiosk out of the password file and, with
	// -ca, puts its certificate's serial into the station's CRL. The
	// running broker still holds the password in memory (a restart would
	// drop it): the certificate alone must shut the kiosk out.
	if err := dispatch(context.Background(), []string{"revoke", "wall-01", "-passwd", passwd, "-ca", usb, "-crl-to", crl}, &strings.Builder{}); err != nil {
		t.Fatal(err)
	}
	if err := connect(kioskCert, kioskKey); err == nil {
		t.Fatal("a revoked kiosk certificate connected to the running broker")
	}
}

// kioskRelay runs the kiosk's relay as cmd/kiosk does from the bundle's
// kiosk.env (its OW_TLS files and password, the host swapped for the test
// broker's address) and its trust directory, and waits for it to connect.
func kioskRelay(t *testing.T, bundle, addr string) {
	t.Helper()
	env, err := os.ReadFile(filepath.Join(bundle, "kiosk.env"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, line := range strings.Split(string(env), "\n") {
		if v, ok := strings.CutPrefix(line, "OW_TLS="); ok {
			f := strings.Fields(v)
			for i := 0; i+1 < len(f); i += 2 {
				files[f[i]] = strings.Replace(f[i+1], "/etc/opinionwall", bundle, 1)
			}
		}
	}
	if !strings.Contains(string(env), "OW_BROKER=ssl://") || len(files) != 3 {
		t.Fatalf("kiosk.env: %s", env)
	}
	conn, err := mqtt.ConnFromFiles("ssl://"+addr, "wall-01", mqtt.ConnFiles{Password: filepath.Join(bundle, "broker.password"),
		CA: files["-tls-ca"], Cert: files["-tls-cert"], Key: files["-tls-key"]})
	if err != nil {
		t.Fatal(err)
	}
	trust, err := mqtt.LoadTrust(filepath.Join(bundle, "trust"))
	if err != nil {
		t.Fatal(err)
	}
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "kiosk.db"))
	db.Tickets, _ = kiosk.NewTicketCodec(11, "wall-01")
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	r := &mqtt.Relay{Conn: conn, Kiosk: "wall-01", Outbox: db, Trust: trust, MinBackoff: 50 * time.Millisecond}
	if err := r.Open(); err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if !waitUntil(10*time.Second, func() bool { return r.Stats().Subscribed }) {
		t.Fatalf("the kiosk's relay did not connect over ssl:// with its bundle: %+v", r.Stats())
	}
}
