package broker

import (
	"bytes"
	"crypto/tls"
	"fmt"
	"io"
	"log/slog"
	"sync/atomic"

	mochi "github.com/mochi-mqtt/server/v2"
	"github.com/mochi-mqtt/server/v2/listeners"
	"github.com/mochi-mqtt/server/v2/packets"

	"opinionwall/mqtt"
)

// Broker is the hub's embedded MQTT broker (mochi-mqtt): users from a
// password file, the ACL of DESIGN.md §4, a plain TCP listener and an
// optional TLS one. Set the fields, then Open; Close stops it.
type Broker struct {
	Addr        string      // plain listener, e.g. ":1883"; "" for none
	TLSAddr     string      // TLS listener, e.g. ":8883"; "" for none
	TLS         *tls.Config // for TLSAddr
	Credentials *mqtt.Credentials
	Log         *slog.Logger

	server  *mochi.Server
	tcp     *listeners.TCP
	tlsL    *listeners.TCP
	denied  atomic.Int64
	refused atomic.Int64
}

// Open starts the listeners.
func (b *Broker) Open() error {
	if b.Credentials == nil {
		return fmt.Errorf("broker: no credentials")
	}
	if b.Addr == "" && b.TLSAddr == "" {
		return fmt.Errorf("broker: no listener address")
	}
	log := b.Log
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	caps := mochi.NewDefaultServerCapabilities()
	// Acks and ticket updates wait for a kiosk that is offline for days.
	caps.MaximumMessageExpiryInterval = 60 * 60 * 24 * 14
	s := mochi.New(&mochi.Options{Logger: log, Capabilities: caps})
	// fail stops what was started; the broker stays closed.
	fail := func(err error) error {
		s.Close()
		return err
	}
	if err := s.AddHook(&authHook{b: b}, nil); err != nil {
		return fail(fmt.Errorf("broker: %w", err))
	}
	if b.Addr != "" {
		b.tcp = listeners.NewTCP(listeners.Config{ID: "tcp", Address: b.Addr})
		if err := s.AddListener(b.tcp); err != nil {
			return fail(fmt.Errorf("broker: listen %s: %w", b.Addr, err))
		}
	}
	if b.TLSAddr != "" {
		if b.TLS == nil {
			return fail(fmt.Errorf("broker: TLS listener without certificate"))
		}
		b.tlsL = listeners.NewTCP(listeners.Config{ID: "tls", Address: b.TLSAddr, TLSConfig: b.TLS})
		if err := s.AddListener(b.tlsL); err != nil {
			return fail(fmt.Errorf("broker: listen %s: %w", b.TLSAddr, err))
		}
	}
	if err := s.Serve(); err != nil {
		return fail(fmt.Errorf("broker: %w", err))
	}
	b.server = s
	return nil
}

// Close stops the broker and disconnects every client.
func (b *Broker) Close() error {
	if b.server == nil {
		return nil
	}
	s := b.server
	b.server = nil
	return s.Close()
}

// ListenAddr returns the plain listener's address (with the real port when
// Addr asked for port 0).
func (b *Broker) ListenAddr() string { return b.tcp.Address() }

// TLSListenAddr returns the TLS listener's address (with the real port
// when TLSAddr asked for port 0), or "" without a TLS listener.
func (b *Broker) TLSListenAddr() string {
	if b.tlsL == nil {
		return ""
	}
	return b.tlsL.Address()
}

// Stats counts what the broker turned away since Open.
type Stats struct {
	Denied  int64 // publishes the ACL dropped
	Refused int64 // connections refused: bad credentials, another kiosk's client id, a will on a foreign topic
}

// Stats returns the broker's counters.
func (b *Broker) Stats() Stats { return Stats{Denied: b.denied.Load(), Refused: b.refused.Load()} }

// authHook authenticates users and enforces the ACL.
type authHook struct {
	mochi.HookBase
	b *Broker
}

func (h *authHook) ID() string { return "opinionwall-auth" }

func (h *authHook) Provides(b byte) bool {
	return bytes.Contains([]byte{mochi.OnConnectAuthenticate, mochi.OnACLCheck, mochi.OnPublish}, []byte{b})
}

func (h *authHook) OnConnectAuthenticate(cl *mochi.Client, pk packets.Packet) bool {
	user := string(pk.Connect.Username)
	ok := h.b.Credentials.Check(user, string(pk.Connect.Password))
	// A kiosk connects with its own id as client id, so one kiosk cannot take
	// over another's session; and its will may only go to its own topics.
	if ok && user != mqtt.UserHub && user != mqtt.UserOps && cl.ID != user {
		ok = false
	}
	if ok && !certIdentityOK(cl, user) {
		ok = false
	}
	if ok && pk.Connect.WillFlag && !mqtt.CanWrite(user, pk.Connect.WillTopic) {
		ok = false
	}
	if !ok {
		h.b.refused.Add(1)
		h.Log.Warn("connection refused", "user", user, "client", cl.ID, "remote", cl.Net.Remote)
	}
	return ok
}

// OnACLCheck allows every publish here: mochi would disconnect an MQTT 3
// client on a denied publish, and paho would resend it on reconnect, for
// ever. Publishes are checked in OnPublish instead and dropped after the
// PUBACK, as mosquitto does. Subscriptions and deliveries are checked here.
func (h *authHook) OnACLCheck(cl *mochi.Client, topic string, write bool) bool {
	if write {
		return true
	}
	return mqtt.CanRead(string(cl.Properties.Username), topic)
}

func (h *authHook) OnPublish(cl *mochi.Client, pk packets.Packet) (packets.Packet, error) {
	if cl.Net.Inline || mqtt.CanWrite(string(cl.Properties.Username), pk.TopicName) {
		return pk, nil
	}
	h.b.denied.Add(1)
	h.Log.Warn("publish denied by ACL", "user", string(cl.Properties.Username), "topic", pk.TopicName)
	return pk, packets.CodeSuccessIgnore
}
