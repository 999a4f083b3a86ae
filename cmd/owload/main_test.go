package main

import (
	"context"
	"testing"
	"time"
)

func TestLoadSmall(t *testing.T) {
	res, err := load(context.Background(), options{kiosks: 10, perKiosk: 30, window: 4, timeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if res.total != 300 || res.stored != 300 || len(res.latencies) != 300 {
		t.Fatalf("total %d, stored %d, latencies %d", res.total, res.stored, len(res.latencies))
	}
	if res.ingest.Acked != 300 || res.ingest.Rejected != 0 {
		t.Errorf("ingest %+v", res.ingest)
	}
	if res.percentile(0) > res.percentile(1) || res.rate() <= 0 {
		t.Errorf("figures: p0 %v p100 %v rate %v", res.percentile(0), res.percentile(1), res.rate())
	}
}
