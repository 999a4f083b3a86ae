package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"opinionwall/hub"
	"opinionwall/hub/deskapi"
	"opinionwall/hub/open311"
	hubsqlite "opinionwall/hub/sqlite"
	"opinionwall/mqtt"
	"opinionwall/mqtt/broker"
	"opinionwall/mqtt/hubside"
)

// runCmd is `hub run`.
func runCmd(ctx context.Context, args []string) error {
	m := NewMain()
	if err := m.ParseFlags(args); err != nil {
		return err
	}
	err := m.Run(ctx)
	if cerr := m.Close(); err == nil {
		err = cerr
	}
	return err
}

// runConfig is what `hub run`'s flags set.
type runConfig struct {
	data, credentials, key                string
	db                                    string // the store: DATA/hub.db, or a PostgreSQL URL
	listen, tlsListen, tlsCert, tlsKey    string
	tlsCA, tlsCRL                         string
	brokerURL, brokerUser, brokerPassFile string
	brokerCA, brokerCert, brokerKey       string
	headless, shared                      bool
	clientID                              string // the ingest's MQTT client id; see hubClientID
	kiosks                                string // the kiosk number registry (kioskctl provision)
	exportDir, releases, releasesAddr     string
	deskSocket                            string
	open311Listen, open311Jurisdiction    string        // Open311 GeoReport v2 (docs/OPEN311.md)
	open311Poll                           time.Duration // how often bodies' requests are polled
	retentionDays                         int
	voiceRetention                        time.Duration
	opsPub                                string       // the operations public key voice packs are checked with
	studio                                studioConfig // the window's 语音包 screen: its microphone, folder, key
	web                                   webConfig
}

// part is a long-lived piece of the hub: Open starts it, Close stops it
// and waits for it.
type part interface {
	Open() error
	Close() error
}

// Main is the station's service: the store and the projector beside it,
// the embedded broker (or a connection to an external one), the ingest,
// the downlink, the polls' clock and, with a display, the review app.
// Parts are opened in order and closed in reverse.
type Main struct {
	Config runConfig
	Log    *slog.Logger

	parts  []part // opened so far
	db     *hubsqlite.DB
	desk   *desk
	broker *broker.Broker // nil with an external broker
	ingest *hubside.Ingest
	fleet  int // kiosk users in the embedded broker's password file
}

// NewMain returns a Main that logs to standard error.
func NewMain() *Main {
	return &Main{Log: slog.New(slog.NewTextHandler(os.Stderr, nil))}
}

// ParseFlags reads `hub run`'s flags.
func (m *Main) ParseFlags(args []string) error {
	c := &m.Config
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.StringVar(&c.data, "data", "/var/lib/opinionwall-hub", "data directory (the station's store lives here)")
	fs.StringVar(&c.db, "db", "", dbUsage)
	fs.StringVar(&c.credentials, "credentials", "/etc/opinionwall/passwd", "broker users, mosquitto password file format")
	fs.StringVar(&c.key, "key", "/etc/opinionwall/hub.key", "ed25519 private key that signs acks and other downstream messages")
	fs.StringVar(&c.listen, "listen", "127.0.0.1:1883", "embedded broker: plain MQTT listener address (loopback unless asked: kiosks use -tls-listen)")
	fs.StringVar(&c.tlsListen, "tls-listen", "", "embedded broker: TLS listener address (needs -tls-cert and -tls-key)")
	fs.StringVar(&c.tlsCert, "tls-cert", "", "embedded broker: TLS certificate file")
	fs.StringVar(&c.tlsKey, "tls-key", "", "embedded broker: TLS key file")
	fs.StringVar(&c.tlsCA, "tls-ca", "", "embedded broker: CA of the client certificates the TLS listener requires (each certificate's CN is its user)")
	fs.StringVar(&c.tlsCRL, "tls-crl", "", "embedded broker: certificate revocation list (PEM) of that CA")
	fs.StringVar(&c.brokerURL, "broker", "", "external broker URL (tcp://host:1883 or ssl://host:8883; a cluster's nodes comma-separated) instead of the embedded one")
	fs.StringVar(&c.brokerUser, "broker-user", mqtt.UserHub, "external broker: user name")
	fs.StringVar(&c.brokerPassFile, "broker-password-file", "", "external broker: file holding the password")
	fs.StringVar(&c.brokerCA, "broker-ca", "", "external broker: CA file for ssl://")
	fs.StringVar(&c.brokerCert, "broker-cert", "", "external broker: the hub's client certificate (CN hub), with -broker-key, for a broker that maps certificates to users (nats-server, docs/OPERATIONS.md)")
	fs.StringVar(&c.brokerKey, "broker-key", "", "external broker: the key of -broker-cert")
	fs.BoolVar(&c.headless, "headless", false, "run as a service, without the review app's window")
	fs.StringVar(&c.exportDir, "export-dir", filepath.Join(os.Getenv("HOME"), "意见墙导出"), "where the review app saves ledgers and charts")
	fs.BoolVar(&c.shared, "shared", false, "subscribe through $share/ow-hub/ so several hubs share the work")
	fs.StringVar(&c.clientID, "client-id", "", "the hub's MQTT client id, one per hub sharing the work: ow-hub-NAME (default ow-hub; with -shared ow-hub-HOSTNAME)")
	fs.StringVar(&c.releases, "releases", "", "folder of kiosk releases (kiosk-VERSION) to serve for updates")
	fs.StringVar(&c.releasesAddr, "releases-listen", "127.0.0.1:8088", "HTTP address serving -releases (loopback unless asked)")
	fs.StringVar(&c.deskSocket, "desk-socket", "", "serve the review app's local API (hub app -socket) on this unix socket; the unit uses "+deskapi.DefaultSocket)
	fs.StringVar(&c.open311Listen, "open311-listen", "", "Open311 GeoReport v2 HTTP address (off when empty), under "+open311.Prefix)
	fs.StringVar(&c.open311Jurisdiction, "open311-jurisdiction", "", "Open311: this station's jurisdiction_id (requests naming another are refused)")
	fs.DurationVar(&c.open311Poll, "open311-poll", 5*time.Minute, "Open311: how often the bodies' requests 大事 went to are polled")
	fs.IntVar(&c.retentionDays, "retention-days", hub.DefaultRetentionDays, "erase residents' free text and contact details this many days after their case closes (daily; see hub purge)")
	fs.DurationVar(&c.voiceRetention, "voice-retention", hub.DefaultVoiceRetention, "how long voice messages' audio is kept; then it is purged (audited), the summary and transcript stay")
	fs.StringVar(&c.kiosks, "kiosks", "/etc/opinionwall/kiosks", "the kiosk number registry kioskctl provision keeps: each kiosk's tickets must carry its number")
	fs.StringVar(&c.opsPub, "ops-pub", "/etc/opinionwall/ops.pub", "operations public key: the voice packs leads send from the review app must be signed by it (none: no packs are sent)")
	c.studio.flags(fs)
	c.web.flags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if !c.headless && os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		m.Log.Warn("no display: running headless (the review app needs a desktop)")
		c.headless = true
	}
	return nil
}

// Run opens the parts in order, then runs until ctx ends or the review
// app's window closes. Close closes what Run opened, also after an error.
func (m *Main) Run(ctx context.Context) error {
	signer, err := loadSigner(m.Config.key)
	if err != nil {
		return err
	}
	if err := m.openStore(); err != nil {
		return err
	}
	conn, err := m.connection()
	if err != nil {
		return err
	}
	if m.Config.releases != "" {
		r := &releaseServer{Dir: m.Config.releases, Addr: m.Config.releasesAddr, Log: m.Log}
		if err := m.open(r); err != nil {
			return err
		}
	}
	if err := m.openMQTT(conn, signer); err != nil {
		return err
	}
	if m.Config.deskSocket != "" {
		api := &deskapi.Server{Desk: m.desk.desk, Checklist: m.desk.checklistJSON, Path: m.Config.deskSocket, Log: m.Log.With("part", "desk-api")}
		if err := m.open(api); err != nil {
			return err
		}
	}
	if err := m.openOpen311(); err != nil {
		return err
	}
	if err := m.openWeb(); err != nil {
		return err
	}
	m.Log.Info("hub running", "data", m.Config.data, "broker", conn.Broker, "signing_key", signer.KeyID(), "checklist", m.desk.desk.Checklist.String())
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if m.Config.headless {
		<-ctx.Done()
	} else {
		vp, closeAudio := m.Config.studio.voicePack(m.Log)
		defer closeAudio()
		m.desk.voicePack = vp
		m.desk.showWindow(ctx, cancel, m.Config.exportDir, m.Log)
	}
	return nil
}

// Close closes the parts in the reverse of their opening and returns the
// first error.
func (m *Main) Close() error {
	if m.ingest != nil {
		var bs broker.Stats
		if m.broker != nil {
			bs = m.broker.Stats()
		}
		m.Log.Info("hub stopping", "stats", fmt.Sprintf("%+v", m.ingest.Stats()), "broker", fmt.Sprintf("%+v", bs))
	}
	var first error
	for i := len(m.parts) - 1; i >= 0; i-- {
		if err := m.parts[i].Close(); err != nil && first == nil {
			first = err
		}
	}
	m.parts = nil
	return first
}

// open opens p and keeps it for Close.
func (m *Main) open(p part) error {
	if err := p.Open(); err != nil {
		return err
	}
	m.parts = append(m.parts, p)
	return nil
}

func loadSigner(path string) (*mqtt.Signer, error) {
	key, err := mqtt.LoadPrivateKey(path)
	if err != nil {
		return nil, fmt.Errorf("%w (make one with: hub keygen -dir %s)", err, filepath.Dir(path))
	}
	return mqtt.NewSigner(key), nil
}

// openStore opens the store, the desk over it and the projector beside it.
func (m *Main) openStore() error {
	m.db = hubsqlite.NewDB(storePath(m.Config.data, m.Config.db))
	// Cases are made in the ingest's own transactions: cheaper in all than
	// queueing them for the projector (docs/BENCHMARKS.md, "Making cases").
	// The projector makes those queued before (an older hub's queue).
	if err := m.open(m.db); err != nil {
		return err
	}
	if err := registerKiosks(context.Background(), m.db, m.Config.kiosks, m.Log); err != nil {
		return err
	}
	d, err := newDesk(m.Config.data, m.db)
	if err != nil {
		return err
	}
	m.desk = d
	if err := m.open(&retentionJob{Store: m.db, Days: m.Config.retentionDays, Log: m.Log.With("part", "retention")}); err != nil {
		return err
	}
	return m.open(&hubsqlite.Projector{DB: m.db, OnError: func(err error) { m.Log.Error("making cases", "err", err) }})
}

// connection opens the embedded broker, or reads how to reach an external
// one, and returns the hub's connection.
func (m *Main) connection() (mqtt.Conn, error) {
	if m.Config.brokerURL != "" {
		return m.externalBroker()
	}
	return m.embeddedBroker()
}

func (m *Main) embeddedBroker() (mqtt.Conn, error) {
	c := m.Config
	creds, err := mqtt.LoadCredentials(c.credentials)
	if err != nil {
		return mqtt.Conn{}, err
	}
	for _, u := range creds.Users() {
		if u != mqtt.UserHub && u != mqtt.UserOps {
			m.fleet++
		}
	}
	// The hub reaches its own broker over loopback with a password made
	// for this run and never written down.
	pass := randomPassword()
	if err := creds.Set(mqtt.UserHub, pass); err != nil {
		return mqtt.Conn{}, err
	}
	b := &broker.Broker{Addr: c.listen, Credentials: creds, Log: m.Log.With("part", "broker")}
	if c.tlsListen != "" {
		conf, err := brokerTLS(c.tlsCert, c.tlsKey, c.tlsCA, c.tlsCRL, func(err error) { m.Log.Error("revocation list", "err", err) })
		if err != nil {
			return mqtt.Conn{}, err
		}
		b.TLSAddr, b.TLS = c.tlsListen, conf
	}
	if err := m.open(b); err != nil {
		return mqtt.Conn{}, err
	}
	m.broker = b
	m.Log.Info("embedded broker listening", "addr", b.ListenAddr(), "tls", b.TLSListenAddr(), "users", len(creds.Users())-1)
	return mqtt.Conn{Broker: "tcp://" + loopback(b.ListenAddr()), Username: mqtt.UserHub, Password: pass}, nil
}

func (m *Main) externalBroker() (mqtt.Conn, error) {
	c := m.Config
	return mqtt.ConnFromFiles(c.brokerURL, c.brokerUser, mqtt.ConnFiles{Password: c.brokerPassFile, CA: c.brokerCA, Cert: c.brokerCert, Key: c.brokerKey})
}

// openMQTT opens the ingest, the downlink and the polls' clock.
func (m *Main) openMQTT(conn mqtt.Conn, signer *mqtt.Signer) error {
	conn.ClientID = hubClientID(m.Config.clientID, m.Config.shared, os.Hostname)
	in := &hubside.Ingest{Conn: conn, Store: m.db, Signer: signer, Shared: m.Config.shared, Log: m.Log.With("part", "ingest")}
	in.Pace.Fleet = m.fleet // the pace's budget is shared among the kiosks that may connect
	dl := &hubside.Downlink{Ingest: in, Store: m.db, Signer: signer, Log: m.Log.With("part", "downlink"), Leader: m.db}
	m.desk.desk.Notify = dl.Wake
	in.OnOnline = dl.KioskOnline // a kiosk back online gets its recent ticket updates again
	lk := &hubside.Lookups{Ingest: in, Store: m.db, Signer: signer, Log: m.Log.With("part", "lookups")}
	in.OnLookup = lk.Offer // kiosks ask about tickets other kiosks issued
	if err := m.open(lk); err != nil {
		return err
	}
	vo := &hubside.Voices{Ingest: in, Store: m.db, Signer: signer, Log: m.Log.With("part", "voices")}
	in.OnVoice = vo.Offer // booths' voice messages, in chunks
	if err := m.open(vo); err != nil {
		return err
	}
	if err := m.open(&voicePurge{Store: m.db, Retention: m.Config.voiceRetention, Log: m.Log.With("part", "voice-purge")}); err != nil {
		return err
	}
	if err := m.openVoicePacks(in); err != nil {
		return err
	}
	if err := m.open(in); err != nil {
		return err
	}
	m.ingest = in
	if m.broker != nil {
		// Kiosks' submissions straight into the ingest's queue, which holds
		// their PUBACKs back when full instead of the broker dropping them.
		m.broker.Attach(in)
	}
	if err := m.open(dl); err != nil {
		return err
	}
	return m.open(&pollClock{Polls: m.desk.desk, Figures: m.desk.desk, Log: m.Log.With("part", "polls")})
}

// hubClientID is the ingest's client id: the one asked for, else
// "ow-hub", or with -shared "ow-hub-HOSTNAME". Each hub sharing the work
// needs its own: a broker lets one client id connect at a time and closes
// the older connection, so hubs with the same id would take the
// connection from each other in turn.
func hubClientID(asked string, shared bool, hostname func() (string, error)) string {
	if asked != "" {
		return asked
	}
	if shared {
		if h, err := hostname(); err == nil && h != "" {
			return "ow-hub-" + h
		}
	}
	return "ow-hub"
}

// loopback turns a listener address such as "[::]:1883" into one to dial.
func loopback(addr string) string {
	if i := strings.LastIndex(addr, ":"); i >= 0 {
		host := addr[:i]
		if host == "" || host == "[::]" || host == "0.0.0.0" || host == "::" {
			return "127.0.0.1" + addr[i:]
		}
	}
	return addr
}

func randomPassword() string {
	b := make([]byte, 18)
	rand.Read(b)
	return hex.EncodeToString(b)
}
