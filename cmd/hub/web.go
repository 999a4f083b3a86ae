package main

import (
	"crypto/rand"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"opinionwall/hub/web"
)

// webConfig is what the -web-* flags set.
type webConfig struct {
	listen, cert, key  string
	pages, api, public bool
	sessionKeyFile     string
	trustProxy         bool
	publicPerMinute    int
}

func (c *webConfig) flags(fs *flag.FlagSet) {
	fs.StringVar(&c.listen, "web-listen", "", "web server address (e.g. :8443); empty: no web server")
	fs.BoolVar(&c.pages, "web-pages", false, "serve the grid workers' pages")
	fs.BoolVar(&c.api, "web-api", false, "serve the API (Open311) under /open311/")
	fs.BoolVar(&c.public, "web-public", false, "serve the public status page /t/{code}")
	fs.StringVar(&c.cert, "web-cert", "", "web server: TLS certificate file (the hub's); empty: plain HTTP behind a TLS reverse proxy")
	fs.StringVar(&c.key, "web-key", "", "web server: TLS key file")
	fs.StringVar(&c.sessionKeyFile, "web-session-key", "", "file of the key signing web sessions (made on first use; default DATA/web-session.key)")
	fs.BoolVar(&c.trustProxy, "web-trust-proxy", false, "behind a reverse proxy: take the client's address from the last X-Forwarded-For entry (for the public page's rate limit)")
	fs.IntVar(&c.publicPerMinute, "web-public-rate", web.DefaultPublicPerMinute, "public page: requests a minute per client address (after a burst); -1: no limit")
}

// webMounts are the handlers other parts mount on the web server (each
// file adds its own in an init function).
var webMounts []func(m *Main, s *web.Server) error

// openWeb starts the web server when -web-listen is set.
func (m *Main) openWeb() error {
	c := m.Config.web
	if c.listen == "" {
		return nil
	}
	if (c.cert == "") != (c.key == "") {
		return errors.New("web: -web-cert and -web-key go together")
	}
	kf := c.sessionKeyFile
	if kf == "" {
		kf = filepath.Join(m.Config.data, "web-session.key")
	}
	key, err := sessionKey(kf)
	if err != nil {
		return err
	}
	s, err := web.New(web.Deps{Desk: m.desk.desk, Catalog: m.desk.catalog, SessionKey: key,
		Pages: c.pages, API: c.api, Public: c.public, TrustProxy: c.trustProxy, PublicPerMinute: c.publicPerMinute, Log: m.Log.With("part", "web")})
	if err != nil {
		return err
	}
	for _, mount := range webMounts {
		if err := mount(m, s); err != nil {
			return err
		}
	}
	return m.open(&webServer{Addr: c.listen, Cert: c.cert, Key: c.key, Handler: s, Log: m.Log.With("part", "web")})
}

// sessionKey reads the session key from path, making it on first use.
func sessionKey(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		b = make([]byte, 32)
		rand.Read(b)
		if err := os.WriteFile(path, b, 0o600); err != nil {
			return nil, fmt.Errorf("web session key: %w", err)
		}
		return b, nil
	}
	if err != nil {
		return nil, fmt.Errorf("web session key: %w", err)
	}
	if len(b) < 32 {
		return nil, fmt.Errorf("web session key %s: %d bytes, 32 are needed", path, len(b))
	}
	return b, nil
}

// webServer serves the web handler, over TLS when given a certificate.
type webServer struct {
	Addr, Cert, Key string
	Handler         http.Handler
	Log             *slog.Logger

	srv  *http.Server
	ln   net.Listener
	done chan struct{}
}

// Open listens and starts serving.
func (w *webServer) Open() error {
	ln, err := net.Listen("tcp", w.Addr)
	if err != nil {
		return fmt.Errorf("web: %w", err)
	}
	w.srv = &http.Server{Handler: w.Handler, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute, IdleTimeout: 2 * time.Minute}
	if w.Cert != "" {
		cert, err := tls.LoadX509KeyPair(w.Cert, w.Key)
		if err != nil {
			ln.Close()
			return fmt.Errorf("web TLS: %w", err)
		}
		w.srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		ln = tls.NewListener(ln, w.srv.TLSConfig)
	}
	w.ln, w.done = ln, make(chan struct{})
	go func() {
		defer close(w.done)
		if err := w.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			w.Log.Error("web server", "err", err)
		}
	}()
	w.Log.Info("web server listening", "addr", ln.Addr().String(), "tls", w.Cert != "")
	return nil
}

// ListenAddr is the address listened on.
func (w *webServer) ListenAddr() string { return w.ln.Addr().String() }

// Close stops serving and waits for the server to end.
func (w *webServer) Close() error {
	if w.srv == nil {
		return nil
	}
	err := w.srv.Close()
	<-w.done
	w.srv = nil
	return err
}
