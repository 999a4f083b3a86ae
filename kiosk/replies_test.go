package kiosk_test

import (
	"encoding/json"
	"testing"

	"opinionwall/kiosk"
)

// A wall snapshot from a hub before the month's figures still decodes
// (no figures shown); one with them carries them.
func TestWallSnapshotFigures(t *testing.T) {
	old := `{"version":7,"items":[{"id":"a","topic":"traffic","question":"乱停车","reply":"已划线","published_at":"2026-11-20T10:00:00Z"}]}`
	var w kiosk.WallSnapshot
	if err := json.Unmarshal([]byte(old), &w); err != nil || w.Version != 7 || len(w.Items) != 1 || w.Figures != nil {
		t.Fatalf("old snapshot: %+v %v", w, err)
	}
	w.Figures = &kiosk.WallFigures{Month: "2026-11", Received: 128, Replied: 96}
	b, _ := json.Marshal(w)
	var back kiosk.WallSnapshot
	if err := json.Unmarshal(b, &back); err != nil || back.Figures == nil || *back.Figures != *w.Figures {
		t.Fatalf("round trip: %s → %+v %v", b, back.Figures, err)
	}
}
