package mqtt_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"opinionwall/mqtt"
	"opinionwall/mqtt/broker"
)

// drainCount is how many submissions the drain and its baseline send:
// 10,000, or OW_DRAIN_N (the sustained run: 100,000).
func drainCount(b *testing.B) int {
	n := 10_000
	if v := os.Getenv("OW_DRAIN_N"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n <= 0 {
			b.Fatalf("OW_DRAIN_N=%q: not a count", v)
		}
	}
	return n
}

// BenchmarkDrain is the whole path for 10,000 (OW_DRAIN_N) queued
// submissions: kiosk store → relay → embedded broker → ingest → hub store
// (committed, cases made) → signed acks → kiosk store marked acked, over
// loopback, timed until both the last ack is marked and the last case
// exists in the station's inbox. Compare with BenchmarkBarePahoQoS1 from
// the same run (docs/BENCHMARKS.md). The kiosk sends up to 32 submissions
// per message, the baseline one per message.
func BenchmarkDrain(b *testing.B) {
	drainN := drainCount(b)
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		w := newWorld(b, "wall-01")
		br := startBenchBroker(w)
		url := "tcp://" + br.ListenAddr()
		in := w.startIngest(url)
		eventually(b, 10*time.Second, in.Connected, func() string { return "ingest not connected" })
		k := queuedKiosk(b, w, drainN)
		b.StartTimer()
		start, cpu0 := time.Now(), cpuTime()
		w.startRelay(k, url, nil) // default window
		for k.relay.Stats().Acked < int64(drainN) {
			time.Sleep(2 * time.Millisecond)
		}
		acked := time.Since(start)
		for made := int64(0); made < int64(drainN); time.Sleep(2 * time.Millisecond) {
			var err error
			if made, err = w.hubDB.CasesMade(ctx); err != nil {
				b.Fatal(err)
			}
		}
		el, cpu := time.Since(start), cpuTime()-cpu0
		b.StopTimer()
		b.ReportMetric(float64(drainN)/el.Seconds(), "submissions/s")
		b.ReportMetric(float64(drainN)/acked.Seconds(), "acked/s")
		b.ReportMetric(float64(cpu.Microseconds())/float64(drainN), "cpu-µs/submission")
		b.ReportMetric(float64(k.relay.Stats().Resent), "resends")
		w.checkExactlyOnce(k)
		k.relay.Close()
		b.StartTimer()
	}
}

// BenchmarkBarePahoQoS1 is the baseline: one paho client publishing 10,000
// (OW_DRAIN_N) QoS 1 messages of a submission's size, pipelined (no wait between
// publishes), to the same embedded broker, until every PUBACK is in. No
// store on either side, nobody subscribed.
func BenchmarkBarePahoQoS1(b *testing.B) {
	_, payload := validUp(b)
	drainN := drainCount(b)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		w := newWorld(b, "wall-01")
		br := startBenchBroker(w)
		c := rawClient(b, "tcp://"+br.ListenAddr(), "wall-01", "wall-01", nil)
		topic := mqtt.KioskTopic("wall-01", mqtt.LeafUp)
		toks := make([]paho.Token, 0, drainN)
		b.StartTimer()
		start, cpu0 := time.Now(), cpuTime()
		for j := 0; j < drainN; j++ {
			toks = append(toks, c.Publish(topic, 1, false, payload))
		}
		for _, t := range toks {
			if !t.WaitTimeout(30*time.Second) || t.Error() != nil {
				b.Fatal(fmt.Errorf("publish: %v", t.Error()))
			}
		}
		el, cpu := time.Since(start), cpuTime()-cpu0
		b.StopTimer()
		b.ReportMetric(float64(drainN)/el.Seconds(), "submissions/s")
		b.ReportMetric(float64(cpu.Microseconds())/float64(drainN), "cpu-µs/submission")
		c.Disconnect(50)
		b.StartTimer()
	}
}

// queuedKiosk is kiosk wall-01 with n submissions queued: a copy of a
// store filled once per n and kept in the temporary directory (filling
// 100,000 one durable Submit at a time takes minutes here).
func queuedKiosk(b *testing.B, w *world, n int) *kioskSide {
	b.Helper()
	tpl := filepath.Join(os.TempDir(), fmt.Sprintf("ow-drain-%d", n))
	if _, err := os.Stat(filepath.Join(tpl, "ids")); err != nil {
		fillTemplate(b, tpl, n)
	}
	dst := filepath.Join(w.dir, "wall-01")
	if err := os.MkdirAll(dst, 0o750); err != nil {
		b.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(tpl, "kiosk.db"))
	if err == nil {
		err = os.WriteFile(filepath.Join(dst, "kiosk.db"), data, 0o600)
	}
	ids, rerr := os.ReadFile(filepath.Join(tpl, "ids"))
	if err != nil || rerr != nil {
		b.Fatal(err, rerr)
	}
	k := w.newKiosk("wall-01", 11)
	k.ids = strings.Fields(string(ids))
	if len(k.ids) != n {
		b.Fatalf("template %s holds %d ids, not %d", tpl, len(k.ids), n)
	}
	return k
}

// fillTemplate makes the store queuedKiosk copies: n submissions stored
// as residents would, then closed (checkpointed into one file).
func fillTemplate(b *testing.B, tpl string, n int) {
	tmp := tpl + fmt.Sprintf(".%d", os.Getpid())
	os.RemoveAll(tmp)
	tw := &world{t: b, dir: tmp}
	k := tw.newKiosk("wall-01", 11)
	k.submit(b, n)
	if err := k.db.Close(); err != nil {
		b.Fatal(err)
	}
	src := filepath.Join(tmp, "wall-01")
	if err := os.WriteFile(filepath.Join(src, "ids"), []byte(strings.Join(k.ids, "\n")), 0o600); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(src, tpl); err != nil && !errors.Is(err, os.ErrExist) {
		b.Fatal(err)
	}
	os.RemoveAll(tmp)
}

// startBenchBroker starts the embedded broker without the kiosks' rate
// limit (10 messages a second after a burst of 100: a kiosk draining after
// an outage is paced by it, and dropped messages would be resent): the
// benchmarks measure what the hub can take. The limit has its own tests.
func startBenchBroker(w *world) *broker.Broker {
	w.t.Helper()
	l := broker.DefaultLimits()
	l.Kiosk = broker.Rate{Msgs: 1e9, MsgBurst: 1e9, Bytes: 1e12, ByteBurst: 1e12}
	b := &broker.Broker{Addr: "127.0.0.1:0", Credentials: w.creds, Limits: l, Log: testLog(w.t)}
	if err := b.Open(); err != nil {
		w.t.Fatal(err)
	}
	w.t.Cleanup(func() { b.Close() })
	return b
}

// cpuTime is the CPU time (user and system) this process has used: the
// kiosk, the broker and the hub all run in it here.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
