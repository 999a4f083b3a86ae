package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// TestMeasureHubsIngest measures the district's ingest with three hubs
// (-shared, one PostgreSQL) against one hub, in alternating rounds of the
// same load: every kiosk with a backlog connecting at once, timed from the
// relays' start until the store holds every submission and every kiosk
// has its acks. It only measures (docs/BENCHMARKS.md, "Three hubs against
// one"); run it with OW_MEASURE_HUBS=ROUNDS, e.g.
//
//	OW_PG_DURABLE=1 OW_MEASURE_HUBS=3 go test -run TestMeasureHubsIngest -v ./cmd/hub
func TestMeasureHubsIngest(t *testing.T) {
	rounds, _ := strconv.Atoi(os.Getenv("OW_MEASURE_HUBS"))
	if rounds <= 0 {
		t.Skip("a measurement: set OW_MEASURE_HUBS=ROUNDS")
	}
	one := shape{hubs: 1, kiosks: 40, each: 500, window: 1024}
	three := one
	three.hubs, three.shared = 3, true
	for round := 1; round <= rounds; round++ {
		for _, sh := range []shape{one, three} {
			t.Run(fmt.Sprintf("round%d/hubs%d", round, sh.hubs), func(t *testing.T) {
				rate, took := measureIngest(t, sh)
				t.Logf("%d hub(s): %d submissions from %d kiosks in %s: %.0f submissions/s",
					sh.hubs, sh.kiosks*sh.each, sh.kiosks, took.Round(time.Millisecond), rate)
			})
		}
	}
}

// measureIngest runs one round: a new broker, database and hubs.
func measureIngest(t *testing.T, sh shape) (float64, time.Duration) {
	s := newDistrict(t, sh)
	ks := s.queueKiosks()
	ctx := context.Background()
	total := int64(sh.kiosks * sh.each)
	start := time.Now()
	s.startRelays(ks)
	waitFor(t, 5*time.Minute, func() bool { n, _, _ := s.db.Count(ctx); return n == total && drained(t, ks) },
		func() string {
			n, _, _ := s.db.Count(ctx)
			return fmt.Sprintf("stored %d of %d; %s", n, total, outboxes(t, ks))
		})
	took := time.Since(start)
	for _, p := range s.hubs {
		p.cmd.Process.Signal(syscall.SIGTERM)
		p.cmd.Wait()
		p.cmd = nil
	}
	return float64(total) / took.Seconds(), took
}
