package main

import (
	"context"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	mochi "github.com/mochi-mqtt/server/v2"
	"github.com/mochi-mqtt/server/v2/packets"
)

func TestLoadSmall(t *testing.T) {
	for _, deferCases := range []bool{false, true} {
		res, err := load(context.Background(), options{kiosks: 10, perKiosk: 30, window: 4, timeout: time.Minute, deferCases: deferCases})
		if err != nil {
			t.Fatal(err)
		}
		if err := res.check(); err != nil {
			t.Fatal(err)
		}
		if res.total != 300 || res.cases != 300 || len(res.latencies) != 300 || len(res.incomplete) != 0 {
			t.Fatalf("total %d, cases %d, latencies %d, incomplete %v", res.total, res.cases, len(res.latencies), res.incomplete)
		}
		if res.ingest.Acked != 300 || res.ingest.Rejected != 0 || res.ingest.Dropped != 0 {
			t.Errorf("ingest %+v", res.ingest)
		}
		if res.percentile(0) > res.percentile(1) || res.rate() <= 0 || res.elapsed < res.acked {
			t.Errorf("figures: p0 %v p100 %v rate %v elapsed %v acked %v", res.percentile(0), res.percentile(1), res.rate(), res.elapsed, res.acked)
		}
	}
}

// TestLoadBatched: -batch sends a queue several submissions to a message,
// within the window, and each still arrives exactly once with its case.
func TestLoadBatched(t *testing.T) {
	res, err := load(context.Background(), options{kiosks: 5, perKiosk: 70, window: 40, batch: 32, timeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if err := res.check(); err != nil {
		t.Fatal(err)
	}
	if res.cases != 350 || res.ingest.Acked != 350 {
		t.Fatalf("cases %d, ingest %+v", res.cases, res.ingest)
	}
	// 70 in at most 40 a window and 32 a message: 3 messages at least a
	// kiosk; one a message would be 70.
	if res.ingest.Received < 15 || res.ingest.Received > 5*35 {
		t.Errorf("%d messages for 350 submissions", res.ingest.Received)
	}
}

// TestLoadTimesOut: kiosks blocked on a full window (far more to send
// than the time allows) end at the timeout, named in the report.
func TestLoadTimesOut(t *testing.T) {
	start := time.Now()
	res, err := load(context.Background(), options{kiosks: 4, perKiosk: 1_000_000, window: 2, timeout: 300 * time.Millisecond})
	if err == nil || !strings.Contains(err.Error(), "4 of 4 kiosks did not finish") {
		t.Fatalf("err %v", err)
	}
	if took := time.Since(start); took > time.Minute {
		t.Errorf("took %s", took)
	}
	if len(res.incomplete) != 4 || !strings.HasPrefix(res.incomplete[0], "load-000 ") {
		t.Errorf("incomplete %v", res.incomplete)
	}
	var out strings.Builder
	res.print(&out)
	if !strings.Contains(out.String(), "incomplete kiosks (4, acked/sent): load-000 ") {
		t.Errorf("report:\n%s", out.String())
	}
}

// TestVerifyFindsEachDefect: the id check is per id, not a row count.
func TestVerifyFindsEachDefect(t *testing.T) {
	s := &sim{ids: []string{"a", "b", "c"}}
	cases := []struct {
		name        string
		subs, cases map[string]int
		want        string
	}{
		{"exact", map[string]int{"a": 1, "b": 1, "c": 1}, map[string]int{"a": 1, "b": 1, "c": 1}, ""},
		{"one lost, one stray: same count", map[string]int{"a": 1, "b": 1, "x": 1}, map[string]int{"a": 1, "b": 1, "c": 1}, "1 missing"},
		{"twice", map[string]int{"a": 2, "b": 1, "c": 1}, map[string]int{"a": 1, "b": 1, "c": 1}, "1 duplicated"},
		{"no case", map[string]int{"a": 1, "b": 1, "c": 1}, map[string]int{"a": 1, "b": 1}, "1 without a case"},
	}
	for _, c := range cases {
		var r result
		r.verify([]*sim{s}, c.subs, c.cases)
		err := r.check()
		if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}

// TestRawSmall: the baseline publishes every message into each bare broker
// and its one subscriber receives them all (mosquitto skipped when not
// installed).
func TestRawSmall(t *testing.T) {
	for _, b := range []string{"mochi", "mosquitto"} {
		t.Run(b, func(t *testing.T) {
			if _, err := os.Stat(mosquittoPath()); b == "mosquitto" && err != nil {
				t.Skip("mosquitto is not installed")
			}
			res, err := rawLoad(context.Background(), options{raw: b, kiosks: 5, perKiosk: 40, window: 4, timeout: time.Minute})
			if err != nil {
				t.Fatal(err)
			}
			if res.total != 200 || len(res.latencies) != 200 || res.received != 200 || res.elapsed <= 0 {
				t.Errorf("total %d, latencies %d, received %d, elapsed %v", res.total, len(res.latencies), res.received, res.elapsed)
			}
			if b == "mochi" && res.dropped != 0 {
				t.Errorf("mochi dropped %d", res.dropped)
			}
		})
	}
}

// loseFrom is a mochi hook that drops every publish of one client after
// the first keep, silently: no PUBACK, as a broker losing them would.
type loseFrom struct {
	mochi.HookBase
	client string
	keep   int
	seen   atomic.Int64
}

func (h *loseFrom) ID() string { return "lose-from" }

func (h *loseFrom) Provides(b byte) bool { return b == mochi.OnPublish }

func (h *loseFrom) OnPublish(cl *mochi.Client, pk packets.Packet) (packets.Packet, error) {
	if cl.ID == h.client && h.seen.Add(1) > int64(h.keep) {
		return pk, packets.ErrRejectPacket
	}
	return pk, nil
}

// TestRawStallNamesTheClient: when the broker loses one client's
// publishes, the baseline ends after the stall time (not -timeout) and
// names that client with its unacknowledged messages.
func TestRawStallNamesTheClient(t *testing.T) {
	lose := &loseFrom{client: "load-002", keep: 10}
	start := time.Now()
	res, err := rawLoad(context.Background(), options{raw: "mochi", kiosks: 4, perKiosk: 40, window: 4,
		timeout: 2 * time.Minute, stall: 2 * time.Second, rawHooks: []mochi.Hook{lose}})
	if err == nil || !strings.Contains(err.Error(), "no PUBACK came for 2s") {
		t.Fatalf("err %v, want the stall named", err)
	}
	if el := time.Since(start); el > time.Minute {
		t.Errorf("the run took %s: it waited for -timeout, not the stall", el)
	}
	if res.stalled != 2*time.Second || len(res.unfinished) != 1 || res.unfinished[0] != "load-002(30)" {
		t.Errorf("stalled %s, unfinished %v; want 2s and [load-002(30)]", res.stalled, res.unfinished)
	}
	var out strings.Builder
	res.print(&out)
	if !strings.Contains(out.String(), "stalled: no PUBACK for 2s\nclients without every PUBACK (1, messages unacknowledged): load-002(30)\n") {
		t.Errorf("printed:\n%s", out.String())
	}
}
