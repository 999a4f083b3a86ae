package hub_test

import (
	"testing"
	"time"

	"opinionwall/hub"
)

func TestQuota(t *testing.T) {
	q := &hub.Quota{PerHour: 10}
	now := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	taken := 0
	for i := 0; i < 25; i++ {
		if q.Take("wall-01", now) {
			taken++
		}
	}
	if taken != 10 {
		t.Errorf("took %d of 25 at once, want the burst of 10", taken)
	}
	if !q.Take("wall-02", now) {
		t.Error("another kiosk's quota was used up")
	}
	if q.Take("wall-01", now.Add(5*time.Minute)) {
		t.Error("a submission taken five minutes later with 10 an hour")
	}
	if !q.Take("wall-01", now.Add(7*time.Minute)) {
		t.Error("no submission taken after a tenth of an hour")
	}
}
