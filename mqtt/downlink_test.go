package mqtt_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/internal/freeport"
	"opinionwall/kiosk"
	"opinionwall/mqtt"
	"opinionwall/mqtt/hubside"
)

// TestDownlinkSurvivesBrokerOutage: ticket updates made while the broker is
// down wait in the hub's store and reach the kiosk once it is back; the
// wall, retained on a broker that lost everything in its restart, is
// published again.
func TestDownlinkSurvivesBrokerOutage(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w := newWorld(t, "wall-01")
	addr := freeport.Addr(t)
	url := "tcp://" + addr
	b := w.startBroker(addr)
	in := &hubside.Ingest{
		Conn:  mqtt.Conn{Broker: url, Username: mqtt.UserHub, Password: password(mqtt.UserHub), KeepAlive: 5 * time.Second},
		Store: w.hubDB, Signer: w.signer, Log: testLog(t),
	}
	cl, _ := hub.ParseChecklist(hub.DefaultChecklist())
	desk := &hub.Desk{Store: w.hubDB, Checklist: cl, Now: time.Now}
	dl := &hubside.Downlink{Ingest: in, Store: w.hubDB, Signer: w.signer, Interval: 50 * time.Millisecond, Log: testLog(t)}
	in.OnOnline = dl.KioskOnline
	if err := in.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { in.Close() })
	desk.Notify = dl.Wake
	if err := dl.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dl.Close() })
	lead := hub.Worker{ID: "zhang", Name: "张丽", Role: hub.RoleLead}
	lead.PINHash, _ = hub.HashPIN("246813")
	w.hubDB.PutWorker(ctx, lead)

	k := w.newKiosk("wall-01", 11)
	k.submit(t, 30)
	w.startRelay(k, url, nil)
	eventually(t, 20*time.Second, func() bool { return k.acked(t) == 30 }, func() string { return fmt.Sprintf("acked %d", k.acked(t)) })
	eventually(t, 10*time.Second, func() bool { in, _ := w.hubDB.Inbox(ctx, hub.Filter{}); return in.Total == 30 },
		func() string { return "the cases were not made" })

	act := func(id string, a hub.Action) {
		t.Helper()
		c, _, err := w.hubDB.Case(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := desk.Act(ctx, lead, id, c.Version, a); err != nil {
			t.Fatalf("%s %s: %v", id, a.Kind, err)
		}
	}
	// One published before the outage.
	act(k.ids[0], hub.Action{Kind: hub.ActTriage, Matter: kiosk.MatterSmall})
	act(k.ids[0], hub.Action{Kind: hub.ActReply, Reply: "已处理"})
	act(k.ids[0], hub.Action{Kind: hub.ActPublish, WallText: "问题一"})
	eventually(t, 10*time.Second, func() bool { wl, _ := k.db.Wall(ctx); return len(wl.Items) == 1 }, func() string { return "wall before the outage" })

	b.Close()
	eventually(t, 10*time.Second, func() bool { return !in.Connected() }, func() string { return "the hub still connected" })
	for _, id := range k.ids[1:] {
		act(id, hub.Action{Kind: hub.ActTriage, Matter: kiosk.MatterBig})
		act(id, hub.Action{Kind: hub.ActReply, Reply: "回复 " + id[len(id)-4:]})
	}
	act(k.ids[1], hub.Action{Kind: hub.ActPublish, WallText: "问题二"})
	time.Sleep(300 * time.Millisecond) // a few downlink rounds with the broker down
	if p, _ := w.hubDB.PendingTickets(ctx, 1000); len(p) != 58 {
		t.Fatalf("%d ticket updates pending while the broker is down, want 58", len(p))
	}

	w.startBroker(addr) // empty: the retained wall is gone with the old one
	eventually(t, 30*time.Second, func() bool {
		for _, id := range k.ids[1:] {
			c, _, err := w.hubDB.Case(ctx, id)
			if err != nil {
				return false
			}
			ts, err := k.db.LookupTicket(ctx, c.Ticket)
			if err != nil || ts.Status != kiosk.StatusReplied {
				return false
			}
		}
		return true
	}, func() string {
		p, _ := w.hubDB.PendingTickets(ctx, 1000)
		return fmt.Sprintf("%d still pending", len(p))
	})
	eventually(t, 10*time.Second, func() bool { wl, _ := k.db.Wall(ctx); return len(wl.Items) == 2 }, func() string { return "wall after the outage" })

	// A kiosk that connects later still gets the wall: it is retained again.
	k2 := w.newKiosk("wall-02", 12)
	w.creds.Set("wall-02", password("wall-02"))
	w.startRelay(k2, url, nil)
	eventually(t, 10*time.Second, func() bool { wl, _ := k2.db.Wall(ctx); return len(wl.Items) == 2 }, func() string { return "wall at a new kiosk" })
}
