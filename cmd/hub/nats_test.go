package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"opinionwall/internal/ca"
	"opinionwall/internal/freeport"
	"opinionwall/mqtt"
)

// TestRunOnNATS runs `hub run` against Debian's nats-server (the MQTT
// gateway with JetStream) as a district's hub does: its -broker list's
// first node is down, so it takes the second; it logs in with its
// certificate (-broker-cert, -broker-key; CN hub) and no password, under
// the users.conf `hub acl -nats` writes; a kiosk's submission is acked.
func TestRunOnNATS(t *testing.T) {
	bin, err := exec.LookPath("nats-server")
	if err != nil {
		t.Skip("nats-server is not installed (make deps installs it)")
	}
	dir := t.TempDir()
	var out strings.Builder
	if err := keygenCmd([]string{"-dir", dir, "-name", "hub"}, &out); err != nil {
		t.Fatal(err)
	}
	c, err := ca.Init(filepath.Join(dir, "ca"), "test CA")
	if err != nil {
		t.Fatal(err)
	}
	c.IssueServer([]string{"127.0.0.1"})
	for _, id := range []string{mqtt.UserHub, "wall-01"} {
		if _, err := c.IssueKiosk(id, false); err != nil {
			t.Fatal(err)
		}
	}
	reg := filepath.Join(dir, "kiosks")
	os.WriteFile(reg, []byte("wall-01 11\n"), 0o600)
	out.Reset()
	if err := aclCmd([]string{"-nats", "-kiosks", reg}, &out); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "users.conf"), []byte(out.String()), 0o600)
	mqttAddr, httpAddr := freeport.Addr(t), freeport.Addr(t)
	conf := fmt.Sprintf(`server_name: t1
listen: %s
http: %s
jetstream { store_dir: %q }
mqtt {
  listen: %s
  tls { ca_file: %q, cert_file: %q, key_file: %q, verify_and_map: true }
}
include "users.conf"
`, freeport.Addr(t), httpAddr, filepath.Join(dir, "js"), mqttAddr,
		filepath.Join(c.Dir, ca.CertFile), filepath.Join(c.Dir, ca.ServerName+".crt"), filepath.Join(c.Dir, ca.ServerName+".key"))
	os.WriteFile(filepath.Join(dir, "nats.conf"), []byte(conf), 0o600)
	var logs strings.Builder
	cmd := exec.Command(bin, "-c", filepath.Join(dir, "nats.conf"))
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() {
			t.Logf("nats-server log:\n%s", logs.String())
		}
	}()

	hubCrt, hubKey := c.KioskFiles(mqtt.UserHub)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- runCmd(ctx, []string{"-headless", "-data", filepath.Join(dir, "hub"), "-key", filepath.Join(dir, "hub.key"),
			"-broker", "ssl://" + freeport.Addr(t) + ",ssl://" + mqttAddr, "-broker-ca", filepath.Join(c.Dir, ca.CertFile),
			"-broker-cert", hubCrt, "-broker-key", hubKey})
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("hub run: %v", err)
		}
	}()
	db := kioskWithRating(t, dir, 11)
	trust, _ := mqtt.LoadTrust(dir)
	crt, key := c.KioskFiles("wall-01")
	conn, err := mqtt.ConnFromFiles("ssl://"+mqttAddr, "wall-01", mqtt.ConnFiles{CA: filepath.Join(c.Dir, ca.CertFile), Cert: crt, Key: key})
	if err != nil {
		t.Fatal(err)
	}
	r := &mqtt.Relay{Conn: conn, Kiosk: "wall-01", Outbox: db, Trust: trust, MinBackoff: 50 * time.Millisecond}
	if err := r.Open(); err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	waitFor(t, 60*time.Second, func() bool { st, _ := db.Status(ctx); return st.Acked == 1 },
		func() string { return fmt.Sprintf("not acked through nats-server: %+v", r.Stats()) })
}
