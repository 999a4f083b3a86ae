package mqtt_test

import (
	"crypto/tls"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"opinionwall/mqtt"
	"opinionwall/mqtt/broker"
)

// TestTLSCertificateBoundToUser: on the TLS listener a kiosk must log in as
// the name in its certificate. Someone holding kiosk wall-01's certificate
// and kiosk wall-02's password (a stolen card and a leaked password) is
// refused; wall-01's certificate with wall-01's password connects.
func TestTLSCertificateBoundToUser(t *testing.T) {
	p := newPKI(t) // its client certificate is wall-01's
	w := newWorld(t, "wall-01", "wall-02")
	cert, err := tls.LoadX509KeyPair(p.srvCert, p.srvKey)
	if err != nil {
		t.Fatal(err)
	}
	b := &broker.Broker{TLSAddr: "127.0.0.1:0", Credentials: w.creds,
		TLS: &tls.Config{Certificates: []tls.Certificate{cert}, ClientCAs: p.pool, ClientAuth: tls.RequireAndVerifyClientCert, MinVersion: tls.VersionTLS12}}
	if err := b.Open(); err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	clientTLS, err := mqtt.TLSConfig(p.caFile, p.cliCert, p.cliKey)
	if err != nil {
		t.Fatal(err)
	}
	relay := func(user string, log slog.Handler) *mqtt.Relay {
		k := w.newKiosk(user, 12)
		r := &mqtt.Relay{Conn: mqtt.Conn{Broker: "ssl://" + b.TLSListenAddr(), Username: user, Password: password(user), TLS: clientTLS, ConnectTimeout: time.Second},
			Kiosk: user, Outbox: k.db, Trust: w.trust, MinBackoff: 50 * time.Millisecond, MaxBackoff: 100 * time.Millisecond, Log: slog.New(log)}
		if err := r.Open(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { r.Close() })
		return r
	}
	failures := &logCounter{msg: "relay: cannot reach the broker"}
	thief := relay("wall-02", failures)
	eventually(t, 10*time.Second, func() bool { return failures.n.Load() >= 3 },
		func() string { return fmt.Sprintf("%d refused attempts", failures.n.Load()) })
	if st := thief.Stats(); st.Connects != 0 {
		t.Errorf("wall-01's certificate logged in as wall-02: %+v", st)
	}
	if b.Stats().Refused == 0 {
		t.Error("the broker counted no refused connection")
	}
	owner := relay("wall-01", &logCounter{})
	eventually(t, 10*time.Second, func() bool { return owner.Stats().Connects > 0 },
		func() string { return fmt.Sprintf("wall-01 with its own certificate: %+v", owner.Stats()) })
}
