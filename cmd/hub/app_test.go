package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/hub/deskapi"
	"opinionwall/kiosk"
	kiosksqlite "opinionwall/kiosk/sqlite"
	"opinionwall/mqtt"
)

// TestAppBesideService is the station as deployed: `hub run -headless` as
// the service, and the review app (`hub app`) a client of its local API on
// a unix socket, never opening the store. What a worker does in the app
// reaches the kiosk through the service: the ticket update and the wall.
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
	sock := filepath.Join(dir, "run", "desk.sock")
	addr := startHeadless(t, data, pw, filepath.Join(dir, "hub.key"), "-desk-socket", sock)
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

	// The app: a client of the service, as appCmd opens it.
	var c *deskapi.Client
	wait := func(what string, cond func() bool) {
		t.Helper()
		waitFor(t, 30*time.Second, cond, func() string { return "timed out waiting for " + what })
	}
	wait("the service's socket", func() bool { c = &deskapi.Client{Path: sock}; return c.Open() == nil })
	defer c.Close()
	st := clientDesk(c)
	lead, err := st.api.Login(ctx, "zhang", "246813")
	if err != nil {
		t.Fatal(err)
	}
	wait("the case, made by the service", func() bool { _, err := st.api.Case(ctx, lead, s.ID); return err == nil })
	for _, a := range []hub.Action{
		{Kind: hub.ActTriage, Matter: kiosk.MatterSmall, Item: "garbage"},
		{Kind: hub.ActReply, Reply: "今天下午清运"},
		{Kind: hub.ActPublish, WallText: "垃圾站满了"},
	} {
		c, err := st.api.Case(ctx, lead, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.api.Act(ctx, lead, s.ID, c.Version, a); err != nil {
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
