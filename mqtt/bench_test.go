package mqtt_test

import (
	"fmt"
	"syscall"
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"opinionwall/mqtt"
)

const drainN = 10_000

// BenchmarkDrain is the whole path for 10,000 queued submissions: kiosk
// store → relay → embedded broker → ingest → hub store (committed) → signed
// acks → kiosk store marked acked, over loopback. Compare with
// BenchmarkBarePahoQoS1 from the same run (docs/BENCHMARKS.md).
func BenchmarkDrain(b *testing.B) {
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		w := newWorld(b, "wall-01")
		br := w.startBroker("127.0.0.1:0")
		url := "tcp://" + br.ListenAddr()
		in := w.startIngest(url)
		eventually(b, 10*time.Second, in.Connected, func() string { return "ingest not connected" })
		k := w.newKiosk("wall-01", 11)
		k.submit(b, drainN)
		b.StartTimer()
		start, cpu0 := time.Now(), cpuTime()
		w.startRelay(k, url, nil) // default window
		for k.relay.Stats().Acked < drainN {
			time.Sleep(2 * time.Millisecond)
		}
		el, cpu := time.Since(start), cpuTime()-cpu0
		b.StopTimer()
		b.ReportMetric(drainN/el.Seconds(), "submissions/s")
		b.ReportMetric(float64(cpu.Microseconds())/drainN, "cpu-µs/submission")
		w.checkExactlyOnce(k)
		k.relay.Close()
		b.StartTimer()
	}
}

// BenchmarkBarePahoQoS1 is the baseline: one paho client publishing 10,000
// QoS 1 messages of a submission's size, pipelined (no wait between
// publishes), to the same embedded broker, until every PUBACK is in. No
// store on either side, nobody subscribed.
func BenchmarkBarePahoQoS1(b *testing.B) {
	_, payload := validUp(b)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		w := newWorld(b, "wall-01")
		br := w.startBroker("127.0.0.1:0")
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
		b.ReportMetric(drainN/el.Seconds(), "submissions/s")
		b.ReportMetric(float64(cpu.Microseconds())/drainN, "cpu-µs/submission")
		c.Disconnect(50)
		b.StartTimer()
	}
}

// cpuTime is the CPU time (user and system) this process has used: the
// kiosk, the broker and the hub all run in it here.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
