package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"opinionwall/kiosk"
	kiosksqlite "opinionwall/kiosk/sqlite"
	"opinionwall/mqtt"
	"opinionwall/mqtt/broker"
)

// TestRunWithEmbeddedBroker runs the hub as `hub run -headless` does, and a
// kiosk relay with a password from `hub passwd` and the key from `hub
// keygen`, then reads the submissions back with `hub export`.
func TestRunWithEmbeddedBroker(t *testing.T) {
	dir := t.TempDir()
	var out strings.Builder
	if err := keygenCmd([]string{"-dir", dir, "-name", "hub"}, &out); err != nil {
		t.Fatal(err)
	}
	pw := filepath.Join(dir, "passwd")
	if err := passwdCmd([]string{"-file", pw, "wall-01"}, strings.NewReader("kiosk-secret\n"), &out); err != nil {
		t.Fatal(err)
	}
	addr := startHeadless(t, filepath.Join(dir, "hub"), pw, filepath.Join(dir, "hub.key"))
	ctx := context.Background()

	var g kiosk.UUIDGen
	var subs []*kiosk.Submission
	for i := 0; i < 20; i++ {
		subs = append(subs, &kiosk.Submission{ID: g.New(time.Now()), Kiosk: "wall-01", Kind: kiosk.KindRating, CreatedAt: time.Now(), ClockSynced: true,
			Body: kiosk.Body{Topic: "station", Rating: kiosk.RatingSatisfied, Lang: "zh", Channel: kiosk.ChannelButton}})
	}
	relayQueued(t, dir, addr, subs)
	var csv strings.Builder
	if err := exportCmd(ctx, []string{"-data", filepath.Join(dir, "hub"), "-format", "csv"}, nil, &csv); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(csv.String(), ",wall-01,"); n != 20 {
		t.Errorf("export has %d rows of wall-01:\n%s", n, csv.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "hub", "hub.db")); err != nil {
		t.Error(err)
	}
}

// startHeadless runs `hub run -headless` with its embedded broker on a free
// loopback port until the test ends, and returns the port's address.
func startHeadless(t *testing.T, data, passwd, key string, more ...string) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- runCmd(ctx, append([]string{"-headless", "-data", data, "-credentials", passwd, "-key", key, "-listen", addr}, more...))
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("hub run: %v", err)
		}
	})
	return addr
}

// TestRunWithExternalBroker runs the hub against a broker it did not start
// (-broker), as a station with mosquitto does, with the hub's own user.
func TestRunWithExternalBroker(t *testing.T) {
	dir := t.TempDir()
	var out strings.Builder
	if err := keygenCmd([]string{"-dir", dir, "-name", "hub"}, &out); err != nil {
		t.Fatal(err)
	}
	creds := &mqtt.Credentials{}
	creds.Set(mqtt.UserHub, "hub-secret")
	creds.Set("wall-01", "kiosk-secret")
	b := &broker.Broker{Addr: "127.0.0.1:0", Credentials: creds}
	if err := b.Open(); err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	passFile := filepath.Join(dir, "hub.pass")
	os.WriteFile(passFile, []byte("hub-secret\n"), 0o600)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- runCmd(ctx, []string{"-headless", "-data", filepath.Join(dir, "hub"), "-key", filepath.Join(dir, "hub.key"),
			"-broker", "tcp://" + b.ListenAddr(), "-broker-user", mqtt.UserHub, "-broker-password-file", passFile})
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("hub run: %v", err)
		}
	}()
	db := kioskWithRating(t, dir, 12)
	trust, _ := mqtt.LoadTrust(dir)
	r := &mqtt.Relay{Conn: mqtt.Conn{Broker: "tcp://" + b.ListenAddr(), Username: "wall-01", Password: "kiosk-secret"},
		Kiosk: "wall-01", Outbox: db, Trust: trust, MinBackoff: 50 * time.Millisecond}
	if err := r.Open(); err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	waitFor(t, 30*time.Second, func() bool { st, _ := db.Status(ctx); return st.Acked == 1 },
		func() string { return fmt.Sprintf("not acked through the external broker: %+v", r.Stats()) })
}

// TestMainClosesWhatItOpened: a run that fails half way (no password file
// for the embedded broker) has opened the store, the retention job and the
// projector, and nothing after them; Close closes them.
func TestMainClosesWhatItOpened(t *testing.T) {
	dir := t.TempDir()
	var out strings.Builder
	if err := keygenCmd([]string{"-dir", dir, "-name", "hub"}, &out); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "hub")
	m := NewMain()
	if err := m.ParseFlags([]string{"-headless", "-data", data, "-key", filepath.Join(dir, "hub.key"),
		"-credentials", filepath.Join(dir, "missing"), "-listen", "127.0.0.1:0"}); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(context.Background()); err == nil {
		t.Fatal("ran without a password file")
	}
	if n := len(m.parts); n != 3 {
		t.Errorf("%d parts open after the failure, want the store, the retention job and the projector", n)
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	if len(m.parts) != 0 {
		t.Errorf("%d parts left after Close", len(m.parts))
	}
}

// Each hub sharing the work has its own client id: asked for, or made of
// the host's name; one hub alone keeps ow-hub.
func TestHubClientID(t *testing.T) {
	host := func() (string, error) { return "station-2", nil }
	for _, c := range []struct {
		asked  string
		shared bool
		want   string
	}{{"", false, "ow-hub"}, {"", true, "ow-hub-station-2"}, {"ow-hub-b", true, "ow-hub-b"}, {"ow-hub-b", false, "ow-hub-b"}} {
		if got := hubClientID(c.asked, c.shared, host); got != c.want {
			t.Errorf("hubClientID(%q, %v) = %q, want %q", c.asked, c.shared, got, c.want)
		}
	}
	if got := hubClientID("", true, func() (string, error) { return "", os.ErrNotExist }); got != "ow-hub" {
		t.Errorf("without a host name: %q", got)
	}
}

// kioskWithRating is kiosk wall-01's store (under dir/kiosk, its number
// given) with one rating submitted, closed at the test's end.
func kioskWithRating(t *testing.T, dir string, number int) *kiosksqlite.DB {
	t.Helper()
	db := kiosksqlite.NewDB(filepath.Join(dir, "kiosk", "kiosk.db"))
	db.Tickets, _ = kiosk.NewTicketCodec(number, "wall-01")
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	var g kiosk.UUIDGen
	s := &kiosk.Submission{ID: g.New(time.Now()), Kiosk: "wall-01", Kind: kiosk.KindRating, CreatedAt: time.Now(), ClockSynced: true,
		Body: kiosk.Body{Topic: "station", Rating: kiosk.RatingSatisfied, Lang: "zh", Channel: kiosk.ChannelButton}}
	if err := db.Submit(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	return db
}
