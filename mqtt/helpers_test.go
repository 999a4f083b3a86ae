package mqtt_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"opinionwall/hub"
	hubsqlite "opinionwall/hub/sqlite"
	"opinionwall/internal/pgtest"
	"opinionwall/kiosk"
	kiosksqlite "opinionwall/kiosk/sqlite"
	"opinionwall/mqtt"
	"opinionwall/mqtt/broker"
	"opinionwall/mqtt/hubside"
)

// world is one station: credentials, a signing key, a hub store.
type world struct {
	t      testing.TB
	dir    string
	creds  *mqtt.Credentials
	signer *mqtt.Signer
	trust  *mqtt.Trust
	hubDB  *hubsqlite.DB
	// stopProjector stops making cases beside the ingest (before the store
	// is closed or handed to another process).
	stopProjector func()
}

func password(user string) string { return "pw-" + user }

func newWorld(t testing.TB, kiosks ...string) *world {
	t.Helper()
	w := &world{t: t, dir: t.TempDir(), creds: &mqtt.Credentials{}}
	for _, u := range append([]string{mqtt.UserHub, mqtt.UserOps}, kiosks...) {
		if err := w.creds.Set(u, password(u)); err != nil {
			t.Fatal(err)
		}
	}
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	w.signer = mqtt.NewSigner(priv)
	w.trust = mqtt.NewTrust().Add(mqtt.RoleHub, pub)
	w.hubDB = hubsqlite.NewDB(pgtest.StorePath(t, filepath.Join(w.dir, "hub")))
	// As the hub runs, cases are made in the ingest's transactions;
	// OW_DEFER_CASES=1 queues them for the projector (the alternative).
	w.hubDB.DeferCases = os.Getenv("OW_DEFER_CASES") != ""
	if err := w.hubDB.Open(); err != nil {
		t.Fatal(err)
	}
	p := &hubsqlite.Projector{DB: w.hubDB, OnError: func(err error) { t.Error(err) }}
	if err := p.Open(); err != nil {
		t.Fatal(err)
	}
	w.stopProjector = func() { p.Close() }
	t.Cleanup(func() { w.stopProjector(); w.hubDB.Close() })
	return w
}

func testLog(t testing.TB) *slog.Logger {
	if os.Getenv("OW_TEST_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return nil
}

// startBroker starts the embedded broker on addr ("127.0.0.1:0" for any port).
func (w *world) startBroker(addr string) *broker.Broker {
	w.t.Helper()
	b := &broker.Broker{Addr: addr, Credentials: w.creds, Log: testLog(w.t)}
	if err := b.Open(); err != nil {
		w.t.Fatal(err)
	}
	w.t.Cleanup(func() { b.Close() })
	return b
}

func (w *world) startIngest(url string) *hubside.Ingest {
	w.t.Helper()
	in := w.newIngest(url)
	if err := in.Open(); err != nil {
		w.t.Fatal(err)
	}
	w.t.Cleanup(func() { in.Close() })
	return in
}

// newIngest is startIngest's ingest, not yet open.
func (w *world) newIngest(url string) *hubside.Ingest {
	return &hubside.Ingest{
		Conn:  mqtt.Conn{Broker: url, Username: mqtt.UserHub, Password: password(mqtt.UserHub), KeepAlive: 5 * time.Second},
		Store: w.hubDB, Signer: w.signer, Log: testLog(w.t),
		// Tests send thousands from one kiosk at once; the quota has its
		// own test (TestQuotaHoldsBackAFlood).
		Quota: &hub.Quota{PerHour: 1 << 30},
	}
}

// reopenHub opens the hub's store beside a hub child process (WAL readers).
func (w *world) reopenHub(path string) *hubsqlite.DB {
	w.t.Helper()
	eventually(w.t, 10*time.Second, func() bool { _, err := os.Stat(path); return err == nil }, func() string { return "no hub store" })
	db := hubsqlite.NewDB(path)
	if err := db.Open(); err != nil {
		w.t.Fatal(err)
	}
	w.t.Cleanup(func() { db.Close() })
	return db
}

// kioskSide is one kiosk: its store and its relay.
type kioskSide struct {
	id    string
	db    *kiosksqlite.DB
	relay *mqtt.Relay
	ids   []string
	gen   kiosk.UUIDGen
}

func (w *world) newKiosk(id string, number int) *kioskSide {
	w.t.Helper()
	k := &kioskSide{id: id, db: kiosksqlite.NewDB(filepath.Join(w.dir, id, "kiosk.db"))}
	k.db.Tickets, _ = kiosk.NewTicketCodec(number, id)
	if err := k.db.Open(); err != nil {
		w.t.Fatal(err)
	}
	w.t.Cleanup(func() { k.db.Close() })
	return k
}

func (w *world) startRelay(k *kioskSide, url string, tune func(r *mqtt.Relay)) *mqtt.Relay {
	w.t.Helper()
	r := &mqtt.Relay{
		Conn:  mqtt.Conn{Broker: url, Username: k.id, Password: password(k.id), KeepAlive: 2 * time.Second, ConnectTimeout: 2 * time.Second},
		Kiosk: k.id, Outbox: k.db, Downstream: k.db, Trust: w.trust,
		AckTimeout: 5 * time.Second, MinBackoff: 100 * time.Millisecond, MaxBackoff: time.Second, Log: testLog(w.t),
	}
	if tune != nil {
		tune(r)
	}
	if err := r.Open(); err != nil {
		w.t.Fatal(err)
	}
	k.relay = r
	w.t.Cleanup(func() { r.Close() })
	return r
}

// submit stores n submissions at the kiosk, as residents would.
func (k *kioskSide) submit(t testing.TB, n int) {
	t.Helper()
	ctx := context.Background()
	for i := 0; i < n; i++ {
		now := time.Now()
		s := &kiosk.Submission{ID: k.gen.New(now), Kiosk: k.id, Kind: kiosk.KindOpinion, CreatedAt: now, ClockSynced: true,
			Body: kiosk.Body{Topic: "sanitation", Text: fmt.Sprintf("意见 %d", i), Lang: "zh", Channel: kiosk.ChannelTouch}}
		if err := k.db.Submit(ctx, s); err != nil {
			t.Fatal(err)
		}
		k.ids = append(k.ids, s.ID)
	}
	if k.relay != nil {
		k.relay.Notify()
	}
}

// eventually waits for cond, failing with msg after timeout. It measures no
// speed: the timeout only keeps a broken test from hanging.
func eventually(t testing.TB, timeout time.Duration, cond func() bool, msg func() string) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up after %s: %s", timeout, msg())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (k *kioskSide) acked(t testing.TB) int {
	st, err := k.db.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st.Acked
}

// checkExactlyOnce checks that every submission committed at the kiosks is
// in the hub exactly once, and nothing else is.
func (w *world) checkExactlyOnce(kiosks ...*kioskSide) {
	w.t.Helper()
	ctx := context.Background()
	total := 0
	for _, k := range kiosks {
		for _, id := range k.ids {
			ok, err := w.hubDB.Has(ctx, id)
			if err != nil || !ok {
				w.t.Fatalf("kiosk %s: submission %s is not in the hub (%v)", k.id, id, err)
			}
		}
		total += len(k.ids)
	}
	rows, distinct, err := w.hubDB.Count(ctx)
	if err != nil {
		w.t.Fatal(err)
	}
	if rows != int64(total) || distinct != rows {
		w.t.Fatalf("hub has %d rows (%d distinct kiosk/seq) for %d submissions", rows, distinct, total)
	}
}
