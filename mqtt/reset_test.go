package mqtt_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/kiosk"
	kiosksqlite "opinionwall/kiosk/sqlite"
	"opinionwall/mqtt"
)

// openKeyed opens kiosk id's store at its usual path with a ticket key.
func (w *world) openKeyed(id string, number int, key []byte) *kioskSide {
	w.t.Helper()
	k := &kioskSide{id: id, db: kiosksqlite.NewDB(filepath.Join(w.dir, id, "kiosk.db"))}
	k.db.Tickets, _ = kiosk.NewTicketCodec(number, id)
	k.db.TicketKey = key
	if err := k.db.Open(); err != nil {
		w.t.Fatal(err)
	}
	w.t.Cleanup(func() { k.db.Close() })
	return k
}

func alertsOf(t *testing.T, w *world, id string) map[string]bool {
	t.Helper()
	ks, err := w.hubDB.Kiosks(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, k := range ks {
		if k.ID == id {
			for _, a := range hub.Alerts(k, time.Now()) {
				out[a.Code] = true
			}
		}
	}
	return out
}

// TestStoreResetKeepsCodesDistinct: a kiosk's store is moved aside (as a
// technician does with a corrupt card, or as Open does) and the kiosk
// starts afresh. Its seqs start at 1 again, but its ticket codes do not:
// every code the hub holds still finds its own submission, none is issued
// twice, and no store_reset is raised. (Before, seq 1's code came again
// and the hub held five tickets twice.) Then a forger with the kiosk's
// password publishes a new submission under an existing code: refused,
// and store_reset raised.
func TestStoreResetKeepsCodesDistinct(t *testing.T) {
	ctx := t.Context()
	w := newWorld(t, "wall-01")
	b := w.startBroker("127.0.0.1:0")
	url := "tcp://" + b.ListenAddr()
	w.startIngest(url)
	key := bytes.Repeat([]byte{7}, kiosk.TicketKeyBytes)

	k := w.openKeyed("wall-01", 11, key)
	w.startRelay(k, url, nil)
	k.submit(t, 5)
	eventually(t, 20*time.Second, func() bool { return k.acked(t) == 5 }, func() string { return "first store not acked" })
	codes := map[string]string{} // ticket → submission id
	collect := func(k *kioskSide) {
		for seq := int64(1); seq <= 5; seq++ {
			s, err := k.db.Submission(ctx, seq)
			if err != nil {
				t.Fatal(err)
			}
			if prev, dup := codes[s.Ticket]; dup {
				t.Fatalf("code %s issued for %s and again for %s", s.Ticket, prev, s.ID)
			}
			codes[s.Ticket] = s.ID
		}
	}
	collect(k)
	k.relay.Close()
	k.db.Close()
	path := filepath.Join(w.dir, "wall-01", "kiosk.db")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Rename(path+suffix, path+".moved"+suffix); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}

	again := w.openKeyed("wall-01", 11, key)
	w.startRelay(again, url, nil)
	again.submit(t, 5)
	eventually(t, 20*time.Second, func() bool { return again.acked(t) == 5 }, func() string { return "fresh store not acked" })
	collect(again)
	for code, id := range codes {
		var c hub.Case
		eventually(t, 10*time.Second, func() bool { var err error; c, err = w.hubDB.CaseByTicket(ctx, code); return err == nil },
			func() string { return "no case for " + code })
		if c.ID != id {
			t.Errorf("code %s finds %s at the hub, issued for %s", code, c.ID, id)
		}
	}
	if rows, _, _ := w.hubDB.Count(ctx); rows != 10 {
		t.Errorf("the hub has %d submissions, want 10", rows)
	}
	if a := alertsOf(t, w, "wall-01"); a[hub.RefusedStoreReset] {
		t.Errorf("store_reset raised for distinct codes: %v", a)
	}

	// The forged duplicate.
	var taken string
	for code := range codes {
		taken = code
		break
	}
	gen := kiosk.UUIDGen{}
	forged := &kiosk.Submission{ID: gen.New(time.Now()), Seq: 99, Kiosk: "wall-01", Kind: kiosk.KindOpinion, Ticket: taken, CreatedAt: time.Now(),
		ClockSynced: true, Body: kiosk.Body{Topic: "sanitation", Text: "冒用回执号", Lang: "zh", Channel: kiosk.ChannelTouch}}
	again.relay.Close()
	raw := rawClient(t, url, "wall-01", "wall-01", nil)
	payload, _ := mqtt.EncodeUp(forged)
	publish(t, raw, mqtt.KioskTopic("wall-01", mqtt.LeafUp), payload)
	eventually(t, 10*time.Second, func() bool { return alertsOf(t, w, "wall-01")[hub.RefusedStoreReset] },
		func() string { return "no store_reset alert for the forged duplicate" })
	if ok, _ := w.hubDB.Has(ctx, forged.ID); ok {
		t.Error("the forged duplicate was stored")
	}
	if c, err := w.hubDB.CaseByTicket(ctx, taken); err != nil || c.ID != codes[taken] {
		t.Errorf("code %s now finds %+v %v", taken, c.ID, err)
	}
}

// TestForeignNumberRefusedThroughTheBroker is the attack with wall-02's
// password: it publishes, on its own topic, a ticket carrying wall-01's
// number. The registry from provisioning says 11 is wall-01's: refused,
// ticket_number raised; wall-02's own ticket goes through.
func TestForeignNumberRefusedThroughTheBroker(t *testing.T) {
	ctx := t.Context()
	w := newWorld(t, "wall-01", "wall-02")
	if err := w.hubDB.RegisterKiosks(ctx, kiosk.Registry{"wall-01": 11, "wall-02": 22}); err != nil {
		t.Fatal(err)
	}
	b := w.startBroker("127.0.0.1:0")
	url := "tcp://" + b.ListenAddr()
	w.startIngest(url)
	wall01, _ := kiosk.NewTicketCodec(11, "wall-01")
	wall02, _ := kiosk.NewTicketCodec(22, "wall-02")
	gen := kiosk.UUIDGen{}
	sub := func(seq int64, ticket string) *kiosk.Submission {
		return &kiosk.Submission{ID: gen.New(time.Now()), Seq: seq, Kiosk: "wall-02", Kind: kiosk.KindOpinion, Ticket: ticket, CreatedAt: time.Now(),
			ClockSynced: true, Body: kiosk.Body{Topic: "sanitation", Text: "意见", Lang: "zh", Channel: kiosk.ChannelTouch}}
	}
	forged, own := sub(1, wall01.Code(3)), sub(2, wall02.Code(2))
	raw := rawClient(t, url, "wall-02", "wall-02", nil)
	eventually(t, 10*time.Second, func() bool {
		payload, _ := mqtt.EncodeUp(forged, own)
		publish(t, raw, mqtt.KioskTopic("wall-02", mqtt.LeafUp), payload)
		ok, _ := w.hubDB.Has(ctx, own.ID)
		return ok
	}, func() string { return "wall-02's own ticket never stored" })
	eventually(t, 10*time.Second, func() bool { return alertsOf(t, w, "wall-02")[hub.RefusedTicketNumber] },
		func() string { return "no ticket_number alert" })
	if ok, _ := w.hubDB.Has(ctx, forged.ID); ok {
		t.Error("wall-02's ticket with wall-01's number was stored")
	}
	if _, err := w.hubDB.CaseByTicket(ctx, forged.Ticket); kiosk.ErrorCode(err) != kiosk.ENOTFOUND {
		t.Errorf("wall-01's code %s finds a case: %v", forged.Ticket, err)
	}
}
