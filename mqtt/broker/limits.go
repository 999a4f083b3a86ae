package broker

import (
	"time"

	"opinionwall/mqtt"
)

// MaxPacketBytes is the largest MQTT packet the broker reads: the largest
// legitimate payload (a signed snapshot, mqtt.MaxSignedBytes) and room for
// the topic and the packet's headers. Anything larger is refused from its
// fixed header, before the broker allocates for it.
const MaxPacketBytes = mqtt.MaxSignedBytes + 64<<10

// MaxConnectBytes is the largest CONNECT packet: a user name, a password,
// a client id and a will of one StateMsg fit many times over. Until a
// client has authenticated it cannot make the broker hold more than this.
const MaxConnectBytes = 16 << 10

// Limits bound what clients can make the broker hold and do. The zero
// value of a field takes its default (DefaultLimits).
type Limits struct {
	MaxConns       int           // open TCP connections, authenticated or not
	MaxClients     int64         // authenticated MQTT clients
	ConnectTimeout time.Duration // from accept to a complete CONNECT

	// Rates per broker user: a kiosk's own; the hub's and ops's are higher
	// (the hub answers every kiosk and publishes 4 MiB snapshots).
	Kiosk, Hub, Ops Rate

	// Failed logins: after LoginFailures failures within LoginWindow from
	// one user name or one address, every login from it is refused until
	// the window has passed since the last failure.
	LoginFailures int
	LoginWindow   time.Duration
}

// Rate is a token bucket: Msgs messages and Bytes bytes a second, with
// bursts of MsgBurst and ByteBurst. ByteBurst is at least MaxPacketBytes
// for a user that publishes snapshots, so one legitimate message always
// fits.
type Rate struct {
	Msgs, MsgBurst   float64
	Bytes, ByteBurst float64
}

// DefaultLimits suit a station of up to a few hundred kiosks.
func DefaultLimits() Limits {
	return Limits{
		MaxConns:       1024,
		MaxClients:     512,
		ConnectTimeout: 10 * time.Second,
		// A kiosk sends telemetry every minute and drains its outbox in
		// windows of 32-submission messages after an outage: 10 messages a
		// second and 256 KiB/s after a burst of 100 messages and 4 MiB.
		Kiosk:         Rate{Msgs: 10, MsgBurst: 100, Bytes: 256 << 10, ByteBurst: 4 << 20},
		Hub:           Rate{Msgs: 50_000, MsgBurst: 100_000, Bytes: 256 << 20, ByteBurst: 512 << 20},
		Ops:           Rate{Msgs: 20, MsgBurst: 200, Bytes: 1 << 20, ByteBurst: 2 * MaxPacketBytes},
		LoginFailures: 5,
		LoginWindow:   time.Minute,
	}
}

// withDefaults fills the zero fields of l from DefaultLimits.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxConns == 0 {
		l.MaxConns = d.MaxConns
	}
	if l.MaxClients == 0 {
		l.MaxClients = d.MaxClients
	}
	if l.ConnectTimeout == 0 {
		l.ConnectTimeout = d.ConnectTimeout
	}
	if l.Kiosk == (Rate{}) {
		l.Kiosk = d.Kiosk
	}
	if l.Hub == (Rate{}) {
		l.Hub = d.Hub
	}
	if l.Ops == (Rate{}) {
		l.Ops = d.Ops
	}
	if l.LoginFailures == 0 {
		l.LoginFailures = d.LoginFailures
	}
	if l.LoginWindow == 0 {
		l.LoginWindow = d.LoginWindow
	}
	return l
}

// rateFor is the rate that applies to user.
func (l Limits) rateFor(user string) Rate {
	switch user {
	case mqtt.UserHub:
		return l.Hub
	case mqtt.UserOps:
		return l.Ops
	}
	return l.Kiosk
}
