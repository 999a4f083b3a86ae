package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"opinionwall/kiosk"
	"opinionwall/kiosk/ops"
	"opinionwall/kiosk/sqlite"
	"opinionwall/mqtt"
	"opinionwall/mqtt/broker"
)

// station is a broker, one kiosk with its relay and command handler, and
// the files kioskctl needs.
type station struct {
	dir, url  string
	db        *sqlite.DB
	display   *fakeDisplay
	relay     *mqtt.Relay
	flags     []string
	cfg       kiosk.Config
	live      *ops.LiveConfig
	announced string
	restarts  int
	broker    *broker.Broker
	ring      *ops.Ring
	handler   *ops.Handler
}

type fakeDisplay struct{ bright int }

func (d *fakeDisplay) SetBrightness(p int) error { d.bright = p; return nil }
func (d *fakeDisplay) SetPower(bool) error       { return nil }

func newStation(t *testing.T) *station {
	t.Helper()
	s := &station{dir: t.TempDir(), display: &fakeDisplay{bright: 100}}
	creds := &mqtt.Credentials{}
	creds.Set("wall-01", "kiosk-pass")
	creds.Set(mqtt.UserOps, "ops-pass")
	b := &broker.Broker{Addr: "127.0.0.1:0", Credentials: creds}
	if err := b.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	s.broker = b
	s.url = "tcp://" + b.ListenAddr()
	if _, err := mqtt.GenerateKey(s.dir, "ops"); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(s.dir, "ops.pass"), []byte("ops-pass\n"), 0o600)
	s.flags = []string{"-broker", s.url, "-password-file", filepath.Join(s.dir, "ops.pass"), "-key", filepath.Join(s.dir, "ops.key"), "-timeout", "10s"}
	s.db = sqlite.NewDB(filepath.Join(s.dir, "kiosk.db"))
	s.db.Tickets, _ = kiosk.NewTicketCodec(11, "wall-01")
	if err := s.db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.db.Close() })
	return s
}

// startKiosk starts the kiosk's relay with a command handler trusting the ops key.
func (s *station) startKiosk(t *testing.T) {
	t.Helper()
	trust, err := mqtt.LoadTrust(filepath.Join(s.dir, "ops.pub"))
	if err != nil {
		t.Fatal(err)
	}
	ring := ops.NewRing(100)
	ring.Write([]byte("kiosk started\nrelay connected\n"))
	s.ring = ring
	h := &ops.Handler{Kiosk: "wall-01", Nonces: s.db, Now: time.Now, MaxAge: time.Hour, ClockSynced: func() bool { return true }}
	ops.RegisterStandard(h, ops.Deps{Display: s.display, Logs: ring, Purge: s.db.DeleteDelivered,
		Status:     func(ctx context.Context) (any, error) { return s.db.Status(ctx) },
		Screenshot: func(context.Context) ([]byte, error) { return []byte("\x89PNG fake"), nil },
		Config:     func() any { return map[string]string{"id": "wall-01"} },
		Resend:     func(ctx context.Context) (int, error) { return s.db.Requeue(ctx, 0) },
		Announce:   func(t kiosk.Text, until time.Time) error { s.announced = t.Zh; return nil },
		SelfTest:   func(context.Context) (any, error) { return map[string]bool{"store": true}, nil },
		Restart:    func() error { s.restarts++; return nil }})
	s.handler = h
	s.cfg = kiosk.Defaults()
	s.cfg.Kiosk.ID, s.cfg.Kiosk.Number, s.cfg.Kiosk.AdminPIN = "wall-01", 11, "480731"
	s.live = &ops.LiveConfig{Cfg: &s.cfg, DB: s.db}
	s.relay = &mqtt.Relay{Conn: mqtt.Conn{Broker: s.url, Username: "wall-01", Password: "kiosk-pass"}, Kiosk: "wall-01",
		Outbox: s.db, Trust: trust, Commands: h, Config: s.live, ConfigVersion: s.live.Version, MinBackoff: 50 * time.Millisecond}
	if err := s.relay.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.relay.Close() })
	if !waitUntil(10*time.Second, func() bool { return s.relay.Stats().Subscribed }) {
		t.Fatal("the kiosk did not connect and subscribe within 10 s")
	}
}

// waitUntil checks cond every 10 ms until it holds (true) or timeout
// passes (false).
func waitUntil(timeout time.Duration, cond func() bool) bool {
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(timeout)
	for !cond() {
		select {
		case <-tick.C:
		case <-deadline:
			return cond()
		}
	}
	return true
}

func (s *station) ctl(t *testing.T, args ...string) (string, int) {
	t.Helper()
	var out strings.Builder
	sub, rest := args[:1], args[1:]
	if args[0] == "config" || args[0] == "voicepack" {
		sub, rest = args[:2], args[2:]
	}
	full := append(append([]string{}, sub...), append(append([]string{}, s.flags...), rest...)...)
	err := dispatch(context.Background(), full, &out)
	code := 0
	var ee *exitError
	if errors.As(err, &ee) {
		code = ee.code
	} else if err != nil {
		code = exitUsage
	}
	return out.String(), code
}

func TestCommandRoundTrips(t *testing.T) {
	s := newStation(t)
	s.startKiosk(t)
	out, code := s.ctl(t, "fleet")
	if code != 0 || !strings.Contains(out, "wall-01") || !strings.Contains(out, "online") {
		t.Fatalf("fleet (%d):\n%s", code, out)
	}
	out, code = s.ctl(t, "send", "wall-01", "display.set", `{"brightness":25}`)
	if code != 0 || !strings.Contains(out, "succeeded") || s.display.bright != 25 {
		t.Fatalf("display.set (%d), brightness %d:\n%s", code, s.display.bright, out)
	}
	out, code = s.ctl(t, "send", "-json", "wall-01", "status")
	var outs []mqtt.Outcome
	if code != 0 || json.Unmarshal([]byte(out), &outs) != nil || outs[0].Final != "succeeded" || !strings.Contains(string(outs[0].Results[1].Data), "Pending") {
		t.Fatalf("status (%d):\n%s", code, out)
	}
	out, code = s.ctl(t, "logs", "wall-01", "-n", "1")
	if code != 0 || strings.TrimSpace(out) != "relay connected" {
		t.Fatalf("logs (%d): %q", code, out)
	}
	png := filepath.Join(t.TempDir(), "shot.png")
	if out, code = s.ctl(t, "screenshot", "wall-01", "-o", png); code != 0 {
		t.Fatalf("screenshot (%d): %s", code, out)
	}
	if b, _ := os.ReadFile(png); string(b) != "\x89PNG fake" {
		t.Errorf("screenshot file %q", b)
	}
	for _, c := range []struct{ cmd, args, want string }{
		{"config.get", "", `"id":"wall-01"`},
		{"outbox.resend", "", `"requeued":0`},
		{"data.purge", `{"days":30}`, `"deleted":0`},
		{"announce", `{"zh":"明天上午停水","until":"2099-01-01T00:00:00Z"}`, "succeeded"},
		{"selftest", "", `"store":true`},
		{"restart", "", "restarting"},
	} {
		t.Run(c.cmd, func(t *testing.T) {
			args := []string{"send", "wall-01", c.cmd}
			if c.args != "" {
				args = append(args, c.args)
			}
			out, code := s.ctl(t, args...)
			if code != 0 || !strings.Contains(out, c.want) {
				t.Fatalf("%s (%d):\n%s", c.cmd, code, out)
			}
		})
	}
	if s.announced != "明天上午停水" || s.restarts != 1 {
		t.Errorf("announced %q, restarts %d", s.announced, s.restarts)
	}
	out, code = s.ctl(t, "send", "wall-01", "data.purge", `{"days":0}`)
	if code != exitRefused || !strings.Contains(out, "failed") || !strings.Contains(out, "at least 1") {
		t.Fatalf("bad arguments (%d):\n%s", code, out)
	}
	out, code = s.ctl(t, "send", "wall-01", "format.disk")
	if code != exitRefused || !strings.Contains(out, "rejected") {
		t.Fatalf("unknown command (%d):\n%s", code, out)
	}
	out, code = s.ctl(t, "send", "-all", "reboot")
	if code != exitRefused || !strings.Contains(out, "not available") {
		t.Fatalf("reboot on a kiosk without it (%d):\n%s", code, out)
	}
}

func TestForgedExpiredReplayedRefusedWithoutEffect(t *testing.T) {
	s := newStation(t)
	s.startKiosk(t)
	key, _ := mqtt.LoadPrivateKey(filepath.Join(s.dir, "ops.key"))
	o := &mqtt.Ops{Conn: mqtt.Conn{Broker: s.url, Username: mqtt.UserOps, Password: "ops-pass"}, Signer: mqtt.NewSigner(key)}
	_, forgerKey, _ := ed25519.GenerateKey(rand.Reader)
	forger := &mqtt.Ops{Signer: mqtt.NewSigner(forgerKey)}
	var replay []byte
	for _, tt := range []struct {
		name string
		mk   func(k string) (mqtt.Command, []byte, error)
		why  string
	}{
		{"forged", func(k string) (mqtt.Command, []byte, error) {
			return forger.NewCommand(k, "display.set", map[string]int{"brightness": 1}, time.Minute)
		}, "unknown key"},
		{"expired", func(k string) (mqtt.Command, []byte, error) {
			return o.NewCommand(k, "display.set", map[string]int{"brightness": 2}, -time.Minute)
		}, "expired"},
		{"wrong target", func(k string) (mqtt.Command, []byte, error) {
			c, _, _ := o.NewCommand("wall-02", "display.set", map[string]int{"brightness": 3}, time.Minute)
			c.CID = "wrong-target"
			b, err := o.Signer.Sign(mqtt.TypeCmd, mqtt.KioskTopic(k, mqtt.LeafCmd), c)
			return c, b, err
		}, "meant for kiosk"},
		{"first of a replay", func(k string) (mqtt.Command, []byte, error) {
			c, b, err := o.NewCommand(k, "display.set", map[string]int{"brightness": 70}, time.Minute)
			replay = b
			return c, b, err
		}, ""},
		{"replayed", func(k string) (mqtt.Command, []byte, error) {
			var c mqtt.Command
			var e mqtt.Envelope
			json.Unmarshal(replay, &e)
			json.Unmarshal(e.Payload, &c)
			return c, replay, nil
		}, "replayed"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before := s.display.bright
			oc := sendMade(t, s.url, tt.mk, 10*time.Second)
			if tt.why == "" {
				if oc.Final != mqtt.ResultSucceeded || s.display.bright != 70 {
					t.Fatalf("%s: %+v, brightness %d", tt.name, oc, s.display.bright)
				}
				return
			}
			if oc.Final != mqtt.ResultRejected || !strings.Contains(oc.Results[len(oc.Results)-1].Detail, tt.why) {
				t.Fatalf("%s: %+v", tt.name, oc)
			}
			if s.display.bright != before {
				t.Fatalf("%s: the command had an effect", tt.name)
			}
		})
	}
}

// sendMade publishes the command mk makes for wall-01, bytes as they are
// (forged, expired, replayed), as an ops client, and waits at most timeout
// for the kiosk's final result.
func sendMade(t *testing.T, url string, mk func(k string) (mqtt.Command, []byte, error), timeout time.Duration) mqtt.Outcome {
	t.Helper()
	cmd, payload, err := mk("wall-01")
	if err != nil {
		t.Fatal(err)
	}
	c := paho.NewClient(paho.NewClientOptions().AddBroker(url).SetClientID("ow-ops-forger").SetUsername(mqtt.UserOps).SetPassword("ops-pass").SetProtocolVersion(4))
	if tok := c.Connect(); !tok.WaitTimeout(5*time.Second) || tok.Error() != nil {
		t.Fatal(tok.Error())
	}
	defer c.Disconnect(50)
	final := make(chan struct{})
	oc := mqtt.Outcome{Kiosk: "wall-01", CID: cmd.CID}
	var mu sync.Mutex
	tok := c.Subscribe(mqtt.KioskTopic("wall-01", mqtt.LeafRes), 1, func(_ paho.Client, m paho.Message) {
		r, err := mqtt.DecodeResult(m.Payload())
		mu.Lock()
		defer mu.Unlock()
		if err != nil || r.CID != cmd.CID || oc.Final != "" {
			return
		}
		oc.Results = append(oc.Results, r)
		if r.Status == mqtt.ResultSucceeded || r.Status == mqtt.ResultFailed || r.Status == mqtt.ResultRejected {
			oc.Final = r.Status
			close(final)
		}
	})
	if !tok.WaitTimeout(5*time.Second) || tok.Error() != nil {
		t.Fatal(tok.Error())
	}
	if tok := c.Publish(mqtt.KioskTopic("wall-01", mqtt.LeafCmd), 1, false, payload); !tok.WaitTimeout(5*time.Second) || tok.Error() != nil {
		t.Fatal(tok.Error())
	}
	select {
	case <-final:
	case <-time.After(timeout):
	}
	mu.Lock()
	defer mu.Unlock()
	return oc
}

func TestRetainedCommandDropped(t *testing.T) {
	s := newStation(t)
	key, _ := mqtt.LoadPrivateKey(filepath.Join(s.dir, "ops.key"))
	o := &mqtt.Ops{Signer: mqtt.NewSigner(key)}
	cmd, payload, _ := o.NewCommand("wall-01", "display.set", map[string]int{"brightness": 5}, time.Minute)
	// Published retained while the kiosk is away: it would run at every connect.
	c := paho.NewClient(paho.NewClientOptions().AddBroker(s.url).SetClientID("ow-ops-test").SetUsername(mqtt.UserOps).SetPassword("ops-pass").SetProtocolVersion(4))
	if tok := c.Connect(); !tok.WaitTimeout(5*time.Second) || tok.Error() != nil {
		t.Fatal(tok.Error())
	}
	defer c.Disconnect(50)
	got := make(chan mqtt.ResultMsg, 4)
	c.Subscribe(mqtt.KioskTopic("wall-01", mqtt.LeafRes), 1, func(_ paho.Client, m paho.Message) {
		if r, err := mqtt.DecodeResult(m.Payload()); err == nil && r.CID == cmd.CID {
			got <- r
		}
	}).WaitTimeout(5 * time.Second)
	if tok := c.Publish(mqtt.KioskTopic("wall-01", mqtt.LeafCmd), 1, true, payload); !tok.WaitTimeout(5 * time.Second) {
		t.Fatal("publish")
	}
	// The broker drops a retained command (the kiosk would refuse it too,
	// kiosk/ops's handler test shows that).
	if n := s.broker.Stats().Retained; n != 1 {
		t.Errorf("broker dropped %d retained publishes, want 1", n)
	}
	s.startKiosk(t)
	select {
	case r := <-got:
		t.Fatalf("the kiosk received the retained command: %+v", r)
	case <-time.After(time.Second):
	}
	if s.display.bright != 100 {
		t.Fatal("the retained command had an effect")
	}
}

func TestUnreachableAndUsage(t *testing.T) {
	var out strings.Builder
	dir := t.TempDir()
	mqtt.GenerateKey(dir, "ops")
	err := dispatch(context.Background(), []string{"send", "-broker", "tcp://127.0.0.1:1", "-key", filepath.Join(dir, "ops.key"), "wall-01", "status"}, &out)
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != exitUnreachable {
		t.Fatalf("unreachable broker: %v", err)
	}
	if err := dispatch(context.Background(), []string{"send", "wall-01"}, &out); !errors.As(err, &ee) || ee.code != exitUsage {
		t.Fatalf("usage: %v", err)
	}
}

func TestConfigPush(t *testing.T) {
	s := newStation(t)
	s.startKiosk(t)
	file := filepath.Join(s.dir, "wall-01.toml")
	os.WriteFile(file, []byte("[kiosk]\nid = \"wall-01\"\nnumber = 11\nadmin_pin = \"480731\"\n[session]\nidle_timeout = \"2m\"\n"), 0o600)
	out, code := s.ctl(t, "config", "push", "wall-01", file, "-version", "7")
	if code != 0 || !strings.Contains(out, "succeeded") {
		t.Fatalf("push (%d):\n%s", code, out)
	}
	if s.live.Version() != 7 || s.cfg.Session.IdleTimeout.D() != 2*time.Minute {
		t.Fatalf("kiosk runs v%d with idle %v", s.live.Version(), s.cfg.Session.IdleTimeout.D())
	}
	// The state message says which version runs.
	out, _ = s.ctl(t, "fleet", "-json")
	if !strings.Contains(out, `"config_version":7`) {
		t.Errorf("fleet does not show the version:\n%s", out)
	}
	// An invalid value, signed and sent (kioskctl would refuse it itself):
	// the kiosk refuses it with the reason and keeps v7.
	key, _ := mqtt.LoadPrivateKey(filepath.Join(s.dir, "ops.key"))
	o := &mqtt.Ops{Conn: mqtt.Conn{Broker: s.url, Username: mqtt.UserOps, Password: "ops-pass"}, Signer: mqtt.NewSigner(key)}
	bad := s.cfg
	bad.Store.RetentionDays = 0
	raw, _ := json.Marshal(bad)
	oc, err := o.PushConfig(context.Background(), "wall-01", 8, raw, 10*time.Second)
	if err != nil || oc.Final != mqtt.ResultRejected || !strings.Contains(oc.Results[0].Detail, "store.retention_days") {
		t.Fatalf("invalid config: %+v %v", oc, err)
	}
	if s.live.Version() != 7 || s.cfg.Store.RetentionDays != 30 {
		t.Fatalf("the old configuration was not kept: v%d", s.live.Version())
	}
	// kioskctl refuses an invalid file before sending anything.
	os.WriteFile(file, []byte("[kiosk]\nid = \"wall-01\"\nnumber = 11\nadmin_pin = \"480731\"\n[store]\nretention_days = 0\n"), 0o600)
	if out, code := s.ctl(t, "config", "push", "wall-01", file); code == 0 || !strings.Contains(out+"", "") {
		t.Fatalf("an invalid file was pushed (%d): %s", code, out)
	}
}
