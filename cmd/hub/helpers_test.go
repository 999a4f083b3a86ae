package main

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"opinionwall/kiosk"
	kiosksqlite "opinionwall/kiosk/sqlite"
	"opinionwall/mqtt"
)

// waitFor waits until cond holds, failing the test with what() after d.
func waitFor(t *testing.T, d time.Duration, cond func() bool, what func() string) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("after %s: %s", d, what())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// relayQueued queues subs in a kiosk store in dir/kiosk (wall-01, ticket
// number 12), relays them to the broker at addr as wall-01 with the hub's
// key from dir, and waits until every one is acked. The store and the
// relay stay open until the test ends.
func relayQueued(t *testing.T, dir, addr string, subs []*kiosk.Submission) *kiosksqlite.DB {
	t.Helper()
	ctx := context.Background()
	db := kiosksqlite.NewDB(filepath.Join(dir, "kiosk", "kiosk.db"))
	db.Tickets, _ = kiosk.NewTicketCodec(12, "wall-01")
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, s := range subs {
		if err := db.Submit(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	trust, err := mqtt.LoadTrust(dir)
	if err != nil {
		t.Fatal(err)
	}
	r := &mqtt.Relay{Conn: mqtt.Conn{Broker: "tcp://" + addr, Username: "wall-01", Password: "kiosk-secret"},
		Kiosk: "wall-01", Outbox: db, Downstream: db, Trust: trust, MinBackoff: 50 * time.Millisecond}
	if err := r.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	var st kiosksqlite.Status
	waitFor(t, 30*time.Second, func() bool { st, _ = db.Status(ctx); return st.Acked == len(subs) },
		func() string { return fmt.Sprintf("acked %d/%d: %+v", st.Acked, len(subs), r.Stats()) })
	return db
}
