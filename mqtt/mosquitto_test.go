package mqtt_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"opinionwall/internal/freeport"
	"opinionwall/kiosk"
	"opinionwall/kiosk/ops"
	"opinionwall/mqtt"
)

// startMosquitto runs Debian's mosquitto on a free loopback port with a
// generated configuration, the world's password file and the v1 ACL.
func startMosquitto(t *testing.T, w *world) string {
	t.Helper()
	return startMosquittoWith(t, w, "")
}

// startMosquittoWith is startMosquitto with more lines of configuration.
func startMosquittoWith(t *testing.T, w *world, extra string) string {
	t.Helper()
	bin := mosquittoBin(t)
	dir := t.TempDir()
	addr := freeport.Addr(t)
	host, port, _ := net.SplitHostPort(addr)
	pw, acl := filepath.Join(dir, "passwd"), filepath.Join(dir, "acl")
	os.WriteFile(pw, w.creds.Bytes(), 0o600)
	os.WriteFile(acl, []byte(mqtt.MosquittoACL()), 0o600)
	conf := fmt.Sprintf(`user %s
per_listener_settings false
allow_anonymous false
password_file %s
acl_file %s
persistence false
listener %s %s
log_dest stderr
%s`, currentUser(t), pw, acl, port, host, extra)
	cfg := filepath.Join(dir, "mosquitto.conf")
	os.WriteFile(cfg, []byte(conf), 0o600)
	runMosquitto(t, bin, cfg, addr)
	return "tcp://" + addr
}

func mosquittoBin(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("mosquitto")
	if err != nil {
		for _, p := range []string{"/usr/sbin/mosquitto", "/usr/local/sbin/mosquitto"} {
			if _, err2 := os.Stat(p); err2 == nil {
				bin = p
			}
		}
	}
	if bin == "" {
		t.Skip("mosquitto is not installed (make deps installs it)")
	}
	return bin
}

// currentUser: as root, mosquitto would switch to its own user, who cannot
// read the test's private directory: stay as whoever runs the test.
func currentUser(t *testing.T) string {
	me, err := user.Current()
	if err != nil {
		t.Fatal(err)
	}
	return me.Username
}

// runMosquitto starts mosquitto with the configuration file cfg and waits
// until addr accepts connections.
func runMosquitto(t *testing.T, bin, cfg, addr string) *os.Process {
	t.Helper()
	cmd := exec.Command(bin, "-c", cfg)
	var logs strings.Builder
	cmd.Stderr = &logs
	cmd.Stdout = &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() {
			t.Logf("mosquitto log:\n%s", logs.String())
		}
	})
	eventually(t, 10*time.Second, func() bool {
		c, err := net.Dial("tcp", addr)
		if err == nil {
			c.Close()
		}
		return err == nil
	}, func() string { return "mosquitto did not start: " + logs.String() })
	return cmd.Process
}

func TestEndToEndOnMosquitto(t *testing.T) {
	w := newWorld(t, "wall-01", "booth-02")
	url := startMosquitto(t, w)
	in := w.startIngest(url)
	eventually(t, 10*time.Second, in.Connected, func() string { return "ingest not connected to mosquitto" })
	a, c := w.newKiosk("wall-01", 11), w.newKiosk("booth-02", 12)
	a.submit(t, 400)
	w.startRelay(a, url, nil)
	w.startRelay(c, url, nil)
	c.submit(t, 100)
	eventually(t, 60*time.Second, func() bool { return a.acked(t) == 400 && c.acked(t) == 100 },
		func() string { return fmt.Sprintf("acked %d/400 and %d/100", a.acked(t), c.acked(t)) })
	w.checkExactlyOnce(a, c)
	fleet, _ := w.hubDB.Kiosks(t.Context())
	if len(fleet) != 2 || fleet[0].State != mqtt.StateOnline || fleet[1].State != mqtt.StateOnline {
		t.Errorf("fleet as the hub sees it: %+v", fleet)
	}
}

func TestMosquittoRefusesCrossPublish(t *testing.T) {
	w := newWorld(t, "wall-01", "wall-02")
	url := startMosquitto(t, w)
	in := w.startIngest(url)
	eventually(t, 10*time.Second, in.Connected, func() string { return "ingest not connected to mosquitto" })
	checkNoCrossPublish(t, w, url, nil)
}

func TestCredentialsReadMosquittoPasswd(t *testing.T) {
	bin, err := exec.LookPath("mosquitto_passwd")
	if err != nil {
		t.Skip("mosquitto_passwd is not installed")
	}
	f := filepath.Join(t.TempDir(), "pw")
	os.WriteFile(f, nil, 0o600)
	if out, err := exec.Command(bin, "-b", f, "wall-07", "s3cret 密码").CombinedOutput(); err != nil {
		t.Fatalf("mosquitto_passwd: %v %s", err, out)
	}
	c, err := mqtt.LoadCredentials(f)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Check("wall-07", "s3cret 密码") || c.Check("wall-07", "s3cret") {
		t.Error("a mosquitto_passwd hash is not checked right")
	}
}

// TestCommandsAndConfigOnMosquitto: a signed command and a pushed
// configuration reach a kiosk through Debian's broker with the generated
// ACL (ops may write cmd and config, read res and state), and come back.
func TestCommandsAndConfigOnMosquitto(t *testing.T) {
	w := newWorld(t, "wall-01")
	url := startMosquitto(t, w)
	k := w.newKiosk("wall-01", 11)
	opsPub, opsPriv, _ := ed25519.GenerateKey(rand.Reader)
	h := &ops.Handler{Kiosk: "wall-01", Nonces: k.db, Now: time.Now, MaxAge: time.Hour}
	ops.RegisterStandard(h, ops.Deps{Status: func(ctx context.Context) (any, error) { return k.db.Status(ctx) }})
	cfg := kiosk.Defaults()
	cfg.Kiosk.ID, cfg.Kiosk.Number, cfg.Kiosk.AdminPIN = "wall-01", 11, "480731"
	live := &ops.LiveConfig{Cfg: &cfg, DB: k.db}
	w.trust = mqtt.NewTrust().Add(mqtt.RoleOps, opsPub)
	w.startRelay(k, url, func(r *mqtt.Relay) { r.Commands, r.Config, r.ConfigVersion = h, live, live.Version })
	eventually(t, 10*time.Second, func() bool { return k.relay.Stats().Subscribed }, func() string { return "kiosk not subscribed" })
	o := &mqtt.Ops{Conn: mqtt.Conn{Broker: url, Username: mqtt.UserOps, Password: password(mqtt.UserOps)}, Signer: mqtt.NewSigner(opsPriv)}
	outs, err := o.Send(context.Background(), []string{"wall-01"}, "status", map[string]any{}, 10*time.Second)
	if err != nil || outs[0].Final != mqtt.ResultSucceeded {
		t.Fatalf("status over mosquitto: %+v %v", outs, err)
	}
	next := cfg
	next.Session.TextLimit = 200
	raw, _ := json.Marshal(next)
	oc, err := o.PushConfig(context.Background(), "wall-01", 3, raw, 10*time.Second)
	if err != nil || oc.Final != mqtt.ResultSucceeded || live.Version() != 3 {
		t.Fatalf("config over mosquitto: %+v %v v%d", oc, err, live.Version())
	}
}
