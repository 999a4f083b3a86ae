package broker

import (
	"crypto/tls"

	mochi "github.com/mochi-mqtt/server/v2"
)

// certIdentityOK reports whether a client on the TLS listener showed a
// certificate whose common name is the user it logs in as, so kiosk A's
// certificate with kiosk B's password is refused. Clients of the plaintext
// listener (loopback unless asked otherwise) have no certificate to check.
func certIdentityOK(cl *mochi.Client, user string) bool {
	conn := cl.Net.Conn
	if g, ok := conn.(*connectGuard); ok {
		conn = g.Conn // the guarded listener's wrapper around the TLS connection
	}
	c, ok := conn.(*tls.Conn)
	if !ok {
		return true
	}
	certs := c.ConnectionState().PeerCertificates
	return len(certs) > 0 && certs[0].Subject.CommonName == user
}
