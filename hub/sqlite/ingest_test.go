package sqlite_test

import (
	"context"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

func TestApplyOnceAndGaps(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	t0 := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	s1, s2, s5, s6 := received("wall-01", 1, t0), received("wall-01", 2, t0), received("wall-01", 5, t0), received("wall-01", 6, t0)
	play := received("wall-01", 3, t0)
	play.Body.Flags = []string{kiosk.FlagProbablePlay}
	if err := db.Apply(ctx, hub.Batch{Submissions: []hub.Received{s6, s1, s2, s5}}); err != nil {
		t.Fatal(err)
	}
	// Resent, and seq 3 arrives late: stored once, the gap at 3 closes.
	if err := db.Apply(ctx, hub.Batch{Submissions: []hub.Received{s1, s2, play}}); err != nil {
		t.Fatal(err)
	}
	rows, distinct, _ := db.Count(ctx)
	if rows != 5 || distinct != 5 {
		t.Fatalf("%d rows, %d distinct; want 5, 5", rows, distinct)
	}
	fleet, err := db.Kiosks(ctx)
	if err != nil || len(fleet) != 1 {
		t.Fatalf("fleet %+v %v", fleet, err)
	}
	k := fleet[0]
	if k.LastSeq != 6 || k.Received != 5 || len(k.Gaps) != 1 || k.Gaps[0] != 4 {
		t.Errorf("kiosk %+v", k)
	}
	if !k.LastSeen.Equal(t0) {
		t.Errorf("last seen %v", k.LastSeen)
	}
}

func TestApplyPresenceAndTelemetry(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	t0 := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	err := db.Apply(ctx, hub.Batch{
		Presence:  []hub.Presence{{Kiosk: "booth-02", State: "online", Session: "s1", Version: "v1", At: t0}},
		Telemetry: []hub.TelemetryReport{{Kiosk: "booth-02", At: t0.Add(time.Minute), Raw: []byte(`{"outbox_pending":3}`)}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Apply(ctx, hub.Batch{Presence: []hub.Presence{{Kiosk: "booth-02", State: "lost", At: t0.Add(2 * time.Minute)}}}); err != nil {
		t.Fatal(err)
	}
	fleet, _ := db.Kiosks(ctx)
	k := fleet[0]
	if k.State != "lost" || string(k.Telemetry) != `{"outbox_pending":3}` || !k.LastSeen.Equal(t0.Add(2*time.Minute)) {
		t.Errorf("kiosk %+v", k)
	}
}
