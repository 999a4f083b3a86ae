package mqtt_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"opinionwall/hub"
	"opinionwall/kiosk"
	"opinionwall/mqtt"
	"opinionwall/mqtt/hubside"
)

// slowStore is the hub's store behind a commit that takes a while, so a
// flood outruns the ingest.
type slowStore struct {
	hub.IngestStore
	delay time.Duration
}

func (s slowStore) Apply(ctx context.Context, b hub.Batch) error {
	time.Sleep(s.delay)
	return s.IngestStore.Apply(ctx, b)
}

// flood has kiosks publish perKiosk up messages of one submission each at
// QoS 1, as fast as the broker acknowledges them (plain clients that never
// resend), and returns every id whose publish the broker acknowledged.
func flood(t *testing.T, url string, kiosks []string, perKiosk int, text string) []string {
	t.Helper()
	var mu sync.Mutex
	var acked []string
	var wg sync.WaitGroup
	for i, k := range kiosks {
		c := rawClient(t, url, k, k, nil)
		t.Cleanup(func() { c.Disconnect(50) })
		wg.Add(1)
		go func() {
			defer wg.Done()
			var g kiosk.UUIDGen
			codec, _ := kiosk.NewTicketCodec(20+i, k)
			var toks []paho.Token
			var ids []string
			for seq := 1; seq <= perKiosk; seq++ {
				s := &kiosk.Submission{ID: g.New(time.Now()), Seq: int64(seq), Kiosk: k, Kind: kiosk.KindOpinion, Ticket: codec.Code(int64(seq)),
					CreatedAt: time.Now(), ClockSynced: true, Body: kiosk.Body{Topic: "sanitation", Text: text, Lang: "zh", Channel: kiosk.ChannelTouch}}
				payload, err := mqtt.EncodeUp(s)
				if err != nil {
					t.Error(err)
					return
				}
				toks = append(toks, c.Publish(mqtt.KioskTopic(k, mqtt.LeafUp), 1, false, payload))
				ids = append(ids, s.ID)
			}
			for j, tok := range toks {
				if tok.WaitTimeout(2*time.Minute) && tok.Error() == nil {
					mu.Lock()
					acked = append(acked, ids[j])
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	return acked
}

// checkNothingLost waits for every acknowledged id to be in the hub's
// store and checks that neither the ingest nor the broker dropped anything.
func checkNothingLost(t *testing.T, w *world, in *hubside.Ingest, acked []string, want int) {
	t.Helper()
	if len(acked) != want {
		t.Errorf("the broker acknowledged %d of %d publishes", len(acked), want)
	}
	ctx := context.Background()
	missing := func() int {
		n := 0
		for _, id := range acked {
			if ok, err := w.hubDB.Has(ctx, id); err != nil || !ok {
				n++
			}
		}
		return n
	}
	// Dropped messages never arrive: the wait ends when all are stored,
	// or the ingest has been idle (its counters still) for ten seconds.
	// The store is read only then, not to slow the ingest.
	last, still := in.Stats(), time.Now()
	for last.Stored < int64(len(acked)) && time.Since(still) < 10*time.Second {
		time.Sleep(50 * time.Millisecond)
		if st := in.Stats(); st != last {
			last, still = st, time.Now()
		}
	}
	st := in.Stats()
	if n := missing(); n > 0 {
		t.Errorf("%d of %d publishes the broker acknowledged never reached the hub's store (ingest %+v)", n, len(acked), st)
	}
	if st.Dropped != 0 {
		t.Errorf("the ingest dropped %d messages: %+v", st.Dropped, st)
	}
	if st.Held == 0 {
		t.Errorf("the flood never filled the ingest's queue (%+v): the test shows nothing", st)
	}
}

// TestFloodPastTheIngestQueue: forty kiosks publish 2,000 submissions at
// once into an ingest whose queue holds 16 messages and whose store is
// slow. Attached to the embedded broker, the ingest holds the kiosks'
// PUBACKs back while full: nothing is dropped, and every publish the
// broker acknowledged reaches the store.
func TestFloodPastTheIngestQueue(t *testing.T) {
	kiosks := make([]string, 40)
	for i := range kiosks {
		kiosks[i] = fmt.Sprintf("wall-%02d", i+1)
	}
	w := newWorld(t, kiosks...)
	b := startBenchBroker(w) // without the kiosks' rate limit
	url := "tcp://" + b.ListenAddr()
	in := w.newIngest(url)
	in.Store, in.Queue, in.BatchMax = slowStore{w.hubDB, 5 * time.Millisecond}, 16, 8
	if err := in.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { in.Close() })
	b.Attach(in)
	eventually(t, 10*time.Second, in.Connected, func() string { return "ingest not connected" })
	acked := flood(t, url, kiosks, 50, "垃圾站很臭")
	checkNothingLost(t, w, in, acked, 2000)
	if st := b.Stats(); st.SlowDropped != 0 || st.InflightDropped != 0 || st.Taken != 2000 {
		t.Errorf("broker %+v: want nothing dropped, all 2,000 taken in-process", st)
	}
}

// TestFloodOnMosquitto: the same flood through Debian's mosquitto with the
// queue settings of deploy/mosquitto/opinionwall.conf. The ingest, full,
// stops taking from its subscription; mosquitto keeps what it
// acknowledged queued for the hub instead of dropping it past its
// default max_queued_messages (1000).
func TestFloodOnMosquitto(t *testing.T) {
	kiosks := make([]string, 40)
	for i := range kiosks {
		kiosks[i] = fmt.Sprintf("wall-%02d", i+1)
	}
	w := newWorld(t, kiosks...)
	url := startMosquittoWith(t, w, deployQueueSettings(t))
	in := w.newIngest(url)
	in.Store, in.Queue, in.BatchMax = slowStore{w.hubDB, 5 * time.Millisecond}, 16, 8
	if err := in.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { in.Close() })
	eventually(t, 10*time.Second, in.Connected, func() string { return "ingest not connected" })
	time.Sleep(200 * time.Millisecond) // the subscriptions granted
	acked := flood(t, url, kiosks, 100, strings.Repeat("垃圾站很臭", 20))
	checkNothingLost(t, w, in, acked, 4000)
}

// deployQueueSettings are the lines of deploy/mosquitto/opinionwall.conf
// that bound what mosquitto queues for a client.
func deployQueueSettings(t *testing.T) string {
	f, err := os.Open("../deploy/mosquitto/opinionwall.conf")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(l, "max_queued_") || strings.HasPrefix(l, "max_inflight_") {
			lines = append(lines, l)
		}
	}
	if len(lines) < 3 {
		t.Fatalf("deploy/mosquitto/opinionwall.conf sets only %q", lines)
	}
	return strings.Join(lines, "\n") + "\n"
}
