package mqtt_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"opinionwall/mqtt"
)

// TestRelayAsksAgainForRefusedSubscriptions: the broker refuses the
// kiosk's ack subscription at first (as nats-server does while a lost
// node's JetStream consumers move); once it would grant it, the relay gets
// it on the same connection and its submissions are acked. The cluster's
// nodes refuse it through the permissions, then reread them on SIGHUP.
func TestRelayAsksAgainForRefusedSubscriptions(t *testing.T) {
	var users string
	d := startNATSDistrict(t, 1, func(conf string) string {
		return strings.Replace(conf, `include "users.conf"`, `include "users-now.conf"`, 1)
	}, func(dir string) {
		users = filepath.Join(dir, "users-now.conf")
		full, _ := os.ReadFile(filepath.Join(dir, "users.conf"))
		ack := `"ow.v1.kiosk.wall-01.ack", `
		if !strings.Contains(string(full), ack) {
			t.Fatalf("users.conf lets wall-01 read no %s", ack)
		}
		os.WriteFile(users, []byte(strings.Replace(string(full), ack, "", 1)), 0o600)
	})
	k := d.kiosks[0]
	k.submit(t, 20)
	// The tests' short backoff (100 ms to 1 s), so the answer after the
	// reload comes soon.
	d.w.startRelay(k, d.cluster.urls(0), func(r *mqtt.Relay) { r.TLS, r.Password = d.cluster.tlsFor(k.id), "" })
	eventually(t, 30*time.Second, func() bool { return d.in.Stats().Stored >= 20 }, func() string { return "nothing reached the hub" })
	time.Sleep(500 * time.Millisecond)
	if k.acked(t) != 0 || k.relay.Stats().Subscribed {
		t.Fatalf("with the ack subscription refused: %d acked, subscribed %v", k.acked(t), k.relay.Stats().Subscribed)
	}

	full, _ := os.ReadFile(filepath.Join(d.cluster.dir, "users.conf"))
	os.WriteFile(users, full, 0o600)
	for _, n := range d.cluster.nodes {
		n.cmd.Process.Signal(syscall.SIGHUP)
	}
	eventually(t, 60*time.Second, func() bool { return k.acked(t) == 20 && k.relay.Stats().Subscribed },
		func() string {
			return fmt.Sprintf("after the permissions allowed it: %d/20 acked, %+v", k.acked(t), k.relay.Stats())
		})
	if c := k.relay.Stats().Connects; c != 1 {
		t.Errorf("the relay connected %d times: it should have asked again on its connection", c)
	}
	d.w.checkExactlyOnce(k)
}
