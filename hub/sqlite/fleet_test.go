package sqlite_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

func TestOutboxGrowingAlert(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	at := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	for i := 0; i < 6; i++ {
		raw, _ := json.Marshal(kiosk.Telemetry{OutboxPending: 10 * i, ClockSynced: true, DiskFreeBytes: 8 << 30})
		b := hub.Batch{Telemetry: []hub.TelemetryReport{{Kiosk: "wall-01", At: at.Add(time.Duration(i) * time.Minute), Raw: raw}},
			Presence: []hub.Presence{{Kiosk: "wall-01", State: "online", At: at}}}
		if err := db.Apply(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	ks, err := db.Kiosks(ctx)
	if err != nil || len(ks) != 1 || ks[0].OutboxRising != 5 {
		t.Fatalf("kiosks %+v %v", ks, err)
	}
	var codes []string
	for _, a := range hub.Alerts(ks[0], at.Add(6*time.Minute)) {
		codes = append(codes, a.Code)
	}
	if strings.Join(codes, ",") != "outbox_growing" {
		t.Errorf("alerts %v", codes)
	}
}
