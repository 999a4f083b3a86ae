package sqlite_test

import (
	"context"
	"encoding/json"
	"testing"

	"opinionwall/hub"
	"opinionwall/kiosk"
)

// TestSnapshotVersions: a name never stored is version 0; a version not
// above the stored one is refused as a conflict and changes nothing.
func TestSnapshotVersions(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	if v, raw, err := db.Snapshot(ctx, hub.SnapshotWall); err != nil || v != 0 || raw != nil {
		t.Fatalf("empty store: version %d, %s, %v", v, raw, err)
	}
	for _, c := range []struct {
		name     string
		version  int64
		payload  string
		conflict bool
	}{
		{"first", 5, `{"n":1}`, false},
		{"same version", 5, `{"n":2}`, true},
		{"older", 4, `{"n":3}`, true},
		{"newer", 6, `{"n":4}`, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := db.PutSnapshot(ctx, hub.SnapshotWall, c.version, json.RawMessage(c.payload))
			if got := kiosk.ErrorCode(err) == kiosk.ECONFLICT; got != c.conflict || (err != nil && !c.conflict) {
				t.Errorf("put version %d: %v", c.version, err)
			}
		})
	}
	v, raw, err := db.Snapshot(ctx, hub.SnapshotWall)
	if err != nil || v != 6 || string(raw) != `{"n":4}` {
		t.Errorf("stored: version %d, %s, %v", v, raw, err)
	}
	if v, _, _ := db.Snapshot(ctx, hub.SnapshotPolls); v != 0 {
		t.Errorf("the polls snapshot has version %d; only the wall was stored", v)
	}
}
