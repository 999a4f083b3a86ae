package mqtt_test

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"opinionwall/mqtt"
)

// TestDeployMosquittoConf runs Debian's mosquitto with the configuration
// installers copy (deploy/mosquitto/opinionwall.conf), only its paths and
// ports moved into the test's directory, and certificates made by
// deploy/mosquitto/make-certs.sh: the hub on the loopback listener, kiosks
// over TLS with client certificates; the ACL holds.
func TestDeployMosquittoConf(t *testing.T) {
	bin := mosquittoBin(t)
	if _, err := exec.LookPath("openssl"); err != nil {
		t.Skip("openssl is not installed")
	}
	w := newWorld(t, "wall-01", "wall-02")
	dir := t.TempDir()
	if out, err := exec.Command("../deploy/mosquitto/make-certs.sh", dir, "127.0.0.1", "wall-01", "wall-02").CombinedOutput(); err != nil {
		t.Fatalf("make-certs: %v\n%s", err, out)
	}
	os.WriteFile(filepath.Join(dir, "passwd"), w.creds.Bytes(), 0o600)
	os.WriteFile(filepath.Join(dir, "acl"), []byte(mqtt.MosquittoACL()), 0o600)
	raw, err := os.ReadFile("../deploy/mosquitto/opinionwall.conf")
	if err != nil {
		t.Fatal(err)
	}
	plain, tlsAddr := freeAddr(t), freeAddr(t)
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
	runMosquitto(t, bin, cfg, plain)
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
