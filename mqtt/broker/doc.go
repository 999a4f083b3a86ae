// Package broker is the hub's embedded MQTT broker, on mochi-mqtt: users
// from a mosquitto-format password file (mqtt.Credentials), the ACL of the
// v1 protocol (mqtt.CanRead, mqtt.CanWrite), a plain TCP listener and an
// optional TLS one. Every user's client id is bound to it (a kiosk its own
// name, the hub ow-hub…, ops ow-ops…), and a will may only go to the
// user's own topics. A publish the ACL forbids, a retain flag the protocol
// does not allow there, or a publish over the user's rate is acknowledged
// and dropped, as mosquitto does for the ACL, so a kiosk's client does not
// resend it for ever.
//
// Limits (limits.go) keep clients from exhausting it: its own listener
// (listen.go) caps open connections, gives each a deadline for its
// CONNECT and reads the first packet's header itself, refusing anything
// but a small CONNECT before mochi allocates for it; mochi refuses packets
// over MaxPacketBytes and clients over MaxClients; failed logins are
// throttled per user name and per address (throttle.go). Stats counts what
// each turned away, and every warning says why and names the client or the
// address.
//
// An attached Intake (intake.go: the hub's ingest) takes kiosks' up
// messages in-process before the broker acknowledges them, and may make
// the kiosk wait; the broker then never acknowledges what it would drop on
// the way to a slow subscriber.
//
// Only the hub links this package; a station that runs mosquitto instead
// uses `hub acl` and `hub passwd` to configure it, and
// deploy/mosquitto/opinionwall.conf sets the limits mosquitto has.
package broker
