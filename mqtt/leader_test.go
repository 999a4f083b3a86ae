package mqtt_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"opinionwall/hub"
	hubsqlite "opinionwall/hub/sqlite"
	"opinionwall/internal/freeport"
	"opinionwall/internal/pgdb"
	"opinionwall/kiosk"
	"opinionwall/mqtt"
	"opinionwall/mqtt/hubside"
)

// countingDownstream counts the ticket updates a kiosk takes in.
type countingDownstream struct {
	kiosk.Downstream
	updates atomic.Int64
}

func (c *countingDownstream) PutTicketUpdate(ctx context.Context, u kiosk.TicketUpdate) error {
	c.updates.Add(1)
	return c.Downstream.PutTicketUpdate(ctx, u)
}

// testDownlinkOnceFromSeveralHubs (TestOnPostgreSQL runs it): three hubs
// share one store on PostgreSQL and the broker's work (shared
// subscriptions); each has its downlink running, and each ticket update
// (triaged, replied) reaches the kiosk once: only the hub holding the advisory lock sends.
// When that hub stops, another takes over and the next updates arrive,
// once each too.
func testDownlinkOnceFromSeveralHubs(t *testing.T) {
	w := newWorld(t, "wall-01")
	if !pgdb.IsURL(w.hubDB.Path) {
		t.Skip("several hubs share a store on PostgreSQL only")
	}
	ctx := context.Background()
	addr := freeport.Addr(t)
	url := "tcp://" + addr
	w.startBroker(addr)
	type station struct {
		db *hubsqlite.DB
		in *hubside.Ingest
		dl *hubside.Downlink
	}
	var hubs []*station
	for i := range 3 {
		s := &station{db: hubsqlite.NewDB(w.hubDB.Path)}
		if err := s.db.Open(); err != nil {
			t.Fatal(err)
		}
		s.in = w.newIngest(url)
		s.in.Store, s.in.Shared, s.in.ClientID = s.db, true, fmt.Sprintf("ow-hub-%d", i)
		s.dl = &hubside.Downlink{Ingest: s.in, Store: s.db, Signer: w.signer, Interval: 20 * time.Millisecond, Leader: s.db, Log: testLog(t)}
		s.in.OnOnline = s.dl.KioskOnline
		if err := s.in.Open(); err != nil {
			t.Fatal(err)
		}
		if err := s.dl.Open(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.dl.Close(); s.in.Close(); s.db.Close() })
		hubs = append(hubs, s)
	}
	k := w.newKiosk("wall-01", 11)
	k.submit(t, 40)
	down := &countingDownstream{Downstream: k.db}
	// A long keepalive: a reconnect would have the hubs queue the kiosk's
	// updates again (on purpose: a broker may have lost them), and this
	// test counts what the kiosk takes in.
	w.startRelay(k, url, func(r *mqtt.Relay) { r.Downstream, r.KeepAlive = down, 30*time.Second })
	eventually(t, 20*time.Second, func() bool { return k.acked(t) == 40 }, func() string { return fmt.Sprintf("acked %d", k.acked(t)) })
	eventually(t, 10*time.Second, func() bool { in, _ := w.hubDB.Inbox(ctx, hub.Filter{}); return in.Total == 40 },
		func() string { return "the cases were not made" })

	cl, _ := hub.ParseChecklist(hub.DefaultChecklist())
	desk := &hub.Desk{Store: w.hubDB, Checklist: cl, Now: time.Now}
	lead := hub.Worker{ID: "zhang", Name: "张丽", Role: hub.RoleLead}
	reply := func(ids []string) {
		t.Helper()
		for _, id := range ids {
			c, _, err := w.hubDB.Case(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			c, err = desk.Act(ctx, lead, id, c.Version, hub.Action{Kind: hub.ActTriage, Matter: kiosk.MatterSmall})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := desk.Act(ctx, lead, id, c.Version, hub.Action{Kind: hub.ActReply, Reply: "已处理 " + id[len(id)-4:]}); err != nil {
				t.Fatal(err)
			}
		}
	}
	replied := func(ids []string) func() bool {
		return func() bool {
			for _, id := range ids {
				c, _, err := w.hubDB.Case(ctx, id)
				if err != nil {
					return false
				}
				if u, err := k.db.LookupTicket(ctx, c.Ticket); err != nil || u.Status != kiosk.StatusReplied {
					return false
				}
			}
			return true
		}
	}
	pending := func() string { p, _ := w.hubDB.PendingTickets(ctx, 1000); return fmt.Sprintf("%d pending", len(p)) }

	reply(k.ids[:20])
	eventually(t, 20*time.Second, replied(k.ids[:20]), pending)
	time.Sleep(300 * time.Millisecond) // many rounds of every hub's downlink
	if n := down.updates.Load(); n != 40 {
		t.Fatalf("the kiosk took in %d ticket updates for 20 cases triaged and replied: the downlink was sent more than once", n)
	}

	// The hub sending stops; another takes over.
	leader := -1
	for i, s := range hubs {
		if ok, err := s.db.Leading(ctx); err == nil && ok {
			leader = i
			break
		}
	}
	if leader < 0 {
		t.Fatal("no hub leads")
	}
	s := hubs[leader]
	s.dl.Close()
	s.in.Close()
	s.db.Close()
	reply(k.ids[20:])
	eventually(t, 20*time.Second, replied(k.ids[20:]), pending)
	time.Sleep(300 * time.Millisecond)
	if n := down.updates.Load(); n != 80 {
		t.Fatalf("the kiosk took in %d ticket updates for 40 cases triaged and replied", n)
	}
}
