package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"opinionwall/hub/web"
	"opinionwall/internal/freeport"
)

// `hub run -web-listen` serves the parts asked for and nothing else, and
// mounts the handlers other parts registered in webMounts.
func TestRunServesTheWebPartsAskedFor(t *testing.T) {
	dir := t.TempDir()
	var out strings.Builder
	if err := keygenCmd([]string{"-dir", dir, "-name", "hub"}, &out); err != nil {
		t.Fatal(err)
	}
	mounted := false
	webMounts = append(webMounts, func(_ *Main, s *web.Server) error {
		mounted = true
		return s.Mount("GET /open311/v2/ping", http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "pong") }))
	})
	defer func() { webMounts = webMounts[:len(webMounts)-1] }()
	addr := freeport.Addr(t)
	m := NewMain()
	if err := m.ParseFlags([]string{"-headless", "-data", filepath.Join(dir, "hub"), "-key", filepath.Join(dir, "hub.key"),
		"-credentials", filepath.Join(dir, "passwd"), "-listen", "127.0.0.1:0", "-web-listen", addr, "-web-public", "-web-api"}); err != nil {
		t.Fatal(err)
	}
	if err := passwdCmd([]string{"-file", filepath.Join(dir, "passwd"), "wall-01"}, strings.NewReader("kiosk-secret\n"), &out); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx) }()
	waitFor(t, 10*time.Second, func() bool {
		c, err := net.Dial("tcp", addr)
		if err == nil {
			c.Close()
		}
		return err == nil
	}, func() string { return "no web server on " + addr })
	for path, want := range map[string]string{"/t/123456789": "404 回执查询", "/static/app.css": "200 ", "/login": "404 ", "/my": "404 ",
		"/open311/v2/ping": "200 pong"} {
		resp, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		code, text, _ := strings.Cut(want, " ")
		if got := fmt.Sprint(resp.StatusCode); got != code || !strings.Contains(string(b), text) {
			t.Errorf("%s: %s, want %s and %q", path, got, code, text)
		}
	}
	if !mounted {
		t.Error("webMounts not called")
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
}

// With -web-cert and -web-key the web server speaks TLS with the hub's
// certificate (a client trusting the station's CA connects; plain HTTP
// gets no page).
func TestWebServerTLS(t *testing.T) {
	ca := newTestCA(t)
	_, cf, kf := ca.issue(t, "hub", 7, x509.ExtKeyUsageServerAuth)
	w := &webServer{Addr: "127.0.0.1:0", Cert: cf, Key: kf, Log: NewMain().Log,
		Handler: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "ok") })}
	if err := w.Open(); err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	pool := x509.NewCertPool()
	pool.AddCert(ca.cert)
	c := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	resp, err := c.Get("https://" + w.ListenAddr() + "/")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != "ok" || resp.TLS == nil {
		t.Errorf("over TLS: %q", b)
	}
	if resp, err := http.Get("http://" + w.ListenAddr() + "/"); err == nil {
		resp.Body.Close()
		if resp.StatusCode == 200 {
			t.Error("plain HTTP served a page")
		}
	}
}
