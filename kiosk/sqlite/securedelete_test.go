package sqlite_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"opinionwall/kiosk"
)

// TestPurgedDataLeavesTheFile: someone who takes the SD card out of a
// kiosk and reads the store's bytes finds no trace of a purged or deleted
// resident's phone number and text: the store overwrites what it deletes
// (secure_delete) and empties the WAL after a purge. Before, the bytes
// stayed in free space and in the WAL until SQLite happened to reuse them.
func TestPurgedDataLeavesTheFile(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	path := filepath.Join(t.TempDir(), "kiosk.db")
	db := MustOpenDB(t, path, clk)
	const phone, secret = "13987654321", "门牌秘密七号院"
	var subs []*kiosk.Submission
	for i := 0; i < 40; i++ { // enough rows to span pages
		s := newSubmission(clk.Now(), secret+" 请打 "+phone)
		s.Body.Contact = &kiosk.Contact{Name: "李秀兰", Phone: phone, Consent: true}
		if err := db.Submit(ctx, s); err != nil {
			t.Fatal(err)
		}
		subs = append(subs, s)
	}
	for _, s := range subs {
		if _, err := db.Ack(ctx, []string{s.ID}); err != nil {
			t.Fatal(err)
		}
	}
	clk.Advance(10 * 24 * time.Hour)
	if n, err := db.Purge(ctx, 7*24*time.Hour); err != nil || n != len(subs) {
		t.Fatalf("purge: %d %v", n, err)
	}
	if n, err := db.DeleteDelivered(ctx, 7*24*time.Hour); err != nil || n != len(subs) {
		t.Fatalf("delete: %d %v", n, err)
	}
	// The card pulled while the kiosk runs: the files as they are now,
	// the WAL included.
	for _, f := range []string{path, path + "-wal"} {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, s := range []string{phone, secret} {
			if bytes.Contains(b, []byte(s)) {
				t.Errorf("%s still holds %q after the purge", filepath.Base(f), s)
			}
		}
	}
}
