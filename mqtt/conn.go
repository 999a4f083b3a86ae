package mqtt

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"os"
	"strings"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"
)

// Conn holds what a client needs to reach the broker.
type Conn struct {
	// Broker is tcp://host:1883 or ssl://host:8883, or a comma-separated
	// list of a cluster's nodes tried in order (docs/OPERATIONS.md,
	// "District deployment").
	Broker   string
	ClientID string
	Username string
	Password string
	TLS      *tls.Config // for ssl:// brokers; nil uses the system roots

	KeepAlive      time.Duration // default 30s
	ConnectTimeout time.Duration // default 10s
	WriteTimeout   time.Duration // default 10s
}

// ClientOptions are paho's options for this connection: MQTT 3.1.1, a
// persistent session, copied stored packets, the timeouts or their defaults.
func (c *Conn) ClientOptions() *paho.ClientOptions {
	o := paho.NewClientOptions()
	for _, b := range strings.Split(c.Broker, ",") {
		o.AddBroker(strings.TrimSpace(b))
	}
	o.SetClientID(c.ClientID)
	o.SetProtocolVersion(4) // MQTT 3.1.1; no silent fallback to 3.1
	o.SetUsername(c.Username)
	o.SetPassword(c.Password)
	if c.TLS != nil {
		o.SetTLSConfig(c.TLS)
	}
	o.SetKeepAlive(OrDefault(c.KeepAlive, 30*time.Second))
	o.SetPingTimeout(OrDefault(c.KeepAlive, 30*time.Second) / 2)
	o.SetConnectTimeout(OrDefault(c.ConnectTimeout, 10*time.Second))
	o.SetWriteTimeout(OrDefault(c.WriteTimeout, 10*time.Second))
	// Acks and ticket updates wait at the broker while the client is away.
	o.SetCleanSession(false)
	// Stored packets are copies, so resuming a session cannot race the writer.
	o.SetStore(newCopyStore())
	return o
}

func OrDefault(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

// TLSConfig builds a client TLS configuration from a CA file (empty for the
// system roots) and an optional client certificate and key.
func TLSConfig(caFile, certFile, keyFile string) (*tls.Config, error) {
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if caFile != "" {
		pem, err := os.ReadFile(caFile)
		if err != nil {
			return nil, fmt.Errorf("tls: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("tls: no certificate in %s", caFile)
		}
		cfg.RootCAs = pool
	}
	if certFile != "" || keyFile != "" {
		cert, err := tls.LoadX509KeyPair(certFile, keyFile)
		if err != nil {
			return nil, fmt.Errorf("tls: %w", err)
		}
		cfg.Certificates = []tls.Certificate{cert}
	}
	return cfg, nil
}

// WaitToken waits for a token at most d and returns its error, or a timeout error.
func WaitToken(t paho.Token, d time.Duration, what string) error {
	if !t.WaitTimeout(d) {
		return fmt.Errorf("%s: no answer within %s", what, d)
	}
	if err := t.Error(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// ConnFiles are the files a client's connection is configured from, as
// the commands' flags name them.
type ConnFiles struct {
	Password string // the broker password, one line; "" for none
	CA       string // the CA for ssl:// and tls:// brokers; "" for the system roots
	Cert     string // a client certificate, with Key, for mutual TLS
	Key      string
}

// ConnFromFiles is a connection to broker as user with the password read
// from its file and, for ssl:// and tls:// brokers, TLS from the CA and
// client certificate files.
func ConnFromFiles(broker, user string, f ConnFiles) (Conn, error) {
	conn := Conn{Broker: broker, Username: user}
	if f.Password != "" {
		p, err := os.ReadFile(f.Password)
		if err != nil {
			return conn, fmt.Errorf("broker password: %w", err)
		}
		conn.Password = strings.TrimSpace(string(p))
	}
	if strings.HasPrefix(broker, "ssl://") || strings.HasPrefix(broker, "tls://") {
		var err error
		if conn.TLS, err = TLSConfig(f.CA, f.Cert, f.Key); err != nil {
			return conn, err
		}
	}
	return conn, nil
}
