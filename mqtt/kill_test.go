package mqtt_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	hubsqlite "opinionwall/hub/sqlite"
	"opinionwall/internal/pgdb"
	"opinionwall/internal/pgtest"
	"opinionwall/kiosk"
	kiosksqlite "opinionwall/kiosk/sqlite"
	"opinionwall/mqtt"
	"opinionwall/mqtt/hubside"
)

// The test binary doubles as a kiosk relay or a hub ingest process, so that
// a test can kill one with SIGKILL and start it again.
const (
	childEnv = "OW_MQTT_CHILD" // "relay" or "hub"
	argsEnv  = "OW_MQTT_CHILD_ARGS"
)

func TestMain(m *testing.M) {
	switch os.Getenv(childEnv) {
	case "relay":
		runRelayChild(strings.Split(os.Getenv(argsEnv), "|"))
	case "hub":
		runHubChild(strings.Split(os.Getenv(argsEnv), "|"))
	default:
		code := m.Run()
		pgtest.StopShared()
		os.Exit(code)
	}
}

func childFail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "child: "+format+"\n", args...)
	os.Exit(2)
}

// runRelayChild: url, kiosk id, kiosk number, store path, trust dir.
func runRelayChild(a []string) {
	db := kiosksqlite.NewDB(a[3])
	var number int
	fmt.Sscan(a[2], &number)
	db.Tickets, _ = kiosk.NewTicketCodec(number, a[1])
	if err := db.Open(); err != nil {
		childFail("open: %v", err)
	}
	trust, err := mqtt.LoadTrust(a[4])
	if err != nil {
		childFail("%v", err)
	}
	r := &mqtt.Relay{
		Conn:  mqtt.Conn{Broker: a[0], Username: a[1], Password: password(a[1]), KeepAlive: 2 * time.Second, ConnectTimeout: 2 * time.Second},
		Kiosk: a[1], Outbox: db, Downstream: db, Voice: db, VoiceRate: 1 << 20, Trust: trust, Window: 32,
		AckTimeout: 3 * time.Second, MinBackoff: 100 * time.Millisecond, MaxBackoff: time.Second,
	}
	if err := r.Open(); err != nil {
		childFail("%v", err)
	}
	waitForSignal()
}

// runHubChild: url, store path, key file.
func runHubChild(a []string) {
	db := hubsqlite.NewDB(a[1])
	if err := db.Open(); err != nil {
		childFail("open: %v", err)
	}
	key, err := mqtt.LoadPrivateKey(a[2])
	if err != nil {
		childFail("%v", err)
	}
	in := &hubside.Ingest{Conn: mqtt.Conn{Broker: a[0], Username: mqtt.UserHub, Password: password(mqtt.UserHub), KeepAlive: 2 * time.Second},
		Store: db, Signer: mqtt.NewSigner(key)}
	voices := &hubside.Voices{Ingest: in, Store: db, Signer: in.Signer}
	in.OnVoice = voices.Offer
	if err := voices.Open(); err != nil {
		childFail("%v", err)
	}
	if err := in.Open(); err != nil {
		childFail("%v", err)
	}
	waitForSignal()
}

func waitForSignal() {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGTERM, os.Interrupt)
	<-ch
	os.Exit(0)
}

// child is a process of the test binary in one of the child roles.
type child struct {
	t    *testing.T
	role string
	args []string
	cmd  *exec.Cmd
	logs strings.Builder
}

func startChild(t *testing.T, role string, args ...string) *child {
	t.Helper()
	c := &child{t: t, role: role, args: args}
	c.start()
	t.Cleanup(func() { c.kill() })
	return c
}

func (c *child) start() {
	exe, err := os.Executable()
	if err != nil {
		c.t.Fatal(err)
	}
	c.cmd = exec.Command(exe, "-test.run=^$")
	c.cmd.Env = append(os.Environ(), childEnv+"="+c.role, argsEnv+"="+strings.Join(c.args, "|"))
	c.cmd.Stderr = &c.logs
	if err := c.cmd.Start(); err != nil {
		c.t.Fatal(err)
	}
}

// kill ends the child with SIGKILL: no clean shutdown, no offline message.
func (c *child) kill() {
	if c.cmd == nil || c.cmd.Process == nil {
		return
	}
	c.cmd.Process.Signal(syscall.SIGKILL)
	c.cmd.Wait()
	if ws, ok := c.cmd.ProcessState.Sys().(syscall.WaitStatus); ok && !ws.Signaled() {
		c.t.Errorf("%s child ended by itself: %s", c.role, c.logs.String())
	}
	c.cmd = nil
}

// keyFiles writes the world's signing key pair as files for child processes.
func keyFiles(t *testing.T) (keyFile, trustDir string, signer *mqtt.Signer, trust *mqtt.Trust) {
	dir := t.TempDir()
	if _, err := mqtt.GenerateKey(dir, "hub"); err != nil {
		t.Fatal(err)
	}
	key, err := mqtt.LoadPrivateKey(filepath.Join(dir, "hub.key"))
	if err != nil {
		t.Fatal(err)
	}
	trust, err = mqtt.LoadTrust(dir)
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "hub.key"), dir, mqtt.NewSigner(key), trust
}

func TestKioskKilledDuringDrain(t *testing.T) {
	w := newWorld(t, "wall-01")
	_, trustDir, signer, trust := keyFiles(t)
	w.signer, w.trust = signer, trust
	b := w.startBroker("127.0.0.1:0")
	url := "tcp://" + b.ListenAddr()
	w.startIngest(url)
	k := w.newKiosk("wall-01", 11)
	k.submit(t, 3000)
	path := k.db.Path
	k.db.Close() // the child owns the store now

	ctx := context.Background()
	hubCount := func() int64 { n, _, _ := w.hubDB.Count(ctx); return n }
	c := startChild(t, "relay", url, "wall-01", "11", path, trustDir)
	var atKills []int64
	for round := 1; round <= 3; round++ {
		target := int64(300 * round)
		eventually(t, 60*time.Second, func() bool { return hubCount() >= target },
			func() string { return fmt.Sprintf("hub has %d (round %d): %s", hubCount(), round, c.logs.String()) })
		c.kill()
		atKills = append(atKills, hubCount())
		c.start()
	}
	if atKills[0] >= 3000 {
		t.Fatalf("the drain was over before the first kill (%v): nothing was tested", atKills)
	}
	t.Logf("killed the kiosk with %v of 3000 in the hub", atKills)
	eventually(t, 60*time.Second, func() bool { return hubCount() == 3000 },
		func() string { return fmt.Sprintf("hub has %d/3000: %s", hubCount(), c.logs.String()) })
	// Let the last acks land, stop the child, and look at the kiosk's store.
	db := kiosksqlite.NewDB(path)
	db.ReadOnly = true
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	eventually(t, 30*time.Second, func() bool { st, _ := db.Status(ctx); return st.Acked == 3000 },
		func() string { st, _ := db.Status(ctx); return fmt.Sprintf("kiosk store: %+v", st) })
	w.checkExactlyOnce(k)
}

func TestHubKilledDuringIngest(t *testing.T) {
	w := newWorld(t, "wall-01", "wall-02")
	keyFile, _, signer, trust := keyFiles(t)
	w.signer, w.trust = signer, trust
	b := w.startBroker("127.0.0.1:0")
	url := "tcp://" + b.ListenAddr()
	hubPath := w.hubDB.Path
	w.stopProjector()
	w.hubDB.Close()
	h := startChild(t, "hub", url, hubPath, keyFile)
	// The parent reads the hub's store beside the child (WAL readers).
	w.hubDB = hubsqlite.NewDB(hubPath)
	eventually(t, 10*time.Second, func() bool { _, err := os.Stat(hubPath); return err == nil || pgdb.IsURL(hubPath) },
		func() string { return "no hub store" })
	if err := w.hubDB.Open(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	hubCount := func() int64 { n, _, _ := w.hubDB.Count(ctx); return n }

	a, c := w.newKiosk("wall-01", 11), w.newKiosk("wall-02", 12)
	a.submit(t, 1500)
	c.submit(t, 1500)
	w.startRelay(a, url, func(r *mqtt.Relay) { r.Window = 16; r.AckTimeout = 3 * time.Second })
	w.startRelay(c, url, func(r *mqtt.Relay) { r.Window = 16; r.AckTimeout = 3 * time.Second })
	var atKills []int64
	for round := 1; round <= 3; round++ {
		target := int64(400 * round)
		eventually(t, 60*time.Second, func() bool { return hubCount() >= target },
			func() string { return fmt.Sprintf("hub has %d (round %d): %s", hubCount(), round, h.logs.String()) })
		h.kill()
		atKills = append(atKills, hubCount())
		time.Sleep(200 * time.Millisecond)
		h.start()
	}
	if atKills[0] >= 3000 {
		t.Fatalf("ingest was over before the first kill (%v): nothing was tested", atKills)
	}
	t.Logf("killed the hub with %v of 3000 stored", atKills)
	eventually(t, 90*time.Second, func() bool { return a.acked(t) == 1500 && c.acked(t) == 1500 },
		func() string {
			return fmt.Sprintf("acked %d/1500 and %d/1500, hub has %d: %s", a.acked(t), c.acked(t), hubCount(), h.logs.String())
		})
	w.checkExactlyOnce(a, c)
}
