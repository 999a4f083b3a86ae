package mqtt_test

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"opinionwall/internal/ca"
	"opinionwall/internal/freeport"
	"opinionwall/mqtt"
)

// TestDeployMosquittoConf runs Debian's mosquitto with the configuration
// installers copy (deploy/mosquitto/opinionwall.conf), only its paths and
// ports moved into the test's directory, and certificates from the
// station's CA (internal/ca, `hub ca`): the hub on the loopback listener,
// kiosks over TLS with client certificates; a revoked certificate (the
// conf's crlfile) and one from another CA are refused; the ACL holds.
func TestDeployMosquittoConf(t *testing.T) {
	bin := mosquittoBin(t)
	w := newWorld(t, "wall-01", "wall-02", "wall-03")
	dir := stationCA(t, "wall-01", "wall-02", "wall-03")
	os.WriteFile(filepath.Join(dir, "passwd"), w.creds.Bytes(), 0o600)
	os.WriteFile(filepath.Join(dir, "acl"), []byte(mqtt.MosquittoACL()), 0o600)
	raw, err := os.ReadFile("../deploy/mosquitto/opinionwall.conf")
	if err != nil {
		t.Fatal(err)
	}
	plain, tlsAddr := freeport.Addr(t), freeport.Addr(t)
	_, plainPort, _ := net.SplitHostPort(plain)
	_, tlsPort, _ := net.SplitHostPort(tlsAddr)
	conf := string(raw)
	for _, r := range [][2]string{
		{"/etc/mosquitto/opinionwall/", dir + "/"},
		{"listener 1883 127.0.0.1", "listener " + plainPort + " 127.0.0.1"},
		{"listener 8883\n", "listener " + tlsPort + " 127.0.0.1\n"},
	} {
		if !strings.Contains(conf, r[0]) {
			t.Fatalf("the deploy configuration has no %q", r[0])
		}
		conf = strings.ReplaceAll(conf, r[0], r[1])
	}
	// Debian's mosquitto.conf sets these before including conf.d.
	conf = fmt.Sprintf("user %s\npersistence false\nlog_dest stderr\n%s", currentUser(t), conf)
	cfg := filepath.Join(dir, "mosquitto.conf")
	os.WriteFile(cfg, []byte(conf), 0o600)
	proc := runMosquitto(t, bin, cfg, plain)
	eventually(t, 10*time.Second, func() bool {
		c, err := net.Dial("tcp", tlsAddr)
		if err == nil {
			c.Close()
		}
		return err == nil
	}, func() string { return "the TLS listener did not open" })

	in := w.startIngest("tcp://" + plain)
	eventually(t, 10*time.Second, in.Connected, func() string { return "ingest not connected to mosquitto" })
	k := w.newKiosk("wall-01", 11)
	k.submit(t, 200)
	kioskTLS, err := mqtt.TLSConfig(filepath.Join(dir, "ca.crt"), filepath.Join(dir, "kiosks", "wall-01.crt"), filepath.Join(dir, "kiosks", "wall-01.key"))
	if err != nil {
		t.Fatal(err)
	}
	w.startRelay(k, "ssl://"+tlsAddr, func(r *mqtt.Relay) { r.TLS = kioskTLS })
	eventually(t, 60*time.Second, func() bool { return k.acked(t) == 200 },
		func() string { return fmt.Sprintf("acked %d/200 over TLS", k.acked(t)) })
	w.checkExactlyOnce(k)

	// Without a client certificate the TLS listener refuses the kiosk, even
	// with the right password.
	noCert, _ := mqtt.TLSConfig(filepath.Join(dir, "ca.crt"), "", "")
	c := paho.NewClient(paho.NewClientOptions().AddBroker("ssl://" + tlsAddr).SetClientID("wall-02").
		SetUsername("wall-02").SetPassword(password("wall-02")).SetTLSConfig(noCert).SetProtocolVersion(4).
		SetConnectTimeout(3 * time.Second).SetAutoReconnect(false))
	if tok := c.Connect(); tok.WaitTimeout(5*time.Second) && tok.Error() == nil {
		c.Disconnect(10)
		t.Fatal("a kiosk without a client certificate connected")
	}
	// wall-03's certificate is revoked (ca.crl); another CA's certificate
	// for wall-02 is not the station's: both refused with the right password.
	for name, files := range map[string][2]string{
		"a revoked certificate":    {filepath.Join(dir, "revoked", "wall-03.crt"), filepath.Join(dir, "revoked", "wall-03.key")},
		"another CA's certificate": {filepath.Join(dir, "other", "kiosks", "wall-02.crt"), filepath.Join(dir, "other", "kiosks", "wall-02.key")},
	} {
		user := strings.TrimSuffix(filepath.Base(files[0]), ".crt")
		conf, err := mqtt.TLSConfig(filepath.Join(dir, "ca.crt"), files[0], files[1])
		if err != nil {
			t.Fatal(err)
		}
		c := paho.NewClient(paho.NewClientOptions().AddBroker("ssl://" + tlsAddr).SetClientID(user).
			SetUsername(user).SetPassword(password(user)).SetTLSConfig(conf).SetProtocolVersion(4).
			SetConnectTimeout(3 * time.Second).SetAutoReconnect(false))
		if tok := c.Connect(); tok.WaitTimeout(5*time.Second) && tok.Error() == nil {
			c.Disconnect(10)
			t.Errorf("%s connected to mosquitto", name)
		}
	}
	// wall-02 revoked while mosquitto runs: its certificate works until
	// mosquitto rereads the CRL on SIGHUP (systemctl reload mosquitto).
	tlsLogin := func(user, crt, key string) error {
		conf, err := mqtt.TLSConfig(filepath.Join(dir, "ca.crt"), crt, key)
		if err != nil {
			return err
		}
		c := paho.NewClient(paho.NewClientOptions().AddBroker("ssl://" + tlsAddr).SetClientID(user + "-probe").
			SetUsername(user).SetPassword(password(user)).SetTLSConfig(conf).SetProtocolVersion(4).
			SetConnectTimeout(3 * time.Second).SetAutoReconnect(false))
		if err := mqtt.WaitToken(c.Connect(), 5*time.Second, "connect"); err != nil {
			return err
		}
		c.Disconnect(10)
		return nil
	}
	authority, err := ca.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	crt2, key2 := authority.KioskFiles("wall-02")
	b2, _ := os.ReadFile(crt2)
	k2, _ := os.ReadFile(key2)
	crt2, key2 = filepath.Join(dir, "revoked", "wall-02.crt"), filepath.Join(dir, "revoked", "wall-02.key")
	os.WriteFile(crt2, b2, 0o600)
	os.WriteFile(key2, k2, 0o600)
	if err := tlsLogin("wall-02", crt2, key2); err != nil {
		t.Fatalf("wall-02's certificate before its revocation: %v", err)
	}
	if _, err := authority.Revoke("wall-02"); err != nil {
		t.Fatal(err)
	}
	proc.Signal(syscall.SIGHUP)
	eventually(t, 10*time.Second, func() bool { return tlsLogin("wall-02", crt2, key2) != nil },
		func() string { return "mosquitto took wall-02's revoked certificate after SIGHUP" })

	// wall-01's certificate with wall-02's name and password is wall-01:
	// what it publishes on wall-02's topics never reaches the hub.
	heardUp := make(chan string, 4)
	upSpy := rawClient(t, "tcp://"+plain, mqtt.UserHub, "up-spy", nil)
	if tok := upSpy.Subscribe(mqtt.KioskTopic("wall-02", mqtt.LeafUp), 1, func(_ paho.Client, m paho.Message) { heardUp <- string(m.Payload()) }); !tok.WaitTimeout(5*time.Second) || tok.Error() != nil {
		t.Fatal(tok.Error())
	}
	thief := paho.NewClient(paho.NewClientOptions().AddBroker("ssl://" + tlsAddr).SetClientID("wall-02").
		SetUsername("wall-02").SetPassword(password("wall-02")).SetTLSConfig(kioskTLS).SetProtocolVersion(4).
		SetConnectTimeout(3 * time.Second).SetAutoReconnect(false))
	if tok := thief.Connect(); tok.WaitTimeout(5*time.Second) && tok.Error() == nil {
		thief.Publish(mqtt.KioskTopic("wall-02", mqtt.LeafUp), 1, false, "wall-01's card as wall-02").WaitTimeout(5 * time.Second)
		thief.Disconnect(10)
	}
	select {
	case got := <-heardUp:
		t.Fatalf("wall-01's certificate published as wall-02: %q", got)
	case <-time.After(time.Second):
	}
	// The ACL: a kiosk cannot publish as another kiosk. (The check connects
	// as wall-01 itself: its relay steps aside.)
	k.relay.Close()
	checkNoCrossPublish(t, w, "tcp://"+plain, nil)

	// No kiosk writes a cmd topic, its own or another's; the ops user does.
	// A listener with read access to everything (the hub user) sees what
	// the broker let through.
	heard := make(chan string, 8)
	spy := rawClient(t, "tcp://"+plain, mqtt.UserHub, "ow-hub-spy", nil)
	if tok := spy.Subscribe("ow/v1/kiosk/+/cmd", 1, func(_ paho.Client, m paho.Message) { heard <- string(m.Payload()) }); !tok.WaitTimeout(5*time.Second) || tok.Error() != nil {
		t.Fatal(tok.Error())
	}
	kc := rawClient(t, "tcp://"+plain, "wall-02", "wall-02", nil)
	kc.Publish(mqtt.KioskTopic("wall-02", mqtt.LeafCmd), 1, false, "from wall-02 to itself").WaitTimeout(5 * time.Second)
	kc.Publish(mqtt.KioskTopic("wall-01", mqtt.LeafCmd), 1, false, "from wall-02 to wall-01").WaitTimeout(5 * time.Second)
	oc := rawClient(t, "tcp://"+plain, mqtt.UserOps, "ow-ops-1", nil)
	oc.Publish(mqtt.KioskTopic("wall-01", mqtt.LeafCmd), 1, false, "from ops").WaitTimeout(5 * time.Second)
	select {
	case got := <-heard:
		if got != "from ops" {
			t.Fatalf("the broker passed a kiosk's command: %q", got)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the ops user's command did not get through")
	}
	select {
	case got := <-heard:
		t.Fatalf("more got through: %q", got)
	case <-time.After(300 * time.Millisecond):
	}
}

// stationCA makes the station's CA in a temporary folder as `hub ca init`
// does (-host 127.0.0.1) and issues the kiosks' certificates; the last
// kiosk's certificate is then revoked (kept in revoked/ for the test). A
// second CA in other/ issues certificates with the same names.
func stationCA(t *testing.T, kiosks ...string) string {
	t.Helper()
	dir := t.TempDir()
	c, err := ca.Init(dir, "test station CA")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.IssueServer([]string{"127.0.0.1"}); err != nil {
		t.Fatal(err)
	}
	for _, id := range kiosks {
		if _, err := c.IssueKiosk(id, false); err != nil {
			t.Fatal(err)
		}
	}
	last := kiosks[len(kiosks)-1]
	os.Mkdir(filepath.Join(dir, "revoked"), 0o700)
	crt, key := c.KioskFiles(last)
	for _, f := range []string{crt, key} {
		b, _ := os.ReadFile(f)
		os.WriteFile(filepath.Join(dir, "revoked", filepath.Base(f)), b, 0o600)
	}
	if _, err := c.Revoke(last); err != nil {
		t.Fatal(err)
	}
	other, err := ca.Init(filepath.Join(dir, "other"), "another CA")
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range kiosks {
		if _, err := other.IssueKiosk(id, false); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
