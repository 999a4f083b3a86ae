package broker_test

import (
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"opinionwall/mqtt"
	"opinionwall/mqtt/broker"
)

// TestStatsCountRefusals: a login with a wrong password is refused and
// counted; a good one is not.
func TestStatsCountRefusals(t *testing.T) {
	creds := &mqtt.Credentials{}
	if err := creds.Set("wall-01", "pw-wall-01"); err != nil {
		t.Fatal(err)
	}
	b := &broker.Broker{Addr: "127.0.0.1:0", Credentials: creds}
	if err := b.Open(); err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if got := b.TLSListenAddr(); got != "" {
		t.Errorf("TLS address %q without a TLS listener", got)
	}
	for _, c := range []struct {
		name, password string
		ok             bool
	}{
		{"good password", "pw-wall-01", true},
		{"wrong password", "guess", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			o := paho.NewClientOptions().AddBroker("tcp://" + b.ListenAddr()).SetClientID("wall-01").
				SetUsername("wall-01").SetPassword(c.password).SetConnectTimeout(2 * time.Second).SetProtocolVersion(4)
			cl := paho.NewClient(o)
			tok := cl.Connect()
			if !tok.WaitTimeout(5 * time.Second) {
				t.Fatal("connect: timeout")
			}
			if ok := tok.Error() == nil; ok != c.ok {
				t.Errorf("connected %v, want %v (%v)", ok, c.ok, tok.Error())
			}
			if tok.Error() == nil {
				cl.Disconnect(50)
			}
		})
	}
	if st := b.Stats(); st.Refused != 1 || st.Denied != 0 {
		t.Errorf("stats %+v, want one refusal", st)
	}
}

// TestOpenNeedsCredentialsAndAListener: Open refuses what cannot work.
func TestOpenNeedsCredentialsAndAListener(t *testing.T) {
	for _, c := range []struct {
		name string
		b    *broker.Broker
	}{
		{"no credentials", &broker.Broker{Addr: "127.0.0.1:0"}},
		{"no listener", &broker.Broker{Credentials: &mqtt.Credentials{}}},
		{"TLS without a certificate", &broker.Broker{TLSAddr: "127.0.0.1:0", Credentials: &mqtt.Credentials{}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := c.b.Open(); err == nil {
				c.b.Close()
				t.Error("opened")
			}
		})
	}
}

// TestOpenOnATakenPort: a listener that cannot bind fails Open and leaves
// nothing running; Close after it is harmless.
func TestOpenOnATakenPort(t *testing.T) {
	first := &broker.Broker{Addr: "127.0.0.1:0", Credentials: &mqtt.Credentials{}}
	if err := first.Open(); err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	second := &broker.Broker{Addr: first.ListenAddr(), Credentials: &mqtt.Credentials{}}
	if err := second.Open(); err == nil {
		t.Fatal("two brokers on one port")
	}
	if err := second.Close(); err != nil {
		t.Errorf("close after a failed open: %v", err)
	}
}
