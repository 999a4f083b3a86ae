package main

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	hubsqlite "opinionwall/hub/sqlite"
	"opinionwall/mqtt"
	"opinionwall/mqtt/broker"
	"opinionwall/mqtt/hubside"
)

func runCmd(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	data := fs.String("data", "/var/lib/opinionwall-hub", "data directory (the station's store lives here)")
	credsPath := fs.String("credentials", "/etc/opinionwall/passwd", "broker users, mosquitto password file format")
	keyPath := fs.String("key", "/etc/opinionwall/hub.key", "ed25519 private key that signs acks and other downstream messages")
	listen := fs.String("listen", ":1883", "embedded broker: plain MQTT listener address")
	tlsListen := fs.String("tls-listen", "", "embedded broker: TLS listener address (needs -tls-cert and -tls-key)")
	tlsCert := fs.String("tls-cert", "", "embedded broker: TLS certificate file")
	tlsKey := fs.String("tls-key", "", "embedded broker: TLS key file")
	brokerURL := fs.String("broker", "", "external broker URL (tcp://host:1883 or ssl://host:8883) instead of the embedded one")
	brokerUser := fs.String("broker-user", mqtt.UserHub, "external broker: user name")
	brokerPassFile := fs.String("broker-password-file", "", "external broker: file holding the password")
	brokerCA := fs.String("broker-ca", "", "external broker: CA file for ssl://")
	headless := fs.Bool("headless", false, "run as a service, without the review app's window")
	exportDir := fs.String("export-dir", filepath.Join(os.Getenv("HOME"), "意见墙导出"), "where the review app saves ledgers and charts")
	shared := fs.Bool("shared", false, "subscribe through $share/ow-hub/ so several hubs share the work")
	releases := fs.String("releases", "", "folder of kiosk releases (kiosk-VERSION) to serve for updates")
	releasesAddr := fs.String("releases-listen", ":8088", "HTTP address serving -releases")
	if err := fs.Parse(args); err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if !*headless && os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		log.Warn("no display: running headless (the review app needs a desktop)")
		*headless = true
	}

	key, err := mqtt.LoadPrivateKey(*keyPath)
	if err != nil {
		return fmt.Errorf("%w (make one with: hub keygen -dir %s)", err, filepath.Dir(*keyPath))
	}
	signer := mqtt.NewSigner(key)

	db := hubsqlite.NewDB(filepath.Join(*data, "hub.db"))
	db.DeferCases = true // acks do not wait for the inbox: the projector below makes the cases
	if err := db.Open(); err != nil {
		return err
	}
	defer db.Close()
	st, err := newDesk(*data, db)
	if err != nil {
		return err
	}

	conn := mqtt.Conn{Broker: *brokerURL, Username: *brokerUser}
	if *brokerURL == "" {
		creds, err := mqtt.LoadCredentials(*credsPath)
		if err != nil {
			return err
		}
		// The hub reaches its own broker over loopback with a password made
		// for this run and never written down.
		pass := randomPassword()
		if err := creds.Set(mqtt.UserHub, pass); err != nil {
			return err
		}
		b := &broker.Broker{Addr: *listen, Credentials: creds, Log: log.With("part", "broker")}
		if *tlsListen != "" {
			cert, err := tls.LoadX509KeyPair(*tlsCert, *tlsKey)
			if err != nil {
				return fmt.Errorf("broker TLS: %w", err)
			}
			b.TLSAddr, b.TLS = *tlsListen, &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		}
		if err := b.Open(); err != nil {
			return err
		}
		defer b.Close()
		log.Info("embedded broker listening", "addr", b.ListenAddr(), "tls", *tlsListen, "users", len(creds.Users())-1)
		conn.Broker = "tcp://" + loopback(b.ListenAddr())
		conn.Username, conn.Password = mqtt.UserHub, pass
	} else {
		if *brokerPassFile != "" {
			p, err := os.ReadFile(*brokerPassFile)
			if err != nil {
				return fmt.Errorf("broker password: %w", err)
			}
			conn.Password = strings.TrimSpace(string(p))
		}
		if strings.HasPrefix(*brokerURL, "ssl://") || strings.HasPrefix(*brokerURL, "tls://") {
			if conn.TLS, err = mqtt.TLSConfig(*brokerCA, "", ""); err != nil {
				return err
			}
		}
	}

	if *releases != "" {
		srv := &http.Server{Addr: *releasesAddr, Handler: http.StripPrefix("/releases/", http.FileServer(http.Dir(*releases))), ReadHeaderTimeout: 10 * time.Second}
		go func() {
			if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
				log.Error("releases server", "err", err)
			}
		}()
		defer srv.Close()
		log.Info("serving kiosk releases", "folder", *releases, "url", "http://"+*releasesAddr+"/releases/")
	}
	in := &hubside.Ingest{Conn: conn, Store: db, Signer: signer, Shared: *shared, Log: log.With("part", "ingest")}
	dl := &hubside.Downlink{Ingest: in, Store: db, Signer: signer, Log: log.With("part", "downlink"),
		BeforeRound: func(ctx context.Context) {
			if _, err := st.desk.RefreshPolls(ctx); err != nil {
				log.Warn("polls snapshot", "err", err)
			}
		}}
	dl.Start()
	st.desk.Notify = dl.Wake
	in.OnOnline = dl.KioskOnline // a kiosk back online gets its recent ticket updates again
	if err := in.Open(); err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan struct{})
	go func() { defer close(done); dl.Run(ctx) }()
	projected := make(chan struct{})
	go func() {
		defer close(projected)
		db.RunProjector(ctx, func(err error) { log.Error("making cases", "err", err) })
	}()
	log.Info("hub running", "data", *data, "broker", conn.Broker, "signing_key", signer.KeyID(), "checklist", st.desk.Checklist.String())
	if *headless {
		<-ctx.Done()
	} else {
		st.showWindow(ctx, cancel, *exportDir, log)
	}
	cancel()
	<-done
	<-projected
	log.Info("hub stopping", "stats", fmt.Sprintf("%+v", in.Stats()))
	return in.Close()
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
