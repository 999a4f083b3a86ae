package mqtt_test

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"opinionwall/internal/pgdb"
	"opinionwall/internal/sqlitedb"
	"opinionwall/kiosk"
	"opinionwall/mqtt"
)

// A submission this hub cannot accept is kept aside and acknowledged, so the
// kiosk does not resend it for ever; the rest of its batch is stored.
func TestIngestKeepsBadSubmissionsAside(t *testing.T) {
	w := newWorld(t, "wall-01")
	b := w.startBroker("127.0.0.1:0")
	url := "tcp://" + b.ListenAddr()
	in := w.startIngest(url)
	eventually(t, 10*time.Second, in.Connected, func() string { return "ingest not connected" })

	c := rawClient(t, url, "wall-01", "wall-01", nil)
	var mu sync.Mutex
	acked := map[string]bool{}
	tok := c.Subscribe(mqtt.KioskTopic("wall-01", mqtt.LeafAck), 1, func(_ paho.Client, m paho.Message) {
		ack, err := w.trust.OpenAck("wall-01", m.Payload())
		if err != nil {
			t.Errorf("ack: %v", err)
			return
		}
		mu.Lock()
		for _, id := range ack.IDs {
			acked[id] = true
		}
		mu.Unlock()
	})
	if !tok.WaitTimeout(5*time.Second) || tok.Error() != nil {
		t.Fatal(tok.Error())
	}

	var g kiosk.UUIDGen
	codec, _ := kiosk.NewTicketCodec(11, "wall-01")
	sub := func(seq int64, kind kiosk.Kind) *kiosk.Submission {
		return &kiosk.Submission{ID: g.New(time.Now()), Seq: seq, Kiosk: "wall-01", Kind: kind, Ticket: codec.Code(seq), CreatedAt: time.Now(),
			Body: kiosk.Body{Topic: "station", Rating: 3, Lang: "zh", Channel: kiosk.ChannelButton}}
	}
	good, bad := sub(1, kiosk.KindRating), sub(2, "petition") // a kind this hub does not know
	payload, _ := mqtt.EncodeUp(good, bad)
	publish(t, c, mqtt.KioskTopic("wall-01", mqtt.LeafUp), payload)

	eventually(t, 10*time.Second, func() bool { mu.Lock(); defer mu.Unlock(); return acked[good.ID] && acked[bad.ID] },
		func() string { return fmt.Sprintf("acked %v", acked) })
	if ok, _ := w.hubDB.Has(t.Context(), good.ID); !ok {
		t.Error("the good submission of the batch was not stored")
	}
	if ok, _ := w.hubDB.Has(t.Context(), bad.ID); ok {
		t.Error("the bad submission was stored as a submission")
	}
	if n, err := rejectedCount(w); err != nil || n != 1 {
		t.Errorf("rejected kept aside: %d, %v", n, err)
	}
	if st := in.Stats(); st.Rejected != 1 || st.Stored != 1 {
		t.Errorf("ingest stats %+v", st)
	}
}

// rejectedCount reads how many submissions the hub's store kept aside as
// rejected, through a read-only connection of its own (nothing in the hub
// reads them back: they are there for looking into).
func rejectedCount(w *world) (int64, error) {
	var db *sql.DB
	var err error
	if pgdb.IsURL(w.hubDB.Path) {
		db, err = pgdb.Open(w.hubDB.Path)
	} else {
		db, err = sql.Open("sqlite", sqlitedb.DSN(filepath.Join(w.dir, "hub", "hub.db"), sqlitedb.Options{BusyTimeout: time.Second, ReadOnly: true}))
	}
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var n int64
	err = db.QueryRow(`SELECT count(*) FROM rejected_submissions`).Scan(&n)
	return n, err
}
