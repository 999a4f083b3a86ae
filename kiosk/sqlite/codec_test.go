package sqlite_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"opinionwall/kiosk"
	"opinionwall/kiosk/sqlite"
)

// testKey is a fixed ticket key, so the tests' codes are the same each run.
var testKey = bytes.Repeat([]byte{0x5a, 0x17}, kiosk.TicketKeyBytes/2)

func openWithKey(t *testing.T, path string, key []byte, clk *clock) *sqlite.DB {
	t.Helper()
	db := sqlite.NewDB(path)
	db.Tickets, db.TicketKey, db.Now = mustCodec(t), key, clk.Now
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	return db
}

func submitN(t *testing.T, db *sqlite.DB, clk *clock, n int) []string {
	t.Helper()
	var codes []string
	for range n {
		s := newSubmission(clk.Now(), "")
		if err := db.Submit(context.Background(), s); err != nil {
			t.Fatal(err)
		}
		codes = append(codes, s.Ticket)
	}
	return codes
}

// TestCodesCannotBeDerivedFromTheKioskID is the attack: wall-01's id is
// public (its topics, its screen), and its codes used to be the id-keyed
// permutation of 1, 2, 3... Computed that way, none of the codes a kiosk
// with a ticket key issues is found.
func TestCodesCannotBeDerivedFromTheKioskID(t *testing.T) {
	clk := newClock()
	db := openWithKey(t, filepath.Join(t.TempDir(), "kiosk.db"), testKey, clk)
	defer db.Close()
	issued := map[string]bool{}
	for _, c := range submitN(t, db, clk, 50) {
		issued[c] = true
	}
	derived, _ := kiosk.NewTicketCodec(12, "wall-01")
	for n := int64(0); n <= 10_000; n++ {
		if issued[derived.Code(n)] {
			t.Fatalf("code %s derived from the kiosk id (counter %d) was issued", derived.Code(n), n)
		}
	}
	if keyed, _ := db.KeyedTickets(); !keyed {
		t.Error("KeyedTickets = false with a ticket key")
	}
}

// TestLegacyCodesStayValid: a kiosk that issued id-keyed codes before it
// got a ticket key keeps them (they are looked up as before) and never
// issues one of them again, though the keyed codes fall anywhere.
func TestLegacyCodesStayValid(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	path := filepath.Join(t.TempDir(), "kiosk.db")
	old := openWithKey(t, path, nil, clk)
	legacy := submitN(t, old, clk, 5)
	old.Close()
	derived, _ := kiosk.NewTicketCodec(12, "wall-01")
	if legacy[0] != derived.Code(1) {
		t.Fatalf("without a key the codes are the legacy ones: %s, want %s", legacy[0], derived.Code(1))
	}

	db := openWithKey(t, path, testKey, clk)
	defer db.Close()
	for _, c := range legacy {
		if _, err := db.LookupTicket(ctx, c); err != nil {
			t.Errorf("legacy code %s after the key: %v", c, err)
		}
	}
	// Every legacy counter the kiosk may have issued (up to its
	// reservation), not only those still in the store.
	legacySet := map[string]bool{}
	for n := int64(1); n <= 1005; n++ {
		legacySet[derived.Code(n)] = true
	}
	for _, c := range submitN(t, db, clk, 5000) {
		if legacySet[c] {
			t.Fatalf("the keyed codec issued %s, a legacy code", c)
		}
	}
}

// TestCodesNeverRepeatAfterStoreReset: the store is moved aside (by an
// operator, or by Open because it was corrupt) and the kiosk starts
// afresh; the new store's codes differ from every code issued before.
func TestCodesNeverRepeatAfterStoreReset(t *testing.T) {
	for _, key := range [][]byte{testKey, nil} {
		clk := newClock()
		dir := t.TempDir()
		path := filepath.Join(dir, "kiosk.db")
		seen := map[string]bool{}
		for round := range 3 {
			db := openWithKey(t, path, key, clk)
			for _, c := range submitN(t, db, clk, 20) {
				if seen[c] {
					t.Fatalf("key %v, store %d: code %s issued again", key != nil, round, c)
				}
				seen[c] = true
			}
			db.Close()
			switch round {
			case 0: // moved aside by hand
				for _, suffix := range []string{"", "-wal", "-shm"} {
					os.Rename(path+suffix, filepath.Join(dir, "old.db"+suffix))
				}
			case 1: // corrupt: Open moves it aside
				if err := os.WriteFile(path, bytes.Repeat([]byte("not a database "), 1000), 0o600); err != nil {
					t.Fatal(err)
				}
				os.Remove(path + "-wal")
			}
		}
	}
}
