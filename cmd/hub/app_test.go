package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/kiosk"
	kiosksqlite "opinionwall/kiosk/sqlite"
	"opinionwall/mqtt"
)

// TestAppBesideService is the station as deployed: `hub run -headless` as
// the service, and the review app (`hub app`) working on the same store
// through its own connection. What a worker does in the app reaches the
// kiosk through the service: the ticket update and the wall.
func TestAppBesideService(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "hub")
	var out strings.Builder
	if err := keygenCmd([]string{"-dir", dir, "-name", "hub"}, &out); err != nil {
		t.Fatal(err)
	}
	pw := filepath.Join(dir, "passwd")
	if err := passwdCmd([]string{"-file", pw, "wall-01"}, strings.NewReader("kiosk-secret\n"), &out); err != nil {
		t.Fatal(err)
	}
	if err := workerCmd(context.Background(), []string{"add", "-data", data, "-id", "zhang", "-name", "张丽", "-role", "lead"},
		strings.NewReader("246813\n"), &out); err != nil {
		t.Fatal(err)
	}
	addr := startHeadless(t, data, pw, filepath.Join(dir, "hub.key"))
	ctx := context.Background()

	kdb := kiosksqlite.NewDB(filepath.Join(dir, "kiosk", "kiosk.db"))
	kdb.Tickets, _ = kiosk.NewTicketCodec(12, "wall-01")
	if err := kdb.Open(); err != nil {
		t.Fatal(err)
	}
	defer kdb.Close()
	var g kiosk.UUIDGen
	s := &kiosk.Submission{ID: g.New(time.Now()), Kiosk: "wall-01", Kind: kiosk.KindOpinion, CreatedAt: time.Now(), ClockSynced: true,
		Body: kiosk.Body{Topic: "sanitation", Text: "垃圾站满了", Lang: "zh", Channel: kiosk.ChannelTouch}}
	if err := kdb.Submit(ctx, s); err != nil {
		t.Fatal(err)
	}
	trust, err := mqtt.LoadTrust(dir)
	if err != nil {
		t.Fatal(err)
	}
	r := &mqtt.Relay{Conn: mqtt.Conn{Broker: "tcp://" + addr, Username: "wall-01", Password: "kiosk-secret"},
		Kiosk: "wall-01", Outbox: kdb, Downstream: kdb, Trust: trust, MinBackoff: 50 * time.Millisecond}
	if err := r.Open(); err != nil {
		t.Fatal(err)
	}
	defer r.Close()

	// The app: its own store handle and desk, as appCmd opens them.
	db, err := openStore(data)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	st, err := newDesk(data, db)
	if err != nil {
		t.Fatal(err)
	}
	wait := func(what string, cond func() bool) {
		t.Helper()
		waitFor(t, 30*time.Second, cond, func() string { return "timed out waiting for " + what })
	}
	wait("the case, made by the service", func() bool { _, _, err := db.Case(ctx, s.ID); return err == nil })
	lead, err := st.desk.Login(ctx, "zhang", "246813")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []hub.Action{
		{Kind: hub.ActTriage, Matter: kiosk.MatterSmall, Item: "garbage"},
		{Kind: hub.ActReply, Reply: "今天下午清运"},
		{Kind: hub.ActPublish, WallText: "垃圾站满了"},
	} {
		c, _, err := db.Case(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.desk.Act(ctx, lead, s.ID, c.Version, a); err != nil {
			t.Fatalf("%s: %v", a.Kind, err)
		}
	}
	wait("the reply at the kiosk", func() bool {
		u, err := kdb.LookupTicket(ctx, s.Ticket)
		return err == nil && u.Status == kiosk.StatusReplied && u.Reply == "今天下午清运"
	})
	wait("the wall at the kiosk", func() bool {
		w, _ := kdb.Wall(ctx)
		return len(w.Items) == 1 && w.Items[0].Question == "垃圾站满了"
	})
}
