// Package broker is the hub's embedded MQTT broker, on mochi-mqtt: users
// from a mosquitto-format password file (mqtt.Credentials), the ACL of the
// v1 protocol (mqtt.CanRead, mqtt.CanWrite), a plain TCP listener and an
// optional TLS one. A kiosk must connect with its own name as client id and
// may only leave a will on its own topics. A publish the ACL forbids is
// acknowledged and dropped, as mosquitto does, so a kiosk's client does not
// resend it for ever; Stats counts those and the refused connections.
//
// Only the hub links this package; a station that runs mosquitto instead
// uses `hub acl` and `hub passwd` to configure it.
package broker
