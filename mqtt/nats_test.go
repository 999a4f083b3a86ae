package mqtt_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"opinionwall/mqtt"
	"opinionwall/mqtt/hubside"
)

// natsDistrict is a hub and kiosks on a three-node nats-server cluster:
// kiosk i connects first to node i mod 3 (its -broker list starts there),
// the hub to node 1.
type natsDistrict struct {
	w       *world
	cluster *natsCluster
	in      *hubside.Ingest
	kiosks  []*kioskSide
}

// edit may change each node's configuration, before may write files into
// the directory the nodes read (nil for none).
func startNATSDistrict(t *testing.T, nKiosks int, edit func(string) string, before func(dir string)) *natsDistrict {
	t.Helper()
	var ids []string
	for i := range nKiosks {
		ids = append(ids, fmt.Sprintf("wall-%02d", i+1))
	}
	w := newWorld(t, ids...)
	// stationCA revokes its last kiosk: a spare one.
	caDir := stationCA(t, append(append([]string{mqtt.UserHub, mqtt.UserOps}, ids...), "spare-99")...)
	d := &natsDistrict{w: w, cluster: startNATSCluster(t, caDir, append([]string{mqtt.UserHub, mqtt.UserOps}, ids...), edit, before)}
	d.in = w.newIngest(d.cluster.urls(0))
	// The certificate is the login: a password sent with it is refused.
	d.in.TLS, d.in.Password = d.cluster.tlsFor(mqtt.UserHub), ""
	d.in.KeepAlive = 0 // the hub's default, 30 s
	if err := d.in.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.in.Close() })
	eventually(t, 30*time.Second, func() bool { return d.in.Stats().Received > 0 || d.in.Connected() },
		func() string { return "the hub did not connect to the cluster" })
	for i, id := range ids {
		d.kiosks = append(d.kiosks, w.newKiosk(id, 11+i))
	}
	return d
}

// startRelays starts the kiosks' relays with the timings a kiosk runs
// with (the defaults: keepalive 30 s, connect timeout 10 s, ack timeout
// 30 s, reconnect backoff 1 s to 15 s), not the tests' short ones: what
// fails over in the field is measured here.
func (d *natsDistrict) startRelays(t *testing.T) {
	for i, k := range d.kiosks {
		d.w.startRelay(k, d.cluster.urls(i), func(r *mqtt.Relay) {
			r.TLS, r.Password = d.cluster.tlsFor(k.id), ""
			r.KeepAlive, r.ConnectTimeout, r.AckTimeout, r.MinBackoff, r.MaxBackoff = 0, 0, 0, 0, 0
		})
	}
}

func (d *natsDistrict) acked(t *testing.T) (sum, want int) {
	for _, k := range d.kiosks {
		sum += k.acked(t)
		want += len(k.ids)
	}
	return sum, want
}

// TestNATSClusterRelays: kiosks on each of the three nodes, the hub on one,
// everything over TLS with certificate-mapped users: every submission is
// stored once and acked.
func TestNATSClusterRelays(t *testing.T) {
	d := startNATSDistrict(t, 3, nil, nil)
	for _, k := range d.kiosks {
		k.submit(t, 100)
	}
	d.startRelays(t)
	eventually(t, 60*time.Second, func() bool { s, w := d.acked(t); return s == w },
		func() string { s, w := d.acked(t); return fmt.Sprintf("acked %d/%d", s, w) })
	d.w.checkExactlyOnce(d.kiosks...)
}

// TestNATSClusterNodeKilled kills (SIGKILL) the node leading the stream of
// QoS 1 messages in the middle of a backlog drain: the kiosks and the hub
// move to the other nodes, every kiosk's backlog is acked while the node
// is down, and after it is restarted a second wave goes through it; every
// submission is in the hub exactly once. It logs the failover time.
func TestNATSClusterNodeKilled(t *testing.T) {
	const perKiosk = 600
	d := startNATSDistrict(t, 6, nil, nil)
	for _, k := range d.kiosks {
		k.submit(t, perKiosk)
	}
	d.startRelays(t)
	ctx := context.Background()
	hubCount := func() int64 { n, _, _ := d.w.hubDB.Count(ctx); return n }
	total := int64(perKiosk * len(d.kiosks))
	eventually(t, 120*time.Second, func() bool { return hubCount() >= total/4 },
		func() string { return fmt.Sprintf("hub has %d of %d before the kill", hubCount(), total) })

	victim := d.cluster.leaderOf("$MQTT_msgs")
	if victim < 0 {
		t.Fatal("no node leads $MQTT_msgs")
	}
	before := make([]int, len(d.kiosks))
	for i, k := range d.kiosks {
		before[i] = k.acked(t)
	}
	atKill := hubCount()
	killed := time.Now()
	d.cluster.nodes[victim].kill()
	t.Logf("killed %s (leader of $MQTT_msgs) with %d of %d stored", d.cluster.nodes[victim].name, atKill, total)

	// Failover: from the kill until every kiosk that still had a backlog
	// has had a new submission acked.
	firstAck := make([]time.Duration, len(d.kiosks))
	var hubFlow time.Duration
	eventually(t, 120*time.Second, func() bool {
		since := time.Since(killed)
		if hubFlow == 0 && hubCount() > atKill {
			hubFlow = since
		}
		done := true
		for i, k := range d.kiosks {
			if firstAck[i] == 0 && k.acked(t) > before[i] {
				firstAck[i] = since
			}
			done = done && (firstAck[i] != 0 || before[i] == len(k.ids))
		}
		return done
	}, func() string { s, w := d.acked(t); return fmt.Sprintf("after the kill: acked %d/%d", s, w) })
	slowest := slices.Max(firstAck)
	var each []string
	for i, k := range d.kiosks {
		each = append(each, fmt.Sprintf("%s@%s %s", k.id, d.cluster.nodes[i%3].name, firstAck[i].Round(10*time.Millisecond)))
	}
	t.Logf("failover: the hub stored again %s after the kill, every kiosk acked again %s after it (%s)",
		hubFlow.Round(10*time.Millisecond), slowest.Round(10*time.Millisecond), strings.Join(each, ", "))
	if atKill >= total {
		t.Fatalf("the drain was over before the kill: nothing was tested")
	}
	eventually(t, 180*time.Second, func() bool { s, w := d.acked(t); return s == w },
		func() string {
			s, w := d.acked(t)
			return fmt.Sprintf("with a node down: acked %d/%d, hub has %d", s, w, hubCount())
		})
	t.Logf("backlog drained with %s down %s after the kill", d.cluster.nodes[victim].name, time.Since(killed).Round(10*time.Millisecond))

	// The node comes back and catches up; a second wave goes through it
	// (its kiosks' lists start there).
	restarted := time.Now()
	d.cluster.nodes[victim].start()
	// Healthy once caught up. nats-server 2.9.10 sometimes keeps a
	// restarted node's /healthz failing on a consumer "not current" for
	// good (seen once in about 16 runs) while the node serves its clients:
	// the second wave then shows the cluster works, and the log says so.
	node := d.cluster.nodes[victim]
	eventually(t, 30*time.Second, node.listening, func() string { return node.name + " did not come back: " + node.log() })
	why := "not yet"
	for deadline := time.Now().Add(60 * time.Second); why != "" && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		why = node.healthz()
	}
	if why == "" {
		t.Logf("%s healthy again %s after its restart", node.name, time.Since(restarted).Round(10*time.Millisecond))
	} else {
		t.Logf("%s not healthy %s after its restart (it serves clients): %s", node.name, time.Since(restarted).Round(10*time.Millisecond), why)
	}
	for _, k := range d.kiosks {
		k.submit(t, 50)
	}
	eventually(t, 120*time.Second, func() bool { s, w := d.acked(t); return s == w },
		func() string { s, w := d.acked(t); return fmt.Sprintf("second wave: acked %d/%d", s, w) })
	d.w.checkExactlyOnce(d.kiosks...)
	for _, k := range d.kiosks {
		st, err := k.db.Status(ctx)
		if err != nil || st.Pending != 0 {
			t.Errorf("kiosk %s: queue %+v %v", k.id, st, err)
		}
	}
}
