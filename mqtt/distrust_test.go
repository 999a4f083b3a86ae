package mqtt_test

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"opinionwall/hub"
	"opinionwall/internal/sqlitedb"
	"opinionwall/kiosk"
	"opinionwall/mqtt"
	"opinionwall/mqtt/hubside"
)

// TestRefusedFloodIsCapped performs the attack of a stolen kiosk password:
// many submissions the hub refuses, each large. The hub keeps only the
// newest MaxRejectedPerKiosk, each cut to MaxRejectedRawBytes, and raises
// hub_refused for the kiosk.
func TestRefusedFloodIsCapped(t *testing.T) {
	w := newWorld(t, "wall-01")
	b := w.startBroker("127.0.0.1:0")
	url := "tcp://" + b.ListenAddr()
	in := w.startIngest(url)
	eventually(t, 10*time.Second, in.Connected, func() string { return "ingest not connected" })
	c := rawClient(t, url, "wall-01", "wall-01", nil)

	var g kiosk.UUIDGen
	codec, _ := kiosk.NewTicketCodec(11, "wall-01")
	const msgs, per = 10, 30 // 300 refused submissions of about 10 KiB
	for m := 0; m < msgs; m++ {
		var subs []*kiosk.Submission
		for i := 0; i < per; i++ {
			seq := int64(m*per + i + 1)
			subs = append(subs, &kiosk.Submission{ID: g.New(time.Now()), Seq: seq, Kiosk: "wall-01", Kind: "petition",
				Ticket: codec.Code(seq), CreatedAt: time.Now(),
				Body: kiosk.Body{Topic: "station", Text: strings.Repeat("x", 10<<10), Lang: "zh", Channel: kiosk.ChannelTouch}})
		}
		payload, err := mqtt.EncodeUp(subs...)
		if err != nil {
			t.Fatal(err)
		}
		publish(t, c, mqtt.KioskTopic("wall-01", mqtt.LeafUp), payload)
	}
	eventually(t, 20*time.Second, func() bool { return in.Stats().Rejected >= msgs*per },
		func() string { return fmt.Sprintf("ingest stats %+v", in.Stats()) })

	rows, bytes := rejectedSize(t, w)
	if rows > hub.MaxRejectedPerKiosk || bytes > hub.MaxRejectedPerKiosk*(hub.MaxRejectedRawBytes+hub.MaxRejectedRawBytes/4) {
		t.Errorf("the hub kept %d refused submissions, %d bytes, of %d; cap %d of %d bytes", rows, bytes, msgs*per,
			hub.MaxRejectedPerKiosk, hub.MaxRejectedRawBytes)
	}
	fleet, err := w.hubDB.Kiosks(t.Context())
	if err != nil || len(fleet) != 1 {
		t.Fatalf("fleet %v, %v", fleet, err)
	}
	if codes := alertCodes(hub.Alerts(fleet[0], time.Now())); !slices.Contains(codes, "hub_refused") {
		t.Errorf("alerts %v, want hub_refused", codes)
	}
}

// TestIngestDistrustsKioskFields: a kiosk's name with a bidi override, a
// state and telemetry carrying escape sequences, and a created_at in the
// future do not reach the station's screens as they were sent.
func TestIngestDistrustsKioskFields(t *testing.T) {
	w := newWorld(t, "wall-01")
	b := w.startBroker("127.0.0.1:0")
	url := "tcp://" + b.ListenAddr()
	in := w.startIngest(url)
	eventually(t, 10*time.Second, in.Connected, func() string { return "ingest not connected" })
	c := rawClient(t, url, "wall-01", "wall-01", nil)

	var g kiosk.UUIDGen
	codec, _ := kiosk.NewTicketCodec(11, "wall-01")
	sub := func(seq int64) *kiosk.Submission {
		return &kiosk.Submission{ID: g.New(time.Now()), Seq: seq, Kiosk: "wall-01", Kind: kiosk.KindOpinion, Ticket: codec.Code(seq),
			CreatedAt: time.Now(), ClockSynced: true,
			Body: kiosk.Body{Topic: "sanitation", Text: "垃圾站很臭", Lang: "zh", Channel: kiosk.ChannelTouch}}
	}
	spoofed := sub(1)
	spoofed.Body.Contact = &kiosk.Contact{Name: "王\u202e阿姨", Phone: "13812345678", Consent: true}
	future := sub(2)
	future.CreatedAt = time.Now().Add(365 * 24 * time.Hour)
	payload, _ := mqtt.EncodeUp(spoofed, future)
	publish(t, c, mqtt.KioskTopic("wall-01", mqtt.LeafUp), payload)
	publish(t, c, mqtt.KioskTopic("wall-01", mqtt.LeafTele),
		[]byte(`{"v":1,"kiosk":"wall-01","ts":"2026-11-30T10:00:00Z","hardware":"periph\u202e","clock_synced":true}`))
	publish(t, c, mqtt.KioskTopic("wall-01", mqtt.LeafState),
		[]byte(`{"v":1,"state":"online","version":"1.0\u001b[2J","ts":"2026-11-30T10:00:00Z"}`))

	eventually(t, 10*time.Second, func() bool { ok, _ := w.hubDB.Has(t.Context(), future.ID); return ok },
		func() string { return "the future-dated submission was not stored" })
	eventually(t, 10*time.Second, func() bool { return in.Stats().Rejected >= 3 },
		func() string { return fmt.Sprintf("ingest stats %+v", in.Stats()) })
	if ok, _ := w.hubDB.Has(t.Context(), spoofed.ID); ok {
		t.Error("a contact name with a bidi override was stored")
	}
	err := w.hubDB.EachSubmission(t.Context(), func(r hub.Received) error {
		if r.ID == future.ID && (r.CreatedAt.After(r.ReceivedAt) || !r.HasFlag(hub.FlagCreatedAtReplaced)) {
			t.Errorf("stored created_at %v (received %v), flags %v", r.CreatedAt, r.ReceivedAt, r.Body.Flags)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	fleet, _ := w.hubDB.Kiosks(t.Context())
	for _, k := range fleet {
		if strings.Contains(string(k.Telemetry), "\\u202e") || strings.Contains(string(k.Telemetry), "\u202e") || strings.ContainsRune(k.Version, 0x1b) {
			t.Errorf("kiosk row keeps what was sent: version %q telemetry %s", k.Version, k.Telemetry)
		}
	}
}

// rejectedSize reads the rows and bytes of refused submissions kept.
func rejectedSize(t *testing.T, w *world) (rows, bytes int) {
	t.Helper()
	db, err := sql.Open("sqlite", sqlitedb.DSN(filepath.Join(w.dir, "hub", "hub.db"), sqlitedb.Options{BusyTimeout: time.Second, ReadOnly: true}))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.QueryRow(`SELECT count(*), coalesce(sum(length(CAST(raw AS BLOB)) + length(CAST(reason AS BLOB))), 0) FROM rejected_submissions`).Scan(&rows, &bytes); err != nil {
		t.Fatal(err)
	}
	return rows, bytes
}

func alertCodes(as []hub.Alert) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Code)
	}
	return out
}

// TestQuotaHoldsBackAFlood: past its kiosk's quota a submission is neither
// stored nor acknowledged, so a stolen password cannot fill the store and
// a real kiosk keeps what it could not deliver and sends it later.
func TestQuotaHoldsBackAFlood(t *testing.T) {
	w := newWorld(t, "wall-01")
	b := w.startBroker("127.0.0.1:0")
	url := "tcp://" + b.ListenAddr()
	in := &hubside.Ingest{
		Conn:  mqtt.Conn{Broker: url, Username: mqtt.UserHub, Password: password(mqtt.UserHub), KeepAlive: 5 * time.Second},
		Store: w.hubDB, Signer: w.signer, Log: testLog(t), Quota: &hub.Quota{PerHour: 5},
	}
	if err := in.Open(); err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	eventually(t, 10*time.Second, in.Connected, func() string { return "ingest not connected" })
	c := rawClient(t, url, "wall-01", "wall-01", nil)

	var g kiosk.UUIDGen
	codec, _ := kiosk.NewTicketCodec(11, "wall-01")
	var subs []*kiosk.Submission
	for seq := int64(1); seq <= 8; seq++ {
		subs = append(subs, &kiosk.Submission{ID: g.New(time.Now()), Seq: seq, Kiosk: "wall-01", Kind: kiosk.KindOpinion,
			Ticket: codec.Code(seq), CreatedAt: time.Now(), ClockSynced: true,
			Body: kiosk.Body{Topic: "sanitation", Text: "垃圾站很臭", Lang: "zh", Channel: kiosk.ChannelTouch}})
	}
	payload, _ := mqtt.EncodeUp(subs...)
	publish(t, c, mqtt.KioskTopic("wall-01", mqtt.LeafUp), payload)
	// The refusals are counted before the batch's five are stored and
	// acked: wait for both (under load the check ran between them).
	eventually(t, 10*time.Second, func() bool { st := in.Stats(); return st.OverQuota == 3 && st.Acked >= 5 },
		func() string { return fmt.Sprintf("ingest stats %+v", in.Stats()) })
	stored := 0
	for _, s := range subs {
		if ok, _ := w.hubDB.Has(t.Context(), s.ID); ok {
			stored++
		}
	}
	if st := in.Stats(); stored != 5 || st.Acked != 5 {
		t.Errorf("stored %d, stats %+v; want 5 stored and acked of 8", stored, st)
	}
}
