package broker

import (
	"bytes"
	"crypto/tls"
	"fmt"
	"io"
	"log/slog"
	"net"
	"sync/atomic"
	"time"

	mochi "github.com/mochi-mqtt/server/v2"
	"github.com/mochi-mqtt/server/v2/packets"

	"opinionwall/mqtt"
)

// Broker is the hub's embedded MQTT broker (mochi-mqtt): users from a
// password file, the ACL of DESIGN.md §4, a plain TCP listener and an
// optional TLS one, and the Limits that keep clients from exhausting it.
// Set the fields, then Open; Close stops it.
type Broker struct {
	Addr        string      // plain listener, e.g. ":1883"; "" for none
	TLSAddr     string      // TLS listener, e.g. ":8883"; "" for none
	TLS         *tls.Config // for TLSAddr
	Credentials *mqtt.Credentials
	Limits      Limits // zero fields take DefaultLimits
	Log         *slog.Logger
	Now         func() time.Time // for the login throttle and rate limits; time.Now if nil

	server    *mochi.Server
	tcp       *mochiListener
	tlsL      *mochiListener
	limits    Limits
	throttle  loginThrottle
	rates     buckets
	dropLog   logLimiter // at most a line per user and reason every 10 s
	denied    atomic.Int64
	refused   atomic.Int64
	throttled atomic.Int64
	limited   atomic.Int64
	retained  atomic.Int64
	turned    atomic.Int64
	intake    atomic.Pointer[intakeBox] // Attach
	taken     atomic.Int64
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
	if b.Now == nil {
		b.Now = time.Now
	}
	b.limits = b.Limits.withDefaults()
	b.throttle = loginThrottle{max: b.limits.LoginFailures, window: b.limits.LoginWindow}
	b.dropLog = logLimiter{interval: 10 * time.Second}
	caps := mochi.NewDefaultServerCapabilities()
	// Acks and ticket updates wait for a kiosk that is offline for days.
	caps.MaximumMessageExpiryInterval = 60 * 60 * 24 * 14
	caps.MaximumPacketSize = MaxPacketBytes
	caps.MaximumClients = b.limits.MaxClients
	s := mochi.New(&mochi.Options{Logger: log, Capabilities: caps})
	// fail stops what was started; the broker stays closed.
	fail := func(err error) error {
		s.Close()
		return err
	}
	if err := s.AddHook(&authHook{b: b}, nil); err != nil {
		return fail(fmt.Errorf("broker: %w", err))
	}
	if b.TLSAddr != "" && b.TLS == nil {
		return fail(fmt.Errorf("broker: TLS listener without certificate"))
	}
	if b.Addr != "" {
		l, err := b.listen("tcp", b.Addr, nil, log)
		if err != nil {
			return fail(err)
		}
		b.tcp = l
		if err := s.AddListener(l); err != nil {
			return fail(fmt.Errorf("broker: listen %s: %w", b.Addr, err))
		}
	}
	if b.TLSAddr != "" {
		l, err := b.listen("tls", b.TLSAddr, b.TLS, log)
		if err != nil {
			return fail(err)
		}
		b.tlsL = l
		if err := s.AddListener(l); err != nil {
			return fail(fmt.Errorf("broker: listen %s: %w", b.TLSAddr, err))
		}
	}
	if err := s.Serve(); err != nil {
		return fail(fmt.Errorf("broker: %w", err))
	}
	b.server = s
	return nil
}

// listen opens a listener guarded by the broker's connection limits.
func (b *Broker) listen(id, addr string, conf *tls.Config, log *slog.Logger) (*mochiListener, error) {
	raw, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("broker: listen %s: %w", addr, err)
	}
	g := &guardedListener{Listener: raw, tls: conf, maxConns: int64(b.limits.MaxConns),
		timeout: b.limits.ConnectTimeout, turned: &b.turned}
	return &mochiListener{id: id, l: g, log: log}, nil
}

// Close stops the broker and disconnects every client.
func (b *Broker) Close() error {
	if b.server == nil {
		return nil
	}
	s := b.server
	b.server = nil
	// Our listeners first: no connection is still being established when
	// mochi closes (its Close races with EstablishConnection).
	for _, l := range []*mochiListener{b.tcp, b.tlsL} {
		if l != nil {
			l.shutdown(5 * time.Second)
		}
	}
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
	Denied      int64 // publishes the ACL dropped
	Refused     int64 // logins refused: bad credentials, a client id not bound to the user, a will on a foreign topic, throttled
	Throttled   int64 // of Refused, logins refused because of earlier failures from the user or address
	RateLimited int64 // publishes dropped over the user's message or byte rate
	Retained    int64 // publishes dropped for a retain flag the protocol does not allow there
	Turned      int64 // connections closed before CONNECT: over the connection limit, not a small CONNECT first
	// SlowDropped counts messages the broker dropped for a subscriber too
	// slow to take them (mochi's messages_dropped), InflightDropped those
	// dropped from a client's in-flight store (inflight_dropped).
	SlowDropped, InflightDropped int64
	// Taken counts publishes the attached Intake took in-process.
	Taken int64
}

// Stats returns the broker's counters.
func (b *Broker) Stats() Stats {
	st := Stats{Denied: b.denied.Load(), Refused: b.refused.Load(), Throttled: b.throttled.Load(),
		RateLimited: b.limited.Load(), Retained: b.retained.Load(), Turned: b.turned.Load(),
		Taken: b.taken.Load()}
	if s := b.server; s != nil {
		info := s.Info.Clone()
		st.SlowDropped, st.InflightDropped = info.MessagesDropped, info.InflightDropped
	}
	return st
}

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
	b := h.b
	user := string(pk.Connect.Username)
	addr := remoteHost(cl.Net.Remote)
	now := b.Now()
	if b.throttle.blocked("user:"+user, now) || (addr != "" && b.throttle.blocked("addr:"+addr, now)) {
		b.refused.Add(1)
		b.throttled.Add(1)
		h.Log.Warn("login refused: too many failures", "user", user, "client", cl.ID, "remote", cl.Net.Remote)
		return false
	}
	reason := ""
	switch {
	case !b.Credentials.Check(user, string(pk.Connect.Password)):
		reason = "bad user name or password"
		b.throttle.fail("user:"+user, now)
		if addr != "" {
			b.throttle.fail("addr:"+addr, now)
		}
	case !clientIDAllowed(user, cl.ID):
		// A kiosk connects with its own id, the roles with theirs, so no
		// user can take over another's session.
		reason = "client id not bound to this user"
	case !certIdentityOK(cl, user):
		// Over TLS the client certificate names the user: kiosk A's
		// certificate does not log in with kiosk B's password.
		reason = "client certificate not issued to this user"
	case pk.Connect.WillFlag && !mqtt.CanWrite(user, pk.Connect.WillTopic):
		reason = "will on a topic the user may not write"
	}
	if reason != "" {
		b.refused.Add(1)
		h.Log.Warn("login refused: "+reason, "user", user, "client", cl.ID, "remote", cl.Net.Remote)
		return false
	}
	b.throttle.succeed("user:" + user)
	return true
}

// remoteHost is the address part of host:port, for the per-address login
// throttle; "" for the loopback, where the hub and the ops tools connect:
// a misconfigured tool there must not lock the hub out.
func remoteHost(remote string) string {
	h, _, err := net.SplitHostPort(remote)
	if err != nil {
		h = remote
	}
	if ip := net.ParseIP(h); ip != nil && ip.IsLoopback() {
		return ""
	}
	return h
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
	if cl.Net.Inline {
		return pk, nil
	}
	b := h.b
	user := string(cl.Properties.Username)
	drop := func(n *atomic.Int64, why string) (packets.Packet, error) {
		n.Add(1)
		if ok, held := b.dropLog.allow(user+" "+why, b.Now()); ok {
			h.Log.Warn("publish dropped: "+why, "user", user, "client", cl.ID, "topic", pk.TopicName,
				"bytes", len(pk.Payload), "more_not_logged", held)
		}
		return pk, packets.CodeSuccessIgnore
	}
	if !mqtt.CanWrite(user, pk.TopicName) {
		return drop(&b.denied, "denied by ACL")
	}
	if pk.FixedHeader.Retain && !canRetain(user, pk.TopicName, pk.Payload) {
		return drop(&b.retained, "retain flag not allowed on this topic")
	}
	// Dropped after the PUBACK: a kiosk resends what the hub has not
	// acknowledged after its ack timeout, so nothing is lost, only slowed.
	if !b.rates.take(user, b.limits.rateFor(user), len(pk.Payload)+len(pk.TopicName), b.Now()) {
		return drop(&b.limited, "over the user's rate")
	}
	// Before the PUBACK: a full intake holds the kiosk back here.
	if b.toIntake(pk) {
		return pk, packets.CodeSuccessIgnore
	}
	return pk, nil
}
