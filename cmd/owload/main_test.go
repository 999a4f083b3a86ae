package main

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"
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
